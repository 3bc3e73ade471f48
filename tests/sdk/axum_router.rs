//! The axum router: signed round trip, and the 413 that never buffers the whole body.
#![cfg(feature = "axum")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use bytes::Bytes;
use futures_util::{stream, StreamExt};
use ringcentral_engage::inbound::InboundLimits;
use ringcentral_engage::sdk::signature::SigningKey;
use ringcentral_engage::sdk::{Capabilities, SdkEndpoint, SourceHandler, MAX_BODY_BYTES};
use ringcentral_engage::Secret;
use tower::ServiceExt;

struct Bot;

impl SourceHandler for Bot {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new()
    }
}

fn app() -> axum::Router {
    ringcentral_engage::sdk::axum::router("/sdk", SdkEndpoint::new(&Secret::new("s3cret"), Arc::new(Bot)))
}

async fn body_bytes(response: axum::response::Response) -> Bytes {
    axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap()
}

#[tokio::test]
async fn signed_request_round_trip() {
    let body = br#"{"action":"implementation.info"}"#;
    let key = SigningKey::new(&Secret::new("s3cret"));
    let request = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", key.sign(body))
        .body(Body::from(&body[..]))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let sig = response.headers()["x-smccsdk-signature"]
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = body_bytes(response).await;
    assert!(key.verify(&bytes, &sig));
    assert_eq!(&bytes[..], br#"{"objects":{},"options":[]}"#);
}

#[tokio::test]
async fn unsigned_request_is_422() {
    let request = http::Request::post("/sdk").body(Body::from("{}")).unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 422);
    assert_eq!(&body_bytes(response).await[..], b"Invalid signature");
}

#[tokio::test]
async fn declared_oversize_is_refused_before_reading() {
    let read = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&read);
    let chunks = stream::repeat_with(move || {
        counter.fetch_add(1, Ordering::SeqCst);
        Ok::<_, std::io::Error>(Bytes::from_static(&[b' '; 1024]))
    });
    let request = http::Request::post("/sdk")
        .header("content-length", (MAX_BODY_BYTES + 1).to_string())
        .body(Body::from_stream(chunks))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(read.load(Ordering::SeqCst), 0, "the body must not be read");
}

#[tokio::test]
async fn endless_chunked_body_stops_at_the_limit() {
    const CHUNK: usize = 1 << 20;
    let read = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&read);
    let chunks = stream::repeat_with(move || {
        counter.fetch_add(CHUNK, Ordering::SeqCst);
        Ok::<_, std::io::Error>(Bytes::from(vec![b' '; CHUNK]))
    });
    let request = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", "00")
        .body(Body::from_stream(chunks))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 413);
    assert!(
        read.load(Ordering::SeqCst) <= MAX_BODY_BYTES + CHUNK,
        "read past the limit"
    );
}

#[tokio::test]
async fn body_read_error_gets_a_signed_400() {
    let chunks = stream::iter([
        Ok(Bytes::from_static(br#"{"action":"#)),
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionReset,
            "client went away",
        )),
    ]);
    let request = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", "00")
        .body(Body::from_stream(chunks))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 400);
    let sig = response
        .headers()
        .get("x-smccsdk-signature")
        .expect("the 400 must be signed")
        .to_str()
        .unwrap()
        .to_owned();
    let bytes = body_bytes(response).await;
    assert!(SigningKey::new(&Secret::new("s3cret")).verify(&bytes, &sig));
    assert_eq!(&bytes[..], b"Bad request: could not read the body");
}

/// A body stream that counts what is read from it, then never ends (a stalled client).
fn stalling(prefix: usize, read: Arc<AtomicUsize>) -> Body {
    let head = stream::iter([Ok::<_, std::io::Error>(Bytes::from(vec![b' '; prefix]))]);
    let counted = head.inspect(move |c| {
        read.fetch_add(c.as_ref().map_or(0, Bytes::len), Ordering::SeqCst);
    });
    Body::from_stream(counted.chain(stream::pending()))
}

#[tokio::test]
async fn a_request_without_signature_is_refused_before_its_body_is_read() {
    let read = Arc::new(AtomicUsize::new(0));
    let request = http::Request::post("/sdk")
        .body(stalling(1024, Arc::clone(&read)))
        .unwrap();
    let response = app().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 422);
    assert!(response.headers().contains_key("x-smccsdk-signature"));
    assert_eq!(read.load(Ordering::SeqCst), 0, "the body must not be read");
}

