//! Turning arbitrary field names into `context_data` keys (`[a-zA-Z-]+`).
//!
//! # Rules
//!
//! Applied character by character, in this order:
//!
//! 1. ASCII letters are kept, with their case (`firstName` stays `firstName`).
//! 2. Each digit becomes its English name as a word of its own: `age2` → `age-two`,
//!    `2fa` → `two-fa`, `line10` → `line-one-zero`. Digits carry meaning (`address1` and
//!    `address2` must stay apart), so they are spelled out rather than dropped.
//! 3. Common accented Latin letters are transliterated with a small built-in table (`é` → `e`,
//!    `ß` → `ss`, `Æ` → `AE`, `ł` → `l`...), case kept.
//! 4. Every other character (`_`, spaces, punctuation, `-` itself, letters of other scripts,
//!    emoji) is a word separator.
//! 5. Words are joined with a single `-`; no leading or trailing `-`.
//! 6. The key is cut to [`MAX_KEY_CHARS`] characters (then trailing `-` removed).
//!
//! A name with nothing left (`"__"`, `"名前"`) becomes [`UNNAMED_KEY`]. Keeping the value under a
//! neutral name is better for the agent than losing it; the [`MappingReport`] says so.
//!
//! [`MappingReport`]: super::MappingReport

/// The longest `context_data` key produced, in characters.
pub const MAX_KEY_CHARS: usize = 64;

/// The key given to a field whose name has no usable character.
pub const UNNAMED_KEY: &str = "unnamed";

const DIGITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];

/// The `context_data` key for a field name, following the module's rules.
///
/// ```
/// use ringcentral_engage::profile::context_key;
///
/// assert_eq!(context_key("accepted_gdpr"), "accepted-gdpr");
/// assert_eq!(context_key("age2"), "age-two");
/// assert_eq!(context_key("Prénom"), "Prenom");
/// assert_eq!(context_key("名前"), "unnamed");
/// ```
pub fn context_key(name: &str) -> String {
    let key = sanitize(name);
    if key.is_empty() {
        UNNAMED_KEY.to_owned()
    } else {
        key
    }
}

/// The sanitized key, possibly empty.
pub(crate) fn sanitize(name: &str) -> String {
    if is_clean(name) {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() + 8);
    // Whether a separator is due before the next word.
    let mut pending = false;
    let push_word = |out: &mut String, word: &str, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push('-');
        }
        *pending = false;
        out.push_str(word);
    };
    for c in name.chars() {
        if out.len() > MAX_KEY_CHARS {
            break;
        }
        if c.is_ascii_alphabetic() {
            let mut buf = [0u8; 4];
            push_word(&mut out, c.encode_utf8(&mut buf), &mut pending);
        } else if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            pending = true;
            push_word(&mut out, DIGITS[d as usize], &mut pending);
            pending = true;
        } else if let Some(latin) = transliterate(c) {
            push_word(&mut out, latin, &mut pending);
        } else {
            pending = true;
        }
    }
    if out.len() > MAX_KEY_CHARS {
        out.truncate(MAX_KEY_CHARS);
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Already a valid key within the length limit, with no doubled or edge `-`.
pub(crate) fn is_clean(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= MAX_KEY_CHARS
        && name.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
        && !name.starts_with('-')
        && !name.ends_with('-')
        && !name.contains("--")
}

/// The ASCII spelling of a common accented Latin letter.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Č' => "C",
        'ç' | 'ć' | 'č' => "c",
        'Ð' | 'Ď' | 'Đ' => "D",
        'ð' | 'ď' | 'đ' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'Ğ' => "G",
        'ğ' => "g",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'Ł' | 'Ľ' => "L",
        'ł' | 'ľ' => "l",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ñ' | 'ń' | 'ň' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ř' => "R",
        'ř' => "r",
        'Ś' | 'Š' | 'Ş' => "S",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'Ť' | 'Ţ' => "T",
        'ť' | 'ţ' => "t",
        'Þ' => "TH",
        'þ' => "th",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ý' | 'Ÿ' => "Y",
        'ý' | 'ÿ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sdk::objects::is_context_key;

    #[test]
    fn rules() {
        let cases = [
            ("accepted_gdpr", "accepted-gdpr"),
            ("accepted-gdpr", "accepted-gdpr"),
            ("age2", "age-two"),
            ("2fa", "two-fa"),
            ("line10", "line-one-zero"),
            ("  Date of birth  ", "Date-of-birth"),
            ("__a__b__", "a-b"),
            ("--x--", "x"),
            ("Straße", "Strasse"),
            ("Prénom", "Prenom"),
            ("ŒUVRE", "OEUVRE"),
            ("user.address.city", "user-address-city"),
            ("a😀b", "a-b"),
            ("日本語key", "key"),
        ];
        for (raw, key) in cases {
            assert_eq!(context_key(raw), key, "{raw:?}");
            assert!(is_context_key(&context_key(raw)));
        }
    }

    #[test]
    fn empty_results_become_unnamed() {
        for raw in ["", "_", "名前", "😀", "-", "!!!"] {
            assert_eq!(sanitize(raw), "");
            assert_eq!(context_key(raw), UNNAMED_KEY);
        }
    }

    #[test]
    fn long_keys_are_cut() {
        let long = "a".repeat(500);
        assert_eq!(context_key(&long).len(), MAX_KEY_CHARS);
        let digits = "9".repeat(100);
        let key = context_key(&digits);
        assert!(
            key.len() <= MAX_KEY_CHARS && is_context_key(&key) && !key.ends_with('-'),
            "{key}"
        );
    }
}
