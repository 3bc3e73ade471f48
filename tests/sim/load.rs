//! Load mode: `bot_proxy` load-tested through its JSON user API, bad plans refused before
//! anything starts, and a service that never answers ends the run at its deadline.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ringcentral_engage::sim::load::{self, AdapterError, Inbox, LoadAdapter, LoadError, LoadPlan};
use ringcentral_engage::sim::{EngageSimulator, SimAgent};
use tokio::sync::watch;

use crate::{load_adapter, proxy};

fn agents(n: usize) -> Vec<SimAgent> {
    (0..n)
        .map(|i| {
            SimAgent::new(format!("Agent {i}"))
                .capacity(3)
                .think_time(Duration::from_secs(2))
                .replies(["Hello, how can I help?", "Done, closing now."])
        })
        .collect()
}

/// A simulator with `n` agents where a simulated minute lasts 0.3 s.
fn fast_simulator(n: usize, seed: u64) -> ringcentral_engage::sim::EngageSimulatorBuilder {
    EngageSimulator::builder()
        .agents(agents(n))
        .time_scale(0.005)
        .seed(seed)
}

/// `bot_proxy` started with its own simulator, and the adapter driving its user API.
async fn bot_proxy(
    sim: ringcentral_engage::sim::EngageSimulatorBuilder,
) -> (
    proxy::Running,
    Arc<load_adapter::BotProxyAdapter>,
    watch::Sender<bool>,
) {
    let (running, stop) = proxy::launch_local(sim, proxy::Limits::default())
        .await
        .expect("the service starts");
    let adapter = Arc::new(load_adapter::BotProxyAdapter::new(format!(
        "http://{}",
        running.addr
    )));
    (running, adapter, stop)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bot_proxy_under_load_loses_and_duplicates_nothing() {
    // Built with Engage's 500 requests a minute: the run lifts it.
    let sim = fast_simulator(4, 11).queue_update_interval(Duration::from_secs(10));
    let (running, adapter, _stop) = bot_proxy(sim).await;
    let sim = running.sim.as_ref().expect("a simulator");
    let plan = LoadPlan::new(30, 200.0)
        .user_replies(1)
        .user_think_time(Duration::from_millis(5))
        .deadline(Duration::from_secs(60));
    let report = load::run(sim, adapter, &plan).await.expect("a valid plan");
    println!("{report}");
    assert_eq!(report.customers, 30);
    assert_eq!(report.handovers_started, 30);
    assert_eq!(report.handovers_completed, 30, "{report}");
    assert_eq!(report.handovers_failed, 0);
    assert_eq!(
        (
            report.messages_lost,
            report.messages_duplicated,
            report.user_messages_lost
        ),
        (0, 0, 0)
    );
    assert_eq!(report.time_to_agent.samples, 30);
    assert_eq!(
        report.agent_to_user.samples, 60,
        "two agent messages per customer"
    );
    assert_eq!(report.user_to_agent.samples, 30);
    assert!(
        report.api.rest > 0 && report.api.send_api >= 60,
        "{:?}",
        report.api
    );
    assert!(report.api_calls_per_handover > 1.0);
    assert!(!report.hit_deadline);
    assert!(
        report.queue_notices_max >= 1,
        "customers heard they wait: {report}"
    );
    let json = report.to_json();
    for key in [
        "handovers_started",
        "time_to_agent",
        "agent_to_user",
        "user_to_agent",
        "messages_lost",
        "api",
    ] {
        assert!(json.get(key).is_some(), "{key} missing from {json}");
    }
}

/// A service whose customers connect and write, but never hear back.
#[derive(Default)]
struct Silent {
    calls: AtomicUsize,
}

#[async_trait::async_trait]
impl LoadAdapter for Silent {
    async fn connect(&self, _: &str, inbox: Inbox) -> Result<(), AdapterError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move { inbox.closed().await });
        Ok(())
    }

    async fn send(&self, _: &str, _: &str, _: &str) -> Result<(), AdapterError> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }
}

