//! Webhooks: validation, secret header, events of a handover, retries, duplicates, reordering.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::{message, send, Behaviour, FakeService};
use ringcentral_engage::sim::{
    EngageSimulator, EngageSimulatorBuilder, Faults, SimAgent, SimHandle, WebhookRecord,
};
use ringcentral_engage::webhook::events::Event;
use ringcentral_engage::Secret;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(5);

async fn start(behaviour: Behaviour, builder: EngageSimulatorBuilder) -> (FakeService, SimHandle) {
    let service = FakeService::start(behaviour).await;
    let sim = builder
        .agent(
            SimAgent::new("Alice")
                .replies(["Hi"])
                .think_time(Duration::from_secs(1)),
        )
        .time_scale(0.001)
        .start()
        .await
        .unwrap();
    service.set_key(sim.realtime_token());
    sim.set_sdk_endpoint(service.sdk_url()).await;
    let ok = sim
        .set_webhook(
            service.webhook_url(),
            Secret::new("s3cret"),
            Secret::new("verify-me"),
        )
        .await;
    assert!(ok);
    (service, sim)
}

async fn hand_over(sim: &SimHandle) {
    let http = reqwest::Client::new();
    send(
        &http,
        &sim.realtime_url(),
        &sim.realtime_token(),
        &message("m1", "conv", "u1", "help"),
    )
    .await;
    let id = sim
        .inspect()
        .read(|s| s.thread_by_foreign_id("conv").unwrap().id.clone());
    let url = format!(
        "{}/content_threads/{id}/update_categories?thread_category_ids[]={}",
        sim.api_url(),
        sim.agent_category_id()
    );
    http.put(url)
        .bearer_auth(sim.access_token().expose())
        .send()
        .await
        .unwrap();
}

fn event_types(service: &FakeService) -> Vec<String> {
    service.received(|r| {
        r.webhooks
            .iter()
            .flat_map(|(b, _)| b["events"].as_array().cloned().unwrap_or_default())
            .map(|e| e["type"].as_str().unwrap_or_default().to_owned())
            .collect()
    })
}

fn events(service: &FakeService) -> Vec<Value> {
    service.received(|r| {
        r.webhooks
            .iter()
            .flat_map(|(b, _)| b["events"].as_array().cloned().unwrap_or_default())
            .collect()
    })
}

