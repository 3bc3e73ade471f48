//! `/users` against wiremock: method, path, query, Bearer token and typed result of every call.

use crate::common;

use common::{expect, page, setup};
use ringcentral_engage::models::{CategoryId, Gender, IdentityId, TeamId, UserId};
use ringcentral_engage::Secret;
use serde_json::json;

fn ada() -> serde_json::Value {
    json!({
        "id": "u1", "firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.com",
        "role_id": "r1", "team_ids": ["t1"], "category_ids": ["c1"], "enabled": true,
        "rc_user_id": "rc-42", "spoken_languages": ["en", "fr"],
        "created_at": "2012-05-21T01:19:49Z", "brand_new_field": {"x": 1}
    })
}

#[tokio::test]
async fn list_sends_every_filter() {
    let (server, client) = setup().await;
    expect(
        &server,
        "GET",
        "/users",
        &[
            ("email", "ada@example.com"),
            ("category_id", "c1"),
            ("identity_id", "i1"),
            ("external_id", "sso-1"),
            ("role_id", "r1"),
            ("team_id", "t1"),
            ("offset", "30"),
            ("limit", "150"),
        ],
        page(vec![ada()]),
    )
    .await;
    let page = client
        .users()
        .list()
        .email("ada@example.com")
        .category_id(&CategoryId::new("c1"))
        .identity_id(&IdentityId::new("i1"))
        .external_id("sso-1")
        .role_id(&"r1".into())
        .team_id(&TeamId::new("t1"))
        .offset(30)
        .limit(150)
        .send()
        .await
        .unwrap();
    assert_eq!(page.count, 1);
    assert_eq!(page.records[0].rc_user_id.as_deref(), Some("rc-42"));
    assert_eq!(page.records[0].team_ids, [TeamId::new("t1")]);
}

#[tokio::test]
async fn get_returns_the_user() {
    let (server, client) = setup().await;
    expect(&server, "GET", "/users/u1", &[], ada()).await;
    let user = client.users().get(&UserId::new("u1")).await.unwrap();
    assert_eq!(user.display_name(), "Ada Lovelace");
    assert_eq!(user.role_id.unwrap().as_str(), "r1");
    assert_eq!(user.created_at.unwrap().year(), 2012);
}

#[tokio::test]
async fn create_sends_every_field() {
    let (server, client) = setup().await;
    expect(
        &server,
        "POST",
        "/users",
        &[
            ("email", "ada@example.com"),
            ("firstname", "Ada"),
            ("lastname", "Lovelace"),
            ("role_id", "r1"),
            ("password", "s3cret"),
            ("no_password", "false"),
            ("category_ids[]", "c1"),
            ("category_ids[]", "c2"),
            ("enabled", "true"),
            ("external_id", "sso-1"),
            ("gender", "woman"),
            ("identity_ids[]", "i1"),
            ("locale", "en"),
            ("nickname", "ada"),
            ("team_ids[]", "t1"),
            ("timezone", "Paris"),
            ("spoken_languages[]", "en"),
            ("spoken_languages[]", "fr"),
        ],
        ada(),
    )
    .await;
    let user = client
        .users()
        .create("ada@example.com", "Ada", "Lovelace", &"r1".into())
        .password(&Secret::new("s3cret"))
        .no_password(false)
        .category_ids(&[CategoryId::new("c1"), CategoryId::new("c2")])
        .enabled(true)
        .external_id("sso-1")
        .gender(Gender::Woman)
        .identity_ids(&[IdentityId::new("i1")])
        .locale("en")
        .nickname("ada")
        .team_ids(&[TeamId::new("t1")])
        .timezone("Paris")
        .spoken_languages(["en", "fr"])
        .await
        .unwrap();
    assert_eq!(user.id.as_str(), "u1");
}

#[tokio::test]
async fn invite_sends_the_identity_and_role() {
    let (server, client) = setup().await;
    expect(
        &server,
        "POST",
        "/users/invite",
        &[
            ("email", "ada@example.com"),
            ("firstname", "Ada"),
            ("lastname", "Lovelace"),
            ("role_id", "r1"),
            ("team_ids[]", "t1"),
        ],
        ada(),
    )
    .await;
    let user = client
        .users()
        .invite("ada@example.com", "Ada", "Lovelace", &"r1".into())
        .team_ids(&[TeamId::new("t1")])
        .send()
        .await
        .unwrap();
    assert_eq!(user.email.as_deref(), Some("ada@example.com"));
}

#[tokio::test]
async fn update_sends_rc_user_id_and_clears_lists() {
    let (server, client) = setup().await;
    expect(
        &server,
        "PUT",
        "/users/u1",
        &[
            ("email", "ada@example.org"),
            ("firstname", "Ada"),
            ("lastname", "King"),
            ("role_id", "r2"),
            ("rc_user_id", "rc-42"),
            ("category_ids[]", ""),
        ],
        ada(),
    )
    .await;
    let user = client
        .users()
        .update(&UserId::new("u1"))
        .email("ada@example.org")
        .firstname("Ada")
        .lastname("King")
        .role_id(&"r2".into())
        .rc_user_id("rc-42")
        .category_ids(&[])
        .await
        .unwrap();
    assert_eq!(user.rc_user_id.as_deref(), Some("rc-42"));
}

#[tokio::test]
async fn delete_returns_the_deleted_user() {
    let (server, client) = setup().await;
    expect(&server, "DELETE", "/users/u1", &[], ada()).await;
    let user = client.users().delete(&UserId::new("u1")).await.unwrap();
    assert_eq!(user.id.as_str(), "u1");
}
