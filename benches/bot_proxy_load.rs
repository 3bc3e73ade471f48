//! `bot_proxy` load-tested with the simulator's load mode: N customers (default 10,000)
//! arrive at its JSON user API, ask for a human, talk to scripted agents and leave.
//!
//! Run: `cargo bench --bench bot_proxy_load` (options: `-- --customers 10000 --rate 200
//! --agents 100 --engage-per-minute 500`). Prints the load report as a table and as JSON, and
//! the process's open files (peak and limit).
//!
//! Each customer holds two sockets while it is served (its event stream, client and server
//! side, in this one process), so the bench raises its soft open-file limit to the hard one:
//! at the usual 1,024, 3,000 customers at 200/s left 1,128 never started and 3,110 adapter
//! errors. A load run lifts the simulator's REST budget (`--engage-per-minute 500` puts
//! Engage's back: 2,000 customers then completed 104 handovers, with 6,192 `429`s) and the
//! handover's client has none (`SimHandle::handover_config`), so the run measures the
//! service, not a throttle meant for a real Engage.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use ringcentral_engage::sim::load::{self, LoadPlan};
use ringcentral_engage::sim::{EngageSimulator, SimAgent};

#[allow(dead_code)]
#[path = "../examples/bot_proxy.rs"]
mod proxy;

#[allow(dead_code)]
#[path = "../examples/bot_proxy/load_adapter.rs"]
mod load_adapter;

#[path = "support/heap.rs"]
mod heap;
use heap::arg;

/// Raises the soft open-file limit to the hard one; returns the limit now in force.
fn raise_open_files() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `limit` is a valid rlimit for getrlimit to fill and setrlimit to read.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 0;
        }
        let wanted = libc::rlimit {
            rlim_cur: limit.rlim_max,
            rlim_max: limit.rlim_max,
        };
        if libc::setrlimit(libc::RLIMIT_NOFILE, &wanted) == 0 {
            limit = wanted;
        }
    }
    limit.rlim_cur
}

/// The files the process has open now.
fn open_files() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |d| d.count())
}

fn main() {
    let customers: usize = arg("--customers", 10_000);
    let rate: f64 = arg("--rate", 200.0);
    let agents: usize = arg("--agents", 100);
    let per_minute: u32 = arg("--engage-per-minute", 0);
    let limit = raise_open_files();
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
            .record_limit(20_000)
            .seed(5);
        let (running, _stop) = proxy::launch_local(sim, proxy::Limits::default())
            .await
            .expect("bot_proxy starts");
        let sim = running.sim.as_ref().expect("a simulator");
        let adapter = Arc::new(load_adapter::BotProxyAdapter::new(format!(
            "http://{}",
            running.addr
        )));
        let peak = Arc::new(AtomicUsize::new(0));
        let sampler = {
            let peak = Arc::clone(&peak);
            tokio::spawn(async move {
                loop {
                    peak.fetch_max(open_files(), Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            })
        };
        let deadline = Duration::from_secs_f64(customers as f64 / rate + 120.0);
        let mut plan = LoadPlan::new(customers, rate)
            .user_think_time(Duration::from_millis(20))
            .deadline(deadline);
        if per_minute > 0 {
            plan = plan.engage_rate_limit(per_minute);
        }
        println!("bot_proxy: {customers} customers at {rate}/s");
        let report = load::run(sim, adapter, &plan).await.expect("a valid plan");
        sampler.abort();
        println!("{report}\n{}", report.to_json());
        println!(
            "open files: peak {} (limit {limit})",
            peak.load(Ordering::Relaxed)
        );
    });
    rt.shutdown_timeout(Duration::from_secs(1));
}
