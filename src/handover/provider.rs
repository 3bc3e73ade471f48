//! [`HandoverProvider`]: the provider-agnostic contract of a bot-to-agent handover.

use std::pin::Pin;

use async_trait::async_trait;
use futures_util::Stream;

use super::attachment::Attachment;
use super::availability::AvailabilityDetail;
use super::event::{EndedBy, HandoverStatus, HandoverUpdate};
use super::request::{ConversationId, HandoverId, HandoverRequest, Routing};
use super::store::StoreError;

/// What a provider can do; a bot adapts its flow to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ProviderCapabilities {
    /// Reports queue position and estimated wait.
    pub queue_updates: bool,
    /// Relays the user's typing to the agent.
    pub user_typing: bool,
    /// Reports when the agent types.
    pub agent_typing: bool,
    /// Relays read receipts of agent messages.
    pub read_receipts: bool,
    /// A queued handover can be cancelled.
    pub cancel: bool,
    /// Messages may carry attachments.
    pub attachments: bool,
    /// The transcript is shown to the agent.
    pub transcript: bool,
    /// Availability can be checked before starting.
    pub availability_check: bool,
}

impl ProviderCapabilities {
    /// Every capability; clear the ones a provider lacks with struct update syntax or by
    /// assigning the fields.
    pub fn all() -> Self {
        ProviderCapabilities {
            queue_updates: true,
            user_typing: true,
            agent_typing: true,
            read_receipts: true,
            cancel: true,
            attachments: true,
            transcript: true,
            availability_check: true,
        }
    }
}

/// Whether agents can take a conversation now.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Availability {
    /// At least one agent can take it.
    Available {
        /// How many agents can.
        agents: usize,
        /// Who is connected and how busy (counts stay zero where the provider cannot tell).
        detail: AvailabilityDetail,
    },
    /// No agent can take it now.
    NoneAvailable {
        /// Who is connected and how busy: why nobody can take it.
        detail: AvailabilityDetail,
    },
    /// Outside business hours: nobody will serve the conversation before `reopens_at`.
    Closed {
        /// The next opening, when there is one within a year.
        reopens_at: Option<crate::models::Timestamp>,
    },
    /// The provider could not tell (error, or no availability information).
    Unknown {
        /// Why.
        reason: String,
    },
}

/// A message the user writes during a handover.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct UserMessage {
    /// The bot's id for this message; sending the same id twice sends the message once.
    pub client_message_id: String,
    /// The text.
    pub text: String,
    /// Files, by URL or inline.
    pub attachments: Vec<Attachment>,
}

impl UserMessage {
    /// A text message with a new random id: sending it twice sends it twice. For retries that
    /// must not duplicate, give your own id with [`UserMessage::text`].
    pub fn new(text: impl Into<String>) -> Self {
        UserMessage::text(
            format!("msg-{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..)),
            text,
        )
    }

    /// A text message with the bot's id for it; sending the same id again sends nothing new.
    pub fn text(client_message_id: impl Into<String>, text: impl Into<String>) -> Self {
        UserMessage {
            client_message_id: client_message_id.into(),
            text: text.into(),
            attachments: Vec::new(),
        }
    }

    /// Adds an attachment.
    pub fn attachment(mut self, attachment: Attachment) -> Self {
        self.attachments.push(attachment);
        self
    }
}

/// What happened to a user message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MessageReceipt {
    /// The id the provider knows the message by.
    pub message_id: String,
    /// Whether the provider confirmed it. When `false` the message is kept and retried in the
    /// background; it is never dropped.
    pub delivered: bool,
    /// Whether this `client_message_id` was already sent (nothing new was sent).
    pub duplicate: bool,
}

impl MessageReceipt {
    /// A receipt for a message the provider knows as `message_id`, delivered and new.
    pub fn new(message_id: impl Into<String>) -> Self {
        MessageReceipt {
            message_id: message_id.into(),
            delivered: true,
            duplicate: false,
        }
    }

    /// Sets whether the provider confirmed the message (`false`: kept and retried).
    pub fn delivered(mut self, yes: bool) -> Self {
        self.delivered = yes;
        self
    }

