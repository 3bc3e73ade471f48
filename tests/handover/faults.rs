//! The Engage handover when things go wrong: flaky Send API, duplicated and reordered webhooks,
//! Engage's re-deliveries, cancellation, silent agents, no agent at all, a restart.
#![cfg(feature = "simulator")]

use std::sync::Arc;
use std::time::Duration;

use crate::support::*;
use ringcentral_engage::api::ChannelSelector;
use ringcentral_engage::handover::{
    EndReason, EndedBy, EngageHandover, HandoverError, HandoverEvent, HandoverProvider, HandoverStatus,
    NoShowAction, SessionStore, UserMessage,
};
use ringcentral_engage::sim::{Direction, Faults, SimAgent};

#[tokio::test]
async fn flaky_send_api_loses_and_duplicates_no_user_message() {
    let sim = sim()
        .agent(SimAgent::new("Alice").keep_open().replies(["Hello"]))
        .faults(Faults::default().send_api_failure_rate(0.3))
        .seed(11);
    let mut bed = start(sim, |c| c.retries(20, Duration::from_millis(5))).await;
    // The start itself may meet failures: the Send API client retries idempotent creates.
    bed.provider.start(request("flaky")).await.unwrap();
    wait_for_status(&bed.provider, "flaky", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    let conversation = "flaky".into();
    for n in 0..40 {
        let receipt = bed
            .provider
            .send_message(
                &conversation,
                UserMessage::text(n.to_string(), format!("msg {n}")),
            )
            .await
            .unwrap();
        assert!(!receipt.duplicate);
    }
    // Sending the same client ids again sends nothing new.
    for n in 0..5 {
        let again = bed
            .provider
            .send_message(&conversation, UserMessage::text(n.to_string(), "again"))
            .await
            .unwrap();
        assert!(again.duplicate);
    }
    let store = store_of(&bed);
    for _ in 0..1000 {
        if store
            .load(&conversation)
            .await
            .unwrap()
            .unwrap()
            .outbox
            .is_empty()
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        store
            .load(&conversation)
            .await
            .unwrap()
            .unwrap()
            .outbox
            .is_empty(),
        "outbox never drained"
    );
    let bodies: Vec<String> = bed.sim.inspect().read(|s| {
        let thread = s.thread_by_foreign_id("flaky").unwrap().id.clone();
        s.contents_in(&thread)
            .into_iter()
            .filter(|c| c.direction == Direction::Inbound && c.body.starts_with("msg "))
            .map(|c| c.body.clone())
            .collect()
    });
    let expected: Vec<String> = (0..40).map(|n| format!("msg {n}")).collect();
    assert_eq!(bodies, expected, "every message once, in order");
    let failures = bed
        .sim
        .inspect()
        .read(|s| s.send_api_calls().iter().filter(|c| c.status == 503).count());
    assert!(
        failures > 5,
        "the fault injection did fail some calls ({failures})"
    );
    bed.provider.end(&conversation, EndedBy::User).await.unwrap();
    let events = until_end(&mut bed.events, "flaky", Duration::from_secs(10)).await;
    assert!(matches!(
        events.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::UserEnded,
            ..
        })
    ));
}

#[tokio::test]
async fn engage_retries_of_an_agent_message_are_relayed_once() {
    let sim = sim().agent(SimAgent::new("Alice").keep_open().replies(["First"]));
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("retry")).await.unwrap();
    wait_for_status(&bed.provider, "retry", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    // Engage delivers the same content again with `retry: true`.
    let body = br#"{"action":"messages.create","params":{"content_id":"c-77","thread_id":"retry","body":"Are you there?","sender_name":"Alice","retry":false}}"#;
    let again = br#"{"action":"messages.create","params":{"content_id":"c-77","thread_id":"retry","body":"Are you there?","sender_name":"Alice","retry":true}}"#;
    let mut ids = Vec::new();
    for b in [&body[..], &again[..], &again[..]] {
        let (status, json) = post_sdk(&bed, b).await;
        assert_eq!(status, 200);
        ids.push(json["id"].as_str().unwrap().to_owned());
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    bed.provider.end(&"retry".into(), EndedBy::Bot).await.unwrap();
    let events = until_end(&mut bed.events, "retry", Duration::from_secs(10)).await;
    let relayed = events
        .iter()
        .filter(|e| matches!(e, HandoverEvent::AgentMessage { text, .. } if text == "Are you there?"))
        .count();
    assert_eq!(relayed, 1);
}

#[tokio::test]
async fn duplicated_and_reordered_webhooks_join_and_end_once() {
    let sim = sim()
        .agent(SimAgent::new("Alice").replies(["One", "Two"]))
        .faults(
            Faults::default()
                .webhook_duplicates(1.0)
                .webhook_reorder(0.5)
                .outbound_failure_rate(0.2),
        )
        .seed(3);
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("dupes")).await.unwrap();
    let events = until_end(&mut bed.events, "dupes", Duration::from_secs(20)).await;
    let kinds = kinds(&events);
    assert_eq!(
        kinds.iter().filter(|k| **k == "agent_joined").count(),
        1,
        "{kinds:?}"
    );
    assert_eq!(kinds.iter().filter(|k| **k == "ended").count(), 1, "{kinds:?}");
    let texts: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            HandoverEvent::AgentMessage { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["One", "Two"]);
    // Nothing more arrives for this conversation afterwards (late duplicates are dropped).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let status = bed.provider.status(&"dupes".into()).await.unwrap().unwrap();
    assert!(matches!(
        status,
        HandoverStatus::Ended {
            reason: EndReason::AgentClosed,
            ..
        }
    ));
}

