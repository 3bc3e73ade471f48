//! Property tests: whatever the bytes, the endpoint answers (never panics) with a signed
//! response, and only verified requests reach the handler.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use async_trait::async_trait;
use bytes::Bytes;
use proptest::prelude::*;
use ringcentral_engage::sdk::action::Request;
use ringcentral_engage::sdk::objects::{Created, PostedPrivateMessage};
use ringcentral_engage::sdk::signature::SigningKey;
use ringcentral_engage::sdk::{Capabilities, HandlerError, Resource, SdkEndpoint, SourceHandler};
use ringcentral_engage::Secret;

const SECRET: &str = "prop-secret";

#[derive(Default)]
struct Counting(AtomicUsize);

#[async_trait]
impl SourceHandler for Counting {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new().resource(Resource::PrivateMessages, ["create", "custom"])
    }

    async fn create_private_message(&self, m: PostedPrivateMessage) -> Result<Created, HandlerError> {
        self.0.fetch_add(1, Ordering::SeqCst);
        let _ = m;
        Ok(Created::new("id"))
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().build().unwrap()
}

fn check(endpoint: &SdkEndpoint<Counting>, rt: &tokio::runtime::Runtime, body: Vec<u8>, sign: bool) -> u16 {
    let key = SigningKey::new(&Secret::new(SECRET));
    let mut builder = http::Request::post("/sdk");
    if sign {
        builder = builder.header("X-SMCCSDK-SIGNATURE", key.sign(&body));
    }
    let response = rt.block_on(endpoint.handle(builder.body(Bytes::from(body)).unwrap()));
    let sig = response.headers()["X-SMCCSDK-SIGNATURE"].to_str().unwrap();
    assert!(key.verify(response.body(), sig), "every answer is signed");
    response.status().as_u16()
}

const SEEDS: &[&str] = &[
    r#"{"action":"private_messages.create","params":{"content_id":"1","body":"hi","retry":false}}"#,
    r#"{"action":"messaging.queuing_update","params":{"estimated_wait_time":30,"position":1}}"#,
    r#"{"action":"private_messages.custom","params":{"id":"1","user_id":"2"}}"#,
    r#"{"action":"implementation.info","time":"2012-10-01T17:18:40Z"}"#,
    r#"{"action":"messages.list","params":{"since_id":"1"}}"#,
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(body in proptest::collection::vec(any::<u8>(), 0..512), sign in any::<bool>()) {
        let _ = Request::parse(&body);
        let rt = runtime();
        let handler = Arc::new(Counting::default());
        let endpoint = SdkEndpoint::new(&Secret::new(SECRET), Arc::clone(&handler));
        let status = check(&endpoint, &rt, body, sign);
        prop_assert!(matches!(status, 200 | 400 | 422 | 500), "status {}", status);
        if !sign {
            prop_assert_eq!(status, 422);
            prop_assert_eq!(handler.0.load(Ordering::SeqCst), 0);
        }
    }

    #[test]
    fn mutated_valid_bodies_never_panic(
        seed in 0..SEEDS.len(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8),
        sign in any::<bool>(),
    ) {
        let mut body = SEEDS[seed].as_bytes().to_vec();
        for (at, byte, op) in edits {
            if body.is_empty() { body.push(byte); continue; }
            let i = at.index(body.len());
            match op {
                0 => body[i] = byte,
                1 => body.insert(i, byte),
                _ => { body.remove(i); }
            }
        }
        let _ = Request::parse(&body);
        let rt = runtime();
        let handler = Arc::new(Counting::default());
        let endpoint = SdkEndpoint::new(&Secret::new(SECRET), Arc::clone(&handler));
        let status = check(&endpoint, &rt, body, sign);
        prop_assert!(matches!(status, 200 | 400 | 422 | 500), "status {}", status);
        if !sign {
            prop_assert_eq!(handler.0.load(Ordering::SeqCst), 0);
        }
    }

    #[test]
    fn arbitrary_json_values_never_panic(
        action in prop_oneof![
            Just("private_messages.create".to_owned()),
            Just("messages.show".to_owned()),
            Just("messaging.queuing_update".to_owned()),
            Just("typing.start".to_owned()),
            Just("status.mark_as_read".to_owned()),
            "[a-z_.]{0,24}",
        ],
        params in arb_json(),
    ) {
        let body = serde_json::to_vec(&serde_json::json!({"action": action, "params": params})).unwrap();
        let rt = runtime();
        let endpoint = SdkEndpoint::new(&Secret::new(SECRET), Arc::new(Counting::default()));
        let status = check(&endpoint, &rt, body, true);
        prop_assert!(matches!(status, 200 | 400 | 422 | 500), "status {}", status);
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_owned()),
                    Just("body".to_owned()),
                    Just("thread_id".to_owned()),
                    Just("retry".to_owned()),
                    Just("attachments".to_owned()),
                    Just("created_at".to_owned()),
                    Just("preview".to_owned()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..5,
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
