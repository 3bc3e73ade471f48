//! Engage's calls handed to several replicas in turn, as a load balancer does.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use ringcentral_engage::handover::EngageHandover;

/// Serves `replicas` on one address of 127.0.0.1, handing each request to the next one.
pub async fn round_robin(replicas: Vec<EngageHandover>) -> std::net::SocketAddr {
    let next = Arc::new(AtomicUsize::new(0));
    let router = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let (replicas, next) = (replicas.clone(), Arc::clone(&next));
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 32 << 20).await.unwrap_or_default();
            let replica = &replicas[next.fetch_add(1, Ordering::Relaxed) % replicas.len()];
            let (parts, body) = replica
                .handle(http::Request::from_parts(parts, body))
                .await
                .into_http()
                .into_parts();
            http::Response::from_parts(parts, Body::from(body))
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}
