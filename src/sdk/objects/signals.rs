//! `Status` and `Typing`: the two small objects sent through the Send API.

use serde::{Deserialize, Serialize};

use crate::models::de::{opt_text, text};
use crate::{Error, Result};

/// Marks one of our contents as read (`status.mark_as_read`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Status {
    /// Our id of the message or private message that was read.
    #[serde(deserialize_with = "text")]
    pub id: String,
}

impl Status {
    /// A status for the content `id` (must not be blank).
    pub fn new(id: impl Into<String>) -> Result<Self> {
        let status = Status { id: id.into() };
        status.validate()?;
        Ok(status)
    }

    /// Checks that the id is not blank.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid_argument("status.id", "must not be blank"));
        }
        Ok(())
    }
}

/// A typing notification (`typing.start` / `typing.stop`), for a thread or a content.
///
/// Needs a `thread_id` or an `in_reply_to_id` (Engage prefers the thread when both are set);
/// `typing.start` also needs a [`preview`](Self::preview) of what is being typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Typing {
    /// Our id of the thread.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub thread_id: Option<String>,
    /// Our id of the message or private message being answered.
    #[serde(
        default,
        deserialize_with = "opt_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub in_reply_to_id: Option<String>,
    /// What the user is typing (required for `typing.start`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
}

impl Typing {
    /// Typing in our thread `thread_id`.
    pub fn in_thread(thread_id: impl Into<String>) -> Self {
        Typing {
            thread_id: Some(thread_id.into()),
            ..Typing::default()
        }
    }

    /// Typing an answer to our content `in_reply_to_id`.
    pub fn in_reply_to(in_reply_to_id: impl Into<String>) -> Self {
        Typing {
            in_reply_to_id: Some(in_reply_to_id.into()),
            ..Typing::default()
        }
    }

    /// Adds the content being answered (kept alongside a thread id).
    pub fn with_in_reply_to(mut self, in_reply_to_id: impl Into<String>) -> Self {
        self.in_reply_to_id = Some(in_reply_to_id.into());
        self
    }

    /// Sets the preview of what is being typed.
    pub fn with_preview(mut self, preview: impl Into<String>) -> Self {
        self.preview = Some(preview.into());
        self
    }

    /// The key Engage throttles on: the thread id, else the content id.
    pub fn target(&self) -> Option<&str> {
        fn filled(v: &Option<String>) -> Option<&str> {
            v.as_deref().filter(|s| !s.trim().is_empty())
        }
        filled(&self.thread_id).or_else(|| filled(&self.in_reply_to_id))
    }

    /// Checks the fields Engage requires; `start` adds the preview requirement.
    pub fn validate(&self, start: bool) -> Result<()> {
        if self.target().is_none() {
            return Err(Error::invalid_argument(
                "typing",
                "needs a thread_id or an in_reply_to_id",
            ));
        }
        if start && self.preview.as_deref().is_none_or(|p| p.is_empty()) {
            return Err(Error::invalid_argument(
                "typing.preview",
                "typing.start needs a preview",
            ));
        }
        Ok(())
    }
}
