//! `/users`: list, get, create, invite, update and delete agents and other users.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, Call, List};
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
        CreateUser::from_call(Call::new(&self.client, Method::POST, ["users"]))
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
        InviteUser::from_call(Call::new(&self.client, Method::POST, ["users", "invite"]))
            .param("email", email.into())
            .param("firstname", firstname.into())
            .param("lastname", lastname.into())
            .param("role_id", role_id)
    }

    /// Updates a user (`PUT /users/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &UserId) -> UpdateUser {
        UpdateUser::from_call(Call::new(&self.client, Method::PUT, ["users", id.as_str()]))
    }
}

impl List<User> {
    /// Only the user with this email (case-insensitive).
    pub fn email(self, email: impl Into<String>) -> Self {
        self.param("email", email.into())
    }

    /// Only users in this category.
    pub fn category_id(self, id: &CategoryId) -> Self {
        self.param("category_id", id)
    }

    /// Only users answering as this identity.
    pub fn identity_id(self, id: &IdentityId) -> Self {
        self.param("identity_id", id)
    }

    /// Only the user with this SSO external id.
    pub fn external_id(self, external_id: impl Into<String>) -> Self {
        self.param("external_id", external_id.into())
    }

    /// Only users with this role.
    pub fn role_id(self, id: &RoleId) -> Self {
        self.param("role_id", id)
    }

    /// Only users in this team.
    pub fn team_id(self, id: &TeamId) -> Self {
        self.param("team_id", id)
    }
}

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

impl UpdateUser {
    /// The user's email.
    pub fn email(self, email: impl Into<String>) -> Self {
        self.param("email", email.into())
    }

    /// First name.
    pub fn firstname(self, firstname: impl Into<String>) -> Self {
        self.param("firstname", firstname.into())
    }

    /// Last name.
    pub fn lastname(self, lastname: impl Into<String>) -> Self {
        self.param("lastname", lastname.into())
    }

    /// The user's role.
    pub fn role_id(self, id: &RoleId) -> Self {
        self.param("role_id", id)
    }

    /// The user's RingCentral user id, which Escalate to Video needs. Engage's published spec
    /// lists this field on the user but not among the update parameters; the agent profile
    /// screen sets it, and the API takes it the same way as the other fields.
    pub fn rc_user_id(self, rc_user_id: impl Into<String>) -> Self {
        self.param("rc_user_id", rc_user_id.into())
    }
}
