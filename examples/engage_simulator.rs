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
//! credentials, then runs until Ctrl-C.

use std::time::Duration;

use ringcentral_engage::sim::{EngageSimulator, SimAgent};
use ringcentral_engage::Secret;

fn usage() -> ! {
    eprintln!(
        "usage: engage_simulator [--port N] [--agents N|name,name] [--time-scale F] [--queue-ahead N] \
         [--seed N] [--sdk-endpoint URL] [--webhook URL [--webhook-secret S] [--verify-token T]]"
    );
    std::process::exit(2)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut builder = EngageSimulator::builder();
    let mut agents = "2".to_owned();
    let (mut sdk, mut webhook, mut secret, mut verify) = (None, None, String::new(), String::new());
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match flag.as_str() {
            "--port" => builder = builder.port(value().parse().unwrap_or_else(|_| usage())),
            "--agents" => agents = value(),
            "--time-scale" => builder = builder.time_scale(value().parse().unwrap_or_else(|_| usage())),
            "--queue-ahead" => builder = builder.queue_ahead(value().parse().unwrap_or_else(|_| usage())),
            "--seed" => builder = builder.seed(value().parse().unwrap_or_else(|_| usage())),
            "--sdk-endpoint" => sdk = Some(value()),
            "--webhook" => webhook = Some(value()),
            "--webhook-secret" => secret = value(),
            "--verify-token" => verify = value(),
            _ => usage(),
        }
    }
    let names: Vec<String> = match agents.parse::<usize>() {
        Ok(n) => (1..=n).map(|i| format!("Agent {i}")).collect(),
        Err(_) => agents
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
    };
    for name in names {
        let agent = SimAgent::new(name.clone())
            .think_time(Duration::from_secs(3))
            .replies([
                format!("Hi, {name} here. How can I help?"),
                "Thanks, I'm closing this conversation.".to_owned(),
            ]);
        builder = builder.agent(agent);
    }
    let sim = builder.start().await?;
    println!("Engage Digital simulator listening on {}", sim.base_url());
    println!("  REST API URL        {}", sim.api_url());
    println!("  access token        {}", sim.access_token().expose());
    println!("  Send API URL        {}", sim.realtime_url());
    println!("  source id           {}", sim.source_id());
    println!("  realtime token      {}", sim.realtime_token().expose());
    println!("  Bot category id     {}", sim.bot_category_id());
    println!("  Agent category id   {}", sim.agent_category_id());
    println!(
        "  channel             {} ({})",
        sim.channel_name(),
        sim.channel_id()
    );
    for agent in sim.agents() {
        println!(
            "  agent               {} (user {}, capacity {})",
            agent.name, agent.user_id, agent.capacity
        );
    }
    if let Some(url) = sdk {
        let ok = sim.set_sdk_endpoint(url.clone()).await;
        println!(
            "  SDK endpoint        {url} (implementation.info {})",
            if ok { "ok" } else { "failed" }
        );
    }
    if let Some(url) = webhook {
        let ok = sim
            .set_webhook(url.clone(), Secret::new(secret), Secret::new(verify))
            .await;
        println!(
            "  webhook             {url} (validation {})",
            if ok { "ok" } else { "failed" }
        );
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