#[tokio::test(start_paused = true)]
async fn a_silent_service_ends_at_the_deadline_with_every_handover_failed() {
    let sim = EngageSimulator::builder()
        .agents(agents(1))
        .start()
        .await
        .unwrap();
    let silent = Arc::new(Silent::default());
    let plan = LoadPlan::new(5, 10.0).deadline(Duration::from_secs(30));
    let report = load::run(&sim, silent.clone(), &plan).await.unwrap();
    assert_eq!(report.customers, 5);
    assert_eq!(report.handovers_started, 5);
    assert_eq!(report.handovers_failed, 5);
    assert_eq!(report.handovers_completed, 0);
    assert!(report.hit_deadline);
    assert!(
        (30_000.0..31_000.0).contains(&report.elapsed_ms),
        "{}",
        report.elapsed_ms
    );
    assert_eq!(silent.calls.load(Ordering::Relaxed), 10);
}

#[tokio::test]
async fn bad_plans_are_refused_before_any_customer_arrives() {
    let sim = EngageSimulator::builder()
        .agents(agents(1))
        .start()
        .await
        .unwrap();
    let silent = Arc::new(Silent::default());
    for plan in [
        LoadPlan::new(0, 1.0),
        LoadPlan::new(1, 0.0),
        LoadPlan::new(1, -1.0),
        LoadPlan::new(1, 1.0).deadline(Duration::ZERO),
        LoadPlan::new(1, 1.0).agent_available_at(Duration::ZERO, "Nobody", false),
    ] {
        let refused = load::run(&sim, silent.clone(), &plan).await;
        assert!(
            matches!(refused, Err(LoadError::InvalidPlan(_))),
            "{plan:?}: {refused:?}"
        );
    }
    assert!(
        load::seconds("--think-time", "-1").is_err(),
        "negative think time"
    );
    assert_eq!(silent.calls.load(Ordering::Relaxed), 0, "nothing started");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_going_away_mid_run_fail_the_handovers() {
    let sim = fast_simulator(1, 12);
    let (running, adapter, _stop) = bot_proxy(sim).await;
    let sim = running.sim.as_ref().expect("a simulator");
    let plan = LoadPlan::new(3, 100.0)
        .agent_available_at(Duration::ZERO, "Agent 0", false)
        .deadline(Duration::from_secs(2));
    let report = load::run(sim, adapter, &plan).await.unwrap();
    assert_eq!(report.handovers_started, 3);
    assert_eq!(report.handovers_failed, 3, "{report}");
    assert_eq!(report.handovers_completed, 0);
    assert_eq!(report.time_to_agent.samples, 0);
}

/// A load run measures the service, not Engage's REST budget: the simulator's budget is
/// lifted for the run unless the plan sets one, and is back afterwards.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_engage_budget_applies_only_when_the_plan_sets_it() {
    let sim = fast_simulator(4, 13).rest_rate_limit(6);
    let (running, adapter, _stop) = bot_proxy(sim).await;
    let sim = running.sim.as_ref().expect("a simulator");
    let unthrottled = LoadPlan::new(10, 200.0)
        .user_think_time(Duration::from_millis(5))
        .deadline(Duration::from_secs(30));
    let report = load::run(sim, adapter.clone(), &unthrottled).await.unwrap();
    assert_eq!(report.api.rest_rate_limited, 0, "{report}");
    assert_eq!(report.handovers_completed, 10, "{report}");
    assert!(report.api.rest > 6, "more requests than the budget: {report}");

    let throttled = LoadPlan::new(10, 200.0)
        .engage_rate_limit(6)
        .deadline(Duration::from_secs(2));
    let report = load::run(sim, adapter, &throttled).await.unwrap();
    assert!(report.api.rest_rate_limited > 0, "{report}");
    assert!(report.handovers_completed < 10, "{report}");

    // The simulator's own budget (6 a minute, already spent) is back.
    let status = reqwest::Client::new()
        .get(format!("{}/users", sim.api_url()))
        .bearer_auth(sim.access_token().expose())
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 429);
}
