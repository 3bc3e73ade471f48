//! Contents, threads, interventions, intervention comments, bots and tasks against wiremock:
//! each method's HTTP method, path, exact query and typed answer.

mod conv_common;

use conv_common::{expect, fixture, page, setup};
use ringcentral_engage::api::{SearchQuery, SortDirection, SortField, ThreadStatus};
use ringcentral_engage::models::{
    CategoryId, HandoverParty, HandoverType, InterventionSort, InterventionStatus, ThreadId,
};
use ringcentral_engage::Error;
use serde_json::json;

fn cats() -> Vec<CategoryId> {
    vec![CategoryId::new("c1"), CategoryId::new("c2")]
}

// ---- contents ----

#[tokio::test]
async fn contents_list_with_q() {
    let (server, c) = setup().await;
    let q = r#"intervention:7f94 source:"a b" order:created_at.asc"#;
    expect(
        &server,
        "GET",
        "/1.0/contents",
        &[("q", q), ("limit", "10")],
        page(vec![fixture("content")]),
    )
    .await;
    let query = SearchQuery::new()
        .intervention(&"7f94".into())
        .source(&"a b".into())
        .order(SortField::CreatedAt, SortDirection::Asc);
    let p = c
        .contents()
        .list()
        .q(&query)
        .unwrap()
        .limit(10)
        .send()
        .await
        .unwrap();
    assert_eq!(p.records[0].id.as_str(), "73f1cb2938229d7fa222d096");
}

#[tokio::test]
async fn contents_get() {
    let (server, c) = setup().await;
    expect(&server, "GET", "/1.0/contents/c1", &[], fixture("content")).await;
    let content = c.contents().get(&"c1".into()).await.unwrap();
    assert_eq!(content.attachments[0].filename.as_deref(), Some("sso.pdf"));
}

#[tokio::test]
async fn contents_create_new_discussion_with_every_parameter() {
    let (server, c) = setup().await;
    let query = [
        ("body", "Hello"),
        ("source_id", "s1"),
        ("private", "true"),
        ("author_id", "i1"),
        ("attachment_ids[]", "a1"),
        ("attachment_ids[]", "a2"),
        ("auto_submitted", "false"),
        ("title", "Subject"),
        ("to", "+33600000000"),
        ("to[]", "x@example.com"),
        ("cc[]", "y@example.com"),
        ("bcc[]", "z@example.com"),
        ("template_name", "welcome"),
        ("template_language", "en"),
        ("disable_text_input_on_thread", "true"),
    ];
    expect(&server, "POST", "/1.0/contents", &query, fixture("content")).await;
    let content = c
        .contents()
        .create("Hello")
        .source_id(&"s1".into())
        .private(true)
        .author_id(&"i1".into())
        .attachment_ids(&["a1".into(), "a2".into()])
        .auto_submitted(false)
        .title("Subject")
        .to("+33600000000")
        .to_addresses(["x@example.com"])
        .cc(["y@example.com"])
        .bcc(["z@example.com"])
        .template_name("welcome")
        .template_language("en")
        .disable_text_input_on_thread(true)
        .await
        .unwrap();
    assert_eq!(content.status.as_deref(), Some("replied"));
}

#[tokio::test]
async fn contents_reply() {
    let (server, c) = setup().await;
    expect(
        &server,
        "POST",
        "/1.0/contents",
        &[("body", "Thanks"), ("in_reply_to_id", "c9")],
        fixture("content"),
    )
    .await;
    c.contents().reply(&"c9".into(), "Thanks").send().await.unwrap();
}

#[tokio::test]
async fn contents_ignore() {
    let (server, c) = setup().await;
    expect(&server, "PUT", "/1.0/contents/c1/ignore", &[], fixture("content")).await;
    c.contents().ignore(&"c1".into()).await.unwrap();
}

#[tokio::test]
async fn contents_update_categories() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/1.0/contents/c1/update_categories",
        &[("category_ids[]", "c1"), ("category_ids[]", "c2")],
        fixture("content"),
    )
    .await;
    c.contents()
        .update_categories(&"c1".into(), &cats())
        .await
        .unwrap();
}

#[tokio::test]
async fn contents_update_custom_score() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/1.0/contents/c1/update_custom_score",
        &[("custom_score", "2.5")],
        fixture("content"),
    )
    .await;
    c.contents().update_custom_score(&"c1".into(), 2.5).await.unwrap();
}

// ---- threads ----

