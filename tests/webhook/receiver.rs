//! The framework-agnostic webhook receiver: handshake, secret, bad input, delivery semantics.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::{Method, StatusCode};
use ringcentral_engage::webhook::events::Event;
use ringcentral_engage::webhook::{
    handler_fn, ChannelHandler, EventHandler, HandlerError, Outcome, WebhookBatch, WebhookConfig,
    WebhookReceiver,
};
use serde_json::{json, Value};

const TOKEN: &str = "verify-token-123";
const SECRET: &str = "dimelo-secret-456";

/// Records every batch; fails while `fail` is set.
#[derive(Clone, Default)]
struct Recorder {
    batches: Arc<Mutex<Vec<WebhookBatch>>>,
    fail: Arc<Mutex<bool>>,
}

impl Recorder {
    fn ids(&self) -> Vec<String> {
        let batches = self.batches.lock().unwrap();
        batches
            .iter()
            .flat_map(|b| b.events.iter().map(|e| e.id().unwrap().to_string()))
            .collect()
    }
    fn calls(&self) -> usize {
        self.batches.lock().unwrap().len()
    }
}

#[async_trait::async_trait]
impl EventHandler for Recorder {
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError> {
        if *self.fail.lock().unwrap() {
            return Err(HandlerError::internal("database down"));
        }
        self.batches.lock().unwrap().push(batch);
        Ok(())
    }
}

fn receiver() -> (WebhookReceiver, Recorder) {
    let recorder = Recorder::default();
    (
        WebhookReceiver::new(WebhookConfig::new(TOKEN, SECRET), recorder.clone()),
        recorder,
    )
}

fn event(id: &str, issued_at: &str) -> Value {
    json!({"type": "task.taken", "id": id, "issued_at": issued_at, "user_id": "agent",
           "resource": {"type": "task", "id": "t1", "metadata": {"type": "request"}}})
}

fn body(events: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({"id": "req", "domain_id": "dom", "events": events})).unwrap()
}

/// Adds headers to a request in a chain (an invalid name or value is skipped).
trait WithHeader {
    fn header(self, name: &str, value: &str) -> Self;
}

impl WithHeader for http::Request<Bytes> {
    fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(n), Ok(v)) = (
            http::HeaderName::from_bytes(name.as_bytes()),
            http::HeaderValue::from_str(value),
        ) {
            self.headers_mut().append(n, v);
        }
        self
    }
}

fn request(method: Method, body: impl Into<Bytes>) -> http::Request<Bytes> {
    let mut request = http::Request::new(body.into());
    *request.method_mut() = method;
    request
}

fn post(body: impl Into<Bytes>) -> http::Request<Bytes> {
    request(Method::POST, body)
        .header("X-Dimelo-Secret", SECRET)
        .header("content-type", "application/json")
}

fn get(query: &str) -> http::Request<Bytes> {
    let mut request = request(Method::GET, "");
    *request.uri_mut() = format!("/?{query}").parse().unwrap();
    request
}

