//! Resuming a handover after a restart (or on another replica): an interrupted start is
//! reported, what Engage said meanwhile is read back, and the timers are due again.

use std::sync::Arc;

use super::timers::START_GRACE;
use super::{now, Inner};
use crate::handover::event::HandoverStatus;
use crate::handover::provider::HandoverError;
use crate::handover::request::ConversationId;

impl Inner {
    pub(super) async fn resume(
        self: &Arc<Self>,
        conversation: &ConversationId,
    ) -> Result<Option<HandoverStatus>, HandoverError> {
        let _guard = self.lock(conversation).await;
        let Some(mut session) = self.load(conversation).await? else {
            return Ok(None);
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
        if self.config.features.reconcile_interval().is_some() {
            if let Err(error) = self.reconcile(&mut session).await {
                tracing::warn!(%conversation, %error, "could not reconcile the handover on resume; the timers try again");
            }
        }
        // Timers and outbox retries are due again (the backend keeps the earliest wake-up).
        self.reschedule(&session).await?;
        Ok(Some(session.status))
    }
}
