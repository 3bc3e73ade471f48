//! The Channel SDK user object: the author (or recipient) of contents.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::models::Timestamp;
use crate::{Error, Result};

/// A user of the service (the author of messages), as the Channel SDK describes it.
///
/// Engage requires `id`, `screenname`, `created_at` and `updated_at`; [`User::new`] enforces them.
/// A user with the same `id` is the same identity in Engage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The user's id on the service's side (not an Engage id).
    pub id: String,
    /// The name Engage displays for the user.
    pub screenname: String,
    /// First name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firstname: Option<String>,
    /// Last name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lastname: Option<String>,
    /// A confirmed email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Home phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_phone: Option<String>,
    /// Mobile phone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mobile_phone: Option<String>,
    /// URL of the user's picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_url: Option<String>,
    /// `man` or `woman`; Engage accepts nothing else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// When the user was created on the service.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: Timestamp,
    /// When the user was last updated on the service.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: Timestamp,
    /// Whether Engage may use this user as an identity to author messages (needed for
    /// structured content).
    #[serde(default)]
    pub puppetizable: bool,
    /// Extra data stored on the identity and identity group; keys must match `[a-zA-Z-]+`.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub context_data: Map<String, Value>,
}

impl User {
    /// A user with the four fields Engage requires. `id` and `screenname` must not be blank.
    pub fn new(
        id: impl Into<String>,
        screenname: impl Into<String>,
        created_at: Timestamp,
        updated_at: Timestamp,
    ) -> Result<Self> {
        let user = User {
            id: id.into(),
            screenname: screenname.into(),
            firstname: None,
            lastname: None,
            email: None,
            home_phone: None,
            mobile_phone: None,
            avatar_url: None,
            gender: None,
            created_at,
            updated_at,
            puppetizable: false,
            context_data: Map::new(),
        };
        user.validate()?;
        Ok(user)
    }

    /// Checks the fields Engage requires and the `context_data` key alphabet.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid_argument("user.id", "must not be blank"));
        }
        if self.screenname.trim().is_empty() {
            return Err(Error::invalid_argument("user.screenname", "must not be blank"));
        }
        if let Some(key) = self.context_data.keys().find(|k| !is_context_key(k)) {
            return Err(Error::invalid_argument(
                "user.context_data",
                format!("key {key:?} must match [a-zA-Z-]+"),
            ));
        }
        Ok(())
    }
}

/// Whether `key` is a valid `context_data` key: one or more ASCII letters or `-`.
pub fn is_context_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-')
}

/// The genders Engage accepts on a user.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Gender {
    /// `man`
    Man,
    /// `woman`
    Woman,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn user_requires_id_and_screenname() {
        let t = datetime!(2024-01-01 0:00 UTC);
        assert!(User::new("", "Jo", t, t).is_err());
        assert!(User::new("42", "  ", t, t).is_err());
        let user = User::new("42", "Jo", t, t).unwrap();
        let json = serde_json::to_value(&user).unwrap();
        assert_eq!(json["created_at"], "2024-01-01T00:00:00Z");
        assert!(json.get("email").is_none());
    }

    #[test]
    fn context_keys() {
        assert!(is_context_key("accepted-gdpr"));
        assert!(!is_context_key("accepted_gdpr"));
        assert!(!is_context_key("age2"));
        assert!(!is_context_key(""));
    }
}
