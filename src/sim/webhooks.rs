//! Webhook events like Engage's: the validation GET, `X-Dimelo-Secret`, one envelope per
//! delivery, retries with growing waits, and injected duplicates and reordering.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};
use tokio::sync::mpsc;

use super::clock::now;
use super::config::WebhookTarget;
use super::records::{InterventionRecord, TaskRecord, ThreadRecord, ValidationRecord, WebhookRecord};
use super::shared::Shared;
use super::state::{push_bounded, SimState};
use crate::models::{DomainId, EventId, UserId};
use crate::webhook::events::{
    ContentMetadata, Envelope, Event, EventData, InterventionMetadata, Resource, TaskCompletionAction,
    TaskMetadata, TaskTakeMode,
};

/// The header carrying the webhook secret.
pub const SECRET_HEADER: &str = "X-Dimelo-Secret";

/// One envelope to deliver, as its JSON.
#[derive(Debug, Clone)]
pub(crate) struct Delivery {
    envelope: Value,
}

/// An event built from the crate's own webhook model, so that what the simulator sends and
/// what [`Event`] decodes cannot drift apart.
fn event<M: Serialize>(
    s: &mut SimState,
    kind: &str,
    user_id: Option<&UserId>,
    resource: (&str, String, M),
    action: Option<TaskCompletionAction>,
) -> Event {
    let (resource_type, id, metadata) = resource;
    let data = EventData {
        event_type: kind.to_owned(),
        id: EventId::new(s.next_id()),
        issued_at: now(),
        user_id: user_id.cloned(),
        action,
        resource: Resource {
            resource_type: resource_type.to_owned(),
            id,
            metadata,
            extra: Map::new(),
        },
        extra: Map::new(),
    };
    // The typed variant comes from the event type; a model that serializes always decodes.
    Event::from_value(serde_json::to_value(data).unwrap_or_default())
}

/// `intervention.*` event.
pub(crate) fn intervention_event(
    s: &mut SimState,
    kind: &str,
    i: &InterventionRecord,
    by: Option<&UserId>,
) -> Event {
    let metadata = InterventionMetadata {
        source_id: Some(s.source.id.clone()),
        thread_id: Some(i.thread_id.clone()),
        user_id: Some(i.user_id.clone()),
        identity_id: Some(i.identity_id.clone()),
        category_ids: i.category_ids.clone(),
        closed_at: i.closed_at,
        ..InterventionMetadata::default()
    };
    event(s, kind, by, ("intervention", i.id.to_string(), metadata), None)
}

/// `task.*` event.
pub(crate) fn task_event(
    s: &mut SimState,
    kind: &str,
    t: &TaskRecord,
    action: Option<TaskCompletionAction>,
) -> Event {
    let identity_id = t
        .thread_id
        .as_ref()
        .and_then(|th| s.last_inbound(th))
        .map(|c| c.identity_id.clone());
    let metadata = TaskMetadata {
        created_at: Some(t.created_at),
        channel_id: Some(s.source.channel_id.clone()),
        source_id: Some(s.source.id.clone()),
        priority: Some(0.0),
        content_id: t.content_id.clone(),
        intervention_id: t.intervention_id.clone(),
        agent_ids: t.agent_id.iter().cloned().collect(),
        identity_id,
        action: action.clone(),
        queue: Some(if t.agent_id.is_some() { "workbin" } else { "queue" }.to_owned()),
        thread_id: t.thread_id.clone(),
        take_mode: (kind == "task.taken").then_some(TaskTakeMode::Ring),
        language: Some("en".to_owned()),
        segment_index: Some(1),
        ..TaskMetadata::default()
    };
    event(
        s,
        kind,
        t.agent_id.as_ref(),
        ("task", t.id.to_string(), metadata),
        action,
    )
}

/// `content.thread_closed` / `content.thread_opened` event.
pub(crate) fn thread_event(s: &mut SimState, kind: &str, t: &ThreadRecord, by: &UserId) -> Event {
    let metadata = ContentMetadata {
        source_id: Some(t.source_id.clone()),
        thread_id: Some(t.id.clone()),
        ..ContentMetadata::default()
    };
    event(
        s,
        kind,
        Some(by),
        ("content_thread", t.id.to_string(), metadata),
        None,
    )
}

