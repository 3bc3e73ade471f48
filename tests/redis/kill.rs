//! A replica killed in the middle of its work: what it acknowledged or wrote is neither lost
//! nor repeated, and the survivor takes over its timers.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ringcentral_engage::handover::backend::Backend;
use ringcentral_engage::handover::{
    ConversationId, EngageHandover, HandoverEvent, HandoverProvider, HandoverUpdate, UserMessage,
};
use ringcentral_engage::sim::{Faults, SimAgent};

use crate::crash::{Crash, Dying, Loads};
use crate::replicas::{backend, calls_go_to, post_signed, replica, replica_config, until_end};
use crate::round_robin::balance;
use crate::server::redis_server;
use crate::support::{request, sim};

/// The runner's lease (`handover::engage` timers) plus the backend's poll interval: the
/// documented time within which the survivor takes a dead replica's timers over.
const TAKEOVER: Duration = Duration::from_millis(10_000 + 50);

fn agent_messages(updates: &[HandoverUpdate]) -> Vec<&str> {
    updates
        .iter()
        .filter_map(|u| match &u.event {
            HandoverEvent::AgentMessage { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// Engage posts an agent's reply to a replica that dies before each of the writes the reply
/// makes in turn (and, last, one that does not die); Engage gets no answer and posts it again
/// to the survivor. Whatever the moment, the reply is announced exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_agent_reply_is_relayed_once_whenever_its_replica_dies() {
    let Some(redis) = redis_server() else { return };
    let sim = sim()
        .agent(SimAgent::new("Alice").available(false))
        .queue_update_interval(Duration::from_secs(1_000_000))
        .start()
        .await
        .unwrap();
    let survivor = replica(&sim, &redis, true).await;
    let mut lived = false;
    for writes in 0..20 {
        let conversation = format!("killed-at-{writes}");
        survivor.start(request(&conversation)).await.unwrap();
        let crash = Crash::before_write(writes);
        let dying = EngageHandover::with_backend(
            replica_config(&sim, true),
            Dying::new(backend(&redis).await, Arc::clone(&crash)),
        );
        let reply = |retry: bool| {
            format!(
                r#"{{"action":"messages.create","params":{{"content_id":"c-{writes}","thread_id":"{conversation}","body":"Still there?","sender_name":"Alice","retry":{retry}}}}}"#
            )
        };
        match tokio::time::timeout(
            Duration::from_secs(5),
            post_signed(&dying, &sim, reply(false).as_bytes()),
        )
        .await
        {
            Ok(status) => {
                assert_eq!(status, 200);
                lived = !crash.is_dead();
            }
            Err(_) => assert!(crash.is_dead(), "no answer, yet alive"),
        }
        drop(dying);
        // Engage had no answer (or had one: a retry is always allowed); it posts again.
        assert_eq!(post_signed(&survivor, &sim, reply(true).as_bytes()).await, 200);
        let updates = survivor
            .events_since(&conversation.as_str().into(), 0)
            .await
            .unwrap();
        assert_eq!(
            agent_messages(&updates),
            ["Still there?"],
            "killed before write {writes}"
        );
        if lived {
            break;
        }
    }
    assert!(lived, "the reply never completed without a crash");
}

/// An agent conversation whose replica dies while it holds the conversation's lease (it is
/// retrying a user message its Send API did not take): the survivor takes the timers over
/// within the lease, delivers the user's messages once each and in order, relays every agent
/// reply once, and announces the end once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_replica_killed_during_an_agent_conversation_is_taken_over() {
    let Some(redis) = redis_server() else { return };
    // Alice answers every 4 s (real time), three times, then closes.
    let sim = sim()
        .agent(
            SimAgent::new("Alice")
                .think_time(Duration::from_secs(2_000))
                .replies(["a1", "a2", "a3"]),
        )
        .start()
        .await
        .unwrap();
    let crash = Crash::holding_a_lease();
    let doomed = EngageHandover::with_backend(
        replica_config(&sim, true),
        Dying::new(backend(&redis).await, Arc::clone(&crash)),
    );
    let survivor = replica(&sim, &redis, true).await;
    let mut events = survivor.events();
    // Until the kill, Engage reaches only the doomed replica, so it alone runs timers and
    // holds the leases; then only the survivor.
    let up = vec![Arc::new(AtomicBool::new(true)), Arc::new(AtomicBool::new(false))];
    let addr = balance(vec![doomed.clone(), survivor.clone()], up.clone()).await;
    calls_go_to(&sim, addr).await;

    doomed.start(request("kept")).await.unwrap();
    let mut seen = Vec::new();
    while !seen
        .iter()
        .any(|u: &HandoverUpdate| matches!(u.event, HandoverEvent::AgentJoined { .. }))
    {
        let update = tokio::time::timeout(Duration::from_secs(20), events.next())
            .await
            .expect("the agent never joined")
            .unwrap();
        if update.conversation_id.as_str() == "kept" {
            seen.push(update);
        }
    }
    // The user writes while the Send API refuses; the doomed replica's runner takes the
    // retry's lease and dies holding it.
    sim.set_faults(Faults::default().send_api_failure_rate(1.0));
    let receipt = doomed
        .send_message(&"kept".into(), UserMessage::text("u1", "first from the user"))
        .await
        .unwrap();
    assert!(!receipt.delivered);
    let deadline = Instant::now() + Duration::from_secs(10);
    while !crash.is_dead() {
        assert!(
            Instant::now() < deadline,
            "the doomed replica never took the lease"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let killed_at = Instant::now();
    up[0].store(false, Ordering::SeqCst);
    up[1].store(true, Ordering::SeqCst);
    drop(doomed);
    sim.set_faults(Faults::default());

    // The user goes on through the survivor: queued behind the first one, in order.
    let receipt = survivor
        .send_message(&"kept".into(), UserMessage::text("u2", "second from the user"))
        .await
        .unwrap();
    assert!(!receipt.delivered && !receipt.duplicate, "{receipt:?}");
    let inspect = sim.inspect();
    let bodies = move |s: &ringcentral_engage::sim::SimState| -> Vec<String> {
        s.contents()
            .iter()
            .map(|c| c.body.clone())
            .filter(|b| b.ends_with("from the user"))
            .collect()
    };
    inspect
        .wait_for(|s| bodies(s).len() >= 2, TAKEOVER + Duration::from_secs(5))
        .await
        .expect("the survivor never delivered the user's messages");
    let took_over = killed_at.elapsed();
    assert!(
        took_over <= TAKEOVER + Duration::from_secs(2),
        "took over after {took_over:?}"
    );

    seen.extend(until_end(&mut events, "kept").await);
    // Nothing missed, nothing twice, in order.
    let ids: Vec<u64> = seen.iter().map(|u| u.event_id).collect();
    assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>());
    assert_eq!(agent_messages(&seen), ["a1", "a2", "a3"]);
    let ended = seen
        .iter()
        .filter(|u| matches!(u.event, HandoverEvent::Ended { .. }))
        .count();
    assert_eq!(ended, 1);
    // A moment later: still no second end, and each user line reached Engage once, in order.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let replay = survivor.events_since(&"kept".into(), 0).await.unwrap();
    assert_eq!(replay.len(), seen.len());
    assert_eq!(
        inspect.read(bodies),
        ["first from the user", "second from the user"]
    );
}

/// Hundreds of conversations due at once (handovers opened in a burst come due in a burst) are
/// ticked a bounded number at a time, not all at once, and every one of them is ticked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timers_due_together_are_worked_through_a_bounded_number_at_a_time() {
    let Some(redis) = redis_server() else { return };
    let sim = sim().start().await.unwrap();
    let loads = Loads::new(Duration::from_millis(20));
    let backend =
        Dying::new(backend(&redis).await, Crash::before_write(usize::MAX)).slow_loads(Arc::clone(&loads));
    let due = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap();
    for n in 0..300 {
        let conversation = ConversationId::new(format!("burst-{n}"));
        backend.schedule(&conversation, due).await.unwrap();
    }
    let replica = EngageHandover::with_backend(replica_config(&sim, true), backend);
    replica.resume_all().await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while loads.done.load(Ordering::SeqCst) < 300 {
        assert!(
            Instant::now() < deadline,
            "only {} ticked",
            loads.done.load(Ordering::SeqCst)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let max = loads.max.load(Ordering::SeqCst);
    assert!((2..=64).contains(&max), "{max} ticks at once");
}
