//! A user's permissions on each source (channel account).

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::string_enum::string_enum;
use super::SourceId;

string_enum! {
    /// One thing a user may do on a source.
    SourcePermission {
        /// See the source's contents.
        Read = "read",
        /// Answer on the source.
        Reply = "reply",
        /// Answer with HTML formatting.
        ReplyWithHtml = "reply_with_html",
        /// Start a conversation on the source.
        InitiateDiscussion = "initiate_discussion",
        /// Delete contents.
        Destroy = "destroy",
        /// Every reply needs approval (when approval thresholds are off).
        ApprovalRequired = "approval_required",
        /// Approval threshold 0 %.
        ApprovalThreshold0 = "approval_threshold_0",
        /// Approval threshold 10 %.
        ApprovalThreshold10 = "approval_threshold_10",
        /// Approval threshold 20 %.
        ApprovalThreshold20 = "approval_threshold_20",
        /// Approval threshold 30 %.
        ApprovalThreshold30 = "approval_threshold_30",
        /// Approval threshold 40 %.
        ApprovalThreshold40 = "approval_threshold_40",
        /// Approval threshold 50 %.
        ApprovalThreshold50 = "approval_threshold_50",
        /// Approval threshold 60 %.
        ApprovalThreshold60 = "approval_threshold_60",
        /// Approval threshold 70 %.
        ApprovalThreshold70 = "approval_threshold_70",
        /// Approval threshold 80 %.
        ApprovalThreshold80 = "approval_threshold_80",
        /// Approval threshold 90 %.
        ApprovalThreshold90 = "approval_threshold_90",
        /// Approval threshold 100 %.
        ApprovalThreshold100 = "approval_threshold_100",
    }
}

/// A user's permissions, source by source: `{ "<source id>": ["read", "reply"], ... }`.
///
/// A value given as a comma-separated string is split; any entry that is neither a list nor a
/// string is kept in [`extra`](UserSourcesPermissions::extra).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserSourcesPermissions {
    /// The permissions on each source.
    pub sources: BTreeMap<SourceId, Vec<SourcePermission>>,
    /// Entries that do not look like a source's permission list.
    pub extra: Map<String, Value>,
}

impl UserSourcesPermissions {
    /// The permissions on `source` (empty when none).
    pub fn on(&self, source: &SourceId) -> &[SourcePermission] {
        self.sources.get(source).map_or(&[], Vec::as_slice)
    }
}

/// Splits `"read, reply"` into permissions, skipping empty items.
pub(crate) fn split_permissions(list: &str) -> Vec<SourcePermission> {
    list.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(SourcePermission::from)
        .collect()
}

impl<'de> Deserialize<'de> for UserSourcesPermissions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Map::<String, Value>::deserialize(deserializer)?;
        let mut out = UserSourcesPermissions::default();
        for (key, value) in raw {
            let list = match &value {
                Value::String(s) => Some(split_permissions(s)),
                Value::Array(items) if items.iter().all(Value::is_string) => Some(
                    items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(SourcePermission::from)
                        .collect(),
                ),
                _ => None,
            };
            match list {
                Some(list) => {
                    out.sources.insert(SourceId::new(key), list);
                }
                None => {
                    out.extra.insert(key, value);
                }
            }
        }
        Ok(out)
    }
}

impl Serialize for UserSourcesPermissions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.sources.len() + self.extra.len()))?;
        for (source, list) in &self.sources {
            map.serialize_entry(source, list)?;
        }
        for (key, value) in &self.extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_strings_and_odd_entries() {
        let p: UserSourcesPermissions = serde_json::from_value(serde_json::json!({
            "s1": ["read", "reply", "teleport"],
            "s2": "read,approval_threshold_50",
            "note": 3
        }))
        .unwrap();
        assert_eq!(
            p.on(&"s1".into()),
            [
                SourcePermission::Read,
                SourcePermission::Reply,
                SourcePermission::Other("teleport".into())
            ]
        );
        assert_eq!(p.on(&"s2".into())[1], SourcePermission::ApprovalThreshold50);
        assert!(p.on(&"s3".into()).is_empty());
        assert_eq!(p.extra["note"], 3);
        assert!(serde_json::from_str::<UserSourcesPermissions>("[1]").is_err());
    }
}
