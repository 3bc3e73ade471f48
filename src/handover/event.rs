//! [`HandoverEvent`] and [`HandoverStatus`]: what happens during a handover.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::request::{ConversationId, HandoverId};
use crate::models::Timestamp;
use crate::queue::QueueUpdate;
use crate::sdk::objects::Attachment;

/// The human agent handling a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AgentInfo {
    /// The provider's id of the agent, when known (Engage: the user id).
    pub id: Option<String>,
    /// The name to show the user.
    pub display_name: String,
}

impl AgentInfo {
    /// An agent with a display name and, if known, an id.
    pub fn new(id: Option<String>, display_name: impl Into<String>) -> Self {
        AgentInfo {
            id,
            display_name: display_name.into(),
        }
    }
}

/// Why a handover ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EndReason {
    /// The agent closed the conversation.
    AgentClosed,
    /// The user ended it (through the bot).
    UserEnded,
    /// The bot ended it.
    BotEnded,
    /// It was cancelled while still waiting in the queue.
    CancelledWhileQueued,
    /// A timeout fired (e.g. the agent never answered).
    Timeout,
    /// The provider closed or cancelled it on its own (an admin, a rule, a deleted thread).
    ProviderClosed,
}

/// What happens to the conversation after a handover ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AfterEnd {
    /// The bot takes the conversation back.
    BackToBot,
    /// The conversation is over.
    ConversationOver,
}

/// Who ends a handover from the bot side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EndedBy {
    /// The user asked to stop talking to the agent.
    User,
    /// The bot decided.
    Bot,
}

/// Something that happened in a handover. Events of one conversation are emitted in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum HandoverEvent {
    /// The provider took the request (the conversation is being sent).
    Accepted,
    /// The conversation waits for an agent; `update` is the latest queue information, if any.
    Queued {
        /// Position and estimated wait, when the provider reported them.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "serialize_update",
            deserialize_with = "deserialize_update"
        )]
        update: Option<QueueUpdate>,
    },
    /// An agent took the conversation.
    AgentJoined {
        /// Who.
        agent: AgentInfo,
    },
    /// The agent left (the conversation was reassigned, or the agent dropped it).
    AgentLeft {
        /// Who.
        agent: AgentInfo,
    },
    /// The agent wrote to the user.
    AgentMessage {
        /// Who wrote it.
        agent: AgentInfo,
        /// Our id of the message (stable across the provider's retries).
        message_id: String,
        /// The text; may be empty when the message only has attachments.
        text: String,
        /// Files attached by the agent.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attachments: Vec<Attachment>,
        /// Structured content (quick replies, cards), as the provider sent it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        structured_content: Option<Value>,
    },
    /// The agent is typing (`true`) or stopped (`false`).
    AgentTyping {
        /// Whether the agent is typing.
        typing: bool,
    },
    /// The handover ended. Emitted exactly once per handover.
    Ended {
        /// Why.
        reason: EndReason,
        /// What happens next.
        next: AfterEnd,
    },
    /// The handover failed; nothing more will happen in it.
    Failed {
        /// What went wrong.
        error: String,
        /// Whether starting again later may work.
        retryable: bool,
    },
    /// A sentence for the user, or a note for the bot (e.g. "You are number 2 in line").
    Notice {
        /// The text.
        text: String,
    },
    /// A provider event the crate does not interpret, kept whole.
    Raw {
        /// The provider's event type.
        kind: String,
        /// The event as received.
        payload: Value,
    },
}

/// Reads back what [`serialize_update`] wrote (an event shared through a backend): position
/// and wait; the update's `observed_at` becomes the time it is read.
fn deserialize_update<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<QueueUpdate>, D::Error> {
    let Some(value) = Option::<Value>::deserialize(d)? else {
        return Ok(None);
    };
    Ok(Some(QueueUpdate::from_cognigy_json(
        &value,
        time::OffsetDateTime::now_utc(),
    )))
}

fn serialize_update<S: serde::Serializer>(update: &Option<QueueUpdate>, s: S) -> Result<S::Ok, S::Error> {
    match update {
        Some(u) => u.to_cognigy_json().serialize(s),
        None => s.serialize_none(),
    }
}

impl HandoverEvent {
    /// Whether this event ends the handover (`Ended` or `Failed`).
    pub fn is_terminal(&self) -> bool {
        matches!(self, HandoverEvent::Ended { .. } | HandoverEvent::Failed { .. })
    }
}

/// A [`HandoverEvent`] with the conversation it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HandoverUpdate {
    /// The conversation.
    pub conversation_id: ConversationId,
    /// The handover within the conversation.
    pub handover_id: HandoverId,
    /// When the event was emitted.
    #[serde(with = "time::serde::rfc3339")]
    pub at: Timestamp,
    /// What happened.
    pub event: HandoverEvent,
    /// The event's id: increases by one with each event of the conversation, so a subscriber
    /// that lost its stream can ask for what followed the last id it saw.
    #[serde(default)]
    pub event_id: u64,
}

/// Where a handover stands, as [`status`](super::HandoverProvider::status) reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum HandoverStatus {
    /// Accepted, being sent to the provider.
    Requested,
    /// Waiting for an agent.
    Queued {
        /// The latest position, when known (1 = next).
        position: Option<u32>,
        /// The latest estimated wait in seconds, when known.
        estimated_wait_secs: Option<u64>,
    },
    /// An agent is handling the conversation.
    Active {
        /// Who.
        agent: AgentInfo,
    },
    /// Over.
    Ended {
        /// Why.
        reason: EndReason,
        /// What happens next.
        next: AfterEnd,
    },
    /// Failed.
    Failed {
        /// What went wrong.
        error: String,
        /// Whether starting again may work.
        retryable: bool,
    },
}

impl HandoverStatus {
    /// Whether the handover is over (ended or failed).
    pub fn is_finished(&self) -> bool {
        matches!(self, HandoverStatus::Ended { .. } | HandoverStatus::Failed { .. })
    }
}