#[tokio::test]
async fn threads_list_with_q() {
    let (server, c) = setup().await;
    // An embedded double quote is refused before anything is sent.
    let bad = SearchQuery::new().text(r#"it's "broken""#);
    assert!(matches!(
        c.threads().list().q(&bad),
        Err(Error::InvalidArgument { name: "q", .. })
    ));
    assert!(server.received_requests().await.unwrap().is_empty());

    let q = r#"foreign:ab-2031 -status_in:ignored categorized_in:c1 first_content_after:"2 hours ago" text:"modem broken""#;
    expect(
        &server,
        "GET",
        "/1.0/content_threads",
        &[("q", q)],
        page(vec![fixture("thread")]),
    )
    .await;
    let query = SearchQuery::new()
        .foreign("ab-2031")
        .negate()
        .status_in(ThreadStatus::Ignored)
        .categorized_in(&"c1".into())
        .first_content_after("2 hours ago")
        .text("modem broken");
    let p = c.threads().list().q(&query).unwrap().send().await.unwrap();
    assert_eq!(p.records[0].foreign_id.as_deref(), Some("ab-2031"));
}

#[tokio::test]
async fn threads_get() {
    let (server, c) = setup().await;
    expect(&server, "GET", "/1.0/content_threads/t1", &[], fixture("thread")).await;
    let t = c.threads().get(&"t1".into()).await.unwrap();
    assert_eq!(
        t.thread_category_ids,
        vec![CategoryId::new("4d0fb475b242228a32cbdf6d")]
    );
}

#[tokio::test]
async fn threads_state_changes() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/1.0/content_threads/t1/close",
        &[],
        fixture("thread"),
    )
    .await;
    expect(
        &server,
        "GET",
        "/1.0/content_threads/t1/open",
        &[],
        fixture("thread"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/1.0/content_threads/t1/ignore",
        &[],
        fixture("thread"),
    )
    .await;
    let id = ThreadId::new("t1");
    assert_eq!(c.threads().close(&id).await.unwrap().closed, Some(false));
    c.threads().open(&id).await.unwrap();
    c.threads().archive(&id).await.unwrap();
}

#[tokio::test]
async fn threads_update_categories() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/1.0/content_threads/t1/update_categories",
        &[("thread_category_ids[]", "c1"), ("thread_category_ids[]", "c2")],
        fixture("thread"),
    )
    .await;
    c.threads()
        .update_categories(&"t1".into(), &cats())
        .await
        .unwrap();
}

#[tokio::test]
async fn threads_text_input() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/1.0/content_threads/t1/disable_text_input",
        &[],
        fixture("messaging_thread"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/1.0/content_threads/t1/enable_text_input",
        &[],
        fixture("messaging_thread"),
    )
    .await;
    let t = c.threads().disable_text_input(&"t1".into()).await.unwrap();
    assert_eq!(t.disable_text_input, Some(true));
    c.threads().enable_text_input(&"t1".into()).await.unwrap();
}

// ---- interventions ----

#[tokio::test]
async fn interventions_list_with_every_filter() {
    let (server, c) = setup().await;
    let query = [
        ("thread_id", "t1"),
        ("user_id", "u1"),
        ("identity_group_id", "g1"),
        ("identity_id[]", "i1"),
        ("identity_id[]", "i2"),
        ("status", "active"),
        ("sort", "updated_at"),
        ("offset", "30"),
    ];
    expect(
        &server,
        "GET",
        "/1.0/interventions",
        &query,
        page(vec![fixture("intervention")]),
    )
    .await;
    let p = c
        .interventions()
        .list()
        .thread_id(&"t1".into())
        .user_id(&"u1".into())
        .identity_group_id(&"g1".into())
        .identity_ids(&["i1".into(), "i2".into()])
        .status(InterventionStatus::Active)
        .sort(InterventionSort::UpdatedAt)
        .offset(30)
        .send()
        .await
        .unwrap();
    // The docs' sample has a localized status (and in decomposed Unicode): kept as sent.
    assert!(p.records[0].status.as_deref().unwrap().starts_with("Ferm"));
}

