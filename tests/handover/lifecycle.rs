//! Starting again and the edges of a handover's life: a second handover of the same
//! conversation, a start cut short by a restart, Engage traffic for threads without handover,
//! provider events passed on raw, and closing a conversation that is over.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::*;
use futures_util::StreamExt;
use ringcentral_engage::handover::{
    AfterEnd, EndReason, EndedBy, EngageHandover, HandoverEvent, HandoverProvider, HandoverStatus, Priority,
    Routing, Speaker, TranscriptEntry,
};
use ringcentral_engage::sim::SimAgent;

const ENDED: Duration = Duration::from_secs(10);

#[tokio::test]
async fn a_conversation_is_handed_over_again_after_its_handover_ended() {
    let sim = sim().agent(SimAgent::new("Alice").replies(["Done here"]));
    let mut bed = start(sim, |c| c).await;
    let first = bed.provider.start(request("again")).await.unwrap();
    let events = until_end(&mut bed.events, "again", ENDED).await;
    // Engage's routing traffic about the thread comes through whole.
    assert!(
        events
            .iter()
            .any(|e| matches!(e, HandoverEvent::Raw { kind, payload } if kind == "task.created" && payload["type"] == "task.created")),
        "{events:#?}"
    );

    // Without a key, a start after the end is a new handover.
    let second = bed.provider.start(request("again")).await.unwrap();
    assert!(!second.existing);
    assert_ne!(second.handover_id, first.handover_id);
    let events = until_end(&mut bed.events, "again", ENDED).await;
    assert!(matches!(
        events.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::AgentClosed,
            ..
        })
    ));

    // With a key: the same start made again while the handover is live returns it; after the
    // end, it opens a new handover (the key of an ended handover does not bring it back).
    let keyed = bed
        .provider
        .start(request("again").idempotency_key("ask-3"))
        .await
        .unwrap();
    assert!(!keyed.existing);
    let retried = bed
        .provider
        .start(request("again").idempotency_key("ask-3"))
        .await
        .unwrap();
    assert!(retried.existing);
    assert_eq!(retried.handover_id, keyed.handover_id);
    until_end(&mut bed.events, "again", ENDED).await;
    let reused = bed
        .provider
        .start(request("again").idempotency_key("ask-3"))
        .await
        .unwrap();
    assert!(!reused.existing);
    assert_ne!(reused.handover_id, keyed.handover_id);
    assert!(!reused.status.is_finished(), "{:?}", reused.status);
    until_end(&mut bed.events, "again", ENDED).await;
}

#[tokio::test]
async fn a_start_cut_short_by_a_restart_is_reported_and_runs_again_without_duplicates() {
    // No agent and no periodic queue update: nothing but the test touches the session.
    let sim = sim()
        .agent(SimAgent::new("Alice").available(false))
        .queue_update_interval(Duration::from_secs(1_000_000));
    let bed = start(sim, |c| c).await;
    let ask = || {
        request("cut").transcript([
            TranscriptEntry::new(Speaker::User, "Hi"),
            TranscriptEntry::new(Speaker::Bot, "Hello! How can I help?"),
        ])
    };
    let first = bed.provider.start(ask()).await.unwrap();
    let stored = bed.sim.inspect().read(|s| s.contents().len());
    assert_eq!(stored, 3);
    // Engage's first queue notice has been handled.
    wait_for_status(&bed.provider, "cut", |s| {
        matches!(
            s,
            HandoverStatus::Queued {
                position: Some(_),
                ..
            }
        )
    })
    .await;
    // The process stopped in the middle of that start: the store still says `Requested`.
    let store = store_of(&bed);
    let mut session = store.load(&"cut".into()).await.unwrap().unwrap();
    session.status = HandoverStatus::Requested;
    store.save(&session).await.unwrap();

    // The new process takes Engage's traffic over, as after a real restart.
    let restarted = EngageHandover::with_store(config(&bed.sim).build().unwrap(), store);
    let mut events = restarted.events();
    bed.sim.serve_handover(&restarted).await.unwrap();
    assert_eq!(restarted.resume_all().await.unwrap(), 1);
    let status = restarted.status(&"cut".into()).await.unwrap();
    assert!(
        matches!(status, Some(HandoverStatus::Failed { retryable: true, .. })),
        "{status:?}"
    );
    assert_eq!(kinds(&until_end(&mut events, "cut", ENDED).await), ["failed"]);

    let again = restarted.start(ask()).await.unwrap();
    assert!(!again.existing);
    assert_eq!(again.handover_id, first.handover_id);
    assert!(matches!(again.status, HandoverStatus::Queued { .. }));
    // The same message ids again: Engage keeps one copy of each.
    assert_eq!(bed.sim.inspect().read(|s| s.contents().len()), stored);
}

