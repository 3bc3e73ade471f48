//! Deadlines of a handover (queue wait limit, user inactivity) live in the backend, not in a
//! process: the replica that armed one dies, and another replica on the same backend fires it,
//! exactly once. Under paused time: hours run instantly. No Engage is needed (the deadlines
//! chosen only emit events), so every provider points at an unreachable address.

use std::sync::Arc;
use std::time::Duration;

use crate::support::{offline, seed_queued};
use futures_util::StreamExt;
use ringcentral_engage::handover::{
    EngageConfig, EngageHandover, HandoverEvent, HandoverEvents, HandoverProvider, HandoverStatus,
    MemoryBackend, MemorySessionStore, QueueLimit, QueueThresholds, ThresholdAction, UserInactivity,
};

/// Nothing answers there.
const UNREACHABLE: &str = "http://127.0.0.1:1";

/// A replica that arms the deadlines of `conversation` (it resumes it) and dies: its runtime,
/// with every task it spawned, is dropped, as a killed process's would be.
fn arm_and_die(config: EngageConfig, backend: MemoryBackend, conversation: &'static str) {
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let doomed = EngageHandover::with_backend(config, backend);
            let status = doomed.resume(&conversation.into()).await.unwrap();
            assert!(matches!(status, Some(HandoverStatus::Queued { .. })));
        });
        drop(runtime);
    })
    .join()
    .unwrap();
}

/// The events of `conversation` that `keep` picks, over `span` of (paused) time.
async fn collect<T>(
    events: &mut HandoverEvents,
    conversation: &str,
    span: Duration,
    keep: impl Fn(HandoverEvent) -> Option<T>,
) -> Vec<T> {
    let deadline = tokio::time::Instant::now() + span;
    let mut kept = Vec::new();
    while let Ok(Some(update)) = tokio::time::timeout_at(deadline, events.next()).await {
        if update.conversation_id.as_str() == conversation {
            kept.extend(keep(update.event));
        }
    }
    kept
}

/// Two replicas run (already started, nothing to resume), a third one arms the deadlines of a
/// queued handover and dies; returns the providers that survive and their shared events.
async fn two_survivors(
    config: impl Fn() -> EngageConfig,
    conversation: &'static str,
) -> (Vec<EngageHandover>, HandoverEvents) {
    let store = Arc::new(MemorySessionStore::new());
    let backend = MemoryBackend::with_store(store.clone());
    let survivors: Vec<_> = (0..2)
        .map(|_| EngageHandover::with_backend(config(), backend.clone()))
        .collect();
    let events = survivors[0].events();
    for replica in &survivors {
        assert_eq!(replica.resume_all().await.unwrap(), 0);
    }
    seed_queued(&store, conversation, "th").await;
    arm_and_die(config(), backend.clone(), conversation);
    (survivors, events)
}

#[tokio::test(start_paused = true)]
async fn the_queue_wait_limit_survives_the_replica_that_armed_it_and_fires_once() {
    let limits = || QueueThresholds::new(ThresholdAction::Tell).max_wait(Duration::from_secs(15 * 60));
    let config = || offline(UNREACHABLE).queue_thresholds(limits()).build().unwrap();
    let (survivors, mut events) = two_survivors(config, "wait").await;
    let crossed = collect(
        &mut events,
        "wait",
        Duration::from_secs(3 * 3600),
        |event| match event {
            HandoverEvent::QueueThresholdExceeded {
                limit, waited_secs, ..
            } => Some((limit, waited_secs)),
            _ => None,
        },
    )
    .await;
    assert_eq!(crossed.len(), 1, "{crossed:?}");
    let (limit, waited) = crossed[0];
    assert_eq!(limit, QueueLimit::Waited);
    assert!((15 * 60..15 * 60 + 5).contains(&waited), "fired after {waited} s");
    drop(survivors);
}

#[tokio::test(start_paused = true)]
async fn user_inactivity_survives_the_replica_that_armed_it_and_fires_once_per_silence() {
    let config = || {
        offline(UNREACHABLE)
            .user_inactivity(UserInactivity::new().while_queued(Duration::from_secs(10 * 60)))
            .build()
            .unwrap()
    };
    let (survivors, mut events) = two_survivors(config, "quiet").await;
    let reported = collect(
        &mut events,
        "quiet",
        Duration::from_secs(3 * 3600),
        |event| match event {
            HandoverEvent::UserInactive {
                idle_secs,
                queued,
                ends,
            } => Some((idle_secs, queued, ends)),
            _ => None,
        },
    )
    .await;
    assert_eq!(reported.len(), 1, "once per silence: {reported:?}");
    let (idle, queued, ends) = reported[0];
    assert!(queued && !ends);
    assert!((600..605).contains(&idle), "fired after {idle} s");
    drop(survivors);
}
