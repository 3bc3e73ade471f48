//! The serde helpers the event models use: the crate's own, from `models::de`.

pub(crate) use crate::models::de::{null_as_default, opt_text, text};
pub(crate) use crate::models::string_enum::string_enum;

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
