//! The axum router: signed round trip, and the 413 that never buffers the whole body.
#![cfg(feature = "axum")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use axum::body::Body;
use bytes::Bytes;
use futures_util::stream;
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
