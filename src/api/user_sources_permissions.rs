//! `/users/{id}/sources_permissions`: what a user may do on each source.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
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

resource_handler! {
    /// The `/users/{id}/sources_permissions` endpoints. Get one with
    /// [`Client::user_sources_permissions`](crate::Client::user_sources_permissions).
    SourcesPermissions =>
    /// Users' permissions on sources: get, update.
    user_sources_permissions, "users", UserSourcesPermissions, UserId,
    one "user's permissions", many "users' permissions", []
}

impl SourcesPermissions {
    /// Gets a user's permissions on every source (`GET /users/{id}/sources_permissions`).
    pub async fn get(&self, user: &UserId) -> Result<UserSourcesPermissions> {
        self.call(Method::GET, &[user.as_str(), "sources_permissions"])
            .send()
            .await
    }

    /// Updates a user's permissions (`PUT /users/{id}/sources_permissions`); set each source
    /// with [`UpdateUserSourcesPermissions::source`].
    pub fn update(&self, user: &UserId) -> UpdateUserSourcesPermissions {
        UpdateUserSourcesPermissions::from_call(
            self.call(Method::PUT, &[user.as_str(), "sources_permissions"]),
        )
    }
}

request_builder! {
    /// `PUT /users/{id}/sources_permissions`, from [`SourcesPermissions::update`].
    UpdateUserSourcesPermissions -> UserSourcesPermissions
}

setters!(UpdateUserSourcesPermissions {
    /// The user's permissions on `source`, sent as `<source id>=read,reply,...`. An empty list
    /// sends an empty value.
    source[SourceId]: csv<SourcePermission> = "{}";
});