#[tokio::test]
async fn handshake_echoes_exactly_the_challenge() {
    let (rx, _) = receiver();
    let q = format!("hub.mode=subscribe&hub.challenge=ch%2Fall%20enge&hub.verify_token={TOKEN}");
    let r = rx.handle(get(&q)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(&r.body()[..], b"ch/all enge");
    assert_eq!(*r.outcome(), Outcome::Validated);
    // Engage may send the secret on validation too.
    let r = rx.handle(get(&q).header("X-Dimelo-Secret", SECRET)).await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn handshake_refusals() {
    let (rx, _) = receiver();
    let cases = [
        (
            "hub.mode=subscribe&hub.challenge=c&hub.verify_token=wrong",
            StatusCode::FORBIDDEN,
        ),
        ("hub.mode=subscribe&hub.challenge=c", StatusCode::FORBIDDEN),
        (
            "hub.mode=subscribe&hub.challenge=c&hub.verify_token=",
            StatusCode::FORBIDDEN,
        ),
        (
            "hub.mode=subscribe&hub.challenge=c&hub.verify_token=verify-token-12",
            StatusCode::FORBIDDEN,
        ),
        (
            "hub.mode=unsubscribe&hub.challenge=c&hub.verify_token=verify-token-123",
            StatusCode::BAD_REQUEST,
        ),
        (
            "hub.challenge=c&hub.verify_token=verify-token-123",
            StatusCode::BAD_REQUEST,
        ),
        (
            "hub.mode=subscribe&hub.verify_token=verify-token-123",
            StatusCode::BAD_REQUEST,
        ),
        ("", StatusCode::BAD_REQUEST),
        ("%%%&&==", StatusCode::BAD_REQUEST),
    ];
    for (query, status) in cases {
        let r = rx.handle(get(query)).await;
        assert_eq!(r.status(), status, "{query}");
        assert_eq!(*r.outcome(), Outcome::Rejected);
        assert!(!r.body().starts_with(b"c"), "challenge leaked for {query}");
    }
    let q = format!("hub.mode=subscribe&hub.challenge=c&hub.verify_token={TOKEN}");
    let r = rx.handle(get(&q).header("X-Dimelo-Secret", "nope")).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn an_empty_configured_token_or_secret_matches_nothing() {
    let rx = WebhookReceiver::new(WebhookConfig::new("", ""), Recorder::default());
    let r = rx
        .handle(get("hub.mode=subscribe&hub.challenge=c&hub.verify_token="))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = rx
        .handle(request(Method::POST, body(vec![])).header("X-Dimelo-Secret", ""))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn post_secret_missing_is_401_wrong_is_403_and_nothing_is_processed() {
    let (rx, rec) = receiver();
    let b = body(vec![event("e1", "2024-01-01T00:00:00Z")]);
    let r = rx.handle(request(Method::POST, b.clone())).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    for wrong in ["dimelo-secret-45", "dimelo-secret-4567", "DIMELO-SECRET-456", ""] {
        let r = rx
            .handle(request(Method::POST, b.clone()).header("X-Dimelo-Secret", wrong))
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{wrong:?}");
    }
    // Two secret headers are refused, even if one is right.
    let r = rx
        .handle(post(b.clone()).header("X-Dimelo-Secret", "other"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A refused delivery recorded nothing: the same event is still new.
    assert_eq!(rec.calls(), 0);
    let r = rx.handle(post(b)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(rec.ids(), ["e1"]);
}

#[tokio::test]
async fn insecure_mode_is_explicit_and_accepts_posts_without_secret() {
    let rec = Recorder::default();
    let config = WebhookConfig::insecure_without_secret(TOKEN);
    assert!(config.secret().is_none());
    let rx = WebhookReceiver::new(config, rec.clone());
    let r = rx
        .handle(request(
            Method::POST,
            body(vec![event("e1", "2024-01-01T00:00:00Z")]),
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(rec.ids(), ["e1"]);
}

#[tokio::test]
async fn bad_bodies_are_400_and_reach_nobody() {
    let (rx, rec) = receiver();
    for bad in [
        &b"not json"[..],
        b"",
        b"{\"id\":\"x\",\"domain_id\":\"d\"}",
        b"[]",
        b"{\"events\":\"no\"}",
        b"{\"events\":[1,",
    ] {
        let r = rx.handle(post(bad.to_vec())).await;
        assert_eq!(
            r.status(),
            StatusCode::BAD_REQUEST,
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    assert_eq!(rec.calls(), 0);
}

#[tokio::test]
async fn one_malformed_event_does_not_block_the_valid_ones() {
    let (rx, rec) = receiver();
    let broken = json!({"type": "task.taken", "id": "bad", "resource": {"type": "task", "id": "t"}});
    let b = body(vec![
        event("ok1", "2024-01-01T00:00:00Z"),
        broken,
        event("ok2", "2024-01-01T00:00:01Z"),
    ]);
    let r = rx.handle(post(b)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        *r.outcome(),
        Outcome::Delivered {
            events: 3,
            duplicates: 0,
            malformed: 1
        }
    );
    let batches = rec.batches.lock().unwrap();
    let events = &batches[0].events;
    assert!(matches!(events[0], Event::TaskTaken(_)));
    assert!(matches!(events[1], Event::TaskTaken(_)));
    assert!(matches!(&events[2], Event::Malformed { id: Some(id), .. } if id.as_str() == "bad"));
    assert_eq!(batches[0].request_id.as_deref(), Some("req"));
    assert_eq!(batches[0].domain_id.as_ref().unwrap().as_str(), "dom");
}

#[tokio::test]
async fn a_5_mb_batch_of_10_000_events_is_delivered() {
    let (rx, rec) = receiver();
    let events: Vec<Value> = (0..10_000)
        .map(|i| {
            let mut e = event(&format!("ev-{i:06}"), "2024-01-01T00:00:00Z");
            e["resource"]["metadata"]["padding"] = json!("p".repeat(400));
            e
        })
        .collect();
    let b = body(events);
    assert!(b.len() >= 5 * 1024 * 1024, "{} bytes", b.len());
    let r = rx.handle(post(b)).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        *r.outcome(),
        Outcome::Delivered {
            events: 10_000,
            duplicates: 0,
            malformed: 0
        }
    );
    assert_eq!(rec.ids().len(), 10_000);
}

#[tokio::test]
async fn duplicates_in_a_batch_and_across_deliveries_are_delivered_once() {
    let (rx, rec) = receiver();
    let e1 = event("e1", "2024-01-01T00:00:00Z");
    let r = rx
        .handle(post(body(vec![
            e1.clone(),
            event("e2", "2024-01-01T00:00:01Z"),
            e1.clone(),
        ])))
        .await;
    assert_eq!(
        *r.outcome(),
        Outcome::Delivered {
            events: 2,
            duplicates: 1,
            malformed: 0
        }
    );
    assert_eq!(rec.batches.lock().unwrap()[0].duplicates, 1);
    // Engage redelivers e1 with a new one.
    let r = rx
        .handle(post(body(vec![e1.clone(), event("e3", "2024-01-01T00:00:02Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // Only duplicates: 200 without calling the application.
    let r = rx.handle(post(body(vec![e1]))).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        *r.outcome(),
        Outcome::Delivered {
            events: 0,
            duplicates: 1,
            malformed: 0
        }
    );
    assert_eq!(rec.calls(), 2);
    assert_eq!(rec.ids(), ["e1", "e2", "e3"]);
}

#[tokio::test]
async fn a_failing_handler_answers_500_and_the_retry_is_delivered() {
    let (rx, rec) = receiver();
    *rec.fail.lock().unwrap() = true;
    let b = body(vec![
        event("e1", "2024-01-01T00:00:00Z"),
        event("e2", "2024-01-01T00:00:01Z"),
    ]);
    let r = rx.handle(post(b.clone())).await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(*r.outcome(), Outcome::HandlerFailed);
    *rec.fail.lock().unwrap() = false;
    let r = rx.handle(post(b.clone())).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(rec.ids(), ["e1", "e2"]);
    let r = rx.handle(post(b)).await;
    assert_eq!(
        *r.outcome(),
        Outcome::Delivered {
            events: 0,
            duplicates: 2,
            malformed: 0
        }
    );
}

#[tokio::test]
async fn batches_are_ordered_by_issued_at_unless_disabled() {
    let events = vec![
        event("late", "2024-01-01T00:00:09Z"),
        event("early", "2024-01-01T00:00:01Z"),
        event("mid", "2024-01-01T00:00:05Z"),
    ];
    let (rx, rec) = receiver();
    rx.handle(post(body(events.clone()))).await;
    assert_eq!(rec.ids(), ["early", "mid", "late"]);

    let rec = Recorder::default();
    let rx = WebhookReceiver::new(
        WebhookConfig::new(TOKEN, SECRET).order_by_issued_at(false),
        rec.clone(),
    );
    rx.handle(post(body(events))).await;
    assert_eq!(rec.ids(), ["late", "early", "mid"]);
}

#[tokio::test]
async fn events_without_an_id_are_always_delivered() {
    let (rx, rec) = receiver();
    let no_id = json!({"type": "mystery", "issued_at": "2024-01-01T00:00:00Z"});
    for _ in 0..2 {
        let r = rx.handle(post(body(vec![no_id.clone()]))).await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    assert_eq!(rec.calls(), 2);
}

#[tokio::test]
async fn oversized_bodies_and_other_methods_are_refused() {
    let rec = Recorder::default();
    let rx = WebhookReceiver::new(WebhookConfig::new(TOKEN, SECRET).max_body_bytes(100), rec.clone());
    let r = rx
        .handle(post(body(vec![event("e1", "2024-01-01T00:00:00Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let r = rx
        .handle(request(Method::PUT, "{}").header("X-Dimelo-Secret", SECRET))
        .await;
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers().get("allow").unwrap(), "GET, POST");
    assert_eq!(rec.calls(), 0);
}

#[tokio::test]
async fn a_full_dedup_store_answers_503_without_delivering() {
    let rec = Recorder::default();
    let rx = WebhookReceiver::new(WebhookConfig::new(TOKEN, SECRET).dedup_capacity(2), rec.clone());
    let r = rx
        .handle(post(body(vec![
            event("a", "2024-01-01T00:00:00Z"),
            event("b", "2024-01-01T00:00:00Z"),
        ])))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = rx
        .handle(post(body(vec![event("c", "2024-01-01T00:00:00Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(*r.outcome(), Outcome::DedupUnavailable);
    // Known duplicates are still recognised.
    let r = rx
        .handle(post(body(vec![event("a", "2024-01-01T00:00:00Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(rec.ids(), ["a", "b"]);
}

#[tokio::test]
async fn channel_handler_hands_batches_over_with_backpressure() {
    let (tx, mut rx_chan) = tokio::sync::mpsc::channel(1);
    let rx = WebhookReceiver::new(
        WebhookConfig::new(TOKEN, SECRET),
        ChannelHandler::new(tx).send_timeout(Duration::from_millis(50)),
    );
    let r = rx
        .handle(post(body(vec![event("e1", "2024-01-01T00:00:00Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // The channel is full: the next delivery waits, times out, and is answered 500.
    let r = rx
        .handle(post(body(vec![event("e2", "2024-01-01T00:00:00Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        rx_chan.recv().await.unwrap().events[0].id().unwrap().as_str(),
        "e1"
    );
    // Room again: the retry of e2 goes through (it was not recorded as seen).
    let r = rx
        .handle(post(body(vec![event("e2", "2024-01-01T00:00:00Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        rx_chan.recv().await.unwrap().events[0].id().unwrap().as_str(),
        "e2"
    );
    // A closed channel is a failure too.
    drop(rx_chan);
    let r = rx
        .handle(post(body(vec![event("e3", "2024-01-01T00:00:00Z")])))
        .await;
    assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn an_abandoned_delivery_does_not_swallow_its_events() {
    let gate = Arc::new(tokio::sync::Semaphore::new(0));
    let delivered = Arc::new(Mutex::new(Vec::new()));
    let (g, d) = (gate.clone(), delivered.clone());
    let rx = WebhookReceiver::new(
        WebhookConfig::new(TOKEN, SECRET),
        handler_fn(move |batch: WebhookBatch| {
            let (g, d) = (g.clone(), d.clone());
            async move {
                let _permit = g.acquire().await.map_err(HandlerError::internal)?;
                d.lock().unwrap().push(batch.events.len());
                Ok(())
            }
        }),
    );
    let b = body(vec![event("e1", "2024-01-01T00:00:00Z")]);
    // The client goes away while the application is busy: the request future is dropped.
    assert!(
        tokio::time::timeout(Duration::from_millis(20), rx.handle(post(b.clone())))
            .await
            .is_err()
    );
    tokio::task::yield_now().await;
    gate.add_permits(10);
    let r = rx.handle(post(b)).await;
    assert_eq!(
        *r.outcome(),
        Outcome::Delivered {
            events: 1,
            duplicates: 0,
            malformed: 0
        }
    );
    assert_eq!(*delivered.lock().unwrap(), [1]);
}

#[tokio::test]
async fn secrets_never_appear_in_debug_output() {
    let (rx, _) = receiver();
    let config = WebhookConfig::new(TOKEN, SECRET);
    // The crate's own types; requests are `http::Request`s, which the crate never prints.
    let printed = format!("{rx:?} {rx:#?} {config:?} {config:#?}");
    assert!(!printed.contains(SECRET), "{printed}");
    assert!(!printed.contains(TOKEN), "{printed}");
    assert!(printed.contains("<redacted>"));
    let response = rx
        .handle(post(body(vec![])).header("X-Dimelo-Secret", "wrong"))
        .await;
    assert!(!format!("{response:?}").contains(SECRET));
}

#[tokio::test]
async fn converts_from_http_requests() {
    let (rx, _) = receiver();
    let request = http::Request::builder()
        .method("GET")
        .uri(format!(
            "/hook?hub.mode=subscribe&hub.challenge=xyz&hub.verify_token={TOKEN}"
        ))
        .body(bytes::Bytes::new())
        .unwrap();
    let response = rx.handle(request).await.into_http();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(&response.body()[..], b"xyz");
}
