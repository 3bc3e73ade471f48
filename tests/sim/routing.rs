//! Routing, simulated agents, queue updates and agent replies, against a fake service.
#![cfg(feature = "simulator")]

use std::time::{Duration, Instant};

use crate::support::{message, send, Behaviour, FakeService};
use ringcentral_engage::sim::{
    Direction, EngageSimulator, Faults, InterventionStatus, SimAgent, SimHandle, TaskStatus,
};
use serde_json::json;

const WAIT: Duration = Duration::from_secs(5);

/// Posts a customer message, then moves its thread to the Agent category through REST.
async fn hand_over(sim: &SimHandle, msg_id: &str, thread: &str, user: &str) {
    let http = reqwest::Client::new();
    let (status, _) = send(
        &http,
        &sim.realtime_url(),
        &sim.realtime_token(),
        &message(msg_id, thread, user, "I need a human"),
    )
    .await;
    assert_eq!(status, 200);
    let id = sim
        .inspect()
        .read(|s| s.thread_by_foreign_id(thread).unwrap().id.clone());
    let url = format!(
        "{}/content_threads/{id}/update_categories?thread_category_ids[]={}",
        sim.api_url(),
        sim.agent_category_id()
    );
    let resp = http
        .put(url)
        .bearer_auth(sim.access_token().expose())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
}

async fn service_and_sim(
    behaviour: Behaviour,
    builder: ringcentral_engage::sim::EngageSimulatorBuilder,
) -> (FakeService, SimHandle) {
    let service = FakeService::start(behaviour).await;
    let sim = builder.start().await.unwrap();
    service.set_key(sim.realtime_token());
    assert!(
        sim.set_sdk_endpoint(service.sdk_url()).await,
        "implementation.info answered"
    );
    (service, sim)
}

#[tokio::test]
async fn one_agent_serves_two_customers_in_order() {
    let alice = SimAgent::new("Alice")
        .capacity(1)
        .think_time(Duration::from_secs(1))
        .replies(["Hi", "Bye"]);
    let (service, sim) = service_and_sim(
        Behaviour::default(),
        EngageSimulator::builder().agent(alice).time_scale(0.01).seed(5),
    )
    .await;
    hand_over(&sim, "a1", "first", "u1").await;
    hand_over(&sim, "b1", "second", "u2").await;
    let inspect = sim.inspect();
    inspect
        .wait_for(
            |s| {
                s.interventions().len() == 2
                    && s.interventions()
                        .iter()
                        .all(|i| i.status == InterventionStatus::Closed)
            },
            WAIT,
        )
        .await
        .unwrap();
    let (first, second) = inspect.read(|s| {
        (
            s.thread_by_foreign_id("first").unwrap().id.clone(),
            s.thread_by_foreign_id("second").unwrap().id.clone(),
        )
    });
    let interventions = inspect.interventions();
    assert_eq!(interventions[0].thread_id, first);
    assert_eq!(interventions[1].thread_id, second);
    assert!(
        interventions[1].created_at >= interventions[0].closed_at.unwrap(),
        "capacity 1: one after the other"
    );

    // Replies reached the service signed, in order, with the documented params.
    let creates = service.actions_named("messages.create");
    let bodies: Vec<_> = creates
        .iter()
        .map(|a| (a["params"]["thread_id"].clone(), a["params"]["body"].clone()))
        .collect();
    assert_eq!(
        bodies,
        vec![
            (json!("first"), json!("Hi")),
            (json!("first"), json!("Bye")),
            (json!("second"), json!("Hi")),
            (json!("second"), json!("Bye")),
        ]
    );
    let p = &creates[0]["params"];
    assert_eq!(p["in_reply_to_id"], "a1");
    assert_eq!(p["sender_name"], "Alice");
    assert_eq!(p["format"], "text");
    assert_eq!(p["retry"], false);
    assert_eq!(p["author_id"], json!(sim.agents()[0].user_id));
    assert!(p["content_id"].as_str().unwrap().len() == 24 && p["created_at"].is_string());
    assert!(service.received(|r| r.actions.iter().all(|(_, valid)| *valid)));
    // The service's ids were stored as foreign ids of the agent contents.
    let outbound: Vec<_> = inspect
        .contents()
        .into_iter()
        .filter(|c| c.direction == Direction::Outbound)
        .collect();
    assert_eq!(outbound.len(), 4);
    assert!(outbound
        .iter()
        .all(|c| c.foreign_id.as_deref() == Some(&format!("svc-{}", c.id))
            && c.synchronization_status.as_deref() == Some("success")));
    assert!(inspect.protocol_errors().is_empty());
    assert_eq!(inspect.read(|s| s.agents()[0].load), 0);
}

