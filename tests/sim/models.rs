//! The simulator serves exactly what the crate's REST client decodes.
//!
//! A customer message goes in through the crate's Send API client; every resource it creates
//! (thread, content, identity, intervention) and the directory (users, roles, status,
//! categories, source) come back through the crate's `Client` and typed models. Then each JSON
//! answer is checked field by field against the schemas of `openapi3.yaml`: a field the spec
//! does not know, or one of the wrong type, fails the test (serde's defaults would hide it).
#![cfg(feature = "simulator")]

use std::time::Duration;

use ringcentral_engage::api::{ChannelSelector, SearchQuery, VideoReadiness};
use ringcentral_engage::models::{Availability, Busyness};
use ringcentral_engage::sdk::objects::{Attachment, Message, User as SdkUser};
use ringcentral_engage::sdk::SendClient;
use ringcentral_engage::sim::{EngageSimulator, SimAgent, SimHandle, SimRole};
use ringcentral_engage::Client;
use serde_json::Value;
use serde_yaml_ng::Value as Yaml;
use time::OffsetDateTime;

const WAIT: Duration = Duration::from_secs(5);

async fn simulator() -> SimHandle {
    EngageSimulator::builder()
        .role(SimRole::new("Video agent").grant("escalate_to_video"))
        .agent(
            SimAgent::new("Alice Smith")
                .role("Video agent")
                .rc_user_id("400123")
                .keep_open()
                .replies(Vec::<String>::new()),
        )
        .agent(SimAgent::new("Bob").available(false))
        .time_scale(0.001)
        .seed(11)
        .start()
        .await
        .unwrap()
}

fn rest(sim: &SimHandle) -> Client {
    Client::builder()
        .base_url(sim.api_url())
        .access_token(sim.access_token())
        .build()
        .unwrap()
}

/// A customer's first message, pushed with the crate's Send API client.
async fn customer_writes(sim: &SimHandle) {
    let send = SendClient::builder()
        .realtime_url(sim.realtime_url())
        .access_token(sim.realtime_token())
        .build()
        .unwrap();
    let now = OffsetDateTime::now_utc();
    let mut author = SdkUser::new("customer-7", "Jo Customer", now, now).unwrap();
    author.email = Some("jo@example.com".into());
    let message = Message::builder("msg-1", author)
        .thread_id("conv-1")
        .body("I need a human, please")
        .attachment(Attachment::from_url("https://example.com/receipt.png").with_kind("image"))
        .build()
        .unwrap();
    send.create_message(&message).await.unwrap();
    // The same id again is accepted and stored once.
    send.create_message(&message).await.unwrap();
}

