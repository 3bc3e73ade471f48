//! `bot_proxy` remembers a bounded number of conversations: idle ones are forgotten after a
//! grace period, and a new one beyond the limit is refused with a clear error.

use std::time::Duration;

use ringcentral_engage::sim::{EngageSimulator, SimAgent};
use serde_json::{json, Value};
use tokio::time::Instant;

use ringcentral_engage::handover::{Speaker, TranscriptEntry};

use crate::proxy::conversations::{Conversations, Full, ANSWERED_LIMIT, TRANSCRIPT_LIMIT};
use crate::proxy::{self, Limits};

const GRACE: Duration = Duration::from_secs(60);

fn limits(max_conversations: usize) -> Limits {
    Limits {
        max_conversations,
        idle_grace: GRACE,
    }
}

#[test]
fn idle_conversations_are_forgotten_after_the_grace_period_only() {
    let t0 = Instant::now();
    let mut map = Conversations::new(limits(100), t0);
    for id in ["bot-only", "handover", "listened", "active"] {
        map.get(id, t0).unwrap();
    }
    map.get("handover", t0).unwrap().handover_running(true, t0);
    let _stream = map.get("listened", t0).unwrap().tx.subscribe();

    map.sweep(t0 + GRACE - Duration::from_millis(1));
    assert_eq!(map.len(), 4, "nothing is idle for the whole grace period yet");
    // Any use starts the idle time again.
    map.get("active", t0 + GRACE / 2).unwrap();
    map.sweep(t0 + GRACE);
    assert_eq!(
        map.len(),
        3,
        "the bot-only conversation is forgotten; a running handover, an open stream and a recent message keep theirs"
    );

    // The handover ends: its conversation is forgotten one grace period later.
    let ended = t0 + GRACE * 2;
    map.get("handover", ended).unwrap().handover_running(false, ended);
    map.sweep(ended + GRACE - Duration::from_millis(1));
    assert_eq!(map.len(), 2, "active is forgotten, the ended handover not yet");
    map.sweep(ended + GRACE);
    assert_eq!(map.len(), 1, "only the conversation with an open stream stays");
    drop(_stream);
    map.sweep(ended + GRACE);
    assert!(map.is_empty());
}

#[test]
fn a_full_map_refuses_new_conversations_until_idle_ones_can_go() {
    for max in [1, 2, 5] {
        let t0 = Instant::now();
        let mut map = Conversations::new(limits(max), t0);
        for i in 0..max {
            map.get(&format!("c{i}"), t0).unwrap();
        }
        let refused = map.get("one-more", t0).err().expect("the map is full");
        assert_eq!(refused, Full { max });
        assert!(refused.to_string().contains(&max.to_string()), "{refused}");
        // Known conversations are still served.
        map.get("c0", t0).unwrap();
        assert_eq!(map.len(), max);
        // Once the others are idle for the grace period, a new one takes a place.
        let later = t0 + GRACE * 2;
        map.get("one-more", later).unwrap();
        assert_eq!(map.len(), 1, "the idle ones went, the new one came");
    }
    // Conversations with a handover running are never evicted, even when full.
    let t0 = Instant::now();
    let mut map = Conversations::new(limits(1), t0);
    map.get("busy", t0).unwrap().handover_running(true, t0);
    assert!(map.get("other", t0 + GRACE * 10).is_err());
}

#[test]
fn what_one_conversation_remembers_is_bounded_too() {
    let t0 = Instant::now();
    let mut map = Conversations::new(limits(1), t0);
    let c = map.get("long", t0).unwrap();
    for n in 0..TRANSCRIPT_LIMIT + 50 {
        c.said(TranscriptEntry::new(Speaker::User, format!("message {n}")));
    }
    let transcript = c.transcript();
    assert_eq!(transcript.len(), TRANSCRIPT_LIMIT);
    assert_eq!(transcript[0].text, "message 50", "the oldest went first");
    assert_eq!(
        transcript.last().unwrap().text,
        format!("message {}", TRANSCRIPT_LIMIT + 49)
    );

    for n in 0..ANSWERED_LIMIT {
        c.answered(&format!("m{n}"));
    }
    c.answered("m0"); // already remembered: evicts nothing
    assert!(c.was_answered("m0") && c.was_answered("m1"));
    c.answered("one-more");
    assert!(!c.was_answered("m0"), "the oldest id is forgotten");
    assert!(c.was_answered("m1") && c.was_answered("one-more"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_answers_503_beyond_its_limit() {
    let sim = EngageSimulator::builder()
        .agent(SimAgent::new("Alice"))
        .time_scale(0.01)
        .seed(5);
    let (running, stop) = proxy::launch_local(sim, limits(2))
        .await
        .expect("the service starts");
    let base = format!("http://{}", running.addr);
    let http = reqwest::Client::new();
    let post = |conversation: &str| {
        http.post(format!("{base}/conversations/{conversation}/messages"))
            .json(&json!({"text": "hello", "client_message_id": format!("{conversation}-1")}))
            .send()
    };
    for conversation in ["a", "b"] {
        assert_eq!(post(conversation).await.unwrap().status(), 200);
    }
    let refused = post("c").await.unwrap();
    assert_eq!(refused.status(), 503);
    let body: Value = refused.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("limit"), "{body}");
    let events = http
        .get(format!("{base}/conversations/c/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 503);
    assert_eq!(post("a").await.unwrap().status(), 200, "a known conversation");
    let health = http.get(format!("{base}/health")).send().await.unwrap();
    let health: Value = health.json().await.unwrap();
    assert_eq!(health["conversations"], 2);
    stop.send(true).unwrap();
    running.server.await.unwrap().unwrap();
}
