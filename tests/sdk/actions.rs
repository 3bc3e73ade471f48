//! Parsing of every documented inbound action, from fixtures shaped like the docs' examples.

use ringcentral_engage::sdk::action::{Action, ParseError, Request, Resource};
use ringcentral_engage::sdk::objects::Format;
use std::time::Duration;

use ringcentral_engage::queue::{EstimatedWait, QueuePosition, QueueUpdate, UnknownReason};
use serde_json::json;
use time::macros::datetime;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/sdk/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn parse(body: &str) -> Action {
    Request::parse(body.as_bytes()).unwrap().action
}

#[test]
fn implementation_info_with_time() {
    let req = Request::parse(&fixture("implementation_info.json")).unwrap();
    assert_eq!(req.action, Action::ImplementationInfo);
    assert_eq!(req.time.unwrap().unix_timestamp(), 1_349_111_920);
}

#[test]
fn private_message_create_keeps_text_and_ignores_unknown_fields() {
    let Action::CreatePrivateMessage(pm) = Request::parse(&fixture("private_messages_create.json"))
        .unwrap()
        .action
    else {
        panic!("wrong action")
    };
    assert_eq!(pm.content_id.as_deref(), Some("4242"));
    assert_eq!(pm.author_id.as_deref(), Some("agent-7"));
    assert_eq!(pm.recipient_id.as_deref(), Some("user-1"));
    assert_eq!(
        pm.body.as_deref(),
        Some("Bonjour Zoë, voici le lien : https://example.com/aide ✓")
    );
    assert_eq!(pm.format, Some(Format::Text));
    assert_eq!(pm.sender_name.as_deref(), Some("Jane from Support"));
    assert_eq!(pm.in_reply_to_id.as_deref(), Some("m-1"));
    assert!(!pm.retry);
    assert_eq!(pm.attachments.len(), 1);
    assert_eq!(pm.attachments[0].kind.as_deref(), Some("image"));
    assert!(pm.created_at.is_some());
}

#[test]
fn message_create_with_structured_content_and_retry() {
    let Action::CreateMessage(m) = Request::parse(&fixture("messages_create.json")).unwrap().action else {
        panic!("wrong action")
    };
    assert!(m.retry);
    assert_eq!(m.author_id, None);
    assert_eq!(m.thread_id.as_deref(), Some("t-42"));
    assert_eq!(m.structured_content.unwrap()["type"], "select");
}

#[test]
fn thread_create_with_date_only_timestamp() {
    let Action::CreateThread(t) = Request::parse(&fixture("threads_create.json")).unwrap().action else {
        panic!("wrong action")
    };
    assert_eq!(t.title.as_deref(), Some("Billing"));
    assert_eq!(t.created_at.unwrap().date().to_string(), "2012-02-10");
}

