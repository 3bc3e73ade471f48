//! `/reply_assistant/{entries,groups,versions}`: the knowledge base agents insert replies from.
//! An entry is a named answer, its versions hold the texts (per language or source), and groups
//! sort entries in the interface.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{
    CategoryId, ReplyAssistantEntry, ReplyAssistantEntryId, ReplyAssistantGroup, ReplyAssistantGroupId,
    ReplyAssistantVersion, ReplyAssistantVersionId, ReplyFormat, SourceId,
};

operations![
    (
        "getAllReplyAssistantEntries",
        "GET",
        "/reply_assistant/entries",
        "ReplyAssistantEntries::list"
    ),
    (
        "getReplyAssistantEntry",
        "GET",
        "/reply_assistant/entries/{replyAssistantEntryId}",
        "ReplyAssistantEntries::get"
    ),
    (
        "createReplyAssistantEntry",
        "POST",
        "/reply_assistant/entries",
        "ReplyAssistantEntries::create"
    ),
    (
        "updateReplyAssistantEntry",
        "PUT",
        "/reply_assistant/entries/{replyAssistantEntryId}",
        "ReplyAssistantEntries::update"
    ),
    (
        "deleteReplyAssistantEntry",
        "DELETE",
        "/reply_assistant/entries/{replyAssistantEntryId}",
        "ReplyAssistantEntries::delete"
    ),
    (
        "getAllReplyAssistantGroups",
        "GET",
        "/reply_assistant/groups",
        "ReplyAssistantGroups::list"
    ),
    (
        "getReplyAssistantGroup",
        "GET",
        "/reply_assistant/groups/{replyAssistantGroupId}",
        "ReplyAssistantGroups::get"
    ),
    (
        "createReplyAssistantGroup",
        "POST",
        "/reply_assistant/groups",
        "ReplyAssistantGroups::create"
    ),
    (
        "updateReplyAssistantGroup",
        "PUT",
        "/reply_assistant/groups/{replyAssistantGroupId}",
        "ReplyAssistantGroups::update"
    ),
    (
        "deleteReplyAssistantGroup",
        "DELETE",
        "/reply_assistant/groups/{replyAssistantGroupId}",
        "ReplyAssistantGroups::delete"
    ),
    (
        "getAllReplyAssistantVersions",
        "GET",
        "/reply_assistant/versions",
        "ReplyAssistantVersions::list"
    ),
    (
        "getReplyAssistantVersion",
        "GET",
        "/reply_assistant/versions/{replyAssistantVersionId}",
        "ReplyAssistantVersions::get"
    ),
    (
        "createReplyAssistantVersion",
        "POST",
        "/reply_assistant/versions",
        "ReplyAssistantVersions::create"
    ),
    (
        "updateReplyAssistantVersion",
        "PUT",
        "/reply_assistant/versions/{replyAssistantVersionId}",
        "ReplyAssistantVersions::update"
    ),
    (
        "deleteReplyAssistantVersion",
        "DELETE",
        "/reply_assistant/versions/{replyAssistantVersionId}",
        "ReplyAssistantVersions::delete"
    ),
];

resource_handler! {
    /// The `/reply_assistant/entries` endpoints. Get one with
    /// [`Client::reply_assistant_entries`](crate::Client::reply_assistant_entries).
    ReplyAssistantEntries => reply_assistant_entries, "reply_assistant/entries",
    ReplyAssistantEntry, ReplyAssistantEntryId,
    one "reply assistant entry", many "reply assistant entries", [list, get, delete]
}

resource_handler! {
    /// The `/reply_assistant/groups` endpoints. Get one with
    /// [`Client::reply_assistant_groups`](crate::Client::reply_assistant_groups).
    ReplyAssistantGroups => reply_assistant_groups, "reply_assistant/groups",
    ReplyAssistantGroup, ReplyAssistantGroupId,
    one "reply assistant group", many "reply assistant groups", [list, get, delete]
}

resource_handler! {
    /// The `/reply_assistant/versions` endpoints. Get one with
    /// [`Client::reply_assistant_versions`](crate::Client::reply_assistant_versions).
    ReplyAssistantVersions => reply_assistant_versions, "reply_assistant/versions",
    ReplyAssistantVersion, ReplyAssistantVersionId,
    one "reply assistant version", many "reply assistant versions", [list, get, delete]
}

