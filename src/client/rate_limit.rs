//! [`RateLimiter`]: keeps a client under Engage's request quota.

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

/// A client-side limiter: at most `max` requests start in any window of `per`.
///
/// It is a token bucket of `max` tokens in which each spent token comes back exactly `per`
/// after it was taken (a rolling window), so a burst can use the whole quota at once but can
/// never exceed it in any window, wherever the server's window starts. Waiters are served in
/// the order they asked. Engage allows 500 requests per minute per token, the default.
///
/// All clones share one bucket; a [`Client`](crate::Client) and its clones share one limiter.
#[derive(Clone)]
pub struct RateLimiter {
    max: usize,
    per: Duration,
    /// Start times granted to the last `max` requests, oldest first (never decreasing).
    grants: Arc<Mutex<VecDeque<Instant>>>,
}

impl std::fmt::Debug for RateLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimiter")
            .field("max", &self.max)
            .field("per", &self.per)
            .finish()
    }
}

impl RateLimiter {
    /// A limiter allowing `max` requests per `per`. `max` of zero is treated as one.
    pub fn new(max: u32, per: Duration) -> Self {
        let max = max.max(1) as usize;
        RateLimiter {
            max,
            per,
            grants: Arc::new(Mutex::new(VecDeque::with_capacity(max))),
        }
    }

    /// Engage's documented quota: 500 requests per minute.
    pub fn engage_default() -> Self {
        RateLimiter::new(500, Duration::from_secs(60))
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
            // The request `max` places back must be a full window older than this one.
            let oldest = grants.pop_front().unwrap_or(now);
            now.max(oldest + self.per)
        };
        // Grants never decrease: `now` and the oldest grant both only move forward.
        let start = grants.back().map_or(start, |last| start.max(*last));
        grants.push_back(start);
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn never_more_than_max_in_any_window() {
        let limiter = RateLimiter::new(5, Duration::from_secs(10));
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
        let a = RateLimiter::new(2, Duration::from_secs(1));
        let b = a.clone();
        let t0 = Instant::now();
        a.acquire().await;
        b.acquire().await;
        a.acquire().await;
        assert_eq!(Instant::now() - t0, Duration::from_secs(1));
    }
}
