//! Handovers on two replicas sharing one private Redis, through the simulator: time to open
//! N handovers, agent→user relay latency p50/p99, Redis commands per relayed message and
//! Redis bytes per idle handover.
//!
//! Run: `cargo bench --bench redis_replicas` (N from `BENCH_HANDOVERS`,
//! default 1,000). Needs `redis-server` on PATH.

use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ringcentral_engage::handover::backend::RedisBackend;
use ringcentral_engage::handover::{EngageHandover, HandoverEvent, HandoverProvider, HandoverRequest};
use ringcentral_engage::profile::ContactProfile;
use ringcentral_engage::sdk::signature;
use ringcentral_engage::sim::{EngageSimulator, SimAgent, SimHandle};
use ringcentral_engage::webhook::WebhookConfig;
use ringcentral_engage::Secret;

#[path = "../tests/redis/round_robin.rs"]
mod round_robin;
#[path = "../tests/redis/server.rs"]
mod server;

use round_robin::round_robin;

async fn replica(sim: &SimHandle, url: &str) -> EngageHandover {
    let config = sim
        .handover_config()
        .webhook(WebhookConfig::new("verify", "secret"))
        .retries(30, Duration::from_millis(10))
        .build()
        .unwrap();
    let backend = RedisBackend::builder(url)
        .event_buffer(200_000)
        .connect()
        .await
        .unwrap();
    EngageHandover::with_backend(config, backend)
}

async fn info(redis: &mut redis::aio::MultiplexedConnection, field: &str) -> u64 {
    let text: String = redis::cmd("INFO").query_async(redis).await.unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap()
}

/// Commands the replicas send Redis (each one round trip; the commands scripts run inside
/// Redis are not counted), from `INFO commandstats`.
async fn round_trips(redis: &mut redis::aio::MultiplexedConnection) -> u64 {
    const SENT: [&str; 8] = [
        "evalsha", "eval", "hmget", "get", "xread", "zrange", "smembers", "lrange",
    ];
    let text: String = redis::cmd("INFO")
        .arg("commandstats")
        .query_async(redis)
        .await
        .unwrap();
    text.lines()
        .filter_map(|line| {
            let (name, stats) = line.strip_prefix("cmdstat_")?.split_once(':')?;
            let calls = stats
                .strip_prefix("calls=")?
                .split(',')
                .next()?
                .parse::<u64>()
                .ok()?;
            SENT.contains(&name).then_some(calls)
        })
        .sum()
}