/// Every event the simulator sends is built from the crate's own webhook model: it decodes
/// into its typed variant, serializes back to the very JSON sent, and carries what the
/// simulator knows (no field dropped on the way through the model, no `null` noise).
#[tokio::test]
async fn every_event_sent_is_the_crates_own_model() {
    let (service, sim) = start(Behaviour::default(), EngageSimulator::builder()).await;
    hand_over(&sim).await;
    service.wait(|r| r.webhooks.len() >= 6, WAIT).await;
    let thread = sim.inspect().threads()[0].clone();
    let http = reqwest::Client::new();
    let api = sim.api_url();
    let bearer = sim.access_token();
    http.put(format!("{api}/content_threads/{}/close", thread.id))
        .bearer_auth(bearer.expose())
        .send()
        .await
        .unwrap();
    http.get(format!("{api}/content_threads/{}/open", thread.id))
        .bearer_auth(bearer.expose())
        .send()
        .await
        .unwrap();
    service.wait(|r| r.webhooks.len() >= 8, WAIT).await;

    let (envelope, _) = service.received(|r| r.webhooks[0].clone());
    let decoded = ringcentral_engage::webhook::events::Envelope::from_value(envelope.clone()).unwrap();
    assert_eq!(
        serde_json::to_value(&decoded).unwrap(),
        envelope,
        "the envelope round-trips"
    );

    let all = events(&service);
    let kinds: Vec<&str> = all.iter().map(|e| e["type"].as_str().unwrap()).collect();
    for kind in [
        "task.created",
        "task.taken",
        "intervention.opened",
        "intervention.closed",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    assert!(kinds.contains(&"content.thread_closed") && kinds.contains(&"content.thread_opened"));
    for raw in &all {
        let event = Event::from_value(raw.clone());
        assert!(event.is_known(), "{raw}");
        assert_eq!(&serde_json::to_value(&event).unwrap(), raw, "round trip of {raw}");
        assert_eq!(event.thread_id(), Some(thread.id.clone()), "{raw}");
        let meta = &raw["resource"]["metadata"];
        for (key, value) in meta.as_object().unwrap() {
            let nullable = ["closed_at", "deferred_at"].contains(&key.as_str());
            assert!(!value.is_null() || nullable, "{key} is null in {raw}");
        }
        if let Some(task) = event.task() {
            let m = &task.resource.metadata;
            assert!(m.created_at.is_some() && m.channel_id.is_some() && m.source_id.is_some());
            assert!(m.content_id.is_some() && m.identity_id.is_some() && m.queue.is_some());
            assert_eq!(m.thread_id.as_ref(), Some(&thread.id));
        }
        if let Some(i) = event.intervention() {
            let m = &i.resource.metadata;
            assert!(m.user_id.is_some() && m.identity_id.is_some() && m.source_id.is_some());
            assert_eq!(m.category_ids, [sim.agent_category_id()]);
        }
    }
    let taken = all.iter().find(|e| e["type"] == "task.taken").unwrap();
    assert_eq!(taken["resource"]["metadata"]["type"], "ring");
    assert!(taken["user_id"].is_string());
}

#[tokio::test]
async fn validation_and_the_events_of_a_handover() {
    let (service, sim) = start(Behaviour::default(), EngageSimulator::builder()).await;
    let validation = &sim.inspect().validations()[0];
    assert!(validation.matched);
    let q = service.received(|r| r.validations[0].clone());
    assert!(q.contains(&("hub.mode".into(), "subscribe".into())));
    assert!(q.contains(&("hub.verify_token".into(), "verify-me".into())));
    assert!(q.contains(&("hub.challenge".into(), validation.challenge.clone())));

    hand_over(&sim).await;
    service.wait(|r| r.webhooks.len() >= 6, WAIT).await;
    assert_eq!(
        event_types(&service),
        [
            "task.created",
            "task.taken",
            "intervention.opened",
            "intervention.assigned",
            "intervention.closed",
            "task.completed"
        ]
    );
    assert!(service.received(|r| r
        .webhooks
        .iter()
        .all(|(_, secret)| secret.as_deref() == Some("s3cret"))));
    let (envelope, _) = service.received(|r| r.webhooks[2].clone());
    assert_eq!(envelope["domain_id"], json!(sim.domain_id()));
    assert!(envelope["id"].is_string());
    let opened = &envelope["events"][0];
    let thread = sim.inspect().threads()[0].clone();
    let agent = &sim.agents()[0];
    assert_eq!(opened["user_id"], json!(agent.user_id));
    assert!(opened["issued_at"].is_string() && opened["id"].is_string());
    assert_eq!(opened["resource"]["type"], "intervention");
    let meta = &opened["resource"]["metadata"];
    assert_eq!(meta["thread_id"], json!(thread.id), "the Engage thread id");
    assert_eq!(meta["source_id"], json!(sim.source_id()));
    assert_eq!(meta["user_id"], json!(agent.user_id));
    assert_eq!(meta["category_ids"], json!([sim.agent_category_id()]));
    assert!(meta["identity_id"].is_string());
    assert!(meta["closed_at"].is_null() && meta["deferred_at"].is_null());
    assert_eq!(meta["custom_field_values"], json!({}));
    let all = events(&service);
    assert!(all[4]["resource"]["metadata"]["closed_at"].is_string());
    assert_eq!(all[5]["action"], "closed");
}

#[tokio::test]
async fn a_wrong_verify_token_disables_delivery() {
    let service = FakeService::start(Behaviour::default()).await;
    let sim = EngageSimulator::builder().start().await.unwrap();
    assert!(
        !sim.set_webhook(service.webhook_url(), Secret::new(""), Secret::new("other"))
            .await
    );
    assert!(!sim.inspect().validations()[0].matched);
    assert_eq!(sim.inspect().protocol_errors().len(), 1);
    hand_over(&sim).await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(service.received(|r| r.webhooks.is_empty()));
}

#[tokio::test]
async fn retried_after_a_500() {
    let (service, sim) = start(
        Behaviour {
            fail_webhooks: 1,
            ..Default::default()
        },
        EngageSimulator::builder(),
    )
    .await;
    hand_over(&sim).await;
    sim.inspect()
        .wait_for(
            |s| {
                s.webhooks()
                    .iter()
                    .any(|w| w.attempt == 2 && w.status == Some(200))
            },
            WAIT,
        )
        .await
        .unwrap();
    let records = sim.inspect().webhooks();
    let first = &records[0];
    assert_eq!((first.status, first.attempt), (Some(500), 1));
    let retry = records.iter().find(|w| w.attempt == 2).unwrap();
    assert_eq!(retry.envelope_id, first.envelope_id, "same envelope, same ids");
    assert_eq!(retry.event_ids, first.event_ids);
    assert_eq!(retry.body(), first.body(), "the retry sends the same envelope");
    assert_eq!(first.body()["id"], first.envelope_id.as_str());
    let body = first.body();
    assert!(service.received(|r| r.webhooks.iter().any(|(envelope, _)| *envelope == body)));
    // Later events did not wait for the retry.
    assert!(records.iter().position(|w| w.attempt == 2).unwrap() > 1);
    let _ = service;
}

#[tokio::test]
async fn duplicates_when_asked() {
    let (service, sim) = start(
        Behaviour::default(),
        EngageSimulator::builder().faults(Faults::default().webhook_duplicates(1.0)),
    )
    .await;
    hand_over(&sim).await;
    service.wait(|r| r.webhooks.len() >= 12, WAIT).await;
    let ids: Vec<String> = events(&service)
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids[0], ids[1]);
    assert_eq!(ids[2], ids[3]);
    sim.inspect()
        .wait_for(|s| s.webhooks().iter().filter(|w| w.duplicate).count() >= 6, WAIT)
        .await
        .unwrap();
}

