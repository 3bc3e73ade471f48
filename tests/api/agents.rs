//! `/roles` and `/status` against wiremock, plus the availability rule and the Escalate to
//! Video readiness check.

use crate::common;

use common::{expect, page, setup};
use ringcentral_engage::api::video::ESCALATE_TO_VIDEO;
use ringcentral_engage::api::{available_agents, ChannelSelector, MissingRequirement, VideoReadiness};
use ringcentral_engage::models::{
    AgentStatus, Availability, Busyness, CategoryId, ChannelId, PresenceStatusId, Role, RolePermissions,
    SourceId, TeamId, User, UserId,
};
use serde_json::{json, Value};

fn role(id: &str, video: bool) -> Value {
    json!({
        "id": id, "label": "Agent", "escalate_to_video": video, "receive_tasks": true,
        "read_user": false, "created_at": "2020-01-02T03:04:05Z", "future_permission": true
    })
}

#[tokio::test]
async fn roles_list_pages() {
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/roles",
        &[("limit", "2")],
        page(vec![role("r1", true), role("r2", false)]),
    )
    .await;
    let page = client.roles().list().limit(2).send().await.unwrap();
    assert_eq!(page.records.len(), 2);
    assert_eq!(page.records[0].permissions.escalate_to_video, Some(true));
    assert_eq!(page.records[1].permissions.escalate_to_video, Some(false));
}

#[tokio::test]
async fn roles_get_keeps_unknown_flags() {
    let (server, client) = setup().await;
    expect(&server, "GET", "/roles/r1", &[], role("r1", true)).await;
    let role: Role = client.roles().get(&"r1".into()).await.unwrap();
    assert_eq!(role.label.as_deref(), Some("Agent"));
    assert!(role.grants(ESCALATE_TO_VIDEO));
    assert!(role.grants("future_permission"));
    assert_eq!(role.extra.get("future_permission"), Some(&json!(true)));
    assert_eq!(role.permission("read_user"), Some(false));
    assert_eq!(role.permission("never_heard_of"), None);
    let again: Role = serde_json::from_value(serde_json::to_value(&role).unwrap()).unwrap();
    assert_eq!(again, role);
}

#[tokio::test]
async fn roles_create_sends_every_flag_of_the_spec() {
    let (server, client) = setup().await;
    let mut query = vec![("label", "Everything")];
    query.extend(RolePermissions::SETTABLE.iter().map(|flag| (*flag, "true")));
    expect(&server, "POST", "/roles", &query, role("r9", true)).await;
    let role = client
        .roles()
        .create("Everything")
        .access_help_center(true)
        .access_previous_messages(true)
        .access_pull_mode(true)
        .admin_stamp_answer(true)
        .approve_content(true)
        .ask_an_expert(true)
        .assign_intervention(true)
        .author_block_content(true)
        .close_content_thread(true)
        .create_and_destroy_extension(true)
        .create_community(true)
        .create_content_source(true)
        .create_user(true)
        .delay_export_content(true)
        .delete_content_thread(true)
        .escalate_to_video(true)
        .impersonate_user(true)
        .invite_user(true)
        .manage_api_access_tokens(true)
        .manage_app_sdk_applications(true)
        .manage_automatic_exports_tasks(true)
        .manage_categories(true)
        .manage_chat(true)
        .manage_custom_fields(true)
        .manage_custom_notifications(true)
        .manage_emails_templates(true)
        .manage_folders(true)
        .manage_ice(true)
        .manage_identities(true)
        .manage_own_notifications(true)
        .manage_reply_assistant(true)
        .manage_roles(true)
        .manage_rules_engine_rules(true)
        .manage_surveys(true)
        .manage_tags(true)
        .manage_teams(true)
        .manage_topologies(true)
        .manage_users_of_my_teams(true)
        .monitor_tasks(true)
        .monitor_team_tasks(true)
        .mute_content(true)
        .open_content_thread(true)
        .publish_content(true)
        .read_community(true)
        .read_content_source(true)
        .read_event(true)
        .read_export(true)
        .read_identity(true)
        .read_own_stats(true)
        .read_presence(true)
        .read_stats(true)
        .read_surveys(true)
        .read_user(true)
        .receive_tasks(true)
        .reply_with_assistant(true)
        .search_contents(true)
        .search_event(true)
        .update_community(true)
        .update_content_source(true)
        .update_extension(true)
        .update_identity(true)
        .update_intervention(true)
        .update_own_intervention(true)
        .update_settings(true)
        .update_time_sheet(true)
        .update_user(true)
        .use_emoji(true)
        .send()
        .await
        .unwrap();
    assert_eq!(role.id.as_str(), "r9");
}