#[tokio::test]
async fn directory_decodes_through_typed_models() {
    let sim = simulator().await;
    let client = rest(&sim);
    let alice_id = sim.agents()[0].user_id.clone();
    let bob_id = sim.agents()[1].user_id.clone();
    let video_role = sim.role_id("Video agent").unwrap();
    let agent_role = sim.role_id("Agent").unwrap();

    let users = client.users().list().send().await.unwrap();
    assert_eq!(users.count, 3, "the API user and two agents");
    let alice = client.users().get(&alice_id).await.unwrap();
    assert_eq!(alice.display_name(), "Alice Smith");
    assert_eq!(alice.rc_user_id.as_deref(), Some("400123"));
    assert_eq!(alice.role_id.as_ref(), Some(&video_role));
    assert!(alice.created_at.is_some() && alice.enabled == Some(true));
    let bob = client.users().get(&bob_id).await.unwrap();
    assert_eq!(bob.rc_user_id, None);
    assert_eq!(bob.role_id.as_ref(), Some(&agent_role));

    let roles = client.roles().list().send().await.unwrap();
    assert_eq!(roles.count, 3, "Admin, Agent, Video agent");
    assert!(
        roles.records.iter().all(|r| r.extra.is_empty()),
        "unknown role fields: {roles:?}"
    );
    let video = client.roles().get(&video_role).await.unwrap();
    assert_eq!(video.label.as_deref(), Some("Video agent"));
    assert_eq!(video.permissions.escalate_to_video, Some(true));
    let agent = client.roles().get(&agent_role).await.unwrap();
    assert_eq!(agent.permissions.escalate_to_video, Some(false));
    assert!(VideoReadiness::check(&alice, Some(&video)).ready);
    let bob_check = VideoReadiness::check(&bob, Some(&agent));
    assert_eq!(bob_check.missing.len(), 2, "{bob_check:?}");

    // Granting the permission persists, and only touches that flag.
    let granted = client.roles().grant_escalate_to_video(&agent_role).await.unwrap();
    assert!(granted.grants("escalate_to_video"));
    assert_eq!(granted.permissions.receive_tasks, Some(true));
    let readiness = client.users().video_readiness(&bob_id).await.unwrap();
    assert_eq!(
        readiness.missing,
        vec![ringcentral_engage::api::MissingRequirement::RcUserId]
    );

    let statuses = client.agent_status().list().send().await.unwrap();
    assert_eq!(statuses.len(), 2);
    let channel = &statuses[0].channels[0];
    assert_eq!(channel.id.as_ref(), Some(&sim.channel_id()));
    assert_eq!(channel.status, Some(Availability::Available));
    assert_eq!(channel.busyness, Some(Busyness::Unoccupied));
    let available = client
        .agent_status()
        .available_on(&ChannelSelector::Id(sim.channel_id()))
        .await
        .unwrap();
    assert_eq!(available.len(), 1);
    assert_eq!(available[0].agent_id, alice_id);
    let bob_status = client.agent_status().get(&bob_id).await.unwrap();
    assert_eq!(bob_status.channels[0].status, Some(Availability::Away));

    let categories = client.categories().list().send().await.unwrap();
    assert_eq!(categories.count, 2);
    let bot = client.categories().get(&sim.bot_category_id()).await.unwrap();
    assert_eq!(bot.name.as_deref(), Some("Bot"));
    assert_eq!(bot.source_ids, vec![sim.source_id()]);

    let source = client.sources().get(&sim.source_id()).await.unwrap();
    assert_eq!(source.channel_id.as_ref(), Some(&sim.channel_id()));
    assert_eq!(source.default_category_ids, vec![sim.bot_category_id()]);
    assert_eq!(client.sources().list().send().await.unwrap().count, 1);
}

