//! Queue thresholds on a live handover: checked on every queue update from Engage, and by a
//! deadline of the timers for the time waited ([`wait_limit_due`]). Crossing one emits
//! [`QueueThresholdExceeded`](crate::handover::HandoverEvent::QueueThresholdExceeded) once per
//! handover, then does what the configured [`ThresholdAction`] says.

use std::time::Duration;

use super::session::language;
use super::{now, Inner};
use crate::handover::event::{HandoverEvent, HandoverStatus};
use crate::handover::store::{Session, StoreError};
use crate::handover::thresholds::{QueueLimit, QueueThresholds, ThresholdAction};
use crate::models::Timestamp;
use crate::queue::long_wait_sentence;

/// What crossing a limit means for one session: the events to emit, and whether it ends.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Crossing {
    pub(super) events: Vec<HandoverEvent>,
    pub(super) ends: bool,
}

/// How long the user of `session` has waited, at `at`.
fn waited(session: &Session, at: Timestamp) -> Duration {
    (at - session.started_at).try_into().unwrap_or_default()
}

/// Whether `session` crosses `limits` now (`waited` long); `None` when it does not, was
/// already reported, or no longer waits.
pub(super) fn check(limits: &QueueThresholds, session: &Session, waited: Duration) -> Option<Crossing> {
    let (position, estimate) = match session.status {
        HandoverStatus::Queued {
            position,
            estimated_wait_secs,
        } => (position, estimated_wait_secs),
        HandoverStatus::Requested => (None, None),
        _ => return None,
    };
    if session.queue_threshold_exceeded {
        return None;
    }
    let limit: QueueLimit = limits.crossed(position, estimate, waited)?;
    let ends = matches!(limits.action, ThresholdAction::End(_));
    let mut events = vec![HandoverEvent::QueueThresholdExceeded {
        limit,
        position,
        estimated_wait_secs: estimate,
        waited_secs: waited.as_secs(),
        alternatives: limits.alternatives().to_vec(),
        ends,
    }];
    if !ends {
        let language = language(session.language.as_deref());
        events.push(HandoverEvent::Notice {
            text: long_wait_sentence(language, limits.alternatives()),
        });
    }
    Some(Crossing { events, ends })
}

/// Whether `session` still waits in the queue (what thresholds are about).
fn waiting(session: &Session) -> bool {
    matches!(
        session.status,
        HandoverStatus::Queued { .. } | HandoverStatus::Requested
    )
}

/// When the [`QueueThresholds::max_wait`] of a waiting handover runs out (pure); `None` once
/// a threshold was crossed.
pub(super) fn wait_limit_due(limits: &QueueThresholds, session: &Session) -> Option<Timestamp> {
    let max = limits.max_wait?;
    (waiting(session) && !session.queue_threshold_exceeded).then(|| session.started_at + max)
}

/// When a handover past a threshold whose action is to end it is to be ended (pure): at once,
/// while it still waits (the timer does it, so a restart does not lose it).
pub(super) fn end_due(limits: &QueueThresholds, session: &Session) -> Option<Timestamp> {
    let ends = matches!(limits.action, ThresholdAction::End(_));
    (ends && session.queue_threshold_exceeded && waiting(session)).then_some(session.started_at)
}

