//! What the simulator stores and records, as seen through the inspection handle.

use serde_json::value::RawValue;
use serde_json::Value;
use time::OffsetDateTime;

use crate::models::{
    CategoryId, ContentId, IdentityGroupId, IdentityId, InterventionId, SourceId, TaskId, ThreadId, UserId,
};

/// Who wrote a content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Direction {
    /// From the customer: pushed by the service with the Send API (or imported by polling).
    Inbound,
    /// From an agent (simulated, or through `POST /contents`): delivered to the service.
    Outbound,
}

/// The Channel SDK object type of a content; it decides which action carries agent replies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ContentKind {
    /// A message (`messages.*`), threaded by `thread_id`.
    Message,
    /// A private message (`private_messages.*`), threaded by `in_reply_to_id`.
    PrivateMessage,
    /// The body of a thread (`threads.create`).
    Thread,
}

impl ContentKind {
    pub(crate) fn type_name(self) -> &'static str {
        match self {
            ContentKind::Message => "message",
            ContentKind::PrivateMessage => "private_message",
            ContentKind::Thread => "thread",
        }
    }
}

/// A stored content (message).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ContentRecord {
    /// Engage id (24 hex).
    pub id: ContentId,
    /// The service's id: the posted `id` for customer contents, the `id` the service answered
    /// for agent contents (once delivered).
    pub foreign_id: Option<String>,
    /// Engage thread id.
    pub thread_id: ThreadId,
    /// Source id.
    pub source_id: SourceId,
    /// Author identity.
    pub identity_id: IdentityId,
    /// The agent who wrote it (outbound contents).
    pub user_id: Option<UserId>,
    /// Customer or agent.
    pub direction: Direction,
    /// Message, private message or thread body.
    pub kind: ContentKind,
    /// Text body (may be empty when attachments are present).
    pub body: String,
    /// `text` or `html`.
    pub format: String,
    /// The Engage content this one replies to.
    pub in_reply_to_id: Option<ContentId>,
    /// Intervention the content belongs to (agent replies).
    pub intervention_id: Option<InterventionId>,
    /// `context_data` posted with the content.
    pub context_data: Option<Value>,
    /// `structured_content` posted with the content.
    pub structured_content: Option<Value>,
    /// Attachments as posted.
    pub attachments: Vec<Value>,
    /// Categories of the thread when the content was stored.
    pub category_ids: Vec<CategoryId>,
    /// `created_at` as posted (customer) or the creation time (agent).
    pub created_at: OffsetDateTime,
    /// Agent contents: `pending`, `success` or `failed` delivery to the service.
    pub synchronization_status: Option<String>,
}

/// A content thread (conversation).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ThreadRecord {
    /// Engage id (24 hex).
    pub id: ThreadId,
    /// The service's thread id (`thread_id` of messages, or the root `id` of private messages).
    pub foreign_id: String,
    /// Source id.
    pub source_id: SourceId,
    /// Title, when one was posted.
    pub title: Option<String>,
    /// Thread categories.
    pub category_ids: Vec<CategoryId>,
    /// Whether the thread is closed.
    pub closed: bool,
    /// How the customer writes in it, hence how agent replies are delivered.
    pub kind: ContentKind,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

/// A customer's (or an agent's) identity on the source.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct IdentityRecord {
    /// Engage id.
    pub id: IdentityId,
    /// The service's user id (`author.id`).
    pub foreign_id: String,
    /// The identity group (one per identity in the simulator).
    pub identity_group_id: IdentityGroupId,
    /// `screenname`.
    pub screenname: String,
    /// `firstname`.
    pub firstname: Option<String>,
    /// `lastname`.
    pub lastname: Option<String>,
    /// `email`.
    pub email: Option<String>,
    /// `home_phone`.
    pub home_phone: Option<String>,
    /// `mobile_phone`.
    pub mobile_phone: Option<String>,
    /// `gender` (`man` / `woman`).
    pub gender: Option<String>,
    /// `avatar_url`.
    pub avatar_url: Option<String>,
    /// `context_data` of the user object.
    pub context_data: Option<Value>,
    /// `puppetizable`.
    pub puppetizable: bool,
    /// The agent owning this identity (agent identities only).
    pub user_id: Option<UserId>,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
}

