//! How a session is written in Redis: its JSON without the fields that hold nothing (`null`,
//! `false`, `[]`), which reading gives back as their defaults. Most of a session's fields are
//! empty most of its life; leaving them out keeps an idle handover small.

use serde_json::Value;

use crate::handover::store::Session;

/// The stored form of `session`.
pub(super) fn encode(session: &Session) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(session)?;
    if let Value::Object(fields) = &mut value {
        fields.retain(|_, field| match field {
            Value::Null | Value::Bool(false) => false,
            Value::Array(items) => !items.is_empty(),
            _ => true,
        });
    }
    serde_json::to_string(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handover::request::HandoverId;
    use crate::sdk::objects::User;

    /// Every field of a new session is at its empty value: each one left out must come back
    /// (a field added without a default fails here, not in production).
    #[test]
    fn a_session_with_every_field_empty_reads_back_the_same() {
        let at = time::macros::datetime!(2026-01-01 00:00 UTC);
        let user = User::new("u1", "Ada", at, at).unwrap();
        let session = Session::new("c1".into(), HandoverId::new("h1"), user);
        let stored = encode(&session).unwrap();
        let full = serde_json::to_string(&session).unwrap();
        assert!(stored.len() < full.len() / 2, "{stored}");
        let Value::Object(fields) = serde_json::from_str(&stored).unwrap() else {
            panic!("{stored}")
        };
        let empty = [Value::Null, Value::Bool(false), Value::Array(Vec::new())];
        assert!(fields.values().all(|v| !empty.contains(v)), "{stored}");
        let read: Session = serde_json::from_str(&stored).unwrap();
        assert_eq!(read, session);
    }
}
