//! Presence statuses: the custom away statuses agents can pick (lunch, training, ...).

use serde::{Deserialize, Serialize};

use super::{PresenceStatusId, Timestamp};

/// A custom away status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PresenceStatus {
    /// The presence status id.
    pub id: PresenceStatusId,
    /// The name agents see.
    #[serde(default)]
    pub name: Option<String>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}
