//! The Redis backend's operations, against a real private Redis.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ringcentral_engage::client::RateBudget;
use ringcentral_engage::handover::backend::{Backend, RedisBackend};
use ringcentral_engage::handover::{
    ConversationId, EndReason, HandoverEvent, HandoverId, HandoverStatus, HandoverUpdate, Session,
    SessionStore, StoreError,
};
use ringcentral_engage::models::EventId;
use ringcentral_engage::sdk::objects::User;
use ringcentral_engage::webhook::WebhookConfig;

use crate::server::redis_server;

fn session(conversation: &str) -> Session {
    let at = time::OffsetDateTime::now_utc();
    let user = User::new(format!("user-{conversation}"), "Ada", at, at).unwrap();
    Session::new(conversation.into(), HandoverId::new("h1"), user)
}

fn update(conversation: &str, text: &str) -> HandoverUpdate {
    // Built as the provider builds them: through a serialized round trip of a real update.
    serde_json::from_value(serde_json::json!({
        "conversation_id": conversation,
        "handover_id": "h1",
        "at": "2026-01-01T00:00:00Z",
        "event": {"type": "notice", "text": text},
    }))
    .unwrap()
}

#[tokio::test]
async fn two_replicas_racing_on_one_session_lose_no_update() {
    let Some(redis) = redis_server() else { return };
    let a = RedisBackend::connect(&redis.url()).await.unwrap();
    let b = RedisBackend::connect(&redis.url()).await.unwrap();
    let conversation: ConversationId = "race".into();
    a.save(&session("race")).await.unwrap();
    // Each replica adds 20 ids to `seen_ids`, loading again after every conflict.
    let add = |backend: RedisBackend, tag: &'static str| {
        let conversation = conversation.clone();
        tokio::spawn(async move {
            let mut conflicts = 0;
            for n in 0..20 {
                loop {
                    let mut s = backend.load(&conversation).await.unwrap().unwrap();
                    s.seen_ids.push_back(format!("{tag}{n}"));
                    match backend.save(&s).await {
                        Ok(_) => break,
                        Err(StoreError::Conflict(_)) => conflicts += 1,
                        Err(e) => panic!("{e}"),
                    }
                }
            }
            conflicts
        })
    };
    let (ra, rb) = tokio::join!(add(a.clone(), "a"), add(b.clone(), "b"));
    let _conflicts = ra.unwrap() + rb.unwrap();
    let stored = a.load(&conversation).await.unwrap().unwrap();
    assert_eq!(stored.seen_ids.len(), 40, "an update was lost");
    assert_eq!(stored.version, 41);
    // A stale copy is refused.
    let mut stale = stored.clone();
    stale.version = 3;
    assert!(matches!(b.save(&stale).await, Err(StoreError::Conflict(_))));
}

#[tokio::test]
async fn threads_active_set_and_expiry_of_finished_sessions() {
    let Some(redis) = redis_server() else { return };
    let backend = RedisBackend::builder(&redis.url())
        .finished_retention(Duration::from_secs(1))
        .connect()
        .await
        .unwrap();
    let mut s = session("c1");
    s.thread_id = Some("thread-9".into());
    s.version = backend.save(&s).await.unwrap();
    assert_eq!(
        backend.find_by_thread("thread-9").await.unwrap(),
        Some("c1".into())
    );
    assert_eq!(backend.active().await.unwrap(), vec![ConversationId::from("c1")]);
    s.status = HandoverStatus::Ended {
        reason: EndReason::AgentClosed,
        next: ringcentral_engage::handover::AfterEnd::BackToBot,
    };
    backend.save(&s).await.unwrap();
    assert!(backend.active().await.unwrap().is_empty());
    // Finished sessions and their thread index expire.
    let mut raw = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let ttl: i64 = redis::cmd("TTL")
        .arg("engage:s:c1")
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!((0..=1).contains(&ttl), "ttl {ttl}");
    let ttl: i64 = redis::cmd("TTL")
        .arg("engage:t:thread-9")
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!((0..=1).contains(&ttl), "ttl {ttl}");
}

