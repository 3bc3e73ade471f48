//! `/presence_status`: the custom away statuses agents can pick.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::models::{PresenceStatus, PresenceStatusId};
use crate::Result;

operations![
    (
        "getAllPresenceStatus",
        "GET",
        "/presence_status",
        "PresenceStatuses::list"
    ),
    (
        "getPresenceStatus",
        "GET",
        "/presence_status/{presenceStatusId}",
        "PresenceStatuses::get"
    ),
    (
        "createPresenceStatus",
        "POST",
        "/presence_status",
        "PresenceStatuses::create"
    ),
    (
        "updatePresenceStatus",
        "PUT",
        "/presence_status/{presenceStatusId}",
        "PresenceStatuses::update"
    ),
    (
        "deletePresenceStatus",
        "DELETE",
        "/presence_status/{presenceStatusId}",
        "PresenceStatuses::delete"
    ),
];

resource_handler! {
    /// The `/presence_status` endpoints. Get one with
    /// [`Client::presence_statuses`](crate::Client::presence_statuses).
    PresenceStatuses =>
    /// Presence statuses (custom away statuses): list, get, create, rename, delete.
    presence_statuses, "presence_status", PresenceStatus, PresenceStatusId,
    one "presence status", many "presence statuses",
    [
        /// Lists presence statuses in alphabetical order (`GET /presence_status`).
        list,
        get,
        delete,
    ]
}

impl PresenceStatuses {
    /// Creates a presence status called `name` (`POST /presence_status`).
    pub async fn create(&self, name: impl Into<String>) -> Result<PresenceStatus> {
        self.call(Method::POST, &[])
            .param("name", name.into())
            .send()
            .await
    }

    /// Renames a presence status (`PUT /presence_status/{id}`).
    pub async fn update(&self, id: &PresenceStatusId, name: impl Into<String>) -> Result<PresenceStatus> {
        self.call(Method::PUT, &[id.as_str()])
            .param("name", name.into())
            .send()
            .await
    }
}
