//! Webhook registrations (the delivered events themselves live in the webhook module).

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::{Timestamp, WebhookId};
use crate::Secret;

/// A webhook registration.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Webhook {
    /// The webhook's id.
    pub id: WebhookId,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// The URL events are posted to.
    #[serde(default)]
    pub url: Option<String>,
    /// Whether it is enabled.
    #[serde(default)]
    pub active: Option<bool>,
    /// Whether it runs in staging.
    #[serde(default)]
    pub staging_use: Option<bool>,
    /// The events it subscribes to.
    #[serde(default)]
    pub registered_events: Vec<WebhookEventName>,
    /// The token echoed in the validation handshake; redacted in `Debug`.
    #[serde(default, with = "super::de::secret_opt")]
    pub verify_token: Option<Secret>,
    /// Its delivery status.
    #[serde(default)]
    pub webhook_status: Option<String>,
    /// The API access token events are attributed to.
    #[serde(default)]
    pub api_access_token: Option<WebhookAccessToken>,
}

/// The access token a webhook is bound to (its id, never its value).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WebhookAccessToken {
    /// The token's id.
    pub id: String,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

/// Turns the one list of event names into [`WebhookEventName`].
macro_rules! subscription_names {
    ($(
        $(#[$gmeta:meta])*
        $group:ident: $meta_ty:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $name:literal, )+
        }
    )+) => {
        string_enum! {
            /// An event a webhook may subscribe to (`registered_events[]`): every name of
            /// the webhook docs, from the same list as the typed
            /// [`Event`](crate::webhook::events::Event)s.
            WebhookEventName {
                $($( $(#[$vmeta])* $variant = $name, )+)+
            }
        }
    };
}

crate::webhook::events::names::with_event_names!(subscription_names);
