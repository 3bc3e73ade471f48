//! Typed inbound actions: what Engage asks the SDK endpoint to do.
//!
//! A request body is `{"action": "<object>.<operation>", "params": {...}, "time": "..."}`.
//! [`Request::parse`] turns the raw bytes into an [`Action`] without building an intermediate
//! JSON tree: when `action` comes before `params` (as Engage sends it) in a single pass. Unknown fields anywhere are
//! ignored; ids may be JSON strings or numbers.
//!
//! ```
//! use ringcentral_engage::sdk::action::{Action, Request, Resource};
//!
//! let req = Request::parse(br#"{"action":"messages.list","params":{"since_id":42}}"#).unwrap();
//! assert_eq!(req.action, Action::List { resource: Resource::Messages, since_id: Some("42".into()) });
//! ```

use std::borrow::Cow;
use std::fmt;

use http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::objects::{PostedMessage, PostedPrivateMessage, PostedThread, Status, Typing};
use crate::models::de::{opt_text, text};
use crate::models::Timestamp;
use crate::queue::QueueUpdate;

/// The three kinds of content an SDK source holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Resource {
    /// Public messages (`messages.*`).
    Messages,
    /// Private messages (`private_messages.*`).
    PrivateMessages,
    /// Threads (`threads.*`).
    Threads,
}

impl Resource {
    /// The object name on the wire (`messages`, `private_messages`, `threads`).
    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Messages => "messages",
            Resource::PrivateMessages => "private_messages",
            Resource::Threads => "threads",
        }
    }

    /// The resource named `name` on the wire, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "messages" => Some(Resource::Messages),
            "private_messages" => Some(Resource::PrivateMessages),
            "threads" => Some(Resource::Threads),
            _ => None,
        }
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The parameters of `messaging.queuing_update`: where a conversation stands in Engage's queue.
///
/// The values are kept exactly as received (Engage documents `estimated_wait_time` in seconds
/// and `position` as a number, but does not promise their JSON type).
/// [`to_queue_update`](Self::to_queue_update) and [`into_queue_update`](Self::into_queue_update)
/// decode them into the typed [`QueueUpdate`] with the lenient rules of
/// [`QueueUpdate::from_raw`]: numbers and numeric strings are read, anything missing, negative
/// or unreadable becomes `Unknown` instead of an error.
///
/// ```
/// use ringcentral_engage::sdk::action::{Action, Request};
/// use time::macros::datetime;
///
/// let body = br#"{"action":"messaging.queuing_update","params":{"estimated_wait_time":"90","position":2,"thread_id":"t-1"}}"#;
/// let Action::QueuingUpdate(raw) = Request::parse(body).unwrap().action else { unreachable!() };
/// let update = raw.to_queue_update(datetime!(2024-05-01 10:00 UTC));
/// assert_eq!(update.estimated_wait.as_secs(), Some(90));
/// assert_eq!(update.position.get(), Some(2));
/// assert_eq!(update.thread_id.as_deref(), Some("t-1"));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[non_exhaustive]
pub struct QueuingUpdate {
    /// Estimated wait, in seconds, as Engage sent it.
    #[serde(default)]
    pub estimated_wait_time: Option<Value>,
    /// Position in the queue, as Engage sent it.
    #[serde(default)]
    pub position: Option<Value>,
    /// Our id of the thread concerned.
    #[serde(default, deserialize_with = "opt_text")]
    pub thread_id: Option<String>,
    /// Our id of the content concerned.
    #[serde(default, deserialize_with = "opt_text")]
    pub in_reply_to_id: Option<String>,
}

impl QueuingUpdate {
    /// The update decoded into the queue model, observed at `observed_at` (the request's
    /// `time` when it has one, else when it was received; see [`QueueUpdate::observed_at`]).
    ///
    /// Never fails: the decoding is [`QueueUpdate::from_raw`]'s, so unreadable values become
    /// `Unknown` and blank ids become `None`.
    pub fn to_queue_update(&self, observed_at: Timestamp) -> QueueUpdate {
        self.clone().into_queue_update(observed_at)
    }

    /// Like [`to_queue_update`](Self::to_queue_update), without copying the ids.
    pub fn into_queue_update(self, observed_at: Timestamp) -> QueueUpdate {
        QueueUpdate::from_raw(
            self.estimated_wait_time.as_ref(),
            self.position.as_ref(),
            self.thread_id,
            self.in_reply_to_id,
            observed_at,
        )
    }
}

/// The parameters of a custom action (a button an agent pressed on a content).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[non_exhaustive]
pub struct CustomParams {
    /// Our id of the content.
    #[serde(deserialize_with = "text")]
    pub id: String,
    /// Engage's id of the agent who pressed it.
    #[serde(default, deserialize_with = "opt_text")]
    pub user_id: Option<String>,
}