#[tokio::test]
async fn an_undecodable_session_is_a_typed_error_for_that_conversation_only() {
    let Some(redis) = redis_server() else { return };
    let backend = RedisBackend::connect(&redis.url()).await.unwrap();
    backend.save(&session("fine")).await.unwrap();
    let mut raw = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    for garbage in ["not json", "{\"conversation_id\":3}", "", "\u{0}\u{ff}"] {
        let _: () = redis::cmd("HSET")
            .arg("engage:s:broken")
            .arg("v")
            .arg(1)
            .arg("d")
            .arg(garbage)
            .query_async(&mut raw)
            .await
            .unwrap();
        match backend.load(&"broken".into()).await {
            Err(StoreError::Corrupt { conversation, .. }) => assert_eq!(conversation.as_str(), "broken"),
            other => panic!("{garbage:?}: {other:?}"),
        }
        assert!(backend.load(&"fine".into()).await.unwrap().is_some());
    }
}

#[tokio::test]
async fn a_key_prefix_keeps_services_apart() {
    let Some(redis) = redis_server() else { return };
    let one = RedisBackend::builder(&redis.url())
        .prefix("svc1")
        .connect()
        .await
        .unwrap();
    let two = RedisBackend::builder(&redis.url())
        .prefix("svc2")
        .connect()
        .await
        .unwrap();
    one.save(&session("c")).await.unwrap();
    assert!(two.load(&"c".into()).await.unwrap().is_none());
    assert!(two.active().await.unwrap().is_empty());
    // Saving under the other prefix starts from version 0, independently.
    assert_eq!(two.save(&session("c")).await.unwrap(), 1);
    let mut raw = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let keys: Vec<String> = redis::cmd("KEYS").arg("*").query_async(&mut raw).await.unwrap();
    assert!(
        keys.iter()
            .all(|k| k.starts_with("svc1:") || k.starts_with("svc2:")),
        "{keys:?}"
    );
}

