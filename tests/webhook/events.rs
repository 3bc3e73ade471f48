//! Decoding of webhook envelopes and events.

use proptest::prelude::*;
use ringcentral_engage::webhook::events::{
    sort_by_issued_at, Envelope, EnvelopeError, Event, SynchronizationStatus, TaskCompletionAction,
    TaskTakeMode, KNOWN_EVENT_TYPES,
};
use serde_json::{json, Value};
use time::macros::datetime;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/webhook/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn event(event_type: &str, id: &str, issued_at: &str) -> Value {
    json!({
        "type": event_type,
        "id": id,
        "issued_at": issued_at,
        "resource": {"type": "thing", "id": "r-1", "metadata": {}}
    })
}

#[test]
fn events_md_sample_is_a_typed_intervention_assigned() {
    let envelope = Envelope::parse(&fixture("events_md_intervention_assigned.json")).unwrap();
    assert_eq!(envelope.id.as_deref(), Some("bd13a9d9baa8c20cf93046cd"));
    assert_eq!(
        envelope.domain_id.as_ref().unwrap().as_str(),
        "48cc6703bdae1462ce06a555"
    );
    assert_eq!(envelope.events.len(), 1);
    let Event::InterventionAssigned(data) = &envelope.events[0] else {
        panic!("unexpected {:?}", envelope.events[0]);
    };
    assert_eq!(data.id.as_str(), "70d340997b8cd2c6f4dfee22");
    assert_eq!(data.issued_at, datetime!(2014-02-10 18:35:35.251 UTC));
    assert_eq!(
        data.user_id.as_ref().unwrap().as_str(),
        "4f4f3a08a90ffb27ee000583"
    );
    assert_eq!(data.resource.resource_type, "intervention");
    assert_eq!(data.intervention_id().as_str(), "5464b5c04d61639684110000");
    let m = &data.resource.metadata;
    assert_eq!(m.category_ids.len(), 2);
    assert_eq!(m.category_ids[1].as_str(), "50895dbea90ffb3c35001ace");
    assert_eq!(m.closed_at, None);
    assert_eq!(m.deferred_at, None);
    assert_eq!(
        m.identity_id.as_ref().unwrap().as_str(),
        "557f003c7765620fdc0002cc"
    );
    assert_eq!(m.source_id.as_ref().unwrap().as_str(), "56178fd27765625e06000a66");
    assert_eq!(m.thread_id.as_ref().unwrap().as_str(), "565739986b65795289000029");
    assert_eq!(m.user_id.as_ref().unwrap().as_str(), "52fcf5157aa58dd768000006");
    assert_eq!(m.custom_field_values.get("sample_field"), Some(&Value::Null));
    assert!(m.extra.is_empty());
    assert!(envelope.events[0].intervention().is_some());
    assert!(envelope.events[0].task().is_none());
}

#[test]
fn chatbot_sample_is_a_typed_content_imported() {
    let envelope = Envelope::parse(&fixture("chatbot_content_imported.json")).unwrap();
    let event = &envelope.events[0];
    assert_eq!(event.event_type(), "content.imported");
    assert_eq!(event.user_id(), None);
    let Event::ContentImported(data) = event else {
        panic!("unexpected {event:?}")
    };
    assert_eq!(data.resource.resource_type, "answers/private_message");
    let m = &data.resource.metadata;
    assert_eq!(m.approval_required, Some(false));
    assert_eq!(m.author_id.as_ref().unwrap().as_str(), "536cbd9e7aa58d58f3000050");
    assert_eq!(
        m.body.as_deref(),
        Some("This is just one more test email, sent automatically")
    );
    assert_eq!(m.creator_id, None);
    assert_eq!(m.date.as_deref(), Some("2017-06-26"));
    assert_eq!(m.foreign_id.as_deref(), Some("1056855"));
    assert!(m.foreign_categories.is_empty());
    assert_eq!(
        m.in_reply_to_id.as_ref().unwrap().as_str(),
        "541015010f4ca111df0000b0"
    );
    assert_eq!(m.status.as_deref(), Some("assigned"));
    assert_eq!(m.created_from.as_deref(), Some("synchronizer"));
    assert_eq!(m.private, Some(true));
    assert_eq!(
        m.thread_title.as_deref(),
        Some("This is a nagios check thread, please don't delete!")
    );
}