impl Inner {
    /// Checks the thresholds for `session` (locked, loaded, saved by the caller before):
    /// on a crossing, records it and emits its events. Ending the handover, when so
    /// configured, is a deadline of the timers ([`end_due`]), due at once.
    pub(super) async fn queue_threshold(&self, session: &mut Session) -> Result<(), StoreError> {
        let Some(limits) = &self.config.features.queue_thresholds else {
            return Ok(());
        };
        let Some(crossing) = check(limits, session, waited(session, now())) else {
            return Ok(());
        };
        // Reported once: another process may have reported it meanwhile.
        self.update_announcing(session, |s| {
            let first = !s.queue_threshold_exceeded;
            s.queue_threshold_exceeded = true;
            if first {
                crossing.events.clone()
            } else {
                Vec::new()
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handover::event::AgentInfo;
    use crate::queue::Alternative;

    fn session(status: HandoverStatus, language: Option<&str>) -> Session {
        let mut session = super::super::test_session::session(status, now());
        session.language = language.map(Into::into);
        session
    }

    fn queued(position: u32, wait: u64) -> HandoverStatus {
        HandoverStatus::Queued {
            position: Some(position),
            estimated_wait_secs: Some(wait),
        }
    }

    #[test]
    fn a_crossing_is_reported_once_with_its_figures_and_the_configured_action() {
        let offer = QueueThresholds::new(ThresholdAction::Offer(vec![Alternative::Callback])).max_position(2);
        let mut s = session(queued(3, 120), Some("fr-FR"));
        let crossing = check(&offer, &s, Duration::from_secs(42)).unwrap();
        assert!(!crossing.ends);
        assert_eq!(
            crossing.events,
            [
                HandoverEvent::QueueThresholdExceeded {
                    limit: QueueLimit::Position,
                    position: Some(3),
                    estimated_wait_secs: Some(120),
                    waited_secs: 42,
                    alternatives: vec![Alternative::Callback],
                    ends: false,
                },
                HandoverEvent::Notice {
                    text:
                        "L'attente est plus longue que d'habitude. Vous pouvez aussi demander à être rappelé."
                            .into()
                }
            ]
        );
        // Once reported, never again.
        s.queue_threshold_exceeded = true;
        assert_eq!(check(&offer, &s, Duration::from_secs(42)), None);
        // Below the limit, nothing.
        assert_eq!(
            check(&offer, &session(queued(2, 9_999), None), Duration::ZERO),
            None
        );

        // Ending: the event says so, and the user gets no "keep waiting" sentence.
        let end = QueueThresholds::new(ThresholdAction::End(vec![Alternative::Email]))
            .max_wait(Duration::from_secs(60));
        let crossing = check(&end, &session(queued(1, 5), None), Duration::from_secs(60)).unwrap();
        assert!(crossing.ends);
        assert!(matches!(
            crossing.events.as_slice(),
            [HandoverEvent::QueueThresholdExceeded {
                limit: QueueLimit::Waited,
                ends: true,
                ..
            }]
        ));
        // Still being requested counts as waiting (no figures yet); an agent ends waiting.
        let requested = session(HandoverStatus::Requested, None);
        assert!(check(&end, &requested, Duration::from_secs(61)).is_some());
        let agent = AgentInfo::new(None, "A");
        let active = session(HandoverStatus::Active { agent }, None);
        assert_eq!(check(&end, &active, Duration::from_secs(3_600)), None);
        let tell = QueueThresholds::new(ThresholdAction::Tell).max_estimated_wait(Duration::from_secs(60));
        let crossing = check(&tell, &session(queued(1, 61), None), Duration::ZERO).unwrap();
        assert_eq!(
            crossing.events[1],
            HandoverEvent::Notice {
                text: "The wait is longer than usual.".into()
            }
        );
    }

    #[test]
    fn the_wait_limit_is_due_while_waiting_and_the_end_once_crossed() {
        let max = Duration::from_secs(600);
        let end = QueueThresholds::new(ThresholdAction::End(vec![])).max_wait(max);
        let tell = QueueThresholds::new(ThresholdAction::Tell).max_wait(max);
        let mut s = session(queued(1, 5), None);
        assert_eq!(wait_limit_due(&end, &s), Some(s.started_at + max));
        assert_eq!(end_due(&end, &s), None);
        s.queue_threshold_exceeded = true;
        assert_eq!(wait_limit_due(&end, &s), None);
        assert_eq!(end_due(&end, &s), Some(s.started_at), "ended at once");
        assert_eq!(end_due(&tell, &s), None, "only told");
        // No wait limit configured, or no longer waiting: nothing due.
        let position = QueueThresholds::new(ThresholdAction::Tell).max_position(3);
        assert_eq!(wait_limit_due(&position, &session(queued(1, 5), None)), None);
        let agent = AgentInfo::new(None, "A");
        let mut active = session(HandoverStatus::Active { agent }, None);
        assert_eq!(wait_limit_due(&end, &active), None);
        active.queue_threshold_exceeded = true;
        assert_eq!(end_due(&end, &active), None);
    }
}
