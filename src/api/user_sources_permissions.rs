//! `/users/{id}/sources_permissions`: what a user may do on each source.

use http::Method;

use crate::api::operations::operations;
use crate::client::{request_builder, Call, Client};
use crate::models::{SourceId, SourcePermission, UserId, UserSourcesPermissions};
use crate::Result;

operations![
    (
        "getUserSourcesPermissions",
        "GET",
        "/users/{userId}/sources_permissions",
        "SourcesPermissions::get"
    ),
    (
        "updateUserSourcesPermissions",
        "PUT",
        "/users/{userId}/sources_permissions",
        "SourcesPermissions::update"
    ),
];

/// The `/users/{id}/sources_permissions` endpoints. Get one with
/// [`Client::user_sources_permissions`].
#[derive(Debug, Clone)]
pub struct SourcesPermissions {
    client: Client,
}

impl Client {
    /// Users' permissions on sources: get, update.
    pub fn user_sources_permissions(&self) -> SourcesPermissions {
        SourcesPermissions { client: self.clone() }
    }
}

impl SourcesPermissions {
    /// Gets a user's permissions on every source (`GET /users/{id}/sources_permissions`).
    pub async fn get(&self, user: &UserId) -> Result<UserSourcesPermissions> {
        Call::new(
            &self.client,
            Method::GET,
            ["users", user.as_str(), "sources_permissions"],
        )
        .send()
        .await
    }

    /// Updates a user's permissions (`PUT /users/{id}/sources_permissions`); set each source
    /// with [`UpdateUserSourcesPermissions::source`].
    pub fn update(&self, user: &UserId) -> UpdateUserSourcesPermissions {
        UpdateUserSourcesPermissions::from_call(Call::new(
            &self.client,
            Method::PUT,
            ["users", user.as_str(), "sources_permissions"],
        ))
    }
}

request_builder! {
    /// `PUT /users/{id}/sources_permissions`, from [`SourcesPermissions::update`].
    UpdateUserSourcesPermissions -> UserSourcesPermissions
}

impl UpdateUserSourcesPermissions {
    /// The user's permissions on `source`, sent as `<source id>=read,reply,...`. An empty list
    /// sends an empty value.
    pub fn source<'a>(
        self,
        source: &SourceId,
        permissions: impl IntoIterator<Item = &'a SourcePermission>,
    ) -> Self {
        let list = permissions
            .into_iter()
            .map(SourcePermission::as_str)
            .collect::<Vec<_>>()
            .join(",");
        self.param(source.as_str(), list)
    }
}
