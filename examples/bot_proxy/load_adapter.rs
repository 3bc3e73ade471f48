//! The load-test adapter for `bot_proxy`'s user API: a customer connects to
//! `GET /conversations/{id}/events` (server-sent events) and writes with
//! `POST /conversations/{id}/messages`.

#[path = "sse_blocks.rs"]
mod sse_blocks;

use ringcentral_engage::sim::load::{AdapterError, Inbox, LoadAdapter, UserEvent};
use serde_json::{json, Value};

/// Drives `bot_proxy` (or any service with the same JSON API) at `base`.
#[derive(Debug, Clone)]
pub struct BotProxyAdapter {
    base: String,
    http: reqwest::Client,
}

impl BotProxyAdapter {
    /// The service at `base` (`http://host:port`).
    pub fn new(base: impl Into<String>) -> Self {
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .build()
            .unwrap_or_default();
        BotProxyAdapter {
            base: base.into().trim_end_matches('/').to_owned(),
            http,
        }
    }
}

/// What one server-sent event means to the customer.
fn user_event(event: &str, data: &str) -> Option<UserEvent> {
    let data: Value = serde_json::from_str(data).ok()?;
    match (event, data["from"].as_str(), data["type"].as_str()) {
        ("message", Some("agent"), _) => Some(UserEvent::Agent(data["text"].as_str()?.to_owned())),
        ("message", Some(_), _) => Some(UserEvent::Bot(data["text"].as_str()?.to_owned())),
        ("handover", _, _) => match data["event"]["type"].as_str()? {
            "queued" if data["event"].get("update").is_some() => Some(UserEvent::QueueNotice),
            "ended" | "failed" => Some(UserEvent::Ended),
            _ => None,
        },
        _ => None,
    }
}

#[async_trait::async_trait]
impl LoadAdapter for BotProxyAdapter {
    async fn connect(&self, conversation: &str, inbox: Inbox) -> Result<(), AdapterError> {
        let url = format!("{}/conversations/{conversation}/events", self.base);
        let mut response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| AdapterError::new(format!("events: {e}")))?;
        if !response.status().is_success() {
            return Err(AdapterError::new(format!("events: {}", response.status())));
        }
        tokio::spawn(async move {
            let mut blocks = sse_blocks::SseBlocks::default();
            loop {
                let chunk = tokio::select! {
                    _ = inbox.closed() => return,
                    chunk = response.chunk() => chunk,
                };
                let Ok(Some(chunk)) = chunk else { return };
                for sse in blocks.push(&chunk) {
                    let event = if sse.event == "handover" {
                        "handover"
                    } else {
                        "message"
                    };
                    if let Some(e) = user_event(event, &sse.data) {
                        inbox.push(e);
                    }
                }
            }
        });
        Ok(())
    }

    async fn send(&self, conversation: &str, message_id: &str, text: &str) -> Result<(), AdapterError> {
        let url = format!("{}/conversations/{conversation}/messages", self.base);
        let response = self
            .http
            .post(url)
            .json(&json!({"text": text, "client_message_id": message_id}))
            .send()
            .await
            .map_err(|e| AdapterError::new(format!("message: {e}")))?;
        match response.status() {
            s if s.is_success() => Ok(()),
            s => Err(AdapterError::new(format!("message: {s}"))),
        }
    }
}
