//! Handovers through the built-in simulator: how many per second, how fast an agent message
//! reaches the bot, and how much memory a waiting handover costs.
//!
//! Run: `cargo bench --bench handover`. Besides criterion's timing of one relay, it prints
//! handovers/s for 1,000 concurrent handovers, p50/p99 relay latency of 5,000 agent messages
//! while 1,000 handovers are active, and bytes per session.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use futures_util::StreamExt;
use ringcentral_engage::handover::{
    EngageHandover, HandoverEvent, HandoverEvents, HandoverProvider, HandoverRequest, HandoverStatus,
    MemorySessionStore,
};
use ringcentral_engage::profile::ContactProfile;
use ringcentral_engage::sdk::signature;
use ringcentral_engage::sim::{EngageSimulator, SimAgent, SimHandle};
use tokio::runtime::Runtime;

#[path = "support/heap.rs"]
mod heap;

#[global_allocator]
static ALLOCATOR: heap::Counting = heap::Counting;

struct Bed {
    sim: SimHandle,
    provider: EngageHandover,
    events: HandoverEvents,
    addr: std::net::SocketAddr,
    store: Arc<MemorySessionStore>,
}

async fn bed(agents: Vec<SimAgent>) -> Bed {
    let sim = EngageSimulator::builder()
        .time_scale(0.001)
        .agents(agents)
        .rest_rate_limit(10_000_000)
        .seed(1);
    let sim = sim.start().await.unwrap();
    let config = sim
        .handover_config()
        .retries(30, Duration::from_millis(10))
        .event_buffer(100_000)
        .build()
        .unwrap();
    let store = Arc::new(MemorySessionStore::new());
    let provider = EngageHandover::with_store(config, store.clone());
    let events = provider.events();
    let addr = sim.serve_handover(&provider).await.unwrap();
    Bed {
        sim,
        provider,
        events,
        addr,
        store,
    }
}

fn request(n: usize) -> HandoverRequest {
    HandoverRequest::new(format!("c{n}"), ContactProfile::new(format!("u{n}"))).message("help")
}

/// Starts handovers `c0` to `c{count - 1}`, 100 at a time, in the background.
fn start_all(provider: &EngageHandover, count: usize) -> tokio::task::JoinHandle<usize> {
    let provider = provider.clone();
    tokio::spawn(async move {
        futures_util::stream::iter(0..count)
            .map(|n| {
                let p = provider.clone();
                async move { p.start(request(n)).await.unwrap() }
            })
            .buffer_unordered(100)
            .count()
            .await
    })
}

/// Starts `count` handovers at once and waits for all to end; returns handovers per second.
async fn throughput(count: usize) -> f64 {
    let agents = (0..20)
        .map(|n| SimAgent::new(format!("A{n}")).capacity(60).replies(["Hi"]))
        .collect();
    let mut bed = bed(agents).await;
    let started = Instant::now();
    let starts = start_all(&bed.provider, count);
    let mut ended = 0;
    while ended < count {
        if let Some(update) = bed.events.next().await {
            ended += usize::from(matches!(update.event, HandoverEvent::Ended { .. }));
        }
    }
    starts.await.unwrap();
    count as f64 / started.elapsed().as_secs_f64()
}

/// `count` handovers, all taken by agents who keep them open.
async fn active_bed(count: usize) -> Bed {
    let per_agent = u32::try_from(count.div_ceil(20) + 1).expect("a small count");
    let agents = (0..20)
        .map(|n| SimAgent::new(format!("A{n}")).capacity(per_agent).keep_open())
        .collect();
    let mut bed = bed(agents).await;
    let starts = start_all(&bed.provider, count);
    let mut joined = HashSet::new();
    while joined.len() < count {
        let update = bed.events.next().await.unwrap();
        if matches!(update.event, HandoverEvent::AgentJoined { .. }) {
            joined.insert(update.conversation_id);
        }
    }
    starts.await.unwrap();
    bed
}