#[tokio::test]
async fn interventions_list_single_identity() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/1.0/interventions",
        &[("identity_id", "i1")],
        page(vec![]),
    )
    .await;
    c.interventions()
        .list()
        .identity_id(&"i1".into())
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn interventions_get_create_close_cancel_reassign() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/1.0/interventions/n1",
        &[],
        fixture("intervention"),
    )
    .await;
    expect(
        &server,
        "POST",
        "/1.0/interventions",
        &[("content_id", "c93e")],
        fixture("intervention"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/1.0/interventions/n1/close",
        &[],
        fixture("intervention"),
    )
    .await;
    expect(
        &server,
        "DELETE",
        "/1.0/interventions/n1/cancel",
        &[],
        fixture("intervention"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/1.0/interventions/n1/reassign",
        &[("user_id", "u2")],
        fixture("intervention"),
    )
    .await;
    let i = c.interventions();
    let got = i.get(&"n1".into()).await.unwrap();
    assert_eq!(got.custom_fields.unwrap()["external_id"], json!("342901"));
    i.create(&"c93e".into()).await.unwrap();
    i.close(&"n1".into()).await.unwrap();
    i.cancel(&"n1".into()).await.unwrap();
    i.reassign(&"n1".into(), &"u2".into()).await.unwrap();
}

#[tokio::test]
async fn interventions_update_custom_fields() {
    let (server, c) = setup().await;
    let query = [
        ("custom_field_values[external_id]", "342901"),
        ("custom_field_values[tags][]", "a"),
        ("custom_field_values[tags][]", "b"),
    ];
    expect(
        &server,
        "PUT",
        "/1.0/interventions/n1",
        &query,
        fixture("intervention"),
    )
    .await;
    c.interventions()
        .update(&"n1".into())
        .custom_field("external_id", "342901")
        .custom_field_values("tags", ["a", "b"])
        .await
        .unwrap();
}

#[tokio::test]
async fn interventions_update_categories() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/1.0/interventions/n1/update_categories",
        &[("category_ids[]", "c1"), ("category_ids[]", "c2")],
        fixture("intervention"),
    )
    .await;
    c.interventions()
        .update_categories(&"n1".into(), &cats())
        .await
        .unwrap();
}

// ---- intervention comments ----

#[tokio::test]
async fn intervention_comments_crud() {
    let (server, c) = setup().await;
    let query = [
        ("intervention_id", "n1"),
        ("thread_id", "t1"),
        ("user_id", "u1"),
        ("identity_id", "i1"),
    ];
    expect(
        &server,
        "GET",
        "/1.0/intervention_comments",
        &query,
        page(vec![fixture("intervention_comment")]),
    )
    .await;
    expect(
        &server,
        "GET",
        "/1.0/intervention_comments/k1",
        &[],
        fixture("intervention_comment"),
    )
    .await;
    expect(
        &server,
        "POST",
        "/1.0/intervention_comments",
        &[
            ("body", "Called back"),
            ("intervention_id", "n1"),
            ("user_id", "u1"),
        ],
        fixture("intervention_comment"),
    )
    .await;
    expect(
        &server,
        "DELETE",
        "/1.0/intervention_comments/k1",
        &[],
        fixture("intervention_comment"),
    )
    .await;
    let k = c.intervention_comments();
    let p = k
        .list()
        .intervention_id(&"n1".into())
        .thread_id(&"t1".into())
        .user_id(&"u1".into())
        .identity_id(&"i1".into())
        .send()
        .await
        .unwrap();
    assert_eq!(
        p.records[0].identity_id.as_ref().unwrap().as_str(),
        "8a8deed44623a4c44268c266"
    );
    k.get(&"k1".into()).await.unwrap();
    k.create(&"n1".into(), &"u1".into(), "Called back").await.unwrap();
    k.delete(&"k1".into()).await.unwrap();
}

// ---- bots ----

#[tokio::test]
async fn bots_engage() {
    let (server, c) = setup().await;
    expect(
        &server,
        "POST",
        "/1.0/bots/engage",
        &[("content_id", "c1")],
        fixture("intervention"),
    )
    .await;
    let i = c.bots().engage(&"c1".into()).await.unwrap();
    assert_eq!(i.id.as_str(), "3f55c8330da4144afd1c6728");
}

#[tokio::test]
async fn bots_complete_with_every_parameter() {
    let (server, c) = setup().await;
    let query = [
        ("intervention_id", "n1"),
        ("close_thread", "true"),
        ("thread_category_ids[]", "c1"),
        ("thread_category_ids[]", "c2"),
    ];
    expect(
        &server,
        "POST",
        "/1.0/bots/complete",
        &query,
        fixture("bot_response"),
    )
    .await;
    let r = c
        .bots()
        .complete(&"n1".into())
        .close_thread(true)
        .thread_category_ids(&cats())
        .await
        .unwrap();
    assert_eq!(r.status.as_deref(), Some("200"));
    assert_eq!(r.message.as_deref(), Some("Success"));
}

