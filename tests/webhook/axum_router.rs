//! The axum router, over a real socket on 127.0.0.1.
#![cfg(feature = "axum")]

use std::sync::{Arc, Mutex};

use ringcentral_engage::webhook::{handler_fn, WebhookBatch, WebhookConfig, WebhookReceiver};
use serde_json::json;

#[tokio::test]
async fn router_serves_handshake_and_large_deliveries() {
    let seen = Arc::new(Mutex::new(0usize));
    let counter = seen.clone();
    let receiver = WebhookReceiver::new(
        WebhookConfig::new("tok", "sec"),
        handler_fn(move |batch: WebhookBatch| {
            let counter = counter.clone();
            async move {
                *counter.lock().unwrap() += batch.events.len();
                Ok(())
            }
        }),
    );
    let app = axum::Router::new().nest(
        "/engage/webhook",
        ringcentral_engage::webhook::axum::router(receiver),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/engage/webhook", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = reqwest::Client::new();

    let r = client
        .get(&url)
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.challenge", "c h&x"),
            ("hub.verify_token", "tok"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.text().await.unwrap(), "c h&x");

    let r = client
        .get(&url)
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.challenge", "c"),
            ("hub.verify_token", "no"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // Larger than axum's default 2 MB body limit.
    let events: Vec<_> = (0..6_000)
        .map(|i| {
            json!({"type": "task.created", "id": format!("e{i}"), "issued_at": "2024-01-01T00:00:00Z",
                        "resource": {"type": "task", "id": "t", "metadata": {"queue": "q".repeat(500)}}})
        })
        .collect();
    let body = serde_json::to_vec(&json!({"id": "r", "domain_id": "d", "events": events})).unwrap();
    assert!(body.len() > 3 * 1024 * 1024);
    let r = client
        .post(&url)
        .header("X-Dimelo-Secret", "sec")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(*seen.lock().unwrap(), 6_000);

    let r = client.post(&url).body(body).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = client
        .post(&url)
        .header("X-Dimelo-Secret", "sec")
        .body("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    server.abort();
}

#[tokio::test]
async fn router_refuses_bodies_over_the_configured_limit() {
    let receiver = WebhookReceiver::new(
        WebhookConfig::new("tok", "sec").max_body_bytes(1024),
        handler_fn(|_batch: WebhookBatch| async { Ok(()) }),
    );
    let app = ringcentral_engage::webhook::axum::router(receiver);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let r = reqwest::Client::new()
        .post(&url)
        .header("X-Dimelo-Secret", "sec")
        .body(vec![b' '; 4096])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 413);
    server.abort();
}
