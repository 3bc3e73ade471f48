//! Interventions, intervention comments, bots and tasks against wiremock: each method's HTTP
//! method, path, exact query and typed answer.

use crate::common;

use common::{expect, fixture, page, setup};
use ringcentral_engage::models::{
    CategoryId, HandoverParty, HandoverType, InterventionSort, InterventionStatus,
};
use serde_json::json;

fn cats() -> Vec<CategoryId> {
    vec![CategoryId::new("c1"), CategoryId::new("c2")]
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
        "/interventions",
        &query,
        page(vec![fixture("rest", "intervention")]),
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
        "/interventions",
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
        "/interventions/n1",
        &[],
        fixture("rest", "intervention"),
    )
    .await;
    expect(
        &server,
        "POST",
        "/interventions",
        &[("content_id", "c93e")],
        fixture("rest", "intervention"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/interventions/n1/close",
        &[],
        fixture("rest", "intervention"),
    )
    .await;
    expect(
        &server,
        "DELETE",
        "/interventions/n1/cancel",
        &[],
        fixture("rest", "intervention"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/interventions/n1/reassign",
        &[("user_id", "u2")],
        fixture("rest", "intervention"),
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
        "/interventions/n1",
        &query,
        fixture("rest", "intervention"),
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
        "/interventions/n1/update_categories",
        &[("category_ids[]", "c1"), ("category_ids[]", "c2")],
        fixture("rest", "intervention"),
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
        "/intervention_comments",
        &query,
        page(vec![fixture("rest", "intervention_comment")]),
    )
    .await;
    expect(
        &server,
        "GET",
        "/intervention_comments/k1",
        &[],
        fixture("rest", "intervention_comment"),
    )
    .await;
    expect(
        &server,
        "POST",
        "/intervention_comments",
        &[
            ("body", "Called back"),
            ("intervention_id", "n1"),
            ("user_id", "u1"),
        ],
        fixture("rest", "intervention_comment"),
    )
    .await;
    expect(
        &server,
        "DELETE",
        "/intervention_comments/k1",
        &[],
        fixture("rest", "intervention_comment"),
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
        "/bots/engage",
        &[("content_id", "c1")],
        fixture("rest", "intervention"),
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
        "/bots/complete",
        &query,
        fixture("rest", "bot_response"),
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
        "/bots/handover",
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
        "/bots/handover",
        &query,
        fixture("rest", "bot_response"),
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
        "/tasks",
        &[("queue", "workbin"), ("channel_id", "ch1"), ("step", "waiting")],
        page(vec![fixture("rest", "task")]),
    )
    .await;
    expect(&server, "GET", "/tasks/k1", &[], fixture("rest", "task")).await;
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
        "/tasks/k1/move",
        &[("queue", "workbin")],
        fixture("rest", "task"),
    )
    .await;
    expect(
        &server,
        "POST",
        "/tasks/k1/complete",
        &[("queue", "global")],
        fixture("rest", "task"),
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
    expect(
        &server,
        "POST",
        "/tasks/k1/transfer",
        &query,
        fixture("rest", "task"),
    )
    .await;
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
