//! Every deadline of a handover, run as wake-ups in the backend so that exactly one replica
//! runs a conversation's at a time, another one takes over when it dies, and a restart loses
//! none: the resending of user messages, the queue watch, the agent's join and no-show, an
//! interrupted start, reconciliation, the queue wait limit (and the end past a threshold) and
//! user inactivity. Each deadline is computed from the session alone, so nothing lives in a
//! process but the runner.
//!
//! Every change that starts a timer or leaves messages in the outbox calls
//! [`Inner::reschedule`], which asks the backend to wake the conversation at its next due time
//! ([`next_wake`]). One runner task per provider takes what is due (with a lease of
//! [`LEASE`]), does what is due in [`Inner::tick`] and settles the next wake-up. When the
//! replica holding a lease dies, the conversation is taken over by another replica's runner
//! within `LEASE` plus the backend's poll interval.

use std::sync::atomic::Ordering;
use std::sync::{Arc, Weak};
use std::time::Duration;

use tracing::Instrument;

use super::config::NoShowAction;
use super::inactivity::{silence, Silence};
use super::queue_thresholds::{end_due, wait_limit_due};
use super::session::{now_ms, span};
use super::{now, Inner};
use crate::handover::backend::{millis, ms, Lease};
use crate::handover::event::{AgentInfo, EndReason, HandoverEvent, HandoverStatus};
use crate::handover::provider::HandoverError;
use crate::handover::request::ConversationId;
use crate::handover::store::Session;
use crate::handover::store::StoreError;
use crate::models::{InterventionId, Timestamp};

/// How long a runner owns a conversation it woke; another replica takes it over after that.
pub(crate) const LEASE: Duration = Duration::from_secs(10);

/// How many due conversations a runner takes at once.
const BATCH: usize = 256;

/// The longest a runner sleeps without looking at the due set.
const MAX_IDLE: Duration = Duration::from_secs(60);

/// The longest a failed timer step waits before it is tried again.
const MAX_FAILURE_BACKOFF: Duration = Duration::from_secs(300);

/// The wait before a failed timer step (queue watch, no-show, reconciliation, outbox retry...)
/// is tried again, after `streak` failures in a row in this process: 1 s, doubling, at most
/// [`MAX_FAILURE_BACKOFF`], half of it random. Failures come in streaks when Engage or the
/// store is down; then thousands of due conversations back off together, and spread, instead
/// of each retrying every second and spending the rate budget live traffic needs.
fn failure_backoff(streak: u32) -> Duration {
    let ceiling = Duration::from_secs(1)
        .saturating_mul(2u32.saturating_pow(streak.saturating_sub(1).min(16)))
        .min(MAX_FAILURE_BACKOFF);
    ceiling / 2 + (ceiling / 2).mul_f64(fastrand::f64())
}

impl Inner {
    /// Starts this provider's runner, once. Called by every entry point: a replica that only
    /// serves Engage's calls still takes over the timers of a dead one.
    pub(super) fn run_timers(self: &Arc<Self>) {
        if self.runner.swap(true, Ordering::AcqRel) {
            return;
        }
        let weak = Arc::downgrade(self);
        tokio::spawn(run(weak));
    }

    /// Asks the backend to wake `session`'s conversation when its next timer or retry is due.
    pub(super) async fn reschedule(&self, session: &Session) -> Result<(), StoreError> {
        if let Some(at) = next_wake(self, session, now()) {
            self.backend.schedule(&session.conversation_id, at).await?;
        }
        Ok(())
    }

    /// Does what is due for a woken conversation, then settles its next wake-up.
    async fn tick(&self, lease: Lease) {
        let conversation = lease.conversation_id.clone();
        let span = span(&conversation);
        let next = match self.tick_locked(&conversation).instrument(span.clone()).await {
            Ok(next) => {
                self.timer_failures.store(0, Ordering::Relaxed);
                next
            }
            Err(error) => {
                let streak = self
                    .timer_failures
                    .fetch_add(1, Ordering::Relaxed)
                    .saturating_add(1);
                let delay = failure_backoff(streak);
                span.in_scope(
                    || tracing::warn!(%error, retry_in = ?delay, "timer failed; trying again later"),
                );
                Some(now_ms() + ms(delay))
            }
        };
        if let Err(error) = self.backend.settle(&lease, next).await {
            // The lease runs out and the conversation is due again: nothing is lost.
            tracing::warn!(%conversation, %error, "could not settle the next wake-up");
        }
    }

