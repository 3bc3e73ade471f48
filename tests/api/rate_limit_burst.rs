//! The client's rate limiter against a server that answers 429 to the request past its quota in
//! any sliding window, counting each request when it *arrives* (after a simulated network
//! latency): a burst never earns a 429, and 20 workers for two minutes use at least 98% of the
//! budget with zero 429s. Runs on tokio's paused clock: no real waiting.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use ringcentral_engage::{Client, RateLimiter, RetryPolicy};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::time::Instant;

const WINDOW: Duration = Duration::from_secs(60);
const QUOTA: usize = 500;

/// The quota the fake Engage enforces, and the one-way latency of each request (uniform in
/// `0..=max_latency`, from a fixed seed).
#[derive(Clone, Copy)]
struct Quota {
    max: usize,
    window: Duration,
    max_latency: Duration,
}

const ENGAGE: Quota = Quota {
    max: QUOTA,
    window: WINDOW,
    max_latency: Duration::ZERO,
};

/// Counts what the fake Engage saw.
#[derive(Default)]
struct Seen {
    arrivals: VecDeque<Instant>,
    ok: usize,
    limited: usize,
}

/// A tiny HTTP/1.1 server on the test's own runtime (so it shares the paused clock) that answers
/// 429 once more than `quota.max` requests arrived within the last `quota.window`.
async fn start_quota_server(seen: Arc<Mutex<Seen>>, quota: Quota) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let rng = Arc::new(Mutex::new(fastrand::Rng::with_seed(7)));
    tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let seen = seen.clone();
            let rng = rng.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut reader = BufReader::new(read);
                loop {
                    let mut content_length = 0usize;
                    let mut line = String::new();
                    // Request line, then headers up to the blank line.
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        line.clear();
                        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let l = line.trim_end();
                        if l.is_empty() {
                            break;
                        }
                        if let Some(v) = l.to_ascii_lowercase().strip_prefix("content-length:") {
                            content_length = v.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0; content_length];
                    if reader.read_exact(&mut body).await.is_err() {
                        return;
                    }
                    let latency = quota.max_latency.mul_f64(rng.lock().unwrap().f64());
                    tokio::time::sleep(latency).await;
                    let now = Instant::now();
                    let limited = {
                        let mut s = seen.lock().unwrap();
                        while s
                            .arrivals
                            .front()
                            .is_some_and(|t| now.duration_since(*t) >= quota.window)
                        {
                            s.arrivals.pop_front();
                        }
                        s.arrivals.push_back(now);
                        let limited = s.arrivals.len() > quota.max;
                        if limited {
                            s.limited += 1;
                        } else {
                            s.ok += 1;
                        }
                        limited
                    };
                    let (status, body) = if limited {
                        (
                            "429 Too Many Requests",
                            r#"{"error":"rate_limit_exceeded","message":"Rate limit exceeded","status":429}"#,
                        )
                    } else {
                        ("200 OK", r#"{"id":"u1"}"#)
                    };
                    let response = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if write.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}/1.0")
}

#[tokio::test(start_paused = true)]
async fn burst_of_1200_never_sees_a_429() {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let base = start_quota_server(seen.clone(), ENGAGE).await;
    let client = Client::builder()
        .base_url(base)
        .access_token("t")
        // No timeouts on the paused clock, and no retries: a single 429 must fail the test.
        .http_client(reqwest::Client::new())
        .retry_policy(RetryPolicy::none())
        .rate_limiter(RateLimiter::new(QUOTA as u32, WINDOW))
        .build()
        .unwrap();
    let started = Instant::now();
    let results: Vec<_> = futures_util::stream::iter(0..1200)
        .map(|_| {
            let c = client.clone();
            async move { c.users().get(&"u1".into()).await }
        })
        .buffer_unordered(64)
        .collect()
        .await;
    let failures = results.iter().filter(|r| r.is_err()).count();
    let s = seen.lock().unwrap();
    assert_eq!(s.limited, 0, "the server answered 429 {} times", s.limited);
    assert_eq!((s.ok, failures), (1200, 0));
    // 1,200 requests at 500 per minute: the last batch starts two full windows in.
    let elapsed = started.elapsed();
    assert!(elapsed >= 2 * WINDOW && elapsed < 3 * WINDOW, "{elapsed:?}");
}

#[tokio::test(start_paused = true)]
async fn without_the_limiter_the_same_burst_is_throttled() {
    // Proves the server above really enforces its quota, so the first test can fail.
    let seen = Arc::new(Mutex::new(Seen::default()));
    let base = start_quota_server(seen.clone(), ENGAGE).await;
    let client = Client::builder()
        .base_url(base)
        .access_token("t")
        .http_client(reqwest::Client::new())
        .retry_policy(RetryPolicy::none())
        .no_rate_limiter()
        .build()
        .unwrap();
    let results: Vec<_> = futures_util::stream::iter(0..600)
        .map(|_| {
            let c = client.clone();
            async move { c.users().get(&"u1".into()).await }
        })
        .buffer_unordered(64)
        .collect()
        .await;
    assert_eq!(results.iter().filter(|r| r.is_err()).count(), 100);
    assert_eq!(seen.lock().unwrap().limited, 100);
}

/// 20 workers send requests back to back for two minutes through `limiter`; returns the
/// requests completed in that time and the 429s the server answered.
async fn two_minutes_of_20_workers(quota: Quota, limiter: RateLimiter) -> (usize, usize) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let base = start_quota_server(seen.clone(), quota).await;
    let client = Client::builder()
        .base_url(base)
        .access_token("t")
        .http_client(reqwest::Client::new())
        .retry_policy(RetryPolicy::none())
        .rate_limiter(limiter)
        .build()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let workers: Vec<_> = (0..20)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut done = 0;
                while Instant::now() < deadline {
                    let result = client.users().get(&"u1".into()).await;
                    if result.is_ok() && Instant::now() <= deadline {
                        done += 1;
                    }
                }
                done
            })
        })
        .collect();
    let mut completed = 0;
    for worker in workers {
        completed += worker.await.unwrap();
    }
    let limited = seen.lock().unwrap().limited;
    (completed, limited)
}

#[tokio::test(start_paused = true)]
async fn twenty_workers_use_98_percent_of_the_budget_without_a_429() {
    let latency = Duration::from_millis(200);
    for (max, window) in [(500, WINDOW), (50, Duration::from_secs(6))] {
        let quota = Quota {
            max,
            window,
            max_latency: latency,
        };
        let (completed, limited) =
            two_minutes_of_20_workers(quota, RateLimiter::new(max as u32, window)).await;
        // The budget of two minutes: `max` per window.
        let budget = max * (120 / window.as_secs() as usize);
        assert_eq!(limited, 0, "{max}/{window:?}: {limited} × 429");
        assert!(
            completed * 100 >= budget * 98,
            "{max}/{window:?}: {completed} of {budget}"
        );
        eprintln!("{max} per {window:?}: {completed} of {budget} in 2 min, {limited} × 429");
    }
}

#[tokio::test(start_paused = true)]
async fn without_a_latency_margin_the_same_workers_draw_429s() {
    // Proves the latency above matters: a limiter that counts departures exactly but leaves no
    // room for the time a request takes to arrive lets more than the quota into some window.
    let quota = Quota {
        max: 50,
        window: Duration::from_secs(6),
        max_latency: Duration::from_millis(200),
    };
    let limiter = RateLimiter::new(50, quota.window).margin(Duration::ZERO);
    let (_, limited) = two_minutes_of_20_workers(quota, limiter).await;
    assert!(limited > 0);
}
