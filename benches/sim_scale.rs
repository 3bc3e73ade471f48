//! The simulator at scale: tens of thousands of conversations queued at once.
//!
//! Run: `cargo bench --bench sim_scale` (options: `-- --open 10000 --queued 50000`). The
//! simulator runs alone on one thread with its own runtime, so the CPU time of that thread
//! (from `/proc`) is the simulator's own; a driver on other threads opens conversations the
//! way a handover does (customer message with the Send API, thread lookup by foreign id,
//! recategorization to Agent), and a minimal SDK service answers the simulator and counts
//! the queue updates it receives. Printed: simulator CPU and wall time to open the first
//! `--open` conversations and to reach `--queued`; heap bytes per queued conversation; and
//! the queue-update rhythm at full size (every waiting conversation must hear again within
//! one interval).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::Router;
use futures_util::StreamExt;
use ringcentral_engage::sdk::signature::{self, SIGNATURE_HEADER};
use ringcentral_engage::sim::{EngageSimulator, SimHandle};
use ringcentral_engage::Secret;
use serde_json::{json, Value};

#[path = "support/heap.rs"]
mod heap;

#[global_allocator]
static ALLOCATOR: heap::Counting = heap::Counting;

/// The simulated queue-update interval (time scale 1: real seconds too).
const INTERVAL: Duration = Duration::from_secs(20);

/// Inspection records kept (`--records N`; 0, the default, leaves the simulator's own
/// default): they are bounded apart from the conversations, so a small limit shows what a
/// conversation alone costs, and a large one what each kept record adds.
fn record_limit() -> Option<usize> {
    Some(heap::arg("--records", 0)).filter(|&n| n > 0)
}

/// CPU seconds (user + system) a thread used so far, from `/proc/self/task/{tid}/stat`.
fn thread_cpu(tid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")).unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|v| v.parse::<f64>().ok()))
        .sum();
    ticks / 100.0
}

/// Starts the simulator on its own thread and current-thread runtime; returns its handle
/// and that thread's id.
fn simulator_thread() -> (SimHandle, String) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let mut builder = EngageSimulator::builder()
                .rest_rate_limit(100_000_000)
                .queue_update_interval(INTERVAL)
                .seed(7);
            if let Some(limit) = record_limit() {
                builder = builder.record_limit(limit);
            }
            let sim = builder.start().await.unwrap();
            let tid = std::fs::read_link("/proc/thread-self")
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_default();
            tx.send((sim, tid)).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

/// Last queue update seen per foreign thread id, and the longest gap between two.
#[derive(Default)]
struct Heard {
    last: HashMap<String, Instant>,
    max_gap: Duration,
    total: usize,
}

#[derive(Clone)]
struct Service {
    token: Secret,
    heard: Arc<Mutex<Heard>>,
}

async fn sdk(
    State(svc): State<Service>,
    _headers: HeaderMap,
    body: Bytes,
) -> ([(String, String); 1], String) {
    let v: Value = serde_json::from_slice(&body).unwrap_or_default();
    let answer = match v["action"].as_str() {
        Some("implementation.info") => json!({
            "objects": {"messages": ["create", "list"]},
            "options": ["messaging.queuing_update"],
        }),
        Some("messaging.queuing_update") => {
            let thread = v["params"]["thread_id"].as_str().unwrap_or_default().to_owned();
            let now = Instant::now();
            let mut heard = svc.heard.lock().unwrap();
            heard.total += 1;
            if let Some(before) = heard.last.insert(thread, now) {
                heard.max_gap = heard.max_gap.max(now - before);
            }
            json!({})
        }
        _ => json!({"id": "x"}),
    };
    let raw = answer.to_string();
    let sig = signature::sign(&svc.token, raw.as_bytes());
    ([(SIGNATURE_HEADER.to_owned(), sig)], raw)
}