#[tokio::test(start_paused = true)]
async fn a_stalled_body_is_cut_off_with_408_and_nothing_processed() {
    let limits = InboundLimits::new();
    for prefix in [0, 10, 2 * 1024 * 1024] {
        let read = Arc::new(AtomicUsize::new(0));
        let request = http::Request::post("/sdk")
            .header("X-SMCCSDK-SIGNATURE", "00")
            .body(stalling(prefix, Arc::clone(&read)))
            .unwrap();
        let started = tokio::time::Instant::now();
        let endpoint = SdkEndpoint::new(&Secret::new("s3cret"), Arc::new(Bot)).with_limits(limits.clone());
        let response = ringcentral_engage::sdk::axum::router("/sdk", endpoint)
            .oneshot(request)
            .await
            .unwrap();
        assert_eq!(response.status(), 408, "prefix {prefix}");
        assert_eq!(response.headers()["connection"], "close");
        assert_eq!(started.elapsed(), InboundLimits::DEFAULT_BODY_READ_TIMEOUT);
        assert_eq!(read.load(Ordering::SeqCst), prefix);
        assert_eq!(
            limits.large_bodies_in_flight(),
            0,
            "the large-body turn is given back"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn large_bodies_wait_their_turn_and_small_ones_pass() {
    let limits = InboundLimits::new().large_bodies(1024, 2);
    let router = |limits: InboundLimits| {
        let endpoint = SdkEndpoint::new(&Secret::new("s3cret"), Arc::new(Bot)).with_limits(limits);
        ringcentral_engage::sdk::axum::router("/sdk", endpoint)
    };
    let app = router(limits.clone());
    // The same gate, a longer read timeout: these hold their turns past the others' deadline.
    let patient = router(
        limits
            .clone()
            .body_read_timeout(std::time::Duration::from_secs(60)),
    );
    // Two stalled large bodies (one declared, one chunked) hold both turns...
    let mut stalled = Vec::new();
    for declared in [true, false] {
        let mut request = http::Request::post("/sdk").header("X-SMCCSDK-SIGNATURE", "00");
        if declared {
            request = request.header("content-length", "4096");
        }
        let request = request
            .body(stalling(2048, Arc::new(AtomicUsize::new(0))))
            .unwrap();
        stalled.push(tokio::spawn(patient.clone().oneshot(request)));
    }
    while limits.large_bodies_in_flight() < 2 {
        tokio::task::yield_now().await;
    }
    // ... a third large one gets no turn within the read timeout: 503, never buffered...
    let read = Arc::new(AtomicUsize::new(0));
    let third = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", "00")
        .header("content-length", "4096")
        .body(stalling(4096, Arc::clone(&read)))
        .unwrap();
    let third = tokio::spawn(app.clone().oneshot(third));
    // ... while a small valid call is answered at once.
    let body = br#"{"action":"implementation.info"}"#;
    let key = SigningKey::new(&Secret::new("s3cret"));
    let small = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", key.sign(body))
        .body(Body::from(&body[..]))
        .unwrap();
    let started = tokio::time::Instant::now();
    assert_eq!(app.clone().oneshot(small).await.unwrap().status(), 200);
    assert_eq!(started.elapsed(), std::time::Duration::ZERO);
    assert_eq!(third.await.unwrap().unwrap().status(), 503);
    assert_eq!(read.load(Ordering::SeqCst), 0, "no turn, no read");
    for s in stalled {
        assert_eq!(s.await.unwrap().unwrap().status(), 408);
    }
    assert_eq!(limits.large_bodies_in_flight(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_handover_applies_its_webhook_limits_to_its_sdk_endpoint_too() {
    use ringcentral_engage::handover::{EngageConfig, EngageHandover};
    use ringcentral_engage::webhook::WebhookConfig;
    let timeout = std::time::Duration::from_secs(3);
    let limits = InboundLimits::new().body_read_timeout(timeout);
    let config = EngageConfig::builder()
        .client(
            ringcentral_engage::Client::builder()
                .base_url("http://127.0.0.1:1/1.0")
                .access_token("t")
                .build()
                .unwrap(),
        )
        .source_id("src")
        .realtime_url("http://127.0.0.1:1/realtime/sdk/src")
        .realtime_token("s3cret")
        .bot_category("bot")
        .agent_category("agent")
        .webhook(WebhookConfig::new("verify", "secret").limits(limits))
        .build()
        .unwrap();
    let handover = EngageHandover::new(config);
    let read = Arc::new(AtomicUsize::new(0));
    let request = http::Request::post("/engage/sdk")
        .header("X-SMCCSDK-SIGNATURE", "00")
        .body(stalling(10, Arc::clone(&read)))
        .unwrap();
    let started = tokio::time::Instant::now();
    let response = handover.router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 408);
    assert_eq!(
        started.elapsed(),
        timeout,
        "the webhook config's body timeout, not the default"
    );
}
