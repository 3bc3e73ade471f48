//! The SDK endpoint: bad input (each case), dispatch, `implementation.info`, resource errors.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use bytes::Bytes;
use ringcentral_engage::sdk::objects::{Created, PostedMessage, PostedPrivateMessage, PrivateMessage, User};
use ringcentral_engage::sdk::signature::SigningKey;
use ringcentral_engage::sdk::{
    Capabilities, Content, CustomParams, HandlerError, QueuingUpdate, Resource, SdkEndpoint, SdkOption,
    SourceHandler, MAX_BODY_BYTES,
};
use ringcentral_engage::Secret;
use serde_json::{json, Value};
use time::macros::datetime;

const SECRET: &str = "endpoint-test-secret";

#[derive(Default)]
struct Recorder {
    calls: Mutex<Vec<String>>,
}

impl Recorder {
    fn calls(&self) -> Vec<String> {
        self.calls.lock().unwrap().clone()
    }
    fn record(&self, call: String) {
        self.calls.lock().unwrap().push(call);
    }
}

fn user(id: &str) -> User {
    let t = datetime!(2024-01-01 0:00 UTC);
    User::new(id, "Someone", t, t).unwrap()
}

#[async_trait]
impl SourceHandler for Recorder {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new()
            .resource(Resource::PrivateMessages, ["create", "list", "escalate"])
            .resource(Resource::Messages, ["create"])
            .option(SdkOption::ViewMessaging)
            .option(SdkOption::PrivateMessagesText)
            .option(SdkOption::MessagingTypingIndicator)
            .option(SdkOption::MessagingQueuingUpdate)
            .option(SdkOption::PrivateMessagesAttachments)
    }

    async fn create_private_message(&self, m: PostedPrivateMessage) -> Result<Created, HandlerError> {
        self.record(format!(
            "create_private_message {}",
            m.content_id.clone().unwrap_or_default()
        ));
        let body = m.body.unwrap_or_default();
        if body == "fail" {
            return Err(HandlerError::fatal("cannot deliver"));
        }
        if body == "down" {
            return Err(HandlerError::internal("database down"));
        }
        Ok(Created::new("ours-1"))
    }

    async fn create_message(&self, m: PostedMessage) -> Result<Created, HandlerError> {
        self.record("create_message".into());
        Ok(Created::new("ours-2").thread_id(m.thread_id.unwrap_or_else(|| "t-1".into())))
    }

    async fn list(&self, resource: Resource, since_id: Option<&str>) -> Result<Vec<Content>, HandlerError> {
        self.record(format!("list {resource} {since_id:?}"));
        Ok(vec![PrivateMessage::builder("p-2", user("u"))
            .body("hi")
            .build()
            .unwrap()
            .into()])
    }

    async fn custom_action(
        &self,
        resource: Resource,
        name: &str,
        params: CustomParams,
    ) -> Result<Content, HandlerError> {
        self.record(format!("custom {resource}.{name} {}", params.id));
        Ok(PrivateMessage::builder(params.id, user("u"))
            .body("escalated")
            .build()
            .unwrap()
            .into())
    }

    async fn queuing_update(&self, update: QueuingUpdate) -> Result<(), HandlerError> {
        self.record(format!("queue {:?}", update.position));
        Ok(())
    }
}

fn endpoint() -> (SdkEndpoint<Recorder>, Arc<Recorder>) {
    let handler = Arc::new(Recorder::default());
    (
        SdkEndpoint::new(&Secret::new(SECRET), Arc::clone(&handler)),
        handler,
    )
}

fn signed_with(secret: &str, body: &[u8]) -> http::Request<Bytes> {
    let sig = SigningKey::new(&Secret::new(secret)).sign(body);
    http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", sig)
        .body(Bytes::copy_from_slice(body))
        .unwrap()
}

fn signed(body: &[u8]) -> http::Request<Bytes> {
    signed_with(SECRET, body)
}

fn text(response: &ringcentral_engage::inbound::EndpointResponse) -> String {
    String::from_utf8(response.body().to_vec()).unwrap()
}

fn assert_signed(response: &ringcentral_engage::inbound::EndpointResponse) {
    let sig = response.headers()["X-SMCCSDK-SIGNATURE"].to_str().unwrap();
    assert!(
        SigningKey::new(&Secret::new(SECRET)).verify(response.body(), sig),
        "response not signed"
    );
}