#[tokio::test]
async fn reordered_when_asked() {
    let (service, sim) = start(
        Behaviour::default(),
        EngageSimulator::builder().faults(Faults::default().webhook_reorder(1.0)),
    )
    .await;
    hand_over(&sim).await;
    service.wait(|r| r.webhooks.len() >= 6, WAIT).await;
    let types = event_types(&service);
    assert_eq!(types.len(), 6);
    assert_eq!(
        &types[..2],
        ["task.taken", "task.created"],
        "each held delivery goes after the next"
    );
    let mut sorted = types.clone();
    sorted.sort();
    let mut expected = vec![
        "task.created",
        "task.taken",
        "intervention.opened",
        "intervention.assigned",
        "intervention.closed",
        "task.completed",
    ];
    expected.sort();
    assert_eq!(sorted, expected);
}

#[tokio::test]
async fn outbound_failures_are_retried() {
    let (service, sim) = start(
        Behaviour::default(),
        EngageSimulator::builder()
            .seed(11)
            .faults(Faults::default().outbound_failure_rate(0.3)),
    )
    .await;
    hand_over(&sim).await;
    // Every event arrives despite dropped attempts: failures are retried like 500s.
    service.wait(|r| r.webhooks.len() >= 6, WAIT).await;
    let mut types = event_types(&service);
    types.sort();
    types.dedup();
    assert_eq!(types.len(), 6);
    let webhooks = sim.inspect().webhooks();
    assert!(webhooks
        .iter()
        .any(|w| w.error.as_deref() == Some("injected outbound failure")));
}

/// Attempts of the first envelope delivered, in order of attempt.
fn attempts_of_first_envelope(records: &[WebhookRecord]) -> Vec<WebhookRecord> {
    let Some(first) = records.first() else {
        return Vec::new();
    };
    let mut same: Vec<_> = records
        .iter()
        .filter(|w| w.envelope_id == first.envelope_id)
        .cloned()
        .collect();
    same.sort_by_key(|w| w.attempt);
    same
}