impl ReplyAssistantEntries {
    /// Creates an entry (`POST /reply_assistant/entries`); the spec takes only its label here,
    /// the other fields are set with [`update`](Self::update).
    pub fn create(&self, label: impl Into<String>) -> CreateReplyAssistantEntry {
        CreateReplyAssistantEntry::from_call(self.call(Method::POST, &[])).param("label", label.into())
    }

    /// Updates an entry (`PUT /reply_assistant/entries/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &ReplyAssistantEntryId) -> UpdateReplyAssistantEntry {
        UpdateReplyAssistantEntry::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

impl ReplyAssistantGroups {
    /// Creates a group (`POST /reply_assistant/groups`).
    pub fn create(&self, name: impl Into<String>) -> CreateReplyAssistantGroup {
        CreateReplyAssistantGroup::from_call(self.call(Method::POST, &[])).param("name", name.into())
    }

    /// Updates a group (`PUT /reply_assistant/groups/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &ReplyAssistantGroupId) -> UpdateReplyAssistantGroup {
        UpdateReplyAssistantGroup::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

impl ReplyAssistantVersions {
    /// Creates a version of `entry` with this body (`POST /reply_assistant/versions`).
    pub fn create(
        &self,
        entry: &ReplyAssistantEntryId,
        body: impl Into<String>,
    ) -> CreateReplyAssistantVersion {
        CreateReplyAssistantVersion::from_call(self.call(Method::POST, &[]))
            .param("entry_id", entry)
            .param("body", body.into())
    }

    /// Updates a version (`PUT /reply_assistant/versions/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &ReplyAssistantVersionId) -> UpdateReplyAssistantVersion {
        UpdateReplyAssistantVersion::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

request_builder! {
    /// `POST /reply_assistant/entries`, from [`ReplyAssistantEntries::create`].
    CreateReplyAssistantEntry -> ReplyAssistantEntry
}
request_builder! {
    /// `PUT /reply_assistant/entries/{id}`, from [`ReplyAssistantEntries::update`].
    UpdateReplyAssistantEntry -> ReplyAssistantEntry
}
request_builder! {
    /// `POST /reply_assistant/groups`, from [`ReplyAssistantGroups::create`].
    CreateReplyAssistantGroup -> ReplyAssistantGroup
}
request_builder! {
    /// `PUT /reply_assistant/groups/{id}`, from [`ReplyAssistantGroups::update`].
    UpdateReplyAssistantGroup -> ReplyAssistantGroup
}
request_builder! {
    /// `POST /reply_assistant/versions`, from [`ReplyAssistantVersions::create`].
    CreateReplyAssistantVersion -> ReplyAssistantVersion
}
request_builder! {
    /// `PUT /reply_assistant/versions/{id}`, from [`ReplyAssistantVersions::update`].
    UpdateReplyAssistantVersion -> ReplyAssistantVersion
}

setters!(UpdateReplyAssistantEntry {
    /// The entry's name.
    label: str = "label";
    /// The company's own id for the entry.
    foreign_id: str = "foreign_id";
    /// Restricts the entry to these categories (replaces the list).
    category_ids: ids<CategoryId> = "category_ids";
    /// Moves the entry to this group.
    entry_group_id: id<ReplyAssistantGroupId> = "entry_group_id";
    /// Restricts the entry to these sources (replaces the list).
    source_ids: ids<SourceId> = "source_ids";
    /// The shortcuts that insert the entry (replaces the list).
    shortcuts: strs = "shortcuts";
});

// The fields group create and update share.
setters!(CreateReplyAssistantGroup, UpdateReplyAssistantGroup {
    /// The group's name.
    name: str = "name";
    /// The entries in the group (replaces the list).
    entry_ids: ids<ReplyAssistantEntryId> = "entry_ids";
    /// Whether the group's entries are offered as autocompletion in chat.
    autocomplete: bool = "autocomplete";
    /// The group's rank in the interface (ascending).
    position: int = "position";
});

// The fields version create and update share.
setters!(CreateReplyAssistantVersion, UpdateReplyAssistantVersion {
    /// The reply text.
    body: str = "body";
    /// The entry the version belongs to.
    entry_id: id<ReplyAssistantEntryId> = "entry_id";
    /// Restricts the version to these sources (replaces the list).
    source_ids: ids<SourceId> = "source_ids";
    /// Whether the body is plain text or HTML.
    format: value<ReplyFormat> = "format";
    /// The language of the text, e.g. `fr`.
    language: str = "language";
});