#[tokio::test]
async fn user_cancels_while_queued() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("cancel")).await.unwrap();
    let task_queued = bed.sim.inspect().read(|s| {
        s.tasks()
            .iter()
            .any(|t| t.status == ringcentral_engage::sim::TaskStatus::Queued)
    });
    assert!(task_queued);
    bed.provider.cancel(&"cancel".into()).await.unwrap();
    let events = until_end(&mut bed.events, "cancel", Duration::from_secs(5)).await;
    assert!(matches!(
        events.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::CancelledWhileQueued,
            ..
        })
    ));
    let (categories, canceled) = bed.sim.inspect().read(|s| {
        (
            s.thread_by_foreign_id("cancel").unwrap().category_ids.clone(),
            s.tasks()
                .iter()
                .all(|t| t.status == ringcentral_engage::sim::TaskStatus::Canceled),
        )
    });
    assert_eq!(categories, vec![bed.sim.bot_category_id()]);
    assert!(canceled);
    // A second cancel is refused, and cancelling an unknown conversation says so.
    assert!(matches!(
        bed.provider.cancel(&"cancel".into()).await,
        Err(HandoverError::InvalidState(_))
    ));
    assert!(matches!(
        bed.provider.cancel(&"nope".into()).await,
        Err(HandoverError::NotFound(_))
    ));
}

#[tokio::test]
async fn silent_agent_ends_the_handover_on_timeout() {
    let sim = sim()
        .agent(SimAgent::new("Alice").replies(["never sent"]))
        .faults(Faults::default().agent_no_show(1.0));
    let mut bed = start(sim, |c| {
        c.agent_no_show(Duration::from_millis(300), NoShowAction::End)
    })
    .await;
    bed.provider.start(request("silent")).await.unwrap();
    let events = until_end(&mut bed.events, "silent", Duration::from_secs(10)).await;
    let kinds = kinds(&events);
    assert!(kinds.contains(&"agent_joined"), "{kinds:?}");
    assert!(!kinds.contains(&"agent_message"), "{kinds:?}");
    assert!(matches!(
        events.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::Timeout,
            ..
        })
    ));
}

#[tokio::test]
async fn no_agent_available_fails_before_touching_engage() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let sim = sim.start().await.unwrap();
    let channel = ChannelSelector::name(sim.channel_name());
    let provider = EngageHandover::new(config(&sim).availability_check(channel).build().unwrap());
    let mut events = provider.events();
    let err = provider.start(request("nobody")).await.unwrap_err();
    assert!(matches!(err, HandoverError::NoAgentAvailable), "{err:?}");
    assert!(err.is_retryable());
    let touched = sim
        .inspect()
        .read(|s| s.send_api_calls().len() + s.threads().len());
    assert_eq!(touched, 0);
    // The bot learns it from the status and the event stream as well.
    let status = provider.status(&"nobody".into()).await.unwrap();
    assert!(
        matches!(status, Some(HandoverStatus::Failed { retryable: true, .. })),
        "{status:?}"
    );
    let seen = until_end(&mut events, "nobody", Duration::from_secs(5)).await;
    assert_eq!(kinds(&seen), ["failed"]);
    // Once Alice is back, the same request goes through.
    assert!(sim.set_agent_available("Alice", true));
    let started = provider.start(request("nobody")).await.unwrap();
    assert!(!started.existing);
}

