//! A simulator, an `EngageHandover` wired to it over HTTP, and helpers to read events.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use ringcentral_engage::handover::{
    EngageConfig, EngageConfigBuilder, EngageHandover, HandoverEvent, HandoverEvents, HandoverId,
    HandoverProvider, HandoverRequest, HandoverStatus, HandoverUpdate, MemorySessionStore, Session,
    SessionStore,
};
use ringcentral_engage::profile::ContactProfile;
use ringcentral_engage::sdk::objects::User;
use ringcentral_engage::sim::{EngageSimulator, EngageSimulatorBuilder, SimHandle};
use ringcentral_engage::webhook::WebhookConfig;
use ringcentral_engage::Secret;
use ringcentral_engage::{Client, RetryPolicy};

pub const SECRET: &str = "webhook-secret-1";
pub const VERIFY: &str = "verify-token-1";

pub struct Bed {
    pub sim: SimHandle,
    pub provider: EngageHandover,
    pub events: HandoverEvents,
    pub store: Arc<MemorySessionStore>,
    pub addr: std::net::SocketAddr,
}

/// The simulator's handover configuration, with this suite's fixed webhook credentials (tests
/// post webhooks themselves with them).
pub fn config(sim: &SimHandle) -> EngageConfigBuilder {
    sim.handover_config().webhook(WebhookConfig::new(VERIFY, SECRET))
}

/// Starts `sim`, a provider built from `configure`, serves it, and points the simulator at it.
pub async fn start(
    sim: EngageSimulatorBuilder,
    configure: impl FnOnce(EngageConfigBuilder) -> EngageConfigBuilder,
) -> Bed {
    start_on(sim.start().await.unwrap(), configure).await
}

/// Like [`start`], on a simulator already running.
pub async fn start_on(
    sim: SimHandle,
    configure: impl FnOnce(EngageConfigBuilder) -> EngageConfigBuilder,
) -> Bed {
    let store = Arc::new(MemorySessionStore::new());
    let provider = EngageHandover::with_store(configure(config(&sim)).build().unwrap(), store.clone());
    let events = provider.events();
    let addr = sim.serve_handover(&provider).await.unwrap();
    Bed {
        sim,
        provider,
        events,
        store,
        addr,
    }
}

/// A fast simulator with one agent, Alice.
pub fn sim() -> EngageSimulatorBuilder {
    EngageSimulator::builder().time_scale(0.002).seed(7)
}

/// Events of one conversation until (and including) a terminal event, within `timeout`.
pub async fn until_end(
    events: &mut HandoverEvents,
    conversation: &str,
    timeout: Duration,
) -> Vec<HandoverEvent> {
    let mut seen = Vec::new();
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let next = tokio::time::timeout_at(deadline, events.next()).await;
        match next {
            Ok(Some(HandoverUpdate {
                conversation_id,
                event,
                ..
            })) if conversation_id.as_str() == conversation => {
                let done = event.is_terminal();
                seen.push(event);
                if done {
                    return seen;
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => panic!("event stream closed; saw {seen:#?}"),
            Err(_) => panic!("no end within {timeout:?}; saw {seen:#?}"),
        }
    }
}

pub fn store_of(bed: &Bed) -> Arc<dyn SessionStore> {
    bed.store.clone()
}

pub fn kinds(events: &[HandoverEvent]) -> Vec<&'static str> {
    events
        .iter()
        .map(|e| match e {
            HandoverEvent::Accepted => "accepted",
            HandoverEvent::Queued { .. } => "queued",
            HandoverEvent::AgentJoined { .. } => "agent_joined",
            HandoverEvent::AgentLeft { .. } => "agent_left",
            HandoverEvent::AgentMessage { .. } => "agent_message",
            HandoverEvent::AgentTyping { .. } => "agent_typing",
            HandoverEvent::Ended { .. } => "ended",
            HandoverEvent::Failed { .. } => "failed",
            HandoverEvent::Notice { .. } => "notice",
            _ => "other",
        })
        .collect()
}

pub fn provider_of(bed: &Bed) -> &dyn HandoverProvider {
    &bed.provider
}

