//! Presence statuses, teams, categories, user capacities, user signatures and user sources
//! permissions against wiremock: method, path, query, Bearer token and typed result.

use crate::common;

use common::{expect, page, setup};
use ringcentral_engage::models::{
    CategoryId, ChannelCapacity, ChannelId, PresenceStatusId, SignatureId, SourceId, SourcePermission,
    TeamId, UserCapacityId, UserId,
};
use serde_json::json;

#[tokio::test]
async fn presence_statuses_crud() {
    let lunch = json!({"id": "p1", "name": "Lunch", "created_at": "2021-01-01T12:00:00Z"});
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/presence_status",
        &[("offset", "0")],
        page(vec![lunch.clone()]),
    )
    .await;
    expect(&server, "GET", "/presence_status/p1", &[], lunch.clone()).await;
    expect(
        &server,
        "POST",
        "/presence_status",
        &[("name", "Lunch")],
        lunch.clone(),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/presence_status/p1",
        &[("name", "Late lunch")],
        lunch.clone(),
    )
    .await;
    expect(&server, "DELETE", "/presence_status/p1", &[], lunch).await;
    let api = client.presence_statuses();
    let id = PresenceStatusId::new("p1");

    let list = api.list().offset(0).send().await.unwrap();
    assert_eq!(list.records[0].name.as_deref(), Some("Lunch"));
    assert_eq!(api.get(&id).await.unwrap().id, id);
    assert_eq!(api.create("Lunch").await.unwrap().id, id);
    assert_eq!(api.update(&id, "Late lunch").await.unwrap().id, id);
    assert_eq!(api.delete(&id).await.unwrap().id, id);
}

#[tokio::test]
async fn teams_crud() {
    let team = json!({"id": "t1", "name": "Level 2", "leader_ids": ["u1"], "user_ids": ["u1", "u2"]});
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/teams",
        &[("limit", "10")],
        page(vec![team.clone()]),
    )
    .await;
    expect(&server, "GET", "/teams/t1", &[], team.clone()).await;
    expect(
        &server,
        "POST",
        "/teams",
        &[
            ("name", "Level 2"),
            ("leader_ids[]", "u1"),
            ("user_ids[]", "u1"),
            ("user_ids[]", "u2"),
        ],
        team.clone(),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/teams/t1",
        &[("name", "L2"), ("user_ids[]", "u2")],
        team.clone(),
    )
    .await;
    expect(
        &server,
        "DELETE",
        "/teams/t1",
        &[("take_over_category_id", "c9")],
        team,
    )
    .await;
    let api = client.teams();
    let id = TeamId::new("t1");
    let (u1, u2) = (UserId::new("u1"), UserId::new("u2"));

    let list = api.list().limit(10).send().await.unwrap();
    assert_eq!(list.records[0].user_ids, [u1.clone(), u2.clone()]);

    assert_eq!(api.get(&id).await.unwrap().leader_ids, std::slice::from_ref(&u1));

    let created = api
        .create("Level 2")
        .leader_ids([&u1])
        .user_ids([&u1, &u2])
        .await
        .unwrap();
    assert_eq!(created.name.as_deref(), Some("Level 2"));

    api.update(&id).name("L2").user_ids([&u2]).await.unwrap();

    let deleted = api
        .delete(&id)
        .take_over_category_id(&CategoryId::new("c9"))
        .await
        .unwrap();
    assert_eq!(deleted.id, id);
}

#[tokio::test]
async fn categories_crud() {
    let cat = json!({
        "id": "c1", "name": "Agent", "parent_id": null, "color": 3, "mandatory": false,
        "multiple": true, "post_qualification": false, "unselectable": false, "source_ids": ["s1"]
    });
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/categories",
        &[("ids", "c1,c2"), ("parent_id", "root")],
        page(vec![cat.clone()]),
    )
    .await;
    expect(&server, "GET", "/categories/c1", &[], cat.clone()).await;
    expect(
        &server,
        "POST",
        "/categories",
        &[
            ("name", "Agent"),
            ("parent_id", "root"),
            ("color", "3"),
            ("mandatory", "false"),
            ("multiple", "true"),
            ("post_qualification", "false"),
            ("unselectable", "true"),
            ("source_ids[]", "s1"),
            ("source_ids[]", "s2"),
        ],
        cat.clone(),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/categories/c1",
        &[("name", "Humans"), ("color", "1")],
        cat.clone(),
    )
    .await;
    expect(
        &server,
        "DELETE",
        "/categories/c1",
        &[("take_over_category_id", "c2")],
        cat,
    )
    .await;
    let api = client.categories();
    let id = CategoryId::new("c1");
    let root = CategoryId::new("root");

    let list = api
        .list()
        .ids(&[id.clone(), CategoryId::new("c2")])
        .parent_id(&root)
        .send()
        .await
        .unwrap();
    assert_eq!(list.records[0].color, Some(3));
    assert_eq!(list.records[0].source_ids, [SourceId::new("s1")]);

    assert_eq!(api.get(&id).await.unwrap().multiple, Some(true));

    api.create("Agent")
        .parent_id(&root)
        .color(3)
        .mandatory(false)
        .multiple(true)
        .post_qualification(false)
        .unselectable(true)
        .source_ids(&[SourceId::new("s1"), SourceId::new("s2")])
        .await
        .unwrap();

    api.update(&id).name("Humans").color(1).await.unwrap();

    let deleted = api
        .delete(&id)
        .take_over_category_id(&CategoryId::new("c2"))
        .await
        .unwrap();
    assert_eq!(deleted.id, id);
}

