//! User capacities: how many tasks an agent may hold per channel.

use serde::{Deserialize, Serialize};

use super::de::lenient_int;

use super::{ChannelId, Timestamp, UserCapacityId};

/// A capacity profile that users are assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserCapacity {
    /// The user capacity id.
    pub id: UserCapacityId,
    /// The profile's name.
    #[serde(default)]
    pub name: Option<String>,
    /// The limits per channel.
    #[serde(default)]
    pub channels: Vec<ChannelCapacity>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// The task limits of a capacity profile on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelCapacity {
    /// The channel. Engage names it `id` in answers and `channel_id` in parameters.
    #[serde(alias = "channel_id")]
    pub id: ChannelId,
    /// The soft limit: above it the agent shows as busy.
    #[serde(default, deserialize_with = "lenient_int")]
    pub default_capacity: Option<i64>,
    /// The hard limit: at it the agent is full and gets no more tasks.
    #[serde(default, deserialize_with = "lenient_int")]
    pub max_capacity: Option<i64>,
}

impl ChannelCapacity {
    /// Limits for `channel`, to pass to the user capacity create and update builders.
    pub fn new(channel: impl Into<ChannelId>, default_capacity: u32, max_capacity: u32) -> Self {
        ChannelCapacity {
            id: channel.into(),
            default_capacity: Some(i64::from(default_capacity)),
            max_capacity: Some(i64::from(max_capacity)),
        }
    }
}
