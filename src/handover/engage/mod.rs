//! [`EngageHandover`]: the [`HandoverProvider`] for RingCentral Engage Digital.
//!
//! # How a handover runs
//!
//! 1. **Start.** The contact profile becomes an Engage user (`profile` module). The transcript
//!    and the user's message are pushed with the Send API (`messages.create`), each with an id
//!    stable per conversation line (see "A second handover" on [`EngageHandover`]) so neither a
//!    retry nor a later handover stores a line twice, in the thread whose foreign id is the
//!    conversation id. The Engage thread is looked up by that
//!    foreign id (`q=foreign:... source:...`, retried while Engage imports) and recategorized
//!    from Bot to Agent (plus extra and routing categories). An optional availability check
//!    (`GET /status`) runs first: with no agent available nothing is sent and the handover
//!    is `Failed` (retryable). A `start` while a handover is live returns it; after a retryable
//!    failure, or a start cut short by a restart, `start` runs again under the same handover id
//!    (same message ids: nothing is stored twice); after an end it opens a new handover.
//! 2. **Queue.** `messaging.queuing_update` actions on the SDK endpoint become
//!    [`HandoverEvent::Queued`] (stale ones dropped), with a sentence for the user when the
//!    request asked for announcements.
//! 3. **Agent.** `intervention.opened` / `intervention.assigned` webhooks make
//!    [`HandoverEvent::AgentJoined`] (the name comes from `GET /users/{id}`, cached); agent
//!    replies (`messages.create` on the SDK endpoint) become [`HandoverEvent::AgentMessage`]
//!    once each, whatever Engage's `retry` re-deliveries.
//! 4. **User.** Messages go out with the Send API; failures stay in the session's outbox and
//!    are retried in order with backoff, and are also served to Engage's `messages.list`
//!    polling, so none is lost. Typing is throttled to Engage's limit.
//! 5. **End.** `intervention.closed` / `content.thread_closed` webhooks, the bot or the user
//!    (closing the intervention, or cancelling while queued) end the handover; the thread goes
//!    back to the Bot category when configured; [`HandoverEvent::Ended`] is emitted exactly once.
//!
//! Calls and events for threads that have no handover are acknowledged (2xx) and ignored with
//! a log line, never an error to Engage; an agent content is accepted whatever it holds (no
//! text, attachments or structured content only, a body longer than what may be sent).
//!
//! Routing signals (`task.taken`, `task.supervisor_assigned`, `task.transferred`,
//! `task.expired_from_step`, `task.undelivered`, `task.completed`) become typed events:
//! `AgentAccepted`, `AgentChanged`, `RoutingStepExpired`, `Undelivered`, `AgentCompleted`.
//! Webhook events about a handover's thread that the provider does not act on (other
//! `task.*`, `content.*`, ...) are passed on as [`HandoverEvent::Raw`].
//!
//! [`HandoverEvent::Raw`]: crate::handover::HandoverEvent::Raw
//!
//! [`HandoverEvent::Queued`]: crate::handover::HandoverEvent::Queued
//! [`HandoverEvent::AgentJoined`]: crate::handover::HandoverEvent::AgentJoined
//! [`HandoverEvent::AgentMessage`]: crate::handover::HandoverEvent::AgentMessage
//! [`HandoverEvent::Ended`]: crate::handover::HandoverEvent::Ended

mod availability;
mod business_hours;
mod config;
mod features;
mod fingerprint;
mod http;
mod inactivity;
mod inbound;
mod lifecycle;
mod lifecycle_metrics;
mod locks;
mod names;
mod outbound;
mod queue_thresholds;
mod reconcile;
mod task_signals;
#[cfg(test)]
mod test_session;
mod time_zones;
mod timers;

use std::sync::atomic::AtomicBool;
use std::sync::Arc;

use async_trait::async_trait;

pub use business_hours::{DateOrder, TimeSheetError};
pub use config::{EngageConfig, EngageConfigBuilder, MirrorMode, NoShowAction};
pub use reconcile::DEFAULT_RECONCILE_AFTER;

use self::locks::{LockGuard, LockMap};
use super::backend::{Backend, MemoryBackend};
use super::event::{EndedBy, HandoverEvent, HandoverStatus, HandoverUpdate};
use super::provider::{
    Availability, HandoverError, HandoverEvents, HandoverProvider, MessageReceipt, ProviderCapabilities,
    StartedHandover, UserMessage,
};
use super::request::{ConversationId, HandoverRequest, Routing};
use super::store::{Session, SessionStore, StoreError};
use crate::models::Timestamp;
use crate::sdk::endpoint::SdkEndpoint;
use crate::webhook::WebhookReceiver;

/// How many times [`Inner::update`] loads a session again after losing a save to another writer.
pub(super) const CONFLICT_RETRIES: usize = 5;

