//! Contents and threads against wiremock (each method's HTTP method, path, exact query and
//! typed answer), and bad input through the handlers.

use crate::common;

use common::{expect, fixture, page, setup};
use ringcentral_engage::api::{SearchQuery, SortDirection, SortField, ThreadStatus};
use ringcentral_engage::models::{CategoryId, ThreadId};
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
        "/contents",
        &[("q", q), ("limit", "10")],
        page(vec![fixture("rest", "content")]),
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
    expect(&server, "GET", "/contents/c1", &[], fixture("rest", "content")).await;
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
    expect(&server, "POST", "/contents", &query, fixture("rest", "content")).await;
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
        "/contents",
        &[("body", "Thanks"), ("in_reply_to_id", "c9")],
        fixture("rest", "content"),
    )
    .await;
    c.contents().reply(&"c9".into(), "Thanks").send().await.unwrap();
}

#[tokio::test]
async fn contents_ignore() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/contents/c1/ignore",
        &[],
        fixture("rest", "content"),
    )
    .await;
    c.contents().ignore(&"c1".into()).await.unwrap();
}

#[tokio::test]
async fn contents_update_categories() {
    let (server, c) = setup().await;
    expect(
        &server,
        "PUT",
        "/contents/c1/update_categories",
        &[("category_ids[]", "c1"), ("category_ids[]", "c2")],
        fixture("rest", "content"),
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
        "/contents/c1/update_custom_score",
        &[("custom_score", "2.5")],
        fixture("rest", "content"),
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
        "/content_threads",
        &[("q", q)],
        page(vec![fixture("rest", "thread")]),
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
    expect(
        &server,
        "GET",
        "/content_threads/t1",
        &[],
        fixture("rest", "thread"),
    )
    .await;
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
        "/content_threads/t1/close",
        &[],
        fixture("rest", "thread"),
    )
    .await;
    expect(
        &server,
        "GET",
        "/content_threads/t1/open",
        &[],
        fixture("rest", "thread"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/content_threads/t1/ignore",
        &[],
        fixture("rest", "thread"),
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
        "/content_threads/t1/update_categories",
        &[("thread_category_ids[]", "c1"), ("thread_category_ids[]", "c2")],
        fixture("rest", "thread"),
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
        "/content_threads/t1/disable_text_input",
        &[],
        fixture("rest", "messaging_thread"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/content_threads/t1/enable_text_input",
        &[],
        fixture("rest", "messaging_thread"),
    )
    .await;
    let t = c.threads().disable_text_input(&"t1".into()).await.unwrap();
    assert_eq!(t.disable_text_input, Some(true));
    c.threads().enable_text_input(&"t1".into()).await.unwrap();
}

// ---- bad input ----

#[tokio::test]
async fn ids_needing_escapes_are_percent_encoded() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/content_threads/a%2Fb%3Fc%20d",
        &[],
        fixture("rest", "thread"),
    )
    .await;
    expect(
        &server,
        "PUT",
        "/interventions/..%2Fusers/close",
        &[],
        fixture("rest", "intervention"),
    )
    .await;
    expect(
        &server,
        "GET",
        "/contents/%3F%23",
        &[],
        fixture("rest", "content"),
    )
    .await;
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
        "/content_threads",
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
        "/interventions",
        &[],
        json!({"count": 2, "records": [fixture("rest", "intervention"), {"id": "x", "closed": "nope"}]}),
    )
    .await;
    match c.interventions().list().send().await {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "records[1].closed"),
        other => panic!("unexpected {other:?}"),
    }
}
