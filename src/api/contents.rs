//! `/contents`: list, read, reply to or start discussions with, ignore and categorize messages.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{AttachmentId, CategoryId, Content, ContentId, IdentityId, SourceId};
use crate::Result;

operations![
    ("getAllContents", "GET", "/contents", "Contents::list"),
    ("getContent", "GET", "/contents/{contentId}", "Contents::get"),
    ("createContent", "POST", "/contents", "Contents::create"),
    (
        "ignoreContent",
        "PUT",
        "/contents/{contentId}/ignore",
        "Contents::ignore"
    ),
    (
        "categorizeContent",
        "PUT",
        "/contents/{contentId}/update_categories",
        "Contents::update_categories"
    ),
    (
        "updateCustomScore",
        "PUT",
        "/contents/{contentId}/update_custom_score",
        "Contents::update_custom_score"
    ),
];

resource_handler! {
    /// The `/contents` endpoints. Get one with [`Client::contents`](crate::Client::contents).
    Contents =>
    /// Contents (messages): list, get, create (reply or new discussion), ignore, categorize.
    contents, "contents", Content, ContentId, one "content", many "contents",
    [
        /// Lists contents, newest first (`GET /contents`); filter with
        /// [`q`](crate::List::<Content>::q) using the `id`, `intervention`, `identity`,
        /// `identity_group`, `source`, `status_in`, `thread` and `text` keywords.
        list,
        get,
    ]
}

impl Contents {
    /// Creates a content (`POST /contents`): a reply when
    /// [`in_reply_to_id`](CreateContent::in_reply_to_id) is set, else a new discussion on
    /// [`source_id`](CreateContent::source_id).
    pub fn create(&self, body: impl Into<String>) -> CreateContent {
        CreateContent::from_call(self.call(Method::POST, &[])).param("body", body.into())
    }

    /// A reply to `in_reply_to` (`POST /contents` with `in_reply_to_id`); the source is the
    /// replied content's.
    pub fn reply(&self, in_reply_to: &ContentId, body: impl Into<String>) -> CreateContent {
        self.create(body).in_reply_to_id(in_reply_to)
    }

    /// Ignores a content (`PUT /contents/{id}/ignore`).
    pub async fn ignore(&self, id: &ContentId) -> Result<Content> {
        self.call(Method::PUT, &[id.as_str(), "ignore"]).send().await
    }

    /// Replaces a content's categories (`PUT /contents/{id}/update_categories`); an empty list
    /// removes them all.
    pub async fn update_categories<'a>(
        &self,
        id: &ContentId,
        category_ids: impl IntoIterator<Item = &'a CategoryId>,
    ) -> Result<Content> {
        self.call(Method::PUT, &[id.as_str(), "update_categories"])
            .list_param("category_ids", category_ids)
            .send()
            .await
    }

    /// Sets a content's custom score (`PUT /contents/{id}/update_custom_score`).
    pub async fn update_custom_score(&self, id: &ContentId, custom_score: f64) -> Result<Content> {
        self.call(Method::PUT, &[id.as_str(), "update_custom_score"])
            .param("custom_score", custom_score)
            .send()
            .await
    }
}

request_builder! {
    /// `POST /contents`, from [`Contents::create`] or [`Contents::reply`].
    CreateContent -> Content
}

setters!(CreateContent {
    /// The content to reply to; without it a new discussion starts (when the source allows).
    in_reply_to_id: id<ContentId> = "in_reply_to_id";
    /// The source of a new discussion (implied by `in_reply_to_id` for a reply).
    source_id: id<SourceId> = "source_id";
    /// A private reply (public by default; not every source supports it).
    private: bool = "private";
    /// The identity to write as (default: the token user's first identity on the source).
    author_id: id<IdentityId> = "author_id";
    /// Attachments uploaded beforehand with [`Attachments::upload`](crate::api::Attachments::upload).
    attachment_ids: ids<AttachmentId> = "attachment_ids";
    /// Marks the message as sent automatically.
    auto_submitted: bool = "auto_submitted";
    /// Email: the subject (required to start a discussion).
    title: str = "title";
    /// SMS, WhatsApp, Channel SDK, Engage Messaging: the recipient (`to`).
    to: str = "to";
    /// Email: the `To` addresses (`to[]`, required to start a discussion).
    to_addresses: strs = "to";
    /// Email: the `Cc` addresses.
    cc: strs = "cc";
    /// Email: the `Bcc` addresses.
    bcc: strs = "bcc";
    /// WhatsApp: the approved template to start a discussion with.
    template_name: str = "template_name";
    /// WhatsApp: the template's language.
    template_language: str = "template_language";
    /// Engage Messaging: disable (`true`) or enable (`false`) the customer's text input.
    disable_text_input_on_thread: bool = "disable_text_input_on_thread";
});