/// Queues `events` for delivery, one envelope per event, in order. Nothing is sent when no
/// validated webhook is set.
pub(crate) fn emit(shared: &Shared, events: Vec<Event>) {
    if events.is_empty() || shared.active_webhook().is_none() {
        return;
    }
    let envelopes: Vec<Envelope> = shared.with(|s| {
        events
            .into_iter()
            .map(|e| Envelope {
                id: Some(s.next_id()),
                domain_id: Some(DomainId::new(s.domain_id.clone())),
                events: vec![e],
                extra: Map::new(),
            })
            .collect()
    });
    for envelope in envelopes {
        let envelope = serde_json::to_value(envelope).unwrap_or_default();
        let _ = shared.webhook_tx.send(Delivery { envelope });
    }
}

/// Delivers envelopes one after the other, holding one back when reordering is injected.
pub(crate) async fn worker(shared: Arc<Shared>, mut rx: mpsc::UnboundedReceiver<Delivery>) {
    let mut held: Option<Delivery> = None;
    loop {
        let next = if held.is_some() {
            // Wait a little for a later delivery to overtake the held one.
            let wait = shared
                .clock
                .real(Duration::from_secs(5))
                .max(Duration::from_millis(20));
            match tokio::time::timeout(wait, rx.recv()).await {
                Ok(Some(d)) => Some(d),
                Ok(None) => return,
                Err(_) => None,
            }
        } else {
            match rx.recv().await {
                Some(d) => Some(d),
                None => return,
            }
        };
        match next {
            Some(d) => {
                let reorder = held.is_none() && shared.with(|s| s.chance(s.faults.webhook_reorder));
                if reorder {
                    held = Some(d);
                    continue;
                }
                deliver(&shared, d).await;
                if let Some(h) = held.take() {
                    deliver(&shared, h).await;
                }
            }
            None => {
                if let Some(h) = held.take() {
                    deliver(&shared, h).await;
                }
            }
        }
    }
}

async fn deliver(shared: &Arc<Shared>, d: Delivery) {
    if shared.read(|s| s.faults.drop_webhooks) {
        return;
    }
    if attempt(shared, &d, 1, false).await {
        if shared.with(|s| s.chance(s.faults.webhook_duplicates)) {
            attempt(shared, &d, 1, true).await;
        }
        return;
    }
    // Retry later without blocking the deliveries behind this one.
    let shared2 = Arc::clone(shared);
    shared.spawn(async move {
        let delays = shared2.config.webhook_retry_delays.clone();
        for (n, delay) in delays.into_iter().enumerate() {
            shared2.clock.sleep(delay).await;
            if attempt(&shared2, &d, n as u32 + 2, false).await {
                return;
            }
        }
    });
}

/// One POST of an envelope; `true` when the service answered 200.
async fn attempt(shared: &Shared, d: &Delivery, attempt: u32, duplicate: bool) -> bool {
    let Some(target) = shared.active_webhook() else {
        return false;
    };
    let mut record = WebhookRecord::new(&d.envelope, attempt, duplicate, now());
    if shared.with(|s| s.chance(s.faults.outbound_failure_rate)) {
        record.error = Some("injected outbound failure".into());
    } else {
        let mut req = shared.http.post(&target.url).json(&d.envelope);
        if !target.secret.is_empty() {
            req = req.header(SECRET_HEADER, target.secret.expose());
        }
        match req.send().await {
            Ok(resp) => record.status = Some(resp.status().as_u16()),
            Err(e) => record.error = Some(e.to_string()),
        }
    }
    let ok = record.status == Some(200);
    shared.with(|s| push_bounded(&mut s.webhooks, s.record_limit, record));
    ok
}

/// Sends the validation GET to `target`; `true` when it echoed the challenge.
pub(crate) async fn validate(shared: &Shared, target: &WebhookTarget) -> bool {
    let challenge = shared.with(|s| s.random_hex(16));
    let mut req = shared
        .http
        .get(&target.url)
        .header(http::header::CONTENT_TYPE, "application/json")
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.challenge", challenge.as_str()),
            ("hub.verify_token", target.verify_token.expose()),
        ]);
    if !target.secret.is_empty() {
        req = req.header(SECRET_HEADER, target.secret.expose());
    }
    let (status, body) = match req.send().await {
        Ok(resp) => {
            let status = resp.status().as_u16();
            (Some(status), resp.text().await.ok())
        }
        Err(_) => (None, None),
    };
    let matched = status == Some(200) && body.as_deref().map(str::trim) == Some(challenge.as_str());
    shared.with(|s| {
        if !matched {
            s.protocol_error("webhook validation", format!("status {status:?}, body {body:?}"));
        }
        push_bounded(
            &mut s.validations,
            s.record_limit,
            ValidationRecord {
                url: target.url.clone(),
                challenge,
                status,
                body,
                matched,
            },
        )
    });
    matched
}
