//! [`QueueThresholds`]: limits on how long and how far back a user waits in the queue, and
//! what happens when one is crossed.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::queue::Alternative;

/// The queue limit that was crossed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QueueLimit {
    /// The position in line was above [`QueueThresholds::max_position`].
    Position,
    /// The provider's estimated wait was above [`QueueThresholds::max_estimated_wait`].
    EstimatedWait,
    /// The user had waited [`QueueThresholds::max_wait`].
    Waited,
}

/// What happens when a queue limit is crossed (always after a
/// [`QueueThresholdExceeded`](super::HandoverEvent::QueueThresholdExceeded) event).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ThresholdAction {
    /// Tell the user the wait is long (a localized [`Notice`](super::HandoverEvent::Notice));
    /// the user keeps waiting.
    Tell,
    /// Tell the user and offer these alternatives in the same notice; the user keeps waiting
    /// (the bot acts if the user picks one).
    Offer(Vec<Alternative>),
    /// Take the user out of the queue: the handover ends with
    /// [`EndReason::QueueThresholdExceeded`](super::EndReason::QueueThresholdExceeded), and the
    /// event lists these alternatives for the bot to offer.
    End(Vec<Alternative>),
}

/// Limits on waiting in the queue: set at least one. Each handover crosses them at most once
/// (the first limit crossed is reported, the others are not checked again).
///
/// ```
/// use std::time::Duration;
/// use ringcentral_engage::handover::{QueueThresholds, ThresholdAction};
/// use ringcentral_engage::queue::Alternative;
///
/// let limits = QueueThresholds::new(ThresholdAction::Offer(vec![Alternative::Callback]))
///     .max_position(10)
///     .max_estimated_wait(Duration::from_secs(15 * 60))
///     .max_wait(Duration::from_secs(20 * 60));
/// assert!(limits.validate().is_ok());
/// assert!(QueueThresholds::new(ThresholdAction::Tell).validate().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct QueueThresholds {
    /// The furthest position accepted (1 = next); a higher position crosses.
    pub max_position: Option<u32>,
    /// The longest estimated wait accepted; a longer estimate crosses.
    pub max_estimated_wait: Option<Duration>,
    /// How long a user may wait in the queue; waiting that long crosses.
    pub max_wait: Option<Duration>,
    /// What happens then.
    pub action: ThresholdAction,
}

impl QueueThresholds {
    /// No limit yet, and the action to take when one is crossed.
    pub fn new(action: ThresholdAction) -> Self {
        QueueThresholds {
            max_position: None,
            max_estimated_wait: None,
            max_wait: None,
            action,
        }
    }

    /// Sets [`max_position`](Self::max_position).
    pub fn max_position(mut self, position: u32) -> Self {
        self.max_position = Some(position);
        self
    }

    /// Sets [`max_estimated_wait`](Self::max_estimated_wait) (whole seconds count).
    pub fn max_estimated_wait(mut self, wait: Duration) -> Self {
        self.max_estimated_wait = Some(wait);
        self
    }

    /// Sets [`max_wait`](Self::max_wait).
    pub fn max_wait(mut self, wait: Duration) -> Self {
        self.max_wait = Some(wait);
        self
    }

    /// Refuses limits that cannot mean anything: none set, or a limit of zero (position 0
    /// does not exist and a zero wait would cross before the user is even queued).
    pub fn validate(&self) -> crate::Result<()> {
        let invalid = |name, why| Err(crate::Error::invalid_argument(name, why));
        if self.max_position.is_none() && self.max_estimated_wait.is_none() && self.max_wait.is_none() {
            return invalid("queue_thresholds", "set at least one limit");
        }
        if self.max_position == Some(0) {
            return invalid("max_position", "must be at least 1 (1 = next in line)");
        }
        if self.max_estimated_wait.is_some_and(|w| w.as_secs() == 0) {
            return invalid("max_estimated_wait", "must be at least one second");
        }
        if self.max_wait.is_some_and(|w| w.is_zero()) {
            return invalid("max_wait", "must be longer than zero");
        }
        Ok(())
    }

    /// The first limit the figures cross, if any: position, then estimated wait, then the
    /// time waited. Unknown figures cross nothing.
    pub fn crossed(
        &self,
        position: Option<u32>,
        estimated_wait_secs: Option<u64>,
        waited: Duration,
    ) -> Option<QueueLimit> {
        let above =
            |value: Option<u64>, max: Option<u64>| matches!((value, max), (Some(v), Some(m)) if v > m);
        if above(position.map(u64::from), self.max_position.map(u64::from)) {
            Some(QueueLimit::Position)
        } else if above(estimated_wait_secs, self.max_estimated_wait.map(|w| w.as_secs())) {
            Some(QueueLimit::EstimatedWait)
        } else if self.max_wait.is_some_and(|max| waited >= max) {
            Some(QueueLimit::Waited)
        } else {
            None
        }
    }

    /// The alternatives the action offers.
    pub fn alternatives(&self) -> &[Alternative] {
        match &self.action {
            ThresholdAction::Tell => &[],
            ThresholdAction::Offer(a) | ThresholdAction::End(a) => a,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn each_limit_crosses_strictly_above_and_unknowns_never_cross() {
        let all = QueueThresholds::new(ThresholdAction::Tell)
            .max_position(3)
            .max_estimated_wait(5 * MIN)
            .max_wait(10 * MIN);
        let zero = Duration::ZERO;
        assert_eq!(
            all.crossed(Some(3), Some(300), 10 * MIN - Duration::from_millis(1)),
            None
        );
        assert_eq!(all.crossed(Some(4), None, zero), Some(QueueLimit::Position));
        assert_eq!(
            all.crossed(Some(1), Some(301), zero),
            Some(QueueLimit::EstimatedWait)
        );
        assert_eq!(all.crossed(None, None, 10 * MIN), Some(QueueLimit::Waited));
        assert_eq!(all.crossed(None, None, zero), None);
        // Position first, then the estimate, then the time waited.
        assert_eq!(
            all.crossed(Some(9), Some(9_999), 99 * MIN),
            Some(QueueLimit::Position)
        );
        assert_eq!(
            all.crossed(Some(1), Some(9_999), 99 * MIN),
            Some(QueueLimit::EstimatedWait)
        );
        // A limit not set never crosses.
        let position_only = QueueThresholds::new(ThresholdAction::Tell).max_position(1);
        assert_eq!(position_only.crossed(Some(1), Some(u64::MAX), 999 * MIN), None);
        assert_eq!(
            position_only.crossed(Some(u32::MAX), None, zero),
            Some(QueueLimit::Position)
        );
    }

    #[test]
    fn meaningless_limits_are_configuration_errors() {
        let base = || QueueThresholds::new(ThresholdAction::End(vec![Alternative::Email]));
        for (limits, field) in [
            (base(), "queue_thresholds"),
            (base().max_position(0), "max_position"),
            (
                base().max_estimated_wait(Duration::from_millis(999)),
                "max_estimated_wait",
            ),
            (base().max_wait(Duration::ZERO), "max_wait"),
            (base().max_position(2).max_wait(Duration::ZERO), "max_wait"),
        ] {
            let error = limits.validate().unwrap_err().to_string();
            assert!(error.contains(field), "{error}");
        }
        assert!(base().max_position(1).validate().is_ok());
        assert!(base().max_wait(Duration::from_millis(1)).validate().is_ok());
        assert_eq!(base().alternatives(), [Alternative::Email]);
        assert!(QueueThresholds::new(ThresholdAction::Tell)
            .alternatives()
            .is_empty());
    }
}
