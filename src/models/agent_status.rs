//! Agent status: who is connected, and how available and busy each agent is per channel.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{ChannelId, PresenceStatusId, UserId};

/// A connected agent's status on every channel they belong to (`GET /status`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentStatus {
    /// The agent (a user id).
    pub agent_id: UserId,
    /// One entry per channel the agent works on.
    #[serde(default)]
    pub channels: Vec<ChannelStatus>,
    /// The custom away status the agent picked; `None` when available or plainly away.
    #[serde(default)]
    pub custom_status: Option<CustomStatus>,
}

/// An agent's status on one channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChannelStatus {
    /// The channel's id.
    #[serde(default)]
    pub id: Option<ChannelId>,
    /// The channel's name.
    #[serde(default)]
    pub name: Option<String>,
    /// `available` or `away`; `None` when the agent is not connected on this channel.
    #[serde(default)]
    pub status: Option<Availability>,
    /// How much of their capacity the agent uses on this channel.
    #[serde(default)]
    pub busyness: Option<Busyness>,
}

/// A reference to a presence status (a custom away status).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CustomStatus {
    /// The presence status id.
    #[serde(default)]
    pub id: Option<PresenceStatusId>,
}

string_enum! {
    /// Whether an agent takes work on a channel.
    Availability {
        /// Takes new work.
        Available = "available",
        /// Takes no new work.
        Away = "away",
    }
}

string_enum! {
    /// How loaded an agent is on a channel, relative to their capacity.
    Busyness {
        /// No task in progress.
        Unoccupied = "unoccupied",
        /// Below the soft limit.
        Ok = "ok",
        /// Above the soft limit, below the hard limit.
        Busy = "busy",
        /// At the hard limit: takes nothing more.
        Full = "full",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_values_are_kept() {
        let raw = serde_json::json!({
            "agent_id": "a1",
            "channels": [{"id": "c1", "name": "Async", "status": "on_break", "busyness": "swamped"},
                         {"id": "c2", "name": "Chat", "status": null, "busyness": "ok"}],
            "custom_status": {"id": "p1"}
        });
        let s: AgentStatus = serde_json::from_value(raw.clone()).unwrap();
        assert_eq!(s.channels[0].status, Some(Availability::Other("on_break".into())));
        assert_eq!(s.channels[0].busyness, Some(Busyness::Other("swamped".into())));
        assert_eq!(s.channels[1].status, None);
        assert_eq!(s.channels[1].busyness, Some(Busyness::Ok));
        assert_eq!(serde_json::to_value(&s).unwrap(), raw);
    }
}