#[tokio::test]
async fn queue_updates_count_down_with_phantoms_ahead() {
    let agent = SimAgent::new("Alice")
        .replies(["Hello"])
        .think_time(Duration::from_secs(1));
    let (service, sim) = service_and_sim(
        Behaviour::default(),
        EngageSimulator::builder()
            .agent(agent)
            .queue_ahead(3)
            .average_handle_time(Duration::from_secs(60))
            .queue_update_interval(Duration::from_secs(600))
            .time_scale(0.002),
    )
    .await;
    hand_over(&sim, "m1", "conv", "u").await;
    sim.inspect()
        .wait_for(|s| s.interventions().len() == 1, WAIT)
        .await
        .unwrap();
    let updates = sim.inspect().queue_updates();
    let positions: Vec<u64> = updates.iter().map(|u| u["position"].as_u64().unwrap()).collect();
    assert_eq!(positions, vec![4, 3, 2, 1], "n+1 down to 1");
    let estimates: Vec<u64> = updates
        .iter()
        .map(|u| u["estimated_wait_time"].as_u64().unwrap())
        .collect();
    assert_eq!(estimates, vec![240, 180, 120, 60]);
    assert!(updates
        .iter()
        .all(|u| u["thread_id"] == "conv" && u["in_reply_to_id"] == "m1"));
    // The fake service received them signed.
    assert_eq!(service.actions_named("messaging.queuing_update").len(), 4);
    let phantoms = sim
        .inspect()
        .tasks()
        .into_iter()
        .filter(|t| t.thread_id.is_none())
        .collect::<Vec<_>>();
    assert_eq!(phantoms.len(), 3);
}

#[tokio::test]
async fn no_queue_updates_without_the_option_and_periodic_ones_with_it() {
    let (service, sim) = service_and_sim(
        Behaviour {
            options: vec![],
            ..Default::default()
        },
        EngageSimulator::builder()
            .time_scale(0.001)
            .queue_update_interval(Duration::from_secs(10)),
    )
    .await;
    hand_over(&sim, "m1", "conv", "u").await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(service.actions_named("messaging.queuing_update").is_empty());
    drop(sim);

    let (service, sim) = service_and_sim(
        Behaviour::default(),
        EngageSimulator::builder()
            .time_scale(0.001)
            .queue_update_interval(Duration::from_secs(10)),
    )
    .await;
    hand_over(&sim, "m1", "conv", "u").await;
    // No agent: the position stays 1, but an update is repeated every 10 ms.
    service
        .wait(
            |r| {
                r.actions
                    .iter()
                    .filter(|(a, _)| a["action"] == "messaging.queuing_update")
                    .count()
                    >= 3
            },
            WAIT,
        )
        .await;
    let updates = sim.inspect().queue_updates();
    assert!(updates.iter().all(|u| u["position"] == 1));
}

#[tokio::test]
async fn a_five_minute_queue_takes_well_under_a_second() {
    let started = Instant::now();
    let (_service, sim) = service_and_sim(
        Behaviour::default(),
        EngageSimulator::builder()
            .agent(
                SimAgent::new("Alice")
                    .replies(["Hi"])
                    .think_time(Duration::from_secs(5)),
            )
            .queue_ahead(5)
            .average_handle_time(Duration::from_secs(60))
            .time_scale(0.001),
    )
    .await;
    hand_over(&sim, "m1", "conv", "u").await;
    sim.inspect()
        .wait_for(
            |s| {
                s.interventions()
                    .iter()
                    .any(|i| i.status == InterventionStatus::Closed)
            },
            WAIT,
        )
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
    let real_wait = sim.inspect().read(|s| {
        let t = s.tasks().iter().find(|t| t.thread_id.is_some()).unwrap();
        t.taken_at.unwrap() - t.created_at
    });
    assert!(
        real_wait >= time::Duration::milliseconds(250),
        "5 × 60 s at 0.001 ≈ 300 ms, got {real_wait}"
    );
}

