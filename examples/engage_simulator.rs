//! Runs the Engage Digital simulator as a standalone server, so any service (in any language)
//! can be pointed at it.
//!
//! ```text
//! cargo run --example engage_simulator --features simulator -- \
//!     --port 4010 --agents "Alice,Bob" --time-scale 0.1 \
//!     --sdk-endpoint http://127.0.0.1:8080/engage/sdk \
//!     --webhook http://127.0.0.1:8080/engage/webhook --webhook-secret s3cret --verify-token v3rify
//! ```
//!
//! `--agents` takes a number (`3`: Agent 1..3) or comma-separated names. It prints the URLs and
//! credentials, then runs until Ctrl-C. `--help` prints the usage; a bad argument exits with 2.
//!
//! Load mode: with `--load N --rate R --user-api URL`, once the service is connected, N
//! customers arrive at R a second at the service's user API (`bot_proxy`'s JSON API: `POST
//! /conversations/{id}/messages`, `GET /conversations/{id}/events`), ask for a human, talk to
//! the agents and leave; the report is printed as a table and as JSON, then it exits.
//!
//! The parsing and the startup are plain functions ([`parse_args`], [`start`]) so that
//! `tests/docs/examples_run.rs` runs this very code in-process.

use std::io::Write;
use std::time::Duration;

use std::sync::Arc;

use ringcentral_engage::sim::load::{self, LoadPlan};
use ringcentral_engage::sim::{EngageSimulator, SimAgent, SimHandle};
use ringcentral_engage::Secret;

#[allow(dead_code)]
#[path = "bot_proxy/load_adapter.rs"]
mod load_adapter;

/// The usage text.
pub const USAGE: &str = "\
engage_simulator: a fake Engage Digital (REST API, Send API, webhooks, agents) on 127.0.0.1.

usage: cargo run --example engage_simulator -- [--port N] [--agents N|name,name] [--time-scale F]
           [--queue-ahead N] [--seed N] [--sdk-endpoint URL]
           [--webhook URL [--webhook-secret S] [--verify-token T]] [--think-time S]
           [--load N --rate R --user-api URL [--deadline S] [--user-replies N]]

  --port N            port to listen on (default 0: any free port)
  --agents N|names    N agents named Agent 1..N, or comma-separated names (default 2)
  --time-scale F      real seconds per simulated second (default 1)
  --queue-ahead N     phantom customers waiting before the first real one (default 0)
  --seed N            random seed (tokens, faults)
  --sdk-endpoint URL  the service's SDK endpoint (asked implementation.info at start)
  --webhook URL       the service's webhook (validated at start)
  --webhook-secret S  sent as X-Dimelo-Secret
  --verify-token T    expected back by the webhook validation
  --think-time S      simulated seconds an agent thinks before each reply (default 3)
  --load N            load mode: N customers (needs --rate and --user-api)
  --rate R            customers arriving per second
  --user-api URL      the service's user API (bot_proxy's JSON API)
  --deadline S        real seconds the load run may last (default 60)
  --user-replies N    messages each customer writes to the agent (default 1)
  -h, --help          print this help";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// Port to bind on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// A number of agents or their comma-separated names; `None` means 2.
    pub agents: Option<String>,
    pub time_scale: Option<f64>,
    pub queue_ahead: Option<usize>,
    pub seed: Option<u64>,
    pub sdk_endpoint: Option<String>,
    pub webhook: Option<String>,
    pub webhook_secret: String,
    pub verify_token: String,
    /// Agents' think time (simulated).
    pub think_time: Option<Duration>,
    /// Load mode: the plan and the user API it drives.
    pub load: Option<(LoadPlan, String)>,
}

/// Run the simulator, or print the usage.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Run(Box<Options>),
    Help,
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    fn parsed<T: std::str::FromStr>(flag: &str, value: String) -> Result<T, String> {
        value
            .parse()
            .map_err(|_| format!("{flag}: cannot read {value:?}"))
    }
    let mut options = Options::default();
    let (mut customers, mut rate, mut user_api, mut deadline, mut replies) = (None, None, None, None, None);
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        if flag == "-h" || flag == "--help" {
            return Ok(Command::Help);
        }
        let known = [
            "--port",
            "--agents",
            "--time-scale",
            "--queue-ahead",
            "--seed",
            "--sdk-endpoint",
            "--webhook",
            "--webhook-secret",
            "--verify-token",
            "--think-time",
            "--load",
            "--rate",
            "--user-api",
            "--deadline",
            "--user-replies",
        ];
        if !known.contains(&flag.as_str()) {
            return Err(format!("unknown argument {flag:?} (try --help)"));
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--port" => options.port = parsed(&flag, value)?,
            "--agents" => options.agents = Some(value),
            "--time-scale" => options.time_scale = Some(parsed(&flag, value)?),
            "--queue-ahead" => options.queue_ahead = Some(parsed(&flag, value)?),
            "--seed" => options.seed = Some(parsed(&flag, value)?),
            "--sdk-endpoint" => options.sdk_endpoint = Some(value),
            "--webhook" => options.webhook = Some(value),
            "--webhook-secret" => options.webhook_secret = value,
            "--think-time" => options.think_time = Some(seconds(&flag, &value)?),
            "--load" => customers = Some(parsed::<usize>(&flag, value)?),
            "--rate" => rate = Some(parsed::<f64>(&flag, value)?),
            "--user-api" => user_api = Some(value),
            "--deadline" => deadline = Some(seconds(&flag, &value)?),
            "--user-replies" => replies = Some(parsed::<usize>(&flag, value)?),
            _ => options.verify_token = value,
        }
    }
    if let Some(customers) = customers {
        let rate = rate.ok_or("--load needs --rate")?;
        let url = user_api.ok_or("--load needs --user-api")?;
        let mut plan = LoadPlan::new(customers, rate);
        if let Some(d) = deadline {
            plan = plan.deadline(d);
        }
        if let Some(n) = replies {
            plan = plan.user_replies(n);
        }
        plan.validate().map_err(|e| e.to_string())?;
        options.load = Some((plan, url));
    } else if rate.is_some() || user_api.is_some() || deadline.is_some() || replies.is_some() {
        return Err("--rate, --user-api, --deadline and --user-replies need --load".into());
    }
    Ok(Command::Run(Box::new(options)))
}