#[tokio::test]
async fn an_unreachable_redis_at_start_up_is_a_clear_error_without_the_password() {
    for url in [
        "redis://:hunter2@127.0.0.1:1/0",
        "redis://user:hunter2@127.0.0.1:1",
        "unix:///nonexistent/dir/redis.sock",
    ] {
        let error = RedisBackend::builder(url)
            .timeout(Duration::from_millis(500))
            .connect()
            .await
            .unwrap_err();
        let shown = error.to_string();
        assert!(matches!(error, StoreError::Unavailable(_)), "{url}: {error:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(
            shown.contains("127.0.0.1") || shown.contains("/nonexistent/dir"),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn dedup_spans_replicas() {
    let Some(redis) = redis_server() else { return };
    let config = WebhookConfig::new("v", "s");
    let a = RedisBackend::connect(&redis.url())
        .await
        .unwrap()
        .dedup_store(&config);
    let b = RedisBackend::connect(&redis.url())
        .await
        .unwrap()
        .dedup_store(&config);
    let ids = [EventId::new("e1"), EventId::new("e2"), EventId::new("e1")];
    assert_eq!(a.claim(&ids).await.unwrap(), vec![true, true, false]);
    // Claimed by A: a concurrent redelivery to B is a duplicate.
    assert_eq!(b.claim(&ids[..2]).await.unwrap(), vec![false, false]);
    // A failed to handle e2: released, so the redelivery is handled by B.
    a.commit(&ids[..1]).await.unwrap();
    a.release(&ids[1..2]).await;
    assert_eq!(b.claim(&ids[..2]).await.unwrap(), vec![false, true]);
}

#[tokio::test]
async fn events_reach_every_replica_once_each_in_order_with_ids() {
    let Some(redis) = redis_server() else { return };
    let a = RedisBackend::connect(&redis.url()).await.unwrap();
    let b = RedisBackend::connect(&redis.url()).await.unwrap();
    let mut on_a = a.subscribe();
    let mut on_b = b.subscribe();
    // Let both readers start (they read from the stream's end).
    tokio::time::sleep(Duration::from_millis(200)).await;
    for n in 0..30 {
        let (backend, conversation) = if n % 2 == 0 { (&a, "x") } else { (&b, "y") };
        let id = backend
            .publish(update(conversation, &format!("{n}")))
            .await
            .unwrap();
        assert_eq!(id, n / 2 + 1);
    }
    for events in [&mut on_a, &mut on_b] {
        let mut seen = Vec::new();
        while seen.len() < 30 {
            let next = tokio::time::timeout(Duration::from_secs(5), events.next())
                .await
                .unwrap()
                .unwrap();
            seen.push((next.conversation_id.to_string(), next.event_id, next.event));
        }
        for conversation in ["x", "y"] {
            let ids: Vec<u64> = seen.iter().filter(|s| s.0 == conversation).map(|s| s.1).collect();
            assert_eq!(ids, (1..=15).collect::<Vec<_>>(), "{conversation}");
        }
        assert!(matches!(&seen[0].2, HandoverEvent::Notice { text } if text == "0"));
        assert!(tokio::time::timeout(Duration::from_millis(300), events.next())
            .await
            .is_err());
    }
    // A subscriber that saw up to 10 gets the rest.
    let missed = b.events_since(&"x".into(), 10).await.unwrap();
    assert_eq!(
        missed.iter().map(|u| u.event_id).collect::<Vec<_>>(),
        vec![11, 12, 13, 14, 15]
    );
}

#[tokio::test]
async fn event_logs_are_bounded() {
    let Some(redis) = redis_server() else { return };
    let backend = RedisBackend::builder(&redis.url())
        .events_kept(5)
        .stream_length(10)
        .connect()
        .await
        .unwrap();
    for n in 0..100 {
        backend.publish(update("c", &n.to_string())).await.unwrap();
    }
    let kept = backend.events_since(&"c".into(), 0).await.unwrap();
    assert_eq!(
        kept.iter().map(|u| u.event_id).collect::<Vec<_>>(),
        vec![96, 97, 98, 99, 100]
    );
    let mut raw = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let length: usize = redis::cmd("XLEN")
        .arg("engage:events")
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!(length < 100, "stream length {length}");
    // Entries also go once older than the stream's retention.
    let short = RedisBackend::builder(&redis.url())
        .prefix("short")
        .stream_retention(Duration::from_millis(1))
        .connect()
        .await
        .unwrap();
    for n in 0..300 {
        short.publish(update(&format!("s{n}"), "x")).await.unwrap();
        if n % 100 == 0 {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
    let length: usize = redis::cmd("XLEN")
        .arg("short:events")
        .query_async(&mut raw)
        .await
        .unwrap();
    assert!(length < 300, "stream length {length}");
    // The counter lives in the session's hash, which, holding no session, expires with them.
    for key in ["engage:e:c", "engage:s:c"] {
        let ttl: i64 = redis::cmd("TTL").arg(key).query_async(&mut raw).await.unwrap();
        assert!(ttl > 0, "{key} never expires");
    }
}

#[tokio::test]
async fn wake_ups_have_one_owner_and_are_taken_over_when_it_dies() {
    let Some(redis) = redis_server() else { return };
    let a = RedisBackend::connect(&redis.url()).await.unwrap();
    let b = RedisBackend::connect(&redis.url()).await.unwrap();
    let now = 1_000_000;
    let lease = Duration::from_millis(500);
    a.schedule(&"c".into(), now).await.unwrap();
    let taken = a.take_due(now, lease, 10).await.unwrap();
    assert_eq!(taken.len(), 1);
    // Leased by A: B gets nothing until the lease runs out (A "died").
    assert!(b.take_due(now + 499, lease, 10).await.unwrap().is_empty());
    let over = b.take_due(now + 500, lease, 10).await.unwrap();
    assert_eq!(over.len(), 1);
    // A's late settle does not undo B's lease; B settles with nothing left: gone.
    a.settle(&taken[0], None).await.unwrap();
    assert!(a.take_due(now + 600, lease, 10).await.unwrap().is_empty());
    b.settle(&over[0], None).await.unwrap();
    assert!(b.take_due(i64::MAX / 2, lease, 10).await.unwrap().is_empty());
    // A wake-up asked while leased is not lost when the holder settles with nothing.
    a.schedule(&"d".into(), now).await.unwrap();
    let held = a.take_due(now, Duration::from_secs(3600), 10).await.unwrap();
    b.schedule(&"d".into(), now + 50).await.unwrap();
    a.settle(&held[0], None).await.unwrap();
    assert_eq!(b.take_due(now + 50, lease, 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn the_rate_budget_is_shared_by_replicas() {
    let Some(redis) = redis_server() else { return };
    let per = Duration::from_millis(400);
    let a = RedisBackend::connect(&redis.url())
        .await
        .unwrap()
        .rate_budget("token", 10, per);
    let b = RedisBackend::connect(&redis.url())
        .await
        .unwrap()
        .rate_budget("token", 10, per);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..30 {
        let budget = if n % 2 == 0 { a.clone() } else { b.clone() };
        tasks.push(tokio::spawn(async move {
            budget.acquire().await;
            Instant::now()
        }));
    }
    let mut granted = Vec::new();
    for task in tasks {
        granted.push(task.await.unwrap() - started);
    }
    granted.sort();
    // 30 requests at 10 per window: the 11th waits a window, the 21st two.
    assert!(granted[10] >= per - Duration::from_millis(20), "{granted:?}");
    assert!(granted[20] >= per * 2 - Duration::from_millis(40), "{granted:?}");
    // Another name has its own budget.
    let other = RedisBackend::connect(&redis.url())
        .await
        .unwrap()
        .rate_budget("other", 10, per);
    let at = Instant::now();
    other.acquire().await;
    assert!(at.elapsed() < per);
}

/// A session saved with user messages waiting is due when the first is, in the same write:
/// a replica that dies right after saving cannot leave them without a wake-up.
#[tokio::test]
async fn a_session_saved_with_waiting_messages_is_woken_without_a_schedule() {
    let Some(redis) = redis_server() else { return };
    let a = RedisBackend::connect(&redis.url()).await.unwrap();
    let b = RedisBackend::connect(&redis.url()).await.unwrap();
    let lease = Duration::from_secs(60);
    let now = time::OffsetDateTime::now_utc();
    let ms = |at: time::OffsetDateTime| i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap();
    let waiting = |conversation: &str, retry_at: Option<time::OffsetDateTime>| {
        let mut s = session(conversation);
        s.outbox.push(
            serde_json::from_value(serde_json::json!({
                "message_id": format!("{conversation}:u:1"),
                "text": "hello",
                "created_at": "2026-01-01T00:00:00Z",
                "attempts": 0,
                "retry_at": retry_at.map(|at| at.format(&time::format_description::well_known::Rfc3339).unwrap()),
            }))
            .unwrap(),
        );
        s
    };
    // Nothing waiting: never due.
    a.save(&session("idle")).await.unwrap();
    // Being sent (retry in 30 s): due then; never sent (no retry time): due now.
    a.save(&waiting("sending", Some(now + Duration::from_secs(30))))
        .await
        .unwrap();
    a.save(&waiting("unsent", None)).await.unwrap();
    let due = |leases: Vec<ringcentral_engage::handover::backend::Lease>| {
        let mut c: Vec<String> = leases.iter().map(|l| l.conversation_id.to_string()).collect();
        c.sort();
        c
    };
    let first = b.take_due(ms(now) + 1_000, lease, 10).await.unwrap();
    assert_eq!(due(first.clone()), ["unsent"]);
    assert_eq!(
        due(b.take_due(ms(now) + 31_000, lease, 10).await.unwrap()),
        ["sending"]
    );
    // Saved again while B holds the lease: the wake-up waits for B to settle, then stays.
    let mut unsent = a.load(&"unsent".into()).await.unwrap().unwrap();
    unsent.outbox[0].attempts = 1;
    a.save(&unsent).await.unwrap();
    assert!(a.take_due(ms(now) + 2_000, lease, 10).await.unwrap().is_empty());
    b.settle(&first[0], None).await.unwrap();
    assert_eq!(
        due(a.take_due(ms(now) + 2_000, lease, 10).await.unwrap()),
        ["unsent"]
    );
}
