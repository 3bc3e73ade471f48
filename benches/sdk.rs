//! Cost of one inbound SDK request (verify the signature, parse the action, call the handler,
//! sign the answer) next to the bare minimum any implementation pays: HMAC-SHA512 of the bytes
//! plus `serde_json::from_slice::<Value>`.
//!
//! Three bare baselines:
//! - `bare_hmac_parse_signed_minimal_reply` verifies, parses into a `Value`, then serializes and
//!   signs a minimal `{"id":..}` answer: everything the endpoint must do for an agent message.
//!   The goal (issue 12) is the endpoint within 1.2x of it on a 20 KB agent message.
//! - `bare_hmac_prepared_key_plus_value_parse` clones an HMAC whose key was set up once, as the
//!   endpoint's `SigningKey` does. This is the fair comparison.
//! - `bare_hmac_rekeyed_each_request_plus_value_parse` builds the HMAC from the secret on every
//!   request (`Hmac::new_from_slice`), which also pays the key schedule (two extra SHA-512
//!   blocks); it shows what a naive implementation costs.
//!
//! Run: `cargo bench --bench sdk -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::sync::Arc;

use async_trait::async_trait;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use futures_util::FutureExt;
use hmac::{Hmac, Mac};
use http::{HeaderMap, Method};
use ringcentral_engage::sdk::objects::{Created, PostedPrivateMessage};
use ringcentral_engage::sdk::signature::SigningKey;
use ringcentral_engage::sdk::{Capabilities, HandlerError, Resource, SdkEndpoint, SourceHandler};
use ringcentral_engage::Secret;
use sha2::Sha512;

const SECRET: &str = "3YJZzqMJ5Ec7i2JGvnt8TgvleD7dtpwpmag4S6MuRA2GQdfvV4STIsxDRJ4fEjO8";

/// Answers every agent message with the created object carrying our id, as a real handover
/// service does (Engage only needs the id back).
struct Ack;

#[async_trait]
impl SourceHandler for Ack {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new().resource(Resource::PrivateMessages, ["create"])
    }

    async fn create_private_message(&self, m: PostedPrivateMessage) -> Result<Created, HandlerError> {
        Ok(Created::new(m.content_id.unwrap_or_default()))
    }
}

/// An agent's `private_messages.create` whose body makes the request about `size` bytes.
fn request_body(size: usize) -> Vec<u8> {
    let envelope = r#"{"action":"private_messages.create","params":{"content_id":"5f3a9c","author_id":"a-7","recipient_id":"u-1","in_reply_to_id":"m-1","format":"text","sender_name":"Jane from Support","retry":false,"created_at":"2012-10-01T17:18:40Z","body":""},"time":"2012-10-01T17:18:40Z"}"#;
    let text: String = "Bonjour, voici la réponse à votre question. "
        .chars()
        .cycle()
        .take(size.saturating_sub(envelope.len()))
        .collect();
    envelope
        .replace(r#""body":"""#, &format!(r#""body":"{text}""#))
        .into_bytes()
}

/// The bare minimum: the HMAC tag of the body and the body parsed as a `Value`.
fn mac_and_parse(mut mac: Hmac<Sha512>, body: &[u8]) -> (impl Sized, serde_json::Value) {
    mac.update(body);
    let tag = mac.finalize().into_bytes();
    (tag, serde_json::from_slice(body).unwrap())
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let secret = Secret::new(SECRET);
    let endpoint = SdkEndpoint::new(&secret, Arc::new(Ack));
    let key = SigningKey::new(&secret);
    let prepared = Hmac::<Sha512>::new_from_slice(SECRET.as_bytes()).unwrap();

    let mut group = c.benchmark_group("sdk_request");
    for (label, size) in [("1KB", 1024), ("20KB", 20 * 1024), ("64KB", 64 * 1024)] {
        let body = request_body(size);
        let mut headers = HeaderMap::new();
        headers.insert("X-SMCCSDK-SIGNATURE", key.sign(&body).parse().unwrap());
        group.throughput(Throughput::Bytes(body.len() as u64));

        let check = rt.block_on(endpoint.handle_parts(&Method::POST, &headers, None, &body));
        assert_eq!(check.status(), 200, "{}", String::from_utf8_lossy(check.body()));

        group.bench_with_input(
            BenchmarkId::new("bare_hmac_prepared_key_plus_value_parse", label),
            &body,
            |b, body| b.iter(|| black_box(mac_and_parse(prepared.clone(), body))),
        );
        group.bench_with_input(
            BenchmarkId::new("bare_hmac_parse_signed_minimal_reply", label),
            &body,
            |b, body| {
                b.iter(|| {
                    let (tag, value) = mac_and_parse(prepared.clone(), body);
                    let reply =
                        serde_json::to_vec(&serde_json::json!({ "id": value["params"]["content_id"] }))
                            .unwrap();
                    let mut mac = prepared.clone();
                    mac.update(&reply);
                    let signature = hex::encode(mac.finalize().into_bytes());
                    black_box((tag, reply, signature))
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("bare_hmac_rekeyed_each_request_plus_value_parse", label),
            &body,
            |b, body| {
                b.iter(|| {
                    let mac = Hmac::<Sha512>::new_from_slice(SECRET.as_bytes()).unwrap();
                    black_box(mac_and_parse(mac, body))
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("endpoint_verify_parse_dispatch", label),
            &body,
            |b, body| {
                // The handler never waits, so the future completes on its first poll: measure the
                // endpoint itself rather than a runtime's scheduling.
                b.iter(|| {
                    let response = endpoint
                        .handle_parts(&Method::POST, &headers, None, body)
                        .now_or_never()
                        .unwrap_or_else(|| unreachable!("the bench handler never waits"));
                    black_box(response)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