/// The state of an intervention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InterventionStatus {
    /// Open, assigned to an agent.
    Open,
    /// Closed by the agent or through the REST API.
    Closed,
    /// Canceled through the REST API.
    Canceled,
}

/// An intervention: an agent's work on a thread.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct InterventionRecord {
    /// Engage id.
    pub id: InterventionId,
    /// Engage thread id.
    pub thread_id: ThreadId,
    /// The content it was opened on.
    pub content_id: ContentId,
    /// The agent.
    pub user_id: UserId,
    /// The customer's identity.
    pub identity_id: IdentityId,
    /// Thread categories when it opened.
    pub category_ids: Vec<CategoryId>,
    /// Open, closed or canceled.
    pub status: InterventionStatus,
    /// The routing task behind it, if any.
    pub task_id: Option<TaskId>,
    /// Number of agent replies.
    pub user_replies_count: u32,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// Last change.
    pub updated_at: OffsetDateTime,
    /// When it was closed or canceled.
    pub closed_at: Option<OffsetDateTime>,
}

/// The state of a routing task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TaskStatus {
    /// Waiting in the queue.
    Queued,
    /// Taken by an agent.
    Taken,
    /// Completed (intervention closed, or phantom served).
    Completed,
    /// Removed from the queue (recategorized out of Agent, thread closed) or intervention
    /// canceled.
    Canceled,
}

/// A routing task: a customer waiting for, or served by, an agent.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TaskRecord {
    /// Engage id.
    pub id: TaskId,
    /// The thread, or `None` for a phantom customer of `queue_ahead`.
    pub thread_id: Option<ThreadId>,
    /// The content the task was created for.
    pub content_id: Option<ContentId>,
    /// Queue state.
    pub status: TaskStatus,
    /// The agent who took it.
    pub agent_id: Option<UserId>,
    /// The intervention opened for it.
    pub intervention_id: Option<InterventionId>,
    /// Creation time.
    pub created_at: OffsetDateTime,
    /// When an agent took it.
    pub taken_at: Option<OffsetDateTime>,
}

/// One call of the simulator to the service's SDK endpoint (one attempt).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ActionRecord {
    /// `implementation.info`, `messages.create`, `messaging.queuing_update`, ...
    pub action: String,
    /// The `params` sent, kept as compact JSON text (see [`ActionRecord::params`]).
    params: Option<Box<RawValue>>,
    /// 1 for the first attempt.
    pub attempt: u32,
    /// HTTP status answered, if any.
    pub status: Option<u16>,
    /// Response body, if any.
    pub response: Option<String>,
    /// Whether the response carried a valid signature (`None` when there was no response).
    pub signature_valid: Option<bool>,
    /// Transport error or injected fault.
    pub error: Option<String>,
    /// When it was sent.
    pub at: OffsetDateTime,
}

impl ActionRecord {
    /// A record of `action` with `params` about to be sent, its outcome still unknown.
    pub(crate) fn new(action: &str, params: Option<&Value>, attempt: u32, at: OffsetDateTime) -> Self {
        ActionRecord {
            action: action.to_owned(),
            params: params.map(compact),
            attempt,
            status: None,
            response: None,
            signature_valid: None,
            error: None,
            at,
        }
    }

    /// The `params` sent (`Null` for an action sent without them, like `implementation.info`).
    pub fn params(&self) -> Value {
        self.params.as_deref().map(parse).unwrap_or(Value::Null)
    }

    /// Whether the attempt succeeded (2xx).
    pub fn succeeded(&self) -> bool {
        matches!(self.status, Some(200..=299))
    }
}

/// One webhook delivery attempt.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WebhookRecord {
    /// Envelope `id`.
    pub envelope_id: String,
    /// Types of the events carried.
    pub event_types: Vec<String>,
    /// Ids of the events carried.
    pub event_ids: Vec<String>,
    /// The envelope as sent, kept as compact JSON text (see [`WebhookRecord::body`]).
    body: Box<RawValue>,
    /// 1 for the first attempt, more for retries.
    pub attempt: u32,
    /// Whether this is an injected duplicate delivery.
    pub duplicate: bool,
    /// HTTP status answered, if any.
    pub status: Option<u16>,
    /// Transport error or injected fault.
    pub error: Option<String>,
    /// When it was sent.
    pub at: OffsetDateTime,
}

