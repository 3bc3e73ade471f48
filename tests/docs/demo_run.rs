//! The `handover_demo` and `bot_proxy` examples, run end to end against the simulator.
//!
//! Each example file is compiled here as a module, so these tests run exactly the examples'
//! code; only their `main` functions go unused.
#![cfg(feature = "simulator")]
// Both examples include their shared `engage_env` module, so it is compiled twice here.
#![allow(clippy::duplicate_mod)]

use std::time::Duration;

use ringcentral_engage::handover::EndReason;
use ringcentral_engage::sim::{EngageSimulator, SimAgent};
use serde_json::Value;

#[allow(dead_code)]
#[path = "../../examples/handover_demo.rs"]
mod demo;

#[allow(dead_code)]
#[path = "../../examples/bot_proxy.rs"]
mod proxy;

#[path = "../../examples/bot_proxy/sse_blocks.rs"]
mod sse_blocks;

fn options(args: &[&str]) -> demo::Options {
    match demo::parse_args(args.iter().map(|a| a.to_string())) {
        Ok(demo::Command::Run(options)) => *options,
        other => panic!("{args:?} parsed as {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handover_demo_prints_the_whole_timeline() {
    let mut out = Vec::new();
    let summary = demo::run(&options(&[]), &mut out)
        .await
        .expect("the demo succeeds");
    let text = String::from_utf8(out).unwrap();
    let position = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from the timeline:\n{text}"))
    };
    let steps = [
        "bot: Hello!",
        "I want to talk to a human.",
        "availability checked: 1 agent available",
        "profile (Ada Lovelace",
        "You are number 2 in line. Estimated wait: about 1 minute.",
        "agent Alice joined",
        "Alice: Hi Ada, this is Alice.",
        "user: The modem light is red",
        "user message sent to the agent (delivered)",
        "Alice: Thanks. I've reset your line",
        "handover ended: Alice closed the conversation",
        "bot: I'm back!",
    ];
    let positions: Vec<usize> = steps.iter().map(|s| position(s)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "out of order:\n{text}");
    assert_eq!(summary.agent.as_deref(), Some("Alice"));
    assert_eq!(summary.ended, Some(EndReason::AgentClosed));
    assert!(summary.elapsed < Duration::from_secs(10), "{:?}", summary.elapsed);
    // Secrets of a real Engage are never printed; the demo prints no token at all.
    assert!(!text.to_lowercase().contains("token"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn handover_demo_json_lines_all_parse() {
    let mut out = Vec::new();
    let summary = demo::run(
        &options(&["--json", "--agents", "2", "--queue-ahead", "0"]),
        &mut out,
    )
    .await
    .expect("the demo succeeds");
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line:?}")))
        .collect();
    assert_eq!(lines.len(), summary.events);
    let types: Vec<&str> = lines
        .iter()
        .map(|l| l["event"]["type"].as_str().unwrap())
        .collect();
    assert_eq!(types.first(), Some(&"accepted"));
    assert!(types.contains(&"agent_joined"), "{types:?}");
    assert!(types.contains(&"agent_message"), "{types:?}");
    assert_eq!(types.last(), Some(&"ended"));
    assert_eq!(lines.last().unwrap()["event"]["reason"], "agent_closed");
}

#[test]
fn handover_demo_flags() {
    assert!(matches!(
        demo::parse_args(["--help".to_owned()]),
        Ok(demo::Command::Help)
    ));
    let o = options(&["--agents=3", "--queue-ahead", "4", "--json"]);
    assert_eq!((o.agents, o.queue_ahead, o.json), (3, 4, true));
    for bad in [
        &["--agents"][..],
        &["--agents", "x"],
        &["--agents", "0"],
        &["--nope"],
    ] {
        let args = bad.iter().map(|a| a.to_string());
        assert!(demo::parse_args(args).is_err(), "{bad:?}");
    }
}

/// Reads server-sent events until one satisfies `done`; returns every `(event, data)` seen.
async fn read_sse(
    response: &mut reqwest::Response,
    done: impl Fn(&str, &Value) -> bool,
) -> Vec<(String, Value)> {
    let (mut blocks, mut seen) = (sse_blocks::SseBlocks::default(), Vec::new());
    loop {
        let chunk = tokio::time::timeout(Duration::from_secs(10), response.chunk())
            .await
            .unwrap_or_else(|_| panic!("no event within 10 s; saw {seen:?}"))
            .unwrap()
            .unwrap_or_else(|| panic!("stream closed; saw {seen:?}"));
        for sse in blocks.push(&chunk) {
            if sse.data.is_empty() {
                continue; // a keep-alive comment
            }
            let data: Value = serde_json::from_str(&sse.data).unwrap();
            let stop = done(&sse.event, &data);
            seen.push((sse.event, data));
            if stop {
                return seen;
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_proxy_hands_over_when_asked_for_a_human() {
    let sim = EngageSimulator::builder()
        .agent(
            SimAgent::new("Alice")
                .think_time(Duration::from_secs(2))
                .replies(["Hi, this is Alice."]),
        )
        .time_scale(0.01)
        .seed(3);
    let (running, stop) = proxy::launch_local(sim, proxy::Limits::default())
        .await
        .expect("the service starts");
    let base = format!("http://{}", running.addr);
    let http = reqwest::Client::new();
    let health: Value = http
        .get(format!("{base}/health"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health["status"], "ok");

    let mut events = http
        .get(format!("{base}/conversations/web-1/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), 200);
    let post = |text: &str, id: &str| {
        http.post(format!("{base}/conversations/web-1/messages"))
            .json(&serde_json::json!({"text": text, "client_message_id": id}))
            .send()
    };
    let hello: Value = post("hello", "m1").await.unwrap().json().await.unwrap();
    assert_eq!(hello["routed_to"], "bot");
    let handover = post("I want a human", "m2").await.unwrap();
    assert_eq!(handover.status(), 202);
    let seen = read_sse(&mut events, |event, data| {
        event == "handover" && data["event"]["type"] == "agent_joined"
    })
    .await;
    assert!(
        seen.iter().any(|(e, d)| e == "message" && d["from"] == "bot"),
        "{seen:?}"
    );
    assert_eq!(seen.last().unwrap().1["event"]["agent"]["display_name"], "Alice");

    // The agent answers, closes, and the bot is back.
    let rest = read_sse(&mut events, |event, data| {
        event == "message"
            && data["text"]
                .as_str()
                .is_some_and(|t| t.contains("back with the bot"))
    })
    .await;
    assert!(
        rest.iter()
            .any(|(e, d)| e == "message" && d["from"] == "agent" && d["text"] == "Hi, this is Alice."),
        "{rest:?}"
    );
    let bad = post("   ", "m3").await.unwrap();
    assert_eq!(bad.status(), 400);

    // The handover counters, scraped in Prometheus' text format.
    let scrape = http.get(format!("{base}/metrics")).send().await.unwrap();
    assert_eq!(scrape.status(), 200);
    let metrics = scrape.text().await.unwrap();
    for counter in [
        "engage_handovers_started_total",
        "engage_handovers_ended_total",
        "engage_handover_agent_messages_total",
    ] {
        // `name value` or `name{labels} value`; other tests may have added to the counters.
        let value = metrics.lines().find_map(|line| {
            let rest = line.strip_prefix(counter)?;
            let value = rest
                .strip_prefix(' ')
                .or_else(|| rest.rsplit_once("} ").map(|(_, v)| v))?;
            value.trim().parse::<f64>().ok()
        });
        assert!(
            value.is_some_and(|v| v >= 1.0),
            "{counter} missing from /metrics:\n{metrics}"
        );
    }

    // Graceful shutdown ends the open event stream and the server.
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(5), running.server)
        .await
        .expect("the server stops")
        .unwrap()
        .unwrap();
    assert!(tokio::time::timeout(Duration::from_secs(5), events.chunk())
        .await
        .unwrap()
        .unwrap()
        .is_none());
}
