//! [`InboundLimits`]: how long a body may take and how many large ones are buffered at once.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Bounds on what a client can make an endpoint hold before it is authenticated.
///
/// Cheap to clone; clones share one gate for large bodies, so give the same value to several
/// endpoints to bound them together.
///
/// ```
/// use std::time::Duration;
/// use ringcentral_engage::inbound::InboundLimits;
///
/// let limits = InboundLimits::new()
///     .body_read_timeout(Duration::from_secs(10))
///     .large_bodies(2 * 1024 * 1024, 8);
/// assert_eq!(limits.get_max_large_bodies(), 8);
/// ```
#[derive(Clone)]
pub struct InboundLimits {
    body_read_timeout: Duration,
    large_body_bytes: usize,
    max_large_bodies: usize,
    gate: Arc<Semaphore>,
}

impl InboundLimits {
    /// Default time allowed to receive a whole body, from the end of the headers.
    pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
    /// Default size from which a body counts as large.
    pub const DEFAULT_LARGE_BODY_BYTES: usize = 1024 * 1024;
    /// Default number of large bodies buffered at once.
    pub const DEFAULT_MAX_LARGE_BODIES: usize = 4;

    /// The default limits (see the constants).
    pub fn new() -> Self {
        Self::build(
            Self::DEFAULT_BODY_READ_TIMEOUT,
            Self::DEFAULT_LARGE_BODY_BYTES,
            Self::DEFAULT_MAX_LARGE_BODIES,
        )
    }

    fn build(body_read_timeout: Duration, large_body_bytes: usize, max_large_bodies: usize) -> Self {
        let max_large_bodies = max_large_bodies.clamp(1, Semaphore::MAX_PERMITS);
        InboundLimits {
            body_read_timeout,
            large_body_bytes,
            max_large_bodies,
            gate: Arc::new(Semaphore::new(max_large_bodies)),
        }
    }

    /// How long a body may take to arrive, waiting for a large-body turn included; a slower
    /// one is answered 408 and its connection closed, with nothing processed. Keeps the gate
    /// of large bodies shared with the clones.
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.body_read_timeout = timeout;
        self
    }

    /// A body of `bytes` or more (declared, or received so far) is large; at most `max` large
    /// bodies (at least 1) are buffered at once. Starts a new gate, not shared with earlier
    /// clones.
    pub fn large_bodies(self, bytes: usize, max: usize) -> Self {
        Self::build(self.body_read_timeout, bytes, max)
    }

    /// See [`InboundLimits::body_read_timeout`].
    pub fn get_body_read_timeout(&self) -> Duration {
        self.body_read_timeout
    }

    /// See [`InboundLimits::large_bodies`].
    pub fn get_large_body_bytes(&self) -> usize {
        self.large_body_bytes
    }

    /// See [`InboundLimits::large_bodies`].
    pub fn get_max_large_bodies(&self) -> usize {
        self.max_large_bodies
    }

    /// How many large bodies are being buffered right now.
    pub fn large_bodies_in_flight(&self) -> usize {
        self.max_large_bodies - self.gate.available_permits()
    }

    /// Waits for the right to buffer one large body; hold the permit until the request is
    /// answered. Callers of a framework-agnostic `handle` use it with their own body reading.
    pub async fn large_body_permit(&self) -> LargeBodyPermit {
        let permit = Arc::clone(&self.gate)
            .acquire_owned()
            .await
            .expect("the gate is never closed");
        LargeBodyPermit(permit)
    }
}

impl Default for InboundLimits {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for InboundLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InboundLimits")
            .field("body_read_timeout", &self.body_read_timeout)
            .field("large_body_bytes", &self.large_body_bytes)
            .field("max_large_bodies", &self.max_large_bodies)
            .field("large_bodies_in_flight", &self.large_bodies_in_flight())
            .finish()
    }
}

/// The right to buffer one large body, from [`InboundLimits::large_body_permit`]; released
/// when dropped.
#[derive(Debug)]
pub struct LargeBodyPermit(#[allow(dead_code)] OwnedSemaphorePermit);

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_gate_admits_at_most_max_and_frees_on_drop() {
        let limits = InboundLimits::new().large_bodies(10, 2);
        let a = limits.large_body_permit().await;
        let _b = limits.clone().large_body_permit().await;
        assert_eq!(limits.large_bodies_in_flight(), 2);
        let waiting = tokio::time::timeout(Duration::from_millis(1), limits.large_body_permit());
        tokio::time::pause();
        assert!(waiting.await.is_err(), "a third large body must wait");
        drop(a);
        let _c = limits.large_body_permit().await;
        assert_eq!(limits.large_bodies_in_flight(), 2);
    }

    #[test]
    fn zero_large_bodies_means_one() {
        assert_eq!(InboundLimits::new().large_bodies(1, 0).get_max_large_bodies(), 1);
    }
}