#[test]
fn every_documented_type_decodes_to_its_own_variant() {
    assert_eq!(KNOWN_EVENT_TYPES.len(), 10 + 3 + 12 + 8 + 9 + 2 + 1);
    let mut seen = std::collections::HashSet::new();
    for (i, event_type) in KNOWN_EVENT_TYPES.iter().enumerate() {
        let parsed = Event::from_value(event(event_type, &format!("e{i}"), "2024-01-01T00:00:00Z"));
        assert!(parsed.is_known(), "{event_type} gave {parsed:?}");
        assert_eq!(parsed.event_type(), *event_type);
        assert_eq!(parsed.id().unwrap().as_str(), format!("e{i}"));
        assert_eq!(parsed.resource_id(), Some("r-1"));
        assert!(
            seen.insert(std::mem::discriminant(&parsed)),
            "{event_type} shares a variant"
        );
        let group = event_type.split('.').next().unwrap();
        let in_group = match group {
            "intervention" => parsed.intervention().is_some(),
            "intervention_segment" => parsed.intervention_segment().is_some(),
            "task" => parsed.task().is_some(),
            "push_agent" => parsed.push_agent().is_some(),
            "content" => parsed.content().is_some(),
            "identity" => parsed.identity().is_some(),
            "survey_response" => parsed.survey_response().is_some(),
            other => panic!("group {other} not covered"),
        };
        assert!(in_group, "{event_type} not in group {group}");
    }
}

#[test]
fn every_group_decodes_its_documented_metadata() {
    let envelope = Envelope::parse(&fixture("all_groups.json")).unwrap();
    assert!(
        envelope.events.iter().all(Event::is_known),
        "{:?}",
        envelope.events
    );
    assert_eq!(
        envelope.extra.get("future_top_level_field"),
        Some(&json!({"x": 1}))
    );
    let by_id = |id: &str| {
        envelope
            .events
            .iter()
            .find(|e| e.id().unwrap().as_str() == id)
            .unwrap()
    };

    let Event::TaskCompleted(t) = by_id("ev-task-completed") else {
        panic!()
    };
    assert_eq!(t.action, Some(TaskCompletionAction::Closed));
    assert_eq!(t.task_id().as_str(), "65e1a0000000000000000001");
    let m = &t.resource.metadata;
    assert_eq!(m.created_at, Some(datetime!(2024-03-01 09:58:00 UTC)));
    assert_eq!(m.priority, Some(2.5));
    assert_eq!(m.action, Some(TaskCompletionAction::Closed));
    assert_eq!(m.agent_ids[0].as_str(), "52fcf5157aa58dd768000006");
    assert_eq!(m.queue.as_deref(), Some("workbin"));
    assert_eq!(m.segment_index, Some(2));
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(
        m.channel_id.as_ref().unwrap().as_str(),
        "5a0000000000000000000001"
    );
    assert_eq!(
        m.content_id.as_ref().unwrap().as_str(),
        "5950328814bf8abf7f79e3cb"
    );

    let Event::TaskTaken(t) = by_id("ev-task-taken") else {
        panic!()
    };
    assert_eq!(t.resource.metadata.take_mode, Some(TaskTakeMode::Ring));
    assert!(t.resource.metadata.extra.is_empty());

    let Event::InterventionSegmentSummaryGenerated(s) = by_id("ev-segment") else {
        panic!()
    };
    let m = &s.resource.metadata;
    assert_eq!(m.intervention_segment_id.as_deref(), Some("seg-1"));
    assert_eq!(
        m.content_thread_id.as_ref().unwrap().as_str(),
        "565739986b65795289000029"
    );
    assert!(m.summary.as_deref().unwrap().starts_with("Customer asked"));

    let Event::PushAgentAvailabilityChange(p) = by_id("ev-push") else {
        panic!()
    };
    let channel = &p.resource.metadata.channels[0];
    assert_eq!(channel.name.as_deref(), Some("Chat"));
    assert_eq!(channel.status.as_deref(), Some("available"));
    assert_eq!(channel.busyness.as_deref(), Some("idle"));
    assert_eq!(
        channel.custom_status_id().unwrap().as_str(),
        "5b0000000000000000000009"
    );

    let Event::ContentExported(c) = by_id("ev-content-exported") else {
        panic!()
    };
    let m = &c.resource.metadata;
    assert_eq!(m.synchronization_status, Some(SynchronizationStatus::Successful));
    assert_eq!(
        m.foreign_id.as_deref(),
        Some("1056856"),
        "numeric foreign id kept as text"
    );
    assert_eq!(m.content_type.as_deref(), Some("private_message"));
    assert_eq!(m.capabilities_supported, ["quick_reply", "carousel"]);
    assert_eq!(m.extra.get("brand_new_metadata"), Some(&json!(true)));

    let Event::IdentityMerged(i) = by_id("ev-identity") else {
        panic!()
    };
    assert_eq!(
        i.resource
            .metadata
            .new_identity_group_id
            .as_ref()
            .unwrap()
            .as_str(),
        "g-new"
    );
    assert_eq!(
        i.resource
            .metadata
            .old_identity_group_id
            .as_ref()
            .unwrap()
            .as_str(),
        "g-old"
    );

    let Event::SurveyResponseImported(s) = by_id("ev-survey") else {
        panic!()
    };
    let m = &s.resource.metadata;
    assert_eq!(m.submitted_at, Some(datetime!(2024-03-01 11:00:00 UTC)));
    assert_eq!(m.main_indicator, Some(4.0));
    assert_eq!(m.main_indicator_scaled, Some(0.75));
    assert_eq!(m.questions[0].replies[0].value, Some(json!(4)));
    assert_eq!(m.questions[0].foreign_id.as_deref(), Some("q1"));
    assert_eq!(m.response_foreign_id.as_deref(), Some("provider-77"));
    assert_eq!(m.answers, Some(json!({"q1": "4"})));
}