#[tokio::test]
async fn roles_update_and_grant_escalate_to_video() {
    let (server, client) = setup().await;
    expect(
        &server,
        "PUT",
        "/roles/r1",
        &[("escalate_to_video", "true"), ("monitor_tasks", "false")],
        role("r1", true),
    )
    .await;
    let updated = client
        .roles()
        .update(&"r1".into())
        .escalate_to_video(true)
        .monitor_tasks(false)
        .await
        .unwrap();
    assert!(updated.grants(ESCALATE_TO_VIDEO));

    let (server, client) = setup().await;
    expect(
        &server,
        "PUT",
        "/roles/r2",
        &[("escalate_to_video", "true")],
        role("r2", true),
    )
    .await;
    let updated = client
        .roles()
        .grant_escalate_to_video(&"r2".into())
        .await
        .unwrap();
    assert_eq!(updated.permissions.escalate_to_video, Some(true));
}

fn statuses() -> Value {
    json!([
        {"agent_id": "a1", "channels": [
            {"id": "c1", "name": "Async", "status": "available", "busyness": "busy"},
            {"id": "c2", "name": "Realtime", "status": "away", "busyness": "unoccupied"}
        ], "custom_status": null},
        {"agent_id": "a2", "channels": [
            {"id": "c1", "name": "Async", "status": "available", "busyness": "full"}
        ]},
        {"agent_id": "a3", "channels": [
            {"id": "c1", "name": "Async", "status": "away", "busyness": "ok"}
        ], "custom_status": {"id": "p1"}},
        {"agent_id": "a4", "channels": [
            {"id": "c1", "name": "Async", "status": null, "busyness": null}
        ]},
        {"agent_id": "a5", "channels": [
            {"id": "c2", "name": "Realtime", "status": "available", "busyness": "ok"}
        ]},
        {"agent_id": "a6", "channels": [
            {"id": "c1", "name": "Async", "status": "available", "busyness": "unoccupied"}
        ]},
        {"agent_id": "a7", "channels": [
            {"id": "c1", "name": "Async", "status": "available", "busyness": "overloaded"}
        ]}
    ])
}

fn ids(list: &[impl std::borrow::Borrow<AgentStatus>]) -> Vec<&str> {
    list.iter().map(|s| s.borrow().agent_id.as_str()).collect()
}

#[tokio::test]
async fn status_list_sends_array_filters_and_decodes_a_bare_array() {
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/status",
        &[
            ("source_ids[]", "s1"),
            ("source_ids[]", "s2"),
            ("category_ids[]", "c1"),
            ("team_ids[]", "t1"),
            ("team_ids[]", "t2"),
            ("spoken_languages[]", "en"),
            ("spoken_languages[]", "fr"),
        ],
        statuses(),
    )
    .await;
    let list = client
        .agent_status()
        .list()
        .source_ids(&[SourceId::new("s1"), SourceId::new("s2")])
        .category_ids(&[CategoryId::new("c1")])
        .team_ids(&[TeamId::new("t1"), TeamId::new("t2")])
        .spoken_languages(["en", "fr"])
        .await
        .unwrap();
    assert_eq!(list.len(), 7);
    assert_eq!(list[0].channels[0].busyness, Some(Busyness::Busy));
    assert_eq!(
        list[2].custom_status.as_ref().unwrap().id,
        Some(PresenceStatusId::new("p1"))
    );
    assert_eq!(list[3].channels[0].status, None);
    assert_eq!(
        list[6].channels[0].busyness,
        Some(Busyness::Other("overloaded".into()))
    );
}

#[tokio::test]
async fn status_get_and_change() {
    let (server, client) = setup().await;
    let one = json!({"agent_id": "a1", "channels": [
        {"id": "c1", "name": "Async", "status": "available", "busyness": "ok"}]});
    expect(&server, "GET", "/status/a1", &[], one.clone()).await;
    let status = client.agent_status().get(&UserId::new("a1")).await.unwrap();
    assert_eq!(status.channels[0].status, Some(Availability::Available));

    let (server, client) = setup().await;
    expect(
        &server,
        "PUT",
        "/status/a1",
        &[
            ("status[c1]", "available"),
            ("status[c2]", "away"),
            ("custom_status_id", "p1"),
        ],
        one,
    )
    .await;
    let status = client
        .agent_status()
        .change(&UserId::new("a1"))
        .channels([
            (&ChannelId::new("c1"), Availability::Available),
            (&ChannelId::new("c2"), Availability::Away),
        ])
        .custom_status_id(&PresenceStatusId::new("p1"))
        .await
        .unwrap();
    assert_eq!(status.agent_id.as_str(), "a1");
}

