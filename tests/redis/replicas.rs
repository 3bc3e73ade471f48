//! Two replicas of a bot service on one Redis, behind a round-robin of Engage's calls.

use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use ringcentral_engage::handover::backend::RedisBackend;
use ringcentral_engage::handover::{
    EngageConfig, EngageHandover, HandoverEvent, HandoverEvents, HandoverProvider, HandoverStatus,
    HandoverUpdate, UserMessage,
};
use ringcentral_engage::sim::{SimAgent, SimHandle};
use ringcentral_engage::Secret;

use crate::round_robin::round_robin;
use crate::server::{redis_server, RedisServer};
use crate::support::{config, request, sim, SECRET, VERIFY};

struct Replicas {
    _sim: SimHandle,
    replicas: Vec<EngageHandover>,
    events: Vec<HandoverEvents>,
}

pub(crate) async fn replica(sim: &SimHandle, redis: &RedisServer, send_api_up: bool) -> EngageHandover {
    EngageHandover::with_backend(replica_config(sim, send_api_up), backend(redis).await)
}

/// A replica's configuration; without `send_api_up` its Send API calls fail.
pub(crate) fn replica_config(sim: &SimHandle, send_api_up: bool) -> EngageConfig {
    let config = if send_api_up {
        config(sim)
    } else {
        config(sim)
            .realtime_url(format!("http://127.0.0.1:1/realtime/sdk/{}", sim.source_id()))
            .retries(1, Duration::from_millis(10))
    };
    config.build().unwrap()
}

/// A backend on `redis` that looks for due timers every 50 ms.
pub(crate) async fn backend(redis: &RedisServer) -> RedisBackend {
    RedisBackend::builder(&redis.url())
        .poll_interval(Duration::from_millis(50))
        .connect()
        .await
        .unwrap()
}

/// Points the simulator's Source SDK calls and webhooks at the balancer on `addr`.
pub(crate) async fn calls_go_to(sim: &SimHandle, addr: std::net::SocketAddr) {
    assert!(sim.set_sdk_endpoint(format!("http://{addr}/engage/sdk")).await);
    assert!(
        sim.set_webhook(
            format!("http://{addr}/engage/webhook"),
            Secret::new(SECRET),
            Secret::new(VERIFY)
        )
        .await
    );
}

/// `count` replicas on `redis`, behind a round robin the simulator calls.
async fn replicas(sim: SimHandle, redis: &RedisServer, count: usize) -> Replicas {
    let mut replicas = Vec::new();
    for _ in 0..count {
        replicas.push(replica(&sim, redis, true).await);
    }
    let events = replicas.iter().map(|r| r.events()).collect();
    let addr = round_robin(replicas.clone()).await;
    calls_go_to(&sim, addr).await;
    Replicas {
        _sim: sim,
        replicas,
        events,
    }
}