/// A request for `conversation` with a user message and a profile named after it.
pub fn request(conversation: &str) -> HandoverRequest {
    HandoverRequest::new(conversation, ContactProfile::new(format!("user-{conversation}")))
        .message("A human please")
}

/// Polls the provider until the status of `conversation` satisfies `what` (30 s at most: a
/// busy 2-core machine running every test binary at once can take seconds).
pub async fn wait_for_status(
    provider: &EngageHandover,
    conversation: &str,
    what: impl Fn(&HandoverStatus) -> bool,
) -> HandoverStatus {
    for _ in 0..3000 {
        if let Some(status) = provider.status(&conversation.into()).await.unwrap() {
            if what(&status) {
                return status;
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("status never matched for {conversation}");
}

/// POSTs `body`, signed with the source's realtime token as Engage signs, to the provider's SDK
/// endpoint; returns the status and the JSON answer.
pub async fn post_sdk(bed: &Bed, body: &[u8]) -> (u16, serde_json::Value) {
    post_sdk_signed_with(bed, body, bed.sim.realtime_token().expose()).await
}

/// Like [`post_sdk`], signed with `key`; the answer is `null` when it is not JSON.
pub async fn post_sdk_signed_with(bed: &Bed, body: &[u8], key: &str) -> (u16, serde_json::Value) {
    let response = reqwest::Client::new()
        .post(format!("http://{}/engage/sdk", bed.addr))
        .header(
            ringcentral_engage::sdk::signature::SIGNATURE_HEADER,
            ringcentral_engage::sdk::signature::sign(&Secret::new(key), body),
        )
        .body(body.to_vec())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

/// POSTs a webhook delivery with the right secret to the provider; returns the status.
pub async fn post_webhook(bed: &Bed, delivery: &serde_json::Value) -> u16 {
    let response = reqwest::Client::new()
        .post(format!("http://{}/engage/webhook", bed.addr))
        .header("X-Dimelo-Secret", SECRET)
        .json(delivery)
        .send()
        .await
        .unwrap();
    response.status().as_u16()
}

/// Waits (5 s at most) until the service acknowledged a webhook event of type `event_type`.
/// `task.taken` already makes a handover active before `intervention.assigned` arrives: a test
/// acting on the session waits for that one so it does not race the webhooks in flight.
pub async fn event_delivered(sim: &SimHandle, event_type: &str) {
    sim.inspect()
        .wait_for(
            |s| s.delivered_event_types().iter().any(|t| t == event_type),
            Duration::from_secs(5),
        )
        .await
        .unwrap();
}

/// A configuration without the simulator, its REST API at `engage` (`http://host:port`):
/// no timeouts, retries or rate limiter (tests on tokio's paused clock measure the provider's
/// own pacing), and no reconciliation unless the test turns it on.
pub fn offline(engage: &str) -> EngageConfigBuilder {
    let client = Client::builder()
        .base_url(format!("{engage}/1.0"))
        .access_token("token")
        .http_client(reqwest::Client::new())
        .retry_policy(RetryPolicy::none())
        .no_rate_limiter()
        .build()
        .unwrap();
    EngageConfig::builder()
        .client(client)
        .source_id("source")
        .realtime_url(format!("{engage}/realtime/sdk/source"))
        .realtime_token("realtime-token")
        .bot_category("bot")
        .agent_category("agent")
        .webhook(WebhookConfig::new(VERIFY, SECRET))
        .no_reconcile()
}

/// Saves the session a start leaves: `conversation` queued in Engage thread `thread`, started
/// now.
pub async fn seed_queued(store: &MemorySessionStore, conversation: &str, thread: &str) {
    let at = time::OffsetDateTime::now_utc();
    let author = User::new("u", "User", at, at).unwrap();
    let mut session = Session::new(conversation.into(), HandoverId::new("h1"), author);
    session.status = HandoverStatus::Queued {
        position: Some(1),
        estimated_wait_secs: Some(60),
    };
    session.thread_id = Some(thread.into());
    session.started_at = at;
    store.save(&session).await.unwrap();
}
