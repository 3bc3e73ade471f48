//! User inactivity on a live handover: one timer loop per handover (armed when it is queued,
//! or on resume) that reports a silent user once per silence and, when configured, ends the
//! handover with [`EndReason::UserInactive`].

use std::sync::Arc;
use std::time::Duration;

use super::{now, Inner};
use crate::handover::event::{EndReason, HandoverEvent, HandoverStatus};
use crate::handover::inactivity::UserInactivity;
use crate::handover::request::{ConversationId, HandoverId};
use crate::handover::store::Session;
use crate::models::Timestamp;

/// What the timer loop does next for a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    /// The handover is over (or another one started): the loop stops.
    Stop,
    /// Check again after this long.
    Sleep(Duration),
    /// The user has been silent since `since` (already `idle` long): report it.
    Report {
        since: Timestamp,
        idle: Duration,
        queued: bool,
    },
}

fn to_std(d: time::Duration) -> Duration {
    d.try_into().unwrap_or_default()
}

/// The next step for `session` at `at` (pure).
pub(super) fn next(config: &UserInactivity, session: &Session, at: Timestamp) -> Next {
    let (timeout, phase_start, queued) = match &session.status {
        HandoverStatus::Requested | HandoverStatus::Queued { .. } => {
            (config.while_queued, session.started_at, true)
        }
        HandoverStatus::Active { .. } => (
            config.with_agent,
            session.agent_joined_at.unwrap_or(session.started_at),
            false,
        ),
        _ => return Next::Stop,
    };
    // Checked again in a while: the phase, and with it the timeout, may change.
    let recheck = config
        .while_queued
        .or(config.with_agent)
        .unwrap_or(Duration::from_secs(60));
    let Some(timeout) = timeout else {
        return Next::Sleep(recheck);
    };
    let since = session
        .last_user_activity_at
        .map_or(phase_start, |activity| activity.max(phase_start));
    let idle = to_std(at - since);
    if idle < timeout {
        return Next::Sleep(timeout - idle);
    }
    if session.user_inactive_reported == Some(since) {
        // Reported already: wait for the user to write again.
        return Next::Sleep(timeout);
    }
    Next::Report { since, idle, queued }
}

impl Inner {
    /// Starts the inactivity loop of a handover, when inactivity timeouts are configured.
    pub(super) fn arm_inactivity(self: &Arc<Self>, conversation: &ConversationId, handover: &HandoverId) {
        let Some(config) = self.config.features.user_inactivity else {
            return;
        };
        let (inner, conversation, handover) = (Arc::clone(self), conversation.clone(), handover.clone());
        tokio::spawn(async move {
            loop {
                let Ok(Some(session)) = inner.load(&conversation).await else {
                    return;
                };
                if session.handover_id != handover {
                    return;
                }
                match next(&config, &session, now()) {
                    Next::Stop => return,
                    Next::Sleep(wait) => tokio::time::sleep(wait).await,
                    Next::Report { .. } => {
                        if inner.report_inactive(&conversation, &config).await {
                            return;
                        }
                    }
                }
            }
        });
    }

    /// Reports a silent user under the conversation's lock; `true` when the handover ends.
    async fn report_inactive(
        self: &Arc<Self>,
        conversation: &ConversationId,
        config: &UserInactivity,
    ) -> bool {
        let reported = {
            let _guard = self.lock(conversation).await;
            let Ok(Some(mut session)) = self.load(conversation).await else {
                return true;
            };
            let Next::Report { since, idle, queued } = next(config, &session, now()) else {
                return false;
            };
            let saved = self
                .update(&mut session, |s| s.user_inactive_reported = Some(since))
                .await;
            if let Err(error) = saved {
                tracing::warn!(%conversation, %error, "could not record the user's inactivity");
                return false;
            }
            let event = HandoverEvent::UserInactive {
                idle_secs: idle.as_secs(),
                queued,
                ends: config.end,
            };
            if let Err(error) = self.emit(&session, event).await {
                tracing::warn!(%conversation, %error, "could not announce the user's inactivity");
                return false;
            }
            config.end
        };
        if reported {
            // Engage is told: the intervention is closed, or the conversation leaves the queue.
            if let Err(error) = self
                .close_from_bot(conversation, EndReason::UserInactive, false)
                .await
            {
                tracing::warn!(%conversation, %error, "could not end the handover of an inactive user");
            }
        }
        reported
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handover::event::AgentInfo;
    use time::macros::datetime;

    const T0: Timestamp = datetime!(2026-11-26 10:00 UTC);

    fn session(status: HandoverStatus) -> Session {
        super::super::test_session::session(status, T0)
    }

    fn secs(n: i64) -> time::Duration {
        time::Duration::seconds(n)
    }

    #[test]
    fn silence_counts_from_the_latest_of_the_phase_start_and_the_last_message() {
        let config = UserInactivity::new()
            .while_queued(Duration::from_secs(60))
            .with_agent(Duration::from_secs(30));
        let queued = session(HandoverStatus::Queued {
            position: None,
            estimated_wait_secs: None,
        });
        assert_eq!(
            next(&config, &queued, T0 + secs(20)),
            Next::Sleep(Duration::from_secs(40))
        );
        assert_eq!(
            next(&config, &queued, T0 + secs(61)),
            Next::Report {
                since: T0,
                idle: Duration::from_secs(61),
                queued: true
            }
        );
        // A message resets the silence.
        let mut wrote = queued.clone();
        wrote.last_user_activity_at = Some(T0 + secs(50));
        assert_eq!(
            next(&config, &wrote, T0 + secs(61)),
            Next::Sleep(Duration::from_secs(49))
        );
        // Reported once per silence.
        let mut reported = queued.clone();
        reported.user_inactive_reported = Some(T0);
        assert_eq!(
            next(&config, &reported, T0 + secs(500)),
            Next::Sleep(Duration::from_secs(60))
        );

        // With an agent: from the join, or a later message; the agent's own timeout.
        let agent = AgentInfo::new(None, "A");
        let mut active = session(HandoverStatus::Active { agent });
        active.agent_joined_at = Some(T0 + secs(100));
        active.last_user_activity_at = Some(T0 + secs(50));
        assert_eq!(
            next(&config, &active, T0 + secs(120)),
            Next::Sleep(Duration::from_secs(10))
        );
        assert!(matches!(
            next(&config, &active, T0 + secs(130)),
            Next::Report { since, queued: false, .. } if since == T0 + secs(100)
        ));
        // No timeout for the phase: checked again later; a finished handover stops the loop.
        let queued_only = UserInactivity::new().while_queued(Duration::from_secs(60));
        assert_eq!(
            next(&queued_only, &active, T0 + secs(9_999)),
            Next::Sleep(Duration::from_secs(60))
        );
        let ended = session(HandoverStatus::Ended {
            reason: EndReason::AgentClosed,
            next: crate::handover::AfterEnd::BackToBot,
        });
        assert_eq!(next(&config, &ended, T0 + secs(9_999)), Next::Stop);
    }
}