    /// Sets whether the message's id had already been sent.
    pub fn duplicate(mut self, yes: bool) -> Self {
        self.duplicate = yes;
        self
    }
}

/// The answer to [`HandoverProvider::start`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StartedHandover {
    /// The conversation.
    pub conversation_id: ConversationId,
    /// The handover's id.
    pub handover_id: HandoverId,
    /// Where it stands.
    pub status: HandoverStatus,
    /// `true` when the conversation's live handover is returned instead of a new one.
    pub existing: bool,
}

impl StartedHandover {
    /// A new handover `handover_id` of `conversation_id`, now `status`.
    pub fn new(
        conversation_id: impl Into<ConversationId>,
        handover_id: impl Into<HandoverId>,
        status: HandoverStatus,
    ) -> Self {
        StartedHandover {
            conversation_id: conversation_id.into(),
            handover_id: handover_id.into(),
            status,
            existing: false,
        }
    }

    /// Marks it as an earlier handover returned again (see [`existing`](Self::existing)).
    pub fn existing(mut self, yes: bool) -> Self {
        self.existing = yes;
        self
    }
}

/// Why a handover operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HandoverError {
    /// No agent can take the conversation; nothing was sent to the provider.
    #[error("no agent is available")]
    NoAgentAvailable,
    /// Outside business hours; nothing was sent to the provider. Start again after
    /// `reopens_at` (when known).
    #[error("closed (outside business hours){}", reopens_at.map(|t| format!("; reopens at {t}")).unwrap_or_default())]
    Closed {
        /// The next opening, when there is one within a year.
        reopens_at: Option<crate::models::Timestamp>,
    },
    /// The conversation has no handover.
    #[error("conversation {0} has no handover")]
    NotFound(ConversationId),
    /// The operation does not fit the handover's state (e.g. cancel while an agent talks).
    #[error("not possible while the handover is {0}")]
    InvalidState(&'static str),
    /// The request is not usable.
    #[error("invalid handover request: {0}")]
    Invalid(String),
    /// The provider refused or failed. `source` is the provider's own error (for
    /// [`EngageHandover`](super::EngageHandover), a [`crate::Error`]: downcast it to read it).
    #[error("provider error: {source}")]
    Provider {
        /// The provider's error.
        source: Box<dyn std::error::Error + Send + Sync>,
        /// Whether trying again later may work.
        retryable: bool,
    },
    /// The session store failed.
    #[error("session store error: {0}")]
    Store(#[from] StoreError),
}

impl HandoverError {
    /// A provider's failure; `retryable` when trying again later may work.
    pub fn provider(error: impl Into<Box<dyn std::error::Error + Send + Sync>>, retryable: bool) -> Self {
        HandoverError::Provider {
            source: error.into(),
            retryable,
        }
    }

    /// Whether trying again later may work.
    pub fn is_retryable(&self) -> bool {
        match self {
            HandoverError::NoAgentAvailable | HandoverError::Closed { .. } | HandoverError::Store(_) => true,
            HandoverError::Provider { retryable, .. } => *retryable,
            _ => false,
        }
    }
}

impl From<crate::Error> for HandoverError {
    fn from(error: crate::Error) -> Self {
        let retryable = error.is_retryable();
        HandoverError::provider(error, retryable)
    }
}

/// The stream returned by [`HandoverProvider::events`].
pub type HandoverEvents = Pin<Box<dyn Stream<Item = HandoverUpdate> + Send + 'static>>;

/// A contact center that can take conversations from a bot: Engage Digital
/// ([`EngageHandover`](super::EngageHandover)) or any other. Nothing in it is specific to
/// Engage; a provider's own settings travel in [`HandoverRequest::provider_data`] and its errors
/// in [`HandoverError::Provider`].
///
/// Every method is keyed by the bot's [`ConversationId`] (build one from a `&str` or `String`
/// with `.into()`). Events of all conversations arrive on [`events`](Self::events).
///
/// The methods are `async` (written with [`async_trait`](https://docs.rs/async-trait), so that
/// `dyn HandoverProvider` works); rustdoc shows them desugared. Read as written, they are:
///
/// ```text
/// fn capabilities(&self) -> ProviderCapabilities;
/// async fn check_availability(&self, routing: &Routing) -> Availability;
/// async fn start(&self, request: HandoverRequest) -> Result<StartedHandover, HandoverError>;
/// async fn send_user_message(&self, conversation: &ConversationId, text: &str) -> Result<MessageReceipt, HandoverError>; // provided
/// async fn send_message(&self, conversation: &ConversationId, message: UserMessage) -> Result<MessageReceipt, HandoverError>;
/// async fn send_user_typing(&self, conversation: &ConversationId, preview: Option<&str>) -> Result<(), HandoverError>;
/// async fn mark_read(&self, conversation: &ConversationId, message_id: &str) -> Result<(), HandoverError>;
/// async fn cancel(&self, conversation: &ConversationId) -> Result<(), HandoverError>;
/// async fn end(&self, conversation: &ConversationId, by: EndedBy) -> Result<(), HandoverError>;
/// async fn status(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError>;
/// fn events(&self) -> HandoverEvents; // a Stream of HandoverUpdate
/// async fn resume(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError>;
/// ```
///
/// To implement it, put `#[async_trait::async_trait]` on the `impl` block and write the
/// methods as above; build the answers with [`StartedHandover::new`], [`MessageReceipt::new`]
/// and [`HandoverUpdate::new`]. To fake one in a bot's unit tests, use the scripted provider
/// of the `testing` module (feature `testing`).
#[async_trait]
pub trait HandoverProvider: Send + Sync {
    /// What this provider supports.
    fn capabilities(&self) -> ProviderCapabilities;

    /// Whether agents can take a conversation routed as `routing` now.
    async fn check_availability(&self, routing: &Routing) -> Availability;

    /// Starts a handover. A start for a conversation whose handover is still live returns
    /// that handover with `existing` set; after an end, it opens a new one (see
    /// [`HandoverRequest::idempotency_key`]).
    async fn start(&self, request: HandoverRequest) -> Result<StartedHandover, HandoverError>;

    /// Sends a line the user wrote to the agent, under a new id: calling it twice sends it
    /// twice. To retry without duplicates, use [`send_message`](Self::send_message) with
    /// your own id.
    async fn send_user_message(
        &self,
        conversation: &ConversationId,
        text: &str,
    ) -> Result<MessageReceipt, HandoverError> {
        self.send_message(conversation, UserMessage::new(text)).await
    }

    /// Sends what the user wrote (text, attachments) to the agent. Idempotent on the message's
    /// `client_message_id`: sending the same id again sends nothing new and answers with
    /// [`MessageReceipt::duplicate`] set.
    async fn send_message(
        &self,
        conversation: &ConversationId,
        message: UserMessage,
    ) -> Result<MessageReceipt, HandoverError>;

    /// Tells the agent the user is typing (`Some(preview)`) or stopped (`None`).
    async fn send_user_typing(
        &self,
        conversation: &ConversationId,
        preview: Option<&str>,
    ) -> Result<(), HandoverError>;

    /// Tells the agent the user read the agent's message `message_id` (as given in
    /// [`HandoverEvent::AgentMessage`](super::HandoverEvent::AgentMessage)).
    async fn mark_read(&self, conversation: &ConversationId, message_id: &str) -> Result<(), HandoverError>;

    /// Cancels a handover still waiting in the queue.
    async fn cancel(&self, conversation: &ConversationId) -> Result<(), HandoverError>;

    /// Ends a handover from the bot's side.
    async fn end(&self, conversation: &ConversationId, by: EndedBy) -> Result<(), HandoverError>;

    /// Where the conversation's latest handover stands, if it has one.
    async fn status(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError>;

    /// Every event of every conversation, from the moment of the call. Subscribe before
    /// starting handovers, and keep reading: events are never dropped, so a subscriber that
    /// stops reading holds the provider back once its buffer is full (and a dropped stream
    /// simply stops receiving).
    fn events(&self) -> HandoverEvents;

    /// Takes a handover back after a restart (timers, retries of unsent messages).
    async fn resume(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError>;
}
