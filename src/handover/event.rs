//! [`HandoverEvent`] and [`HandoverStatus`]: what happens during a handover.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::attachment::Attachment;
use super::request::{ConversationId, HandoverId};
use crate::models::Timestamp;
use crate::queue::QueueUpdate;

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
    /// The wait crossed a [`QueueThresholds`](super::QueueThresholds) limit configured to
    /// end the handover; offer the user the event's alternatives (callback, email).
    QueueThresholdExceeded,
    /// The user stayed silent past a [`UserInactivity`](super::UserInactivity) timeout
    /// configured to end the handover.
    UserInactive,
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

/// How an agent came to accept a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AcceptMode {
    /// The conversation was offered (ringing) and the agent accepted it.
    Ringing,
    /// The agent asked for a new conversation and got this one.
    Requested,
    /// A supervisor gave it to the agent directly, bypassing the queue.
    Supervisor,
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
    // ----- routing signals (Engage `task.*` webhooks) -----
    /// The agent accepted the conversation in the provider (Engage: `task.taken`, or a
    /// supervisor's direct assignment): the moment a human really has it. It may come before
    /// or after [`AgentJoined`](HandoverEvent::AgentJoined), which announces the agent once.
    AgentAccepted {
        /// Who.
        agent: AgentInfo,
        /// How the agent got it, when the provider said.
        #[serde(skip_serializing_if = "Option::is_none")]
        mode: Option<AcceptMode>,
    },
    /// The conversation was transferred to another agent; `agent` now handles it. Emitted
    /// once per change of agent (a change already reported as
    /// [`AgentLeft`](HandoverEvent::AgentLeft) + [`AgentJoined`](HandoverEvent::AgentJoined)
    /// is not reported again).
    AgentChanged {
        /// The agent who had it, when known.
        #[serde(skip_serializing_if = "Option::is_none")]
        previous: Option<AgentInfo>,
        /// The agent who has it now.
        agent: AgentInfo,
    },
    /// No agent of a routing step took the conversation in time; routing moved on to the next
    /// step (Engage: `task.expired_from_step`). The conversation still waits.
    RoutingStepExpired,
    /// Routing gave up: the conversation went to the provider's undelivered queue, where no
    /// agent gets it automatically (Engage: `task.undelivered`). The handover stays open (a
    /// supervisor may still assign it); the bot may [`cancel`](super::HandoverProvider::cancel) it.
    Undelivered,
    /// The agent finished their task on the conversation (Engage: `task.completed`).
    /// `deferred`: put aside to be resumed later rather than closed; a close is also reported
    /// by [`Ended`](HandoverEvent::Ended).
    AgentCompleted {
        /// Whether the agent deferred the conversation instead of closing it.
        deferred: bool,
    },
    /// The wait crossed one of the configured [`QueueThresholds`](super::QueueThresholds)
    /// (at most once per handover). What follows depends on its
    /// [`ThresholdAction`](super::ThresholdAction): a notice for the user, and with `ends`
    /// an [`Ended`](HandoverEvent::Ended) with reason
    /// [`QueueThresholdExceeded`](EndReason::QueueThresholdExceeded).
    QueueThresholdExceeded {
        /// The limit crossed.
        limit: super::thresholds::QueueLimit,
        /// The position in line then, when known (1 = next).
        #[serde(skip_serializing_if = "Option::is_none")]
        position: Option<u32>,
        /// The provider's estimated wait then, in seconds, when known.
        #[serde(skip_serializing_if = "Option::is_none")]
        estimated_wait_secs: Option<u64>,
        /// How long the user had waited, in whole seconds.
        waited_secs: u64,
        /// The alternatives the configuration offers the user.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        alternatives: Vec<crate::queue::Alternative>,
        /// Whether the handover ends because of it.
        ends: bool,
    },
    /// The user stayed silent longer than the configured
    /// [`UserInactivity`](super::UserInactivity) timeout (once per silence).
    UserInactive {
        /// How long the user had been silent, in whole seconds.
        idle_secs: u64,
        /// Whether the user was still waiting for an agent (else talking to one).
        queued: bool,
        /// Whether the handover ends because of it
        /// ([`EndReason::UserInactive`](EndReason::UserInactive) follows).
        ends: bool,
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

impl HandoverUpdate {
    /// `event` of the handover `handover_id` of `conversation_id`, emitted now.
    pub fn new(
        conversation_id: impl Into<ConversationId>,
        handover_id: impl Into<HandoverId>,
        event: HandoverEvent,
    ) -> Self {
        HandoverUpdate {
            conversation_id: conversation_id.into(),
            handover_id: handover_id.into(),
            at: Timestamp::now_utc(),
            event,
            event_id: 0,
        }
    }

    /// Sets when the event was emitted.
    pub fn at(mut self, at: Timestamp) -> Self {
        self.at = at;
        self
    }
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
