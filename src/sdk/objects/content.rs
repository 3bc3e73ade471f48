//! The contents we hand to Engage: in answers to its actions (`list`, `show`, `create`...) and
//! through the Send API. Builders enforce the fields Engage requires, so a content Engage would
//! silently ignore is refused when it is built.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::common::{Attachment, Format, MAX_BODY_CHARS};
use super::user::{is_context_key, User};
use crate::models::Timestamp;
use crate::{Error, Result};

/// Checks what every content needs: an id, a valid author (when one is required), a body or
/// an attachment, a body of at most [`MAX_BODY_CHARS`], and well-formed `context_data` keys.
pub(crate) fn check_content(
    what: &'static str,
    id: &str,
    author: Option<&User>,
    body: Option<&str>,
    attachments: &[Attachment],
    context_data: &Map<String, Value>,
) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::invalid_argument(what, "the id must not be blank"));
    }
    if let Some(author) = author {
        author.validate()?;
    }
    let has_body = body.is_some_and(|b| !b.trim().is_empty());
    if !has_body && !attachments.iter().any(Attachment::is_usable) {
        return Err(Error::invalid_argument(
            what,
            "needs a body or at least one attachment",
        ));
    }
    if let Some(body) = body {
        let chars = body.chars().count();
        if chars > MAX_BODY_CHARS {
            return Err(Error::invalid_argument(
                what,
                format!("the body has {chars} characters; Engage accepts at most {MAX_BODY_CHARS}"),
            ));
        }
    }
    if let Some(key) = context_data.keys().find(|k| !is_context_key(k)) {
        return Err(Error::invalid_argument(
            what,
            format!("context_data key {key:?} must match [a-zA-Z-]+"),
        ));
    }
    Ok(())
}

/// Setters shared by the three content builders.
macro_rules! common_setters {
    () => {
        /// Sets the body (at most 20,000 characters).
        pub fn body(mut self, body: impl Into<String>) -> Self {
            self.inner.body = Some(body.into());
            self
        }
        /// Adds an attachment.
        pub fn attachment(mut self, attachment: Attachment) -> Self {
            self.inner.attachments.push(attachment);
            self
        }
        /// Sets how the body is formatted (Engage assumes HTML otherwise).
        pub fn format(mut self, format: Format) -> Self {
            self.inner.format = Some(format);
            self
        }
        /// Sets the actions allowed on this content (e.g. `reply`, `delete`, custom ones).
        pub fn actions<I, S>(mut self, actions: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.inner.actions = actions.into_iter().map(Into::into).collect();
            self
        }
        /// Sets the categories (by name).
        pub fn categories<I, S>(mut self, categories: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.inner.categories = categories.into_iter().map(Into::into).collect();
            self
        }
        /// Sets the creation time.
        pub fn created_at(mut self, at: Timestamp) -> Self {
            self.inner.created_at = Some(at);
            self
        }
        /// Sets the last update time.
        pub fn updated_at(mut self, at: Timestamp) -> Self {
            self.inner.updated_at = Some(at);
            self
        }
        /// Adds a `context_data` entry; keys must match `[a-zA-Z-]+` (checked by `build`).
        pub fn context(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
            self.inner.context_data.insert(key.into(), value.into());
            self
        }
        /// Sets the public URL where the content can be seen.
        pub fn display_url(mut self, url: impl Into<String>) -> Self {
            self.inner.display_url = Some(url.into());
            self
        }
        /// Sets the author's IP address.
        pub fn ip(mut self, ip: impl Into<String>) -> Self {
            self.inner.ip = Some(ip.into());
            self
        }
        /// Sets the language (e.g. `en`).
        pub fn language(mut self, language: impl Into<String>) -> Self {
            self.inner.language = Some(language.into());
            self
        }
    };
}

