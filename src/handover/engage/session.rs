//! One conversation's session: the lock that serializes work on it in this process, loading
//! and saving it (with compare-and-set retries against other replicas), publishing its
//! events, and the glue both of Engage's callers (the SDK endpoint and the webhook) share.

use std::sync::{Arc, Weak};

use super::locks::LockGuard;
use super::{lifecycle_metrics, Inner};
use crate::handover::event::{HandoverEvent, HandoverUpdate};
use crate::handover::request::ConversationId;
use crate::handover::store::{Session, StoreError};
use crate::inbound::HandlerError;
use crate::models::Timestamp;
use crate::queue::Language;

/// How many times [`Inner::update`] loads a session again after losing a save to another writer.
pub(super) const CONFLICT_RETRIES: usize = 5;

impl Inner {
    /// Serializes work on one conversation within this process (other replicas are kept
    /// apart by the backend's compare-and-set on the session's version).
    pub(super) async fn lock(&self, conversation: &ConversationId) -> LockGuard<'_> {
        self.locks.lock(conversation).await
    }

    /// Loads the session of `conversation`; its ids join the current [`span`].
    pub(super) async fn load(&self, conversation: &ConversationId) -> Result<Option<Session>, StoreError> {
        let session = self.backend.load(conversation).await?;
        if let Some(session) = &session {
            record_ids(session);
        }
        Ok(session)
    }

    /// Applies `change` to `session` and saves it. When another writer (a second process on a
    /// shared store) saved the session in between, the fresh copy is loaded and `change` is
    /// applied to it instead, up to [`CONFLICT_RETRIES`] times: write `change` so that it is
    /// right for whatever copy it gets.
    pub(super) async fn update(
        &self,
        session: &mut Session,
        mut change: impl FnMut(&mut Session),
    ) -> Result<(), StoreError> {
        self.update_announcing(session, |s| {
            change(s);
            Vec::new()
        })
        .await
    }

    /// [`update`](Self::update), where `change` also returns the events announcing it: saved
    /// and published as one step ([`save_announcing`](Self::save_announcing)).
    pub(super) async fn update_announcing(
        &self,
        session: &mut Session,
        mut change: impl FnMut(&mut Session) -> Vec<HandoverEvent>,
    ) -> Result<(), StoreError> {
        let mut conflicts = 0;
        loop {
            let events = change(session);
            match self.save_announcing(session, events).await {
                Err(StoreError::Conflict(_)) if conflicts < CONFLICT_RETRIES => {
                    conflicts += 1;
                    *session = self
                        .load(&session.conversation_id)
                        .await?
                        .ok_or_else(|| StoreError::Backend("the session was removed while saving".into()))?;
                }
                saved => return saved,
            }
        }
    }

    /// Saves `session`, publishes `events` of it and schedules its next wake-up as one backend
    /// step: a process dying in between cannot leave a change saved but never announced (a
    /// retry of the call that made it would find it done and announce nothing) or without
    /// its timers.
    pub(super) async fn save_announcing(
        &self,
        session: &mut Session,
        events: Vec<HandoverEvent>,
    ) -> Result<(), StoreError> {
        record_ids(session);
        let at = now();
        let updates = events
            .iter()
            .map(|event| update_of(session, event.clone(), at))
            .collect();
        let wake = super::timers::next_wake(self, session, at);
        session.version = self.backend.save_and_publish(session, updates, wake).await?;
        for event in &events {
            lifecycle_metrics::observe(session, event, at);
        }
        Ok(())
    }

    /// Publishes an event of `session` through the backend (to every replica's subscribers).
    pub(super) async fn emit(&self, session: &Session, event: HandoverEvent) -> Result<(), StoreError> {
        let at = now();
        lifecycle_metrics::observe(session, &event, at);
        self.backend.publish(update_of(session, event, at)).await?;
        Ok(())
    }
}

/// `event` of `session` at `at`, as published (the backend gives it its id).
fn update_of(session: &Session, event: HandoverEvent, at: Timestamp) -> HandoverUpdate {
    tracing::debug!(conversation = %session.conversation_id, ?event, "handover event");
    HandoverUpdate {
        conversation_id: session.conversation_id.clone(),
        handover_id: session.handover_id.clone(),
        at,
        event,
        event_id: 0,
    }
}

/// The span every log line about one conversation's handover sits in: `conversation`, and
/// the `handover` and `thread` ids once the session holding them is loaded or saved. Every
/// entry point (the provider's methods, Engage's SDK calls and webhook events, the timers)
/// runs in one.
pub(super) fn span(conversation: &ConversationId) -> tracing::Span {
    tracing::info_span!(
        "handover",
        conversation = %conversation,
        handover = tracing::field::Empty,
        thread = tracing::field::Empty,
    )
}

/// Records the ids of `session` in the current [`span`] (nothing when it is not in one).
pub(super) fn record_ids(session: &Session) {
    let span = tracing::Span::current();
    span.record("handover", tracing::field::display(&session.handover_id));
    if let Some(thread) = &session.thread_id {
        span.record("thread", tracing::field::display(thread));
    }
}

pub(crate) use crate::handover::backend::{now, now_ms};

/// The provider behind one of Engage's callers; its timers run from the first call on.
pub(super) fn upgrade(weak: &Weak<Inner>) -> Result<Arc<Inner>, HandlerError> {
    let inner = weak
        .upgrade()
        .ok_or_else(|| HandlerError::internal("the handover provider was dropped"))?;
    inner.run_timers();
    Ok(inner)
}

/// The language of the user's sentences, from the request's language tag (English by default).
pub(super) fn language(tag: Option<&str>) -> Language {
    match tag.map(|t| t.get(..2).unwrap_or(t).to_ascii_lowercase()) {
        Some(l) if l == "fr" => Language::French,
        _ => Language::English,
    }
}

/// A backend failure as the SDK endpoint's answer: 503 while the backend is unreachable, 500
/// otherwise; Engage retries both.
pub(super) fn store_error(error: crate::handover::StoreError) -> HandlerError {
    match error {
        crate::handover::StoreError::Unavailable(_) => HandlerError::Server {
            status: http::StatusCode::SERVICE_UNAVAILABLE,
            message: error.to_string(),
        },
        other => HandlerError::internal(other),
    }
}
