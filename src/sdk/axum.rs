//! An [`axum`] router mounting the SDK endpoint (feature `axum`).
//!
//! ```no_run
//! # use std::sync::Arc;
//! # use ringcentral_engage::sdk::{Capabilities, SdkEndpoint, SourceHandler};
//! # use ringcentral_engage::Secret;
//! # struct Bot;
//! # impl SourceHandler for Bot { fn capabilities(&self) -> Capabilities { Capabilities::new() } }
//! # async fn run() -> std::io::Result<()> {
//! use ringcentral_engage::inbound::{serve, ServeOptions};
//!
//! let endpoint = SdkEndpoint::new(&Secret::new("realtime-token"), Arc::new(Bot));
//! let app = ringcentral_engage::sdk::axum::router("/engage/sdk", endpoint);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! serve(listener, app, ServeOptions::new(), std::future::pending()).await
//! # }
//! ```

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;

use super::endpoint::{SdkEndpoint, MAX_BODY_BYTES};
use super::handler::SourceHandler;
use crate::inbound::body::{read_body, BodyError};

/// A router answering Engage's SDK requests at `path`.
///
/// What cannot be valid is refused from the headers alone
/// ([`SdkEndpoint::reject_early`]); then the body is read chunk by chunk under the endpoint's
/// [`InboundLimits`](crate::inbound::InboundLimits): 413 as soon as the declared or received
/// size passes [`MAX_BODY_BYTES`], 408 (and the connection closed) when it does not arrive in
/// time, 503 when too many large bodies are already being buffered, 400 when it breaks off.
/// Every answer is signed. Serve it with [`inbound::serve`](crate::inbound::serve) for a
/// header read timeout. Merge or nest the router into the service's own.
pub fn router<H>(path: &str, endpoint: SdkEndpoint<H>) -> Router
where
    H: SourceHandler + ?Sized + 'static,
{
    Router::new()
        .route(path, any(serve::<H>))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(endpoint)
}

async fn serve<H>(State(endpoint): State<SdkEndpoint<H>>, request: Request) -> Response
where
    H: SourceHandler + ?Sized + 'static,
{
    let (parts, body) = request.into_parts();
    let query = parts.uri.query();
    if let Some(rejection) = endpoint.reject_early(&parts.method, &parts.headers, query) {
        return rejection.into_response();
    }
    let read = match read_body(&parts.headers, body, MAX_BODY_BYTES, endpoint.limits()).await {
        Ok(read) => read,
        Err(error) => {
            let response = match error {
                BodyError::TooLarge => endpoint.too_large(),
                BodyError::TimedOut => endpoint.body_timed_out(),
                BodyError::Busy => endpoint.busy(),
                BodyError::Unreadable => endpoint.unreadable_body(),
            };
            tracing::debug!(?error, "sdk request refused while reading the body");
            return response.into_response();
        }
    };
    endpoint
        .handle_parts(&parts.method, &parts.headers, query, &read.bytes)
        .await
        .into_response()
}