#[tokio::test]
async fn user_capacities_crud_keeps_channel_order() {
    let cap = json!({"id": "uc1", "name": "Standard", "channels": [
        {"id": "ch1", "default_capacity": 2, "max_capacity": 4},
        {"id": "ch2", "default_capacity": 1, "max_capacity": 1}
    ]});
    let (server, client) = setup().await;
    expect(&server, "GET", "/user_capacities", &[], page(vec![cap.clone()])).await;
    expect(&server, "GET", "/user_capacities/uc1", &[], cap.clone()).await;
    expect(
        &server,
        "POST",
        "/user_capacities",
        &[
            ("name", "Standard"),
            ("channels[][channel_id]", "ch1"),
            ("channels[][default_capacity]", "2"),
            ("channels[][max_capacity]", "4"),
            ("channels[][channel_id]", "ch2"),
            ("channels[][default_capacity]", "1"),
            ("channels[][max_capacity]", "1"),
        ],
        cap.clone(),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/user_capacities/uc1",
        &[
            ("channels[][channel_id]", "ch2"),
            ("channels[][default_capacity]", "1"),
            ("channels[][max_capacity]", "1"),
            ("name", "Small"),
        ],
        cap.clone(),
    )
    .await;
    expect(&server, "DELETE", "/user_capacities/uc1", &[], cap).await;
    let api = client.user_capacities();
    let id = UserCapacityId::new("uc1");

    let list = api.list().send().await.unwrap();
    assert_eq!(list.records[0].channels[0], ChannelCapacity::new("ch1", 2, 4));
    assert_eq!(api.get(&id).await.unwrap().channels[1].max_capacity, Some(1));

    let channels = [
        ChannelCapacity::new(ChannelId::new("ch1"), 2, 4),
        ChannelCapacity::new("ch2", 1, 1),
    ];
    api.create("Standard").channels(&channels).await.unwrap();

    api.update(&id)
        .channels(&channels)
        .channels(&channels[1..])
        .name("Small")
        .await
        .unwrap();

    assert_eq!(api.delete(&id).await.unwrap().id, id);
}

#[tokio::test]
async fn user_signatures_crud() {
    let sig = json!({"id": "g1", "body": "-- Ada", "name": "Short", "source_ids": ["s1"], "language": "en"});
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/users/u1/signatures",
        &[],
        page(vec![sig.clone()]),
    )
    .await;
    expect(&server, "GET", "/users/u1/signatures/g1", &[], sig.clone()).await;
    expect(
        &server,
        "POST",
        "/users/u1/signatures",
        &[
            ("body", "-- Ada"),
            ("source_ids[]", "s1"),
            ("language", "en"),
            ("name", "Short"),
        ],
        sig.clone(),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/users/u1/signatures/g1",
        &[("body", "-- A."), ("name", "Shorter")],
        sig.clone(),
    )
    .await;
    expect(&server, "DELETE", "/users/u1/signatures/g1", &[], sig).await;
    let api = client.user_signatures(&UserId::new("u1"));
    let id = SignatureId::new("g1");

    let list = api.list().send().await.unwrap();
    assert_eq!(list.records[0].body, "-- Ada");
    assert_eq!(api.get(&id).await.unwrap().language.as_deref(), Some("en"));

    api.create("-- Ada")
        .source_ids(&[SourceId::new("s1")])
        .language("en")
        .name("Short")
        .await
        .unwrap();

    api.update(&id).body("-- A.").name("Shorter").await.unwrap();

    assert_eq!(api.delete(&id).await.unwrap().id, id);
}

#[tokio::test]
async fn user_sources_permissions_get_and_update() {
    let perms = json!({"s1": ["read", "reply", "approval_threshold_20"], "s2": ["read", "levitate"]});
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/users/u1/sources_permissions",
        &[],
        perms.clone(),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/users/u1/sources_permissions",
        &[("s1", "read,reply_with_html"), ("s2", "")],
        perms,
    )
    .await;
    let api = client.user_sources_permissions();
    let user = UserId::new("u1");
    let (s1, s2) = (SourceId::new("s1"), SourceId::new("s2"));

    let got = api.get(&user).await.unwrap();
    assert_eq!(
        got.on(&s1),
        [
            SourcePermission::Read,
            SourcePermission::Reply,
            SourcePermission::ApprovalThreshold20
        ]
    );
    assert_eq!(got.on(&s2)[1], SourcePermission::Other("levitate".into()));

    let updated = api
        .update(&user)
        .source(&s1, &[SourcePermission::Read, SourcePermission::ReplyWithHtml])
        .source(&s2, &[])
        .await
        .unwrap();
    assert_eq!(updated.sources.len(), 2);
}

#[tokio::test]
async fn parent_ids_and_keys_needing_escapes_stay_one_segment_or_one_key() {
    let sig = json!({"id": "g/1", "body": "-- Ada"});
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/users/u%2F1%3Fx%20y/signatures",
        &[],
        page(vec![sig.clone()]),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/users/u%2F1%3Fx%20y/signatures/g%2F1",
        &[("name", "n")],
        sig.clone(),
    )
    .await;
    expect(
        &server,
        "DELETE",
        "/users/u%2F1%3Fx%20y/signatures/g%2F1",
        &[],
        sig,
    )
    .await;
    expect(
        &server,
        "PUT",
        "/users/..%2Fteams/sources_permissions",
        &[("s&1=x[]", "read,reply")],
        json!({}),
    )
    .await;

    let api = client.user_signatures(&UserId::new("u/1?x y"));
    let id = SignatureId::new("g/1");
    assert_eq!(api.list().send().await.unwrap().records[0].id, id);
    api.update(&id).name("n").await.unwrap();
    api.delete(&id).await.unwrap();
    client
        .user_sources_permissions()
        .update(&UserId::new("../teams"))
        .source(
            &SourceId::new("s&1=x[]"),
            &[SourcePermission::Read, SourcePermission::Reply],
        )
        .await
        .unwrap();
}
