//! `/webhooks`: register, read, change and remove webhook subscriptions.
//!
//! The spec lists `access_token` as a required query parameter of every `/webhooks`
//! operation. The crate authenticates these calls like all others, with the
//! `Authorization: Bearer` header Engage accepts on every endpoint, and never puts the token
//! in a URL.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{Webhook, WebhookEventName, WebhookId};

operations![
    ("getAllWebhooks", "GET", "/webhooks", "Webhooks::list"),
    ("getWebhook", "GET", "/webhooks/{webhookId}", "Webhooks::get"),
    ("createWebhook", "POST", "/webhooks", "Webhooks::create"),
    (
        "updateWebhook",
        "PUT",
        "/webhooks/{webhookId}",
        "Webhooks::update"
    ),
    (
        "deleteWebhook",
        "DELETE",
        "/webhooks/{webhookId}",
        "Webhooks::delete"
    ),
];

resource_handler! {
    /// The `/webhooks` endpoints. Get one with [`Client::webhooks`](crate::Client::webhooks).
    Webhooks => webhooks, "webhooks", Webhook, WebhookId, one "webhook", many "webhooks",
    [list, get, delete]
}

impl Webhooks {
    /// Registers a webhook posting `events` to `url` (`POST /webhooks`).
    pub fn create(
        &self,
        url: impl Into<String>,
        events: impl IntoIterator<Item = WebhookEventName>,
    ) -> CreateWebhook {
        CreateWebhook::from_call(self.call(Method::POST, &[]))
            .param("url", url.into())
            .registered_events(events)
    }

    /// Changes a webhook (`PUT /webhooks/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &WebhookId) -> UpdateWebhook {
        UpdateWebhook::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

request_builder! {
    /// `POST /webhooks`, from [`Webhooks::create`]. Its `Debug` output shows parameter names,
    /// never the secret or verify token.
    CreateWebhook -> Webhook
}

request_builder! {
    /// `PUT /webhooks/{id}`, from [`Webhooks::update`]. Its `Debug` output shows parameter
    /// names, never the secret or verify token.
    UpdateWebhook -> Webhook
}

// The fields create and update share.
setters!(CreateWebhook, UpdateWebhook {
    /// Enables or disables the webhook.
    active: bool = "active";
    /// Its name.
    name: str = "name";
    /// Whether it runs in staging.
    staging_use: bool = "staging_use";
    /// The token Engage echoes in its validation handshake (`hub.verify_token`).
    verify_token: secret = "verify_token";
    /// The secret Engage sends in the `X-Dimelo-Secret` header of each delivery.
    secret: secret = "secret";
    /// The events to subscribe to (`registered_events[]`; replaces the list).
    registered_events: values<WebhookEventName> = "registered_events";
});

setters!(UpdateWebhook {
    /// The URL events are posted to.
    url: str = "url";
});