#[test]
fn unknown_types_keep_the_whole_event() {
    let raw =
        json!({"type": "bot.rebooted", "id": 77, "issued_at": "2024-01-01T00:00:00Z", "anything": [1, 2]});
    let parsed = Event::from_value(raw.clone());
    let Event::Unknown {
        event_type,
        id,
        raw: kept,
    } = &parsed
    else {
        panic!("{parsed:?}")
    };
    assert_eq!(event_type, "bot.rebooted");
    assert_eq!(id.as_ref().unwrap().as_str(), "77");
    assert_eq!(kept, &raw);
    assert_eq!(parsed.issued_at(), Some(datetime!(2024-01-01 00:00:00 UTC)));
    assert!(!parsed.is_known());
    assert!(!parsed.is_malformed());
}

#[test]
fn new_fields_at_every_level_are_kept() {
    let parsed = Event::from_value(json!({
        "type": "intervention.closed", "id": "e", "issued_at": "2024-01-01T00:00:00Z",
        "new_event_field": 1,
        "resource": {"type": "intervention", "id": 123, "new_resource_field": "x",
                     "metadata": {"closed_at": "2024-01-01T00:00:00Z", "new_meta": {"deep": true}}}
    }));
    let Event::InterventionClosed(d) = parsed else {
        panic!("{parsed:?}")
    };
    assert_eq!(d.extra.get("new_event_field"), Some(&json!(1)));
    assert!(!d.extra.contains_key("type"));
    assert_eq!(d.resource.id, "123");
    assert_eq!(d.resource.extra.get("new_resource_field"), Some(&json!("x")));
    assert_eq!(
        d.resource.metadata.extra.get("new_meta"),
        Some(&json!({"deep": true}))
    );
    assert_eq!(
        d.resource.metadata.closed_at,
        Some(datetime!(2024-01-01 00:00:00 UTC))
    );
}

#[test]
fn missing_or_null_metadata_is_empty() {
    for resource in [
        json!({"type": "task", "id": "t"}),
        json!({"type": "task", "id": "t", "metadata": null}),
    ] {
        let parsed = Event::from_value(
            json!({"type": "task.created", "id": "e", "issued_at": "2024-01-01T00:00:00Z", "resource": resource}),
        );
        assert!(parsed.task().is_some(), "{parsed:?}");
    }
}

#[test]
fn broken_events_become_malformed_and_keep_the_raw_json() {
    let cases = [
        (json!("just a string"), None),
        (json!({"id": "e1", "issued_at": "2024-01-01T00:00:00Z"}), None),
        (
            json!({"type": "task.taken", "id": "e2", "resource": {"type": "task", "id": "t"}}),
            Some("task.taken"),
        ),
        (
            json!({"type": "task.taken", "id": "e3", "issued_at": "yesterday", "resource": {"type": "task", "id": "t"}}),
            Some("task.taken"),
        ),
        (
            json!({"type": "intervention.opened", "id": "e4", "issued_at": "2024-01-01T00:00:00Z",
                "resource": {"type": "intervention", "id": "i", "metadata": {"category_ids": 5}}}),
            Some("intervention.opened"),
        ),
        (
            json!({"type": "task.taken", "id": {"nested": 1}, "issued_at": "2024-01-01T00:00:00Z", "resource": {"type": "task", "id": "t"}}),
            Some("task.taken"),
        ),
    ];
    for (raw, expected_type) in cases {
        let parsed = Event::from_value(raw.clone());
        let Event::Malformed {
            event_type,
            error,
            raw: kept,
            ..
        } = &parsed
        else {
            panic!("{raw} gave {parsed:?}")
        };
        assert_eq!(event_type.as_deref(), expected_type);
        assert!(!error.is_empty());
        assert_eq!(kept, &raw);
        assert!(parsed.is_malformed());
    }
}