#[tokio::test]
async fn a_conversation_decodes_through_typed_models() {
    let sim = simulator().await;
    let client = rest(&sim);
    customer_writes(&sim).await;

    // Threads: found by foreign id and source, as a handover does.
    let q = SearchQuery::new().foreign("conv-1").source(&sim.source_id());
    let threads = client.threads().list().q(&q).unwrap().send().await.unwrap();
    assert_eq!(threads.count, 1);
    let thread = &threads.records[0];
    assert_eq!(thread.foreign_id.as_deref(), Some("conv-1"));
    assert_eq!(thread.source_id.as_ref(), Some(&sim.source_id()));
    assert_eq!(thread.thread_category_ids, vec![sim.bot_category_id()]);
    assert_eq!(
        thread.contents_count,
        Some(1),
        "the repeated message is stored once"
    );
    let none = SearchQuery::new()
        .foreign("conv-1")
        .negate()
        .source(&sim.source_id());
    assert_eq!(
        client
            .threads()
            .list()
            .q(&none)
            .unwrap()
            .send()
            .await
            .unwrap()
            .count,
        0
    );
    let got = client.threads().get(&thread.id).await.unwrap();
    assert_eq!(got.closed, Some(false));

    // Contents and the identity behind them.
    let contents = client
        .contents()
        .list()
        .q(&SearchQuery::new().thread(&thread.id))
        .unwrap()
        .send()
        .await
        .unwrap();
    assert_eq!(contents.count, 1);
    let first = client.contents().get(&contents.records[0].id).await.unwrap();
    assert_eq!(first.foreign_id.as_deref(), Some("msg-1"));
    assert_eq!(first.body.as_deref(), Some("I need a human, please"));
    assert_eq!(first.thread_id.as_ref(), Some(&thread.id));
    assert_eq!(first.first_in_thread, Some(true));
    assert_eq!(first.attachments_count, Some(1));
    assert_eq!(
        first.attachments[0].url.as_deref(),
        Some("https://example.com/receipt.png")
    );
    let identity_id = first.author_id.clone().unwrap();
    let identity = client.identities().get(&identity_id).await.unwrap();
    assert_eq!(identity.foreign_id.as_deref(), Some("customer-7"));
    assert_eq!(identity.email.as_deref(), Some("jo@example.com"));
    let group_id = identity.identity_group_id.clone().unwrap();
    assert_eq!(first.identity_group_id.as_ref(), Some(&group_id));
    let group = client.identity_groups().get(&group_id).await.unwrap();
    assert_eq!(group.identity_ids, vec![identity_id.clone()]);
    assert_eq!(group.emails, vec!["jo@example.com".to_owned()]);

    // Routing: into the Agent category, Alice takes it.
    let routed = client
        .threads()
        .update_categories(&thread.id, [&sim.agent_category_id()])
        .await
        .unwrap();
    assert_eq!(routed.thread_category_ids, vec![sim.agent_category_id()]);
    let inspect = sim.inspect();
    let tid = thread.id.clone();
    let opened = inspect
        .wait_for_value(|s| s.open_intervention(&tid).map(|i| i.id.clone()), WAIT)
        .await
        .unwrap();
    let intervention = client.interventions().get(&opened).await.unwrap();
    assert_eq!(intervention.user_id.as_ref(), Some(&sim.agents()[0].user_id));
    assert_eq!(intervention.thread_id.as_ref(), Some(&thread.id));
    assert_eq!(intervention.identity_id.as_ref(), Some(&identity_id));
    assert_eq!(intervention.closed, Some(false));

    // An agent reply through the REST API.
    let reply = client
        .contents()
        .reply(&first.id, "Hello Jo, Alice here.")
        .send()
        .await
        .unwrap();
    assert_eq!(reply.in_reply_to_id.as_ref(), Some(&first.id));
    assert_eq!(reply.intervention_id.as_ref(), Some(&opened));
    assert_eq!(reply.creator_id.as_ref(), Some(&sim.agents()[0].user_id));

    let closed = client.interventions().close(&opened).await.unwrap();
    assert_eq!(closed.closed, Some(true));
    assert!(closed.closed_at.is_some());
    assert_eq!(closed.first_user_reply_id.as_ref(), Some(&reply.id));
    assert_eq!(closed.user_replies_count, Some(1));

    // A second intervention opened and canceled through the API.
    let created = client.interventions().create(&first.id).await.unwrap();
    assert_eq!(created.closed, Some(false));
    let canceled = client.interventions().cancel(&created.id).await.unwrap();
    assert_eq!(canceled.closed, Some(true));

    let closed_thread = client.threads().close(&thread.id).await.unwrap();
    assert_eq!(closed_thread.closed, Some(true));
    let reopened = client.threads().open(&thread.id).await.unwrap();
    assert_eq!(reopened.closed, Some(false));
    assert_eq!(reopened.interventions_count, Some(2));
}

// ----- every JSON answer against the spec's schemas -----

/// The spec's `components.schemas`.
fn schemas() -> Yaml {
    let spec: Yaml = serde_yaml_ng::from_str(include_str!("../fixtures/openapi3.yaml")).unwrap();
    spec["components"]["schemas"].clone()
}

/// Follows `$ref` and merges `allOf` into one `properties` map.
fn resolve(schemas: &Yaml, schema: &Yaml) -> Yaml {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.rsplit('/').next().unwrap();
        return resolve(schemas, &schemas[name]);
    }
    if let Some(parts) = schema["allOf"].as_sequence() {
        let mut merged = serde_yaml_ng::Mapping::new();
        for part in parts {
            if let Some(props) = resolve(schemas, part)["properties"].as_mapping() {
                merged.extend(props.clone());
            }
        }
        let mut out = serde_yaml_ng::Mapping::new();
        out.insert("properties".into(), Yaml::Mapping(merged));
        return Yaml::Mapping(out);
    }
    schema.clone()
}