#[test]
fn availability_rule() {
    let list: Vec<AgentStatus> = serde_json::from_value(statuses()).unwrap();
    // a1: available+busy; a2: full; a3: away; a4: not connected; a5: other channel only;
    // a6: unoccupied; a7: unknown busyness (not full, so it counts).
    let by_id = available_agents(&list, &ChannelSelector::Id(ChannelId::new("c1")));
    assert_eq!(ids(&by_id), ["a1", "a6", "a7"]);
    let by_name = available_agents(&list, &ChannelSelector::name(" async "));
    assert_eq!(ids(&by_name), ["a1", "a6", "a7"]);
    let realtime = available_agents(&list, &ChannelSelector::name("Realtime"));
    assert_eq!(ids(&realtime), ["a5"]);
    assert!(available_agents(&list, &ChannelSelector::name("Email")).is_empty());
    assert!(available_agents(&[], &ChannelSelector::name("Async")).is_empty());
}

#[tokio::test]
async fn available_on_fetches_and_filters() {
    let (server, client) = setup().await;
    expect(&server, "GET", "/status", &[], statuses()).await;
    let ready = client
        .agent_status()
        .available_on(&ChannelId::new("c2").into())
        .await
        .unwrap();
    assert_eq!(ids(&ready), ["a5"]);

    let (server, client) = setup().await;
    expect(&server, "GET", "/status", &[("team_ids[]", "t1")], statuses()).await;
    let ready = client
        .agent_status()
        .list()
        .team_ids(&[TeamId::new("t1")])
        .available_on(&ChannelSelector::name("Async"))
        .await
        .unwrap();
    assert_eq!(ids(&ready), ["a1", "a6", "a7"]);
}

fn user(role_id: Option<&str>, rc_user_id: Option<&str>) -> User {
    serde_json::from_value(json!({"id": "u1", "role_id": role_id, "rc_user_id": rc_user_id})).unwrap()
}

fn role_model(id: &str, video: bool) -> Role {
    serde_json::from_value(role(id, video)).unwrap()
}

#[test]
fn readiness_lists_what_is_missing() {
    let ok = VideoReadiness::check(&user(Some("r1"), Some("rc-1")), Some(&role_model("r1", true)));
    assert!(ok.ready);
    assert!(ok.missing.is_empty());

    let no_flag = VideoReadiness::check(&user(Some("r1"), Some("rc-1")), Some(&role_model("r1", false)));
    assert!(!no_flag.ready);
    assert_eq!(
        no_flag.missing,
        [MissingRequirement::EscalateToVideoPermission { role_id: "r1".into() }]
    );

    let nothing = VideoReadiness::check(&user(Some("r1"), Some("  ")), Some(&role_model("r1", false)));
    assert_eq!(nothing.missing.len(), 2);
    assert_eq!(nothing.missing[1], MissingRequirement::RcUserId);
    assert_eq!(
        nothing.missing[1].to_string(),
        "the user has no RingCentral user id"
    );

    let no_role = VideoReadiness::check(&user(None, Some("rc-1")), None);
    assert_eq!(no_role.missing, [MissingRequirement::Role]);

    // A role that is not the user's own proves nothing.
    let wrong_role = VideoReadiness::check(&user(Some("r1"), Some("rc-1")), Some(&role_model("r2", true)));
    assert_eq!(
        wrong_role.missing,
        [MissingRequirement::EscalateToVideoPermission { role_id: "r1".into() }]
    );

    // A flag missing from the answer grants nothing.
    let bare: Role = serde_json::from_value(json!({"id": "r1"})).unwrap();
    assert!(!VideoReadiness::check(&user(Some("r1"), Some("rc-1")), Some(&bare)).ready);
}

#[tokio::test]
async fn readiness_fetches_user_and_role() {
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/users/u1",
        &[],
        json!({"id": "u1", "role_id": "r1", "rc_user_id": null}),
    )
    .await;
    expect(&server, "GET", "/roles/r1", &[], role("r1", true)).await;
    let readiness = client.users().video_readiness(&UserId::new("u1")).await.unwrap();
    assert_eq!(readiness.user_id.as_str(), "u1");
    assert!(!readiness.ready);
    assert_eq!(readiness.missing, [MissingRequirement::RcUserId]);

    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/users/u2",
        &[],
        json!({"id": "u2", "rc_user_id": "rc-2"}),
    )
    .await;
    let readiness = client.users().video_readiness(&UserId::new("u2")).await.unwrap();
    assert_eq!(readiness.missing, [MissingRequirement::Role]);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[test]
fn operations_table_lists_each_spec_operation_once() {
    let ops: Vec<_> = ringcentral_engage::api::operations::all().collect();
    let mut ids: Vec<_> = ops.iter().map(|o| o.operation_id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), ops.len());
    for id in [
        "getAllRoles",
        "createRole",
        "updateRole",
        "getAllAgentStatus",
        "changeAgentStatus",
        "deletePresenceStatus",
        "deleteTeam",
        "getAllCategories",
        "updateUserCapacity",
        "deleteUserSignature",
        "updateUserSourcesPermissions",
    ] {
        assert!(ids.contains(&id), "{id} missing");
    }
}