/// Posts `messages` agent messages spread over the `count` active conversations, `in_flight`
/// at a time, and returns each one's latency: from just before its POST to its
/// `AgentMessage` on the bot's event stream.
async fn relay_under_load(bed: &mut Bed, count: usize, messages: usize, in_flight: usize) -> Vec<Duration> {
    let (http, token, addr) = (reqwest::Client::new(), bed.sim.realtime_token(), bed.addr);
    let posts = tokio::spawn(async move {
        futures_util::stream::iter(0..messages)
            .map(|n| {
                let (http, token) = (http.clone(), token.clone());
                async move {
                    let key = format!("load-{n}");
                    let body = format!(
                        r#"{{"action":"messages.create","params":{{"content_id":"{key}","thread_id":"c{}","body":"m{n}","sender_name":"A"}}}}"#,
                        n % count
                    );
                    let sig = signature::sign(&token, body.as_bytes());
                    let started = Instant::now();
                    let response = http
                        .post(format!("http://{addr}/engage/sdk"))
                        .header(signature::SIGNATURE_HEADER, sig)
                        .body(body)
                        .send()
                        .await
                        .unwrap();
                    assert!(response.status().is_success());
                    (key, started)
                }
            })
            .buffer_unordered(in_flight)
            .collect::<Vec<_>>()
            .await
    });
    let mut arrived = HashMap::new();
    while arrived.len() < messages {
        let update = bed.events.next().await.unwrap();
        if let HandoverEvent::AgentMessage { message_id, .. } = update.event {
            // `{conversation}:agent:{content id}`
            // (the simulated agents' own messages are not counted)
            let key = message_id.rsplit(':').next().unwrap_or_default();
            if key.starts_with("load-") {
                arrived.insert(key.to_owned(), Instant::now());
            }
        }
    }
    let sent = posts.await.unwrap();
    sent.into_iter()
        .map(|(key, started)| arrived[&key] - started)
        .collect()
}

async fn relay_once(bed: &mut Bed, http: &reqwest::Client, n: u64) -> Duration {
    let body = format!(
        r#"{{"action":"messages.create","params":{{"content_id":"bench-{n}","thread_id":"c0","body":"m{n}","sender_name":"Alice"}}}}"#
    );
    let sig = signature::sign(&bed.sim.realtime_token(), body.as_bytes());
    let started = Instant::now();
    let response = http
        .post(format!("http://{}/engage/sdk", bed.addr))
        .header(signature::SIGNATURE_HEADER, sig)
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    loop {
        let update = bed.events.next().await.unwrap();
        if matches!(update.event, HandoverEvent::AgentMessage { .. }) {
            return started.elapsed();
        }
    }
}

/// Live heap bytes of one queued (idle) handover's state: its session in the store (with the
/// store's thread index) and its per-conversation lock. The simulator shares the process, so
/// the sessions are measured by copying a real one into a fresh store.
async fn bytes_per_session(count: usize) -> f64 {
    use ringcentral_engage::handover::SessionStore;
    let bed = bed(vec![SimAgent::new("Alice").available(false)]).await;
    bed.provider.start(request(0)).await.unwrap();
    let template = bed.store.load(&"c0".into()).await.unwrap().unwrap();
    assert!(matches!(template.status, HandoverStatus::Queued { .. }));
    let store = MemorySessionStore::new();
    let mut locks = std::collections::HashMap::new();
    let before = heap::live();
    for n in 0..count {
        let mut session = template.clone();
        session.conversation_id = format!("conversation-{n:08}").into();
        session.thread_id = Some(format!("{n:024x}"));
        session.version = 0;
        store.save(&session).await.unwrap();
        locks.insert(
            session.conversation_id.clone(),
            Arc::new(tokio::sync::Mutex::new(())),
        );
    }
    let bytes = heap::live() - before;
    drop((locks, store));
    bytes as f64 / count as f64
}

fn benches(c: &mut Criterion) {
    let rt = Runtime::new().unwrap();

    let per_second = rt.block_on(throughput(1000));
    println!("handover/throughput: 1000 concurrent handovers, {per_second:.0} handovers/s");

    // Relay latency with `active` handovers open at once, `in_flight` messages at a time.
    let (active, messages, in_flight) = (1000, 5000, 50);
    let mut bed = rt.block_on(active_bed(active));
    let mut samples = rt.block_on(relay_under_load(&mut bed, active, messages, in_flight));
    samples.sort();
    let pct = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    println!(
        "handover/relay: {active} active handovers, {messages} agent messages ({in_flight} in flight): \
         p50 {:?}, p99 {:?}, max {:?} (goal: p99 under 50 ms)",
        pct(0.50),
        pct(0.99),
        samples[samples.len() - 1]
    );
    let http = reqwest::Client::new();

    let shared = Arc::new((
        tokio::sync::Mutex::new(bed),
        http,
        std::sync::atomic::AtomicU64::new(10_000),
    ));
    c.bench_function("handover/relay_agent_message", |b| {
        b.to_async(&rt).iter_custom(|iters| {
            let shared = Arc::clone(&shared);
            async move {
                let start = shared.2.fetch_add(iters, Ordering::Relaxed);
                let mut bed = shared.0.lock().await;
                let mut total = Duration::ZERO;
                for i in 0..iters {
                    total += relay_once(&mut bed, &shared.1, start + i).await;
                }
                total
            }
        })
    });

    let bytes = rt.block_on(bytes_per_session(1000));
    println!("handover/memory: {bytes:.0} bytes of heap per queued handover (session, thread index, lock)");
}

criterion_group!(handover, benches);
criterion_main!(handover);
