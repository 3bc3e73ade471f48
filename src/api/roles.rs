//! `/roles`: list, get, create and update roles and their permission flags.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{role_flags, Role, RoleId};
use crate::Result;

operations![
    ("getAllRoles", "GET", "/roles", "Roles::list"),
    ("getRole", "GET", "/roles/{roleId}", "Roles::get"),
    ("createRole", "POST", "/roles", "Roles::create"),
    ("updateRole", "PUT", "/roles/{roleId}", "Roles::update"),
];

resource_handler! {
    /// The `/roles` endpoints. Get one with [`Client::roles`](crate::Client::roles).
    Roles => roles, "roles", Role, RoleId, one "role", many "roles",
    [
        /// Lists roles, oldest first (`GET /roles`).
        list,
        get,
    ]
}

impl Roles {
    /// Creates a role called `label` (`POST /roles`). Engage grants nothing a flag does not
    /// switch on.
    pub fn create(&self, label: impl Into<String>) -> CreateRole {
        CreateRole::from_call(self.call(Method::POST, &[])).param("label", label.into())
    }

    /// Updates a role's flags (`PUT /roles/{id}`); only the flags you set are sent.
    pub fn update(&self, id: &RoleId) -> UpdateRole {
        UpdateRole::from_call(self.call(Method::PUT, &[id.as_str()]))
    }

    /// Grants the Escalate to Video permission to a role (`PUT /roles/{id}` with
    /// `escalate_to_video=true`) and returns the updated role.
    pub async fn grant_escalate_to_video(&self, id: &RoleId) -> Result<Role> {
        self.update(id).escalate_to_video(true).send().await
    }
}

request_builder! {
    /// `POST /roles`, from [`Roles::create`]; one setter per permission flag.
    CreateRole -> Role
}
request_builder! {
    /// `PUT /roles/{id}`, from [`Roles::update`]; one setter per permission flag.
    UpdateRole -> Role
}

// One setter per settable flag on both role builders, from the single flag list in
// `models::role`.
role_flags!(setters, @flags CreateRole, UpdateRole;);