/// Opens conversations `from..to` as a handover does, 64 at a time.
async fn open(http: &reqwest::Client, sim: &SimHandle, from: usize, to: usize) {
    let (realtime, token, api, agent) = (
        sim.realtime_url(),
        sim.realtime_token(),
        sim.api_url(),
        sim.agent_category_id(),
    );
    let bearer = sim.access_token();
    futures_util::stream::iter(from..to)
        .for_each_concurrent(64, |n| {
            let (realtime, token, api, agent, bearer) = (&realtime, &token, &api, &agent, &bearer);
            async move {
                let raw = json!({"action": "messages.create", "params": {
                    "id": format!("m{n}"), "thread_id": format!("c{n}"), "body": "I need a human",
                    "author": {"id": format!("u{n}"), "screenname": format!("Customer {n}")},
                }})
                .to_string();
                let sent = http
                    .post(realtime)
                    .header(SIGNATURE_HEADER, signature::sign(token, raw.as_bytes()))
                    .body(raw)
                    .send()
                    .await
                    .unwrap();
                assert!(sent.status().is_success());
                let found: Value = http
                    .get(format!("{api}/content_threads?q=foreign:c{n}"))
                    .bearer_auth(bearer.expose())
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let id = found["records"][0]["id"].as_str().unwrap().to_owned();
                let moved = http
                    .put(format!(
                        "{api}/content_threads/{id}/update_categories?thread_category_ids[]={agent}"
                    ))
                    .bearer_auth(bearer.expose())
                    .send()
                    .await
                    .unwrap();
                assert!(moved.status().is_success());
            }
        })
        .await;
}

fn main() {
    let first = heap::arg("--open", 10_000);
    let total = heap::arg("--queued", 50_000).max(first);
    let (sim, tid) = simulator_thread();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let heard = Arc::new(Mutex::new(Heard::default()));
        let service = Service {
            token: sim.realtime_token(),
            heard: heard.clone(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new().route("/sdk", post(sdk)).with_state(service);
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        assert!(sim.set_sdk_endpoint(format!("http://{addr}/sdk")).await);
        let http = reqwest::Client::new();
        // Warm up connections, then measure from here.
        open(&http, &sim, 0, 64).await;
        let heap0 = heap::live();
        let (cpu0, wall0) = (thread_cpu(&tid), Instant::now());
        open(&http, &sim, 64, first + 64).await;
        let (cpu1, wall1) = (thread_cpu(&tid), wall0.elapsed());
        println!(
            "opening {first} conversations: simulator CPU {:.2} s (goal < 5 s), wall {:.2} s",
            cpu1 - cpu0,
            wall1.as_secs_f64()
        );
        open(&http, &sim, first + 64, total + 64).await;
        let (cpu2, wall2) = (thread_cpu(&tid), wall0.elapsed());
        let queued = sim.inspect().read(|s| s.queue_len());
        let heap = heap::live() - heap0;
        println!(
            "opening {total} conversations: simulator CPU {:.2} s, wall {:.2} s; {queued} queued",
            cpu2 - cpu0,
            wall2.as_secs_f64()
        );
        println!(
            "heap per queued conversation (simulator with {} records of each kind kept, and the bench's own maps): {} bytes (goal < 4096)",
            record_limit().map_or("the default number of".to_owned(), |n| n.to_string()),
            heap / total as isize
        );
        // The rhythm: every waiting conversation hears again within one interval.
        heard.lock().unwrap().max_gap = Duration::ZERO;
        let before = heard.lock().unwrap().total;
        let cpu3 = thread_cpu(&tid);
        tokio::time::sleep(INTERVAL * 2 + INTERVAL / 2).await;
        let (gap, count) = {
            let h = heard.lock().unwrap();
            (h.max_gap, h.total - before)
        };
        let cpu4 = thread_cpu(&tid);
        println!(
            "queue updates at {queued} queued: {count} in {:.0} s (expected ~{}), longest gap {:.1} s (interval {} s), simulator CPU {:.2} s per interval",
            (INTERVAL * 2 + INTERVAL / 2).as_secs_f64(),
            queued * 5 / 2,
            gap.as_secs_f64(),
            INTERVAL.as_secs(),
            (cpu4 - cpu3) / 2.5
        );
        println!(
            "heap per queued conversation after the updates: {} bytes",
            (heap::live() - heap0) / total as isize
        );
    });
    rt.shutdown_timeout(Duration::from_secs(1));
}
