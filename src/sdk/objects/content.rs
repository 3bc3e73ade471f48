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
    /// Our id of the thread. Engage's object reference (`sdks/source-sdk/objects.md`,
    /// "Messages") marks it required, and ignores it when the source declares the
    /// `messages.unthreaded` option. [`MessageBuilder::build`] therefore refuses a message
    /// without one unless [`MessageBuilder::unthreaded`] was called.
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
    ///
    /// [`MessageBuilder::build`] also requires a [`thread_id`](MessageBuilder::thread_id),
    /// unless the message is marked [`unthreaded`](MessageBuilder::unthreaded).
    pub fn builder(id: impl Into<String>, author: User) -> MessageBuilder {
        MessageBuilder {
            unthreaded: false,
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
    ///
    /// A present `thread_id` must not be blank, but a missing one is accepted here: whether
    /// Engage needs it depends on the source's `messages.unthreaded` option, which a message
    /// does not carry. [`MessageBuilder::build`] is where a missing thread is refused.
    pub fn validate(&self) -> Result<()> {
        let m = self;
        if m.thread_id.as_deref().is_some_and(|t| t.trim().is_empty()) {
            return Err(Error::invalid_argument(
                "message",
                "the thread_id must not be blank",
            ));
        }
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
    unthreaded: bool,
}

impl MessageBuilder {
    common_setters!();
    message_setters!();

    /// Sets our id of the thread (required by [`build`](Self::build) unless the message is
    /// [`unthreaded`](Self::unthreaded)).
    pub fn thread_id(mut self, id: impl Into<String>) -> Self {
        self.inner.thread_id = Some(id.into());
        self
    }

    /// Lets [`build`](Self::build) accept a message without `thread_id`.
    ///
    /// Only for a source whose `implementation.info` declares `messages.unthreaded`
    /// ([`SdkOption::MessagesUnthreaded`](crate::sdk::SdkOption::MessagesUnthreaded)), e.g. a
    /// Twitter-like feed with no threads. Engage then ignores `thread_id` altogether; for any
    /// other source it drops a message that has none, so the builder refuses it by default.
    /// A `thread_id` set anyway is kept (and must not be blank).
    pub fn unthreaded(mut self) -> Self {
        self.unthreaded = true;
        self
    }

    /// The message, or [`Error::InvalidArgument`] when a required field is missing: the
    /// checks of [`Message::validate`], plus `thread_id` unless [`unthreaded`](Self::unthreaded)
    /// was called.
    pub fn build(self) -> Result<Message> {
        self.inner.validate()?;
        if !self.unthreaded && self.inner.thread_id.is_none() {
            return Err(Error::invalid_argument(
                "message",
                "needs a thread_id (call unthreaded() only for a source declaring messages.unthreaded)",
            ));
        }
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
    /// Who it is for.
    ///
    /// Engage's object reference (`sdks/source-sdk/objects.md`, "PrivateMessages") marks
    /// `recipient` required, and a polled private message without it may be ignored. It is
    /// still optional here because the Send API page (`sdks/source-sdk/send-api.md`) lists
    /// `private_messages.create` without showing its parameters, so nothing there confirms the
    /// requirement for pushed contents; and because the answer to an agent's
    /// `private_messages.create` describes a content Engage posted itself, with its
    /// `recipient_id` (`objects.md`, "When we post a private message"), which a handler may not
    /// be able to turn back into a full user. Set it whenever the recipient is known, and
    /// always in `list` and `show` answers. When set, it is validated like the author.
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
