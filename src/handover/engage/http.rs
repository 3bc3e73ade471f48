//! Serving the SDK endpoint and the webhook endpoint, framework-agnostic or with axum.

use bytes::Bytes;
use http::StatusCode;

use super::EngageHandover;
use crate::inbound::{EndpointResponse, Outcome};

impl EngageHandover {
    /// Handles one HTTP request for either endpoint, chosen by path (see
    /// [`EngageConfigBuilder::paths`](super::EngageConfigBuilder::paths)); any other path is
    /// answered 404. The body must already be read (at most 20 MiB for the SDK endpoint); see
    /// [`inbound`](crate::inbound) for what the server must bound before.
    pub async fn handle(&self, request: http::Request<Bytes>) -> EndpointResponse {
        let path = request.uri().path();
        let config = &self.inner.config;
        if path == config.sdk_path {
            self.inner.sdk.handle(request).await
        } else if path == config.webhook_path {
            self.inner.webhook.handle(request).await
        } else {
            EndpointResponse::text(StatusCode::NOT_FOUND, "not found", Outcome::Rejected)
        }
    }

    /// An axum router serving the SDK endpoint and the webhook endpoint on their paths, with
    /// their body limits. Merge it into the service's own router.
    #[cfg(feature = "axum")]
    #[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
    pub fn router(&self) -> axum::Router {
        let config = &self.inner.config;
        crate::sdk::axum::router(&config.sdk_path, self.inner.sdk.clone()).nest_service(
            &config.webhook_path,
            crate::webhook::axum::router(self.inner.webhook.clone()),
        )
    }
}
