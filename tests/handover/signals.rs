//! What travels besides messages: typing and read marks both ways, an agent handing the
//! conversation to another, a silent agent reported, and the framework-agnostic `handle`.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::*;
use bytes::Bytes;
use ringcentral_engage::handover::{HandoverEvent, HandoverProvider, HandoverStatus, NoShowAction};
use ringcentral_engage::sdk::signature;
use ringcentral_engage::sim::{Faults, SimAgent};
use serde_json::json;

/// Posts a signed SDK action to the provider's endpoint through `handle`, as a framework
/// other than axum would.
async fn sdk_action(bed: &Bed, body: serde_json::Value) -> ringcentral_engage::inbound::EndpointResponse {
    let body = serde_json::to_vec(&body).unwrap();
    let request = http::Request::post("/engage/sdk")
        .header(
            signature::SIGNATURE_HEADER,
            signature::sign(&bed.sim.realtime_token(), &body),
        )
        .body(Bytes::from(body))
        .unwrap();
    bed.provider.handle(request).await
}

/// The next event of `conversation` that `pick` keeps, within 5 s.
async fn next_matching<T>(
    bed: &mut Bed,
    conversation: &str,
    mut pick: impl FnMut(HandoverEvent) -> Option<T>,
) -> T {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let update = tokio::time::timeout_at(deadline, futures_util::StreamExt::next(&mut bed.events))
            .await
            .expect("no such event within 5 s")
            .unwrap();
        if update.conversation_id.as_str() == conversation {
            if let Some(found) = pick(update.event) {
                return found;
            }
        }
    }
}

#[tokio::test]
async fn typing_and_read_marks_go_both_ways() {
    let sim = sim().agent(SimAgent::new("Alice").keep_open().replies(["Hello"]));
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("signals")).await.unwrap();
    let message_id = next_matching(&mut bed, "signals", |e| match e {
        HandoverEvent::AgentMessage { message_id, .. } => Some(message_id),
        _ => None,
    })
    .await;

    // User → agent: typing with a preview, a stop, and a read mark reach Engage.
    let conversation = "signals".into();
    bed.provider
        .send_user_typing(&conversation, Some("I am wri"))
        .await
        .unwrap();
    // A second start within Engage's 2 s window is throttled by Engage and swallowed here.
    bed.provider
        .send_user_typing(&conversation, Some("I am writing"))
        .await
        .unwrap();
    bed.provider.send_user_typing(&conversation, None).await.unwrap();
    bed.provider.mark_read(&conversation, &message_id).await.unwrap();
    let typing = bed.sim.inspect().typing();
    let seen: Vec<_> = typing
        .iter()
        .filter(|t| t.thread_id.as_deref() == Some("signals"))
        .map(|t| (t.started, t.preview.clone()))
        .collect();
    assert_eq!(seen, [(true, Some("I am wri".to_owned())), (false, None)]);
    let marks = bed.sim.inspect().read_marks();
    assert_eq!(
        marks.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        [message_id.as_str()]
    );

    // Agent → user: Engage's typing actions become `AgentTyping`, through `handle`.
    for (action, typing) in [("typing.start", true), ("typing.stop", false)] {
        let response = sdk_action(
            &bed,
            json!({"action": action, "params": {"thread_id": "signals"}}),
        )
        .await;
        assert_eq!(response.status(), 200);
        assert!(response.headers().contains_key(signature::SIGNATURE_HEADER));
        let seen = next_matching(&mut bed, "signals", |e| match e {
            HandoverEvent::AgentTyping { typing } => Some(typing),
            _ => None,
        })
        .await;
        assert_eq!(seen, typing);
    }
    let other = http::Request::get("/elsewhere").body(Bytes::new()).unwrap();
    assert_eq!(bed.provider.handle(other).await.status(), 404);
}

#[tokio::test]
async fn an_agent_handing_over_to_another_agent_is_reported() {
    let sim = sim().agent(SimAgent::new("Alice").keep_open());
    let mut bed = start(sim, |c| c).await;
    bed.provider.start(request("transfer")).await.unwrap();
    let status = wait_for_status(&bed.provider, "transfer", |s| {
        matches!(s, HandoverStatus::Active { .. })
    })
    .await;
    event_delivered(&bed.sim, "intervention.assigned").await;
    let HandoverStatus::Active { agent: alice } = status else {
        unreachable!()
    };
    let session = store_of(&bed).load(&"transfer".into()).await.unwrap().unwrap();
    // Engage says the intervention now belongs to someone else.
    let event = json!({
        "id": "wh-transfer", "domain_id": "d",
        "events": [{
            "type": "intervention.user_updated", "id": "ev-transfer", "issued_at": "2030-01-01T00:00:00Z",
            "user_id": "someone-else",
            "resource": {
                "type": "Intervention",
                "id": session.intervention_id.clone().unwrap(),
                "metadata": {"thread_id": session.thread_id.clone().unwrap(), "user_id": "someone-else"}
            }
        }]
    });
    assert_eq!(post_webhook(&bed, &event).await, 200);
    let left = next_matching(&mut bed, "transfer", |e| match e {
        HandoverEvent::AgentLeft { agent } => Some(agent),
        _ => None,
    })
    .await;
    assert_eq!(left, alice);
    let joined = next_matching(&mut bed, "transfer", |e| match e {
        HandoverEvent::AgentJoined { agent } => Some(agent),
        _ => None,
    })
    .await;
    assert_eq!(joined.id.as_deref(), Some("someone-else"));
    let status = bed.provider.status(&"transfer".into()).await.unwrap();
    assert!(matches!(status, Some(HandoverStatus::Active { agent }) if agent == joined));
}

#[tokio::test]
async fn a_silent_agent_is_reported_when_so_configured() {
    // Alice takes the conversation and never writes.
    let sim = sim()
        .agent(SimAgent::new("Alice").keep_open().replies(["never sent"]))
        .faults(Faults::default().agent_no_show(1.0));
    let mut bed = start(sim, |c| {
        c.agent_no_show(Duration::from_millis(300), NoShowAction::Notify)
    })
    .await;
    bed.provider.start(request("quiet-agent")).await.unwrap();
    let text = next_matching(&mut bed, "quiet-agent", |e| match e {
        HandoverEvent::Notice { text } if text.contains("agent") => Some(text),
        _ => None,
    })
    .await;
    assert_eq!(text, "The agent has not answered yet.");
    // Only reported: the handover goes on.
    let status = bed.provider.status(&"quiet-agent".into()).await.unwrap();
    assert!(
        matches!(status, Some(HandoverStatus::Active { .. })),
        "{status:?}"
    );
}
