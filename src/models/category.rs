//! Categories: the labels that route and classify conversations, in a two-level tree.

use serde::{Deserialize, Serialize};

use super::de::lenient_int;
use serde_json::{Map, Value};

use super::{CategoryId, SourceId, Timestamp};

/// A category (a root category or one of its children).
///
/// Fields this crate does not know yet land in [`extra`](Category::extra) and are written back
/// unchanged when the category is serialized.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Category {
    /// The category id.
    pub id: CategoryId,
    /// The category name.
    #[serde(default)]
    pub name: Option<String>,
    /// The parent category; `None` for a root category.
    #[serde(default)]
    pub parent_id: Option<CategoryId>,
    /// The display color, an index from 0 to 6.
    #[serde(default, deserialize_with = "lenient_int")]
    pub color: Option<i64>,
    /// Whether a content must be categorized under this root before it is handled.
    #[serde(default)]
    pub mandatory: Option<bool>,
    /// Whether several children of this root may be set at once.
    #[serde(default)]
    pub multiple: Option<bool>,
    /// Whether categorization under this root happens after the reply (post-qualification).
    #[serde(default)]
    pub post_qualification: Option<bool>,
    /// Whether this root itself cannot be picked (only its children can).
    #[serde(default)]
    pub unselectable: Option<bool>,
    /// The sources the category applies to.
    #[serde(default)]
    pub source_ids: Vec<SourceId>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
    /// Every other field of the answer, such as fields Engage added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
