//! What Engage pushes to a live handover: every valid call acknowledged and relayed once, bad
//! ones refused without effect, both shapes of `content.thread_closed`, and a second handover
//! in the same conversation that repeats nothing.

use std::time::Duration;

use serde_json::{json, Value};

use crate::support::*;
use ringcentral_engage::handover::{
    EndReason, EndedBy, HandoverEvent, HandoverProvider, HandoverStatus, Speaker, TranscriptEntry,
    UserMessage,
};
use ringcentral_engage::sim::{Direction, SimAgent};

/// The agent contents Engage may legitimately post, each as `messages.create` params for
/// `thread`: no text at all, attachments only, structured content only, a body longer than
/// what the crate may send, unknown fields.
fn agent_contents(thread: &str) -> Vec<(&'static str, Value)> {
    let long = "x".repeat(25_000);
    vec![
        ("ids only", json!({"content_id": "c-ids", "thread_id": thread})),
        (
            "empty body",
            json!({"content_id": "c-empty", "thread_id": thread, "body": ""}),
        ),
        (
            "blank body",
            json!({"content_id": "c-blank", "thread_id": thread, "body": "   "}),
        ),
        (
            "null body",
            json!({"content_id": "c-null", "thread_id": thread, "body": null, "attachments": null}),
        ),
        (
            "attachments only",
            json!({"content_id": "c-att", "thread_id": thread, "attachments": [{"url": "https://example.com/a.png", "filename": "a.png"}]}),
        ),
        (
            "structured only",
            json!({"content_id": "c-sc", "thread_id": thread, "structured_content": {"type": "select", "items": [{"title": "Yes"}]}}),
        ),
        (
            "over 20,000 chars",
            json!({"content_id": "c-long", "thread_id": thread, "body": long, "sender_name": "Alice"}),
        ),
        (
            "unknown fields",
            json!({"content_id": "c-new", "thread_id": thread, "body": "hi", "future": {"a": [1]}}),
        ),
        (
            "no content id",
            json!({"thread_id": thread, "attachments": [{"url": "https://example.com/b.pdf"}]}),
        ),
    ]
}

fn action(name: &str, params: &Value) -> Vec<u8> {
    serde_json::to_vec(&json!({"action": name, "params": params})).unwrap()
}

#[tokio::test]
async fn every_valid_agent_content_is_acknowledged_small_and_relayed_once() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("liberal")).await.unwrap();
    let contents = agent_contents("liberal");
    for (what, params) in &contents {
        for (name, params) in [
            ("messages.create", params.clone()),
            ("private_messages.create", {
                // A private message names its conversation through what it answers.
                let mut p = params.clone();
                p.as_object_mut().unwrap().remove("thread_id");
                p["in_reply_to_id"] = json!("liberal:x");
                p
            }),
        ] {
            let mut ids = Vec::new();
            for retry in [false, true] {
                let mut params = params.clone();
                params["retry"] = json!(retry);
                let (status, answer) = post_sdk(&bed, &action(name, &params)).await;
                assert_eq!(status, 200, "{what} {name}: {answer}");
                assert!(answer.get("error").is_none(), "{what} {name}: {answer}");
                let id = answer["id"].as_str().unwrap_or_default().to_owned();
                assert!(id.starts_with("liberal:agent:"), "{what} {name}: {answer}");
                // The created object, never an echo of the posted body.
                assert!(
                    answer.to_string().len() < 200,
                    "{what} {name}: {} bytes",
                    answer.to_string().len()
                );
                ids.push(id);
            }
            assert_eq!(ids[0], ids[1], "{what} {name}: a retry gets the same id");
        }
    }
    bed.provider.end(&"liberal".into(), EndedBy::Bot).await.unwrap();
    let events = until_end(&mut bed.events, "liberal", Duration::from_secs(10)).await;
    let relayed: Vec<&HandoverEvent> = events
        .iter()
        .filter(|e| matches!(e, HandoverEvent::AgentMessage { .. }))
        .collect();
    // The message and the private message of one content share Engage's content id: relayed
    // once each, except the one without content id, identified by what it holds.
    assert_eq!(relayed.len(), contents.len(), "{relayed:#?}");
    let long = relayed
        .iter()
        .any(|e| matches!(e, HandoverEvent::AgentMessage { text, .. } if text.chars().count() == 25_000));
    assert!(long, "the long body reaches the bot whole");
    let with_files = relayed
        .iter()
        .filter(|e| matches!(e, HandoverEvent::AgentMessage { attachments, .. } if !attachments.is_empty()))
        .count();
    assert_eq!(with_files, 2);
    let structured = relayed
        .iter()
        .filter(|e| {
            matches!(
                e,
                HandoverEvent::AgentMessage {
                    structured_content: Some(_),
                    ..
                }
            )
        })
        .count();
    assert_eq!(structured, 1);
}