    async fn tick_locked(&self, conversation: &ConversationId) -> Result<Option<i64>, HandoverError> {
        let _guard = self.lock(conversation).await;
        let Some(mut session) = self.load(conversation).await? else {
            return Ok(None);
        };
        let at = now();
        tracing::debug!("timers due");
        if session
            .outbox
            .first()
            .is_some_and(|e| e.retry_at.is_none_or(|due| due <= at))
        {
            self.send_first(&mut session).await?;
        }
        if let Some(due) = queue_watch_due(self, &session) {
            if due <= at {
                let last = session.queue_heard_at.unwrap_or(session.started_at);
                let text = format!(
                    "No queue update from Engage for {} s.",
                    (at - last).whole_seconds()
                );
                self.update(&mut session, |s| s.queue_notice_at = Some(at))
                    .await?;
                self.emit(&session, HandoverEvent::Notice { text }).await?;
            }
        }
        if interrupted_start_due(&session).is_some_and(|due| due <= at) {
            self.fail_interrupted(&mut session).await?;
        }
        if let Some((due, joined)) = no_show_due(self, &session) {
            if due <= at {
                self.no_show(&mut session, joined).await?;
            }
        }
        if reconcile_due(self, &session).is_some_and(|due| due <= at) {
            self.reconcile(&mut session).await?;
        }
        if let Some(limits) = &self.config.features.queue_thresholds {
            if wait_limit_due(limits, &session).is_some_and(|due| due <= at) {
                self.queue_threshold(&mut session).await?;
            }
            if end_due(limits, &session).is_some_and(|due| due <= at) {
                self.end_from_timer(&mut session, EndReason::QueueThresholdExceeded, true)
                    .await?;
            }
        }
        if let Some(silence) = self.silence(&session).filter(|s| s.due <= at) {
            self.user_inactive(&mut session, silence, at).await?;
        }
        Ok(next_wake(self, &session, now()))
    }

    /// Records `agent` as the one handling `session` and returns the `AgentJoined` event to
    /// emit once saved (the caller saves, then reschedules, which starts the no-show timer).
    pub(super) fn join(session: &mut Session, agent: AgentInfo) -> HandoverEvent {
        session.agent = Some(agent.clone());
        session.agent_joined_at = Some(now());
        session.status = HandoverStatus::Active { agent: agent.clone() };
        HandoverEvent::AgentJoined { agent }
    }

    /// The agent who joined at `joined` has not written within the no-show timeout.
    async fn no_show(&self, session: &mut Session, joined: Timestamp) -> Result<(), HandoverError> {
        let Some((_, action)) = self.config.no_show else {
            return Ok(());
        };
        self.update(session, |s| s.no_show_for = Some(joined)).await?;
        match action {
            NoShowAction::Notify => {
                let text = "The agent has not answered yet.".to_owned();
                Ok(self.emit(session, HandoverEvent::Notice { text }).await?)
            }
            NoShowAction::End => {
                if let Some(intervention) = session.intervention_id.clone() {
                    let cancelled = self
                        .config
                        .client
                        .interventions()
                        .cancel(&InterventionId::new(intervention))
                        .await;
                    if let Err(error) = cancelled {
                        tracing::warn!(conversation = %session.conversation_id, %error, "could not cancel the silent agent's intervention");
                    }
                }
                self.finish_locked(session, EndReason::Timeout).await
            }
        }
    }
}

/// When the queue watch of a waiting handover is next due: three expected intervals after the
/// latest queue update (or start, or notice).
fn queue_watch_due(inner: &Inner, session: &Session) -> Option<Timestamp> {
    let interval = inner.config.queue_update_interval?;
    let waiting = matches!(
        session.status,
        HandoverStatus::Queued { .. } | HandoverStatus::Requested
    );
    if !waiting {
        return None;
    }
    // Local times only: Engage's own clock (`observed_at`) is not comparable with ours.
    let last = session.queue_heard_at.unwrap_or(session.started_at);
    let last = session.queue_notice_at.map_or(last, |notice| notice.max(last));
    Some(last + interval * 3)
}

/// When the no-show timer of the agent who joined last is due, with the join time, while that
/// agent has not written and the timer has not fired for them.
fn no_show_due(inner: &Inner, session: &Session) -> Option<(Timestamp, Timestamp)> {
    let (timeout, _) = inner.config.no_show?;
    let joined = session.agent_joined_at?;
    let silent = matches!(session.status, HandoverStatus::Active { .. })
        && session.last_agent_message_at.is_none_or(|at| at < joined)
        && session.no_show_for != Some(joined);
    silent.then(|| (joined + timeout, joined))
}

/// How old a start still `Requested` must be before it is taken for interrupted on a shared
/// backend (a younger one may still be running on another replica).
pub(super) const START_GRACE: std::time::Duration = std::time::Duration::from_secs(300);

/// When a start still `Requested` is taken for interrupted (its replica died mid-start).
fn interrupted_start_due(session: &Session) -> Option<Timestamp> {
    (session.status == HandoverStatus::Requested).then(|| session.started_at + START_GRACE)
}

/// When `session` is next reconciled with Engage, when reconciliation is on.
fn reconcile_due(inner: &Inner, session: &Session) -> Option<Timestamp> {
    super::reconcile::due(session, inner.config.features.reconcile_interval()?)
}