/// A simulator without agents (the hand-over only queues a task) whose webhook always fails.
async fn failing_webhook(builder: EngageSimulatorBuilder) -> (FakeService, SimHandle) {
    let service = FakeService::start(Behaviour {
        fail_webhooks: usize::MAX,
        ..Default::default()
    })
    .await;
    let sim = builder.start().await.unwrap();
    let hook = Secret::new("s3cret");
    assert!(
        sim.set_webhook(service.webhook_url(), hook, Secret::new("verify-me"))
            .await
    );
    hand_over(&sim).await;
    (service, sim)
}

#[tokio::test]
async fn retries_wait_longer_each_time_then_stop_after_five() {
    // The schedule of the webhook docs: 32 s, 4 min, 17 min, 52 min, 2 h, then nothing.
    const DOCUMENTED_SECS: [u64; 5] = [32, 240, 1020, 3120, 7200];
    const SCALE: f64 = 0.0002; // 2 h last 1.44 s; the whole schedule about 2.3 s
    let (service, sim) = failing_webhook(EngageSimulator::builder().time_scale(SCALE)).await;
    sim.inspect()
        .wait_for(
            |s| attempts_of_first_envelope(s.webhooks()).len() >= 6,
            Duration::from_secs(15),
        )
        .await
        .unwrap();
    let attempts = attempts_of_first_envelope(&sim.inspect().webhooks());
    let numbers: Vec<u32> = attempts.iter().map(|w| w.attempt).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(attempts.iter().all(|w| w.status == Some(500)));
    let gaps: Vec<Duration> = attempts
        .windows(2)
        .map(|w| (w[1].at - w[0].at).unsigned_abs())
        .collect();
    for (gap, secs) in gaps.iter().zip(DOCUMENTED_SECS) {
        // Wall-clock stamps around a monotonic sleep: allow a millisecond of skew.
        let planned = Duration::from_secs_f64(secs as f64 * SCALE);
        assert!(
            *gap + Duration::from_millis(1) >= planned,
            "waited {gap:?}, planned {planned:?}: {gaps:?}"
        );
    }
    assert!(gaps.windows(2).all(|w| w[0] < w[1]), "waits must grow: {gaps:?}");

    // After the fifth retry nothing more is sent: wait a little longer than the longest wait.
    tokio::time::sleep(Duration::from_secs_f64(7200.0 * SCALE) + Duration::from_millis(200)).await;
    assert_eq!(attempts_of_first_envelope(&sim.inspect().webhooks()).len(), 6);
    let id = attempts[0].envelope_id.clone();
    let received = service.received(|r| {
        r.webhooks
            .iter()
            .filter(|(b, _)| b["id"].as_str() == Some(id.as_str()))
            .count()
    });
    assert_eq!(received, 6, "the service saw the first try and five retries");
}

#[tokio::test]
async fn a_custom_retry_schedule_is_followed_and_ends() {
    let (_service, sim) = failing_webhook(
        EngageSimulator::builder()
            .time_scale(0.001)
            .webhook_retry_delays(vec![Duration::from_secs(10), Duration::from_secs(40)]),
    )
    .await;
    sim.inspect()
        .wait_for(|s| attempts_of_first_envelope(s.webhooks()).len() >= 3, WAIT)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(150)).await;
    let attempts = attempts_of_first_envelope(&sim.inspect().webhooks());
    assert_eq!(attempts.len(), 3, "one try, then one retry per configured wait");
    let gaps: Vec<Duration> = attempts
        .windows(2)
        .map(|w| (w[1].at - w[0].at).unsigned_abs())
        .collect();
    assert!(
        gaps[0] + Duration::from_millis(1) >= Duration::from_millis(10),
        "{gaps:?}"
    );
    assert!(
        gaps[1] + Duration::from_millis(1) >= Duration::from_millis(40),
        "{gaps:?}"
    );
}