/// Every event of `conversation` up to its end, on one subscriber.
pub(crate) async fn until_end(events: &mut HandoverEvents, conversation: &str) -> Vec<HandoverUpdate> {
    let mut seen = Vec::new();
    loop {
        let update = tokio::time::timeout(Duration::from_secs(20), events.next())
            .await
            .unwrap_or_else(|_| panic!("no end; saw {seen:#?}"))
            .unwrap();
        if update.conversation_id.as_str() != conversation {
            continue;
        }
        let done = update.event.is_terminal();
        seen.push(update);
        if done {
            return seen;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_replicas_share_a_handover_and_every_subscriber_sees_every_event_once() {
    let Some(redis) = redis_server() else { return };
    let sim = sim()
        .agent(SimAgent::new("Alice").replies(["Hi, I'm Alice.", "Anything else?", "Bye"]))
        .start()
        .await
        .unwrap();
    let mut bed = replicas(sim, &redis, 2).await;
    bed.replicas[0].start(request("shared")).await.unwrap();
    let mut per_subscriber = Vec::new();
    for events in &mut bed.events {
        let seen = until_end(events, "shared").await;
        per_subscriber.push(
            seen.into_iter()
                .map(|u| (u.event_id, u.event))
                .collect::<Vec<_>>(),
        );
    }
    for seen in &per_subscriber {
        // Ids follow each other: nothing missed, nothing twice, in order.
        let ids: Vec<u64> = seen.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, (1..=ids.len() as u64).collect::<Vec<_>>());
        let messages: Vec<_> = seen
            .iter()
            .filter_map(|(_, e)| match e {
                HandoverEvent::AgentMessage { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(messages, ["Hi, I'm Alice.", "Anything else?", "Bye"]);
    }
    // The same events on both (compared as serialized: a queue update read back from Redis
    // is observed when it is read).
    let json = |seen: &Vec<(u64, HandoverEvent)>| serde_json::to_string(seen).unwrap();
    assert_eq!(json(&per_subscriber[0]), json(&per_subscriber[1]));
    let joined = per_subscriber[0]
        .iter()
        .filter(|(_, e)| matches!(e, HandoverEvent::AgentJoined { .. }))
        .count();
    assert_eq!(joined, 1, "{:#?}", per_subscriber[0]);
    // Either replica answers for the handover, and replays what a subscriber missed.
    let status = bed.replicas[1].status(&"shared".into()).await.unwrap().unwrap();
    assert!(status.is_finished(), "{status:?}");
    let replay = bed.replicas[1].events_since(&"shared".into(), 0).await.unwrap();
    assert_eq!(replay.len(), per_subscriber[0].len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_mid_queue_delivers_the_outbox_once_each() {
    let Some(redis) = redis_server() else { return };
    let sim = sim()
        .agent(SimAgent::new("Alice").available(false))
        .start()
        .await
        .unwrap();
    // The first process can reach Engage's REST API but not its Send API when the user writes.
    let first = replica(&sim, &redis, true).await;
    first.start(request("queued")).await.unwrap();
    let cut_off = replica(&sim, &redis, false).await;
    for n in 0..3 {
        let receipt = cut_off
            .send_message(
                &"queued".into(),
                UserMessage::text(format!("k{n}"), format!("waiting {n}")),
            )
            .await
            .unwrap();
        assert!(!receipt.delivered);
    }
    drop((first, cut_off));
    // A new process on the same Redis carries on.
    let restarted = replica(&sim, &redis, true).await;
    assert_eq!(restarted.resume_all().await.unwrap(), 1);
    let inspect = sim.inspect();
    inspect
        .wait_for(
            |s| (0..3).all(|n| s.contents().iter().any(|c| c.body == format!("waiting {n}"))),
            Duration::from_secs(10),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let bodies: Vec<String> = inspect.read(|s| s.contents().iter().map(|c| c.body.clone()).collect());
    for n in 0..3 {
        let copies = bodies.iter().filter(|b| **b == format!("waiting {n}")).count();
        assert_eq!(copies, 1, "message {n} delivered {copies} times");
    }
    let status = restarted.status(&"queued".into()).await.unwrap().unwrap();
    assert!(matches!(status, HandoverStatus::Queued { .. }), "{status:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_down_answers_engage_5xx_and_service_resumes_when_it_returns() {
    let Some(mut redis) = redis_server() else { return };
    let sim = sim()
        .agent(SimAgent::new("Alice").available(false))
        .start()
        .await
        .unwrap();
    let provider = replica(&sim, &redis, true).await;
    provider.start(request("outage")).await.unwrap();
    let mut events = provider.events();
    redis.restart_stopped(|| async {
        // Engage's call while Redis is down: 5xx, so Engage retries it.
        let body = br#"{"action":"messaging.queuing_update","params":{"thread_id":"outage","position":2,"estimated_wait_time":60}}"#;
        let answer = post_signed(&provider, &sim, body).await;
        assert!(answer >= 500, "answered {answer}");
    })
    .await;
    // Back up (data kept): the retried call is taken, and the event reaches the subscriber.
    let body = br#"{"action":"messaging.queuing_update","params":{"thread_id":"outage","position":2,"estimated_wait_time":60}}"#;
    let mut answer = 0;
    for _ in 0..50 {
        answer = post_signed(&provider, &sim, body).await;
        if answer == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(answer, 200);
    loop {
        let update = tokio::time::timeout(Duration::from_secs(10), events.next())
            .await
            .unwrap()
            .unwrap();
        if let HandoverEvent::Queued { update: Some(u) } = update.event {
            assert_eq!(u.position.get(), Some(2));
            break;
        }
    }
}

/// The status of an SDK call signed as Engage signs it, sent to `provider` directly.
pub(crate) async fn post_signed(provider: &EngageHandover, sim: &SimHandle, body: &[u8]) -> u16 {
    let signature = ringcentral_engage::sdk::signature::sign(&sim.realtime_token(), body);
    let request = http::Request::post("/engage/sdk")
        .header(ringcentral_engage::sdk::signature::SIGNATURE_HEADER, signature)
        .body(Bytes::copy_from_slice(body))
        .unwrap();
    provider.handle(request).await.status().as_u16()
}
