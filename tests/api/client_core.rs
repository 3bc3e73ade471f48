//! The REST client core against wiremock: auth, retries, errors, pagination and secrets.

use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use ringcentral_engage::models::UserId;
use ringcentral_engage::{Client, Error, RetryPolicy};
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "test-token-5f2a";

fn client(server: &MockServer) -> Client {
    client_with(
        server,
        RetryPolicy::default().base_delay(Duration::from_millis(1)),
    )
}

fn client_with(server: &MockServer, retry: RetryPolicy) -> Client {
    Client::builder()
        .base_url(format!("{}/1.0", server.uri()))
        .access_token(TOKEN)
        .retry_policy(retry)
        .build()
        .unwrap()
}

fn user(id: &str) -> serde_json::Value {
    json!({"id": id, "firstname": "Ada", "lastname": "Lovelace", "email": format!("{id}@example.com")})
}

#[tokio::test]
async fn sends_bearer_token_user_agent_and_impersonation() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/1.0/users/u1"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header(
            "user-agent",
            concat!("ringcentral-engage/", env!("CARGO_PKG_VERSION")),
        ))
        .and(query_param("impersonated_user_id", "boss"))
        .respond_with(ResponseTemplate::new(200).set_body_json(user("u1")))
        .expect(1)
        .mount(&server)
        .await;
    let c = Client::builder()
        .base_url(format!("{}/1.0", server.uri()))
        .access_token(TOKEN)
        .impersonate("boss")
        .build()
        .unwrap();
    let u = c.users().get(&UserId::new("u1")).await.unwrap();
    assert_eq!(u.display_name(), "Ada Lovelace");
}

#[tokio::test]
async fn retries_429_honouring_retry_after() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/1.0/users/u1"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "1")
                .set_body_json(
                    json!({"error": "rate_limit_exceeded", "message": "Rate limit exceeded", "status": 429}),
                ),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/1.0/users/u1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(user("u1")))
        .mount(&server)
        .await;
    let started = Instant::now();
    let u = client(&server).users().get(&UserId::new("u1")).await.unwrap();
    assert_eq!(u.id.as_str(), "u1");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn retries_429_on_post_too_and_reports_rate_limited_when_exhausted() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).set_body_json(
            json!({"error": "rate_limit_exceeded", "message": "Rate limit exceeded", "status": 429}),
        ))
        .mount(&server)
        .await;
    let c = client_with(
        &server,
        RetryPolicy::default()
            .max_retries(2)
            .base_delay(Duration::from_millis(1)),
    );
    let err = c
        .users()
        .create("a@b.c", "A", "B", &"r1".into())
        .no_password(true)
        .await
        .unwrap_err();
    match &err {
        Error::RateLimited {
            body: Some(body),
            retry_after: None,
        } => assert_eq!(body.error, "rate_limit_exceeded"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.is_retryable());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn retry_after_longer_than_allowed_is_returned_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "3600"))
        .mount(&server)
        .await;
    let err = client(&server).users().get(&"u".into()).await.unwrap_err();
    assert!(matches!(err, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(3600)));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn get_is_retried_after_503_twice() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(user("u1")))
        .mount(&server)
        .await;
    let u = client(&server).users().get(&"u1".into()).await.unwrap();
    assert_eq!(u.id.as_str(), "u1");
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn post_is_never_replayed_after_503() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let err = client(&server)
        .users()
        .invite("a@b.c", "A", "B", &"r1".into())
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert!(err.is_retryable(), "a 503 may succeed later, the caller decides");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn timeout_is_a_transport_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(user("u1"))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&server)
        .await;
    let c = Client::builder()
        .base_url(format!("{}/1.0", server.uri()))
        .access_token(TOKEN)
        .timeout(Duration::from_millis(200))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = c.users().get(&"u1".into()).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(err.is_retryable());
    assert!(!format!("{err:?} {err}").contains(TOKEN));
}

