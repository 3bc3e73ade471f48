//! [`HandoverRequest`]: what a bot hands over.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::models::Timestamp;
use crate::profile::ContactProfile;

crate::models::ids::define_ids! {
    /// The bot's own id for a conversation (a session id, a chat id...).
    ConversationId;
    /// The id of one handover of a conversation (a conversation may be handed over many times).
    HandoverId;
}

/// A request to hand a conversation to human agents. Build it with [`HandoverRequest::new`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HandoverRequest {
    /// The conversation to hand over.
    pub conversation_id: ConversationId,
    /// The caller's id for this start, kept with the handover. A conversation has at most one
    /// live handover: a `start` while one is live returns it (with `existing` set), with or
    /// without a key. Once the handover ended, a `start` opens a new one, even with the key of
    /// the ended one: a conversation id reused later is a new handover, never a stale one.
    pub idempotency_key: Option<String>,
    /// Who the user is.
    pub profile: ContactProfile,
    /// The conversation so far, oldest first.
    pub transcript: Vec<TranscriptEntry>,
    /// The user's message that triggered the handover, if any; sent after the transcript.
    pub message: Option<String>,
    /// Where and how to route the conversation.
    pub routing: Routing,
    /// Extra context for the agent (merged into the user's `context_data` on Engage).
    pub context: Map<String, Value>,
    /// What to send and announce.
    pub options: HandoverOptions,
    /// Settings for one provider, which the others ignore (see [`ProviderData`]).
    pub provider_data: ProviderData,
}

impl HandoverRequest {
    /// A request for `conversation_id` with the user's `profile`; everything else defaults.
    pub fn new(conversation_id: impl Into<ConversationId>, profile: ContactProfile) -> Self {
        let conversation_id = conversation_id.into();
        HandoverRequest {
            idempotency_key: None,
            conversation_id,
            profile,
            transcript: Vec::new(),
            message: None,
            routing: Routing::default(),
            context: Map::new(),
            options: HandoverOptions::default(),
            provider_data: ProviderData::default(),
        }
    }

    /// Adds a value for the provider in [`provider_data`](Self::provider_data), replacing any
    /// earlier value of the same type.
    pub fn provider_data<T: Clone + Send + Sync + 'static>(mut self, value: T) -> Self {
        self.provider_data.insert(value);
        self
    }

    /// Sets the idempotency key (e.g. the id of the user message that asked for an agent).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Sets the transcript.
    pub fn transcript(mut self, transcript: impl IntoIterator<Item = TranscriptEntry>) -> Self {
        self.transcript = transcript.into_iter().collect();
        self
    }

    /// Sets the user's current message.
    pub fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the routing.
    pub fn routing(mut self, routing: Routing) -> Self {
        self.routing = routing;
        self
    }

    /// Adds a context field for the agent.
    pub fn context_field(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.context.insert(key.into(), value.into());
        self
    }

    /// Sets the options.
    pub fn options(mut self, options: HandoverOptions) -> Self {
        self.options = options;
        self
    }
}

/// Who said a line of the transcript.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Speaker {
    /// The end user.
    User,
    /// The bot.
    Bot,
    /// A human agent (from an earlier handover).
    Agent,
}

/// One line of the conversation so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TranscriptEntry {
    /// Who said it.
    pub speaker: Speaker,
    /// What was said.
    pub text: String,
    /// When, if known.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub at: Option<Timestamp>,
}

impl TranscriptEntry {
    /// A line said by `speaker`.
    pub fn new(speaker: Speaker, text: impl Into<String>) -> Self {
        TranscriptEntry {
            speaker,
            text: text.into(),
            at: None,
        }
    }

    /// Sets when the line was said.
    pub fn at(mut self, at: Timestamp) -> Self {
        self.at = Some(at);
        self
    }
}

/// How urgent the conversation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Priority {
    /// Normal.
    #[default]
    Normal,
    /// Ahead of normal conversations, where the provider supports it.
    High,
}

/// Values a provider reads from a [`HandoverRequest`] and the others ignore: one value per
/// type, so a provider defines its own type for what only it understands, and a request can
/// carry settings for several providers.
///
/// ```
/// use ringcentral_engage::handover::{HandoverRequest, ProviderData};
/// use ringcentral_engage::profile::ContactProfile;
///
/// #[derive(Clone, Debug, PartialEq)]
/// struct WrapUpCode(u32); // known to one provider only
///
/// let request = HandoverRequest::new("c-1", ContactProfile::default()).provider_data(WrapUpCode(7));
/// assert_eq!(request.provider_data.get::<WrapUpCode>(), Some(&WrapUpCode(7)));
/// assert_eq!(ProviderData::default().get::<WrapUpCode>(), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ProviderData(http::Extensions);

impl ProviderData {
    /// Stores `value`, returning the value of the same type it replaces.
    pub fn insert<T: Clone + Send + Sync + 'static>(&mut self, value: T) -> Option<T> {
        self.0.insert(value)
    }

    /// The value of type `T`, if one was stored.
    pub fn get<T: Send + Sync + 'static>(&self) -> Option<&T> {
        self.0.get::<T>()
    }

    /// Whether nothing was stored.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Where the conversation should go.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Routing {
    /// The provider's ids of queues, skills or teams to route to, on top of its default agent
    /// routing (Engage: category ids, added with the Agent category).
    pub categories: Vec<String>,
    /// The conversation's priority (Engage: see `EngageConfigBuilder::high_priority_category`).
    pub priority: Priority,
    /// The user's language (`en`, `fr`...), for routing and for announcements.
    pub language: Option<String>,
}

impl Routing {
    /// Adds a routing category (a queue, skill or team id of the provider).
    pub fn category(mut self, id: impl Into<String>) -> Self {
        self.categories.push(id.into());
        self
    }

    /// Sets the priority.
    pub fn priority(mut self, priority: Priority) -> Self {
        self.priority = priority;
        self
    }

    /// Sets the language.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.language = Some(language.into());
        self
    }
}

/// What a handover sends and announces.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct HandoverOptions {
    /// Send the transcript to the agent (default `true`). Turn it off when the conversation is
    /// already mirrored to the provider.
    pub send_transcript: bool,
    /// Emit [`HandoverEvent::Notice`](super::HandoverEvent::Notice) events with a sentence for
    /// the user on queue changes ("You are number 2 in line...") (default `true`).
    pub announce: bool,
}

impl Default for HandoverOptions {
    fn default() -> Self {
        HandoverOptions {
            send_transcript: true,
            announce: true,
        }
    }
}

impl HandoverOptions {
    /// Sets whether the transcript is sent.
    pub fn send_transcript(mut self, yes: bool) -> Self {
        self.send_transcript = yes;
        self
    }

    /// Sets whether queue announcements are emitted.
    pub fn announce(mut self, yes: bool) -> Self {
        self.announce = yes;
        self
    }
}
