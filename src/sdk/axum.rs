//! An [`axum`] router mounting the SDK endpoint (feature `axum`).
//!
//! ```no_run
//! # use std::sync::Arc;
//! # use ringcentral_engage::sdk::{Capabilities, SdkEndpoint, SourceHandler};
//! # use ringcentral_engage::Secret;
//! # struct Bot;
//! # impl SourceHandler for Bot { fn capabilities(&self) -> Capabilities { Capabilities::new() } }
//! # async fn run() -> std::io::Result<()> {
//! let endpoint = SdkEndpoint::new(&Secret::new("realtime-token"), Arc::new(Bot));
//! let app = ringcentral_engage::sdk::axum::router("/engage/sdk", endpoint);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, app).await
//! # }
//! ```

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use bytes::BytesMut;
use futures_util::StreamExt;

use super::endpoint::{SdkEndpoint, MAX_BODY_BYTES};
use super::handler::SourceHandler;

/// A router answering Engage's SDK requests at `path`.
///
/// The body is read chunk by chunk and the request is refused with 413 as soon as the declared
/// `Content-Length` or the bytes received pass [`MAX_BODY_BYTES`]; a larger body is never
/// buffered whole. A body that fails while being read gets a 400. Like every other answer of
/// the endpoint, both are signed. Merge or nest the router into the service's own.
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
    if let Some(rejection) = endpoint.reject_declared_size(&parts.headers) {
        return rejection.map(Body::from);
    }
    let mut buffer = BytesMut::new();
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(err) => {
                tracing::debug!(error = %err, "sdk request refused: could not read the body");
                return endpoint.unreadable_body().map(Body::from);
            }
        };
        if buffer.len() + chunk.len() > MAX_BODY_BYTES {
            return endpoint.too_large().map(Body::from);
        }
        buffer.extend_from_slice(&chunk);
    }
    endpoint
        .handle_parts(&parts.method, &parts.headers, parts.uri.query(), &buffer)
        .await
        .map(Body::from)
}
