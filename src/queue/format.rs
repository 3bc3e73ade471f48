//! Human-readable queue messages in English and French.
//!
//! # Rounding rules
//!
//! The wait is rounded to the nearest whole minute (half a minute rounds up), then:
//!
//! | rounded minutes | English | French |
//! |---|---|---|
//! | 0 (under 30 s) | less than a minute | moins d'une minute |
//! | 1 | about 1 minute | environ 1 minute |
//! | 2 to 59 | about N minutes | environ N minutes |
//! | 60 (59 min 30 s to 60 min 29 s) | about an hour | environ une heure |
//! | over 60 | more than an hour | plus d'une heure |
//!
//! The scale follows the one Engage Messaging shows its visitors (minutes, about an hour, more
//! than an hour): past an hour, more precision would not help the person waiting. An unknown wait produces no wait sentence,
//! and an unknown position produces the neutral "You are in line."

use super::{EstimatedWait, QueuePosition, QueueUpdate};

/// The language of a human-readable queue message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Language {
    /// English.
    #[default]
    English,
    /// French (with a no-break space before the colon, as French typography wants).
    French,
}

/// The wait, rounded as the module documentation describes.
enum WaitBucket {
    UnderAMinute,
    Minutes(u64),
    AboutAnHour,
    OverAnHour,
}

fn bucket(wait: &EstimatedWait) -> Option<WaitBucket> {
    let ms = wait.as_millis()?;
    Some(match (ms + 30_000) / 60_000 {
        0 => WaitBucket::UnderAMinute,
        m @ 1..=59 => WaitBucket::Minutes(m),
        60 => WaitBucket::AboutAnHour,
        _ => WaitBucket::OverAnHour,
    })
}

impl EstimatedWait {
    /// The wait in words ("about 2 minutes"), or `None` when unknown.
    pub fn describe(&self, language: Language) -> Option<String> {
        let bucket = bucket(self)?;
        Some(match (language, bucket) {
            (Language::English, WaitBucket::UnderAMinute) => "less than a minute".to_owned(),
            (Language::English, WaitBucket::Minutes(1)) => "about 1 minute".to_owned(),
            (Language::English, WaitBucket::Minutes(m)) => format!("about {m} minutes"),
            (Language::English, WaitBucket::AboutAnHour) => "about an hour".to_owned(),
            (Language::English, WaitBucket::OverAnHour) => "more than an hour".to_owned(),
            (Language::French, WaitBucket::UnderAMinute) => "moins d'une minute".to_owned(),
            (Language::French, WaitBucket::Minutes(1)) => "environ 1 minute".to_owned(),
            (Language::French, WaitBucket::Minutes(m)) => format!("environ {m} minutes"),
            (Language::French, WaitBucket::AboutAnHour) => "environ une heure".to_owned(),
            (Language::French, WaitBucket::OverAnHour) => "plus d'une heure".to_owned(),
        })
    }
}

impl QueuePosition {
    /// The position as a sentence ("You are number 3 in line.").
    pub fn sentence(&self, language: Language) -> String {
        match (language, self.get()) {
            (Language::English, Some(1)) => "You are next in line.".to_owned(),
            (Language::English, Some(n)) => format!("You are number {n} in line."),
            (Language::English, None) => "You are in line.".to_owned(),
            (Language::French, Some(1)) => "Vous êtes en tête de la file d'attente.".to_owned(),
            (Language::French, Some(n)) => format!("Vous êtes en position {n} dans la file d'attente."),
            (Language::French, None) => "Vous êtes dans la file d'attente.".to_owned(),
        }
    }
}

impl QueueUpdate {
    /// A short message for the waiting user: the position sentence, followed by the estimated
    /// wait when it is known.
    ///
    /// `You are number 3 in line. Estimated wait: about 2 minutes.`
    pub fn sentence(&self, language: Language) -> String {
        let mut text = self.position.sentence(language);
        if let Some(wait) = self.estimated_wait.describe(language) {
            let label = match language {
                Language::English => " Estimated wait: ",
                Language::French => " Temps d'attente estimé\u{a0}: ",
            };
            text.push_str(label);
            text.push_str(&wait);
            text.push('.');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    fn update(wait: serde_json::Value, position: serde_json::Value) -> QueueUpdate {
        QueueUpdate::from_raw(
            Some(&wait),
            Some(&position),
            None,
            None,
            datetime!(2024-01-01 0:00 UTC),
        )
    }

    fn words(secs: f64, language: Language) -> String {
        EstimatedWait::from_seconds_value(Some(&json!(secs)))
            .describe(language)
            .unwrap()
    }

    #[test]
    fn rounding_boundaries_in_english() {
        let en = Language::English;
        assert_eq!(words(0.0, en), "less than a minute");
        assert_eq!(words(29.9, en), "less than a minute");
        assert_eq!(words(30.0, en), "about 1 minute");
        assert_eq!(words(89.0, en), "about 1 minute");
        assert_eq!(words(90.0, en), "about 2 minutes");
        assert_eq!(words(130.0, en), "about 2 minutes");
        assert_eq!(words(3_569.0, en), "about 59 minutes");
        assert_eq!(words(3_570.0, en), "about an hour");
        assert_eq!(words(3_629.0, en), "about an hour");
        assert_eq!(words(3_630.0, en), "more than an hour");
        assert_eq!(words(86_400.0, en), "more than an hour");
    }

    #[test]
    fn rounding_in_french() {
        let fr = Language::French;
        assert_eq!(words(10.0, fr), "moins d'une minute");
        assert_eq!(words(60.0, fr), "environ 1 minute");
        assert_eq!(words(300.0, fr), "environ 5 minutes");
        assert_eq!(words(3_600.0, fr), "environ une heure");
        assert_eq!(words(7_200.0, fr), "plus d'une heure");
    }

    #[test]
    fn unknown_wait_has_no_words() {
        assert_eq!(
            EstimatedWait::from_seconds_value(None).describe(Language::English),
            None
        );
    }

    #[test]
    fn sentences() {
        assert_eq!(
            update(json!(120), json!(3)).sentence(Language::English),
            "You are number 3 in line. Estimated wait: about 2 minutes."
        );
        assert_eq!(
            update(json!(120), json!(3)).sentence(Language::French),
            "Vous êtes en position 3 dans la file d'attente. Temps d'attente estimé\u{a0}: environ 2 minutes."
        );
        assert_eq!(
            update(json!(20), json!(1)).sentence(Language::English),
            "You are next in line. Estimated wait: less than a minute."
        );
        assert_eq!(
            update(json!(-1), json!(0)).sentence(Language::English),
            "You are in line."
        );
        assert_eq!(
            update(json!(null), json!(1)).sentence(Language::French),
            "Vous êtes en tête de la file d'attente."
        );
        assert_eq!(
            update(json!(4_000), json!(null)).sentence(Language::French),
            "Vous êtes dans la file d'attente. Temps d'attente estimé\u{a0}: plus d'une heure."
        );
    }
}
