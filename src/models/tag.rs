//! Tags: labels put on contents and threads.

use serde::{Deserialize, Serialize};

use super::{TagId, Timestamp};

/// A tag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tag {
    /// The tag's id.
    pub id: TagId,
    /// The tag's name.
    #[serde(default)]
    pub name: String,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}