#[tokio::test]
async fn contents_for_threads_without_handover_are_acknowledged_not_relayed() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let bed = start(sim, |c| c).await;
    for (what, params) in agent_contents("nobody-here") {
        for name in ["messages.create", "private_messages.create"] {
            let (status, answer) = post_sdk(&bed, &action(name, &params)).await;
            assert_eq!(status, 200, "{what} {name}: {answer}");
            assert!(
                answer["id"].as_str().is_some_and(|id| !id.is_empty()),
                "{what}: {answer}"
            );
            assert!(answer.get("error").is_none(), "{what}: {answer}");
        }
    }
    assert!(bed.store.is_empty(), "nothing was created for unknown threads");
}

#[tokio::test]
async fn both_shapes_of_thread_closed_end_the_handover() {
    for (n, kind) in ["content.thread_closed", "content.thread_auto_closed"]
        .iter()
        .enumerate()
    {
        for content_shaped in [false, true] {
            let sim = sim().agent(SimAgent::new("Alice").available(false));
            let mut bed = start(sim, |c| c).await;
            let conversation = format!("closed-{n}-{content_shaped}");
            bed.provider.start(request(&conversation)).await.unwrap();
            let thread = bed
                .sim
                .inspect()
                .read(|s| s.thread_by_foreign_id(&conversation).unwrap().id.to_string());
            let resource = if content_shaped {
                json!({"type": "Content", "id": "c-1", "metadata": {"thread_id": thread, "source_id": "s"}})
            } else {
                json!({"type": "Thread", "id": thread, "metadata": {}})
            };
            let delivery = json!({"events": [{
                "type": kind, "id": format!("ev-{n}-{content_shaped}"),
                "issued_at": "2030-01-01T00:00:00Z", "resource": resource
            }]});
            assert_eq!(post_webhook(&bed, &delivery).await, 200);
            let events = until_end(&mut bed.events, &conversation, Duration::from_secs(10)).await;
            assert!(
                matches!(
                    events.last(),
                    Some(HandoverEvent::Ended {
                        reason: EndReason::ProviderClosed,
                        ..
                    })
                ),
                "{kind} content_shaped={content_shaped}: {events:#?}"
            );
        }
    }
}

