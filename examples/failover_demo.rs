//! Two replicas of a bot service on one Redis, one of them killed mid-handover.
//!
//! ```text
//! cargo run --example failover_demo [-- --handovers N]
//! ```
//!
//! It uses `REDIS_URL` when set, else starts its own `redis-server` (found on `PATH`) on a unix
//! socket in a temp dir. Then it starts the built-in simulator and two replicas of
//! `bot_proxy`'s service as separate OS processes (this executable run again with
//! `--replica N`), both on that Redis. Engage's calls (Source SDK and webhooks) alternate
//! between the replicas through a round robin; each user talks to one replica directly.
//!
//! `N` users (default 20) ask for a human at once. Once some agents have answered, replica 1
//! is killed with SIGKILL. Its users' event streams break; they reconnect to replica 0 with
//! the last event id they saw (`Last-Event-ID`, served by `events_since`), and every handover
//! goes on to its end. The demo prints a timeline and, last, one JSON line:
//!
//! ```text
//! {"handovers":N,"completed":N,"lost_user_messages":0,"lost_agent_messages":0,"duplicate_events":0,"takeover_ms":T}
//! ```
//!
//! `takeover_ms` is the time from the kill until the last broken stream was served again by
//! the survivor. The process exits with status 1 when a handover did not complete or a
//! message was lost or repeated.

use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ringcentral_engage::handover::EngageConfig;
use ringcentral_engage::sim::{EngageSimulator, SimAgent, SimHandle};

#[allow(dead_code)]
#[path = "bot_proxy.rs"]
mod bot_proxy;

#[path = "failover_demo/balancer.rs"]
mod balancer;
#[path = "failover_demo/redis.rs"]
mod redis;
#[path = "failover_demo/replica.rs"]
pub mod replica;
#[path = "failover_demo/timeline.rs"]
mod timeline;
#[path = "failover_demo/user.rs"]
mod user;

use bot_proxy::ProxyError;
use replica::Replica;
use timeline::Timeline;
use user::Outcome;

/// What each simulated agent says to each customer before closing.
const AGENT_LINES: [&str; 3] = [
    "Hi, an agent here. Let me look.",
    "Found it; it is fixed now.",
    "Closing this chat. Goodbye!",
];

/// How long the demo waits for user lines still on their way after the kill: the Send API's
/// timeout (the killed replica's hold on a line it was sending), the lease, and a margin.
const USER_LINES_WAIT: Duration = Duration::from_secs(45);

const USAGE: &str = "usage: failover_demo [--handovers N]   (N from 1 to 500, default 20)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => fail(&format!("no tokio runtime: {e}")),
    };
    let result = match args.as_slice() {
        [flag, n] if flag == "--replica" => match n.parse() {
            Ok(n) => runtime.block_on(replica::run(n)),
            Err(_) => fail(USAGE),
        },
        [] => run(&runtime, 20),
        [flag, n] if flag == "--handovers" => match n.parse() {
            Ok(n @ 1..=500) => run(&runtime, n),
            _ => fail(USAGE),
        },
        _ => fail(USAGE),
    };
    if let Err(e) = result {
        fail(&format!("failover_demo: error: {e}"));
    }
}

