//! `bot_proxy` load-tested with the simulator's load mode: N customers (default 10,000)
//! arrive at its JSON user API, ask for a human, talk to scripted agents and leave.
//!
//! Run: `cargo bench --bench bot_proxy_load` (options: `-- --customers 10000 --rate 200
//! --agents 100`). Prints the load report as a table and as JSON.

use std::sync::Arc;
use std::time::Duration;

use ringcentral_engage::sim::load::{self, LoadPlan};
use ringcentral_engage::sim::{EngageSimulator, SimAgent};
use tokio::sync::watch;

#[allow(dead_code)]
#[path = "../examples/bot_proxy.rs"]
mod proxy;

#[allow(dead_code)]
#[path = "../examples/bot_proxy/load_adapter.rs"]
mod load_adapter;

#[path = "support/heap.rs"]
mod heap;
use heap::arg;

fn main() {
    let customers: usize = arg("--customers", 10_000);
    let rate: f64 = arg("--rate", 200.0);
    let agents: usize = arg("--agents", 100);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let agents = (0..agents)
            .map(|i| {
                SimAgent::new(format!("Agent {i}"))
                    .capacity(5)
                    .think_time(Duration::from_secs(5))
                    .replies(["Hello, how can I help?", "Done, closing now."])
            })
            .collect();
        let sim = EngageSimulator::builder()
            .agents(agents)
            .time_scale(0.01)
            .rest_rate_limit(100_000_000)
            .record_limit(20_000)
            .seed(5);
        let (_stop, stopped) = watch::channel(false);
        let running = proxy::launch(
            proxy::Target::Simulator(sim),
            "127.0.0.1:0".parse().unwrap(),
            stopped,
        )
        .await
        .expect("bot_proxy starts");
        let sim = running.sim.as_ref().expect("a simulator");
        let adapter = Arc::new(load_adapter::BotProxyAdapter::new(format!(
            "http://{}",
            running.addr
        )));
        let deadline = Duration::from_secs_f64(customers as f64 / rate + 120.0);
        let plan = LoadPlan::new(customers, rate)
            .user_think_time(Duration::from_millis(20))
            .deadline(deadline);
        println!("bot_proxy: {customers} customers at {rate}/s");
        let report = load::run(sim, adapter, &plan).await.expect("a valid plan");
        println!("{report}\n{}", report.to_json());
    });
    rt.shutdown_timeout(Duration::from_secs(1));
}