/// Hands conversations to agents in Engage Digital. Cheap to clone.
///
/// Serve its two endpoints with [`handle`](Self::handle) or, with feature `axum`,
/// [`router`](Self::router): the Source SDK endpoint (the source's Base URI) and the webhook.
/// See [`inbound`](crate::inbound) for the limits to apply when serving them.
///
/// # A second handover in the same conversation
///
/// The Engage thread of a conversation is found by its foreign id, the conversation id, so
/// every handover of a conversation lands in the same thread, which already holds what earlier
/// handovers pushed and what agents wrote. When a handover starts:
///
/// - each transcript line (and the user's message) gets an id made of the conversation, the
///   speaker, the text and how many times that speaker said that text before in the
///   transcript: the same line gets the same id in every handover, and Engage stores an id
///   once;
/// - lines of [`Speaker::Agent`] are never pushed (agents wrote them in Engage; pushing them
///   would show an agent's words as the bot's), in the transcript and in
///   [`mirror`](Self::mirror) alike;
/// - when an earlier handover of the conversation had a thread, its contents are read
///   (`GET /contents?q=thread:...`, at most 1,000) and each user or bot line whose text the
///   thread already holds is skipped, once per held content: this covers the messages the user
///   sent during the earlier handover, which went out under their own ids. Should that read
///   fail, the stable ids still keep the earlier transcript from repeating.
///
/// [`Speaker::Agent`]: crate::handover::Speaker::Agent
#[derive(Clone)]
pub struct EngageHandover {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    config: EngageConfig,
    backend: Arc<dyn Backend>,
    locks: LockMap,
    agent_names: names::NameCache,
    /// Whether the task running timers and outbox retries was started.
    runner: AtomicBool,
    sdk: SdkEndpoint<inbound::SdkSide>,
    webhook: WebhookReceiver,
}

impl std::fmt::Debug for EngageHandover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EngageHandover")
            .field("source_id", &self.inner.config.source_id)
            .finish_non_exhaustive()
    }
}

impl EngageHandover {
    /// A provider keeping everything in memory ([`MemoryBackend`]).
    pub fn new(config: EngageConfig) -> Self {
        let backend = MemoryBackend::new().event_buffer(config.event_buffer);
        EngageHandover::with_backend(config, backend)
    }

    /// A provider keeping sessions in `store` and the rest in memory (reuse the store after a
    /// restart and call [`resume_all`](Self::resume_all)). For several replicas, use
    /// [`with_backend`](Self::with_backend) with a shared backend.
    pub fn with_store(config: EngageConfig, store: Arc<dyn SessionStore>) -> Self {
        let backend = MemoryBackend::with_store(store).event_buffer(config.event_buffer);
        EngageHandover::with_backend(config, backend)
    }

    /// A provider keeping its sessions, events, deduplication and timers in `backend`
    /// (`RedisBackend` with feature `redis`: any number of replicas share the handovers).
    /// Call [`resume_all`](Self::resume_all) at start-up, on every replica.
    pub fn with_backend(config: EngageConfig, backend: impl Backend) -> Self {
        let backend: Arc<dyn Backend> = Arc::new(backend);
        let inner = Arc::new_cyclic(|weak: &std::sync::Weak<Inner>| {
            // One set of inbound limits for both endpoints (the webhook config's): one gate for
            // large bodies, whichever endpoint they arrive on.
            let sdk = SdkEndpoint::new(&config.realtime_token, Arc::new(inbound::SdkSide(weak.clone())))
                .with_limits(config.webhook.get_limits().clone());
            let webhook = WebhookReceiver::with_dedup_store(
                config.webhook.clone(),
                inbound::WebhookSide(weak.clone()),
                backend.dedup_store(&config.webhook),
            );
            Inner {
                config,
                backend,
                locks: LockMap::default(),
                agent_names: names::NameCache::default(),
                runner: AtomicBool::new(false),
                sdk,
                webhook,
            }
        });
        EngageHandover { inner }
    }

    /// The events of `conversation` after the one with id `last_event_id` (0: all kept ones),
    /// oldest first: what a subscriber missed while disconnected. How many are kept depends on
    /// the backend (see [`MemoryBackend`] and `RedisBackend`).
    pub async fn events_since(
        &self,
        conversation: &ConversationId,
        last_event_id: u64,
    ) -> Result<Vec<HandoverUpdate>, HandoverError> {
        Ok(self
            .inner
            .backend
            .events_since(conversation, last_event_id)
            .await?)
    }

    /// The configuration.
    pub fn config(&self) -> &EngageConfig {
        &self.inner.config
    }

