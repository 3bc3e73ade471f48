//! The REST subset of the simulator: each route, auth, limits, errors and page shapes.
#![cfg(feature = "simulator")]

use std::time::Duration;

use crate::support::{message, send};
use ringcentral_engage::models::UserId;
use ringcentral_engage::sim::{EngageSimulator, InterventionStatus, SimAgent, SimHandle, TaskStatus};
use ringcentral_engage::{Client, Error, RetryPolicy};
use serde_json::{json, Value};

struct Rest {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Rest {
    fn new(sim: &SimHandle) -> Rest {
        Rest {
            http: reqwest::Client::new(),
            base: sim.api_url(),
            token: sim.access_token().expose().to_owned(),
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str) -> (u16, Value) {
        let resp = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = resp.status().as_u16();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (u16, Value) {
        self.call(reqwest::Method::GET, path).await
    }

    async fn ok(&self, method: reqwest::Method, path: &str) -> Value {
        let (status, body) = self.call(method, path).await;
        assert_eq!(status, 200, "{path}: {body}");
        body
    }
}

async fn sim() -> SimHandle {
    EngageSimulator::builder()
        .agent(
            SimAgent::new("Alice Smith")
                .capacity(2)
                .keep_open()
                .replies(Vec::<String>::new()),
        )
        .agent(SimAgent::new("Bob").available(false))
        .time_scale(0.001)
        .seed(3)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn users_decode_through_the_crate_client() {
    let sim = sim().await;
    let client = Client::builder()
        .base_url(sim.api_url())
        .access_token(sim.access_token())
        .build()
        .unwrap();
    let page = client.users().list().send().await.unwrap();
    assert_eq!(page.count, 3, "API user + two agents");
    let alice = &sim.agents()[0];
    let user = client.users().get(&alice.user_id).await.unwrap();
    assert_eq!(user.firstname.as_deref(), Some("Alice"));
    assert_eq!(user.lastname.as_deref(), Some("Smith"));
    assert_eq!(user.category_ids, vec![sim.agent_category_id()]);
    let filtered = client
        .users()
        .list()
        .category_id(&sim.agent_category_id())
        .send()
        .await
        .unwrap();
    assert_eq!(filtered.count, 2);
    let err = client.users().get(&UserId::new("nope")).await.unwrap_err();
    match err {
        Error::Api { status, .. } => assert_eq!(status.as_u16(), 404),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn users_are_updated_through_the_crate_client() {
    let sim = sim().await;
    let client = Client::builder()
        .base_url(sim.api_url())
        .access_token(sim.access_token())
        .build()
        .unwrap();
    let bob = sim.agents()[1].user_id.clone();
    let updated = client
        .users()
        .update(&bob)
        .firstname("Robert")
        .rc_user_id("rc-777")
        .category_ids([&sim.bot_category_id()])
        .await
        .unwrap();
    assert_eq!(updated.firstname.as_deref(), Some("Robert"));
    assert_eq!(updated.rc_user_id.as_deref(), Some("rc-777"));
    assert_eq!(updated.category_ids, [sim.bot_category_id()]);
    let read = client.users().get(&bob).await.unwrap();
    assert_eq!(read.firstname.as_deref(), Some("Robert"));
    assert_eq!(read.rc_user_id.as_deref(), Some("rc-777"));

    // Refused with nothing changed: an unknown role or category, a malformed email.
    let refused = [
        client
            .users()
            .update(&bob)
            .firstname("X")
            .role_id(&"no-such-role".into())
            .await,
        client
            .users()
            .update(&bob)
            .firstname("X")
            .category_ids([&"no-such-category".into()])
            .await,
        client
            .users()
            .update(&bob)
            .firstname("X")
            .email("not-an-email")
            .await,
    ];
    for result in refused {
        match result {
            Err(Error::Api { status, .. }) => assert_eq!(status.as_u16(), 422),
            other => panic!("unexpected {other:?}"),
        }
    }
    let unchanged = client.users().get(&bob).await.unwrap();
    assert_eq!(unchanged.firstname.as_deref(), Some("Robert"));
    let missing = client.users().update(&UserId::new("nope")).firstname("X").await;
    assert!(matches!(missing, Err(Error::Api { status, .. }) if status.as_u16() == 404));
}

#[tokio::test]
async fn auth_limits_and_unknown_routes() {
    let sim = EngageSimulator::builder()
        .rest_rate_limit(5)
        .start()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let resp = http.get(format!("{}/users", sim.api_url())).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["status"], 401);
    let resp = http
        .get(format!("{}/users", sim.api_url()))
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let by_param = format!(
        "{}/users?access_token={}",
        sim.api_url(),
        sim.access_token().expose()
    );
    assert_eq!(http.get(by_param).send().await.unwrap().status().as_u16(), 200);

    let rest = Rest::new(&sim);
    let (status, body) = rest.get("/users?limit=151").await;
    assert_eq!((status, body["error"].as_str()), (400, Some("bad_request")));
    let (status, body) = rest.get("/nothing/here").await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"error": "not_found", "message": body["message"], "status": 404})
    );
    assert!(body["message"].is_string());
    // Five requests were made (401s included): the next ones are refused.
    let (status, body) = rest.get("/roles").await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"error": "rate_limit_exceeded", "message": "Rate limit exceeded", "status": 429})
    );

    // The crate's client sees a rate-limit error.
    let client = Client::builder()
        .base_url(sim.api_url())
        .access_token(sim.access_token())
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(client.users().list().send().await.is_err());
}

