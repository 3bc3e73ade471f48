//! The Engage handover end to end against the built-in simulator.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::*;
use ringcentral_engage::handover::{
    AfterEnd, EndReason, HandoverEvent, HandoverProvider, HandoverRequest, HandoverStatus, Speaker,
    TranscriptEntry,
};
use ringcentral_engage::profile::{ContactProfile, FieldMap};
use ringcentral_engage::sim::SimAgent;
use serde_json::json;

fn profile() -> ContactProfile {
    ContactProfile::from_value(
        &json!({
            "id": "contact-1", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.com",
            "gender": "F", "accepted_gdpr": true, "plan": "gold"
        }),
        &FieldMap::default(),
    )
    .unwrap()
}

fn request(conversation: &str) -> HandoverRequest {
    HandoverRequest::new(conversation, profile())
        .transcript([
            TranscriptEntry::new(Speaker::Bot, "Hello! How can I help?"),
            TranscriptEntry::new(Speaker::User, "My modem is broken"),
        ])
        .message("I want to talk to a human")
        .context_field("order_id", "A-1")
}

#[tokio::test]
async fn full_handover_with_transcript_profile_queue_and_agent() {
    let sim = sim()
        .agent(
            SimAgent::new("Alice")
                .think_time(Duration::from_secs(2))
                .replies(["Hi, I'm Alice.", "Fixed!"]),
        )
        .queue_ahead(2)
        .average_handle_time(Duration::from_secs(60))
        .queue_update_interval(Duration::from_secs(30));
    let mut bed = start(sim, |c| c).await;
    let started = bed.provider.start(request("conv-1")).await.unwrap();
    assert!(!started.existing);
    let events = until_end(&mut bed.events, "conv-1", Duration::from_secs(20)).await;
    let kinds = kinds(&events);
    assert_eq!(kinds.first(), Some(&"accepted"));
    assert!(kinds.contains(&"queued"));
    let queued: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            HandoverEvent::Queued { update: Some(u) } => Some(u.clone()),
            _ => None,
        })
        .collect();
    assert!(!queued.is_empty(), "{kinds:?}");
    let first = &queued[0];
    assert_eq!(first.position.get(), Some(3));
    assert!(first.estimated_wait.as_secs().is_some());
    let cognigy = first.to_cognigy_json();
    assert_eq!(cognigy["position"], 3);
    assert_eq!(cognigy["estimatedWaitTime"].as_u64().unwrap() % 1000, 0);
    let joined: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            HandoverEvent::AgentJoined { agent } => Some(agent.display_name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(joined, ["Alice"]);
    let texts: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            HandoverEvent::AgentMessage { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, ["Hi, I'm Alice.", "Fixed!"]);
    assert_eq!(
        events.last(),
        Some(&HandoverEvent::Ended {
            reason: EndReason::AgentClosed,
            next: AfterEnd::BackToBot
        })
    );
    // Exactly one Ended.
    assert_eq!(kinds.iter().filter(|k| **k == "ended").count(), 1);

    // What Engage holds: the transcript and message in one thread, the mapped identity.
    let inspect = bed.sim.inspect();
    let (thread, bodies, identity) = inspect.read(|s| {
        let thread = s.thread_by_foreign_id("conv-1").cloned().unwrap();
        let bodies: Vec<String> = s.contents_in(&thread.id).iter().map(|c| c.body.clone()).collect();
        let identity = s
            .identities()
            .iter()
            .find(|i| i.foreign_id == "contact-1")
            .cloned()
            .unwrap();
        (thread, bodies, identity)
    });
    assert!(bodies.starts_with(&[
        "Hello! How can I help?".to_owned(),
        "My modem is broken".to_owned(),
        "I want to talk to a human".to_owned()
    ]));
    assert_eq!(identity.firstname.as_deref(), Some("Ada"));
    assert_eq!(identity.gender.as_deref(), Some("woman"));
    assert_eq!(
        identity.context_data.as_ref().unwrap()["accepted-gdpr"],
        json!("true")
    );
    assert_eq!(identity.context_data.as_ref().unwrap()["order-id"], json!("A-1"));
    // Back to the Bot category at the end.
    let categories = inspect.read(|s| s.thread_by_foreign_id("conv-1").unwrap().category_ids.clone());
    assert_eq!(categories, vec![bed.sim.bot_category_id()]);
    let status = bed.provider.status(&"conv-1".into()).await.unwrap().unwrap();
    assert!(matches!(
        status,
        HandoverStatus::Ended {
            reason: EndReason::AgentClosed,
            ..
        }
    ));
    assert_eq!(
        thread.source_id,
        bed.sim.source_id(),
        "the thread is on the SDK source"
    );
}
