//! `/users`: list, get, create, invite, update and delete agents and other users.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, List};
use crate::models::{CategoryId, Gender, IdentityId, RoleId, TeamId, User, UserId};

operations![
    ("getAllUsers", "GET", "/users", "Users::list"),
    ("getUser", "GET", "/users/{userId}", "Users::get"),
    ("createUser", "POST", "/users", "Users::create"),
    ("inviteUser", "POST", "/users/invite", "Users::invite"),
    ("updateUser", "PUT", "/users/{userId}", "Users::update"),
    ("deleteUser", "DELETE", "/users/{userId}", "Users::delete"),
];

resource_handler! {
    /// The `/users` endpoints. Get one with [`Client::users`](crate::Client::users).
    Users =>
    /// Users (agents): list, get, create, invite, update, delete.
    users, "users", User, UserId, one "user", many "users",
    [
        /// Lists users, newest first (`GET /users`).
        list,
        get,
        delete,
    ]
}

impl Users {
    /// Creates a user (`POST /users`). Engage requires a password unless
    /// [`no_password`](CreateUser::no_password) is set for single sign-on.
    pub fn create(
        &self,
        email: impl Into<String>,
        firstname: impl Into<String>,
        lastname: impl Into<String>,
        role_id: &RoleId,
    ) -> CreateUser {
        CreateUser::from_call(self.call(Method::POST, &[]))
            .param("email", email.into())
            .param("firstname", firstname.into())
            .param("lastname", lastname.into())
            .param("role_id", role_id)
    }

    /// Invites a user by email (`POST /users/invite`).
    pub fn invite(
        &self,
        email: impl Into<String>,
        firstname: impl Into<String>,
        lastname: impl Into<String>,
        role_id: &RoleId,
    ) -> InviteUser {
        InviteUser::from_call(self.call(Method::POST, &["invite"]))
            .param("email", email.into())
            .param("firstname", firstname.into())
            .param("lastname", lastname.into())
            .param("role_id", role_id)
    }

    /// Updates a user (`PUT /users/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &UserId) -> UpdateUser {
        UpdateUser::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

setters!(List<User> {
    /// Only the user with this email (case-insensitive).
    email: str = "email";
    /// Only users in this category.
    category_id: id<CategoryId> = "category_id";
    /// Only users answering as this identity.
    identity_id: id<IdentityId> = "identity_id";
    /// Only the user with this SSO external id.
    external_id: str = "external_id";
    /// Only users with this role.
    role_id: id<RoleId> = "role_id";
    /// Only users in this team.
    team_id: id<TeamId> = "team_id";
});

request_builder! {
    /// `POST /users`, from [`Users::create`].
    CreateUser -> User
}
request_builder! {
    /// `POST /users/invite`, from [`Users::invite`].
    InviteUser -> User
}
request_builder! {
    /// `PUT /users/{id}`, from [`Users::update`].
    UpdateUser -> User
}

// The optional user fields shared by create, invite and update.
setters!(CreateUser, InviteUser, UpdateUser {
    /// Categories the user belongs to (replaces the list).
    category_ids: ids<CategoryId> = "category_ids";
    /// Whether the user may log in.
    enabled: bool = "enabled";
    /// The id used for single sign-on.
    external_id: str = "external_id";
    /// `man` or `woman`.
    gender: value<Gender> = "gender";
    /// Identities the user answers as (replaces the list).
    identity_ids: ids<IdentityId> = "identity_ids";
    /// Interface language, e.g. `en`.
    locale: str = "locale";
    /// Nickname.
    nickname: str = "nickname";
    /// Teams the user belongs to (replaces the list).
    team_ids: ids<TeamId> = "team_ids";
    /// Time zone name (see `/timezones`); empty for the domain's.
    timezone: str = "timezone";
    /// Locales of the languages the user speaks (replaces the list).
    spoken_languages: strs = "spoken_languages";
});

// The fields that only create and update take.
setters!(CreateUser, UpdateUser {
    /// The user's password. Engage takes it in the query string, as its API defines; the
    /// crate keeps it out of errors and logs.
    password: secret = "password";
    /// A passwordless (SSO) user.
    no_password: bool = "no_password";
});

setters!(UpdateUser {
    /// The user's email.
    email: str = "email";
    /// First name.
    firstname: str = "firstname";
    /// Last name.
    lastname: str = "lastname";
    /// The user's role.
    role_id: id<RoleId> = "role_id";
    /// The user's RingCentral user id, which Escalate to Video needs. Engage's published spec
    /// lists this field on the user but not among the update parameters; the agent profile
    /// screen sets it, and the API takes it the same way as the other fields.
    rc_user_id: str = "rc_user_id";
});
