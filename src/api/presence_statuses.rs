//! `/presence_status`: the custom away statuses agents can pick.

use http::Method;

use crate::api::operations::operations;
use crate::client::{Call, Client, List};
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

/// The `/presence_status` endpoints. Get one with [`Client::presence_statuses`].
#[derive(Debug, Clone)]
pub struct PresenceStatuses {
    client: Client,
}

impl Client {
    /// Presence statuses (custom away statuses): list, get, create, rename, delete.
    pub fn presence_statuses(&self) -> PresenceStatuses {
        PresenceStatuses { client: self.clone() }
    }
}

impl PresenceStatuses {
    /// Lists presence statuses in alphabetical order (`GET /presence_status`).
    pub fn list(&self) -> List<PresenceStatus> {
        List::new(&self.client, ["presence_status"])
    }

    /// Gets one presence status (`GET /presence_status/{id}`).
    pub async fn get(&self, id: &PresenceStatusId) -> Result<PresenceStatus> {
        Call::new(&self.client, Method::GET, ["presence_status", id.as_str()])
            .send()
            .await
    }

    /// Creates a presence status called `name` (`POST /presence_status`).
    pub async fn create(&self, name: impl Into<String>) -> Result<PresenceStatus> {
        Call::new(&self.client, Method::POST, ["presence_status"])
            .param("name", name.into())
            .send()
            .await
    }

    /// Renames a presence status (`PUT /presence_status/{id}`).
    pub async fn update(&self, id: &PresenceStatusId, name: impl Into<String>) -> Result<PresenceStatus> {
        Call::new(&self.client, Method::PUT, ["presence_status", id.as_str()])
            .param("name", name.into())
            .send()
            .await
    }

    /// Deletes a presence status (`DELETE /presence_status/{id}`) and returns it.
    pub async fn delete(&self, id: &PresenceStatusId) -> Result<PresenceStatus> {
        Call::new(&self.client, Method::DELETE, ["presence_status", id.as_str()])
            .send()
            .await
    }
}