#[test]
fn envelope_level_errors() {
    assert!(matches!(
        Envelope::parse(b"<html>"),
        Err(EnvelopeError::NotJson(_))
    ));
    assert!(matches!(Envelope::parse(b""), Err(EnvelopeError::NotJson(_))));
    assert!(matches!(
        Envelope::parse(b"[1,2]"),
        Err(EnvelopeError::NotAnObject)
    ));
    assert!(matches!(
        Envelope::parse(br#"{"id":"x","domain_id":"d"}"#),
        Err(EnvelopeError::MissingEvents)
    ));
    assert!(matches!(
        Envelope::parse(br#"{"events":{}}"#),
        Err(EnvelopeError::EventsNotAnArray)
    ));
    assert!(matches!(
        Envelope::parse(br#"{"events":null}"#),
        Err(EnvelopeError::EventsNotAnArray)
    ));
    let e = Envelope::parse(br#"{"events":[]}"#).unwrap();
    assert_eq!((e.id, e.domain_id), (None, None));
}

#[test]
fn sort_by_issued_at_is_stable_and_puts_undated_events_last() {
    let mut events: Vec<Event> = [
        event("task.taken", "c", "2024-01-01T00:00:03Z"),
        json!({"type": "x.y", "id": "undated"}),
        event("task.created", "a", "2024-01-01T00:00:01Z"),
        event("task.assigned", "b1", "2024-01-01T00:00:02Z"),
        event("task.assigned", "b2", "2024-01-01T00:00:02Z"),
        event("task.created", "z", "2023-12-31T22:00:01.500-02:00"),
    ]
    .into_iter()
    .map(Event::from_value)
    .collect();
    sort_by_issued_at(&mut events);
    let ids: Vec<&str> = events.iter().map(|e| e.id().unwrap().as_str()).collect();
    assert_eq!(ids, ["a", "z", "b1", "b2", "c", "undated"]);
}

#[test]
fn a_5_mb_batch_of_10_000_events_parses() {
    let body = big_batch(10_000);
    assert!(body.len() >= 5 * 1024 * 1024, "only {} bytes", body.len());
    let envelope = Envelope::parse(&body).unwrap();
    assert_eq!(envelope.events.len(), 10_000);
    assert!(envelope.events.iter().all(Event::is_known));
}

/// A batch of `n` content events, padded to about 530 bytes each.
pub fn big_batch(n: usize) -> Vec<u8> {
    let events: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "type": "content.imported", "id": format!("ev-{i:08}"),
                "issued_at": "2024-01-01T00:00:00Z",
                "resource": {"type": "answers/private_message", "id": format!("c-{i}"), "metadata": {
                    "body": "x".repeat(300), "thread_id": "565739986b65795289000029",
                    "source_id": "56178fd27765625e06000a66", "private": true, "status": "new"}}
            })
        })
        .collect();
    serde_json::to_vec(&json!({"id": "big", "domain_id": "d", "events": events})).unwrap()
}

proptest! {
    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let _ = Envelope::parse(&bytes);
    }

    #[test]
    fn any_event_shape_yields_one_event(
        event_type in prop_oneof![Just("task.taken".to_owned()), Just("intervention.closed".to_owned()), "[a-z._]{0,20}"],
        id in prop_oneof![Just(json!("e")), Just(json!(5)), Just(json!(null)), Just(json!([1]))],
        issued_at in prop_oneof![Just(json!("2024-01-01T00:00:00Z")), Just(json!("nope")), Just(json!(3))],
        metadata in prop_oneof![Just(json!({})), Just(json!(null)), Just(json!({"category_ids": "x", "agent_ids": 1})), Just(json!([]))],
    ) {
        let body = json!({"events": [{"type": event_type, "id": id, "issued_at": issued_at,
                                       "resource": {"type": "r", "id": "1", "metadata": metadata}}]});
        let envelope = Envelope::parse(&serde_json::to_vec(&body).unwrap()).unwrap();
        prop_assert_eq!(envelope.events.len(), 1);
    }
}

