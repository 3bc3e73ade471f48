//! The contents Engage posts to the SDK endpoint (`messages.create`, `private_messages.create`,
//! `threads.create`): usually what an agent wrote.
//!
//! Every field is optional on decoding and unknown fields are ignored: Engage documents that it
//! may add attributes, and a missing attribute must not turn an agent's reply into an error.
//! Ids may arrive as JSON strings or numbers; both are kept as strings.
//!
//! `structured_content` is kept as raw JSON: Engage defines several kinds (select, rich link,
//! template, carousel) with nested options and may add more, and the receiving service usually
//! only forwards it to its own channel. Decoding it into a closed type would risk refusing a
//! content Engage considers valid.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::common::{Attachment, Format};
use crate::models::de::{lenient_flag, lenient_time, null_as_default, opt_text};
use crate::models::Timestamp;

/// A public message Engage asks us to create (`messages.create`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostedMessage {
    /// An id Engage may include; usually absent on creation.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Engage's own id of the content: the key to deduplicate retries.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_id: Option<String>,
    /// Our id of the author, when the author is one of our users.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub author_id: Option<String>,
    /// The text (or HTML, see [`format`](Self::format)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// How `body` is formatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Files attached by the agent.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attachments: Vec<Attachment>,
    /// The display name of whoever wrote it (e.g. "Jane from Support").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// `true` when Engage already tried to deliver this content before.
    #[serde(default, deserialize_with = "lenient_flag")]
    pub retry: bool,
    /// Structured content (quick replies, cards...), as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_content: Option<Value>,
    /// Our id of the content this one answers.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub in_reply_to_id: Option<String>,
    /// Our id of the thread (absent when the source is unthreaded).
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub thread_id: Option<String>,
    /// When the content was created in Engage.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub created_at: Option<Timestamp>,
    /// When the content was last updated in Engage.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub updated_at: Option<Timestamp>,
}

/// A private message Engage asks us to create (`private_messages.create`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostedPrivateMessage {
    /// An id Engage may include; usually absent on creation.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Engage's own id of the content: the key to deduplicate retries.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_id: Option<String>,
    /// Our id of the author, when the author is one of our users.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub author_id: Option<String>,
    /// Our id of the user the message is for.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub recipient_id: Option<String>,
    /// The text (or HTML, see [`format`](Self::format)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// How `body` is formatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Files attached by the agent.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attachments: Vec<Attachment>,
    /// The display name of whoever wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// `true` when Engage already tried to deliver this content before.
    #[serde(default, deserialize_with = "lenient_flag")]
    pub retry: bool,
    /// Structured content, as raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_content: Option<Value>,
    /// Our id of the content this one answers (private messages are chained this way).
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub in_reply_to_id: Option<String>,
    /// When the content was created in Engage.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub created_at: Option<Timestamp>,
    /// When the content was last updated in Engage.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub updated_at: Option<Timestamp>,
}

/// A thread Engage asks us to create (`threads.create`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PostedThread {
    /// An id Engage may include; usually absent on creation.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Engage's own id of the thread.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub content_id: Option<String>,
    /// Our id of the author, when the author is one of our users.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub author_id: Option<String>,
    /// The thread's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The opening text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// How `body` is formatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Files attached.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub attachments: Vec<Attachment>,
    /// The display name of whoever wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sender_name: Option<String>,
    /// `true` when Engage already tried to deliver this thread before.
    #[serde(default, deserialize_with = "lenient_flag")]
    pub retry: bool,
    /// When the thread was created in Engage.
    #[serde(
        default,
        deserialize_with = "lenient_time",
        serialize_with = "time::serde::rfc3339::option::serialize"
    )]
    pub created_at: Option<Timestamp>,
}
