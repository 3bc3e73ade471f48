//! The reply assistant (knowledge base): entries, their versions (the reply texts), and groups.

use serde::{Deserialize, Serialize};

use super::de::lenient_int;

use super::string_enum::string_enum;
use super::{
    CategoryId, ReplyAssistantEntryId, ReplyAssistantGroupId, ReplyAssistantVersionId, SourceId, Timestamp,
};

/// A reply assistant entry: a named answer with one version per language or source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReplyAssistantEntry {
    /// The entry's id.
    pub id: ReplyAssistantEntryId,
    /// The entry's name.
    #[serde(default)]
    pub label: Option<String>,
    /// The company's own id for the entry.
    #[serde(default)]
    pub foreign_id: Option<String>,
    /// The categories the entry is restricted to (empty: all).
    #[serde(default)]
    pub category_ids: Vec<CategoryId>,
    /// The shortcuts that insert the entry. The spec types this as one string; an array is also
    /// accepted.
    #[serde(default, deserialize_with = "one_or_many")]
    pub shortcuts: Vec<String>,
    /// The group the entry belongs to.
    #[serde(default)]
    pub entry_group_id: Option<ReplyAssistantGroupId>,
    /// The sources the entry is restricted to (empty: all).
    #[serde(default)]
    pub source_ids: Vec<SourceId>,
    /// The entry's versions.
    #[serde(default)]
    pub version_ids: Vec<ReplyAssistantVersionId>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// A group of reply assistant entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReplyAssistantGroup {
    /// The group's id.
    pub id: ReplyAssistantGroupId,
    /// The group's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The entries in the group.
    #[serde(default)]
    pub entry_ids: Vec<ReplyAssistantEntryId>,
    /// Whether the group's entries are offered as autocompletion in chat.
    #[serde(default)]
    pub autocomplete: Option<bool>,
    /// The group's rank in the interface (ascending).
    #[serde(default)]
    pub position: Option<i64>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// One version of a reply assistant entry: the text an agent inserts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReplyAssistantVersion {
    /// The version's id.
    pub id: ReplyAssistantVersionId,
    /// The entry this version belongs to.
    #[serde(default)]
    pub entry_id: Option<ReplyAssistantEntryId>,
    /// The reply text.
    #[serde(default)]
    pub body: Option<String>,
    /// Whether `body` is plain text or HTML.
    #[serde(default)]
    pub format: Option<ReplyFormat>,
    /// The language of the text, e.g. `fr`.
    #[serde(default)]
    pub language: Option<String>,
    /// The sources the version is restricted to (empty: all).
    #[serde(default)]
    pub source_ids: Vec<SourceId>,
    /// How many files are attached.
    #[serde(default, deserialize_with = "lenient_int")]
    pub attachments_count: Option<i64>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

string_enum! {
    /// The markup of a reply assistant version's body.
    ReplyFormat {
        /// Plain text.
        Text = "text",
        /// HTML.
        Html = "html",
    }
}

/// Reads a string (a one-element list; empty for `""`), an array of strings, or `null`.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(deserializer)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) if s.is_empty() => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}
