//! [`Backend`]: everything a handover needs between two calls, behind one seam, so that it
//! outlives the process that started it and can be shared by several replicas.
//!
//! | concern | [`MemoryBackend`] (default) | `RedisBackend` (feature `redis`) |
//! |---|---|---|
//! | sessions | a [`SessionStore`] (in memory by default) | one key per conversation, compare-and-set on `version` |
//! | webhook dedup | bounded in-memory [`DedupStore`] | `SET NX` with a horizon (default 25 h) |
//! | events | in-process fan-out + bounded log per conversation | the same, shared by every replica |
//! | timers, outbox | due times in memory | due times in a sorted set, with leases |
//!
//! Timers (queue watch, agent no-show) and outbox retries are *wake-ups*: a conversation is
//! [`schedule`](Backend::schedule)d for a time; a runner takes what is due with a lease
//! ([`take_due`](Backend::take_due)), does the work and [`settle`](Backend::settle)s the next
//! wake-up. When the replica holding a lease dies, the conversation is due again when the
//! lease runs out and another replica takes it.

mod bus;
mod clock;
mod memory;
#[cfg(feature = "redis")]
mod redis;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

pub(crate) use bus::EventBus;
pub(crate) use clock::{millis, ms, now, now_ms};
pub use memory::{MemoryBackend, DEFAULT_EVENTS_KEPT, DEFAULT_EVENT_LOGS};
#[cfg(feature = "redis")]
pub use redis::{RedisBackend, RedisBackendBuilder, RedisRateBudget};

use super::event::HandoverUpdate;
use super::provider::HandoverEvents;
use super::request::ConversationId;
use super::store::{Session, SessionStore, StoreError};
use crate::webhook::{DedupStore, WebhookConfig};

/// A conversation taken from the due set by [`Backend::take_due`]: the taker owns its timers
/// and outbox until `until_ms`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Lease {
    /// The conversation.
    pub conversation_id: ConversationId,
    /// When the lease runs out (milliseconds since the Unix epoch).
    pub until_ms: i64,
}

impl Lease {
    /// A lease on `conversation` until `until_ms` (milliseconds since the Unix epoch).
    pub fn new(conversation: ConversationId, until_ms: i64) -> Self {
        Lease {
            conversation_id: conversation,
            until_ms,
        }
    }
}

/// Where handovers keep their state, events, deduplication and wake-ups.
///
/// Every operation returns a [`StoreError`] on failure, never panics; the handover answers
/// Engage's calls 5xx then, so Engage retries and nothing acknowledged is lost.
#[async_trait]
pub trait Backend: SessionStore + std::fmt::Debug {
    /// The store deduplicating webhook events (built from the receiver's `config`).
    fn dedup_store(&self, config: &WebhookConfig) -> Arc<dyn DedupStore>;

    /// Gives `update` the next event id of its conversation, keeps it for
    /// [`events_since`](Self::events_since) and delivers it to every subscriber (on every
    /// replica), once each, in order per conversation. Returns the id.
    async fn publish(&self, update: HandoverUpdate) -> Result<u64, StoreError>;

    /// Saves `session` (compare-and-set on its version, as [`SessionStore::save`]),
    /// [`publish`](Self::publish)es `updates`, events of that session, and
    /// [`schedule`](Self::schedule)s its next wake-up at `wake_ms` when given, as one step: a
    /// process that dies meanwhile leaves all or nothing, never a change saved but not
    /// announced (which a retry, finding the change done, would not announce again) or
    /// without its timers. Returns the new version.
    ///
    /// The default saves, then publishes, then schedules: right for backends whose events and
    /// wake-ups die with the process anyway (in memory).
    async fn save_and_publish(
        &self,
        session: &Session,
        updates: Vec<HandoverUpdate>,
        wake_ms: Option<i64>,
    ) -> Result<u64, StoreError> {
        let version = self.save(session).await?;
        for update in updates {
            self.publish(update).await?;
        }
        if let Some(at) = wake_ms {
            self.schedule(&session.conversation_id, at).await?;
        }
        Ok(version)
    }

    /// Every event published from now on.
    fn subscribe(&self) -> HandoverEvents;

    /// The kept events of `conversation` whose id is above `last_event_id`, oldest first.
    async fn events_since(
        &self,
        conversation: &ConversationId,
        last_event_id: u64,
    ) -> Result<Vec<HandoverUpdate>, StoreError>;

    /// Asks for `conversation` to be woken at `due_ms` (milliseconds since the Unix epoch), or
    /// earlier if it already is.
    async fn schedule(&self, conversation: &ConversationId, due_ms: i64) -> Result<(), StoreError>;

    /// Takes up to `max` conversations due at `now_ms`, each leased for `lease`; a lease that
    /// ran out (its holder died) is taken over.
    async fn take_due(&self, now_ms: i64, lease: Duration, max: usize) -> Result<Vec<Lease>, StoreError>;

    /// Ends `lease`: the conversation is next woken at `next_ms`, or at a time asked with
    /// [`schedule`](Self::schedule) meanwhile if earlier; with neither it leaves the due set.
    async fn settle(&self, lease: &Lease, next_ms: Option<i64>) -> Result<(), StoreError>;

    /// The earliest due time, when the backend knows it locally (memory); `None` otherwise.
    async fn next_due_ms(&self) -> Option<i64>;

    /// How often a runner asks for due conversations that other replicas scheduled; `None`
    /// when every wake-up is scheduled through this very backend object.
    fn poll_interval(&self) -> Option<Duration>;

    /// Resolves when something was scheduled through this backend object (the runner then
    /// looks again at what is due).
    async fn scheduled(&self);
}
