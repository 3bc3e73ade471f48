//! `/identities` and `/identity_groups` against wiremock: method, path, exact query, Bearer token
//! and the decoded record.

use crate::common;

use common::{expect, fixture, page, setup};
use ringcentral_engage::api::IdentitySort;
use ringcentral_engage::models::{
    CommunityId, Gender, Identity, IdentityGroup, IdentityGroupId, IdentityId, SourceId, TagId, UserId,
};
use serde_json::json;

/// The spec-shaped identity fixture under another id, with a field the spec does not list.
fn identity(id: &str) -> serde_json::Value {
    let mut identity = fixture("rest", "identity");
    identity["id"] = json!(id);
    identity["an_unknown_field"] = json!(true);
    identity
}

/// The spec-shaped identity group fixture under another id.
fn group(id: &str) -> serde_json::Value {
    let mut group = fixture("rest", "identity_group");
    group["id"] = json!(id);
    group
}

#[test]
fn fixtures_have_every_spec_field_and_each_decodes_into_a_typed_field() {
    let identity: Identity = serde_json::from_value(fixture("rest", "identity")).unwrap();
    assert!(identity.extra.is_empty(), "{:?}", identity.extra);
    assert_eq!(identity.kind.as_deref(), Some("Identity::Engage"));
    assert_eq!(identity.display_name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(identity.mobile_phone.as_deref(), Some("+447700900123"));
    assert_eq!(identity.company.as_deref(), Some("Analytical Engines Ltd"));
    assert_eq!(identity.user_ids, [UserId::new("5f1de5e00000000700000003")]);
    assert!(
        identity.updated_at.is_some() && identity.community_url.is_some() && identity.avatar_url.is_some()
    );
    let group: IdentityGroup = serde_json::from_value(fixture("rest", "identity_group")).unwrap();
    assert!(group.extra.is_empty(), "{:?}", group.extra);
    assert_eq!(group.home_phones, ["+441234567890"]);
    assert_eq!(group.gender.as_deref(), Some("woman"));
    assert!(group.updated_at.is_some() && group.avatar_url.is_some() && group.company.is_some());
}

#[tokio::test]
async fn identities_list_with_every_filter() {
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/identities",
        &[
            ("community_id", "c1"),
            ("source_id", "s1"),
            ("identity_group_id", "g1"),
            ("identity_group_ids", "g1,g2"),
            ("user_id", "u1"),
            ("foreign_id", "cust-42"),
            ("uuid", "4b7a"),
            ("sort", "updated_at"),
            ("offset", "30"),
            ("limit", "10"),
        ],
        page(vec![identity("i1")]),
    )
    .await;
    let page = client
        .identities()
        .list()
        .community_id(&CommunityId::new("c1"))
        .source_id(&SourceId::new("s1"))
        .identity_group_id(&IdentityGroupId::new("g1"))
        .identity_group_ids([&IdentityGroupId::new("g1"), &IdentityGroupId::new("g2")])
        .user_id(&UserId::new("u1"))
        .foreign_id("cust-42")
        .uuid("4b7a")
        .sort(IdentitySort::UpdatedAt)
        .offset(30)
        .limit(10)
        .send()
        .await
        .unwrap();
    assert_eq!(page.records[0].foreign_id.as_deref(), Some("cust-42"));
    assert_eq!(page.records[0].extra_values["plan"], "gold");
}

#[tokio::test]
async fn identity_get_and_import() {
    let (server, client) = setup().await;
    expect(&server, "GET", "/identities/i%2F1", &[], identity("i/1")).await;
    let got = client.identities().get(&IdentityId::new("i/1")).await.unwrap();
    assert_eq!(got.id.as_str(), "i/1");

    expect(
        &server,
        "POST",
        "/identities/import",
        &[
            ("community_id", "c1"),
            ("identifier", "ada@example.com"),
            ("source_id", "s1"),
            ("upsert", "true"),
            ("company", "Analytical Engines"),
            ("firstname", "Ada"),
            ("lastname", "Lovelace"),
            ("home_phone", "+33100000000"),
            ("mobile_phone", "+33600000000"),
            ("screenname", "Ada L."),
            ("gender", "woman"),
            ("extra_values[plan]", "gold"),
        ],
        identity("i2"),
    )
    .await;
    let imported = client
        .identities()
        .import(&CommunityId::new("c1"), "ada@example.com")
        .source_id(&SourceId::new("s1"))
        .upsert(true)
        .company("Analytical Engines")
        .firstname("Ada")
        .lastname("Lovelace")
        .home_phone("+33100000000")
        .mobile_phone("+33600000000")
        .screenname("Ada L.")
        .gender(Gender::Woman)
        .extra_value("plan", "gold")
        .await
        .unwrap();
    assert_eq!(imported.id.as_str(), "i2");
}

#[tokio::test]
async fn identity_groups_list_get_update_merge() {
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/identity_groups",
        &[
            ("firstname", "Ada"),
            ("lastname", "Lovelace"),
            ("email", "ada@example.com"),
            ("uuid", "u-1"),
            ("ids", "g1,g2"),
            ("sort", "created_at"),
        ],
        page(vec![group("g1")]),
    )
    .await;
    let listed = client
        .identity_groups()
        .list()
        .firstname("Ada")
        .lastname("Lovelace")
        .email("ada@example.com")
        .uuid("u-1")
        .ids([&IdentityGroupId::new("g1"), &IdentityGroupId::new("g2")])
        .sort(IdentitySort::CreatedAt)
        .send()
        .await
        .unwrap();
    assert_eq!(listed.records[0].emails, ["ada@example.com"]);

    expect(&server, "GET", "/identity_groups/g1", &[], group("g1")).await;
    assert_eq!(
        client
            .identity_groups()
            .get(&IdentityGroupId::new("g1"))
            .await
            .unwrap()
            .id
            .as_str(),
        "g1"
    );

    expect(
        &server,
        "PUT",
        "/identity_groups/g1",
        &[
            ("company", "AE"),
            ("firstname", "Ada"),
            ("lastname", "King"),
            ("notes", "VIP"),
            ("gender", "woman"),
            ("emails[]", "a@x.io"),
            ("emails[]", "b@x.io"),
            ("home_phones[]", ""),
            ("mobile_phones[]", "+33600000000"),
            ("tag_ids[]", "t1"),
            ("custom_field_values[tier]", "gold"),
        ],
        group("g1"),
    )
    .await;
    let updated = client
        .identity_groups()
        .update(&IdentityGroupId::new("g1"))
        .company("AE")
        .firstname("Ada")
        .lastname("King")
        .notes("VIP")
        .gender(Gender::Woman)
        .emails(["a@x.io", "b@x.io"])
        .home_phones(Vec::<String>::new())
        .mobile_phones(["+33600000000"])
        .tag_ids([&TagId::new("t1")])
        .custom_field("tier", "gold")
        .await
        .unwrap();
    assert_eq!(updated.id.as_str(), "g1");

    expect(
        &server,
        "PUT",
        "/identity_groups/g1/merge",
        &[("associated_identity_id", "i9")],
        group("g1"),
    )
    .await;
    let merged = client
        .identity_groups()
        .merge(&IdentityGroupId::new("g1"), &IdentityId::new("i9"))
        .await
        .unwrap();
    assert_eq!(merged.id.as_str(), "g1");
}
