//! The simulator checked against the reference docs on its own: a whole handover driven with
//! raw HTTP (reqwest + `sdk::signature::sign`), no other crate code in the loop.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::{send, Behaviour, FakeService};
use ringcentral_engage::sim::{EngageSimulator, SimAgent, SimHandle};
use ringcentral_engage::Secret;
use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(5);

#[tokio::test]
async fn a_handover_over_raw_http() {
    let service = FakeService::start(Behaviour::default()).await;
    let sim = EngageSimulator::builder()
        .agent(
            SimAgent::new("Jane Doe")
                .think_time(Duration::from_secs(2))
                .replies(["Hi, Jane here.", "Done!"]),
        )
        .queue_ahead(1)
        .time_scale(0.002)
        .seed(42)
        .start()
        .await
        .unwrap();
    service.set_key(sim.realtime_token());
    assert!(sim.set_sdk_endpoint(service.sdk_url()).await);
    assert!(
        sim.set_webhook(
            service.webhook_url(),
            Secret::new("hook"),
            Secret::new("verify-me")
        )
        .await
    );
    // implementation.info was asked, signed.
    let info = &service.actions_named("implementation.info")[0];
    assert!(info["time"].is_string() && info.get("params").is_none());

    let http = reqwest::Client::new();
    let token = sim.access_token().expose().to_owned();
    let (url, key) = (sim.realtime_url(), sim.realtime_token());
    assert!(url.ends_with(&format!("/realtime/sdk/{}", sim.source_id())));
    assert!(sim.api_url().ends_with("/1.0"));

    // 1. The transcript goes in with the Send API, exactly as the docs show it.
    for (id, body) in [("t1", "Hi bot"), ("t2", "Talk to a human please")] {
        let request = json!({"action": "messages.create", "params": {
            "id": id, "thread_id": "conversation-7", "body": body, "format": "text",
            "author": {"id": "user-7", "screenname": "Ann", "firstname": "Ann", "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-01T10:00:00Z",
                       "context_data": {"plan": "gold"}}
        }});
        assert_eq!(send(&http, &url, &key, &request).await, (200, "ok".to_owned()));
    }

    // 2. The service finds the thread by its foreign id, then moves it to Agent.
    let get = |path: String| {
        let http = http.clone();
        let token = token.clone();
        async move {
            let resp = http.get(path).bearer_auth(token).send().await.unwrap();
            assert_eq!(resp.status().as_u16(), 200);
            resp.json::<Value>().await.unwrap()
        }
    };
    let page = get(format!(
        "{}/content_threads?q=foreign:conversation-7",
        sim.api_url()
    ))
    .await;
    assert_eq!(page["count"], 1);
    let thread_id = page["records"][0]["id"].as_str().unwrap().to_owned();
    let status = get(format!("{}/status", sim.api_url())).await;
    assert_eq!(status[0]["channels"][0]["status"], "available");
    let resp = http
        .put(format!(
            "{}/content_threads/{thread_id}/update_categories",
            sim.api_url()
        ))
        .query(&[("thread_category_ids[]", sim.agent_category_id().as_str())])
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);

    // 3. Queue updates: behind one phantom customer, then first.
    service
        .wait(
            |r| {
                r.actions
                    .iter()
                    .filter(|(a, _)| a["action"] == "messaging.queuing_update")
                    .count()
                    >= 2
            },
            WAIT,
        )
        .await;
    let updates = service.actions_named("messaging.queuing_update");
    assert_eq!(
        updates[0]["params"],
        json!({"estimated_wait_time": 120, "position": 2, "thread_id": "conversation-7", "in_reply_to_id": "t2"})
    );
    assert_eq!(updates[1]["params"]["position"], 1);

    // 4. The agent's replies arrive signed as messages.create; the service answered its ids.
    service
        .wait(
            |r| {
                r.actions
                    .iter()
                    .filter(|(a, _)| a["action"] == "messages.create")
                    .count()
                    >= 2
            },
            WAIT,
        )
        .await;
    let replies = service.actions_named("messages.create");
    assert_eq!(replies[0]["params"]["body"], "Hi, Jane here.");
    assert_eq!(replies[0]["params"]["sender_name"], "Jane Doe");
    assert_eq!(replies[0]["params"]["thread_id"], "conversation-7");
    assert_eq!(replies[0]["params"]["in_reply_to_id"], "t2");

    // 5. The customer reads and types during the handover.
    let read_id = format!("svc-{}", replies[0]["params"]["content_id"].as_str().unwrap());
    let read = json!({"action": "status.mark_as_read", "params": {"id": read_id}});
    assert_eq!(send(&http, &url, &key, &read).await.0, 200);
    let typing =
        json!({"action": "typing.start", "params": {"thread_id": "conversation-7", "preview": "Th"}});
    assert_eq!(send(&http, &url, &key, &typing).await.0, 200);
    assert_eq!(
        sim.inspect().read_marks()[0]
            .content_id
            .as_ref()
            .map(|c| c.as_str()),
        replies[0]["params"]["content_id"].as_str()
    );

    // 6. Webhooks told who took it and when it ended.
    service
        .wait(
            |r| {
                r.webhooks
                    .iter()
                    .any(|(b, _)| b["events"][0]["type"] == "task.completed")
            },
            WAIT,
        )
        .await;
    let types: Vec<String> = service.received(|r| {
        r.webhooks
            .iter()
            .map(|(b, _)| b["events"][0]["type"].as_str().unwrap().to_owned())
            .collect()
    });
    assert_eq!(
        types,
        [
            "task.created",
            "task.taken",
            "intervention.opened",
            "intervention.assigned",
            "intervention.closed",
            "task.completed"
        ]
    );
    let (assigned, secret) = service.received(|r| r.webhooks[3].clone());
    assert_eq!(secret.as_deref(), Some("hook"));
    let agent_id = assigned["events"][0]["resource"]["metadata"]["user_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let agent = get(format!("{}/users/{agent_id}", sim.api_url())).await;
    assert_eq!(
        (agent["firstname"].as_str(), agent["lastname"].as_str()),
        (Some("Jane"), Some("Doe"))
    );
    let intervention_id = assigned["events"][0]["resource"]["id"].as_str().unwrap();
    let intervention = get(format!("{}/interventions/{intervention_id}", sim.api_url())).await;
    assert_eq!(intervention["closed"], true);
    assert_eq!(intervention["user_replies_count"], 2);

    // 7. The contents of the thread, oldest first, with their authors.
    let contents = get(format!(
        "{}/contents?q=thread:{thread_id}%20order:created_at.asc",
        sim.api_url()
    ))
    .await;
    let bodies: Vec<&str> = contents["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        bodies,
        ["Hi bot", "Talk to a human please", "Hi, Jane here.", "Done!"]
    );
    assert_eq!(contents["records"][2]["foreign_id"], json!(read_id));
    assert_eq!(contents["records"][2]["creator_id"], json!(agent_id));
    let identity = get(format!(
        "{}/identities/{}",
        sim.api_url(),
        contents["records"][0]["author_id"].as_str().unwrap()
    ))
    .await;
    assert_eq!(identity["extra_values"], json!({"plan": "gold"}));
    assert!(sim.inspect().protocol_errors().is_empty());
}

