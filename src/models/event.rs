//! Events: the domain's audit log (who did what, when).

use serde::{Deserialize, Serialize};

use super::{
    CategoryId, ContentId, EventId, InterventionId, SourceId, TaskId, ThreadId, TimeSheetId, Timestamp,
    UserId,
};

/// An audit log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The event's id.
    pub id: EventId,
    /// What happened, e.g. `content.replied`.
    #[serde(default)]
    pub name: Option<String>,
    /// The user who did it.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// Details; Engage gives no guarantee on them.
    #[serde(default)]
    pub extra_infos: Option<EventExtraInfo>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// The optional, unguaranteed details of an [`Event`]: informative only.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EventExtraInfo {
    /// The content concerned.
    #[serde(default)]
    pub content_id: Option<ContentId>,
    /// The source concerned.
    #[serde(default)]
    pub content_source_id: Option<SourceId>,
    /// The thread concerned.
    #[serde(default)]
    pub content_thread_id: Option<ThreadId>,
    /// The intervention concerned.
    #[serde(default)]
    pub intervention_id: Option<InterventionId>,
    /// The task concerned.
    #[serde(default)]
    pub task_id: Option<TaskId>,
    /// The user concerned.
    #[serde(default)]
    pub user_id: Option<UserId>,
    /// Categories concerned.
    #[serde(default)]
    pub category_ids: Vec<CategoryId>,
    /// A foreign id.
    #[serde(default)]
    pub foreign_id: Option<String>,
    /// The authentication strategy of a login.
    #[serde(default)]
    pub authentication_strategy: Option<String>,
    /// The business hours concerned.
    #[serde(default, rename = "business/time_sheet_id")]
    pub time_sheet_id: Option<TimeSheetId>,
    /// Whether something was closed automatically.
    #[serde(default)]
    pub closed_automatically: Option<serde_json::Value>,
    /// How long something was deferred.
    #[serde(default)]
    pub deferred_duration: Option<serde_json::Value>,
    /// What was deleted.
    #[serde(default)]
    pub deletions: Option<serde_json::Value>,
    /// The IP address of the request.
    #[serde(default)]
    pub request_ip: Option<String>,
}
