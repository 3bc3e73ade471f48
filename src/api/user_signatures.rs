//! `/users/{id}/signatures`: a user's reply signatures.

use http::Method;

use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, Call, Client, List};
use crate::models::{SignatureId, SourceId, UserId, UserSignature};
use crate::Result;

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

/// The `/users/{id}/signatures` endpoints of one user. Get one with [`Client::user_signatures`].
#[derive(Debug, Clone)]
pub struct UserSignatures {
    client: Client,
    user: UserId,
}

impl Client {
    /// One user's signatures: list, get, create, update, delete.
    pub fn user_signatures(&self, user: &UserId) -> UserSignatures {
        UserSignatures {
            client: self.clone(),
            user: user.clone(),
        }
    }
}

impl UserSignatures {
    fn path<'a>(&'a self, signature: Option<&'a SignatureId>) -> Vec<&'a str> {
        let mut path = vec!["users", self.user.as_str(), "signatures"];
        path.extend(signature.map(SignatureId::as_str));
        path
    }

    /// Lists the user's signatures, newest first (`GET /users/{id}/signatures`).
    pub fn list(&self) -> List<UserSignature> {
        List::new(&self.client, self.path(None))
    }

    /// Gets one signature (`GET /users/{id}/signatures/{signature}`).
    pub async fn get(&self, id: &SignatureId) -> Result<UserSignature> {
        Call::new(&self.client, Method::GET, self.path(Some(id)))
            .send()
            .await
    }

    /// Creates a signature with this text (`POST /users/{id}/signatures`).
    pub fn create(&self, body: impl Into<String>) -> CreateUserSignature {
        CreateUserSignature::from_call(Call::new(&self.client, Method::POST, self.path(None)))
            .param("body", body.into())
    }

    /// Updates a signature (`PUT /users/{id}/signatures/{signature}`); only the fields you set
    /// are sent.
    pub fn update(&self, id: &SignatureId) -> UpdateUserSignature {
        UpdateUserSignature::from_call(Call::new(&self.client, Method::PUT, self.path(Some(id))))
    }

    /// Deletes a signature (`DELETE /users/{id}/signatures/{signature}`) and returns it.
    pub async fn delete(&self, id: &SignatureId) -> Result<UserSignature> {
        Call::new(&self.client, Method::DELETE, self.path(Some(id)))
            .send()
            .await
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
