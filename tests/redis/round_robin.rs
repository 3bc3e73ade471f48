//! Engage's calls handed to several replicas in turn, as a load balancer does.
#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use bytes::Bytes;
use ringcentral_engage::handover::EngageHandover;

/// Serves `replicas` on one address of 127.0.0.1, handing each request to the next one.
pub async fn round_robin(replicas: Vec<EngageHandover>) -> std::net::SocketAddr {
    let up = replicas.iter().map(|_| Arc::new(AtomicBool::new(true))).collect();
    balance(replicas, up).await
}

/// Like [`round_robin`], over the replicas whose `up` flag is set, as a load balancer's health
/// check sees them. A request whose replica goes down before answering is sent to the next
/// one, as a balancer does when the connection is reset.
pub async fn balance(replicas: Vec<EngageHandover>, up: Vec<Arc<AtomicBool>>) -> std::net::SocketAddr {
    let next = Arc::new(AtomicUsize::new(0));
    let router = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let (replicas, up, next) = (replicas.clone(), up.clone(), Arc::clone(&next));
        async move {
            let (parts, body) = request.into_parts();
            let body = axum::body::to_bytes(body, 32 << 20).await.unwrap_or_default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed) % replicas.len();
                if !up[n].load(Ordering::SeqCst) {
                    if up.iter().all(|u| !u.load(Ordering::SeqCst)) {
                        return http::Response::builder().status(502).body(Body::empty()).unwrap();
                    }
                    continue;
                }
                let call = replicas[n].handle(http::Request::from_parts(parts.clone(), Bytes::clone(&body)));
                tokio::select! {
                    answer = call => {
                        let (parts, body) = answer.into_http().into_parts();
                        return http::Response::from_parts(parts, Body::from(body));
                    }
                    () = went_down(&up[n]) => {}
                }
            }
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    addr
}

/// Resolves once `up` is cleared.
async fn went_down(up: &AtomicBool) {
    while up.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
