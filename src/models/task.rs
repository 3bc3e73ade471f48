//! Routing tasks: the units of work the router offers to agents.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{ChannelId, ContentId, InterventionId, TaskId, ThreadId, Timestamp, UserId};

/// A routing task.
///
/// Fields this crate does not know yet land in [`extra`](Task::extra) and are written back
/// unchanged when the task is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task {
    /// The task's id.
    pub id: TaskId,
    /// The agents it is offered or assigned to.
    #[serde(default)]
    pub agent_ids: Vec<UserId>,
    /// Its channel.
    #[serde(default)]
    pub channel_id: Option<ChannelId>,
    /// The content it is about.
    #[serde(default)]
    pub content_id: Option<ContentId>,
    /// Its intervention, once there is one.
    #[serde(default)]
    pub intervention_id: Option<InterventionId>,
    /// Its thread.
    #[serde(default)]
    pub thread_id: Option<ThreadId>,
    /// Its priority.
    #[serde(default)]
    pub priority: Option<i64>,
    /// The routing step it is in.
    #[serde(default)]
    pub step: Option<String>,
    /// When an agent accepted it.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub accepted_at: Option<Timestamp>,
    /// When it was completed.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub completed_at: Option<Timestamp>,
    /// When it expires.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expire_at: Option<Timestamp>,
    /// When it was locked.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub locked_at: Option<Timestamp>,
    /// When it was transferred (`transfered_at`, sic, in the JSON).
    #[serde(default, rename = "transfered_at", with = "time::serde::rfc3339::option")]
    pub transferred_at: Option<Timestamp>,
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
