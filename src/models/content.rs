//! Contents: the messages of a conversation, from customers and from agents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::de::lenient_int;
use serde_json::{Map, Value};

use super::string_enum::string_enum;
use super::{
    Attachment, CategoryId, ContentId, IdentityGroupId, IdentityId, InterventionId, SourceId, ThreadId,
    Timestamp, UserId,
};

/// A content: one message in a thread.
///
/// Fields this crate does not know yet land in [`extra`](Content::extra) and are written back
/// unchanged when the content is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Content {
    /// The content's id.
    pub id: ContentId,
    /// The text of the message.
    #[serde(default)]
    pub body: Option<String>,
    /// The body in text and HTML forms.
    #[serde(default)]
    pub body_formatted: Option<BodyFormatted>,
    /// How the body was written.
    #[serde(default)]
    pub body_input_format: Option<BodyInputFormat>,
    /// The title (an email subject, a forum question).
    #[serde(default)]
    pub title: Option<String>,
    /// The identity that wrote the message.
    #[serde(default)]
    pub author_id: Option<IdentityId>,
    /// The user who created it from Engage, for agent messages.
    #[serde(default)]
    pub creator_id: Option<UserId>,
    /// The identity group of the author.
    #[serde(default)]
    pub identity_group_id: Option<IdentityGroupId>,
    /// The source it was posted on.
    #[serde(default)]
    pub source_id: Option<SourceId>,
    /// The source's type, e.g. `answers`, `engage_messaging`.
    #[serde(default)]
    pub source_type: Option<String>,
    /// A link to the message on its channel.
    #[serde(default)]
    pub source_url: Option<String>,
    /// The thread it belongs to.
    #[serde(default)]
    pub thread_id: Option<ThreadId>,
    /// The intervention it belongs to.
    #[serde(default)]
    pub intervention_id: Option<InterventionId>,
    /// The content it replies to.
    #[serde(default)]
    pub in_reply_to_id: Option<ContentId>,
    /// The author of the content it replies to.
    #[serde(default)]
    pub in_reply_to_author_id: Option<IdentityId>,
    /// The message's id on its channel.
    #[serde(default)]
    pub foreign_id: Option<String>,
    /// The content type on its channel, e.g. `question`, `private_message`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Where it came from, e.g. `synchronizer`, `api`.
    #[serde(default)]
    pub created_from: Option<String>,
    /// Whether it is a private message.
    #[serde(default)]
    pub private_message: Option<bool>,
    /// Its status, e.g. `new`, `assigned`, `replied`, `ignored`.
    #[serde(default)]
    pub status: Option<String>,
    /// Its language.
    #[serde(default)]
    pub language: Option<String>,
    /// Whether it was sent automatically.
    #[serde(default)]
    pub auto_submitted: Option<bool>,
    /// Whether it is the first content of its thread.
    #[serde(default)]
    pub first_in_thread: Option<bool>,
    /// Categories of the content (or, when none, of its intervention or thread).
    #[serde(default)]
    pub category_ids: Vec<CategoryId>,
    /// Categories given by the channel, when any.
    #[serde(default)]
    pub foreign_categories: Vec<String>,
    /// Context data keyed by custom field key, when present.
    #[serde(default)]
    pub context_data: Option<serde_json::Map<String, serde_json::Value>>,
    /// Email headers, for email contents.
    #[serde(default)]
    pub headers: Option<BTreeMap<String, Vec<String>>>,
    /// The number of attachments.
    #[serde(default, deserialize_with = "lenient_int")]
    pub attachments_count: Option<i64>,
    /// The attachments.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// Whether an approval is needed before publication.
    #[serde(default)]
    pub approval_required: Option<bool>,
    /// Whether it is published.
    #[serde(default)]
    pub published: Option<bool>,
    /// Whether it was deleted on its channel.
    #[serde(default)]
    pub remotely_deleted: Option<bool>,
    /// The synchronization status with the channel, e.g. `success`.
    #[serde(default)]
    pub synchronization_status: Option<String>,
    /// The synchronization error, when it failed.
    #[serde(default)]
    pub synchronization_error: Option<String>,
    /// The customer's rating, when the channel supports one.
    #[serde(default)]
    pub rating: Option<i64>,
    /// The Engage Messaging rating.
    #[serde(default)]
    pub rated_with: Option<RatedWith>,
    /// The reason given with an Engage Messaging rating.
    #[serde(default)]
    pub rating_reason: Option<String>,
    /// The body before translation (auto-translation only).
    #[serde(default)]
    pub original_body: Option<String>,
    /// The translated body (auto-translation only).
    #[serde(default)]
    pub translated_body: Option<String>,
    /// The language of the original body (auto-translation only).
    #[serde(default)]
    pub source_language: Option<String>,
    /// The language of the translated body (auto-translation only).
    #[serde(default)]
    pub target_language: Option<String>,
    /// The translation's state (auto-translation only).
    #[serde(default)]
    pub translation_status: Option<TranslationStatus>,
    /// The translation's error, when it failed.
    #[serde(default)]
    pub translation_error: Option<String>,
    /// The structured message types a reply to it may use.
    #[serde(default)]
    pub capabilities_supported: Vec<String>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
    /// Every other field of the answer, such as fields Engage added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A body in both forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BodyFormatted {
    /// Plain text.
    #[serde(default)]
    pub text: Option<String>,
    /// HTML.
    #[serde(default)]
    pub html: Option<String>,
}

string_enum! {
    /// How a content's body was written.
    BodyInputFormat {
        /// Plain text.
        Text = "text",
        /// HTML.
        Html = "html",
    }
}

string_enum! {
    /// The state of a content's automatic translation.
    TranslationStatus {
        /// Not done yet.
        Pending = "pending",
        /// Translated.
        Success = "success",
        /// Failed; see `translation_error`.
        Error = "error",
    }
}

string_enum! {
    /// An Engage Messaging rating.
    RatedWith {
        /// Thumbs up.
        ThumbsUp = "THUMBS_UP",
        /// Thumbs down.
        ThumbsDown = "THUMBS_DOWN",
    }
}