impl WebhookRecord {
    /// A record of one attempt to deliver `envelope`, its outcome still unknown.
    pub(crate) fn new(envelope: &Value, attempt: u32, duplicate: bool, at: OffsetDateTime) -> Self {
        let events = envelope["events"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        let texts = |field: &str| -> Vec<String> {
            events
                .iter()
                .filter_map(|e| e[field].as_str().map(str::to_owned))
                .collect()
        };
        WebhookRecord {
            envelope_id: envelope["id"].as_str().unwrap_or_default().to_owned(),
            event_types: texts("type"),
            event_ids: texts("id"),
            body: compact(envelope),
            attempt,
            duplicate,
            status: None,
            error: None,
            at,
        }
    }

    /// The envelope as sent.
    pub fn body(&self) -> Value {
        parse(&self.body)
    }
}

/// Records keep the JSON they saw as compact text: a parsed [`Value`] takes several times
/// the memory of its text (a small object costs a whole B-tree node), and records are many.
fn compact(value: &Value) -> Box<RawValue> {
    // Serializing a `Value` cannot fail (its map keys are strings).
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned())
}

/// The JSON a record kept; text it wrote itself always parses.
fn parse(raw: &RawValue) -> Value {
    serde_json::from_str(raw.get()).unwrap_or(Value::Null)
}

/// The validation GET sent when a webhook URL is set.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidationRecord {
    /// The webhook URL.
    pub url: String,
    /// The challenge sent.
    pub challenge: String,
    /// HTTP status answered, if any.
    pub status: Option<u16>,
    /// The body answered, if any.
    pub body: Option<String>,
    /// Whether the answer was 200 with exactly the challenge; events are delivered only then.
    pub matched: bool,
}

/// A `status.mark_as_read` received.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ReadMark {
    /// The `id` posted (the service's id of an agent content).
    pub id: String,
    /// The matching agent content, if known.
    pub content_id: Option<ContentId>,
    /// When it arrived.
    pub at: OffsetDateTime,
}

/// A `typing.start` or `typing.stop` received (and accepted).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TypingEvent {
    /// `true` for `typing.start`.
    pub started: bool,
    /// `thread_id` posted.
    pub thread_id: Option<String>,
    /// `in_reply_to_id` posted.
    pub in_reply_to_id: Option<String>,
    /// `preview` posted.
    pub preview: Option<String>,
    /// When it arrived.
    pub at: OffsetDateTime,
}

/// A Send API request and the simulator's answer.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SendApiCall {
    /// The `action`, when the body could be read.
    pub action: Option<String>,
    /// HTTP status answered.
    pub status: u16,
    /// Body answered (`ok` or the error message).
    pub answer: String,
}

/// Something the service did that Engage would not accept.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ProtocolError {
    /// The action or request concerned.
    pub context: String,
    /// What was wrong.
    pub detail: String,
    /// When it was seen.
    pub at: OffsetDateTime,
}

/// A simulated agent and its load.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct AgentRecord {
    /// The agent's user id.
    pub user_id: UserId,
    /// Display name.
    pub name: String,
    /// Tasks handled at once.
    pub capacity: u32,
    /// Tasks currently handled.
    pub load: u32,
    /// Available on the channel (else away).
    pub available: bool,
    /// The agent's identity on the source (author of its replies).
    pub identity_id: IdentityId,
}

impl AgentRecord {
    /// Engage's busyness for this load: `unoccupied` (no task), `full` (load reached
    /// capacity), `busy` (at least half of capacity), `ok` otherwise.
    pub fn busyness(&self) -> &'static str {
        if self.load == 0 {
            "unoccupied"
        } else if self.load >= self.capacity {
            "full"
        } else if self.load * 2 >= self.capacity {
            "busy"
        } else {
            "ok"
        }
    }
}

/// How many requests the service made to the simulated Engage since it started.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ApiCounts {
    /// REST API requests (`/1.0/...`), answered or refused.
    pub rest: u64,
    /// REST API requests refused with 429 (rate limit).
    pub rest_rate_limited: u64,
    /// Send API requests (`/realtime/sdk/...`).
    pub send_api: u64,
    /// Send API requests answered with an error status.
    pub send_api_refused: u64,
}
