//! Teams: groups of users with leaders.

use serde::{Deserialize, Serialize};

use super::{TeamId, Timestamp, UserId};

/// A team of users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Team {
    /// The team id.
    pub id: TeamId,
    /// The team name.
    #[serde(default)]
    pub name: Option<String>,
    /// The team's leaders.
    #[serde(default)]
    pub leader_ids: Vec<UserId>,
    /// The team's members.
    #[serde(default)]
    pub user_ids: Vec<UserId>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}
