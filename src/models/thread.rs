//! Threads (`content_threads`): conversations.

use serde::{Deserialize, Serialize};

use super::de::lenient_int;
use serde_json::{Map, Value};

use super::{CategoryId, SourceId, ThreadId, Timestamp};

/// A thread: a conversation on one source. Endpoints that toggle text input return the
/// Engage Messaging form, which adds [`disable_text_input`](Thread::disable_text_input).
///
/// Fields this crate does not know yet land in [`extra`](Thread::extra) and are written back
/// unchanged when the thread is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Thread {
    /// The thread's id.
    pub id: ThreadId,
    /// The title.
    #[serde(default)]
    pub title: Option<String>,
    /// The source it lives on.
    #[serde(default)]
    pub source_id: Option<SourceId>,
    /// The thread's id on its channel (what `foreign:` searches).
    #[serde(default)]
    pub foreign_id: Option<String>,
    /// Whether the thread is closed. Closing is asynchronous: just after a close this may
    /// still be `false`.
    #[serde(default)]
    pub closed: Option<bool>,
    /// The number of interventions.
    #[serde(default, deserialize_with = "lenient_int")]
    pub interventions_count: Option<i64>,
    /// The number of contents.
    #[serde(default, deserialize_with = "lenient_int")]
    pub contents_count: Option<i64>,
    /// The categories of the thread and its contents.
    #[serde(default)]
    pub category_ids: Vec<CategoryId>,
    /// The categories set on the thread itself (what routing uses).
    #[serde(default)]
    pub thread_category_ids: Vec<CategoryId>,
    /// Source-dependent extra data.
    #[serde(default)]
    pub extra_data: Option<serde_json::Map<String, serde_json::Value>>,
    /// Engage Messaging only: whether the customer's text input is disabled.
    #[serde(default)]
    pub disable_text_input: Option<bool>,
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
