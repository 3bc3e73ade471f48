//! Engage's limit on `typing.start`: one per thread every 2 seconds, reset by `typing.stop`.

use std::collections::HashMap;
use std::time::Duration;

use tokio::time::Instant;

/// How long a `typing.start` holds back the next one on the same thread.
const WINDOW: Duration = Duration::from_secs(2);

/// The smallest size at which expired entries are swept.
const SWEEP_MIN: usize = 1024;

/// When each thread last started typing. Entries older than [`WINDOW`] no longer matter and
/// are swept once the map doubles since the last sweep, so a service that never sends
/// `typing.stop` cannot grow it beyond the threads typing in one window (times two).
#[derive(Debug)]
pub(crate) struct TypingThrottle {
    last: HashMap<String, Instant>,
    sweep_at: usize,
}

impl Default for TypingThrottle {
    fn default() -> Self {
        TypingThrottle {
            last: HashMap::new(),
            sweep_at: SWEEP_MIN,
        }
    }
}

impl TypingThrottle {
    /// Admits a `typing.start` on `thread` unless one was admitted less than 2 s ago.
    pub(crate) fn start(&mut self, thread: String) -> bool {
        let now = Instant::now();
        if self.last.get(&thread).is_some_and(|t| now - *t < WINDOW) {
            return false;
        }
        if self.last.len() >= self.sweep_at {
            self.last.retain(|_, t| now - *t < WINDOW);
            self.sweep_at = (self.last.len() * 2).max(SWEEP_MIN);
        }
        self.last.insert(thread, now);
        true
    }

    /// A `typing.stop` on `thread`: the next start is admitted at once.
    pub(crate) fn stop(&mut self, thread: &str) {
        self.last.remove(thread);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.last.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn throttles_per_thread_and_forgets_threads_that_never_stop() {
        let mut throttle = TypingThrottle::default();
        assert!(throttle.start("a".into()));
        assert!(!throttle.start("a".into()));
        throttle.stop("a");
        assert!(throttle.start("a".into()));
        tokio::time::advance(WINDOW).await;
        assert!(throttle.start("a".into()));

        // 100 waves of 3,000 threads that start typing and never stop, 3 s apart.
        let mut peak = 0;
        for wave in 0..100 {
            for n in 0..3_000 {
                assert!(throttle.start(format!("t{wave}-{n}")));
                peak = peak.max(throttle.len());
            }
            tokio::time::advance(Duration::from_secs(3)).await;
        }
        assert!(peak <= 2 * 3_000 + SWEEP_MIN, "peak {peak}");
    }
}
