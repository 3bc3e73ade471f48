//! Fixtures shaped like the spec's schemas and the docs' chatbot samples decode into the
//! typed conversation models; unknown enum values and extra fields are kept or tolerated.

use crate::common;

use common::fixture;
use ringcentral_engage::models::{
    Attachment, AttachmentsSecurityLevel, BodyInputFormat, BotResponse, Category, Channel, Community,
    Content, EmailAuthenticationType, Event, Identity, IdentityGroup, Intervention, InterventionComment,
    RatedWith, SlaExpiredStrategy, Source, SslVerifyMode, Task, Thread, TranslationStatus, User, Webhook,
    WebhookEventName,
};
use ringcentral_engage::Page;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};

fn decode<T: DeserializeOwned>(name: &str) -> T {
    serde_json::from_value(fixture("rest", name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn content_reply_sample_from_the_chatbot_docs() {
    let c: Content = decode("content");
    assert_eq!(c.id.as_str(), "73f1cb2938229d7fa222d096");
    assert_eq!(c.kind.as_deref(), Some("question"));
    assert_eq!(c.body_input_format, Some(BodyInputFormat::Text));
    assert_eq!(
        c.body_formatted.unwrap().html.unwrap(),
        "<p>Hello,</p>\n\n<p>How to unlock my nokia 3210?</p>\n\n<p>Thanks!</p>"
    );
    assert_eq!(c.attachments[0].size, Some(174784));
    assert_eq!(c.category_ids.len(), 2);
    assert_eq!(c.created_at.unwrap().unix_timestamp(), 1_337_832_044);
}

#[test]
fn content_with_every_optional_field_and_an_unknown_rating() {
    let c: Content = decode("content_email");
    assert_eq!(c.rated_with, Some(RatedWith::Other("THUMBS_SIDEWAYS".into())));
    assert_eq!(c.translation_status, Some(TranslationStatus::Success));
    assert_eq!(c.headers.unwrap()["X-Test"], vec!["1", "2"]);
    assert_eq!(c.context_data.unwrap()["order_number"], json!("A-42"));
    assert_eq!(c.in_reply_to_id, None);
    // The spec's ContentAttachment types these flags as strings.
    assert_eq!(c.attachments[0].embed, Some(false));
    assert_eq!(c.attachments[0].public, Some(true));
    let back = serde_json::to_value(decode::<Content>("content_email")).unwrap();
    assert_eq!(back["rated_with"], json!("THUMBS_SIDEWAYS"));
}

#[test]
fn thread_samples_from_the_chatbot_docs() {
    let t: Thread = decode("thread");
    assert_eq!(t.id.as_str(), "9c9903dc3d559a6801ec5441");
    assert_eq!(t.closed, Some(false));
    assert_eq!(t.extra_data.unwrap()["custom_my_number"], json!(123456));
    assert_eq!(t.disable_text_input, None);
    let m: Thread = decode("messaging_thread");
    assert_eq!(m.disable_text_input, Some(true));
}

#[test]
fn intervention_sample_from_the_chatbot_docs() {
    let i: Intervention = decode("intervention");
    assert_eq!(i.content_id.unwrap().as_str(), "c93e3586250ff60181b6c2f0");
    assert_eq!(i.user_reply_in_average_bh, Some(63000));
    assert!(i.deferred_at.is_some() && i.closed_at.is_some());
    let c: InterventionComment = decode("intervention_comment");
    assert_eq!(c.body.as_deref(), Some("Customer called back"));
}

#[test]
fn bot_response_status_as_number_or_string() {
    let r: BotResponse = decode("bot_response");
    assert_eq!(r.status.as_deref(), Some("200"));
    let r: BotResponse = serde_json::from_value(json!({"status": "200", "message": "Success"})).unwrap();
    assert_eq!(r.status.as_deref(), Some("200"));
}

#[test]
fn task_source_channel_community() {
    let t: Task = decode("task");
    assert_eq!(t.agent_ids.len(), 1);
    assert_eq!(t.completed_at, None);
    let s: Source = decode("source");
    assert_eq!(s.sla_expired_strategy, Some(SlaExpiredStrategy::Half));
    assert_eq!(
        s.attachments_security_level,
        Some(AttachmentsSecurityLevel::Relaxed)
    );
    assert_eq!(
        s.email.smtp_authentication_type,
        Some(EmailAuthenticationType::MicrosoftIdentityPlatform)
    );
    assert_eq!(s.email.smtp_ssl_verify_mode, Some(SslVerifyMode::ClientOnce));
    assert_eq!(
        s.auto_response_trigger_grace_periods
            .unwrap()
            .first_message_from_user,
        Some(600)
    );
    assert_eq!(s.signatures[0].name.as_deref(), Some("Default"));
    let ch: Channel = decode("channel");
    assert_eq!(ch.source_ids.len(), 1);
    let cm: Community = decode("community");
    assert_eq!(cm.active, Some(true));
}

#[test]
fn a_sparse_source_still_decodes() {
    let s: Source =
        serde_json::from_value(json!({"id": "s1", "type": "dimelo_sdk", "new_field": [1]})).unwrap();
    assert_eq!(s.kind.as_deref(), Some("dimelo_sdk"));
    assert_eq!(s.email.imap_port, None);
}

#[test]
fn attachment_event_webhook() {
    let a: Attachment = decode("attachment");
    assert_eq!(a.embed, Some(false));
    let e: Event = decode("event");
    let extra = e.extra_infos.unwrap();
    assert_eq!(extra.time_sheet_id.unwrap().as_str(), "ts1");
    assert_eq!(extra.foreign_id, None);
    let w: Webhook = decode("webhook");
    assert_eq!(w.registered_events[0], WebhookEventName::InterventionOpened);
    assert_eq!(w.registered_events[3].as_str(), "content.some_new_event");
    assert!(!format!("{w:?}").contains("verify-me-7c1"));
    let back = serde_json::to_value(&w).unwrap();
    assert_eq!(back["verify_token"], json!("verify-me-7c1"));
    assert_eq!(back["registered_events"][3], json!("content.some_new_event"));
}

#[test]
fn pages_of_each_resource_decode() {
    for name in [
        "content",
        "thread",
        "intervention",
        "task",
        "source",
        "channel",
        "community",
        "attachment",
        "event",
        "webhook",
    ] {
        let body = json!({"count": 1, "offset": 0, "limit": 30, "records": [fixture("rest", name)]});
        let n = match name {
            "content" => serde_json::from_value::<Page<Content>>(body).map(|p| p.records.len()),
            "thread" => serde_json::from_value::<Page<Thread>>(body).map(|p| p.records.len()),
            "intervention" => serde_json::from_value::<Page<Intervention>>(body).map(|p| p.records.len()),
            "task" => serde_json::from_value::<Page<Task>>(body).map(|p| p.records.len()),
            "source" => serde_json::from_value::<Page<Source>>(body).map(|p| p.records.len()),
            "channel" => serde_json::from_value::<Page<Channel>>(body).map(|p| p.records.len()),
            "community" => serde_json::from_value::<Page<Community>>(body).map(|p| p.records.len()),
            "attachment" => serde_json::from_value::<Page<Attachment>>(body).map(|p| p.records.len()),
            "event" => serde_json::from_value::<Page<Event>>(body).map(|p| p.records.len()),
            _ => serde_json::from_value::<Page<Webhook>>(body).map(|p| p.records.len()),
        };
        assert_eq!(n.unwrap_or_else(|e| panic!("{name}: {e}")), 1);
    }
}

/// Adds `brand_new_field` to `record`, decodes it as `T`, reads the field back from the
/// record's `extra` map, and checks that serializing writes it back (and decodes to the same).
fn keeps_unknown_fields<T>(mut record: Value, extra: fn(&T) -> &Map<String, Value>)
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let new = json!({"nested": [1, "two", null], "flag": true});
    record["brand_new_field"] = new.clone();
    let decoded: T = serde_json::from_value(record.clone()).unwrap();
    let kept = extra(&decoded);
    assert_eq!(kept.get("brand_new_field"), Some(&new), "{kept:?}");
    assert!(!kept.contains_key("id"), "known fields stay typed: {kept:?}");
    let back = serde_json::to_value(&decoded).unwrap();
    assert_eq!(back["brand_new_field"], new);
    assert_eq!(back["id"], record["id"]);
    let again: T = serde_json::from_value(back).unwrap();
    assert_eq!(again, decoded);
}

#[test]
fn core_models_keep_unknown_fields_and_write_them_back() {
    keeps_unknown_fields::<User>(
        json!({"id": "u1", "firstname": "Ada", "created_at": "2024-01-02T03:04:05Z"}),
        |u| &u.extra,
    );
    keeps_unknown_fields::<Thread>(fixture("rest", "thread"), |t| &t.extra);
    keeps_unknown_fields::<Content>(fixture("rest", "content"), |c| &c.extra);
    keeps_unknown_fields::<Intervention>(fixture("rest", "intervention"), |i| &i.extra);
    keeps_unknown_fields::<Source>(fixture("rest", "source"), |s| &s.extra);
    keeps_unknown_fields::<Task>(fixture("rest", "task"), |t| &t.extra);
    keeps_unknown_fields::<Identity>(json!({"id": "i1", "screenname": "ada"}), |i| &i.extra);
    keeps_unknown_fields::<IdentityGroup>(json!({"id": "g1", "emails": ["a@example.com"]}), |g| &g.extra);
    keeps_unknown_fields::<Category>(json!({"id": "c1", "name": "Billing", "color": 3}), |c| &c.extra);
}

#[test]
fn a_user_thread_and_content_hold_exactly_the_unknown_fields() {
    let user: User = serde_json::from_value(json!({
        "id": "u1", "email": "ada@example.com", "brand_new_field": "x", "another": 2
    }))
    .unwrap();
    assert_eq!(user.email.as_deref(), Some("ada@example.com"));
    assert_eq!(user.extra.len(), 2);
    assert_eq!(user.extra["brand_new_field"], "x");
    let text = serde_json::to_string(&user).unwrap();
    assert!(text.contains(r#""brand_new_field":"x""#), "{text}");

    let mut thread = fixture("rest", "thread");
    thread["brand_new_field"] = json!(42);
    let thread: Thread = serde_json::from_value(thread).unwrap();
    assert_eq!(thread.extra.keys().collect::<Vec<_>>(), ["brand_new_field"]);
    assert_eq!(thread.extra_data.as_ref().unwrap()["trigger_id"], "foo");

    let mut content = fixture("rest", "content");
    content["brand_new_field"] = json!({"a": 1});
    let content: Content = serde_json::from_value(content).unwrap();
    assert_eq!(content.extra["brand_new_field"]["a"], 1);
    assert!(serde_json::to_string(&content)
        .unwrap()
        .contains("brand_new_field"));
}
