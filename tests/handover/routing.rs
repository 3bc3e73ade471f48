//! Engage's routing signals (`task.*` webhooks) as typed events: the agent's real acceptance,
//! a transfer, a routing step running out, the undelivered queue.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::*;
use ringcentral_engage::handover::{AcceptMode, HandoverEvent, HandoverProvider, HandoverStatus};
use ringcentral_engage::sim::SimAgent;

/// The events of `conversation` until `last` keeps one (included), within 5 s.
async fn events_until(
    bed: &mut Bed,
    conversation: &str,
    last: impl Fn(&HandoverEvent) -> bool,
) -> Vec<HandoverEvent> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    let mut seen = Vec::new();
    loop {
        let update = tokio::time::timeout_at(deadline, futures_util::StreamExt::next(&mut bed.events))
            .await
            .unwrap_or_else(|_| panic!("not within 5 s; saw {seen:#?}"))
            .unwrap();
        if update.conversation_id.as_str() == conversation {
            let done = last(&update.event);
            seen.push(update.event);
            if done {
                return seen;
            }
        }
    }
}

#[tokio::test]
async fn acceptance_and_transfer_are_typed_and_reported_once() {
    let sim = sim()
        .agent(SimAgent::new("Alice").keep_open())
        .agent(SimAgent::new("Bob").keep_open());
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("routing")).await.unwrap();
    let seen = events_until(&mut bed, "routing", |e| {
        matches!(e, HandoverEvent::AgentJoined { .. })
    })
    .await;
    // `task.taken` comes first: the agent accepted a ringing task, and joins once.
    let accepted: Vec<_> = seen
        .iter()
        .filter_map(|e| match e {
            HandoverEvent::AgentAccepted { agent, mode } => Some((agent.display_name.clone(), *mode)),
            _ => None,
        })
        .collect();
    assert_eq!(accepted, [("Alice".to_owned(), Some(AcceptMode::Ringing))]);
    let HandoverStatus::Active { agent: alice } = wait_for_status(&bed.provider, "routing", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await
    else {
        unreachable!()
    };
    assert_eq!(alice.display_name, "Alice");

    // Alice transfers it to Bob: one `AgentChanged` with Bob's name, then nothing about the
    // `intervention.user_updated` that follows (the same change).
    assert!(bed.sim.transfer_task("routing", "Bob"));
    let seen = events_until(&mut bed, "routing", |e| {
        matches!(e, HandoverEvent::AgentChanged { .. })
    })
    .await;
    let Some(HandoverEvent::AgentChanged { previous, agent: bob }) = seen.last().cloned() else {
        unreachable!()
    };
    assert_eq!(previous, Some(alice));
    assert_eq!(bob.display_name, "Bob");
    assert!(
        !seen.iter().any(|e| matches!(
            e,
            HandoverEvent::AgentJoined { .. } | HandoverEvent::AgentLeft { .. }
        )),
        "{seen:#?}"
    );
    // The webhook of the intervention's new owner is delivered too, and changes nothing.
    event_delivered(&bed.sim, "intervention.user_updated").await;
    let status = bed.provider.status(&"routing".into()).await.unwrap();
    assert!(matches!(status, Some(HandoverStatus::Active { agent }) if agent == bob));

    // Bob closes: the handover ends; `task.completed` after the end is not relayed.
    bed.provider
        .end(&"routing".into(), ringcentral_engage::handover::EndedBy::User)
        .await
        .unwrap();
    let rest = until_end(&mut bed.events, "routing", Duration::from_secs(5)).await;
    assert!(
        !rest.iter().any(|e| matches!(
            e,
            HandoverEvent::AgentChanged { .. }
                | HandoverEvent::AgentLeft { .. }
                | HandoverEvent::AgentJoined { .. }
        )),
        "{rest:#?}"
    );
}

#[tokio::test]
async fn a_waiting_conversation_hears_when_routing_moves_on_or_gives_up() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("routing-wait")).await.unwrap();
    wait_for_status(&bed.provider, "routing-wait", |s| {
        matches!(s, HandoverStatus::Queued { .. })
    })
    .await;
    bed.sim
        .inspect()
        .wait_for(
            |s| {
                s.thread_by_foreign_id("routing-wait")
                    .and_then(|t| s.queue_position(&t.id))
                    .is_some()
            },
            Duration::from_secs(5),
        )
        .await
        .unwrap();

    assert!(bed.sim.expire_task_step("routing-wait"));
    events_until(&mut bed, "routing-wait", |e| {
        matches!(e, HandoverEvent::RoutingStepExpired)
    })
    .await;
    assert!(bed.sim.undeliver_task("routing-wait"));
    events_until(&mut bed, "routing-wait", |e| {
        matches!(e, HandoverEvent::Undelivered)
    })
    .await;
    // Still open: a supervisor may assign it, or the bot cancels.
    let status = bed
        .provider
        .status(&"routing-wait".into())
        .await
        .unwrap()
        .unwrap();
    assert!(!status.is_finished(), "{status:?}");
    // Nothing is waiting any more: the simulator has no task to expire or undeliver.
    assert!(!bed.sim.expire_task_step("routing-wait"));
    assert!(!bed.sim.undeliver_task("routing-wait"));
}
