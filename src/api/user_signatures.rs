//! `/users/{id}/signatures`: a user's reply signatures.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{SignatureId, SourceId, UserId, UserSignature};

operations![
    (
        "getAllUserSignatures",
        "GET",
        "/users/{userId}/signatures",
        "UserSignatures::list"
    ),
    (
        "getUserSignature",
        "GET",
        "/users/{userId}/signatures/{signatureId}",
        "UserSignatures::get"
    ),
    (
        "createUserSignature",
        "POST",
        "/users/{userId}/signatures",
        "UserSignatures::create"
    ),
    (
        "updateUserSignature",
        "PUT",
        "/users/{userId}/signatures/{signatureId}",
        "UserSignatures::update"
    ),
    (
        "deleteUserSignature",
        "DELETE",
        "/users/{userId}/signatures/{signatureId}",
        "UserSignatures::delete"
    ),
];

resource_handler! {
    /// The `/users/{id}/signatures` endpoints of one user. Get one with
    /// [`Client::user_signatures`](crate::Client::user_signatures).
    UserSignatures =>
    /// One user's signatures: list, get, create, update, delete.
    user_signatures(user: UserId), "users/{user}/signatures", UserSignature, SignatureId,
    one "signature", many "signatures",
    [
        /// Lists the user's signatures, newest first (`GET /users/{id}/signatures`).
        list,
        /// Gets one signature (`GET /users/{id}/signatures/{signature}`).
        get,
        /// Deletes a signature (`DELETE /users/{id}/signatures/{signature}`) and returns it.
        delete,
    ]
}

impl UserSignatures {
    /// Creates a signature with this text (`POST /users/{id}/signatures`).
    pub fn create(&self, body: impl Into<String>) -> CreateUserSignature {
        CreateUserSignature::from_call(self.call(Method::POST, &[])).param("body", body.into())
    }

    /// Updates a signature (`PUT /users/{id}/signatures/{signature}`); only the fields you set
    /// are sent.
    pub fn update(&self, id: &SignatureId) -> UpdateUserSignature {
        UpdateUserSignature::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

request_builder! {
    /// `POST /users/{id}/signatures`, from [`UserSignatures::create`].
    CreateUserSignature -> UserSignature
}
request_builder! {
    /// `PUT /users/{id}/signatures/{signature}`, from [`UserSignatures::update`].
    UpdateUserSignature -> UserSignature
}

// The signature fields create and update share.
setters!(CreateUserSignature, UpdateUserSignature {
    /// The sources the signature is used on (replaces the list).
    source_ids: ids<SourceId> = "source_ids";
    /// The language (locale) the signature is used for.
    language: str = "language";
    /// A name to tell signatures apart.
    name: str = "name";
});

setters!(UpdateUserSignature {
    /// The signature text.
    body: str = "body";
});
