//! An axum [`Router`] serving a [`WebhookReceiver`] (feature `axum`).

use axum::extract::{DefaultBodyLimit, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use http::StatusCode;

use super::receiver::{rejected, too_large};
use super::WebhookReceiver;
use crate::inbound::body::{read_body, BodyError};

/// A router answering Engage's webhook requests on `/` (mount it with `Router::nest`, or
/// merge it at the root).
///
/// A request is judged on its headers first ([`WebhookReceiver::reject_early`]: a delivery
/// without the right `X-Dimelo-Secret` is refused before its body is read); then the body is
/// read under the configuration's [`InboundLimits`](crate::inbound::InboundLimits) and
/// `max_body_bytes` (413 when over it, 408 and the connection closed when too slow, 503 when
/// too many large bodies are being buffered). Serve it with
/// [`inbound::serve`](crate::inbound::serve) for a header read timeout.
///
/// ```no_run
/// # async fn run(receiver: ringcentral_engage::webhook::WebhookReceiver) -> std::io::Result<()> {
/// use ringcentral_engage::inbound::{serve, ServeOptions};
///
/// let app = axum::Router::new().nest("/engage/webhook", ringcentral_engage::webhook::axum::router(receiver));
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// serve(listener, app, ServeOptions::new(), std::future::pending()).await
/// # }
/// ```
pub fn router(receiver: WebhookReceiver) -> Router {
    let limit = receiver.config().get_max_body_bytes();
    Router::new()
        .route("/", any(serve))
        .layer(DefaultBodyLimit::max(limit.saturating_add(1)))
        .with_state(receiver)
}

async fn serve(
    State(receiver): State<WebhookReceiver>,
    request: http::Request<axum::body::Body>,
) -> Response {
    let (parts, body) = request.into_parts();
    if let Some(rejection) = receiver.reject_early(&parts.method, &parts.headers) {
        return rejection.into_response();
    }
    let config = receiver.config();
    let read = match read_body(
        &parts.headers,
        body,
        config.get_max_body_bytes(),
        config.get_limits(),
    )
    .await
    {
        Ok(read) => read,
        Err(error) => {
            tracing::debug!(?error, "webhook request refused while reading the body");
            let mut response = match error {
                BodyError::TooLarge => too_large(),
                BodyError::TimedOut => rejected(StatusCode::REQUEST_TIMEOUT, "request timeout"),
                BodyError::Busy => rejected(StatusCode::SERVICE_UNAVAILABLE, "too many large requests"),
                BodyError::Unreadable => rejected(StatusCode::BAD_REQUEST, "could not read the body"),
            };
            if error == BodyError::TimedOut {
                response
                    .headers_mut()
                    .insert(http::header::CONNECTION, http::HeaderValue::from_static("close"));
            }
            return response.into_response();
        }
    };
    let request = http::Request::from_parts(parts, read.bytes.clone());
    receiver.handle(request).await.into_response()
}