/// Bad inputs, each with a clear status and no effect on the live handover.
#[tokio::test]
async fn bad_inputs_get_a_clear_status_and_change_nothing() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("guarded")).await.unwrap();
    let queued = |s: &Option<HandoverStatus>| matches!(s, Some(HandoverStatus::Queued { .. }));
    assert!(queued(&bed.provider.status(&"guarded".into()).await.unwrap()));
    let reply = action(
        "messages.create",
        &json!({"content_id": "forged", "thread_id": "guarded", "body": "forged"}),
    );
    let deep = format!(
        r#"{{"action":"messages.create","params":{{"thread_id":"guarded","body":{}1{}}}}}"#,
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let key = bed.sim.realtime_token().expose().to_owned();
    let sdk_cases: Vec<(&str, Vec<u8>, &str, u16)> = vec![
        (
            "forged reply (wrong secret)",
            reply.clone(),
            "not-the-secret",
            422,
        ),
        ("malformed JSON", b"{\"action\":".to_vec(), &key, 400),
        (
            "invalid UTF-8",
            b"{\"action\":\"messages.create\",\"params\":{\"thread_id\":\"guarded\",\"body\":\"\xff\xfe\"}}"
                .to_vec(),
            &key,
            400,
        ),
        ("10,000-deep nesting", deep.into_bytes(), &key, 400),
        (
            "duplicate keys",
            br#"{"action":"messages.create","params":{"thread_id":"guarded","body":"a","body":"b"}}"#
                .to_vec(),
            &key,
            400,
        ),
    ];
    for (what, body, signing_key, expected) in sdk_cases {
        let (status, _) = post_sdk_signed_with(&bed, &body, signing_key).await;
        assert_eq!(status, expected, "{what}");
    }
    // Unsigned, and over 20 MiB.
    let http = reqwest::Client::new();
    let url = format!("http://{}/engage/sdk", bed.addr);
    let unsigned = http.post(&url).body(reply.clone()).send().await.unwrap();
    assert_eq!(unsigned.status(), 422, "missing signature");
    let huge = http
        .post(&url)
        .header("X-SMCCSDK-SIGNATURE", "00")
        .body(vec![b' '; 20 * 1024 * 1024 + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(huge.status(), 413, "over 20 MiB");
    // A forged close: wrong or missing secret.
    let thread = bed
        .sim
        .inspect()
        .read(|s| s.thread_by_foreign_id("guarded").unwrap().id.to_string());
    let close = json!({"events": [{"type": "content.thread_closed", "id": "ev-forged", "issued_at": "2030-01-01T00:00:00Z", "resource": {"type": "Thread", "id": thread}}]});
    let webhook = format!("http://{}/engage/webhook", bed.addr);
    for (secret, expected) in [(Some("wrong"), 403), (None, 401)] {
        let mut post = http.post(&webhook).json(&close);
        if let Some(secret) = secret {
            post = post.header("X-Dimelo-Secret", secret);
        }
        assert_eq!(post.send().await.unwrap().status(), expected);
    }
    let after = bed.provider.status(&"guarded".into()).await.unwrap();
    assert!(queued(&after), "still waiting for an agent: {after:?}");
    // Nothing reached the bot: the next event is the end the bot asks for.
    bed.provider.end(&"guarded".into(), EndedBy::Bot).await.unwrap();
    let events = until_end(&mut bed.events, "guarded", Duration::from_secs(10)).await;
    assert!(
        !events.iter().any(|e| matches!(
            e,
            HandoverEvent::AgentMessage { .. } | HandoverEvent::AgentJoined { .. }
        )),
        "{events:#?}"
    );
}

#[tokio::test]
async fn a_second_handover_repeats_nothing_and_never_authors_an_agent_line_as_the_bot() {
    let sim = sim().agent(SimAgent::new("Alice").keep_open().replies(["First answer"]));
    let mut bed = start(sim, |c| c).await;
    let conversation = "twice";
    let first = request(conversation).transcript([
        TranscriptEntry::new(Speaker::Bot, "Hi, I am the bot"),
        TranscriptEntry::new(Speaker::User, "My modem is broken"),
    ]);
    bed.provider.start(first).await.unwrap();
    wait_for_status(&bed.provider, conversation, |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    bed.provider
        .send_message(&conversation.into(), UserMessage::text("k1", "Still broken"))
        .await
        .unwrap();
    let inspect = bed.sim.inspect();
    inspect
        .wait_for(
            |s| {
                s.contents()
                    .iter()
                    .any(|c| c.direction == Direction::Inbound && c.body == "Still broken")
                    && s.contents().iter().any(|c| c.body == "First answer")
            },
            Duration::from_secs(30),
        )
        .await
        .expect("the user's line and the agent's reply never reached the simulator");
    bed.provider
        .end(&conversation.into(), EndedBy::Bot)
        .await
        .unwrap();
    until_end(&mut bed.events, conversation, Duration::from_secs(10)).await;

    // Back with the bot, then a second handover with the whole conversation as transcript.
    let second = request(conversation)
        .message("An agent again please")
        .transcript([
            TranscriptEntry::new(Speaker::Bot, "Hi, I am the bot"),
            TranscriptEntry::new(Speaker::User, "My modem is broken"),
            TranscriptEntry::new(Speaker::User, "A human please"),
            TranscriptEntry::new(Speaker::Agent, "First answer"),
            TranscriptEntry::new(Speaker::User, "Still broken"),
            TranscriptEntry::new(Speaker::Bot, "Anything else?"),
            TranscriptEntry::new(Speaker::User, "My modem is broken"),
        ]);
    bed.provider.start(second).await.unwrap();
    let (inbound, agent_lines) = inspect.read(|s| {
        let thread = s.thread_by_foreign_id(conversation).unwrap();
        let contents = s.contents_in(&thread.id);
        let by = |d: Direction| {
            contents
                .iter()
                .filter(|c| c.direction == d)
                .map(|c| c.body.clone())
                .collect::<Vec<_>>()
        };
        (by(Direction::Inbound), by(Direction::Outbound))
    });
    assert_eq!(
        inbound,
        [
            "Hi, I am the bot",
            "My modem is broken",
            "A human please",
            "Still broken",
            "Anything else?",
            "My modem is broken",
            "An agent again please",
        ],
        "each line once, in order; a line said again is a new line"
    );
    assert!(agent_lines.iter().all(|l| l == "First answer"), "{agent_lines:?}");
    assert!(
        !inbound.contains(&"First answer".to_owned()),
        "an agent's line pushed by the service"
    );
    bed.provider
        .end(&conversation.into(), EndedBy::Bot)
        .await
        .unwrap();
}

/// Engage delivers webhooks unordered and again: an older assignment of the same intervention,
/// arriving after a newer one, does not switch the agent back; a newer one still applies.
#[tokio::test]
async fn a_late_intervention_event_does_not_switch_the_agent_back() {
    let sim = sim().agent(SimAgent::new("Alice").available(false));
    let bed = start(sim, |c| c).await;
    bed.provider.start(request("reordered")).await.unwrap();
    let thread = bed
        .sim
        .inspect()
        .read(|s| s.thread_by_foreign_id("reordered").unwrap().id.to_string());
    let agent_of = |status: Option<HandoverStatus>| match status {
        Some(HandoverStatus::Active { agent }) => agent.id,
        other => panic!("{other:?}"),
    };
    // (event type, agent, minute it was issued at), in delivery order.
    let deliveries = [
        ("intervention.assigned", "agent-b", 2, Some("agent-b")),
        ("intervention.assigned", "agent-a", 1, Some("agent-b")),
        ("intervention.user_updated", "agent-a", 1, Some("agent-b")),
        ("intervention.user_updated", "agent-c", 3, Some("agent-c")),
        ("intervention.assigned", "agent-b", 2, Some("agent-c")),
    ];
    for (n, (kind, agent, minute, expected)) in deliveries.into_iter().enumerate() {
        let delivery = json!({"events": [{
            "type": kind, "id": format!("late-{n}"),
            "issued_at": format!("2030-01-01T00:0{minute}:00Z"),
            "resource": {"type": "Intervention", "id": "iv-1",
                         "metadata": {"thread_id": thread, "user_id": agent}}
        }]});
        assert_eq!(post_webhook(&bed, &delivery).await, 200);
        let status = bed.provider.status(&"reordered".into()).await.unwrap();
        assert_eq!(agent_of(status).as_deref(), expected, "after delivery {n}");
    }
}