#[tokio::test]
async fn polling_imports_listed_messages() {
    // A service that only implements polling: implementation.info then messages.list.
    let (sim, server) = polled_service(|req| match req["action"].as_str() {
        Some("implementation.info") => json!({"objects": {"messages": ["list"]}, "options": []}),
        Some("messages.list") if req["params"]["since_id"].is_null() => json!([
            {"id": "2", "thread_id": "th", "body": "second", "author": {"id": "u", "screenname": "U"}},
            {"id": "1", "thread_id": "th", "body": "first", "author": {"id": "u", "screenname": "U"}}
        ]),
        _ => json!([]),
    })
    .await;
    let inspect = sim.inspect();
    inspect
        .wait_for(
            |s| {
                s.actions_named("messages.list")
                    .filter(|a| a.params()["since_id"] == "2")
                    .count()
                    >= 1
            },
            WAIT,
        )
        .await
        .unwrap();
    let bodies: Vec<String> = inspect.contents().into_iter().map(|c| c.body).collect();
    assert_eq!(bodies, ["first", "second"], "imported oldest first, once");
    server.abort();
}

#[tokio::test]
async fn polling_lists_threads_before_messages() {
    use ringcentral_engage::sim::ContentKind;

    // A polling service that declares `threads.list` and `messages.list`: the first poll
    // answers two threads (newest first) and a message in the older one, later polls nothing.
    let author = json!({"id": "u", "screenname": "U"});
    let (sim, server) = polled_service(move |req| {
        let first = req["params"]["since_id"].is_null();
        match req["action"].as_str() {
            Some("implementation.info") => json!({
                "objects": {"messages": ["list"], "threads": ["list", "show"]},
                "options": []
            }),
            Some("threads.list") if first => json!([
                {"id": "th-2", "title": "Billing", "body": "About my bill", "author": author},
                {"id": "th-1", "title": "Modem", "body": "My modem is down", "author": author}
            ]),
            Some("messages.list") if first => json!([
                {"id": "m-1", "thread_id": "th-1", "body": "Still down", "author": author}
            ]),
            _ => json!([]),
        }
    })
    .await;
    let inspect = sim.inspect();
    inspect
        .wait_for(
            |s| {
                s.actions_named("messages.list")
                    .any(|a| a.params()["since_id"] == "m-1")
            },
            WAIT,
        )
        .await
        .unwrap();

    // Every synchronization: implementation.info, then threads.list, then messages.list.
    let sent: Vec<String> = inspect.actions().into_iter().map(|a| a.action).collect();
    // Skip the leading implementation.info calls (one is the builder's `sdk_endpoint`).
    let first_list = sent.iter().position(|a| a != "implementation.info").unwrap();
    assert!(first_list >= 1, "{sent:?}");
    assert_eq!(
        &sent[first_list..first_list + 5],
        [
            "threads.list",
            "messages.list",
            "implementation.info",
            "threads.list",
            "messages.list"
        ],
        "{sent:?}"
    );
    let threads_lists: Vec<Value> = inspect
        .actions()
        .into_iter()
        .filter(|a| a.action == "threads.list")
        .map(|a| a.params())
        .collect();
    assert_eq!(threads_lists[0], json!({}));
    assert_eq!(threads_lists[1], json!({"since_id": "th-2"}));

    // The threads are stored like a Send API threads.create; the message joins its thread.
    let (modem, billing) = inspect.read(|s| {
        (
            s.thread_by_foreign_id("th-1").cloned().unwrap(),
            s.thread_by_foreign_id("th-2").cloned().unwrap(),
        )
    });
    assert_eq!(modem.title.as_deref(), Some("Modem"));
    assert_eq!(billing.title.as_deref(), Some("Billing"));
    let contents = inspect.contents();
    let in_modem: Vec<(ContentKind, &str)> = contents
        .iter()
        .filter(|c| c.thread_id == modem.id)
        .map(|c| (c.kind, c.body.as_str()))
        .collect();
    assert_eq!(
        in_modem,
        [
            (ContentKind::Thread, "My modem is down"),
            (ContentKind::Message, "Still down")
        ]
    );
    assert_eq!(contents.len(), 3, "each listed object stored once");
    assert!(inspect.protocol_errors().is_empty());
    server.abort();
}

/// A service on 127.0.0.1:0 answering every SDK call with `answer(request)`, signed, and a
/// simulator polling it every 60 simulated seconds.
async fn polled_service(
    answer: impl Fn(&Value) -> Value + Clone + Send + Sync + 'static,
) -> (SimHandle, tokio::task::JoinHandle<()>) {
    use axum::routing::post;
    use ringcentral_engage::sdk::signature::{sign, SIGNATURE_HEADER};

    let key = Secret::new("poll-key");
    let k = key.clone();
    let app = axum::Router::new().route(
        "/sdk",
        post(move |body: axum::body::Bytes| {
            let (k, answer) = (k.clone(), answer.clone());
            async move {
                let req: Value = serde_json::from_slice(&body).unwrap();
                let raw = answer(&req).to_string();
                ([(SIGNATURE_HEADER, sign(&k, raw.as_bytes()))], raw)
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let sim = EngageSimulator::builder()
        .realtime_token(key)
        .poll_interval(Duration::from_secs(60))
        .time_scale(0.0005)
        .sdk_endpoint(format!("http://{addr}/sdk"))
        .start()
        .await
        .unwrap();
    (sim, server)
}
