//! The sentence a waiting user reads when the wait is too long, with the other ways to reach
//! the business, in English and French like the other queue sentences.

use serde::{Deserialize, Serialize};

use super::Language;

/// Another way for the user to get help than waiting in line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Alternative {
    /// Being called back.
    Callback,
    /// Writing an email.
    Email,
    /// Something else, worded by the caller in the user's language ("visit our help center").
    Other(String),
}

impl Alternative {
    /// The alternative in words, to follow "You can also" ("ask to be called back").
    pub fn describe(&self, language: Language) -> String {
        match (self, language) {
            (Alternative::Callback, Language::English) => "ask to be called back".to_owned(),
            (Alternative::Email, Language::English) => "write us an email".to_owned(),
            (Alternative::Callback, Language::French) => "demander à être rappelé".to_owned(),
            (Alternative::Email, Language::French) => "nous écrire un e-mail".to_owned(),
            (Alternative::Other(text), _) => text.trim().to_owned(),
        }
    }
}

/// "The wait is longer than usual." followed, when there are any, by the alternatives:
/// "You can also ask to be called back or write us an email."
pub fn long_wait_sentence(language: Language, alternatives: &[Alternative]) -> String {
    let (lead, also, or) = match language {
        Language::English => ("The wait is longer than usual.", "You can also", "or"),
        Language::French => (
            "L'attente est plus longue que d'habitude.",
            "Vous pouvez aussi",
            "ou",
        ),
    };
    let words: Vec<String> = alternatives
        .iter()
        .map(|a| a.describe(language))
        .filter(|w| !w.is_empty())
        .collect();
    match words.as_slice() {
        [] => lead.to_owned(),
        [one] => format!("{lead} {also} {one}."),
        [init @ .., last] => format!("{lead} {also} {} {or} {last}.", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_with_none_one_and_several_alternatives() {
        let en = Language::English;
        assert_eq!(long_wait_sentence(en, &[]), "The wait is longer than usual.");
        assert_eq!(
            long_wait_sentence(en, &[Alternative::Callback]),
            "The wait is longer than usual. You can also ask to be called back."
        );
        assert_eq!(
            long_wait_sentence(
                en,
                &[
                    Alternative::Callback,
                    Alternative::Email,
                    Alternative::Other(" visit our help center ".into())
                ]
            ),
            "The wait is longer than usual. You can also ask to be called back, write us an email or visit our help center."
        );
        assert_eq!(
            long_wait_sentence(Language::French, &[Alternative::Callback, Alternative::Email]),
            "L'attente est plus longue que d'habitude. Vous pouvez aussi demander à être rappelé ou nous écrire un e-mail."
        );
        // A blank custom alternative is left out rather than leaving a hole in the sentence.
        assert_eq!(
            long_wait_sentence(en, &[Alternative::Other("  ".into())]),
            "The wait is longer than usual."
        );
    }
}
