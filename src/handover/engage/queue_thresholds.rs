//! Queue thresholds on a live handover: checked on every queue update from Engage, and by a
//! timer for the time waited. Crossing one emits
//! [`QueueThresholdExceeded`](crate::handover::HandoverEvent::QueueThresholdExceeded) once per
//! handover, then does what the configured [`ThresholdAction`] says.

use std::sync::Arc;
use std::time::Duration;

use super::session::language;
use super::{now, Inner};
use crate::handover::event::{EndReason, HandoverEvent, HandoverStatus};
use crate::handover::request::{ConversationId, HandoverId};
use crate::handover::store::{Session, StoreError};
use crate::handover::thresholds::{QueueLimit, QueueThresholds, ThresholdAction};
use crate::queue::long_wait_sentence;

/// What crossing a limit means for one session: the events to emit, and whether it ends.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Crossing {
    pub(super) events: Vec<HandoverEvent>,
    pub(super) ends: bool,
}

/// How long the user of `session` has waited, at `at`.
fn waited(session: &Session, at: crate::models::Timestamp) -> Duration {
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

impl Inner {
    /// Checks the thresholds for `session` (locked, loaded, saved by the caller before):
    /// on a crossing, records it, emits its events, and ends the handover when so configured
    /// (once the caller released the conversation's lock).
    pub(super) async fn queue_threshold(self: &Arc<Self>, session: &mut Session) -> Result<(), StoreError> {
        let Some(limits) = &self.config.features.queue_thresholds else {
            return Ok(());
        };
        let Some(crossing) = check(limits, session, waited(session, now())) else {
            return Ok(());
        };
        let mut first = false;
        self.update(session, |s| {
            first = !s.queue_threshold_exceeded;
            s.queue_threshold_exceeded = true;
        })
        .await?;
        if !first {
            return Ok(()); // another process reported it
        }
        for event in crossing.events {
            self.emit(session, event).await?;
        }
        if crossing.ends {
            let (inner, conversation) = (Arc::clone(self), session.conversation_id.clone());
            tokio::spawn(async move {
                let ended = inner
                    .close_from_bot(&conversation, EndReason::QueueThresholdExceeded, true)
                    .await;
                if let Err(error) = ended {
                    tracing::warn!(%conversation, %error, "could not end a handover past its queue threshold");
                }
            });
        }
        Ok(())
    }

    /// Arms the timer of [`QueueThresholds::max_wait`] for a handover that waits.
    pub(super) fn arm_queue_wait_limit(
        self: &Arc<Self>,
        conversation: &ConversationId,
        handover: &HandoverId,
    ) {
        let Some(max) = self
            .config
            .features
            .queue_thresholds
            .as_ref()
            .and_then(|t| t.max_wait)
        else {
            return;
        };
        let (inner, conversation, handover) = (Arc::clone(self), conversation.clone(), handover.clone());
        tokio::spawn(async move {
            let Ok(Some(session)) = inner.load(&conversation).await else {
                return;
            };
            tokio::time::sleep(max.saturating_sub(waited(&session, now()))).await;
            let _guard = inner.lock(&conversation).await;
            let Ok(Some(mut session)) = inner.load(&conversation).await else {
                return;
            };
            if session.handover_id != handover {
                return;
            }
            if let Err(error) = inner.queue_threshold(&mut session).await {
                tracing::warn!(%conversation, %error, "queue threshold check failed");
            }
        });
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
}
