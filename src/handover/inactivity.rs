//! [`UserInactivity`]: how long a user may stay silent during a handover.

use std::time::Duration;

use crate::sdk::send::TYPING_INTERVAL;

/// Timeouts on the user's silence (no message sent through the provider) while queued and while
/// talking to an agent. When one runs out, a
/// [`UserInactive`](super::HandoverEvent::UserInactive) event is emitted (once per silence),
/// then, with [`end`](Self::end), the handover ends with
/// [`EndReason::UserInactive`](super::EndReason::UserInactive) and Engage is told (the
/// intervention is closed, or the conversation leaves the queue).
///
/// The silence counts from the user's last message, or from the start of the phase (the
/// handover's start while queued, the agent joining while with an agent), whichever is later.
///
/// ```
/// use std::time::Duration;
/// use ringcentral_engage::handover::UserInactivity;
///
/// let inactivity = UserInactivity::new()
///     .while_queued(Duration::from_secs(10 * 60))
///     .with_agent(Duration::from_secs(5 * 60))
///     .end(true);
/// assert!(inactivity.validate().is_ok());
/// // Shorter than Engage's typing throttle (2 s): refused.
/// assert!(UserInactivity::new().with_agent(Duration::from_secs(1)).validate().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct UserInactivity {
    /// The longest silence while waiting for an agent.
    pub while_queued: Option<Duration>,
    /// The longest silence while an agent handles the conversation.
    pub with_agent: Option<Duration>,
    /// Whether the handover ends when a timeout runs out (else it is only reported).
    pub end: bool,
}

impl UserInactivity {
    /// No timeout yet; only reported.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets [`while_queued`](Self::while_queued).
    pub fn while_queued(mut self, timeout: Duration) -> Self {
        self.while_queued = Some(timeout);
        self
    }

    /// Sets [`with_agent`](Self::with_agent).
    pub fn with_agent(mut self, timeout: Duration) -> Self {
        self.with_agent = Some(timeout);
        self
    }

    /// Sets [`end`](Self::end).
    pub fn end(mut self, end: bool) -> Self {
        self.end = end;
        self
    }

    /// Refuses timeouts that cannot work: none set, or one shorter than Engage's typing
    /// throttle ([`TYPING_INTERVAL`], 2 s), within which a user's activity is not even seen.
    pub fn validate(&self) -> crate::Result<()> {
        if self.while_queued.is_none() && self.with_agent.is_none() {
            return Err(crate::Error::invalid_argument(
                "user_inactivity",
                "set at least one timeout",
            ));
        }
        for (name, timeout) in [
            ("while_queued", self.while_queued),
            ("with_agent", self.with_agent),
        ] {
            if timeout.is_some_and(|t| t < TYPING_INTERVAL) {
                return Err(crate::Error::invalid_argument(
                    name,
                    format!(
                        "must be at least Engage's typing throttle ({} s)",
                        TYPING_INTERVAL.as_secs()
                    ),
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_shorter_than_the_typing_throttle_or_missing_are_refused() {
        let short = TYPING_INTERVAL - Duration::from_millis(1);
        for (bad, field) in [
            (UserInactivity::new(), "user_inactivity"),
            (UserInactivity::new().end(true), "user_inactivity"),
            (UserInactivity::new().while_queued(short), "while_queued"),
            (UserInactivity::new().with_agent(Duration::ZERO), "with_agent"),
            (
                UserInactivity::new()
                    .while_queued(TYPING_INTERVAL)
                    .with_agent(short),
                "with_agent",
            ),
        ] {
            let error = bad.validate().unwrap_err().to_string();
            assert!(error.contains(field), "{error}");
        }
        assert!(UserInactivity::new()
            .while_queued(TYPING_INTERVAL)
            .validate()
            .is_ok());
        assert!(UserInactivity::new()
            .with_agent(Duration::from_secs(3600))
            .validate()
            .is_ok());
    }
}
