//! The Send API of the simulator: every error of `send-api.md`, dedup, threading, typing.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::{message, send};
use ringcentral_engage::sdk::signature::{sign, SIGNATURE_HEADER};
use ringcentral_engage::sim::{ContentKind, Direction, EngageSimulator, Faults, SimHandle};
use ringcentral_engage::Secret;
use serde_json::json;

async fn sim() -> SimHandle {
    EngageSimulator::builder().seed(1).start().await.unwrap()
}

async fn raw(http: &reqwest::Client, url: &str, signature: Option<String>, body: Vec<u8>) -> (u16, String) {
    let mut req = http.post(url).body(body);
    if let Some(s) = signature {
        req = req.header(SIGNATURE_HEADER, s);
    }
    let resp = req.send().await.unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

#[tokio::test]
async fn every_documented_error() {
    let sim = sim().await;
    let http = reqwest::Client::new();
    let url = sim.realtime_url();
    let key = sim.realtime_token();
    let signed = |b: &[u8]| Some(sign(&key, b));

    // 400 Bad request: not JSON.
    assert_eq!(
        raw(&http, &url, signed(b"not json"), b"not json".to_vec()).await,
        (400, "Bad request".into())
    );
    // 400 Invalid request format: no params.
    let b = br#"{"action":"messages.create"}"#;
    assert_eq!(
        raw(&http, &url, signed(b), b.to_vec()).await,
        (400, "Invalid request format".into())
    );
    // 413 over 20 MiB.
    let big = vec![b' '; 20_971_521];
    let (status, text) = raw(&http, &url, None, big).await;
    assert_eq!(
        (status, text.as_str()),
        (413, "Invalid request size (max: 20971520 bytes)")
    );
    // 422 Source not found.
    let other = format!("{}/realtime/sdk/000000000000000000000000", sim.base_url());
    assert_eq!(
        send(&http, &other, &key, &message("1", "t", "u", "hi")).await,
        (422, "Source not found".into())
    );
    // 422 Invalid signature: missing, and wrong key.
    let body = message("1", "t", "u", "hi").to_string().into_bytes();
    assert_eq!(
        raw(&http, &url, None, body.clone()).await,
        (422, "Invalid signature".into())
    );
    let wrong = Some(sign(&Secret::new("wrong"), &body));
    assert_eq!(
        raw(&http, &url, wrong, body).await,
        (422, "Invalid signature".into())
    );
    // 422 Invalid action.
    let b = json!({"action": "messages.destroy", "params": {"id": "1"}});
    assert_eq!(send(&http, &url, &key, &b).await, (422, "Invalid action".into()));
    // 422 Invalid resource format: no author, no thread_id, no body.
    for params in [
        json!({"id": "1", "thread_id": "t", "body": "x"}),
        json!({"id": "1", "body": "x", "author": {"id": "u", "screenname": "U"}}),
        json!({"id": "1", "thread_id": "t", "author": {"id": "u", "screenname": "U"}}),
        json!({"thread_id": "t", "body": "x", "author": {"id": "u", "screenname": "U"}}),
    ] {
        let b = json!({"action": "messages.create", "params": params});
        assert_eq!(
            send(&http, &url, &key, &b).await,
            (422, "Invalid resource format".into())
        );
    }
    // Structured contents.
    let structured = |sc: serde_json::Value, puppet: bool| {
        json!({"action": "messages.create", "params": {"id": "s", "thread_id": "t", "body": "Pick",
            "author": {"id": "bot", "screenname": "Bot", "puppetizable": puppet}, "structured_content": sc}})
    };
    let cases = [
        (
            structured(json!({"items": [{"title": "a"}]}), true),
            "Type is required for structured contents",
        ),
        (
            structured(json!({"type": "video"}), true),
            "Source doesn't support this type of structured content",
        ),
        (
            structured(json!({"type": "select", "items": []}), true),
            "structured_content: \"items\" must not be empty",
        ),
        (
            structured(json!({"type": "select", "items": [{"title": "a"}]}), false),
            "The author must be puppetizable",
        ),
    ];
    for (body, message) in cases {
        assert_eq!(send(&http, &url, &key, &body).await, (422, message.to_owned()));
    }
    let ok = structured(json!({"type": "select", "items": [{"title": "a"}]}), true);
    assert_eq!(send(&http, &url, &key, &ok).await, (200, "ok".into()));
    // Nothing but the structured content got stored.
    assert_eq!(sim.inspect().contents().len(), 1);
    assert!(sim.inspect().send_api_calls().iter().any(|c| c.status == 413));
}

#[tokio::test]
async fn structured_contents_need_view_messaging_once_the_service_is_known() {
    let service = crate::support::FakeService::start(crate::support::Behaviour {
        options: vec![],
        ..Default::default()
    })
    .await;
    let sim = sim().await;
    service.set_key(sim.realtime_token());
    assert!(sim.set_sdk_endpoint(service.sdk_url()).await);
    let body = json!({"action": "messages.create", "params": {"id": "s", "thread_id": "t", "body": "Pick",
        "author": {"id": "bot", "screenname": "Bot", "puppetizable": true},
        "structured_content": {"type": "select", "items": [{"title": "a"}]}}});
    let http = reqwest::Client::new();
    assert_eq!(
        send(&http, &sim.realtime_url(), &sim.realtime_token(), &body).await,
        (422, "Source doesn't support structured contents".into())
    );
}

#[tokio::test]
async fn creates_thread_identity_content_and_dedups_by_id() {
    let sim = sim().await;
    let http = reqwest::Client::new();
    let (url, key) = (sim.realtime_url(), sim.realtime_token());
    let mut first = message("m1", "conv-1", "cust-1", "Hello");
    first["params"]["author"]["firstname"] = json!("Ada");
    first["params"]["author"]["email"] = json!("ada@example.com");
    first["params"]["author"]["context_data"] = json!({"plan": "gold"});
    assert_eq!(send(&http, &url, &key, &first).await, (200, "ok".into()));
    assert_eq!(send(&http, &url, &key, &first).await, (200, "ok".into()));
    assert_eq!(
        send(&http, &url, &key, &message("m2", "conv-1", "cust-1", "Anyone?"))
            .await
            .0,
        200
    );

    let inspect = sim.inspect();
    let contents = inspect.contents();
    assert_eq!(contents.len(), 2, "the repeated id is stored once");
    let thread = inspect
        .read(|s| s.thread_by_foreign_id("conv-1").cloned())
        .unwrap();
    assert_eq!(thread.id.as_str().len(), 24);
    assert_eq!(thread.category_ids, vec![sim.bot_category_id()]);
    assert_eq!(contents[0].foreign_id.as_deref(), Some("m1"));
    assert_eq!(contents[0].thread_id, thread.id);
    assert_eq!(contents[0].direction, Direction::Inbound);
    assert_eq!(contents[0].kind, ContentKind::Message);
    let identity = &inspect
        .identities()
        .into_iter()
        .find(|i| i.foreign_id == "cust-1")
        .unwrap();
    assert_eq!(identity.firstname.as_deref(), Some("Ada"));
    assert_eq!(identity.email.as_deref(), Some("ada@example.com"));
    assert_eq!(identity.context_data, Some(json!({"plan": "gold"})));
    assert_eq!(contents[1].identity_id, identity.id);
}

#[tokio::test]
async fn other_actions_are_recorded() {
    let sim = sim().await;
    let http = reqwest::Client::new();
    let (url, key) = (sim.realtime_url(), sim.realtime_token());
    let author = json!({"id": "c9", "screenname": "Nine"});
    let pm = json!({"action": "private_messages.create", "params": {"id": "p1", "body": "psst", "author": author}});
    assert_eq!(send(&http, &url, &key, &pm).await.0, 200);
    let pm2 = json!({"action": "private_messages.create", "params": {"id": "p2", "in_reply_to_id": "p1", "body": "again", "author": author}});
    assert_eq!(send(&http, &url, &key, &pm2).await.0, 200);
    let th = json!({"action": "threads.create", "params": {"id": "th1", "title": "Topic", "body": "Text", "author": author}});
    assert_eq!(send(&http, &url, &key, &th).await.0, 200);
    let user =
        json!({"action": "users.create", "params": {"id": "c10", "screenname": "Ten", "lastname": "X"}});
    assert_eq!(send(&http, &url, &key, &user).await.0, 200);
    let read = json!({"action": "status.mark_as_read", "params": {"id": "agent-msg"}});
    assert_eq!(send(&http, &url, &key, &read).await, (200, "ok".into()));

    let inspect = sim.inspect();
    let contents = inspect.contents();
    assert_eq!(
        contents[0].thread_id, contents[1].thread_id,
        "threaded by in_reply_to_id"
    );
    assert_eq!(contents[0].kind, ContentKind::PrivateMessage);
    assert!(inspect.read(|s| s.thread_by_foreign_id("p1").is_some()));
    let topic = inspect.read(|s| s.thread_by_foreign_id("th1").cloned()).unwrap();
    assert_eq!(topic.title.as_deref(), Some("Topic"));
    assert!(inspect
        .identities()
        .iter()
        .any(|i| i.foreign_id == "c10" && i.lastname.as_deref() == Some("X")));
    assert_eq!(inspect.read_marks()[0].id, "agent-msg");
}

#[tokio::test]
async fn typing_is_throttled_per_thread_and_reset_by_stop() {
    let sim = sim().await;
    let http = reqwest::Client::new();
    let (url, key) = (sim.realtime_url(), sim.realtime_token());
    let start = |t: &str| json!({"action": "typing.start", "params": {"thread_id": t, "preview": "Hel"}});
    let stop = json!({"action": "typing.stop", "params": {"thread_id": "a"}});
    assert_eq!(send(&http, &url, &key, &start("a")).await.0, 200);
    assert_eq!(
        send(&http, &url, &key, &start("a")).await,
        (
            429,
            "too many typing requests, please try again in a few seconds".into()
        )
    );
    assert_eq!(
        send(&http, &url, &key, &start("b")).await.0,
        200,
        "another thread has its own timer"
    );
    assert_eq!(send(&http, &url, &key, &stop).await.0, 200);
    assert_eq!(
        send(&http, &url, &key, &start("a")).await.0,
        200,
        "stop resets the timer"
    );
    let no_preview = json!({"action": "typing.start", "params": {"thread_id": "c"}});
    assert_eq!(
        send(&http, &url, &key, &no_preview).await,
        (422, "Invalid resource format".into())
    );
    let typing = sim.inspect().typing();
    assert_eq!(typing.len(), 4);
    assert!(typing[0].started && !typing[2].started);
}

#[tokio::test]
async fn injected_failures_answer_503_and_store_nothing() {
    let sim = EngageSimulator::builder()
        .faults(
            Faults::default()
                .send_api_failure_rate(1.0)
                .send_api_latency(Duration::from_millis(20)),
        )
        .start()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let started = std::time::Instant::now();
    let (status, _) = send(
        &http,
        &sim.realtime_url(),
        &sim.realtime_token(),
        &message("1", "t", "u", "x"),
    )
    .await;
    assert_eq!(status, 503);
    assert!(started.elapsed() >= Duration::from_millis(20));
    assert!(sim.inspect().contents().is_empty());
}
