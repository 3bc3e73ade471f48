//! What Engage's webhooks say about a handover's thread: an agent joined or changed, the
//! intervention or the thread closed, routing signals (see `task_signals`), the rest passed on.

use std::sync::{Arc, Weak};

use async_trait::async_trait;
use serde_json::Value;
use tracing::Instrument;

use super::session::{span, store_error, upgrade};
use super::Inner;
use crate::handover::event::{AgentInfo, EndReason, HandoverEvent, HandoverStatus};
use crate::handover::store::Session;
use crate::inbound::HandlerError;
use crate::models::Timestamp;
use crate::webhook::events::Event;
use crate::webhook::{EventHandler, WebhookBatch};

/// The webhook receiver's handler.
pub(crate) struct WebhookSide(pub(super) Weak<Inner>);

impl Inner {
    async fn webhook_event(self: &Arc<Self>, event: &Event) -> Result<(), crate::handover::StoreError> {
        let Some(thread) = event.thread_id() else {
            return Ok(());
        };
        let Some(conversation) = self.backend.find_by_thread(thread.as_str()).await? else {
            // Routine: other threads of the domain, and this handover's own thread before the
            // start has matched it (`task.created` often comes first).
            tracing::debug!(%thread, event = event.event_type(), "webhook event for a thread not linked to a handover (yet); ignored");
            return Ok(());
        };
        async {
            let _guard = self.lock(&conversation).await;
            let Some(mut session) = self.load(&conversation).await? else {
                return Ok(());
            };
            tracing::debug!(event = event.event_type(), "webhook event");
            if session.status.is_finished() || session.thread_id.as_deref() != Some(thread.as_str()) {
                return Ok(());
            }
            let reason = match event {
                Event::InterventionOpened(_)
                | Event::InterventionAssigned(_)
                | Event::InterventionReopened(_)
                | Event::InterventionReactivated(_)
                | Event::InterventionUserUpdated(_) => None,
                Event::InterventionClosed(_) | Event::InterventionCanceled(_) => {
                    // An earlier intervention of the same thread ending says nothing about this one.
                    let current = session.intervention_id.as_deref();
                    if current.is_some_and(|current| Some(current) != event.resource_id()) {
                        return Ok(());
                    }
                    Some(match event {
                        Event::InterventionClosed(_) => EndReason::AgentClosed,
                        _ => EndReason::ProviderClosed,
                    })
                }
                Event::ContentThreadClosed(_) | Event::ContentThreadAutoClosed(_) => {
                    Some(EndReason::ProviderClosed)
                }
                other => {
                    // Routing signals (`task.*`): typed events, see `task_signals`.
                    if self.task_signal(&mut session, other).await? {
                        return Ok(());
                    }
                    // About this handover's thread, but nothing the provider acts on: passed on whole.
                    let payload = serde_json::to_value(other).unwrap_or(Value::Null);
                    let kind = other.event_type().to_owned();
                    return self.emit(&session, HandoverEvent::Raw { kind, payload }).await;
                }
            };
            if let Some(reason) = reason {
                return self
                    .finish_locked(&mut session, reason)
                    .await
                    .map_err(|e| match e {
                        crate::handover::HandoverError::Store(s) => s,
                        other => crate::handover::StoreError::Backend(other.to_string()),
                    });
            }
            // An agent took (or was given) the conversation.
            let Some(data) = event.intervention() else {
                return Ok(());
            };
            let agent_id = data
                .resource
                .metadata
                .user_id
                .clone()
                .or_else(|| data.user_id.clone());
            let issued = event.issued_at();
            if stale(&session, &data.resource.id, issued) {
                // Engage redelivers unordered: an older event of this intervention must not
                // undo a newer one (switch the agent back).
                tracing::debug!(
                    event = event.event_type(),
                    ?issued,
                    "a late intervention event; a newer one was applied"
                );
                return Ok(());
            }
            if session.intervention_id.as_deref() != Some(data.resource.id.as_str()) {
                session.intervention_issued_at = None;
            }
            session.intervention_issued_at = session.intervention_issued_at.max(issued);
            session.intervention_id = Some(data.resource.id.clone());
            let current = session.agent.clone();
            let mut events = Vec::new();
            match (current, agent_id) {
                (Some(agent), Some(id)) if agent.id.as_deref() == Some(id.as_str()) => {}
                (Some(agent), Some(id)) if agent.id.is_none() => {
                    // Joined through an early message; now we know who it is.
                    let named = AgentInfo::new(Some(id.to_string()), agent.display_name);
                    session.agent = Some(named.clone());
                    session.status = HandoverStatus::Active { agent: named };
                }
                (Some(agent), Some(id)) => {
                    events.push(HandoverEvent::AgentLeft { agent });
                    let name = self.agent_name(&id).await;
                    events.push(Self::join(
                        &mut session,
                        AgentInfo::new(Some(id.to_string()), name),
                    ));
                }
                (None, id) => {
                    let name = match &id {
                        Some(id) => self.agent_name(id).await,
                        None => "Agent".to_owned(),
                    };
                    events.push(Self::join(
                        &mut session,
                        AgentInfo::new(id.map(|i| i.to_string()), name),
                    ));
                }
                (Some(_), None) => {}
            }
            // Saved, announced and a new agent's no-show timer started in one step; a save that
            // lost to another replica is answered 5xx and Engage's retry starts from the
            // winner's copy.
            self.save_announcing(&mut session, events).await
        }
        .instrument(span(&conversation))
        .await
    }
}

/// Whether an event of `intervention` issued at `issued` is older than the latest one applied
/// to `session` for that same intervention (events without a readable time are applied).
fn stale(session: &Session, intervention: &str, issued: Option<Timestamp>) -> bool {
    session.intervention_id.as_deref() == Some(intervention)
        && issued
            .zip(session.intervention_issued_at)
            .is_some_and(|(issued, applied)| issued < applied)
}

#[async_trait]
impl EventHandler for WebhookSide {
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError> {
        let inner = upgrade(&self.0)?;
        for event in &batch.events {
            inner.webhook_event(event).await.map_err(store_error)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handover::event::HandoverStatus;
    use time::macros::datetime;

    #[test]
    fn only_an_older_event_of_the_same_intervention_is_stale() {
        let t1 = datetime!(2026-11-26 10:00 UTC);
        let t2 = datetime!(2026-11-26 10:05 UTC);
        let mut session = super::super::test_session::session(HandoverStatus::Requested, t1);
        assert!(!stale(&session, "iv", Some(t1)), "nothing applied yet");
        session.intervention_id = Some("iv".into());
        session.intervention_issued_at = Some(t2);
        assert!(stale(&session, "iv", Some(t1)));
        assert!(!stale(&session, "iv", Some(t2)), "the same time again is applied");
        assert!(!stale(&session, "iv", Some(t2 + time::Duration::SECOND)));
        assert!(!stale(&session, "iv", None), "no time: applied");
        assert!(!stale(&session, "other", Some(t1)), "another intervention");
    }
}