#[test]
fn events_serialize_back_to_their_json() {
    let envelope = Envelope::parse(&fixture("events_md_intervention_assigned.json")).unwrap();
    let original: Value = serde_json::from_slice(&fixture("events_md_intervention_assigned.json")).unwrap();
    let again = serde_json::to_value(&envelope.events[0]).unwrap();
    let reparsed = Event::from_value(again.clone());
    assert_eq!(reparsed, envelope.events[0]);
    assert_eq!(
        again["resource"]["metadata"]["thread_id"],
        original["events"][0]["resource"]["metadata"]["thread_id"]
    );
    let unknown = json!({"type": "x.y", "id": "1"});
    assert_eq!(
        serde_json::to_value(Event::from_value(unknown.clone())).unwrap(),
        unknown
    );
}

#[test]
fn thread_id_is_found_in_every_group_that_names_one() {
    let with = |event_type: &str, resource: Value| {
        Event::from_value(json!({
            "type": event_type, "id": "e1", "issued_at": "2024-01-01T00:00:00Z", "resource": resource
        }))
        .thread_id()
        .map(|t| t.to_string())
    };
    let meta = |key: &str| json!({"type": "X", "id": "r1", "metadata": {key: "th-1"}});
    assert_eq!(
        with("intervention.opened", meta("thread_id")).as_deref(),
        Some("th-1")
    );
    assert_eq!(with("task.created", meta("thread_id")).as_deref(), Some("th-1"));
    assert_eq!(
        with("content.imported", meta("thread_id")).as_deref(),
        Some("th-1")
    );
    assert_eq!(
        with(
            "intervention_segment.summary_generated",
            meta("content_thread_id")
        )
        .as_deref(),
        Some("th-1")
    );
    // content.thread_*: the resource is the thread itself, or a content naming it in its
    // metadata; both shapes, for the three event types.
    for kind in [
        "content.thread_closed",
        "content.thread_opened",
        "content.thread_auto_closed",
    ] {
        let thread = json!({"type": "Thread", "id": "th-2", "metadata": {}});
        assert_eq!(with(kind, thread).as_deref(), Some("th-2"), "{kind}");
        let bare = json!({"type": "Thread", "id": "th-2"});
        assert_eq!(with(kind, bare).as_deref(), Some("th-2"), "{kind}");
        let untyped = json!({"id": "th-2", "metadata": {"foreign_id": "x"}});
        assert_eq!(with(kind, untyped).as_deref(), Some("th-2"), "{kind}");
        let content =
            json!({"type": "Content", "id": "c-9", "metadata": {"thread_id": "th-3", "source_id": "s"}});
        assert_eq!(with(kind, content).as_deref(), Some("th-3"), "{kind}");
        let numeric = json!({"type": "Content", "id": "c-9", "metadata": {"thread_id": 33}});
        assert_eq!(with(kind, numeric).as_deref(), Some("33"), "{kind}");
    }
    // An event type from the future still names its thread in the raw JSON.
    assert_eq!(
        with("thread.brand_new", meta("thread_id")).as_deref(),
        Some("th-1")
    );
    // Groups without a thread; a numeric id is read, anything else is not an id.
    assert_eq!(with("identity.merged", meta("thread_id")), None);
    assert_eq!(
        with("thread.brand_new", json!({"metadata": {"thread_id": 7}})).as_deref(),
        Some("7")
    );
    assert_eq!(
        with("thread.brand_new", json!({"metadata": {"thread_id": [7]}})),
        None
    );
}

/// The subscription enum and the typed events come from one list: every typed event's name is a
/// known subscription name and the other way round, including the names the two lists once
/// disagreed on.
#[test]
fn subscription_names_and_typed_events_are_one_list() {
    use ringcentral_engage::models::WebhookEventName;
    for name in KNOWN_EVENT_TYPES {
        let subscription = WebhookEventName::from(*name);
        assert!(!matches!(subscription, WebhookEventName::Other(_)), "{name}");
        assert_eq!(subscription.as_str(), *name);
    }
    for name in [
        "content.thread_closed",
        "content.thread_opened",
        "content.thread_auto_closed",
        "intervention_segment.summary_generated",
        "intervention_segment.summary_submitted",
        "intervention_segment.summary_generation_failed",
        "push_agent.missed_task",
    ] {
        assert!(KNOWN_EVENT_TYPES.contains(&name), "{name}");
    }
    assert_eq!(KNOWN_EVENT_TYPES.len(), 45);
}
