//! Serving the SDK endpoint and the webhook endpoint, framework-agnostic or with axum.

use bytes::Bytes;
use http::StatusCode;

use super::EngageHandover;
use crate::webhook::WebhookRequest;

impl EngageHandover {
    /// Handles one HTTP request for either endpoint, chosen by path (see
    /// [`EngageConfigBuilder::paths`](super::EngageConfigBuilder::paths)); any other path is
    /// answered 404. The body must already be read (at most 20 MiB for the SDK endpoint).
    pub async fn handle(&self, request: http::Request<Bytes>) -> http::Response<Bytes> {
        let path = request.uri().path();
        let config = &self.inner.config;
        if path == config.sdk_path {
            self.inner.sdk.handle(request).await
        } else if path == config.webhook_path {
            self.inner
                .webhook
                .handle(WebhookRequest::from_http(request))
                .await
                .into_http()
        } else {
            let mut response = http::Response::new(Bytes::from_static(b"not found"));
            *response.status_mut() = StatusCode::NOT_FOUND;
            response
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
