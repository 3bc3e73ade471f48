//! A tiny fake service for the simulator tests: an SDK endpoint that signs its answers with
//! `sdk::signature::sign`, and a webhook endpoint. Raw axum + the signature function only.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use ringcentral_engage::sdk::signature::{sign, verify, SIGNATURE_HEADER};
use ringcentral_engage::Secret;
use serde_json::{json, Value};

/// How the fake service behaves.
#[derive(Debug, Clone)]
pub struct Behaviour {
    /// Objects and actions declared in `implementation.info`.
    pub objects: Value,
    /// Options declared in `implementation.info`.
    pub options: Vec<String>,
    /// Sign responses correctly (when `false`, a header of zeros is sent).
    pub sign: bool,
    /// Send responses without any signature header (wins over `sign`).
    pub omit_signature: bool,
    /// Answer the first N `*.create` actions with 500.
    pub fail_creates: usize,
    /// Answer the first N webhook POSTs with 500.
    pub fail_webhooks: usize,
    /// The verify token expected on the validation GET.
    pub verify_token: String,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            objects: json!({"messages": ["create"], "private_messages": ["create"]}),
            options: vec!["messaging.queuing_update".into(), "view.messaging".into()],
            sign: true,
            omit_signature: false,
            fail_creates: 0,
            fail_webhooks: 0,
            verify_token: "verify-me".into(),
        }
    }
}

/// What the fake service received.
#[derive(Debug, Default)]
pub struct Received {
    /// SDK actions (the parsed request bodies), with whether their signature was valid.
    pub actions: Vec<(Value, bool)>,
    /// Webhook POST bodies with their `X-Dimelo-Secret` header.
    pub webhooks: Vec<(Value, Option<String>)>,
    /// Validation GETs' query parameters.
    pub validations: Vec<Vec<(String, String)>>,
}

#[derive(Clone)]
struct App {
    key: Arc<Mutex<Option<Secret>>>,
    behaviour: Arc<Mutex<Behaviour>>,
    received: Arc<Mutex<Received>>,
}

/// A running fake service.
pub struct FakeService {
    pub addr: SocketAddr,
    app: App,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeService {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeService {
    pub async fn start(behaviour: Behaviour) -> FakeService {
        let app = App {
            key: Arc::new(Mutex::new(None)),
            behaviour: Arc::new(Mutex::new(behaviour)),
            received: Arc::new(Mutex::new(Received::default())),
        };
        let router = Router::new()
            .route("/sdk", post(sdk))
            .route("/webhook", post(webhook).get(validation))
            .with_state(app.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        FakeService { addr, app, task }
    }

    /// Sets the realtime token used to verify and sign.
    pub fn set_key(&self, key: Secret) {
        *self.app.key.lock().unwrap() = Some(key);
    }

    pub fn sdk_url(&self) -> String {
        format!("http://{}/sdk", self.addr)
    }

    pub fn webhook_url(&self) -> String {
        format!("http://{}/webhook", self.addr)
    }

    pub fn behaviour(&self, f: impl FnOnce(&mut Behaviour)) {
        f(&mut self.app.behaviour.lock().unwrap());
    }

    pub fn received<R>(&self, f: impl FnOnce(&Received) -> R) -> R {
        f(&self.app.received.lock().unwrap())
    }

    /// Actions received with this name (bodies).
    pub fn actions_named(&self, name: &str) -> Vec<Value> {
        self.received(|r| {
            r.actions
                .iter()
                .filter(|(a, _)| a["action"] == name)
                .map(|(a, _)| a.clone())
                .collect()
        })
    }

    /// Waits until `f` holds on what was received.
    pub async fn wait(&self, mut f: impl FnMut(&Received) -> bool, timeout: Duration) {
        let deadline = tokio::time::Instant::now() + timeout;
        while !self.received(&mut f) {
            assert!(
                tokio::time::Instant::now() < deadline,
                "fake service: condition not met in time"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

fn signed(app: &App, status: StatusCode, body: Value) -> Response {
    let raw = body.to_string();
    let key = app.key.lock().unwrap().clone();
    let (sign_ok, omit) = {
        let b = app.behaviour.lock().unwrap();
        (b.sign, b.omit_signature)
    };
    if omit {
        return (status, raw).into_response();
    }
    let signature = match (key, sign_ok) {
        (Some(k), true) => sign(&k, raw.as_bytes()),
        _ => "00".repeat(64),
    };
    (status, [(SIGNATURE_HEADER, signature)], raw).into_response()
}

async fn sdk(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let key = app.key.lock().unwrap().clone();
    let sig = headers
        .get(SIGNATURE_HEADER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let valid = key.as_ref().is_some_and(|k| verify(k, &body, sig));
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    app.received
        .lock()
        .unwrap()
        .actions
        .push((request.clone(), valid));
    if !valid {
        return (StatusCode::UNAUTHORIZED, "bad signature").into_response();
    }
    let action = request["action"].as_str().unwrap_or_default().to_owned();
    match action.as_str() {
        "implementation.info" => {
            let info = {
                let b = app.behaviour.lock().unwrap();
                json!({"objects": b.objects, "options": b.options})
            };
            signed(&app, StatusCode::OK, info)
        }
        "messages.create" | "private_messages.create" => {
            {
                let mut b = app.behaviour.lock().unwrap();
                if b.fail_creates > 0 {
                    b.fail_creates -= 1;
                    return (StatusCode::INTERNAL_SERVER_ERROR, "try later").into_response();
                }
            }
            let id = format!(
                "svc-{}",
                request["params"]["content_id"].as_str().unwrap_or_default()
            );
            signed(
                &app,
                StatusCode::OK,
                json!({"id": id, "body": request["params"]["body"]}),
            )
        }
        _ => signed(&app, StatusCode::OK, json!({})),
    }
}

async fn webhook(State(app): State<App>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let secret = headers
        .get("x-dimelo-secret")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    app.received.lock().unwrap().webhooks.push((body, secret));
    let mut b = app.behaviour.lock().unwrap();
    if b.fail_webhooks > 0 {
        b.fail_webhooks -= 1;
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    StatusCode::OK
}

async fn validation(State(app): State<App>, Query(q): Query<Vec<(String, String)>>) -> Response {
    app.received.lock().unwrap().validations.push(q.clone());
    let get = |k: &str| q.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let expected = app.behaviour.lock().unwrap().verify_token.clone();
    if get("hub.mode").as_deref() == Some("subscribe") && get("hub.verify_token") == Some(expected) {
        (StatusCode::OK, get("hub.challenge").unwrap_or_default()).into_response()
    } else {
        (StatusCode::FORBIDDEN, "no").into_response()
    }
}

/// Signs and posts a Send API request; returns (status, body).
pub async fn send(http: &reqwest::Client, url: &str, key: &Secret, body: &Value) -> (u16, String) {
    let raw = body.to_string();
    let resp = http
        .post(url)
        .header(SIGNATURE_HEADER, sign(key, raw.as_bytes()))
        .body(raw)
        .send()
        .await
        .unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

/// A `messages.create` from customer `user` in `thread`.
pub fn message(id: &str, thread: &str, user: &str, body: &str) -> Value {
    json!({
        "action": "messages.create",
        "params": {
            "id": id,
            "thread_id": thread,
            "body": body,
            "author": {"id": user, "screenname": format!("Customer {user}"), "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z"}
        }
    })
}