/// Setters shared by messages and private messages.
macro_rules! message_setters {
    () => {
        /// Sets our id of the content this one answers.
        pub fn in_reply_to_id(mut self, id: impl Into<String>) -> Self {
            self.inner.in_reply_to_id = Some(id.into());
            self
        }
        /// Sets structured content (raw JSON shaped as Engage's structured messages; the
        /// author must then be puppetizable).
        pub fn structured_content(mut self, content: Value) -> Self {
            self.inner.structured_content = Some(content);
            self
        }
        /// Marks this content as the answer to a structured content, e.g. `{"payload": "..."}`.
        pub fn structured_reply(mut self, reply: Value) -> Self {
            self.inner.structured_reply = Some(reply);
            self
        }
    };
}

/// A public message, as we give it to Engage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// Our id of the message (required; the key Engage deduplicates on).
    pub id: String,
    /// Who wrote it (required).
    pub author: User,
    /// The text (required unless there are attachments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Files (required unless there is a body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Our id of the thread (required unless the source declares `messages.unthreaded`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<String>,
    /// Our id of the content this one answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to_id: Option<String>,
    /// How `body` is formatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Actions allowed on this message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Category names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Creation time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub updated_at: Option<Timestamp>,
    /// Extra data; keys must match `[a-zA-Z-]+`.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context_data: Map<String, Value>,
    /// Public URL of the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_url: Option<String>,
    /// Author's IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Structured content, raw JSON (see [`PostedMessage`](super::PostedMessage) for why).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_content: Option<Value>,
    /// Answer to a structured content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_reply: Option<Value>,
}

impl Message {
    /// Starts a message with its two always-required fields.
    pub fn builder(id: impl Into<String>, author: User) -> MessageBuilder {
        MessageBuilder {
            inner: Message {
                id: id.into(),
                author,
                body: None,
                attachments: Vec::new(),
                thread_id: None,
                in_reply_to_id: None,
                format: None,
                actions: Vec::new(),
                categories: Vec::new(),
                created_at: None,
                updated_at: None,
                context_data: Map::new(),
                display_url: None,
                ip: None,
                language: None,
                structured_content: None,
                structured_reply: None,
            },
        }
    }

    /// Checks the fields Engage requires (the fields are public, so this runs again before a
    /// message is sent).
    pub fn validate(&self) -> Result<()> {
        let m = self;
        check_content(
            "message",
            &m.id,
            Some(&m.author),
            m.body.as_deref(),
            &m.attachments,
            &m.context_data,
        )
    }
}

/// Builds a [`Message`]; [`build`](Self::build) checks it.
#[derive(Debug, Clone)]
pub struct MessageBuilder {
    inner: Message,
}

impl MessageBuilder {
    common_setters!();
    message_setters!();

    /// Sets our id of the thread.
    pub fn thread_id(mut self, id: impl Into<String>) -> Self {
        self.inner.thread_id = Some(id.into());
        self
    }

    /// The message, or [`Error::InvalidArgument`] when a required field is missing.
    pub fn build(self) -> Result<Message> {
        self.inner.validate()?;
        Ok(self.inner)
    }
}

/// A private message, as we give it to Engage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PrivateMessage {
    /// Our id of the message (required).
    pub id: String,
    /// Who wrote it (required).
    pub author: User,
    /// Who it is for. Engage's object reference lists it as required for contents it imports
    /// by polling; its Send API examples omit it, so it is optional here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipient: Option<User>,
    /// The text (required unless there are attachments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Files (required unless there is a body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// Our id of the content this one answers (private messages are chained this way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to_id: Option<String>,
    /// How `body` is formatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Actions allowed on this message.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Category names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Creation time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub updated_at: Option<Timestamp>,
    /// Extra data; keys must match `[a-zA-Z-]+`.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context_data: Map<String, Value>,
    /// Public URL of the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_url: Option<String>,
    /// Author's IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Structured content, raw JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_content: Option<Value>,
    /// Answer to a structured content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_reply: Option<Value>,
}

impl PrivateMessage {
    /// Starts a private message with its two always-required fields.
    pub fn builder(id: impl Into<String>, author: User) -> PrivateMessageBuilder {
        PrivateMessageBuilder {
            inner: PrivateMessage {
                id: id.into(),
                author,
                recipient: None,
                body: None,
                attachments: Vec::new(),
                in_reply_to_id: None,
                format: None,
                actions: Vec::new(),
                categories: Vec::new(),
                created_at: None,
                updated_at: None,
                context_data: Map::new(),
                display_url: None,
                ip: None,
                language: None,
                structured_content: None,
                structured_reply: None,
            },
        }
    }

