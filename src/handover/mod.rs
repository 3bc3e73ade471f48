//! Handing a conversation from a bot to human agents, and taking it back.
//!
//! [`HandoverProvider`] is the contract a bot is written against; nothing in it is specific to
//! Engage. [`EngageHandover`] implements it on Engage Digital (configured with
//! [`EngageConfig`]); the `testing` module (feature `testing`) has a scripted fake for unit
//! tests; any other contact center can implement it too (see the trait's docs). The trait's
//! types are this module's own ([`Attachment`], [`AgentInfo`], [`HandoverEvent`], ...) plus the
//! provider-neutral queue model of [`queue`](crate::queue); what a provider needs beyond them
//! travels in [`ProviderData`] and its errors in [`HandoverError::Provider`].
//!
//! # What a bot can rely on
//!
//! - **One live handover per conversation.** A [`start`](HandoverProvider::start) while one is
//!   live returns it (`existing` set), so a retried start never opens a second; after the
//!   end, a start opens a new handover, whatever its
//!   [`idempotency_key`](HandoverRequest::idempotency_key).
//! - **Events in order, each once.** Events of one conversation arrive in order on
//!   [`events`](HandoverProvider::events); an agent message re-delivered by Engage (its
//!   `retry` flag, or the same content id) is relayed once, and duplicate webhook deliveries
//!   are dropped (the receiver remembers event ids for
//!   [`WebhookConfig::dedup_ttl`](crate::webhook::WebhookConfig::dedup_ttl), 24 hours by
//!   default, in a bounded store). [`HandoverEvent::Ended`] is emitted exactly once per
//!   handover, whoever ended it.
//! - **No user message lost or doubled.** Every message pushed to Engage carries a stable id
//!   (the transcript's lines, the request's message, and the bot's `client_message_id` of
//!   [`send_message`](HandoverProvider::send_message)), so a retry is stored once by Engage.
//!   A message the Send API did not take stays in the session's **outbox**: it is retried in
//!   order with capped backoff, and served to Engage's `messages.list` polling meanwhile;
//!   [`MessageReceipt::delivered`] says which case happened.
//! - **Failures are retried by Engage.** A webhook delivery the handover could not process is
//!   answered 500, and Engage delivers it again later.
//!
//! # Restarts and replicas
//!
//! Everything a handover needs between two calls lives behind one seam, a [`Backend`]:
//! sessions, the event log (each [`HandoverUpdate`] has an `event_id` that increases per
//! conversation, so a subscriber that reconnects asks
//! [`EngageHandover::events_since`] for what it missed), webhook deduplication, and the
//! timers and outbox retries (due times with leases, so exactly one process runs them).
//! With [`EngageHandover::new`] the backend is a [`MemoryBackend`]: fine for one process, but a
//! restart forgets live handovers (Engage's later calls about them are acknowledged and
//! logged, and the outbox goes with them). For restarts and several replicas, use the Redis
//! backend (feature `redis`, `backend::RedisBackend`) with [`EngageHandover::with_backend`],
//! and call [`EngageHandover::resume_all`] at start-up on every replica: any replica can then
//! answer any of Engage's calls, and a dead replica's timers are taken over by another.

mod attachment;
mod availability;
pub mod backend;
pub(crate) mod engage;
mod event;
mod inactivity;
mod provider;
mod request;
mod store;
mod thresholds;

pub use attachment::Attachment;
pub use availability::AvailabilityDetail;
pub use backend::{Backend, MemoryBackend};
pub use engage::{
    DateOrder, EngageConfig, EngageConfigBuilder, EngageHandover, MirrorMode, NoShowAction, TimeSheetError,
    DEFAULT_RECONCILE_AFTER,
};
pub use event::{
    AcceptMode, AfterEnd, AgentInfo, EndReason, EndedBy, HandoverEvent, HandoverStatus, HandoverUpdate,
};
pub use inactivity::UserInactivity;
pub use provider::{
    Availability, HandoverError, HandoverEvents, HandoverProvider, MessageReceipt, ProviderCapabilities,
    StartedHandover, UserMessage,
};
pub use request::{
    ConversationId, HandoverId, HandoverOptions, HandoverRequest, Priority, ProviderData, Routing, Speaker,
    TranscriptEntry,
};
pub use store::{MemorySessionStore, OutboxEntry, Session, SessionStore, StoreError, SEEN_IDS};
pub use thresholds::{QueueLimit, QueueThresholds, ThresholdAction};