#[tokio::test]
async fn engage_traffic_for_threads_without_handover_is_acknowledged_and_dropped() {
    let mut bed = start(sim(), |c| c).await;
    let actions: [&[u8]; 2] = [
        br#"{"action":"messages.create","params":{"content_id":"c-9","thread_id":"nobody-knows","body":"Hello?","sender_name":"Alice"}}"#,
        br#"{"action":"private_messages.create","params":{"content_id":"c-10","in_reply_to_id":"nobody:knows","body":"Hello?"}}"#,
    ];
    for body in actions {
        let (status, answer) = post_sdk(&bed, body).await;
        assert_eq!(status, 200);
        assert!(
            answer["id"].as_str().unwrap().starts_with("unrouted:"),
            "{answer}"
        );
    }
    let delivery = serde_json::json!({
        "id": "wh-1", "domain_id": "d",
        "events": [{
            "type": "intervention.opened", "id": "ev-1", "issued_at": "2026-11-21T10:00:00Z",
            "resource": {"type": "Intervention", "id": "i-1", "metadata": {"thread_id": "nobody-knows"}}
        }]
    });
    assert_eq!(post_webhook(&bed, &delivery).await, 200);
    let nothing = tokio::time::timeout(Duration::from_millis(200), bed.events.next()).await;
    assert!(nothing.is_err(), "{nothing:?}");
}

#[tokio::test]
async fn an_event_type_from_the_future_about_the_thread_comes_through_raw() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("future")).await.unwrap();
    let thread = store_of(&bed)
        .load(&"future".into())
        .await
        .unwrap()
        .unwrap()
        .thread_id
        .unwrap();
    let delivery = serde_json::json!({
        "id": "wh-future", "domain_id": "d",
        "events": [{
            "type": "thread.brand_new", "id": "ev-future", "issued_at": "2026-11-21T10:00:00Z",
            "resource": {"type": "Thread", "id": thread, "metadata": {"thread_id": thread, "mood": "sunny"}}
        }]
    });
    assert_eq!(post_webhook(&bed, &delivery).await, 200);
    let deadline = tokio::time::Instant::now() + ENDED;
    loop {
        let update = tokio::time::timeout_at(deadline, bed.events.next())
            .await
            .unwrap()
            .unwrap();
        if let HandoverEvent::Raw { kind, payload } = update.event {
            if kind == "thread.brand_new" {
                assert_eq!(update.conversation_id.as_str(), "future");
                assert_eq!(payload["resource"]["metadata"]["mood"], "sunny");
                break;
            }
        }
    }
}

#[tokio::test]
async fn ending_a_conversation_that_is_over_closes_the_engage_thread() {
    let sim = sim().agent(SimAgent::new("Alice").keep_open());
    let mut bed = start(sim, |c| c.after_end(AfterEnd::ConversationOver)).await;
    bed.provider.start(request("over")).await.unwrap();
    wait_for_status(&bed.provider, "over", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    bed.provider.end(&"over".into(), EndedBy::User).await.unwrap();
    let events = until_end(&mut bed.events, "over", ENDED).await;
    assert!(matches!(
        events.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::UserEnded,
            next: AfterEnd::ConversationOver
        })
    ));
    let closed = bed.sim.inspect().read(|s| {
        s.threads()
            .iter()
            .find(|t| t.foreign_id == "over")
            .map(|t| t.closed)
    });
    assert_eq!(closed, Some(true));
}

#[tokio::test]
async fn a_high_priority_handover_gets_the_priority_category() {
    let sim = sim()
        .agent(SimAgent::new("Alice").available(false))
        .category("Urgent");
    let sim = sim.start().await.unwrap();
    let urgent_category = sim.category_id("Urgent").unwrap();
    let bed = start_on(sim, |c| c.high_priority_category(urgent_category.clone())).await;
    let urgent = request("urgent-1").routing(Routing::default().priority(Priority::High));
    bed.provider.start(urgent).await.unwrap();
    bed.provider.start(request("normal-1")).await.unwrap();
    let categories = |foreign: &str| {
        bed.sim.inspect().read(|s| {
            let thread = s
                .threads()
                .iter()
                .find(|t| t.foreign_id == foreign)
                .cloned()
                .unwrap();
            thread
                .category_ids
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        })
    };
    let agent = bed.sim.agent_category_id().to_string();
    assert_eq!(
        categories("urgent-1"),
        [agent.clone(), urgent_category.to_string()]
    );
    assert_eq!(categories("normal-1"), [agent]);
}
