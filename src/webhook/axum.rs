//! An axum [`Router`] serving a [`WebhookReceiver`] (feature `axum`).

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;

use super::{WebhookReceiver, WebhookRequest};

/// A router answering Engage's webhook requests on `/` (mount it with `Router::nest`, or
/// merge it at the root).
///
/// The body limit is the receiver's `max_body_bytes` rather than axum's 2 MB default, so
/// large batches are not cut off.
///
/// ```no_run
/// # async fn run(receiver: ringcentral_engage::webhook::WebhookReceiver) -> std::io::Result<()> {
/// let app = axum::Router::new().nest("/engage/webhook", ringcentral_engage::webhook::axum::router(receiver));
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// axum::serve(listener, app).await
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
    let limit = receiver.config().get_max_body_bytes();
    let bytes: Bytes = match axum::body::to_bytes(body, limit.saturating_add(1)).await {
        Ok(bytes) => bytes,
        Err(_) => return (http::StatusCode::PAYLOAD_TOO_LARGE, "body too large").into_response(),
    };
    let request = WebhookRequest::from_http(http::Request::from_parts(parts, bytes));
    let response = receiver.handle(request).await.into_http();
    response.map(axum::body::Body::from).into_response()
}
