//! Ending a handover: the bot or the user closing it (the intervention closed, or the thread
//! taken out of the queue), cancelling while queued, a failed start, and the one place every
//! end goes through ([`Inner::finish_locked`]): the thread given back to the Bot category,
//! the status saved, `Ended` emitted once.

use std::sync::Arc;

use super::Inner;
use crate::handover::event::{AfterEnd, EndReason, EndedBy, HandoverEvent, HandoverStatus};
use crate::handover::provider::HandoverError;
use crate::handover::request::ConversationId;
use crate::handover::store::Session;
use crate::models::{InterventionId, ThreadId};

impl Inner {
    /// Ends a handover from the bot's side: closes the intervention, or takes the thread out
    /// of the queue when no agent has it yet.
    pub(super) async fn end(
        self: &Arc<Self>,
        conversation: &ConversationId,
        by: EndedBy,
    ) -> Result<(), HandoverError> {
        let reason = match by {
            EndedBy::User => EndReason::UserEnded,
            EndedBy::Bot => EndReason::BotEnded,
        };
        self.close_from_bot(conversation, reason, false).await
    }

    pub(super) async fn cancel(self: &Arc<Self>, conversation: &ConversationId) -> Result<(), HandoverError> {
        self.close_from_bot(conversation, EndReason::CancelledWhileQueued, true)
            .await
    }

    pub(super) async fn close_from_bot(
        self: &Arc<Self>,
        conversation: &ConversationId,
        reason: EndReason,
        only_queued: bool,
    ) -> Result<(), HandoverError> {
        let _guard = self.lock(conversation).await;
        let mut session = self
            .load(conversation)
            .await?
            .ok_or_else(|| HandoverError::NotFound(conversation.clone()))?;
        self.close_locked(&mut session, reason, only_queued).await
    }

    /// [`close_from_bot`](Self::close_from_bot) for a session already locked and loaded.
    pub(super) async fn close_locked(
        &self,
        session: &mut Session,
        reason: EndReason,
        only_queued: bool,
    ) -> Result<(), HandoverError> {
        let conversation = &session.conversation_id;
        match (&session.status, only_queued) {
            (status, _) if status.is_finished() => return Err(HandoverError::InvalidState("finished")),
            (HandoverStatus::Active { .. }, true) => return Err(HandoverError::InvalidState("active")),
            _ => {}
        }
        if let Some(intervention) = session.intervention_id.clone() {
            self.config
                .client
                .interventions()
                .close(&InterventionId::new(intervention))
                .await?;
        } else if let Some(thread) = &session.thread_id {
            // Still queued: leaving the Agent category removes the task.
            self.config
                .client
                .threads()
                .update_categories(&ThreadId::new(thread), [&self.config.bot_category])
                .await?;
        }
        if self.config.after_end == AfterEnd::ConversationOver {
            if let Some(thread) = &session.thread_id {
                // Over for good: the thread is closed as well.
                let closed = self.config.client.threads().close(&ThreadId::new(thread)).await;
                if let Err(error) = closed {
                    tracing::warn!(%conversation, %error, "could not close the Engage thread");
                }
            }
        }
        self.finish_locked(session, reason).await
    }

    /// Ends a locked session from a timer (user inactivity, a queue threshold), Engage told as
    /// [`close_locked`](Self::close_locked) tells it. When Engage refuses for good (not an
    /// outage), the handover still ends here, so the timer does not try forever; an outage is
    /// an error and the timer tries again later.
    pub(super) async fn end_from_timer(
        &self,
        session: &mut Session,
        reason: EndReason,
        only_queued: bool,
    ) -> Result<(), HandoverError> {
        match self.close_locked(session, reason, only_queued).await {
            // Finished, or no longer queued, meanwhile: nothing left to end.
            Err(HandoverError::InvalidState(_)) => Ok(()),
            Err(error) if !error.is_retryable() => {
                tracing::warn!(conversation = %session.conversation_id, %error, ?reason, "Engage could not be told; the handover ends here");
                self.finish_locked(session, reason).await
            }
            other => other,
        }
    }

    /// Ends `session` (already locked and loaded): thread back to the Bot category when
    /// configured, status saved, `Ended` emitted. Does nothing if it already ended.
    pub(super) async fn finish_locked(
        &self,
        session: &mut Session,
        reason: EndReason,
    ) -> Result<(), HandoverError> {
        if session.status.is_finished() {
            return Ok(());
        }
        if self.config.return_to_bot
            && !matches!(
                reason,
                EndReason::CancelledWhileQueued | EndReason::QueueThresholdExceeded
            )
        {
            if let Some(thread) = &session.thread_id {
                let thread = ThreadId::new(thread);
                let back = self
                    .config
                    .client
                    .threads()
                    .update_categories(&thread, [&self.config.bot_category])
                    .await;
                if let Err(error) = back {
                    tracing::warn!(conversation = %session.conversation_id, %error, "could not move the thread back to the Bot category");
                }
            }
        }
        let next = self.config.after_end;
        let mut ended_here = false;
        self.update_announcing(session, |s| {
            // Another process may have ended it meanwhile: its end stands.
            ended_here = !s.status.is_finished();
            if !ended_here {
                return Vec::new();
            }
            s.status = HandoverStatus::Ended { reason, next };
            vec![HandoverEvent::Ended { reason, next }]
        })
        .await?;
        if !ended_here {
            return Ok(());
        }
        if next == AfterEnd::BackToBot {
            tracing::info!(conversation = %session.conversation_id, ?reason, "conversation back to the bot");
        }
        Ok(())
    }

    /// Fails a start that a restart cut short.
    pub(super) async fn fail_interrupted(&self, session: &mut Session) -> Result<(), HandoverError> {
        let error = "the start was interrupted by a restart; start the handover again";
        self.fail(session, error.into(), true).await
    }

    /// Marks a locked session failed, saves it and emits `Failed`.
    pub(super) async fn fail(
        &self,
        session: &mut Session,
        error: String,
        retryable: bool,
    ) -> Result<(), HandoverError> {
        let failed = HandoverStatus::Failed {
            error: error.clone(),
            retryable,
        };
        self.update_announcing(session, |s| {
            s.status = failed.clone();
            vec![HandoverEvent::Failed {
                error: error.clone(),
                retryable,
            }]
        })
        .await?;
        Ok(())
    }
}
