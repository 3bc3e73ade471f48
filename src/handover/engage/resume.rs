//! Resuming handovers after a restart (or on another replica): an interrupted start is
//! reported, what Engage said meanwhile is read back (reconciliation), and the timers are due
//! again.
//!
//! # Reconciling many handovers at start-up
//!
//! [`resume`](Inner::resume) of one handover reconciles it at once (3 REST calls).
//! `resume_all` does not: it gives each live handover a reconciliation deadline
//! (`Session::reconcile_at`), one every [`RESUME_SPACING`], which the timers run (on one
//! replica each, surviving another restart). The spacing keeps the reconciliations of a start-up
//! within [`RESUME_SHARE`] of Engage's 500 requests/min per token (200/min), leaving 300/min to
//! live traffic: 3 calls per handover every 0.91 s, at most 66 handovers (198 requests) in any
//! minute, so 10,000 live handovers are all reconciled within 2 hours 32 minutes. A handover that has a reconciliation pending
//! already (another replica's `resume_all`) keeps it: replicas starting together do not
//! reconcile twice.

use std::sync::Arc;
use std::time::Duration;

use super::reconcile::RECONCILE_CALLS;
use tracing::Instrument;

use super::session::span;
use super::timers::START_GRACE;
use super::{now, Inner};
use crate::handover::event::HandoverStatus;
use crate::handover::provider::HandoverError;
use crate::handover::request::ConversationId;
use crate::models::Timestamp;

/// Engage's request budget per access token and minute.
pub(super) const ENGAGE_REQUESTS_PER_MINUTE: u32 = 500;

/// The share of [`ENGAGE_REQUESTS_PER_MINUTE`] that the reconciliations of `resume_all` use.
pub(super) const RESUME_SHARE: f64 = 0.4;

/// How many reconciliations fit in a minute within [`RESUME_SHARE`] of the budget (66).
const RESUMES_PER_MINUTE: u64 =
    (ENGAGE_REQUESTS_PER_MINUTE as f64 * RESUME_SHARE) as u64 / RECONCILE_CALLS as u64;

/// The time between two reconciliations asked for by `resume_all` (910 ms): rounded up, so
/// that any 60 s hold at most [`RESUMES_PER_MINUTE`] of them.
pub(super) const RESUME_SPACING: Duration = Duration::from_millis(60_000_u64.div_ceil(RESUMES_PER_MINUTE));

/// When the reconciliation of a resumed handover runs.
#[derive(Debug, Clone, Copy)]
pub(super) enum Reconcile {
    /// Now, before `resume` returns.
    Now,
    /// As a timer deadline at this time (unless one is pending already).
    At(Timestamp),
}

impl Inner {
    /// Resumes every unfinished handover of the backend; reconciliations are deadlines spread
    /// [`RESUME_SPACING`] apart. Returns how many handovers it resumed.
    pub(super) async fn resume_all(self: &Arc<Self>) -> Result<usize, HandoverError> {
        let active = self.backend.active().await?;
        let start = now();
        let mut slot = 0u32;
        for conversation in &active {
            let at = start + RESUME_SPACING * slot;
            let resumed = self.resume_with(conversation, Reconcile::At(at));
            if resumed.instrument(span(conversation)).await?.1 {
                slot += 1;
            }
        }
        Ok(active.len())
    }

    /// Resumes one handover, reconciling it at once.
    pub(super) async fn resume(
        self: &Arc<Self>,
        conversation: &ConversationId,
    ) -> Result<Option<HandoverStatus>, HandoverError> {
        Ok(self.resume_with(conversation, Reconcile::Now).await?.0)
    }

    /// Resumes one handover; also returns whether a reconciliation deadline was set.
    async fn resume_with(
        self: &Arc<Self>,
        conversation: &ConversationId,
        reconcile: Reconcile,
    ) -> Result<(Option<HandoverStatus>, bool), HandoverError> {
        let _guard = self.lock(conversation).await;
        let Some(mut session) = self.load(conversation).await? else {
            return Ok((None, false));
        };
        // The process stopped in the middle of `start`: say so; a new `start` runs it again
        // without sending anything twice. On a shared backend a recent one may still be
        // running on another replica: the timers fail it once it is `START_GRACE` old.
        let shared = self.backend.poll_interval().is_some();
        if session.status == HandoverStatus::Requested
            && (!shared || now() - session.started_at > START_GRACE)
        {
            self.fail_interrupted(&mut session).await?;
        }
        // Whatever Engage said while the service was down: read it back (see `reconcile`).
        let mut scheduled = false;
        if self.config.features.reconcile_interval().is_some() {
            match reconcile {
                Reconcile::Now => {
                    if let Err(error) = self.reconcile(&mut session).await {
                        tracing::warn!(%conversation, %error, "could not reconcile the handover on resume; the timers try again");
                    }
                }
                Reconcile::At(at) if session.reconcile_at.is_none() && session.thread_id.is_some() => {
                    let live = !session.status.is_finished() && session.status != HandoverStatus::Requested;
                    if live {
                        self.update(&mut session, |s| {
                            s.reconcile_at = Some(s.reconcile_at.map_or(at, |pending| pending.min(at)));
                        })
                        .await?;
                        scheduled = true;
                    }
                }
                Reconcile::At(_) => {}
            }
        }
        // Timers and outbox retries are due again (the backend keeps the earliest wake-up).
        self.reschedule(&session).await?;
        Ok((Some(session.status), scheduled))
    }
}