    /// Resumes every unfinished handover of the store (after a restart); returns how many.
    pub async fn resume_all(&self) -> Result<usize, HandoverError> {
        self.inner.run_timers();
        let active = self.inner.backend.active().await?;
        for conversation in &active {
            self.resume(conversation).await?;
        }
        Ok(active.len())
    }

    /// In [`MirrorMode::MirrorAll`], copies one line of a bot conversation to Engage (in the
    /// Bot category) before any handover. `message_id` must be unique in the conversation.
    pub async fn mirror(
        &self,
        conversation: &ConversationId,
        message_id: &str,
        speaker: super::request::Speaker,
        text: &str,
        user: &crate::sdk::objects::User,
    ) -> Result<(), HandoverError> {
        self.inner
            .mirror(conversation, message_id, speaker, text, user)
            .await
    }
}

impl Inner {
    /// Serializes work on one conversation within this process (other replicas are kept
    /// apart by the backend's compare-and-set on the session's version).
    async fn lock(&self, conversation: &ConversationId) -> LockGuard<'_> {
        self.locks.lock(conversation).await
    }

    async fn load(&self, conversation: &ConversationId) -> Result<Option<Session>, StoreError> {
        self.backend.load(conversation).await
    }

    async fn save(&self, session: &mut Session) -> Result<(), StoreError> {
        session.version = self.backend.save(session).await?;
        Ok(())
    }

    /// Applies `change` to `session` and saves it. When another writer (a second process on a
    /// shared store) saved the session in between, the fresh copy is loaded and `change` is
    /// applied to it instead, up to [`CONFLICT_RETRIES`] times: write `change` so that it is
    /// right for whatever copy it gets.
    async fn update(
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
    async fn update_announcing(
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
    async fn save_announcing(
        &self,
        session: &mut Session,
        events: Vec<HandoverEvent>,
    ) -> Result<(), StoreError> {
        let at = now();
        let updates = events
            .iter()
            .map(|event| self.update_of(session, event.clone(), at))
            .collect();
        let wake = timers::next_wake(self, session, at);
        session.version = self.backend.save_and_publish(session, updates, wake).await?;
        for event in &events {
            lifecycle_metrics::observe(session, event, at);
        }
        Ok(())
    }

    /// Publishes an event of `session` through the backend (to every replica's subscribers).
    async fn emit(&self, session: &Session, event: HandoverEvent) -> Result<(), StoreError> {
        let at = now();
        lifecycle_metrics::observe(session, &event, at);
        self.backend.publish(self.update_of(session, event, at)).await?;
        Ok(())
    }

    /// `event` of `session` at `at`, as published (the backend gives it its id).
    fn update_of(&self, session: &Session, event: HandoverEvent, at: Timestamp) -> HandoverUpdate {
        tracing::debug!(conversation = %session.conversation_id, ?event, "handover event");
        HandoverUpdate {
            conversation_id: session.conversation_id.clone(),
            handover_id: session.handover_id.clone(),
            at,
            event,
            event_id: 0,
        }
    }
}

pub(crate) fn now() -> Timestamp {
    time::OffsetDateTime::now_utc()
}

#[async_trait]
impl HandoverProvider for EngageHandover {
    fn capabilities(&self) -> ProviderCapabilities {
        ProviderCapabilities {
            availability_check: self.inner.config.checks_availability(),
            ..ProviderCapabilities::all()
        }
    }

    async fn check_availability(&self, _routing: &Routing) -> Availability {
        self.inner.check_availability().await
    }

    async fn start(&self, request: HandoverRequest) -> Result<StartedHandover, HandoverError> {
        self.inner.run_timers();
        self.inner.start(request).await
    }

    async fn send_message(
        &self,
        conversation: &ConversationId,
        message: UserMessage,
    ) -> Result<MessageReceipt, HandoverError> {
        self.inner.run_timers();
        self.inner.send_user_message(conversation, message).await
    }

    async fn send_user_typing(
        &self,
        conversation: &ConversationId,
        preview: Option<&str>,
    ) -> Result<(), HandoverError> {
        self.inner.send_user_typing(conversation, preview).await
    }

    async fn mark_read(&self, conversation: &ConversationId, message_id: &str) -> Result<(), HandoverError> {
        self.inner.mark_read(conversation, message_id).await
    }

    async fn cancel(&self, conversation: &ConversationId) -> Result<(), HandoverError> {
        self.inner.cancel(conversation).await
    }

    async fn end(&self, conversation: &ConversationId, by: EndedBy) -> Result<(), HandoverError> {
        self.inner.end(conversation, by).await
    }

    async fn status(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError> {
        Ok(self.inner.load(conversation).await?.map(|s| s.status))
    }

    fn events(&self) -> HandoverEvents {
        self.inner.backend.subscribe()
    }

    async fn resume(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError> {
        self.inner.run_timers();
        self.inner.resume(conversation).await
    }
}
