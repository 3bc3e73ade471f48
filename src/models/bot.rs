//! The Bots API: handing conversations between bots and agents.

use serde::{Deserialize, Serialize};

use super::de::opt_text;
use super::string_enum::string_enum;

/// The answer of `/bots/complete` and `/bots/handover`: `{"status": ..., "message": ...}`.
///
/// The spec declares `status` a string while the Bots API guide shows a number (`200`); either
/// decodes, kept as its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BotResponse {
    /// The status, e.g. `200`.
    #[serde(default, deserialize_with = "opt_text")]
    pub status: Option<String>,
    /// A message, e.g. `Success`.
    #[serde(default)]
    pub message: Option<String>,
}

string_enum! {
    /// Who holds a conversation, for `/bots/handover`'s `from` and `to`.
    HandoverParty {
        /// The bot.
        Bot = "bot",
        /// A human agent.
        Agent = "agent",
    }
}

string_enum! {
    /// The kind of handover: a channel type for a source-specific handover, or the virtual
    /// agent one.
    HandoverType {
        /// An Engage Virtual Agent handover (uses `intervention_id`).
        EngageVirtualAgent = "engage_virtual_agent",
        /// A Facebook Messenger handover protocol handover (uses `identity_foreign_id`).
        Messenger = "messenger",
    }
}
