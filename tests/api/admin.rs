//! The admin handlers against wiremock: every method's HTTP method, path, query (or form body),
//! Bearer token and decoded result, with response bodies taken from fixtures shaped like the
//! spec's schemas (`tests/fixtures/admin/*.json`).

use crate::common;

use common::{expect, expect_form, fixture, page, setup};
use ringcentral_engage::models::*;
use serde_json::json;

#[tokio::test]
async fn custom_fields() {
    let (server, c) = setup().await;
    let record = fixture("admin", "custom_field");
    let id = CustomFieldId::new("5e8a1c2b9a1f4d0012a1b2c3");
    expect(
        &server,
        "GET",
        "/custom_fields",
        &[("offset", "30"), ("limit", "150")],
        page(vec![record.clone()]),
    )
    .await;
    let got = c
        .custom_fields()
        .list()
        .offset(30)
        .limit(150)
        .send()
        .await
        .unwrap();
    assert_eq!(got.records[0].field_type, Some(CustomFieldType::SingleChoice));

    expect(
        &server,
        "GET",
        "/custom_fields/5e8a1c2b9a1f4d0012a1b2c3",
        &[],
        record.clone(),
    )
    .await;
    let got = c.custom_fields().get(&id).await.unwrap();
    assert_eq!(got.associated_type_name, Some(CustomFieldOwner::IdentityGroup));

    expect(
        &server,
        "POST",
        "/custom_fields",
        &[
            ("associated_type_name", "Intervention"),
            ("label", "Customer id"),
            ("key", "customer_id"),
            ("type", "multiple_choice"),
            ("choices[]", "gold"),
            ("choices[]", "silver"),
            ("multiple", "true"),
            ("position", "-1"),
            ("read_only", "false"),
        ],
        record.clone(),
    )
    .await;
    let got = c
        .custom_fields()
        .create(CustomFieldOwner::Intervention, "Customer id")
        .key("customer_id")
        .field_type(CustomFieldType::MultipleChoice)
        .choices(["gold", "silver"])
        .multiple(true)
        .position(-1)
        .read_only(false)
        .await
        .unwrap();
    assert_eq!(got.id, id);

    expect(
        &server,
        "PUT",
        "/custom_fields/5e8a1c2b9a1f4d0012a1b2c3",
        &[
            ("label", "Client"),
            ("choices[]", ""),
            ("position", "4"),
            ("read_only", "true"),
        ],
        record.clone(),
    )
    .await;
    let got = c
        .custom_fields()
        .update(&id)
        .label("Client")
        .choices(Vec::<String>::new())
        .position(4)
        .read_only(true)
        .await
        .unwrap();
    assert_eq!(got.key.as_deref(), Some("customer_id"));

    expect(
        &server,
        "DELETE",
        "/custom_fields/5e8a1c2b9a1f4d0012a1b2c3",
        &[],
        record,
    )
    .await;
    assert_eq!(c.custom_fields().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn folders() {
    let (server, c) = setup().await;
    let record = fixture("admin", "folder");
    let id = FolderId::new("5e8a1c2b9a1f4d0012a1b2c4");
    expect(&server, "GET", "/folders", &[], page(vec![record.clone()])).await;
    let got = c.folders().list().send().await.unwrap();
    assert_eq!(got.count, 1);
    assert_eq!(
        got.records[0].query.as_deref(),
        Some("active_and_assigned_to_me:true")
    );

    expect(
        &server,
        "GET",
        "/folders/5e8a1c2b9a1f4d0012a1b2c4",
        &[],
        record.clone(),
    )
    .await;
    let got = c.folders().get(&id).await.unwrap();
    assert_eq!(
        got.role_restriction.unwrap().only,
        vec![RoleId::new("4e5596cdae70f677b5000002")]
    );

    let restricted = [
        ("label", "Urgent"),
        ("parent_id", "p1"),
        ("position", "2"),
        ("query", "status:open"),
        ("render_threads_count", "true"),
        ("role_restriction[only][]", "r1"),
        ("role_restriction[only][]", "r2"),
        ("team_restriction[only][]", "t1"),
        ("user_restriction[only][]", "u1"),
    ];
    expect(&server, "POST", "/folders", &restricted, record.clone()).await;
    let got = c
        .folders()
        .create("Urgent")
        .parent_id(&FolderId::new("p1"))
        .position(2)
        .query("status:open")
        .render_threads_count(true)
        .role_restriction([&RoleId::new("r1"), &RoleId::new("r2")])
        .team_restriction([&TeamId::new("t1")])
        .user_restriction([&UserId::new("u1")])
        .await
        .unwrap();
    assert_eq!(got.id, id);

    expect(
        &server,
        "PUT",
        "/folders/5e8a1c2b9a1f4d0012a1b2c4",
        &restricted,
        record.clone(),
    )
    .await;
    let got = c
        .folders()
        .update(&id)
        .label("Urgent")
        .parent_id(&FolderId::new("p1"))
        .position(2)
        .query("status:open")
        .render_threads_count(true)
        .role_restriction([&RoleId::new("r1"), &RoleId::new("r2")])
        .team_restriction([&TeamId::new("t1")])
        .user_restriction([&UserId::new("u1")])
        .await
        .unwrap();
    assert_eq!(got.user_id, Some(UserId::new("4f4f3a08a90ffb27ee000583")));

    expect(
        &server,
        "DELETE",
        "/folders/5e8a1c2b9a1f4d0012a1b2c4",
        &[],
        record,
    )
    .await;
    assert_eq!(c.folders().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn tags() {
    let (server, c) = setup().await;
    let record = fixture("admin", "tag");
    let id = TagId::new("5e8a1c2b9a1f4d0012a1b2c5");
    expect(
        &server,
        "GET",
        "/tags",
        &[("ids", "a,b"), ("limit", "5")],
        page(vec![record.clone()]),
    )
    .await;
    let got = c
        .tags()
        .list()
        .ids([&TagId::new("a"), &TagId::new("b")])
        .limit(5)
        .send()
        .await
        .unwrap();
    assert_eq!(got.records[0].name, "vip");

    expect(
        &server,
        "GET",
        "/tags/5e8a1c2b9a1f4d0012a1b2c5",
        &[],
        record.clone(),
    )
    .await;
    assert_eq!(c.tags().get(&id).await.unwrap().name, "vip");

    expect(&server, "POST", "/tags", &[("name", "vip")], record.clone()).await;
    assert_eq!(c.tags().create("vip").await.unwrap().id, id);

    expect(
        &server,
        "PUT",
        "/tags/5e8a1c2b9a1f4d0012a1b2c5",
        &[("name", "v i p")],
        record.clone(),
    )
    .await;
    assert_eq!(c.tags().update(&id, "v i p").await.unwrap().id, id);

    expect(&server, "DELETE", "/tags/5e8a1c2b9a1f4d0012a1b2c5", &[], record).await;
    assert_eq!(c.tags().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn ids_needing_escapes_stay_one_path_segment() {
    let (server, c) = setup().await;
    expect(&server, "GET", "/tags/a%2Fb%20c%3F", &[], fixture("admin", "tag")).await;
    let got = c.tags().get(&TagId::new("a/b c?")).await.unwrap();
    assert_eq!(got.name, "vip");
    server.verify().await;
}

#[tokio::test]
async fn topologies() {
    let (server, c) = setup().await;
    let record = fixture("admin", "topology");
    let id = TopologyId::new("5e8a1c2b9a1f4d0012a1b2c6");
    expect(&server, "GET", "/topologies", &[], page(vec![record.clone()])).await;
    let got = c.topologies().list().send().await.unwrap();
    assert_eq!(got.records[0].name.as_deref(), Some("Business hours"));

    expect(
        &server,
        "GET",
        "/topologies/5e8a1c2b9a1f4d0012a1b2c6",
        &[],
        record.clone(),
    )
    .await;
    let got = c.topologies().get(&id).await.unwrap();
    assert_eq!(got.config.unwrap()["type"], "category");

    let config = json!({"type": "queue", "category_ids": ["abc"]});
    let config_text = r#"{"category_ids":["abc"],"type":"queue"}"#;
    expect_form(
        &server,
        "POST",
        "/topologies",
        &[],
        &[("name", "Nights"), ("json_config", config_text)],
        record.clone(),
    )
    .await;
    assert_eq!(c.topologies().create("Nights", &config).await.unwrap().id, id);

    expect_form(
        &server,
        "PUT",
        "/topologies/5e8a1c2b9a1f4d0012a1b2c6",
        &[],
        &[("name", "Days"), ("json_config", config_text)],
        record.clone(),
    )
    .await;
    let got = c
        .topologies()
        .update(&id)
        .name("Days")
        .config(&config)
        .await
        .unwrap();
    assert_eq!(got.id, id);

    expect(
        &server,
        "PUT",
        "/topologies/5e8a1c2b9a1f4d0012a1b2c6/activate",
        &[],
        record.clone(),
    )
    .await;
    assert_eq!(c.topologies().activate(&id).await.unwrap().id, id);

    expect(
        &server,
        "DELETE",
        "/topologies/5e8a1c2b9a1f4d0012a1b2c6",
        &[],
        record,
    )
    .await;
    assert_eq!(c.topologies().delete(&id).await.unwrap().id, id);
    server.verify().await;
}

#[tokio::test]
async fn settings() {
    let (server, c) = setup().await;
    let record = fixture("admin", "settings");
    expect(&server, "GET", "/settings", &[], record.clone()).await;
    let got = c.settings().get().await.unwrap();
    assert_eq!(got.domain_type, Some(DomainType::Production));
    assert_eq!(got.content_languages, ["en", "fr"]);

    expect(
        &server,
        "PUT",
        "/settings",
        &[
            ("activity_presence_threshold", "3"),
            ("activity_tracking", "true"),
            ("beginning_of_week", "sunday"),
            ("category_tagging", "false"),
            ("content_languages", "en,fr"),
            ("dashboard", "true"),
            ("deny_iframe_integration", "true"),
            ("disable_password_autocomplete", "true"),
            ("expire_password_after", "86400"),
            ("enable_auto_scroll_down", "false"),
            ("expire_password_enabled", "true"),
            ("export_in_seconds", "true"),
            ("fold_useless_contents", "false"),
            ("fte_duration", "8"),
            ("identity_merge", "true"),
            ("intervention_defer_rates[]", "300"),
            ("intervention_defer_rates[]", "900"),
            ("intervention_defer_threshold", "60"),
            ("intervention_rates[]", "60"),
            ("locale", "fr"),
            ("multi_lang", "true"),
            ("name", "Acme"),
            ("password_archivable_enabled", "true"),
            ("password_archivable_size", "5"),
            ("password_min_length", "12"),
            ("password_non_word", "true"),
            ("password_numbers", "true"),
            ("password_recovery_disabled", "false"),
            ("push_enabled", "true"),
            ("reply_as_any_identity", "false"),
            ("rtl_support", "false"),
            ("self_approval_required", "false"),
            ("session_timeout", "120"),
            ("spellchecking", "true"),
            ("style", "dark"),
            ("third_party_services_disabled", "true"),
            ("timezone", "Paris"),
            ("track_js", "false"),
            ("type", "demo"),
            ("urgent_task_threshold", "90"),
            ("use_system_font", "false"),
        ],
        record,
    )
    .await;
    let got = c
        .settings()
        .update()
        .activity_presence_threshold(3)
        .activity_tracking(true)
        .beginning_of_week("sunday")
        .category_tagging(false)
        .content_languages("en,fr")
        .dashboard(true)
        .deny_iframe_integration(true)
        .disable_password_autocomplete(true)
        .expire_password_after(86400)
        .enable_auto_scroll_down(false)
        .expire_password_enabled(true)
        .export_in_seconds(true)
        .fold_useless_contents(false)
        .fte_duration(8)
        .identity_merge(true)
        .intervention_defer_rates([300, 900])
        .intervention_defer_threshold(60)
        .intervention_rates([60])
        .locale("fr")
        .multi_lang(true)
        .name("Acme")
        .password_archivable_enabled(true)
        .password_archivable_size(5)
        .password_min_length(12)
        .password_non_word(true)
        .password_numbers(true)
        .password_recovery_disabled(false)
        .push_enabled(true)
        .reply_as_any_identity(false)
        .rtl_support(false)
        .self_approval_required(false)
        .session_timeout(120)
        .spellchecking(true)
        .style("dark")
        .third_party_services_disabled(true)
        .timezone("Paris")
        .track_js(false)
        .domain_type(DomainType::Demo)
        .urgent_task_threshold(90)
        .use_system_font(false)
        .await
        .unwrap();
    assert_eq!(got.name.as_deref(), Some("Acme support"));
    server.verify().await;
}

#[tokio::test]
async fn surveys_and_responses() {
    let (server, c) = setup().await;
    let survey = fixture("admin", "survey");
    expect(&server, "GET", "/surveys", &[], page(vec![survey.clone()])).await;
    let got = c.surveys().list().send().await.unwrap();
    assert_eq!(got.records[0].provider, Some(SurveyProvider::Alchemer));

    expect(&server, "GET", "/surveys/5e8a1c2b9a1f4d0012a1b2c8", &[], survey).await;
    let got = c
        .surveys()
        .get(&SurveyId::new("5e8a1c2b9a1f4d0012a1b2c8"))
        .await
        .unwrap();
    assert_eq!(got.questions[0].choices.len(), 2);

    expect(
        &server,
        "GET",
        "/survey_responses/5e8a1c2b9a1f4d0012a1b2c9",
        &[],
        fixture("admin", "survey_response"),
    )
    .await;
    let got = c
        .survey_responses()
        .get(&SurveyResponseId::new("5e8a1c2b9a1f4d0012a1b2c9"))
        .await
        .unwrap();
    assert_eq!(got.main_indicator, Some(5));
    assert_eq!(got.questions[0].replies[0].value.as_deref(), Some("5"));
    server.verify().await;
}
