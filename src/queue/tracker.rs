//! [`QueueTracker`]: the latest queue state of one conversation.

use super::QueueUpdate;

/// Follows the queue updates of one conversation.
///
/// Engage may deliver updates out of order (and a retried request may repeat one). The tracker
/// keeps the most recent update by [`QueueUpdate::observed_at`]: an update strictly older than
/// the one it holds is dropped as stale; one with the same time replaces it (Engage's times
/// have a one-second resolution, so two updates may share one).
#[derive(Debug, Clone, Default)]
pub struct QueueTracker {
    latest: Option<QueueUpdate>,
    last_known_position: Option<u32>,
}

/// How the position moved with an accepted update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PositionChange {
    /// The first known position of the conversation.
    First(u32),
    /// The task moved closer to the front of the line.
    Improved {
        /// The previous known rank.
        from: u32,
        /// The new rank (smaller).
        to: u32,
    },
    /// The task moved further back (a priority task may have been queued ahead of it).
    Worsened {
        /// The previous known rank.
        from: u32,
        /// The new rank (larger).
        to: u32,
    },
    /// Same rank as before.
    Unchanged(u32),
    /// The update carries no known position; the last known one, if any, still stands.
    Unknown,
}

/// What [`QueueTracker::observe`] did with an update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueueObservation {
    /// The update is now the latest one.
    Accepted(PositionChange),
    /// The update is older than the latest one and was dropped.
    Stale,
}

impl QueueObservation {
    /// Whether the update moved the conversation closer to the front of the line.
    pub fn improved(&self) -> bool {
        matches!(self, QueueObservation::Accepted(PositionChange::Improved { .. }))
    }
}

impl QueueTracker {
    /// A tracker that has seen nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records `update` unless it is stale, and says how the position moved.
    ///
    /// Positions are compared with the last *known* position, so an update without a position
    /// in between does not hide an improvement.
    pub fn observe(&mut self, update: QueueUpdate) -> QueueObservation {
        if let Some(latest) = &self.latest {
            if update.observed_at < latest.observed_at {
                return QueueObservation::Stale;
            }
        }
        let change = match (self.last_known_position, update.position.get()) {
            (_, None) => PositionChange::Unknown,
            (None, Some(to)) => PositionChange::First(to),
            (Some(from), Some(to)) if to < from => PositionChange::Improved { from, to },
            (Some(from), Some(to)) if to > from => PositionChange::Worsened { from, to },
            (Some(_), Some(to)) => PositionChange::Unchanged(to),
        };
        if let Some(rank) = update.position.get() {
            self.last_known_position = Some(rank);
        }
        self.latest = Some(update);
        QueueObservation::Accepted(change)
    }

    /// The latest accepted update.
    pub fn latest(&self) -> Option<&QueueUpdate> {
        self.latest.as_ref()
    }

    /// The last known position, even if the latest update had none.
    pub fn last_known_position(&self) -> Option<u32> {
        self.last_known_position
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;
    use time::Duration;

    fn at(secs: i64, position: serde_json::Value) -> QueueUpdate {
        QueueUpdate::from_raw(
            Some(&json!(60)),
            Some(&position),
            Some("t".into()),
            None,
            datetime!(2024-01-01 0:00 UTC) + Duration::seconds(secs),
        )
    }

    #[test]
    fn tracks_improvement_and_drops_stale() {
        let mut t = QueueTracker::new();
        assert!(t.latest().is_none());
        assert_eq!(
            t.observe(at(0, json!(5))),
            QueueObservation::Accepted(PositionChange::First(5))
        );
        let o = t.observe(at(10, json!(3)));
        assert!(o.improved());
        assert_eq!(
            o,
            QueueObservation::Accepted(PositionChange::Improved { from: 5, to: 3 })
        );
        assert_eq!(t.observe(at(5, json!(1))), QueueObservation::Stale);
        assert_eq!(t.latest().unwrap().position.get(), Some(3));
        assert_eq!(
            t.observe(at(10, json!(4))),
            QueueObservation::Accepted(PositionChange::Worsened { from: 3, to: 4 })
        );
        assert_eq!(
            t.observe(at(11, json!(4))),
            QueueObservation::Accepted(PositionChange::Unchanged(4))
        );
    }

    #[test]
    fn unknown_position_keeps_the_last_known_one() {
        let mut t = QueueTracker::new();
        assert_eq!(
            t.observe(at(0, json!(null))),
            QueueObservation::Accepted(PositionChange::Unknown)
        );
        t.observe(at(1, json!(4)));
        assert_eq!(
            t.observe(at(2, json!(0))),
            QueueObservation::Accepted(PositionChange::Unknown)
        );
        assert_eq!(t.last_known_position(), Some(4));
        assert_eq!(t.latest().unwrap().position.get(), None);
        assert!(t.observe(at(3, json!(2))).improved());
    }
}
