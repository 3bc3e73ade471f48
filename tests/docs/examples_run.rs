//! The `list_agents` and `escalate_to_video` examples, end to end against the simulator.
//!
//! Both examples keep their logic in `examples/common/`, which this test includes as it is:
//! the same functions run here as in the binaries, and the printed tables are checked.
#![cfg(feature = "simulator")]

#[path = "../../examples/common/mod.rs"]
mod common;

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