#[tokio::test]
async fn non_json_success_is_a_decode_error_with_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"))
        .mount(&server)
        .await;
    let err = client(&server).users().get(&"u1".into()).await.unwrap_err();
    match err {
        Error::Decode { body, .. } => assert_eq!(body, "<html>maintenance</html>"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn html_502_from_a_proxy_keeps_the_raw_body() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html><h1>502 Bad Gateway</h1></html>"))
        .mount(&server)
        .await;
    let c = client_with(&server, RetryPolicy::none());
    let err = c.users().delete(&"u1".into()).await.unwrap_err();
    match &err {
        Error::Api {
            status,
            body: None,
            raw,
            path,
            ..
        } => {
            assert_eq!(status.as_u16(), 502);
            assert!(raw.contains("Bad Gateway"));
            assert_eq!(path, "/users/u1");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("502"));
}

#[tokio::test]
async fn error_body_is_parsed() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(422).set_body_json(
            json!({"error": "invalid_record", "message": "Email has already been taken", "status": 422}),
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .users()
        .update(&"u1".into())
        .email("x@y.z")
        .await
        .unwrap_err();
    match &err {
        Error::Api {
            status,
            body: Some(body),
            ..
        } => {
            assert_eq!(status.as_u16(), 422);
            assert_eq!(body.message, "Email has already been taken");
            assert_eq!(body.status, Some(422));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!err.is_retryable());
    assert!(err.to_string().contains("Email has already been taken"));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "4xx is not retried"
    );
}

#[tokio::test]
async fn extra_fields_are_tolerated() {
    let server = MockServer::start().await;
    let mut body = user("u1");
    body["a_field_from_the_future"] = json!({"nested": [1, 2]});
    body["rc_user_id"] = json!("rc-123");
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let u = client(&server).users().get(&"u1".into()).await.unwrap();
    assert_eq!(u.rc_user_id.as_deref(), Some("rc-123"));
    assert_eq!(u.extra["a_field_from_the_future"], json!({"nested": [1, 2]}));
    assert_eq!(u.extra.len(), 1);
}

#[tokio::test]
async fn limit_out_of_range_is_refused_before_sending() {
    let server = MockServer::start().await;
    let c = client(&server);
    for bad in [0, 151] {
        let err = c.users().list().limit(bad).send().await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidArgument { name: "limit", .. }),
            "{err:?}"
        );
        let err = c
            .users()
            .list()
            .limit(bad)
            .stream()
            .try_collect::<Vec<_>>()
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidArgument { name: "limit", .. }),
            "{err:?}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn stream_walks_three_pages() {
    let server = MockServer::start().await;
    for (offset, ids) in [(0, vec!["a", "b"]), (2, vec!["c", "d"]), (4, vec!["e"])] {
        Mock::given(method("GET"))
            .and(path("/1.0/users"))
            .and(query_param("offset", offset.to_string().as_str()))
            .and(query_param("limit", "2"))
            .and(query_param("role_id", "r1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "count": 5, "offset": offset, "limit": 2,
                "records": ids.iter().map(|id| user(id)).collect::<Vec<_>>(),
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    let users: Vec<_> = client(&server)
        .users()
        .list()
        .role_id(&"r1".into())
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
}

#[tokio::test]
async fn stream_stops_on_an_empty_page_when_count_lies() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 1_000_000_000u64, "offset": 0, "limit": 2, "records": [user("a"), user("b")],
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 1_000_000_000u64, "offset": 2, "limit": 2, "records": [],
        })))
        .mount(&server)
        .await;
    let users: Vec<_> = client(&server)
        .users()
        .list()
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn stream_stops_after_a_short_page_when_count_lies() {
    // A server that ignores `offset` and claims 10 000 records: the short page is the last one.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/1.0/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 10_000, "offset": 0, "limit": 150, "records": [user("a"), user("b"), user("c")],
        })))
        .mount(&server)
        .await;
    let c = client(&server);
    let users: Vec<_> = c.users().list().stream().try_collect().await.unwrap();
    assert_eq!(users.len(), 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    // The same with an explicit page size: 3 records for a limit of 5 is a short page.
    let users: Vec<_> = c.users().list().limit(5).stream().try_collect().await.unwrap();
    assert_eq!(users.len(), 3);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].url.query(), Some("offset=0&limit=5"));
}

#[tokio::test]
async fn ids_a_url_would_alter_are_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(user("u1")))
        .expect(0)
        .mount(&server)
        .await;
    let c = client(&server);
    let refused = |result: Result<_, Error>, what: &str| match result {
        Err(Error::InvalidArgument { name: "id", .. }) => {}
        other => panic!("{what}: expected InvalidArgument, got {other:?}"),
    };
    // Without the check these became PUT /content_threads/close and DELETE /users.
    refused(c.threads().close(&"..".into()).await.map(drop), "close ..");
    refused(c.users().delete(&".".into()).await.map(drop), "delete .");
    refused(c.users().get(&"".into()).await.map(drop), "get empty");
    refused(c.threads().close(&"".into()).await.map(drop), "close empty");
    refused(c.users().get(&"u\n1".into()).await.map(drop), "line break");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn odd_but_valid_ids_reach_the_server_verbatim() {
    let server = MockServer::start().await;
    for (sent, id) in [
        ("/1.0/users/...", "..."),
        ("/1.0/users/.a", ".a"),
        ("/1.0/users/%252E", "%2E"),
    ] {
        Mock::given(method("GET"))
            .and(path(sent))
            .respond_with(ResponseTemplate::new(200).set_body_json(user(id)))
            .expect(1)
            .mount(&server)
            .await;
    }
    let c = client(&server);
    for id in ["...", ".a", "%2E"] {
        let u = c.users().get(&id.into()).await.unwrap();
        assert_eq!(u.id.as_str(), id);
    }
}

#[tokio::test]
async fn stream_ends_after_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"count": 3, "records": {"oops": 1}})))
        .mount(&server)
        .await;
    let items: Vec<_> = futures_util::StreamExt::collect(client(&server).users().list().stream()).await;
    assert_eq!(items.len(), 1);
    match &items[0] {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "records"),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn token_never_shows_in_debug_or_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"error": "invalid_token", "message": "Invalid token", "status": 401})),
        )
        .mount(&server)
        .await;
    let c = client(&server);
    assert!(!format!("{c:?}").contains(TOKEN));
    assert!(!format!("{:?}", c.users()).contains(TOKEN));
    assert!(!format!("{:?}", c.users().list()).contains(TOKEN));
    assert!(!format!("{:?}", c.users().update(&"u".into())).contains(TOKEN));
    let err = c.users().get(&"u".into()).await.unwrap_err();
    assert!(!format!("{err:?} {err}").contains(TOKEN));
    // A refused connection: the transport error must not carry the token either.
    let dead = Client::builder()
        .base_url("http://127.0.0.1:9/1.0")
        .access_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let err = dead
        .users()
        .create("a@b.c", "A", "B", &"r".into())
        .password(&"hunter2".into())
        .await
        .unwrap_err();
    let printed = format!("{err:?} {err}");
    assert!(
        !printed.contains(TOKEN) && !printed.contains("hunter2"),
        "{printed}"
    );
}
