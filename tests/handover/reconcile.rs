//! Reconciliation after an outage: webhooks lost for good, the service down while the agent
//! writes and closes; the handover still ends with every agent message relayed once, in order.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::*;
use ringcentral_engage::handover::{EndReason, EngageHandover, HandoverEvent, HandoverProvider};
use ringcentral_engage::sim::{Faults, InterventionStatus, SimAgent, SimHandle};

const REPLIES: [&str; 3] = ["One", "Two", "Three"];

/// Waits until the agent has closed every intervention the simulator opened.
async fn agent_closed(sim: &SimHandle) {
    for _ in 0..2000 {
        let closed = sim.inspect().read(|s| {
            let all = s.interventions();
            !all.is_empty() && all.iter().all(|i| i.status == InterventionStatus::Closed)
        });
        if closed {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("the agent never closed the intervention");
}

/// The agent's texts relayed, in order; the handover ended by the agent.
fn assert_relayed_once(events: &[HandoverEvent]) {
    let texts: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            HandoverEvent::AgentMessage { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, REPLIES, "{events:#?}");
    let joined = events
        .iter()
        .filter(|e| matches!(e, HandoverEvent::AgentJoined { .. }))
        .count();
    assert_eq!(joined, 1, "{events:#?}");
    assert!(
        matches!(
            events.last(),
            Some(HandoverEvent::Ended {
                reason: EndReason::AgentClosed,
                ..
            })
        ),
        "{events:#?}"
    );
}

#[tokio::test]
async fn webhooks_lost_while_the_agent_joins_writes_and_closes() {
    let sim = sim().agent(SimAgent::new("Alice").replies(REPLIES));
    let mut bed = start(sim, |c| c).await;
    bed.sim.set_faults(Faults::default().drop_webhooks(true));
    bed.provider.start(request("lost")).await.unwrap();
    agent_closed(&bed.sim).await;
    // Engage's `intervention.closed` never comes: only reconciling ends the handover.
    assert!(!bed
        .provider
        .status(&"lost".into())
        .await
        .unwrap()
        .unwrap()
        .is_finished());
    let before = bed.sim.inspect().read(|s| s.api_counts());
    assert_eq!(bed.provider.resume_all().await.unwrap(), 1);
    let after = bed.sim.inspect().read(|s| s.api_counts());
    let events = until_end(&mut bed.events, "lost", Duration::from_secs(5)).await;
    assert_relayed_once(&events);
    // The thread, its interventions, one page of contents; then the end moves the thread
    // back to the Bot category (one more call, not the reconciliation's).
    let calls = after.rest - before.rest;
    assert!(calls <= 5, "{calls} REST calls");
    eprintln!("REST calls for one reconciled handover (with its end): {calls}");
}

#[tokio::test]
async fn service_down_while_the_agent_writes_and_closes_then_resumed() {
    let sim = sim().agent(SimAgent::new("Alice").replies(REPLIES));
    let bed = start(sim, |c| c).await;
    bed.sim.set_faults(Faults::default().drop_webhooks(true));
    bed.provider.start(request("down")).await.unwrap();
    wait_for_status(&bed.provider, "down", |s| {
        matches!(s, ringcentral_engage::handover::HandoverStatus::Queued { .. })
    })
    .await;
    // The service goes down: the SDK endpoint no longer answers, the provider is dropped.
    bed.sim.set_sdk_endpoint("http://127.0.0.1:9/").await;
    let store = store_of(&bed);
    drop(bed.provider);
    agent_closed(&bed.sim).await;

    // A new process on the same store comes back; webhooks work again.
    bed.sim.set_faults(Faults::default());
    let restarted = EngageHandover::with_store(config(&bed.sim).build().unwrap(), store);
    let mut events = restarted.events();
    bed.sim.serve_handover(&restarted).await.unwrap();
    assert_eq!(restarted.resume_all().await.unwrap(), 1);
    let seen = until_end(&mut events, "down", Duration::from_secs(5)).await;
    assert_relayed_once(&seen);
    // Engage's late SDK re-deliveries of the same contents relay nothing more.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut late = Vec::new();
    while let Ok(Some(update)) = tokio::time::timeout(
        Duration::from_millis(50),
        futures_util::StreamExt::next(&mut events),
    )
    .await
    {
        late.push(update.event);
    }
    assert!(
        !late
            .iter()
            .any(|e| matches!(e, HandoverEvent::AgentMessage { .. })),
        "{late:#?}"
    );
}
