//! The rate limiter in real time: 20 workers send `GET /users/{id}` back to back for 12 s
//! through a limiter of 50 requests per 6 s, against a loopback server that answers 429 to the
//! 51st request arriving within any sliding 6 s. Prints the requests completed (the budget of
//! 12 s is 100) and the 429s drawn (the goal is zero).
//!
//! Run: `cargo bench --bench rate_limit`

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ringcentral_engage::{Client, RateLimiter, RetryPolicy};

#[path = "support/loopback.rs"]
mod loopback;

const MAX: usize = 50;
const WINDOW: Duration = Duration::from_secs(6);
const RUN: Duration = Duration::from_secs(12);
const WORKERS: usize = 20;

#[derive(Default)]
struct Seen {
    arrivals: VecDeque<Instant>,
    limited: usize,
}

/// The loopback server, enforcing the sliding window on arrival times.
async fn serve(seen: Arc<Mutex<Seen>>) -> String {
    let addr = loopback::serve(move |_head| {
        let now = Instant::now();
        let mut s = seen.lock().unwrap();
        while s.arrivals.front().is_some_and(|t| now - *t >= WINDOW) {
            s.arrivals.pop_front();
        }
        s.arrivals.push_back(now);
        let limited = s.arrivals.len() > MAX;
        s.limited += usize::from(limited);
        if limited {
            loopback::response("429 Too Many Requests", b"{}")
        } else {
            loopback::response("200 OK", br#"{"id":"u1"}"#)
        }
    })
    .await;
    format!("http://{addr}/1.0")
}

#[tokio::main]
async fn main() {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let client = Client::builder()
        .base_url(serve(seen.clone()).await)
        .access_token("bench-token")
        .retry_policy(RetryPolicy::none())
        .rate_limiter(RateLimiter::new(MAX as u32, WINDOW))
        .build()
        .unwrap();
    let deadline = Instant::now() + RUN;
    let workers: Vec<_> = (0..WORKERS)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let mut done = 0usize;
                while Instant::now() < deadline {
                    let ok = client.users().get(&"u1".into()).await.is_ok();
                    done += usize::from(ok && Instant::now() <= deadline);
                }
                done
            })
        })
        .collect();
    let mut completed = 0;
    for worker in workers {
        completed += worker.await.unwrap();
    }
    let budget = MAX * (RUN.as_secs() / WINDOW.as_secs()) as usize;
    let limited = seen.lock().unwrap().limited;
    println!(
        "rate_limit: {MAX} per {WINDOW:?}, {WORKERS} workers, {RUN:?}: {completed} of a budget of {budget} completed ({:.1}%), {limited} × 429",
        completed as f64 * 100.0 / budget as f64
    );
}
