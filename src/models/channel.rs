//! Channels (groups of sources sharing routing settings) and communities.

use serde::{Deserialize, Serialize};

use super::de::lenient_int;

use super::{CategoryId, ChannelId, CommunityId, SourceId, Timestamp};

/// A channel: sources that share routing settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Channel {
    /// The channel's id.
    pub id: ChannelId,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its label.
    #[serde(default)]
    pub label: Option<String>,
    /// Its sources.
    #[serde(default)]
    pub source_ids: Vec<SourceId>,
    /// Tasks an agent may get before counting as occupied.
    #[serde(default, deserialize_with = "lenient_int")]
    pub soft_capability: Option<i64>,
    /// The most tasks an agent may get.
    #[serde(default, deserialize_with = "lenient_int")]
    pub hard_capability: Option<i64>,
    /// Seconds before a task expires.
    #[serde(default, deserialize_with = "lenient_int")]
    pub task_timeout_seconds: Option<i64>,
    /// Agent SLA in seconds.
    #[serde(default, deserialize_with = "lenient_int")]
    pub agent_sla: Option<i64>,
    /// Agent SLA warning threshold, in percent.
    #[serde(default, deserialize_with = "lenient_int")]
    pub agent_sla_threshold: Option<i64>,
    /// Seconds before a task is completed automatically.
    #[serde(default, deserialize_with = "lenient_int")]
    pub task_auto_complete_seconds: Option<i64>,
    /// Categories set when a task is completed automatically.
    #[serde(default)]
    pub auto_complete_category_ids: Vec<CategoryId>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// A community: the kind of network a source belongs to (Facebook, email, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Community {
    /// The community's id.
    pub id: CommunityId,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its type.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Whether it is active.
    #[serde(default)]
    pub active: Option<bool>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}
