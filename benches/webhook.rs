//! Webhook throughput: decoding a 100-event delivery, deduplicating it, and the whole receiver
//! path (secret check, decode, order, dedup, hand-over). Reported as events per second.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use ringcentral_engage::models::EventId;
use ringcentral_engage::webhook::events::Envelope;
use ringcentral_engage::webhook::{
    handler_fn, DedupStore, MemoryDedupStore, WebhookBatch, WebhookConfig, WebhookReceiver,
};
use serde_json::{json, Value};

const BATCH: usize = 100;
static NEXT: AtomicU64 = AtomicU64::new(0);

/// A realistic mix: interventions, tasks and contents with their usual metadata; ids unique
/// across calls so deduplication sees new events.
fn batch() -> Vec<u8> {
    let base = NEXT.fetch_add(BATCH as u64, Ordering::Relaxed);
    let events: Vec<Value> = (0..BATCH as u64)
        .map(|i| {
            let id = format!("{:024x}", base + i);
            let issued_at = format!("2024-03-01T10:{:02}:{:02}.{:03}Z", (i / 60) % 60, i % 60, i);
            match i % 3 {
                0 => json!({"type": "intervention.assigned", "id": id, "issued_at": issued_at,
                    "user_id": "4f4f3a08a90ffb27ee000583",
                    "resource": {"type": "intervention", "id": "5464b5c04d61639684110000", "metadata": {
                        "custom_field_values": {"sample_field": null},
                        "category_ids": ["4f3951557aa58d1462017a8f", "50895dbea90ffb3c35001ace"],
                        "closed_at": null, "deferred_at": null,
                        "identity_id": "557f003c7765620fdc0002cc", "source_id": "56178fd27765625e06000a66",
                        "thread_id": "565739986b65795289000029", "user_id": "52fcf5157aa58dd768000006"}}}),
                1 => json!({"type": "task.taken", "id": id, "issued_at": issued_at,
                    "user_id": "52fcf5157aa58dd768000006",
                    "resource": {"type": "task", "id": "65e1a0000000000000000001", "metadata": {
                        "created_at": "2024-03-01T09:58:00Z", "channel_id": "5a0000000000000000000001",
                        "source_id": "56178fd27765625e06000a66", "priority": 1.0,
                        "content_id": "5950328814bf8abf7f79e3cb", "intervention_id": "5464b5c04d61639684110000",
                        "agent_ids": ["52fcf5157aa58dd768000006"], "identity_id": "557f003c7765620fdc0002cc",
                        "queue": "workbin", "thread_id": "565739986b65795289000029", "type": "ring",
                        "language": "en", "segment_index": 1}}}),
                _ => json!({"type": "content.imported", "id": id, "issued_at": issued_at,
                    "resource": {"type": "answers/private_message", "id": "5950328814bf8abf7f79e3cb", "metadata": {
                        "approval_required": false, "author_id": "536cbd9e7aa58d58f3000050",
                        "body": "Hello, I would like to talk to a human about my order please.",
                        "body_input_format": "text", "creator_id": null, "date": "2024-03-01",
                        "first_in_thread": false, "foreign_categories": [], "foreign_id": "1056855",
                        "has_attachment": false, "intervention_id": "541014eea90ffb3f600000ac",
                        "source_id": "4f97fbea7aa58d073900344f", "status": "new",
                        "thread_id": "541014e17aa58d8ccf000024", "thread_title": "Order",
                        "created_from": "synchronizer", "private": true}}}),
            }
        })
        .collect();
    serde_json::to_vec(
        &json!({"id": "bd13a9d9baa8c20cf93046cd", "domain_id": "48cc6703bdae1462ce06a555", "events": events}),
    )
    .unwrap()
}

fn benches(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("webhook");
    group.throughput(Throughput::Elements(BATCH as u64));

    let body = batch();
    group.bench_function("parse_100_events", |b| {
        b.iter(|| Envelope::parse(std::hint::black_box(&body)).unwrap())
    });

    // Ids are forgotten after two seconds so the store stays small during the run.
    let store = MemoryDedupStore::new(10_000_000, Duration::from_secs(2));
    group.bench_function("parse_and_dedup_100_events", |b| {
        b.to_async(&rt).iter_batched(
            batch,
            |body| {
                let store = &store;
                async move {
                    let envelope = Envelope::parse(&body).unwrap();
                    let ids: Vec<EventId> = envelope.events.iter().filter_map(|e| e.id().cloned()).collect();
                    let flags = store.claim(&ids).await.unwrap();
                    assert!(flags.iter().all(|f| *f));
                    store.commit(&ids).await.unwrap();
                    envelope
                }
            },
            BatchSize::SmallInput,
        )
    });

    let receiver = WebhookReceiver::new(
        WebhookConfig::new("token", "secret")
            .dedup_ttl(Duration::from_secs(2))
            .dedup_capacity(10_000_000),
        handler_fn(|batch: WebhookBatch| async move {
            std::hint::black_box(batch);
            Ok(())
        }),
    );
    group.bench_function("receiver_post_100_events", |b| {
        b.to_async(&rt).iter_batched(
            || {
                http::Request::post("/")
                    .header("X-Dimelo-Secret", "secret")
                    .body(bytes::Bytes::from(batch()))
                    .unwrap()
            },
            |request| {
                let receiver = &receiver;
                async move {
                    let response = receiver.handle(request).await;
                    assert_eq!(response.status(), 200);
                }
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(webhook, benches);
criterion_main!(webhook);
