//! The `list_agents`, `escalate_to_video` and `engage_simulator` examples, end to end against
//! the simulator.
//!
//! The first two keep their logic in `examples/common/`, which this test includes as it is:
//! the same functions run here as in the binaries, and the printed tables are checked.
//! `engage_simulator.rs` is compiled here as a module; only its `main` goes unused.
#![cfg(feature = "simulator")]

#[path = "../../examples/common/mod.rs"]
mod common;

#[allow(dead_code)]
#[path = "../../examples/engage_simulator.rs"]
mod engage_simulator;

use common::progress::Progress;
use common::{agents, connect_with, video, Connection};
use ringcentral_engage::models::RoleId;
use ringcentral_engage::Client;

/// A connection as the examples make it with no environment variable set.
async fn simulator(agents: usize) -> Connection {
    let connection = connect_with(|_| None, agents).await.unwrap();
    assert!(connection.sim.is_some());
    assert!(connection.describe().contains("built-in Engage simulator"));
    connection
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

#[tokio::test]
async fn list_agents_prints_every_agent_with_role_and_availability() {
    let c = simulator(6).await;
    let (mut out, mut progress) = (Vec::new(), Progress::new(Vec::new(), false));
    let summary = agents::list_agents(&c.client, &mut out, &mut progress)
        .await
        .unwrap();
    let out = text(out);
    assert_eq!(
        summary,
        agents::Summary {
            users: 7,
            connected: 6,
            available: 5
        }
    );
    assert!(out.starts_with("ID "), "{out}");
    let line = |name: &str| {
        out.lines()
            .find(|l| l.contains(name))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(line("Alice Martin").contains("Video agent"), "{out}");
    assert!(
        line("Alice Martin").ends_with("available on Simulated messaging"),
        "{out}"
    );
    assert!(line("Carla Diaz").contains(" Agent "), "{out}");
    assert!(line("Emma Rossi").ends_with("connected, not available"), "{out}");
    assert!(line("API Bot").contains("Admin") && line("API Bot").ends_with("offline"));
    assert!(out.ends_with("7 users, 6 connected, 5 available now\n"), "{out}");
    assert!(
        text(progress.into_inner()).is_empty(),
        "short listings show no progress"
    );
}

#[tokio::test]
async fn long_listings_show_progress() {
    let c = simulator(320).await;
    let (mut out, mut progress) = (Vec::new(), Progress::new(Vec::new(), false));
    let summary = agents::list_agents(&c.client, &mut out, &mut progress)
        .await
        .unwrap();
    assert_eq!(summary.users, 321);
    assert_eq!(text(out).lines().count(), 1 + 321 + 1);
    assert_eq!(
        text(progress.into_inner()),
        "listing agents: 150/321\nlisting agents: 300/321\nlisting agents: 321/321\n"
    );
}

#[tokio::test]
async fn escalate_to_video_audits_a_mix_of_agents() {
    let c = simulator(6).await;
    let (mut out, mut progress) = (Vec::new(), Progress::new(Vec::new(), false));
    let report = video::audit(&c.client, None, &mut out, &mut progress)
        .await
        .unwrap();
    let out = text(out);
    let sim = c.sim.as_ref().unwrap();
    let agent_role = sim.role_id("Agent").unwrap();
    assert_eq!((report.agents, report.ready), (7, 3), "{out}");
    assert_eq!(report.missing_rc_user_id, 2);
    assert_eq!(report.roles_missing[&agent_role], ("Agent".to_owned(), 2));
    let row = |name: &str| {
        out.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l.split_whitespace().rev().take(3).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    // Columns read right to left: ready, rc_user_id, permission.
    assert_eq!(row("Alice Martin"), ["yes", "yes", "yes"], "{out}");
    assert_eq!(row("Carla Diaz"), ["no", "yes", "no"], "{out}");
    assert_eq!(row("Dev Patel"), ["no", "no", "yes"], "{out}");
    assert!(out.starts_with("AGENT "), "{out}");
    assert!(
        out.contains("3 of 7 agents are ready for Escalate to Video."),
        "{out}"
    );
    assert!(
        out.contains(&format!(
            "- role Agent ({agent_role}) lacks escalate_to_video (2 agents): run with --fix-role {agent_role}"
        )),
        "{out}"
    );
    assert!(out.contains("- 2 agents without a RingCentral user id"), "{out}");
}

#[tokio::test]
async fn fix_role_grants_the_permission_then_audits() {
    let c = simulator(6).await;
    let agent_role = c.sim.as_ref().unwrap().role_id("Agent").unwrap();
    let options = video::parse_args(["--fix-role".to_owned(), agent_role.to_string()]).unwrap();
    assert_eq!(options.fix_role.as_ref(), Some(&agent_role));
    let (mut out, mut progress) = (Vec::new(), Progress::new(Vec::new(), false));
    let report = video::audit(&c.client, options.fix_role.as_ref(), &mut out, &mut progress)
        .await
        .unwrap();
    let out = text(out);
    assert!(
        out.starts_with(&format!(
            "Granted escalate_to_video on role Agent ({agent_role})."
        )),
        "{out}"
    );
    assert_eq!(report.ready, 5, "Carla and Farid are ready now: {out}");
    assert!(!report.roles_missing.contains_key(&agent_role));
    let role = c.client.roles().get(&agent_role).await.unwrap();
    assert!(role.grants("escalate_to_video"));
}

#[tokio::test]
async fn failures_are_one_clear_line() {
    let c = simulator(2).await;
    let (mut out, mut progress) = (Vec::new(), Progress::new(Vec::new(), false));
    let unknown = RoleId::new("no-such-role");
    let err = video::audit(&c.client, Some(&unknown), &mut out, &mut progress)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("granting escalate_to_video: Engage API error 404"),
        "{err}"
    );
    assert!(!err.contains('\n'), "{err}");

    let sim = c.sim.as_ref().unwrap();
    let wrong_token = Client::builder()
        .base_url(sim.api_url())
        .access_token("not-the-token")
        .build()
        .unwrap();
    let err = agents::list_agents(&wrong_token, &mut Vec::new(), &mut progress)
        .await
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("listing roles: Engage API error 401"), "{err}");
    assert!(!err.contains("not-the-token"), "{err}");
}

#[tokio::test]
async fn environment_variables_pick_a_real_engage() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    };
    let c = connect_with(
        vars(&[
            ("ENGAGE_API_URL", "https://acme.api.digital.ringcentral.com/1.0"),
            ("ENGAGE_ACCESS_TOKEN", "t0ken"),
        ]),
        3,
    )
    .await
    .unwrap();
    assert!(c.sim.is_none());
    assert_eq!(
        c.describe(),
        "Using Engage Digital at https://acme.api.digital.ringcentral.com/1.0"
    );
    let c = connect_with(
        vars(&[("ENGAGE_DOMAIN", "acme"), ("ENGAGE_ACCESS_TOKEN", "t0ken")]),
        3,
    )
    .await
    .unwrap();
    assert!(c.client.base_url().as_str().starts_with("https://acme.api."));
    let err = common::client_from_vars(vars(&[("ENGAGE_DOMAIN", "acme")])).unwrap_err();
    assert!(err.to_string().contains("ENGAGE_ACCESS_TOKEN"));
    let err = common::client_from_vars(vars(&[("ENGAGE_ACCESS_TOKEN", "t0ken")])).unwrap_err();
    assert!(err.to_string().contains("ENGAGE_API_URL"));
    assert!(!err.to_string().contains("t0ken"));
}

