//! Small serde helpers shared by the event models (`null_as_default` and `string_enum` are the
//! models' own).

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

pub(crate) use crate::models::string_enum::{null_as_default, string_enum};

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A string that Engage may also send as a JSON number (resource ids, foreign ids).
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(TextVisitor)
}

/// Like [`text`], for an optional field where `null` means absent.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "text")] String);
    Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
}

#[cfg(test)]
mod tests {
    use super::super::{SynchronizationStatus, TaskCompletionAction};
    use serde_json::json;

    #[test]
    fn string_enums_keep_unknown_values_and_round_trip() {
        let known: TaskCompletionAction = serde_json::from_value(json!("deferred")).unwrap();
        assert_eq!(known, TaskCompletionAction::Deferred);
        let other: SynchronizationStatus = serde_json::from_value(json!("partial")).unwrap();
        assert_eq!(other, SynchronizationStatus::Other("partial".into()));
        assert_eq!(serde_json::to_value(&other).unwrap(), json!("partial"));
        assert_eq!(known.as_str(), "deferred");
    }
}
