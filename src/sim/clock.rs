//! Simulated time: every simulated duration (think time, handle time, queue update interval,
//! retry waits) is multiplied by the time scale before the simulator waits for it.

use std::time::Duration;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Converts simulated durations into real ones.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    scale: f64,
}

impl Clock {
    /// A clock where one simulated second lasts `scale` real seconds. Nonsensical scales
    /// (zero, negative, NaN) fall back to 1.0.
    pub(crate) fn new(scale: f64) -> Self {
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        Clock { scale }
    }

    /// The real duration of `simulated`.
    pub(crate) fn real(&self, simulated: Duration) -> Duration {
        let secs = simulated.as_secs_f64() * self.scale;
        Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX)
    }

    /// Waits for `simulated` time.
    pub(crate) async fn sleep(&self, simulated: Duration) {
        tokio::time::sleep(self.real(simulated)).await;
    }
}

/// The current wall-clock time. Timestamps are never scaled, so they stay comparable with
/// the service's own clock.
pub(crate) fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// `t` cut to milliseconds, the precision of Engage's timestamps.
pub(crate) fn millis(t: OffsetDateTime) -> OffsetDateTime {
    t.replace_millisecond(t.millisecond()).unwrap_or(t)
}

/// RFC 3339 text of `t`, e.g. `2024-05-01T10:00:00.123Z`.
pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    millis(t).format(&Rfc3339).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_durations() {
        let c = Clock::new(0.01);
        assert_eq!(c.real(Duration::from_secs(300)), Duration::from_secs(3));
        assert_eq!(
            Clock::new(-1.0).real(Duration::from_secs(1)),
            Duration::from_secs(1)
        );
    }
}