#[tokio::test]
async fn read_only_resources() {
    let sim = sim().await;
    let rest = Rest::new(&sim);
    let roles = rest.ok(reqwest::Method::GET, "/roles").await;
    assert_eq!(roles["count"], 2);
    let role_id = roles["records"][0]["id"].as_str().unwrap().to_owned();
    assert!(rest.ok(reqwest::Method::GET, &format!("/roles/{role_id}")).await["label"].is_string());

    let cats = rest
        .ok(reqwest::Method::GET, "/categories?limit=1&offset=1")
        .await;
    assert_eq!(
        (
            cats["count"].as_u64(),
            cats["limit"].as_u64(),
            cats["offset"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(cats["records"][0]["name"], "Agent");
    let bot = rest
        .ok(
            reqwest::Method::GET,
            &format!("/categories/{}", sim.bot_category_id()),
        )
        .await;
    assert_eq!(bot["name"], "Bot");

    let source = rest
        .ok(
            reqwest::Method::GET,
            &format!("/content_sources/{}", sim.source_id()),
        )
        .await;
    assert_eq!(source["default_category_ids"], json!([sim.bot_category_id()]));
    assert_eq!(source["channel_id"], json!(sim.channel_id()));
    assert_eq!(
        rest.ok(reqwest::Method::GET, "/content_sources").await["count"],
        1
    );

    let status = rest.ok(reqwest::Method::GET, "/status").await;
    let status = status.as_array().unwrap();
    assert_eq!(status.len(), 2);
    assert_eq!(status[0]["channels"][0]["status"], "available");
    assert_eq!(status[0]["channels"][0]["busyness"], "unoccupied");
    assert_eq!(status[0]["channels"][0]["name"], json!(sim.channel_name()));
    assert_eq!(status[1]["channels"][0]["status"], "away");
    let one = rest
        .ok(
            reqwest::Method::GET,
            &format!("/status/{}", sim.agents()[1].user_id),
        )
        .await;
    assert_eq!(one["agent_id"], json!(sim.agents()[1].user_id));
    assert!(sim.set_agent_available("Bob", true));
    let path = format!("/status/{}", sim.agents()[1].user_id);
    assert_eq!(
        rest.ok(reqwest::Method::GET, &path).await["channels"][0]["status"],
        "available"
    );
    assert!(!sim.set_agent_available("Nobody", true));
    let (status, body) = rest
        .get(&format!("/status?category_ids[]={}", sim.bot_category_id()))
        .await;
    assert_eq!((status, body), (200, json!([])));
}

#[tokio::test]
async fn threads_contents_interventions_identities() {
    let sim = sim().await;
    let rest = Rest::new(&sim);
    let http = reqwest::Client::new();
    let (url, key) = (sim.realtime_url(), sim.realtime_token());
    let mut m = message("m1", "conv-1", "cust-1", "Help!");
    m["params"]["author"]["email"] = json!("c@example.com");
    assert_eq!(send(&http, &url, &key, &m).await.0, 200);
    assert_eq!(
        send(&http, &url, &key, &message("x1", "conv-2", "cust-2", "Other"))
            .await
            .0,
        200
    );

    // Threads: q foreign: and source:.
    let found = rest
        .ok(reqwest::Method::GET, "/content_threads?q=foreign:conv-1")
        .await;
    assert_eq!(found["count"], 1);
    let thread = &found["records"][0];
    let thread_id = thread["id"].as_str().unwrap().to_owned();
    assert_eq!(thread["foreign_id"], "conv-1");
    assert_eq!(thread["category_ids"], json!([sim.bot_category_id()]));
    let q = format!("/content_threads?q=source:{}", sim.source_id());
    assert_eq!(rest.ok(reqwest::Method::GET, &q).await["count"], 2);
    let q = format!("/content_threads?q=-source:{}", sim.source_id());
    assert_eq!(rest.ok(reqwest::Method::GET, &q).await["count"], 0);
    assert_eq!(
        rest.ok(reqwest::Method::GET, &format!("/content_threads/{thread_id}"))
            .await["id"],
        json!(thread_id)
    );

    // Contents by thread.
    let contents = rest
        .ok(reqwest::Method::GET, &format!("/contents?q=thread:{thread_id}"))
        .await;
    assert_eq!(contents["count"], 1);
    let content = &contents["records"][0];
    assert_eq!(content["foreign_id"], "m1");
    let content_id = content["id"].as_str().unwrap().to_owned();
    let identity_id = content["author_id"].as_str().unwrap().to_owned();
    assert_eq!(
        rest.ok(reqwest::Method::GET, &format!("/contents/{content_id}"))
            .await["body"],
        "Help!"
    );

    // Identity and its group.
    let identity = rest
        .ok(reqwest::Method::GET, &format!("/identities/{identity_id}"))
        .await;
    assert_eq!(identity["foreign_id"], "cust-1");
    let group_id = identity["identity_group_id"].as_str().unwrap().to_owned();
    let group = rest
        .ok(reqwest::Method::GET, &format!("/identity_groups/{group_id}"))
        .await;
    assert_eq!(group["emails"], json!(["c@example.com"]));

    // Recategorize to Agent: Alice (capacity 2, keeps it open) takes it.
    let path = format!(
        "/content_threads/{thread_id}/update_categories?thread_category_ids[]={}",
        sim.agent_category_id()
    );
    let updated = rest.ok(reqwest::Method::PUT, &path).await;
    assert_eq!(updated["category_ids"], json!([sim.agent_category_id()]));
    let inspect = sim.inspect();
    let intervention = inspect
        .wait_for_value(|s| s.interventions().first().cloned(), Duration::from_secs(5))
        .await
        .unwrap();
    let busy = rest.ok(reqwest::Method::GET, "/status").await;
    assert_eq!(busy[0]["channels"][0]["busyness"], "busy", "1 task of 2");
    let got = rest
        .ok(
            reqwest::Method::GET,
            &format!("/interventions/{}", intervention.id),
        )
        .await;
    assert_eq!(got["thread_id"], json!(thread_id));
    assert_eq!(got["user_id"], json!(sim.agents()[0].user_id));
    assert_eq!(got["content_id"], json!(content_id));
    assert_eq!(got["closed"], false);

    // An agent reply through POST /contents.
    let reply = rest
        .ok(
            reqwest::Method::POST,
            &format!("/contents?body=On%20it&in_reply_to_id={content_id}"),
        )
        .await;
    assert_eq!(reply["in_reply_to_id"], json!(content_id));
    assert_eq!(reply["creator_id"], json!(sim.agents()[0].user_id));
    assert_eq!(reply["intervention_id"], json!(intervention.id));

    // Close the intervention: the agent is free again.
    let closed = rest
        .ok(
            reqwest::Method::PUT,
            &format!("/interventions/{}/close", intervention.id),
        )
        .await;
    assert_eq!(closed["closed"], true);
    assert_eq!(inspect.read(|s| s.agents()[0].load), 0);
    assert_eq!(
        inspect
            .tasks()
            .iter()
            .filter(|t| t.status == TaskStatus::Completed)
            .count(),
        1
    );
    let (status, _) = rest
        .call(
            reqwest::Method::PUT,
            &format!("/interventions/{}/close", intervention.id),
        )
        .await;
    assert_eq!(status, 422);

    // Create then cancel an intervention by hand.
    let created = rest
        .ok(
            reqwest::Method::POST,
            &format!("/interventions?content_id={content_id}"),
        )
        .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let canceled = rest
        .ok(reqwest::Method::DELETE, &format!("/interventions/{id}/cancel"))
        .await;
    assert_eq!(canceled["status"], "canceled");
    assert_eq!(inspect.interventions()[1].status, InterventionStatus::Canceled);
    let listed = rest
        .ok(
            reqwest::Method::GET,
            &format!("/interventions?thread_id={thread_id}"),
        )
        .await;
    assert_eq!(listed["count"], 2);

    // Close and reopen the thread (open is a GET).
    let closed = rest
        .ok(
            reqwest::Method::PUT,
            &format!("/content_threads/{thread_id}/close"),
        )
        .await;
    assert_eq!(closed["closed"], true);
    let opened = rest
        .ok(
            reqwest::Method::GET,
            &format!("/content_threads/{thread_id}/open"),
        )
        .await;
    assert_eq!(opened["closed"], false);
    let (status, _) = rest.get("/content_threads/000000000000000000000000").await;
    assert_eq!(status, 404);
    let (status, _) = rest.call(reqwest::Method::POST, "/contents?body=x").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn leaving_the_agent_category_dequeues() {
    let sim = EngageSimulator::builder().start().await.unwrap();
    let rest = Rest::new(&sim);
    let http = reqwest::Client::new();
    send(
        &http,
        &sim.realtime_url(),
        &sim.realtime_token(),
        &message("m", "c", "u", "hi"),
    )
    .await;
    let thread = sim.inspect().threads()[0].id.clone();
    let to = |cat: &dyn std::fmt::Display| {
        format!("/content_threads/{thread}/update_categories?thread_category_ids[]={cat}")
    };
    rest.ok(reqwest::Method::PUT, &to(&sim.agent_category_id())).await;
    assert_eq!(
        sim.inspect().read(|s| s.queue_position(&thread)),
        Some(1),
        "no agent: it waits"
    );
    rest.ok(reqwest::Method::PUT, &to(&sim.bot_category_id())).await;
    assert_eq!(sim.inspect().read(|s| s.queue_position(&thread)), None);
    assert_eq!(sim.inspect().tasks()[0].status, TaskStatus::Canceled);
    let (status, _) = rest.call(reqwest::Method::PUT, &to(&"nope")).await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let sim = EngageSimulator::builder().start().await.unwrap();
    let url = format!("{}/status", sim.api_url());
    let token = sim.access_token().expose().to_owned();
    // A new client for every request, so no pooled connection outlives the listener.
    let fresh = || {
        reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(1))
            .build()
            .unwrap()
    };
    let resp = fresh().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200, "serving before the drop");

    drop(sim);
    // The server task is aborted on drop; give it a short, bounded time to let the port go.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
    loop {
        match fresh().get(&url).bearer_auth(&token).send().await {
            Err(_) => break,
            Ok(resp) => assert!(
                tokio::time::Instant::now() < deadline,
                "{url} still answers {} after the handle was dropped",
                resp.status()
            ),
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}
