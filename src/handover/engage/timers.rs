//! Timers and outbox retries: the queue watch, the agent no-show and the resending of user
//! messages, run as wake-ups in the backend so that exactly one replica runs a conversation's
//! at a time, and another one takes over when it dies.
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

use super::config::NoShowAction;
use super::lifecycle::START_GRACE;
use super::{now, Inner};
use crate::handover::backend::{millis, ms, now_ms, Lease};
use crate::handover::event::{EndReason, HandoverEvent, HandoverStatus};
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
        let next = match self.tick_locked(&conversation).await {
            Ok(next) => next,
            Err(error) => {
                tracing::warn!(%conversation, %error, "timer failed; trying again later");
                Some(now_ms() + ms(self.config.retry.backoff(1)))
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
        Ok(next_wake(self, &session, now()))
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

/// When a start still `Requested` is taken for interrupted (its replica died mid-start).
fn interrupted_start_due(session: &Session) -> Option<Timestamp> {
    (session.status == HandoverStatus::Requested).then(|| session.started_at + START_GRACE)
}

/// When `session` is next reconciled with Engage, when reconciliation is on.
fn reconcile_due(inner: &Inner, session: &Session) -> Option<Timestamp> {
    super::reconcile::due(session, inner.config.features.reconcile_interval()?)
}

/// The next time `session` needs its conversation woken (milliseconds since the epoch): the
/// earliest of its outbox retry, queue watch, no-show timer and reconciliation.
pub(super) fn next_wake(inner: &Inner, session: &Session, at: Timestamp) -> Option<i64> {
    let retry = session.outbox.first().map(|entry| entry.retry_at.unwrap_or(at));
    let watch = queue_watch_due(inner, session);
    let no_show = no_show_due(inner, session).map(|(due, _)| due);
    let start = interrupted_start_due(session);
    let reconcile = reconcile_due(inner, session);
    [retry, watch, no_show, start, reconcile]
        .into_iter()
        .flatten()
        .min()
        .map(millis)
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