/// One action Engage asks for.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Action {
    /// `implementation.info`: what this source supports.
    ImplementationInfo,
    /// `<resource>.list`: contents newer than `since_id` (all, or the oldest ones, when absent).
    List {
        /// Which contents.
        resource: Resource,
        /// Our id of the last content Engage already imported.
        since_id: Option<String>,
    },
    /// `<resource>.show`: one content.
    Show {
        /// Which contents.
        resource: Resource,
        /// Our id of the content.
        id: String,
    },
    /// `messages.create`: publish what an agent wrote.
    CreateMessage(PostedMessage),
    /// `private_messages.create`: deliver what an agent wrote privately.
    CreatePrivateMessage(PostedPrivateMessage),
    /// `threads.create`: open a thread.
    CreateThread(PostedThread),
    /// `<resource>.delete` (also accepted as `destroy`).
    Delete {
        /// Which contents.
        resource: Resource,
        /// Our id of the content.
        id: String,
    },
    /// `<resource>.publish`.
    Publish {
        /// Which contents.
        resource: Resource,
        /// Our id of the content.
        id: String,
    },
    /// `<resource>.unpublish`.
    Unpublish {
        /// Which contents.
        resource: Resource,
        /// Our id of the content.
        id: String,
    },
    /// Any other `<resource>.<name>`: a custom action.
    Custom {
        /// Which contents.
        resource: Resource,
        /// The operation name, as declared in `implementation.info`.
        name: String,
        /// The content and the agent.
        params: CustomParams,
    },
    /// `messaging.queuing_update`: the conversation's place in Engage's queue.
    QueuingUpdate(QueuingUpdate),
    /// `typing.start`: an agent started typing.
    TypingStart(Typing),
    /// `typing.stop`: an agent stopped typing.
    TypingStop(Typing),
    /// `status.mark_as_read`: an agent read one of our contents.
    MarkAsRead(Status),
}

impl Action {
    /// The action's wire name, e.g. `messages.create` (for logs and metrics).
    pub fn name(&self) -> Cow<'static, str> {
        let op = |r: &Resource, op: &str| Cow::Owned(format!("{}.{op}", r.as_str()));
        match self {
            Action::ImplementationInfo => Cow::Borrowed("implementation.info"),
            Action::List { resource, .. } => op(resource, "list"),
            Action::Show { resource, .. } => op(resource, "show"),
            Action::CreateMessage(_) => Cow::Borrowed("messages.create"),
            Action::CreatePrivateMessage(_) => Cow::Borrowed("private_messages.create"),
            Action::CreateThread(_) => Cow::Borrowed("threads.create"),
            Action::Delete { resource, .. } => op(resource, "delete"),
            Action::Publish { resource, .. } => op(resource, "publish"),
            Action::Unpublish { resource, .. } => op(resource, "unpublish"),
            Action::Custom { resource, name, .. } => op(resource, name),
            Action::QueuingUpdate(_) => Cow::Borrowed("messaging.queuing_update"),
            Action::TypingStart(_) => Cow::Borrowed("typing.start"),
            Action::TypingStop(_) => Cow::Borrowed("typing.stop"),
            Action::MarkAsRead(_) => Cow::Borrowed("status.mark_as_read"),
        }
    }
}

/// A parsed request: the action and when Engage sent it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Request {
    /// What Engage asks for.
    pub action: Action,
    /// The `time` field, when present and readable.
    pub time: Option<Timestamp>,
}

/// Why a body is not a usable request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The body is not a JSON object.
    #[error("the body is not a JSON object: {0}")]
    NotJson(String),
    /// The object has no `action` string.
    #[error("the request has no action")]
    MissingAction,
    /// The action is not one this crate knows (and not `<resource>.<custom>`).
    #[error("unknown action {0:?}")]
    UnknownAction(String),
    /// The action needs `params` and there are none.
    #[error("{0} needs params")]
    MissingParams(String),
    /// `params` does not have the shape the action needs.
    #[error("invalid params for {action}: {message}")]
    InvalidParams {
        /// The action.
        action: String,
        /// What is wrong.
        message: String,
    },
}

impl ParseError {
    /// The status the endpoint answers with: 422 for an unknown action, 400 otherwise.
    pub fn status(&self) -> StatusCode {
        match self {
            ParseError::UnknownAction(_) => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::BAD_REQUEST,
        }
    }
}

impl Request {
    /// Parses a raw request body. Never panics, whatever the bytes.
    pub fn parse(body: &[u8]) -> Result<Request, ParseError> {
        super::parse::parse_request(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queuing_update_keeps_raw_values_and_numeric_ids() {
        let body = br#"{"action":"messaging.queuing_update","params":{"estimated_wait_time":"30","position":1,"thread_id":7,"in_reply_to_id":"10","x":1}}"#;
        let Action::QueuingUpdate(q) = Request::parse(body).unwrap().action else {
            panic!()
        };
        assert_eq!(q.estimated_wait_time, Some(Value::from("30")));
        assert_eq!(q.position, Some(Value::from(1)));
        assert_eq!(q.thread_id.as_deref(), Some("7"));
        assert_eq!(q.in_reply_to_id.as_deref(), Some("10"));
    }

    #[test]
    fn statuses() {
        let status = |b: &[u8]| Request::parse(b).unwrap_err().status().as_u16();
        assert_eq!(status(b"nope"), 400);
        assert_eq!(status(b"[1,2]"), 400);
        assert_eq!(status(br#"{"params":{}}"#), 400);
        assert_eq!(status(br#"{"action":5}"#), 400);
        assert_eq!(status(br#"{"action":"widgets.list"}"#), 422);
        assert_eq!(status(br#"{"action":"messages.reply","params":{"id":"1"}}"#), 422);
        assert_eq!(status(br#"{"action":"messages.create"}"#), 400);
        assert_eq!(status(br#"{"action":"messages.create","params":null}"#), 400);
        assert_eq!(status(br#"{"action":"messages.show","params":{}}"#), 400);
        assert_eq!(status(br#"{"action":"messages.create","params":[]}"#), 400);
    }

    #[test]
    fn names_round_trip() {
        for name in [
            "messages.list",
            "threads.delete",
            "private_messages.archive",
            "typing.stop",
        ] {
            let body = format!(r#"{{"action":"{name}","params":{{"id":"1"}}}}"#);
            assert_eq!(Request::parse(body.as_bytes()).unwrap().action.name(), name);
        }
    }
}