#[tokio::test]
async fn start_is_idempotent() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let bed = start(sim, |c| c).await;
    let first = bed.provider.start(request("twice")).await.unwrap();
    let second = bed.provider.start(request("twice")).await.unwrap();
    assert!(second.existing);
    assert_eq!(first.handover_id, second.handover_id);
    let threads = bed.sim.inspect().read(|s| s.threads().len());
    assert_eq!(threads, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_process_resumes_and_finishes() {
    let sim = sim().time_scale(0.05).agent(
        SimAgent::new("Alice")
            .think_time(Duration::from_secs(4))
            .replies(["After the restart"]),
    );
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("restart")).await.unwrap();
    wait_for_status(&bed.provider, "restart", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    // The process "dies": its provider and server go away; the store survives.
    let store: Arc<dyn SessionStore> = bed.store.clone();
    drop(std::mem::replace(
        &mut bed.events,
        Box::pin(futures_util::stream::empty()),
    ));
    let second = EngageHandover::with_store(config(&bed.sim).build().unwrap(), store);
    let mut events = second.events();
    bed.sim.serve_handover(&second).await.unwrap();
    assert_eq!(second.resume_all().await.unwrap(), 1);
    let after = until_end(&mut events, "restart", Duration::from_secs(20)).await;
    assert!(after
        .iter()
        .any(|e| matches!(e, HandoverEvent::AgentMessage { text, .. } if text == "After the restart")));
    assert!(matches!(
        after.last(),
        Some(HandoverEvent::Ended {
            reason: EndReason::AgentClosed,
            ..
        })
    ));
}

#[tokio::test]
async fn unsent_user_messages_are_kept_and_served_to_polling() {
    // The agent stays silent: a reply handled by the first process would let it deliver the
    // waiting message itself (any process on the store may), which this test does not want.
    let sim = sim().agent(SimAgent::new("Alice").keep_open());
    let bed = start(sim, |c| c).await;
    bed.provider.start(request("poll")).await.unwrap();
    wait_for_status(&bed.provider, "poll", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    event_delivered(&bed.sim, "intervention.assigned").await;
    // A second process on the same store whose Send API is unreachable.
    let unreachable = config(&bed.sim)
        .realtime_url(format!("http://127.0.0.1:1/realtime/sdk/{}", bed.sim.source_id()))
        .retries(1, Duration::from_secs(60))
        .build()
        .unwrap();
    let cut_off = EngageHandover::with_store(unreachable, bed.store.clone());
    let receipt = cut_off
        .send_message(&"poll".into(), UserMessage::text("k1", "Still there?"))
        .await
        .unwrap();
    assert!(!receipt.delivered);
    let kept = store_of(&bed).load(&"poll".into()).await.unwrap().unwrap().outbox;
    assert_eq!(kept.len(), 1);
    // Engage's polling (`messages.list`) gets the waiting message from either process.
    let body = br#"{"action":"messages.list","params":{}}"#;
    let (status, listed) = post_sdk(&bed, body).await;
    assert_eq!(status, 200);
    let listed = listed.as_array().unwrap();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], receipt.message_id.as_str());
    assert_eq!(listed[0]["body"], "Still there?");
    assert_eq!(listed[0]["thread_id"], "poll");

    // The handover ends with the message still waiting: it is kept, not dropped. The store
    // still lists the conversation, and a process started on the store delivers the message.
    cut_off.end(&"poll".into(), EndedBy::Bot).await.unwrap();
    let store = store_of(&bed);
    assert!(store.active().await.unwrap().contains(&"poll".into()));
    let restarted = EngageHandover::with_store(config(&bed.sim).build().unwrap(), store);
    assert_eq!(restarted.resume_all().await.unwrap(), 1);
    bed.sim
        .inspect()
        .wait_for(
            |s| s.contents().iter().any(|c| c.body == "Still there?"),
            Duration::from_secs(10),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_silent_queue_is_reported() {
    // Engage's own updates come every 10 simulated minutes (1.2 s here); we expect one every 20 ms.
    let sim = sim()
        .agent(SimAgent::new("Alice").available(false))
        .queue_update_interval(Duration::from_secs(600));
    let mut bed = start(sim, |c| c.queue_update_interval(Duration::from_millis(20))).await;
    bed.provider.start(request("quiet")).await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let update = tokio::time::timeout_at(deadline, futures_util::StreamExt::next(&mut bed.events))
            .await
            .expect("no notice about the silent queue")
            .unwrap();
        if let HandoverEvent::Notice { text } = update.event {
            if text.starts_with("No queue update from Engage") {
                break;
            }
        }
    }
    bed.provider.cancel(&"quiet".into()).await.unwrap();
}

#[tokio::test]
async fn mirrored_conversations_are_not_sent_twice() {
    use ringcentral_engage::handover::{MirrorMode, Speaker, TranscriptEntry};
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let bed = start(sim, |c| c.mode(MirrorMode::MirrorAll)).await;
    let user = ringcentral_engage::sdk::objects::User::new("user-mirror", "Ada", now(), now()).unwrap();
    let conversation = "mirror".into();
    bed.provider
        .mirror(&conversation, "1", Speaker::Bot, "Hello!", &user)
        .await
        .unwrap();
    bed.provider
        .mirror(&conversation, "2", Speaker::User, "My modem is broken", &user)
        .await
        .unwrap();
    let request = request("mirror").transcript([
        TranscriptEntry::new(Speaker::Bot, "Hello!"),
        TranscriptEntry::new(Speaker::User, "My modem is broken"),
    ]);
    bed.provider.start(request).await.unwrap();
    let (bodies, categories) = bed.sim.inspect().read(|s| {
        let thread = s.thread_by_foreign_id("mirror").unwrap();
        (
            s.contents_in(&thread.id)
                .iter()
                .map(|c| c.body.clone())
                .collect::<Vec<_>>(),
            thread.category_ids.clone(),
        )
    });
    // The mirrored lines once, then only the user's request: the transcript is not re-sent.
    assert_eq!(bodies, ["Hello!", "My modem is broken", "A human please"]);
    assert!(categories.contains(&bed.sim.agent_category_id()));
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::now_utc()
}
