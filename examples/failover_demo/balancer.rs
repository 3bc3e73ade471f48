//! Engage's side of the load balancer: each call of the simulator (Source SDK and webhooks)
//! goes to the next replica in turn; a replica that does not answer is skipped, as a load
//! balancer's health check would.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::StatusCode;

/// Serves the round robin over `replicas` on 127.0.0.1 and returns its address.
pub async fn round_robin(replicas: Vec<SocketAddr>) -> std::io::Result<SocketAddr> {
    let client = reqwest::Client::new();
    let next = Arc::new(AtomicUsize::new(0));
    let router = axum::Router::new().fallback(move |request: Request| {
        let (client, replicas, next) = (client.clone(), replicas.clone(), Arc::clone(&next));
        async move { forward(&client, &replicas, &next, request).await }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(addr)
}

async fn forward(
    client: &reqwest::Client,
    replicas: &[SocketAddr],
    next: &AtomicUsize,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, 32 << 20).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let first = next.fetch_add(1, Ordering::Relaxed);
    for attempt in 0..replicas.len() {
        let replica = replicas[(first + attempt) % replicas.len()];
        let mut headers = parts.headers.clone();
        headers.remove(http::header::HOST);
        let sent = client
            .request(parts.method.clone(), format!("http://{replica}{path}"))
            .headers(headers)
            .body(body.clone())
            .send()
            .await;
        // Only a replica that cannot be reached is skipped; any answer goes back to Engage.
        let Ok(answer) = sent else { continue };
        let (status, mut headers) = (answer.status(), answer.headers().clone());
        // The body is re-framed here.
        headers.remove(http::header::TRANSFER_ENCODING);
        headers.remove(http::header::CONNECTION);
        let body = answer.bytes().await.unwrap_or_default();
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = status;
        *response.headers_mut() = headers;
        return response;
    }
    StatusCode::BAD_GATEWAY.into_response()
}