/// Bytes of Redis memory (`MEMORY USAGE`) per kind of key (the part of the key after the
/// prefix, up to the next `:`), with key counts, largest first.
async fn memory_by_kind(redis: &mut redis::aio::MultiplexedConnection) -> Vec<(String, u64, u64)> {
    let mut kinds: std::collections::BTreeMap<String, (u64, u64)> = Default::default();
    let mut cursor = 0u64;
    loop {
        let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("COUNT")
            .arg(1000)
            .query_async(redis)
            .await
            .unwrap();
        let mut pipe = redis::pipe();
        for key in &keys {
            pipe.cmd("MEMORY").arg("USAGE").arg(key).arg("SAMPLES").arg(0);
        }
        let sizes: Vec<Option<u64>> = pipe.query_async(redis).await.unwrap();
        for (key, size) in keys.iter().zip(sizes) {
            let kind = key.split(':').nth(1).unwrap_or(key).to_owned();
            let entry = kinds.entry(kind).or_default();
            entry.0 += 1;
            entry.1 += size.unwrap_or(0);
        }
        if next == 0 {
            break;
        }
        cursor = next;
    }
    let mut out: Vec<_> = kinds.into_iter().map(|(k, (n, b))| (k, n, b)).collect();
    out.sort_by_key(|(_, _, bytes)| std::cmp::Reverse(*bytes));
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let Some(redis) = server::redis_server() else {
        return;
    };
    let count: usize = std::env::var("BENCH_HANDOVERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    let sim = EngageSimulator::builder()
        .time_scale(0.001)
        .agents(vec![SimAgent::new("Alice").available(false)])
        // No periodic queue updates: the Redis commands counted are the relay's.
        .queue_update_interval(Duration::from_secs(1_000_000))
        .rest_rate_limit(10_000_000)
        .seed(1)
        .start()
        .await
        .unwrap();
    let replicas = vec![
        replica(&sim, &redis.url()).await,
        replica(&sim, &redis.url()).await,
    ];
    let addr = round_robin(replicas.clone()).await;
    assert!(sim.set_sdk_endpoint(format!("http://{addr}/engage/sdk")).await);
    assert!(
        sim.set_webhook(
            format!("http://{addr}/engage/webhook"),
            Secret::new("secret"),
            Secret::new("verify")
        )
        .await
    );
    let mut raw = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let memory_before = info(&mut raw, "used_memory").await;

    // Open N handovers, alternating replicas, 64 at a time.
    let started = Instant::now();
    futures_util::stream::iter(0..count)
        .map(|n| {
            let replica = replicas[n % 2].clone();
            async move {
                let request = HandoverRequest::new(format!("c{n}"), ContactProfile::new(format!("u{n}")))
                    .message("help");
                replica.start(request).await.unwrap()
            }
        })
        .buffer_unordered(64)
        .count()
        .await;
    let open = started.elapsed();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let memory_idle = info(&mut raw, "used_memory").await;
    let by_kind = memory_by_kind(&mut raw).await;

    // Engage's webhooks about the opening arrive for a while: the relay is measured once
    // Redis is quiet again (only the replicas' polls).
    let mut last = info(&mut raw, "total_commands_processed").await;
    for _ in 0..120 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let now = info(&mut raw, "total_commands_processed").await;
        let quiet = now - last < 100;
        last = now;
        if quiet {
            break;
        }
    }

    // Agent messages posted to the round robin; latency until replica 0's subscriber gets them.
    let mut events = replicas[0].events();
    let http = reqwest::Client::new();
    let messages = 2_000.min(count * 4);
    let commands_before = info(&mut raw, "total_commands_processed").await;
    let trips_before = round_trips(&mut raw).await;
    let mut latencies = Vec::with_capacity(messages);
    for n in 0..messages {
        let body = serde_json::json!({"action": "messages.create", "params": {
            "thread_id": format!("c{}", n % count), "content_id": format!("m{n}"), "body": format!("hello {n}"),
            "author_id": "agent-1", "sender_name": "Alice"}})
        .to_string();
        let signature = signature::sign(&sim.realtime_token(), body.as_bytes());
        let sent = Instant::now();
        let answer = http
            .post(format!("http://{addr}/engage/sdk"))
            .header(signature::SIGNATURE_HEADER, signature)
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(answer.status().is_success(), "{}", answer.status());
        let wanted = format!("hello {n}");
        loop {
            let update = events.next().await.unwrap();
            if matches!(&update.event, HandoverEvent::AgentMessage { text, .. } if *text == wanted) {
                break;
            }
        }
        latencies.push(sent.elapsed());
    }
    let commands = info(&mut raw, "total_commands_processed").await - commands_before;
    let trips = round_trips(&mut raw).await - trips_before;
    latencies.sort();
    let per_idle = (memory_idle.saturating_sub(memory_before)) as f64 / count as f64;
    println!(
        "redis_replicas: {count} handovers on 2 replicas opened in {:.2} s ({:.0}/s)",
        open.as_secs_f64(),
        count as f64 / open.as_secs_f64()
    );
    println!(
        "redis_replicas: agent→user relay over HTTP of {messages} messages: p50 {:.2} ms, p99 {:.2} ms",
        percentile(&latencies, 0.5).as_secs_f64() * 1e3,
        percentile(&latencies, 0.99).as_secs_f64() * 1e3
    );
    println!(
        "redis_replicas: Redis round trips per relayed message {:.2}, commands {:.2} (those inside scripts too; all replicas' background polls included)",
        trips as f64 / messages as f64,
        commands as f64 / messages as f64
    );
    println!("redis_replicas: Redis bytes per idle handover {per_idle:.0} (used_memory delta)");
    for (kind, keys, bytes) in by_kind {
        println!(
            "redis_replicas:   {kind:>8}: {keys:>6} keys, {:>8.0} bytes per handover",
            bytes as f64 / count as f64
        );
    }
    drop(sim);
}