/// The demo as `cargo run` starts it: its replicas are this executable run with `--replica N`.
fn run(runtime: &tokio::runtime::Runtime, handovers: usize) -> Result<(), ProxyError> {
    let this = std::env::current_exe()?;
    let replica = |n: usize| {
        let mut command = Command::new(&this);
        command.args(["--replica", &n.to_string()]);
        command
    };
    let redis_url = std::env::var("REDIS_URL").ok();
    let summary = runtime.block_on(demo(handovers, redis_url, &replica))?;
    println!("{}", summary.line);
    if !summary.clean() {
        return Err("some handover did not complete cleanly (see the JSON line)".into());
    }
    Ok(())
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

/// Runs the demonstration with `handovers` users, on the Redis of `redis_url` (else on its
/// own `redis-server`), its replicas started by `replica(n)` (a command that runs
/// [`replica::run`]); prints the timeline and returns the summary.
pub async fn demo(
    handovers: usize,
    redis_url: Option<String>,
    replica: &dyn Fn(usize) -> Command,
) -> Result<Summary, ProxyError> {
    let timeline = Arc::new(Timeline::new());
    let redis = redis::Redis::start(redis_url)?;
    timeline.say(if redis.is_own() {
        format!("started redis-server on {}", redis.url)
    } else {
        format!("using REDIS_URL {}", redis.url)
    });
    let sim = simulator(handovers).await?;
    let env = replica_env(&sim, &redis.url);
    let lookup = |name: &str| env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let config = EngageConfig::from_lookup(lookup)?.build()?;
    let mut replicas = Vec::new();
    for n in 0..2 {
        let replica = Replica::spawn(n, replica(n), &env)?;
        timeline.say(format!("replica {n} serves http://{}", replica.addr));
        replicas.push(replica);
    }
    let addrs: Vec<_> = replicas.iter().map(|r| r.addr).collect();
    let engage_side = balancer::round_robin(addrs.clone()).await?;
    sim.connect_handover(&format!("http://{engage_side}"), &config)
        .await?;
    timeline.say(format!(
        "simulated Engage calls the replicas in turn through http://{engage_side}"
    ));

    timeline.say(format!("{handovers} users ask for a human"));
    let run = fastrand::u32(..);
    let users: Vec<_> = (0..handovers)
        .map(|i| {
            // Unique to the run: a Redis shared with earlier runs keeps their conversations.
            let id = format!("failover-{run:08x}-{i}");
            tokio::spawn(user::converse(id, addrs.clone(), i % 2, Arc::clone(&timeline)))
        })
        .collect();

    // Mid-handover: once a third of the agents' lines have reached Engage.
    let inspect = sim.inspect();
    let agent_lines = move |s: &ringcentral_engage::sim::SimState| {
        s.contents()
            .iter()
            .filter(|c| AGENT_LINES.contains(&c.body.as_str()))
            .count()
    };
    let target = (handovers * AGENT_LINES.len()).div_ceil(3);
    inspect
        .wait_for(|s| agent_lines(s) >= target, Duration::from_secs(60))
        .await
        .map_err(|e| format!("the agents did not answer: {e}"))?;
    let said = inspect.read(agent_lines);
    replicas[1].kill();
    let killed_at = Instant::now();
    timeline.say(format!(
        "SIGKILL replica 1 (agents had said {said} of {} lines)",
        handovers * AGENT_LINES.len()
    ));

    let mut outcomes = Vec::new();
    for user in users {
        outcomes.push(user.await?);
    }
    // A line the killed replica was sending stays its own for the Send API's timeout (30 s),
    // then the survivor's timers send it: wait for it rather than call it lost.
    let sent: Vec<String> = outcomes.iter().flat_map(|o| o.sent.clone()).collect();
    let delivered = move |s: &ringcentral_engage::sim::SimState| {
        sent.iter()
            .all(|line| s.contents().iter().any(|c| &c.body == line))
    };
    if !inspect.read(&delivered) {
        timeline.say("waiting for user lines the killed replica was sending");
        let _ = inspect.wait_for(&delivered, USER_LINES_WAIT).await;
        timeline.say("user lines waited for");
    }
    let takeover_ms = outcomes
        .iter()
        .filter_map(|o| o.reconnected_at)
        .map(|at| at.saturating_duration_since(killed_at).as_millis())
        .max()
        .unwrap_or(0);
    let summary = summarize(&sim, &outcomes, takeover_ms);
    timeline.say(format!(
        "{} of {handovers} handovers completed; {} streams moved to replica 0",
        summary.completed,
        outcomes.iter().filter(|o| o.reconnected_at.is_some()).count()
    ));
    sim.shutdown().await;
    drop(replicas);
    drop(redis);
    Ok(summary)
}

/// The demo's result, and its JSON line.
#[derive(Debug)]
pub struct Summary {
    /// Handovers started.
    pub handovers: usize,
    /// Handovers that ended normally.
    pub completed: usize,
    /// Lines users wrote that never reached Engage.
    pub lost_user_messages: usize,
    /// Agents' lines that never reached their user.
    pub lost_agent_messages: usize,
    /// Handover events a user received twice.
    pub duplicate_events: usize,
    /// From the kill until the last broken stream was served by the survivor.
    pub takeover_ms: u128,
    /// The JSON line, keys in this order.
    pub line: String,
}

impl Summary {
    /// Every handover completed; nothing lost, nothing twice.
    pub fn clean(&self) -> bool {
        self.completed == self.handovers
            && self.lost_user_messages == 0
            && self.lost_agent_messages == 0
            && self.duplicate_events == 0
    }
}

/// The simulator: enough agents for every user at once, quick but readable timings.
async fn simulator(handovers: usize) -> Result<SimHandle, ProxyError> {
    let agents = bot_proxy::engage_env::agent_names(handovers.div_ceil(5))
        .into_iter()
        .map(|name| {
            SimAgent::new(name)
                .capacity(5)
                .think_time(Duration::from_millis(400))
                .replies(AGENT_LINES)
        })
        .collect();
    Ok(EngageSimulator::builder().agents(agents).start().await?)
}

/// The `ENGAGE_*` and `REDIS_URL` variables of a replica for `sim`.
fn replica_env(sim: &SimHandle, redis_url: &str) -> Vec<(String, String)> {
    let token = |prefix: &str| format!("{prefix}-{:016x}", fastrand::u64(..));
    [
        ("ENGAGE_API_URL", sim.api_url()),
        ("ENGAGE_ACCESS_TOKEN", sim.access_token().expose().to_owned()),
        ("ENGAGE_SOURCE_ID", sim.source_id().as_str().to_owned()),
        ("ENGAGE_REALTIME_URL", sim.realtime_url()),
        ("ENGAGE_REALTIME_TOKEN", sim.realtime_token().expose().to_owned()),
        (
            "ENGAGE_BOT_CATEGORY_ID",
            sim.bot_category_id().as_str().to_owned(),
        ),
        (
            "ENGAGE_AGENT_CATEGORY_ID",
            sim.agent_category_id().as_str().to_owned(),
        ),
        ("ENGAGE_CHANNEL_ID", sim.channel_id().as_str().to_owned()),
        ("ENGAGE_WEBHOOK_VERIFY_TOKEN", token("demo-verify")),
        ("ENGAGE_WEBHOOK_SECRET", token("demo-secret")),
        ("REDIS_URL", redis_url.to_owned()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// The JSON line: what the users saw, checked against what reached the simulated Engage.
fn summarize(sim: &SimHandle, outcomes: &[Outcome], takeover_ms: u128) -> Summary {
    let bodies: Vec<String> = sim
        .inspect()
        .read(|s| s.contents().iter().map(|c| c.body.clone()).collect());
    let lost_user_messages: usize = outcomes
        .iter()
        .flat_map(|o| &o.sent)
        .filter(|line| !bodies.contains(line))
        .count();
    let lost_agent_messages: usize = outcomes
        .iter()
        .map(|o| {
            AGENT_LINES
                .iter()
                .filter(|line| !o.agent_messages.iter().any(|m| m == *line))
                .count()
        })
        .sum();
    let (handovers, completed) = (outcomes.len(), outcomes.iter().filter(|o| o.completed).count());
    let duplicate_events = outcomes.iter().map(|o| o.duplicate_events).sum();
    let line = format!(
        r#"{{"handovers":{handovers},"completed":{completed},"lost_user_messages":{lost_user_messages},"lost_agent_messages":{lost_agent_messages},"duplicate_events":{duplicate_events},"takeover_ms":{takeover_ms}}}"#
    );
    Summary {
        handovers,
        completed,
        lost_user_messages,
        lost_agent_messages,
        duplicate_events,
        takeover_ms,
        line,
    }
}