/// Every way `value` departs from `schema`: unknown fields, wrong types, bad dates, values
/// outside an enum. `null` stands for an absent value, as in Engage's answers.
fn departures(schemas: &Yaml, schema: &Yaml, value: &Value, path: &str, out: &mut Vec<String>) {
    let schema = resolve(schemas, schema);
    if value.is_null() {
        return;
    }
    if let Some(props) = schema["properties"].as_mapping() {
        let Some(map) = value.as_object() else {
            out.push(format!("{path}: expected an object, got {value}"));
            return;
        };
        for (key, v) in map {
            match props.get(key.as_str()) {
                Some(s) => departures(schemas, s, v, &format!("{path}.{key}"), out),
                None => out.push(format!("{path}.{key}: not in the spec")),
            }
        }
        return;
    }
    let ok = match schema["type"].as_str() {
        Some("string") => match (value.as_str(), schema["format"].as_str()) {
            (Some(s), Some("date-time")) => {
                OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
            }
            (Some(s), _) => schema["enum"]
                .as_sequence()
                .is_none_or(|e| e.iter().any(|x| x.as_str() == Some(s))),
            (None, _) => false,
        },
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("boolean") => value.is_boolean(),
        Some("object") => value.is_object(),
        Some("array") => match value.as_array() {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    departures(schemas, &schema["items"], item, &format!("{path}[{i}]"), out);
                }
                true
            }
            None => false,
        },
        _ => true,
    };
    if !ok {
        out.push(format!("{path}: {value} does not match {:?}", schema["type"]));
    }
}

/// GETs `path` with the simulator's token and checks the answer against `schema`; a page's
/// records are checked one by one.
async fn conforms(sim: &SimHandle, schemas: &Yaml, path: &str, schema: &str, out: &mut Vec<String>) {
    let resp = reqwest::Client::new()
        .get(format!("{}{}", sim.api_url(), path))
        .bearer_auth(sim.access_token().expose())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{path}");
    let body: Value = resp.json().await.unwrap();
    let records = match (&body.get("records"), &body) {
        (Some(Value::Array(records)), _) => records.clone(),
        (_, Value::Array(list)) => list.clone(),
        _ => vec![body.clone()],
    };
    assert!(!records.is_empty(), "{path}: nothing to check");
    for record in &records {
        departures(
            schemas,
            &schemas[schema],
            record,
            &format!("{schema} {path}"),
            out,
        );
    }
}

#[tokio::test]
async fn every_answer_matches_the_spec_schemas() {
    let sim = simulator().await;
    let client = rest(&sim);
    customer_writes(&sim).await;
    let q = SearchQuery::new().foreign("conv-1");
    let thread = client
        .threads()
        .list()
        .q(&q)
        .unwrap()
        .send()
        .await
        .unwrap()
        .records[0]
        .clone();
    client
        .threads()
        .update_categories(&thread.id, [&sim.agent_category_id()])
        .await
        .unwrap();
    let tid = thread.id.clone();
    let intervention = sim
        .inspect()
        .wait_for_value(|s| s.open_intervention(&tid).map(|i| i.id.clone()), WAIT)
        .await
        .unwrap();
    let content = sim.inspect().read(|s| s.contents()[0].clone());
    client.contents().reply(&content.id, "Hi").send().await.unwrap();
    let identity = sim
        .inspect()
        .read(|s| s.identity(&content.identity_id).cloned())
        .unwrap();

    let schemas = schemas();
    let mut out = Vec::new();
    let alice = sim.agents()[0].user_id.clone();
    for (path, schema) in [
        ("/users".to_owned(), "User"),
        (format!("/users/{alice}"), "User"),
        ("/roles".to_owned(), "Role"),
        (format!("/roles/{}", sim.role_id("Agent").unwrap()), "Role"),
        ("/status".to_owned(), "AgentStatus"),
        (format!("/status/{alice}"), "AgentStatus"),
        ("/categories".to_owned(), "Category"),
        (format!("/categories/{}", sim.agent_category_id()), "Category"),
        ("/content_sources".to_owned(), "Source"),
        (format!("/content_sources/{}", sim.source_id()), "Source"),
        ("/content_threads".to_owned(), "MessagingThread"),
        (format!("/content_threads/{}", thread.id), "MessagingThread"),
        ("/contents".to_owned(), "Content"),
        (format!("/contents/{}", content.id), "Content"),
        ("/interventions".to_owned(), "Intervention"),
        (format!("/interventions/{intervention}"), "Intervention"),
        (format!("/identities/{}", identity.id), "Identity"),
        (
            format!("/identity_groups/{}", identity.identity_group_id),
            "IdentityGroup",
        ),
    ] {
        conforms(&sim, &schemas, &path, schema, &mut out).await;
    }
    assert!(
        out.is_empty(),
        "the simulator departs from openapi3.yaml:\n{}",
        out.join("\n")
    );
}