#[tokio::test]
async fn agent_replies_go_out_only_as_declared_actions() {
    // A service that declares `messages.list` only: Engage never calls `messages.create`.
    let agent = SimAgent::new("Alice")
        .replies(["Hi"])
        .think_time(Duration::from_secs(1));
    let (service, sim) = service_and_sim(
        Behaviour {
            objects: json!({"messages": ["list"]}),
            ..Default::default()
        },
        EngageSimulator::builder().agent(agent).time_scale(0.001),
    )
    .await;
    hand_over(&sim, "m1", "conv", "u").await;
    let inspect = sim.inspect();
    wait_for_a_failed_content(&inspect).await;
    let errors = inspect.protocol_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.context == "messages.create" && e.detail.contains("not declared")),
        "{errors:?}"
    );
    assert!(inspect.actions().iter().all(|a| a.action != "messages.create"));
    assert!(service.actions_named("messages.create").is_empty());
}

#[tokio::test]
async fn bad_signatures_are_protocol_errors_and_failures_are_retried() {
    let agent = SimAgent::new("Alice")
        .replies(["Hi"])
        .think_time(Duration::from_secs(1));
    let (service, sim) = service_and_sim(
        Behaviour {
            fail_creates: 1,
            ..Default::default()
        },
        EngageSimulator::builder().agent(agent).time_scale(0.001),
    )
    .await;
    service.behaviour(|b| b.sign = true);
    hand_over(&sim, "m1", "conv", "u").await;
    sim.inspect()
        .wait_for(
            |s| {
                s.actions_named("messages.create")
                    .any(|a| a.succeeded() && a.attempt == 2)
            },
            WAIT,
        )
        .await
        .unwrap();
    let creates = service.actions_named("messages.create");
    assert_eq!(creates.len(), 2);
    assert_eq!(creates[0]["params"]["retry"], false);
    assert_eq!(creates[1]["params"]["retry"], true);
    assert_eq!(
        creates[0]["params"]["content_id"],
        creates[1]["params"]["content_id"]
    );
    drop(sim);

    // A service that signs badly: recorded as a protocol error, three attempts, then failed.
    let agent = SimAgent::new("Alice")
        .replies(["Hi"])
        .think_time(Duration::from_secs(1));
    let (service, sim) = service_and_sim(
        Behaviour::default(),
        EngageSimulator::builder().agent(agent).time_scale(0.001),
    )
    .await;
    service.behaviour(|b| b.sign = false);
    hand_over(&sim, "m1", "conv", "u").await;
    let inspect = sim.inspect();
    wait_for_a_failed_content(&inspect).await;
    let errors = inspect.protocol_errors();
    assert_eq!(errors.len(), 3);
    assert!(errors[0].detail.contains("signature"));
    assert!(inspect
        .actions()
        .iter()
        .filter(|a| a.action == "messages.create")
        .all(|a| a.signature_valid == Some(false)));
}