fn seconds(flag: &str, value: &str) -> Result<Duration, String> {
    load::seconds(flag, value).map_err(|e| e.to_string())
}

/// The agents' names: `"3"` gives Agent 1..3, anything else is a comma-separated list.
pub fn agent_names(spec: &str) -> Vec<String> {
    match spec.trim().parse::<usize>() {
        Ok(n) => (1..=n).map(|i| format!("Agent {i}")).collect(),
        Err(_) => spec
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

/// Starts the simulator as `options` say and writes its URLs and credentials to `out`.
pub async fn start(options: &Options, out: &mut impl Write) -> std::io::Result<SimHandle> {
    let mut builder = EngageSimulator::builder().port(options.port);
    if let Some(scale) = options.time_scale {
        builder = builder.time_scale(scale);
    }
    if let Some(n) = options.queue_ahead {
        builder = builder.queue_ahead(n);
    }
    if let Some(seed) = options.seed {
        builder = builder.seed(seed);
    }
    for name in agent_names(options.agents.as_deref().unwrap_or("2")) {
        let agent = SimAgent::new(name.clone())
            .think_time(options.think_time.unwrap_or(Duration::from_secs(3)))
            .replies([
                format!("Hi, {name} here. How can I help?"),
                "Thanks, I'm closing this conversation.".to_owned(),
            ]);
        builder = builder.agent(agent);
    }
    let sim = builder.start().await?;
    writeln!(out, "Engage Digital simulator listening on {}", sim.base_url())?;
    writeln!(out, "  REST API URL        {}", sim.api_url())?;
    writeln!(out, "  access token        {}", sim.access_token().expose())?;
    writeln!(out, "  Send API URL        {}", sim.realtime_url())?;
    writeln!(out, "  source id           {}", sim.source_id())?;
    writeln!(out, "  realtime token      {}", sim.realtime_token().expose())?;
    writeln!(out, "  Bot category id     {}", sim.bot_category_id())?;
    writeln!(out, "  Agent category id   {}", sim.agent_category_id())?;
    writeln!(
        out,
        "  channel             {} ({})",
        sim.channel_name(),
        sim.channel_id()
    )?;
    for agent in sim.agents() {
        writeln!(
            out,
            "  agent               {} (user {}, capacity {})",
            agent.name, agent.user_id, agent.capacity
        )?;
    }
    if let Some(url) = &options.sdk_endpoint {
        let ok = sim.set_sdk_endpoint(url.clone()).await;
        writeln!(
            out,
            "  SDK endpoint        {url} (implementation.info {})",
            if ok { "ok" } else { "failed" }
        )?;
    }
    if let Some(url) = &options.webhook {
        let secret = Secret::new(options.webhook_secret.clone());
        let verify = Secret::new(options.verify_token.clone());
        let ok = sim.set_webhook(url.clone(), secret, verify).await;
        writeln!(
            out,
            "  webhook             {url} (validation {})",
            if ok { "ok" } else { "failed" }
        )?;
    }
    Ok(sim)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            let _ = writeln!(std::io::stdout(), "{USAGE}"); // no panic on a closed pipe
            return Ok(());
        }
        Ok(Command::Run(options)) => *options,
        Err(e) => {
            eprintln!("engage_simulator: {e}\n\n{USAGE}");
            std::process::exit(2);
        }
    };
    let sim = start(&options, &mut std::io::stdout()).await?;
    if let Some((plan, url)) = &options.load {
        let adapter = Arc::new(load_adapter::BotProxyAdapter::new(url.clone()));
        match load::run(&sim, adapter, plan).await {
            Ok(report) => println!("{report}\n{}", report.to_json()),
            Err(e) => {
                eprintln!("engage_simulator: {e}");
                std::process::exit(2);
            }
        }
        sim.shutdown().await;
        return Ok(());
    }
    println!("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    let inspect = sim.inspect();
    println!(
        "Stopping: {} contents, {} interventions, {} protocol errors.",
        inspect.contents().len(),
        inspect.interventions().len(),
        inspect.protocol_errors().len()
    );
    sim.shutdown().await;
    Ok(())
}