const VALID: &[u8] = br#"{"action":"private_messages.create","params":{"content_id":"c1","body":"hello"}}"#;

#[tokio::test]
async fn missing_signature_is_refused_and_handler_not_called() {
    let (ep, h) = endpoint();
    let req = http::Request::post("/sdk")
        .body(Bytes::from_static(VALID))
        .unwrap();
    let res = ep.handle(req).await;
    assert_eq!(res.status(), 422);
    assert_eq!(text(&res), "Invalid signature");
    assert_signed(&res);
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn wrong_signature_is_refused_and_handler_not_called() {
    let (ep, h) = endpoint();
    let req = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", "00".repeat(64))
        .body(Bytes::from_static(VALID))
        .unwrap();
    let res = ep.handle(req).await;
    assert_eq!(
        (res.status().as_u16(), text(&res).as_str()),
        (422, "Invalid signature")
    );
    let req = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", "not hex")
        .body(Bytes::from_static(VALID))
        .unwrap();
    assert_eq!(ep.handle(req).await.status(), 422);
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn signature_from_another_secret_is_refused() {
    let (ep, h) = endpoint();
    let res = ep.handle(signed_with("some-other-secret", VALID)).await;
    assert_eq!(
        (res.status().as_u16(), text(&res).as_str()),
        (422, "Invalid signature")
    );
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn signature_of_a_different_body_is_refused() {
    let (ep, h) = endpoint();
    let mut req = signed(VALID);
    *req.body_mut() = Bytes::from_static(
        br#"{"action":"private_messages.create","params":{"content_id":"c1","body":"HELLO"}}"#,
    );
    assert_eq!(ep.handle(req).await.status(), 422);
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn signature_in_the_query_string_is_accepted() {
    let (ep, h) = endpoint();
    let sig = SigningKey::new(&Secret::new(SECRET)).sign(VALID);
    let req = http::Request::post(format!("/sdk?signature={}", sig.to_uppercase()))
        .body(Bytes::from_static(VALID))
        .unwrap();
    let res = ep.handle(req).await;
    assert_eq!(res.status(), 200);
    assert_eq!(h.calls(), ["create_private_message c1"]);
}

#[tokio::test]
async fn body_not_json_is_400() {
    let (ep, h) = endpoint();
    let res = ep.handle(signed(b"action=messages.list")).await;
    assert_eq!(res.status(), 400);
    assert_signed(&res);
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn json_without_action_is_400() {
    let (ep, h) = endpoint();
    assert_eq!(ep.handle(signed(br#"{"params":{"id":"1"}}"#)).await.status(), 400);
    assert_eq!(ep.handle(signed(br#"{"action":null}"#)).await.status(), 400);
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn unknown_action_is_422_invalid_action() {
    let (ep, h) = endpoint();
    for body in [
        &br#"{"action":"bananas.peel"}"#[..],
        br#"{"action":"messages.archive","params":{"id":"1","user_id":"2"}}"#,
        br#"{"action":"messages.reply","params":{"id":"1"}}"#,
        br#"{"action":"typing.pause"}"#,
    ] {
        let res = ep.handle(signed(body)).await;
        assert_eq!(
            (res.status().as_u16(), text(&res).as_str()),
            (422, "Invalid action"),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    assert!(
        h.calls().is_empty(),
        "undeclared custom action must not reach the handler"
    );
}

#[tokio::test]
async fn declared_custom_action_reaches_the_handler() {
    let (ep, h) = endpoint();
    let res = ep
        .handle(signed(
            br#"{"action":"private_messages.escalate","params":{"id":"p-1","user_id":"a-1"}}"#,
        ))
        .await;
    assert_eq!(res.status(), 200);
    let body: Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(body["id"], "p-1");
    assert_eq!(h.calls(), ["custom private_messages.escalate p-1"]);
}

#[tokio::test]
async fn body_over_the_limit_is_413_by_declared_length() {
    let (ep, h) = endpoint();
    let mut req = signed(VALID);
    req.headers_mut().insert(
        "content-length",
        (MAX_BODY_BYTES + 1).to_string().parse().unwrap(),
    );
    let res = ep.handle(req).await;
    assert_eq!(res.status(), 413);
    assert!(h.calls().is_empty());
    let mut headers = http::HeaderMap::new();
    headers.insert("content-length", "999999999999".parse().unwrap());
    assert!(ep.reject_declared_size(&headers).is_some());
    headers.insert("content-length", "12".parse().unwrap());
    assert!(ep.reject_declared_size(&headers).is_none());
}

#[tokio::test]
async fn body_over_the_limit_is_413_by_actual_length() {
    let (ep, h) = endpoint();
    let big = vec![b' '; MAX_BODY_BYTES + 1];
    let req = http::Request::post("/sdk")
        .header("X-SMCCSDK-SIGNATURE", "00")
        .body(Bytes::from(big))
        .unwrap();
    assert_eq!(ep.handle(req).await.status(), 413);
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn create_without_params_is_400() {
    let (ep, h) = endpoint();
    for body in [
        &br#"{"action":"private_messages.create"}"#[..],
        br#"{"action":"messages.create","params":null}"#,
        br#"{"action":"private_messages.create","params":"text"}"#,
    ] {
        assert_eq!(ep.handle(signed(body)).await.status(), 400);
    }
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn extra_unknown_fields_are_accepted() {
    let (ep, h) = endpoint();
    let fixture = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sdk/private_messages_create.json"
    ))
    .unwrap();
    let res = ep.handle(signed(&fixture)).await;
    assert_eq!(res.status(), 200, "{}", text(&res));
    assert_signed(&res);
    let body: Value = serde_json::from_slice(res.body()).unwrap();
    // The created object, not an echo of the posted content.
    assert_eq!(body, json!({"id": "ours-1"}));
    assert_eq!(h.calls(), ["create_private_message 4242"]);
}

#[tokio::test]
async fn other_methods_are_405() {
    let (ep, h) = endpoint();
    let req = http::Request::get("/sdk").body(Bytes::new()).unwrap();
    let res = ep.handle(req).await;
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "POST");
    assert!(h.calls().is_empty());
}

#[tokio::test]
async fn implementation_info_answers_the_declaration() {
    let (ep, _) = endpoint();
    let res = ep
        .handle(signed(
            br#"{"action":"implementation.info","time":"2012-10-01T17:18:40Z"}"#,
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert_signed(&res);
    assert_eq!(res.headers()["content-type"], "application/json");
    let body: Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(
        body,
        json!({
            "objects": {"messages": ["create"], "private_messages": ["create", "list", "escalate"]},
            "options": ["view.messaging", "private_messages.text", "messaging.typing_indicator",
                        "messaging.queuing_update", "private_messages.attachments"]
        })
    );
}

#[tokio::test]
async fn resource_errors_use_the_error_document() {
    let (ep, _) = endpoint();
    let res = ep
        .handle(signed(
            br#"{"action":"private_messages.create","params":{"body":"fail"}}"#,
        ))
        .await;
    assert_eq!(res.status(), 200);
    assert_signed(&res);
    let body: Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(
        body,
        json!({"error": {"fatal": true, "message": "cannot deliver"}})
    );
    let res = ep
        .handle(signed(
            br#"{"action":"private_messages.create","params":{"body":"down"}}"#,
        ))
        .await;
    assert_eq!(
        (res.status().as_u16(), text(&res).as_str()),
        (500, "database down")
    );
}

#[tokio::test]
async fn unimplemented_methods_answer_invalid_action() {
    let (ep, _) = endpoint();
    let res = ep
        .handle(signed(br#"{"action":"threads.show","params":{"id":"1"}}"#))
        .await;
    assert_eq!(
        (res.status().as_u16(), text(&res).as_str()),
        (422, "Invalid action")
    );
}

#[tokio::test]
async fn list_and_queuing_update_dispatch() {
    let (ep, h) = endpoint();
    let res = ep
        .handle(signed(
            br#"{"action":"private_messages.list","params":{"since_id":7}}"#,
        ))
        .await;
    assert_eq!(res.status(), 200);
    let body: Value = serde_json::from_slice(res.body()).unwrap();
    assert_eq!(body[0]["id"], "p-2");
    let res = ep
        .handle(signed(
            br#"{"action":"messaging.queuing_update","params":{"estimated_wait_time":30,"position":2}}"#,
        ))
        .await;
    assert_eq!((res.status().as_u16(), text(&res).as_str()), (200, "{}"));
    assert_eq!(
        h.calls(),
        ["list private_messages Some(\"7\")", "queue Some(Number(2))"]
    );
}