#[tokio::test]
async fn unsigned_answers_are_protocol_errors_like_bad_signatures() {
    use ringcentral_engage::sdk::signature::{sign, SIGNATURE_HEADER};

    // The fake service really answers without the header.
    let service = FakeService::start(Behaviour {
        omit_signature: true,
        ..Default::default()
    })
    .await;
    let sim = EngageSimulator::builder()
        .agent(
            SimAgent::new("Alice")
                .replies(["Hi"])
                .think_time(Duration::from_secs(1)),
        )
        .time_scale(0.001)
        .start()
        .await
        .unwrap();
    service.set_key(sim.realtime_token());
    let raw = json!({"action": "implementation.info", "time": "2024-01-01T00:00:00Z"}).to_string();
    let resp = reqwest::Client::new()
        .post(service.sdk_url())
        .header(SIGNATURE_HEADER, sign(&sim.realtime_token(), raw.as_bytes()))
        .body(raw)
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert!(resp.headers().get(SIGNATURE_HEADER).is_none());

    // implementation.info: refused like a bad signature, with a protocol error.
    assert!(!sim.set_sdk_endpoint(service.sdk_url()).await);
    let inspect = sim.inspect();
    let errors = inspect.protocol_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].context, "implementation.info");
    assert!(errors[0].detail.contains("signature"), "{errors:?}");
    assert!(inspect.read(|s| s.implementation_info().is_none()));

    // An agent reply answered without a header: three attempts, each a protocol error, then
    // the content is marked failed (as with a wrong signature).
    service.behaviour(|b| b.omit_signature = false);
    assert!(sim.set_sdk_endpoint(service.sdk_url()).await);
    service.behaviour(|b| b.omit_signature = true);
    hand_over(&sim, "m1", "conv", "u").await;
    wait_for_a_failed_content(&inspect).await;
    let errors: Vec<_> = inspect
        .protocol_errors()
        .into_iter()
        .filter(|e| e.context == "messages.create")
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.iter().all(|e| e.detail.contains("signature")));
    let creates: Vec<_> = inspect
        .actions()
        .into_iter()
        .filter(|a| a.action == "messages.create")
        .collect();
    assert_eq!(creates.len(), 3);
    assert!(creates
        .iter()
        .all(|a| a.status == Some(200) && a.signature_valid == Some(false)));
}

#[tokio::test]
async fn no_show_agents_take_the_task_but_never_answer() {
    let agent = SimAgent::new("Alice")
        .replies(["Hi"])
        .think_time(Duration::from_secs(1));
    let (service, sim) = service_and_sim(
        Behaviour::default(),
        EngageSimulator::builder()
            .agent(agent)
            .time_scale(0.001)
            .faults(Faults::default().agent_no_show(1.0)),
    )
    .await;
    hand_over(&sim, "m1", "conv", "u").await;
    let inspect = sim.inspect();
    inspect
        .wait_for(|s| s.interventions().len() == 1, WAIT)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(inspect.interventions()[0].status, InterventionStatus::Open);
    assert_eq!(inspect.tasks()[0].status, TaskStatus::Taken);
    assert!(service.actions_named("messages.create").is_empty());
}

#[tokio::test]
async fn private_message_threads_get_private_replies() {
    let agent = SimAgent::new("Alice")
        .replies(["Hi"])
        .think_time(Duration::from_secs(1));
    let (service, sim) = service_and_sim(
        Behaviour::default(),
        EngageSimulator::builder().agent(agent).time_scale(0.001),
    )
    .await;
    let http = reqwest::Client::new();
    let pm = json!({"action": "private_messages.create", "params": {"id": "p1", "body": "help", "author": {"id": "c1", "screenname": "C"}}});
    assert_eq!(
        send(&http, &sim.realtime_url(), &sim.realtime_token(), &pm)
            .await
            .0,
        200
    );
    let thread = sim.inspect().threads()[0].id.clone();
    let url = format!(
        "{}/content_threads/{thread}/update_categories?thread_category_ids[]={}",
        sim.api_url(),
        sim.agent_category_id()
    );
    http.put(url)
        .bearer_auth(sim.access_token().expose())
        .send()
        .await
        .unwrap();
    service
        .wait(
            |r| {
                r.actions
                    .iter()
                    .any(|(a, _)| a["action"] == "private_messages.create")
            },
            WAIT,
        )
        .await;
    let reply = &service.actions_named("private_messages.create")[0]["params"];
    assert_eq!(reply["in_reply_to_id"], "p1");
    assert_eq!(reply["recipient_id"], "c1");
    assert!(reply.get("thread_id").is_none());
}

/// Waits until the simulator gave up delivering a content (`synchronization_status: failed`).
async fn wait_for_a_failed_content(inspect: &ringcentral_engage::sim::Inspector) {
    inspect
        .wait_for(
            |s| {
                s.contents()
                    .iter()
                    .any(|c| c.synchronization_status.as_deref() == Some("failed"))
            },
            WAIT,
        )
        .await
        .unwrap();
}
