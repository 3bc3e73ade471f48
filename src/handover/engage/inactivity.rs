//! User inactivity on a live handover: [`silence`] says when the user's silence runs out (a
//! deadline of the leased timers, see `timers`, so it survives a restart and fires on one
//! replica); [`Inner::user_inactive`] reports it once per silence and, when configured, ends
//! the handover with [`EndReason::UserInactive`], Engage told.

use std::time::Duration;

use super::Inner;
use crate::handover::event::{EndReason, HandoverEvent, HandoverStatus};
use crate::handover::inactivity::UserInactivity;
use crate::handover::provider::HandoverError;
use crate::handover::store::Session;
use crate::models::Timestamp;

/// The user's current silence, as the inactivity timer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Silence {
    /// When it started: the user's last message, or the start of the phase, whichever is later.
    pub(super) since: Timestamp,
    /// When it runs out.
    pub(super) due: Timestamp,
    /// Whether the user waits in the queue (else an agent has the conversation).
    pub(super) queued: bool,
    /// Whether it was reported already (then only the configured end is left to do).
    pub(super) reported: bool,
}

fn to_std(d: time::Duration) -> Duration {
    d.try_into().unwrap_or_default()
}

/// The silence the inactivity timer of `session` waits for (pure): `None` when the handover is
/// over, the phase has no timeout, or the silence was reported and nothing is left to do.
pub(super) fn silence(config: &UserInactivity, session: &Session) -> Option<Silence> {
    let (timeout, phase_start, queued) = match &session.status {
        HandoverStatus::Requested | HandoverStatus::Queued { .. } => {
            (config.while_queued, session.started_at, true)
        }
        HandoverStatus::Active { .. } => (
            config.with_agent,
            session.agent_joined_at.unwrap_or(session.started_at),
            false,
        ),
        _ => return None,
    };
    let since = session
        .last_user_activity_at
        .map_or(phase_start, |activity| activity.max(phase_start));
    let reported = session.user_inactive_reported == Some(since);
    if reported && !config.end {
        // Reported already: wait for the user to write again.
        return None;
    }
    Some(Silence {
        since,
        due: since + timeout?,
        queued,
        reported,
    })
}

impl Inner {
    /// The user's `silence` ran out (at `at`): reports it once, then ends the handover when so
    /// configured. Call with the conversation's lock held. When Engage cannot be told for good
    /// (a refusal, not an outage), the handover still ends here; an outage is an error and the
    /// timer tries again.
    pub(super) async fn user_inactive(
        &self,
        session: &mut Session,
        silence: Silence,
        at: Timestamp,
    ) -> Result<(), HandoverError> {
        let Some(config) = self.config.features.user_inactivity else {
            return Ok(());
        };
        if !silence.reported {
            let event = HandoverEvent::UserInactive {
                idle_secs: to_std(at - silence.since).as_secs(),
                queued: silence.queued,
                ends: config.end,
            };
            self.update_announcing(session, |s| {
                s.user_inactive_reported = Some(silence.since);
                vec![event.clone()]
            })
            .await?;
        }
        if config.end {
            self.end_from_timer(session, EndReason::UserInactive, false)
                .await?;
        }
        Ok(())
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

    fn due(config: &UserInactivity, session: &Session) -> Option<(Timestamp, bool)> {
        silence(config, session).map(|s| (s.due, s.reported))
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
            silence(&config, &queued),
            Some(Silence {
                since: T0,
                due: T0 + secs(60),
                queued: true,
                reported: false
            })
        );
        // A message resets the silence.
        let mut wrote = queued.clone();
        wrote.last_user_activity_at = Some(T0 + secs(50));
        assert_eq!(due(&config, &wrote), Some((T0 + secs(110), false)));
        // Reported once per silence; with `end`, the end is still due.
        let mut reported = queued.clone();
        reported.user_inactive_reported = Some(T0);
        assert_eq!(due(&config, &reported), None);
        assert_eq!(due(&config.end(true), &reported), Some((T0 + secs(60), true)));
        // An earlier silence reported does not hide a new one.
        wrote.user_inactive_reported = Some(T0);
        assert_eq!(due(&config, &wrote), Some((T0 + secs(110), false)));

        // With an agent: from the join, or a later message; the agent's own timeout.
        let agent = AgentInfo::new(None, "A");
        let mut active = session(HandoverStatus::Active { agent });
        active.agent_joined_at = Some(T0 + secs(100));
        active.last_user_activity_at = Some(T0 + secs(50));
        assert_eq!(
            silence(&config, &active),
            Some(Silence {
                since: T0 + secs(100),
                due: T0 + secs(130),
                queued: false,
                reported: false
            })
        );
        // No timeout for the phase, or a finished handover: nothing due.
        let queued_only = UserInactivity::new().while_queued(Duration::from_secs(60));
        assert_eq!(silence(&queued_only, &active), None);
        let ended = session(HandoverStatus::Ended {
            reason: EndReason::AgentClosed,
            next: crate::handover::AfterEnd::BackToBot,
        });
        assert_eq!(silence(&config, &ended), None);
    }
}