#[test]
fn list_show_delete_publish_unpublish_for_each_resource() {
    for resource in [Resource::Messages, Resource::PrivateMessages, Resource::Threads] {
        let r = resource.as_str();
        assert_eq!(
            parse(&format!(r#"{{"action":"{r}.list"}}"#)),
            Action::List {
                resource,
                since_id: None
            }
        );
        assert_eq!(
            parse(&format!(r#"{{"action":"{r}.list","params":{{"since_id":"9"}}}}"#)),
            Action::List {
                resource,
                since_id: Some("9".into())
            }
        );
        let id = "1".to_owned();
        assert_eq!(
            parse(&format!(r#"{{"action":"{r}.show","params":{{"id":1}}}}"#)),
            Action::Show {
                resource,
                id: id.clone()
            }
        );
        assert_eq!(
            parse(&format!(r#"{{"action":"{r}.delete","params":{{"id":"1"}}}}"#)),
            Action::Delete {
                resource,
                id: id.clone()
            }
        );
        assert_eq!(
            parse(&format!(r#"{{"action":"{r}.destroy","params":{{"id":"1"}}}}"#)),
            Action::Delete {
                resource,
                id: id.clone()
            }
        );
        assert_eq!(
            parse(&format!(r#"{{"action":"{r}.publish","params":{{"id":"1"}}}}"#)),
            Action::Publish {
                resource,
                id: id.clone()
            }
        );
        assert_eq!(
            parse(&format!(r#"{{"action":"{r}.unpublish","params":{{"id":"1"}}}}"#)),
            Action::Unpublish { resource, id }
        );
    }
    let Action::List { since_id, .. } = Request::parse(&fixture("messages_list.json")).unwrap().action else {
        panic!()
    };
    assert_eq!(since_id.as_deref(), Some("2523423"));
}

#[test]
fn custom_action_keeps_its_name() {
    let Action::Custom {
        resource,
        name,
        params,
    } = Request::parse(&fixture("custom_action.json")).unwrap().action
    else {
        panic!("wrong action")
    };
    assert_eq!(resource, Resource::Messages);
    assert_eq!(name, "escalate");
    assert_eq!(params.id, "1");
    assert_eq!(params.user_id.as_deref(), Some("1"));
}

#[test]
fn queuing_update_typing_and_status() {
    let Action::QueuingUpdate(q) = Request::parse(&fixture("queuing_update.json")).unwrap().action else {
        panic!()
    };
    assert_eq!(q.estimated_wait_time, Some(json!(30)));
    assert_eq!(q.position, Some(json!(1)));
    assert_eq!(q.thread_id.as_deref(), Some("1"));
    assert_eq!(q.in_reply_to_id.as_deref(), Some("10"));
    let Action::TypingStart(t) =
        parse(r#"{"action":"typing.start","params":{"thread_id":"42","preview":"Hel"}}"#)
    else {
        panic!()
    };
    assert_eq!(t.preview.as_deref(), Some("Hel"));
    assert!(matches!(
        parse(r#"{"action":"typing.stop","params":{"in_reply_to_id":"890"}}"#),
        Action::TypingStop(_)
    ));
    let Action::MarkAsRead(s) = parse(r#"{"action":"status.mark_as_read","params":{"id":890}}"#) else {
        panic!()
    };
    assert_eq!(s.id, "890");
}

/// The queuing update of `params`, decoded into the queue model.
fn queue_update(params: &str) -> QueueUpdate {
    let body = format!(r#"{{"action":"messaging.queuing_update","params":{params}}}"#);
    let Action::QueuingUpdate(raw) = parse(&body) else {
        panic!("not a queuing update: {body}")
    };
    let at = datetime!(2024-05-01 10:00 UTC);
    let update = raw.to_queue_update(at);
    assert_eq!(raw.clone().into_queue_update(at), update);
    assert_eq!(update.observed_at, at);
    update
}

#[test]
fn queuing_update_converts_to_the_queue_model() {
    // Numbers, as in the docs' example.
    let u = queue_update(r#"{"estimated_wait_time":30,"position":1,"thread_id":"1","in_reply_to_id":"10"}"#);
    assert_eq!(u.estimated_wait.duration(), Some(Duration::from_secs(30)));
    assert_eq!(u.position.get(), Some(1));
    assert_eq!(u.thread_id.as_deref(), Some("1"));
    assert_eq!(u.in_reply_to_id.as_deref(), Some("10"));

    // Numeric strings and numeric ids.
    let u = queue_update(r#"{"estimated_wait_time":" 90 ","position":"3","thread_id":7}"#);
    assert_eq!(u.estimated_wait.as_secs(), Some(90));
    assert_eq!(u.position.get(), Some(3));
    assert_eq!(u.thread_id.as_deref(), Some("7"));
    assert_eq!(u.in_reply_to_id, None);

    // Missing values (and blank ids) are unknown, not zero.
    let u = queue_update(r#"{"thread_id":"  "}"#);
    assert!(matches!(
        u.estimated_wait,
        EstimatedWait::Unknown {
            raw: None,
            reason: UnknownReason::Missing
        }
    ));
    assert_eq!(u.position, QueuePosition::Unknown(None));
    assert_eq!(u.thread_id, None);
    let u = queue_update(r#"{"estimated_wait_time":null,"position":null}"#);
    assert!(!u.estimated_wait.is_known());
    assert_eq!(u.position.get(), None);

    // Negative values are unknown, with the raw value kept.
    let u = queue_update(r#"{"estimated_wait_time":-5,"position":-1}"#);
    assert!(matches!(
        u.estimated_wait,
        EstimatedWait::Unknown {
            reason: UnknownReason::Negative,
            ..
        }
    ));
    assert_eq!(u.estimated_wait.raw(), Some(&json!(-5)));
    assert_eq!(u.position, QueuePosition::Unknown(Some(json!(-1))));
    assert_eq!(
        u.to_cognigy_json(),
        json!({"estimatedWaitTime": null, "position": null})
    );

    // Not numbers at all.
    let u = queue_update(r#"{"estimated_wait_time":"soon","position":[1]}"#);
    assert!(matches!(
        u.estimated_wait,
        EstimatedWait::Unknown {
            reason: UnknownReason::NotANumber,
            ..
        }
    ));
    assert_eq!(u.position.get(), None);
}

#[test]
fn refusals() {
    let err = |b: &str| Request::parse(b.as_bytes()).unwrap_err();
    assert!(matches!(err("{not json"), ParseError::NotJson(_)));
    assert!(matches!(
        err(r#"{"params":{"id":"1"}}"#),
        ParseError::MissingAction
    ));
    assert!(matches!(
        err(r#"{"action":"bananas.peel"}"#),
        ParseError::UnknownAction(_)
    ));
    assert!(matches!(
        err(r#"{"action":"implementation"}"#),
        ParseError::UnknownAction(_)
    ));
    assert!(matches!(
        err(r#"{"action":"messages."}"#),
        ParseError::UnknownAction(_)
    ));
    assert!(matches!(
        err(r#"{"action":"threads.create"}"#),
        ParseError::MissingParams(_)
    ));
    assert!(matches!(
        err(r#"{"action":"messages.escalate","params":{"user_id":"1"}}"#),
        ParseError::InvalidParams { .. }
    ));
    assert!(matches!(
        err(r#"{"action":"messages.create","params":{"body":42}}"#),
        ParseError::InvalidParams { .. }
    ));
}