#[test]
fn arguments_and_help() {
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert!(video::parse_args(args(&["--help"])).unwrap().help);
    assert!(agents::parse_args(args(&["-h"])).unwrap().help);
    assert_eq!(agents::parse_args(args(&["--agents", "40"])).unwrap().agents, 40);
    assert!(video::parse_args(args(&["--fix-role"])).is_err());
    assert!(video::parse_args(args(&["--fix-role", "--agents"])).is_err());
    assert!(agents::parse_args(args(&["--agents", "many"])).is_err());
    assert!(video::parse_args(args(&["--bogus"]))
        .unwrap_err()
        .contains("--bogus"));
    assert!(video::USAGE.contains("--fix-role ROLE_ID") && agents::USAGE.contains("--agents N"));
}

fn strings(a: &[&str]) -> Vec<String> {
    a.iter().map(|s| (*s).to_owned()).collect()
}

/// The arguments of the README's `cargo run --example engage_simulator` command.
fn readme_simulator_args() -> Vec<String> {
    let readme = include_str!("../../README.md");
    let start = readme
        .find("cargo run --example engage_simulator")
        .expect("the README shows the simulator command");
    let mut command = String::new();
    for line in readme[start..].lines() {
        let line = line.trim();
        match line.strip_suffix('\\') {
            Some(continued) => command.push_str(continued),
            None => {
                command.push_str(line);
                break;
            }
        }
        command.push(' ');
    }
    let (_, args) = command.split_once(" -- ").expect("arguments after --");
    args.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn engage_simulator_arguments_and_help() {
    use engage_simulator::{agent_names, parse_args, Command, USAGE};
    assert_eq!(parse_args(strings(&["--help"])), Ok(Command::Help));
    assert_eq!(parse_args(strings(&["--port", "1", "-h"])), Ok(Command::Help));
    assert!(USAGE.contains("--sdk-endpoint URL") && USAGE.contains("--help"));
    let err = parse_args(strings(&["--bogus"])).unwrap_err();
    assert!(err.contains("--bogus"), "{err}");
    assert!(parse_args(strings(&["--port"])).is_err(), "a missing value");
    assert!(parse_args(strings(&["--port", "many"])).is_err());
    assert!(parse_args(strings(&["--time-scale", "fast"])).is_err());
    assert_eq!(agent_names("3"), ["Agent 1", "Agent 2", "Agent 3"]);
    assert_eq!(agent_names(" Alice, ,Bob "), ["Alice", "Bob"]);

    // The README's command parses to what it says.
    let Ok(Command::Run(options)) = parse_args(readme_simulator_args()) else {
        panic!("README arguments refused: {:?}", readme_simulator_args());
    };
    assert_eq!(options.agents.as_deref(), Some("Alice,Bob"));
    assert_eq!(options.time_scale, Some(0.1));
    assert_eq!(
        options.sdk_endpoint.as_deref(),
        Some("http://127.0.0.1:8080/engage/sdk")
    );
    assert_eq!(
        options.webhook.as_deref(),
        Some("http://127.0.0.1:8080/engage/webhook")
    );
    assert_eq!(
        (options.webhook_secret.as_str(), options.verify_token.as_str()),
        ("s3cret", "v3rify")
    );
}

#[tokio::test]
async fn engage_simulator_starts_serves_and_stops() {
    use engage_simulator::{parse_args, start, Command};
    // The README's command on a free port, without the service it points at (none runs here).
    let mut args = readme_simulator_args();
    args.extend(strings(&["--port", "0"]));
    let Ok(Command::Run(mut options)) = parse_args(args) else {
        panic!("arguments refused");
    };
    options.sdk_endpoint = None;
    options.webhook = None;
    let mut out = Vec::new();
    let sim = start(&options, &mut out).await.unwrap();
    let printed = text(out);
    assert!(sim.local_addr().ip().is_loopback() && sim.local_addr().port() != 0);
    assert!(
        printed.starts_with(&format!(
            "Engage Digital simulator listening on {}\n",
            sim.base_url()
        )),
        "{printed}"
    );
    for line in [
        format!("REST API URL        {}", sim.api_url()),
        format!("access token        {}", sim.access_token().expose()),
        format!("Send API URL        {}", sim.realtime_url()),
        format!("realtime token      {}", sim.realtime_token().expose()),
    ] {
        assert!(printed.contains(&line), "{line:?} missing:\n{printed}");
    }
    assert!(printed.contains("agent               Alice (user "), "{printed}");
    assert!(printed.contains("agent               Bob (user "), "{printed}");

    // It serves what it printed: the REST API with the printed token.
    let fresh = || {
        reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(std::time::Duration::from_secs(2))
            .build()
            .unwrap()
    };
    let url = format!("{}/status", sim.api_url());
    let token = sim.access_token().expose().to_owned();
    let resp = fresh().get(&url).bearer_auth(&token).send().await.unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let status: serde_json::Value = resp.json().await.unwrap();
    assert_eq!(status.as_array().map(Vec::len), Some(2), "{status}");

    // Stopped like Ctrl-C stops it: the port no longer answers.
    sim.shutdown().await;
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(2);
    while fresh().get(&url).bearer_auth(&token).send().await.is_ok() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "still serving after shutdown"
        );
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
}