    /// Checks the fields Engage requires.
    pub fn validate(&self) -> Result<()> {
        let m = self;
        if let Some(recipient) = &m.recipient {
            recipient.validate()?;
        }
        check_content(
            "private_message",
            &m.id,
            Some(&m.author),
            m.body.as_deref(),
            &m.attachments,
            &m.context_data,
        )
    }
}

/// Builds a [`PrivateMessage`]; [`build`](Self::build) checks it.
#[derive(Debug, Clone)]
pub struct PrivateMessageBuilder {
    inner: PrivateMessage,
}

impl PrivateMessageBuilder {
    common_setters!();
    message_setters!();

    /// Sets the recipient.
    pub fn recipient(mut self, recipient: User) -> Self {
        self.inner.recipient = Some(recipient);
        self
    }

    /// The private message, or [`Error::InvalidArgument`] when a required field is missing.
    pub fn build(self) -> Result<PrivateMessage> {
        self.inner.validate()?;
        Ok(self.inner)
    }
}

/// A thread, as we give it to Engage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Thread {
    /// Our id of the thread (required).
    pub id: String,
    /// Who opened it (required unless the source declares `threads.no_content`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<User>,
    /// The thread's title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The opening text (required unless the source declares `threads.no_content`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Attachment>,
    /// How `body` is formatted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<Format>,
    /// Actions allowed on this thread.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<String>,
    /// Category names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Creation time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub updated_at: Option<Timestamp>,
    /// Extra data; keys must match `[a-zA-Z-]+`.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context_data: Map<String, Value>,
    /// Public URL of the thread.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_url: Option<String>,
    /// Author's IP address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// Language code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Thread {
    /// Starts a thread. [`ThreadBuilder::build`] then requires an author and a body;
    /// [`ThreadBuilder::build_without_content`] (for sources declaring `threads.no_content`)
    /// requires only the id.
    pub fn builder(id: impl Into<String>) -> ThreadBuilder {
        ThreadBuilder {
            inner: Thread {
                id: id.into(),
                author: None,
                title: None,
                body: None,
                attachments: Vec::new(),
                format: None,
                actions: Vec::new(),
                categories: Vec::new(),
                created_at: None,
                updated_at: None,
                context_data: Map::new(),
                display_url: None,
                ip: None,
                language: None,
            },
        }
    }

    /// Checks the fields Engage requires of a thread with content (author and body).
    pub fn validate(&self) -> Result<()> {
        let t = self;
        let Some(author) = &t.author else {
            return Err(Error::invalid_argument("thread", "needs an author"));
        };
        if t.body.as_deref().is_none_or(|b| b.trim().is_empty()) {
            return Err(Error::invalid_argument("thread", "needs a body"));
        }
        check_content(
            "thread",
            &t.id,
            Some(author),
            t.body.as_deref(),
            &t.attachments,
            &t.context_data,
        )
    }
}

/// Builds a [`Thread`].
#[derive(Debug, Clone)]
pub struct ThreadBuilder {
    inner: Thread,
}

impl ThreadBuilder {
    common_setters!();

    /// Sets who opened the thread.
    pub fn author(mut self, author: User) -> Self {
        self.inner.author = Some(author);
        self
    }

    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.inner.title = Some(title.into());
        self
    }

    /// The thread, checked to have an id, an author and a body.
    pub fn build(self) -> Result<Thread> {
        self.inner.validate()?;
        Ok(self.inner)
    }

    /// The thread for a source declaring `threads.no_content`: only the id is required.
    pub fn build_without_content(self) -> Result<Thread> {
        if self.inner.id.trim().is_empty() {
            return Err(Error::invalid_argument("thread", "the id must not be blank"));
        }
        Ok(self.inner)
    }
}
