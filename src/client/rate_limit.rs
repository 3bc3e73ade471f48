//! [`RateBudget`], the seam every request's rate limiting goes through, and [`RateLimiter`],
//! the in-process budget.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

/// A request budget shared by every request made with one access token (Engage: 500 per sliding minute).
#[async_trait::async_trait]
pub trait RateBudget: Send + Sync + std::fmt::Debug + 'static {
    /// Waits until one more request may be sent, and takes it from the budget.
    async fn acquire(&self);
}

/// How much longer than its window a slot stays taken by default (see [`RateLimiter::margin`]).
const DEFAULT_MARGIN: Duration = Duration::from_millis(250);

/// The in-process [`RateBudget`]: at most `max` requests leave in any window of `per`.
///
/// It is a sliding log: it remembers when each of the last `max` requests was let out, and the
/// next one waits until the oldest of them is `per + margin` old. A burst may use the whole
/// quota at once, yet no window, wherever the server starts it, ever holds more than `max`.
///
/// Engage counts a request when it *arrives*, which is a little after it leaves here; the
/// `margin` (by default 250 ms, at most a tenth of `per`) covers that latency, so a request
/// that was slower to arrive than the one `max` places after it never completes a window
/// early. A sliding log is exact for a sliding window, which a GCRA or token bucket with a
/// burst is not: refilled tokens can let `max` plus the refill through one window. Waiters are
/// served in the order they asked. Memory: one timestamp per request in the window, at most
/// `max`.
///
/// All clones share one log; a [`Client`](crate::Client) and its clones share one limiter.
/// To share a budget between processes, implement [`RateBudget`] on a shared store.
#[derive(Clone)]
pub struct RateLimiter {
    max: usize,
    per: Duration,
    margin: Duration,
    /// Departure times granted to the last `max` requests, oldest first (never decreasing).
    grants: Arc<Mutex<VecDeque<Instant>>>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("max", &self.max)
            .field("per", &self.per)
            .field("margin", &self.margin)
            .finish()
    }
}

impl RateLimiter {
    /// A limiter allowing `max` requests per `per`, with a latency margin of 250 ms (at most
    /// a tenth of `per`). `max` of zero is treated as one.
    pub fn new(max: u32, per: Duration) -> Self {
        let max = max.max(1) as usize;
        RateLimiter {
            max,
            per,
            margin: DEFAULT_MARGIN.min(per / 10),
            grants: Arc::new(Mutex::new(VecDeque::with_capacity(max.min(4096)))),
        }
    }

    /// Engage's documented quota: 500 requests per minute.
    pub fn engage_default() -> Self {
        RateLimiter::new(500, Duration::from_secs(60))
    }

    /// How much longer than `per` a slot stays taken, to cover the time a request needs to
    /// reach Engage (default: 250 ms, at most a tenth of `per`). Raise it when requests travel far or wait long
    /// for a connection.
    pub fn margin(mut self, margin: Duration) -> Self {
        self.margin = margin;
        self
    }

    /// Waits until a request may start.
    pub async fn acquire(&self) {
        let start = self.reserve(Instant::now());
        tokio::time::sleep_until(start).await;
    }

    /// Books the next start time at or after `now`.
    fn reserve(&self, now: Instant) -> Instant {
        let mut grants = self
            .grants
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let start = if grants.len() < self.max {
            now
        } else {
            // The request `max` places back must be a full window (and the margin) older.
            let oldest = grants.pop_front().unwrap_or(now);
            now.max(oldest + self.per + self.margin)
        };
        // Grants never decrease: `now` and the oldest grant both only move forward.
        let start = grants.back().map_or(start, |last| start.max(*last));
        grants.push_back(start);
        start
    }
}

#[async_trait::async_trait]
impl RateBudget for RateLimiter {
    async fn acquire(&self) {
        RateLimiter::acquire(self).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn never_more_than_max_in_any_window() {
        let limiter = RateLimiter::new(5, Duration::from_secs(10)).margin(Duration::ZERO);
        let t0 = Instant::now();
        let mut starts = Vec::new();
        for _ in 0..23 {
            limiter.acquire().await;
            starts.push(Instant::now() - t0);
        }
        // The first five start at once, then five per window.
        assert!(starts[..5].iter().all(|d| *d == Duration::ZERO));
        assert_eq!(starts[5], Duration::from_secs(10));
        for (i, s) in starts.iter().enumerate().skip(5) {
            assert!(*s >= starts[i - 5] + Duration::from_secs(10));
        }
        assert_eq!(starts[22], Duration::from_secs(40));
    }

    #[tokio::test(start_paused = true)]
    async fn clones_share_the_bucket() {
        let a = RateLimiter::new(2, Duration::from_secs(1)).margin(Duration::ZERO);
        let b = a.clone();
        let t0 = Instant::now();
        a.acquire().await;
        b.acquire().await;
        a.acquire().await;
        assert_eq!(Instant::now() - t0, Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn the_margin_delays_each_reuse_of_a_slot() {
        let limiter = RateLimiter::new(2, Duration::from_secs(10));
        let t0 = Instant::now();
        for _ in 0..6 {
            RateBudget::acquire(&limiter).await;
        }
        // Two per window, each window 10 s plus the default 250 ms margin.
        assert_eq!(Instant::now() - t0, Duration::from_millis(20_500));
        assert!(
            limiter.grants.lock().unwrap().len() <= 2,
            "the log holds one window"
        );
    }
}