#[tokio::test]
async fn bots_handover_virtual_agent_sends_no_foreign_id() {
    let (server, c) = setup().await;
    let query = [
        ("from", "bot"),
        ("to", "agent"),
        ("type", "engage_virtual_agent"),
        ("intervention_id", "n1"),
        ("thread_category_ids[]", "c1"),
        ("thread_category_ids[]", "c2"),
        ("trigger", "agent please"),
    ];
    expect(
        &server,
        "POST",
        "/1.0/bots/handover",
        &query,
        json!({"status": "ok", "message": "Success"}),
    )
    .await;
    c.bots()
        .handover(
            HandoverParty::Bot,
            HandoverParty::Agent,
            HandoverType::EngageVirtualAgent,
        )
        .intervention_id(&"n1".into())
        .thread_category_ids(&cats())
        .trigger("agent please")
        .await
        .unwrap();
}

#[tokio::test]
async fn bots_handover_messenger_with_foreign_id_and_app() {
    let (server, c) = setup().await;
    let query = [
        ("from", "agent"),
        ("to", "bot"),
        ("type", "messenger"),
        ("identity_foreign_id", "psid-1"),
        ("app_id", "app-9"),
    ];
    expect(
        &server,
        "POST",
        "/1.0/bots/handover",
        &query,
        fixture("bot_response"),
    )
    .await;
    c.bots()
        .handover(HandoverParty::Agent, HandoverParty::Bot, HandoverType::Messenger)
        .identity_foreign_id("psid-1")
        .app_id("app-9")
        .await
        .unwrap();
}

// ---- tasks ----

#[tokio::test]
async fn tasks_list_and_get() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/1.0/tasks",
        &[("queue", "workbin"), ("channel_id", "ch1"), ("step", "waiting")],
        page(vec![fixture("task")]),
    )
    .await;
    expect(&server, "GET", "/1.0/tasks/k1", &[], fixture("task")).await;
    let p = c
        .tasks()
        .list()
        .queue("workbin")
        .channel_id(&"ch1".into())
        .step("waiting")
        .send()
        .await
        .unwrap();
    assert!(p.records[0].transferred_at.is_some());
    c.tasks().get(&"k1".into()).await.unwrap();
}

#[tokio::test]
async fn tasks_move_complete_transfer_are_posts() {
    let (server, c) = setup().await;
    expect(
        &server,
        "POST",
        "/1.0/tasks/k1/move",
        &[("queue", "workbin")],
        fixture("task"),
    )
    .await;
    expect(
        &server,
        "POST",
        "/1.0/tasks/k1/complete",
        &[("queue", "global")],
        fixture("task"),
    )
    .await;
    let query = [
        ("agent_ids[]", "u1"),
        ("agent_ids[]", "u2"),
        ("bypass", "true"),
        ("category_ids[]", "c1"),
        ("category_ids[]", "c2"),
        ("language", "fr"),
        ("team_ids[]", "tm1"),
        ("comment", "VIP customer"),
    ];
    expect(&server, "POST", "/1.0/tasks/k1/transfer", &query, fixture("task")).await;
    let t = c.tasks();
    t.move_to(&"k1".into(), "workbin").await.unwrap();
    t.complete(&"k1".into(), "global").await.unwrap();
    t.transfer(&"k1".into())
        .agent_ids(&["u1".into(), "u2".into()])
        .bypass(true)
        .category_ids(&cats())
        .language("fr")
        .team_ids(&["tm1".into()])
        .comment("VIP customer")
        .await
        .unwrap();
}

// ---- bad input ----

#[tokio::test]
async fn ids_needing_escapes_are_percent_encoded() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/1.0/content_threads/a%2Fb%3Fc%20d",
        &[],
        fixture("thread"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/1.0/interventions/..%2Fusers/close",
        &[],
        fixture("intervention"),
    )
    .await;
    expect(&server, "GET", "/1.0/contents/%3F%23", &[], fixture("content")).await;
    c.threads().get(&"a/b?c d".into()).await.unwrap();
    c.interventions().close(&"../users".into()).await.unwrap();
    c.contents().get(&"?#".into()).await.unwrap();
}

#[tokio::test]
async fn records_not_an_array_is_a_decode_error_naming_the_field() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/1.0/content_threads",
        &[],
        json!({"count": 1, "records": {"id": "t1"}}),
    )
    .await;
    match c.threads().list().send().await {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "records"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn a_bad_record_names_its_index_and_field() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/1.0/interventions",
        &[],
        json!({"count": 2, "records": [fixture("intervention"), {"id": "x", "closed": "nope"}]}),
    )
    .await;
    match c.interventions().list().send().await {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "records[1].closed"),
        other => panic!("unexpected {other:?}"),
    }
}