/// The next time `session` needs its conversation woken (milliseconds since the epoch): the
/// earliest of its outbox retry, queue watch, no-show timer, interrupted start,
/// reconciliation, queue wait limit (and the end past a threshold) and user inactivity.
pub(super) fn next_wake(inner: &Inner, session: &Session, at: Timestamp) -> Option<i64> {
    let retry = session.outbox.first().map(|entry| entry.retry_at.unwrap_or(at));
    let watch = queue_watch_due(inner, session);
    let no_show = no_show_due(inner, session).map(|(due, _)| due);
    let start = interrupted_start_due(session);
    let reconcile = reconcile_due(inner, session);
    let limits = inner.config.features.queue_thresholds.as_ref();
    let wait_limit = limits.and_then(|limits| wait_limit_due(limits, session));
    let threshold_end = limits.and_then(|limits| end_due(limits, session));
    let inactivity = inner.silence(session).map(|silence| silence.due);
    [
        retry,
        watch,
        no_show,
        start,
        reconcile,
        wait_limit,
        threshold_end,
        inactivity,
    ]
    .into_iter()
    .flatten()
    .min()
    .map(wake_ms)
}

/// A due time as the backend's milliseconds, rounded up: a conversation woken in the
/// millisecond of its deadline but before the instant would find nothing due, and be due
/// again at once, without end.
fn wake_ms(due: Timestamp) -> i64 {
    millis(due + time::Duration::nanoseconds(999_999))
}

impl Inner {
    /// The user's silence the inactivity timer waits for, when inactivity timeouts are on.
    fn silence(&self, session: &Session) -> Option<Silence> {
        silence(self.config.features.user_inactivity.as_ref()?, session)
    }
}

/// How many conversations one runner ticks at once: many timers due together (10,000
/// handovers opened in a burst come due in a burst) are worked through at this pace instead of
/// all at once, which would queue thousands of commands on the backend's connection until
/// they time out. What is not taken stays due, for this runner's next round or another's.
const CONCURRENT_TICKS: usize = 64;

/// The runner: takes due conversations and ticks them, until the provider is dropped.
async fn run(weak: Weak<Inner>) {
    let ticking = Arc::new(tokio::sync::Semaphore::new(CONCURRENT_TICKS));
    loop {
        let Some(inner) = weak.upgrade() else {
            return;
        };
        let backend = Arc::clone(&inner.backend);
        let free = ticking.available_permits().min(BATCH);
        if free > 0 {
            match backend.take_due(now_ms(), LEASE, free).await {
                Ok(leases) => {
                    for lease in leases {
                        let inner = Arc::clone(&inner);
                        // Only this loop takes permits, and it took no more leases than are free.
                        let permit = Arc::clone(&ticking).try_acquire_owned();
                        tokio::spawn(async move {
                            inner.tick(lease).await;
                            drop(permit);
                        });
                    }
                }
                Err(error) => tracing::warn!(%error, "could not read the due timers; trying again"),
            }
        }
        drop(inner);
        if ticking.available_permits() == 0 {
            // Busy: look again once a tick is done.
            let _ = ticking.acquire().await;
            continue;
        }
        let mut wait = backend.poll_interval().unwrap_or(MAX_IDLE).min(MAX_IDLE);
        if let Some(next) = backend.next_due_ms().await {
            let until = u64::try_from(next.saturating_sub(now_ms())).unwrap_or(0);
            wait = wait.min(Duration::from_millis(until.max(1)));
        }
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            () = backend.scheduled() => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn failed_steps_back_off_doubling_to_five_minutes_half_random() {
        for (streak, ceiling) in [
            (1, 1),
            (2, 2),
            (3, 4),
            (9, 256),
            (10, 300),
            (1_000, 300),
            (u32::MAX, 300),
        ] {
            let ceiling = Duration::from_secs(ceiling);
            for _ in 0..50 {
                let delay = failure_backoff(streak);
                assert!(delay >= ceiling / 2 && delay <= ceiling, "{streak}: {delay:?}");
            }
        }
    }

    #[test]
    fn a_wake_up_is_never_before_its_deadline() {
        let whole = datetime!(2026-11-26 10:00:00 UTC);
        assert_eq!(wake_ms(whole), millis(whole));
        for nanos in [1, 1_000, 500_000, 999_999, 1_000_001, 123_456_789] {
            let due = whole + time::Duration::nanoseconds(nanos);
            let wake = wake_ms(due);
            assert!(wake >= millis(due) && wake - millis(due) <= 1, "{nanos}");
            // Woken in the millisecond `wake`, the clock is at least `due`.
            assert!(
                whole + time::Duration::milliseconds(wake - millis(whole)) >= due,
                "{nanos}"
            );
        }
    }
}
