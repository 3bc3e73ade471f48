//! [`MemoryBackend`]: the default [`Backend`], in process memory (one replica; a restart
//! keeps only what its [`SessionStore`] keeps).

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;

use super::{ms, Backend, EventBus, Lease};
use crate::handover::event::HandoverUpdate;
use crate::handover::provider::HandoverEvents;
use crate::handover::request::ConversationId;
use crate::handover::store::{MemorySessionStore, Session, SessionStore, StoreError};
use crate::webhook::{DedupStore, MemoryDedupStore, WebhookConfig};

/// Events kept per conversation for [`Backend::events_since`], by default.
pub const DEFAULT_EVENTS_KEPT: usize = 256;

/// Conversations whose events are kept, by default (the least recently active go first).
pub const DEFAULT_EVENT_LOGS: usize = 10_000;

/// Handover state in process memory.
///
/// - sessions live in a [`SessionStore`] ([`MemorySessionStore`] unless
///   [`with_store`](Self::with_store) gives another one);
/// - webhook event ids are deduplicated by a bounded [`MemoryDedupStore`];
/// - events go to this process's subscribers; the last [`events_kept`](Self::events_kept)
///   events of the last [`event_logs`](Self::event_logs) active conversations are kept for
///   [`events_since`](Backend::events_since) (older ones are dropped: memory stays bounded);
/// - timers and outbox retries are due times in memory.
///
/// Clones share everything.
#[derive(Debug, Clone)]
pub struct MemoryBackend {
    inner: Arc<Inner>,
}

struct Inner {
    sessions: Arc<dyn SessionStore>,
    bus: EventBus,
    logs: Mutex<Logs>,
    /// Held while an event gets its id and is delivered, so delivery follows id order.
    publishing: tokio::sync::Mutex<()>,
    due: Mutex<Due>,
    wake: tokio::sync::Notify,
    events_kept: usize,
    event_logs: usize,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MemoryBackend")
            .field("events_kept", &self.events_kept)
            .field("event_logs", &self.event_logs)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, Default)]
struct Logs {
    by_conversation: HashMap<ConversationId, Log>,
    /// Conversations by last activity (a tick of `clock`), least recent first.
    by_activity: BTreeMap<u64, ConversationId>,
    clock: u64,
}

#[derive(Debug, Default)]
struct Log {
    last_id: u64,
    touched: u64,
    events: VecDeque<HandoverUpdate>,
}

#[derive(Debug, Default)]
struct Due {
    order: BTreeSet<(i64, ConversationId)>,
    at: HashMap<ConversationId, i64>,
    leases: HashMap<ConversationId, i64>,
    /// Wake-ups asked while a lease was held, merged when it is settled.
    pending: HashMap<ConversationId, i64>,
}

impl Due {
    fn set(&mut self, conversation: &ConversationId, at: i64) {
        if let Some(old) = self.at.insert(conversation.clone(), at) {
            self.order.remove(&(old, conversation.clone()));
        }
        self.order.insert((at, conversation.clone()));
    }

    /// Wakes `conversation` at `at` or earlier; while it is leased, merged at settling.
    fn schedule(&mut self, conversation: &ConversationId, at: i64) {
        if self.leases.contains_key(conversation) {
            let pending = self.pending.entry(conversation.clone()).or_insert(at);
            *pending = (*pending).min(at);
        } else {
            let at = self.at.get(conversation).map_or(at, |old| (*old).min(at));
            self.set(conversation, at);
        }
    }

    fn remove(&mut self, conversation: &ConversationId) {
        if let Some(old) = self.at.remove(conversation) {
            self.order.remove(&(old, conversation.clone()));
        }
    }
}

impl Default for MemoryBackend {
    fn default() -> Self {
        MemoryBackend::new()
    }
}

impl MemoryBackend {
    /// A backend with its own [`MemorySessionStore`].
    pub fn new() -> Self {
        MemoryBackend::with_store(Arc::new(MemorySessionStore::new()))
    }

    /// A backend keeping sessions in `store` (a store of your own that survives restarts).
    pub fn with_store(store: Arc<dyn SessionStore>) -> Self {
        MemoryBackend::build(store, 1024, DEFAULT_EVENTS_KEPT, DEFAULT_EVENT_LOGS)
    }

    fn build(sessions: Arc<dyn SessionStore>, buffer: usize, events_kept: usize, event_logs: usize) -> Self {
        MemoryBackend {
            inner: Arc::new(Inner {
                sessions,
                bus: EventBus::new(buffer),
                logs: Mutex::default(),
                publishing: tokio::sync::Mutex::new(()),
                due: Mutex::default(),
                wake: tokio::sync::Notify::new(),
                events_kept,
                event_logs,
            }),
        }
    }

    fn rebuild(self, change: impl FnOnce(&mut (usize, usize, usize))) -> Self {
        let mut sizes = (
            self.inner.bus.buffer(),
            self.inner.events_kept,
            self.inner.event_logs,
        );
        change(&mut sizes);
        let (buffer, kept, logs) = sizes;
        MemoryBackend::build(
            Arc::clone(&self.inner.sessions),
            buffer.max(1),
            kept.max(1),
            logs.max(1),
        )
    }

    /// How many events each subscriber may have waiting before publishing waits for it
    /// (default 1024).
    pub fn event_buffer(self, events: usize) -> Self {
        self.rebuild(|s| s.0 = events)
    }

    /// How many events are kept per conversation for `events_since` (default 256).
    pub fn events_kept(self, events: usize) -> Self {
        self.rebuild(|s| s.1 = events)
    }

    /// How many conversations' events are kept (default 10,000; the least recently active
    /// conversation's log is dropped first).
    pub fn event_logs(self, conversations: usize) -> Self {
        self.rebuild(|s| s.2 = conversations)
    }

    /// How many conversations have an event log now (at most [`event_logs`](Self::event_logs)).
    pub fn event_log_count(&self) -> usize {
        lock(&self.inner.logs).by_conversation.len()
    }

    /// How many conversations are waiting for a wake-up (timers, outbox).
    pub fn scheduled_count(&self) -> usize {
        lock(&self.inner.due).at.len()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[async_trait]
impl SessionStore for MemoryBackend {
    async fn load(&self, conversation: &ConversationId) -> Result<Option<Session>, StoreError> {
        self.inner.sessions.load(conversation).await
    }

    async fn save(&self, session: &Session) -> Result<u64, StoreError> {
        self.inner.sessions.save(session).await
    }

    async fn find_by_thread(&self, thread_id: &str) -> Result<Option<ConversationId>, StoreError> {
        self.inner.sessions.find_by_thread(thread_id).await
    }

    async fn active(&self) -> Result<Vec<ConversationId>, StoreError> {
        self.inner.sessions.active().await
    }
}

#[async_trait]
impl Backend for MemoryBackend {
    fn dedup_store(&self, config: &WebhookConfig) -> Arc<dyn DedupStore> {
        Arc::new(
            MemoryDedupStore::new(config.get_dedup_capacity(), config.get_dedup_ttl())
                .with_claim_timeout(config.get_dedup_claim_timeout()),
        )
    }

    async fn publish(&self, mut update: HandoverUpdate) -> Result<u64, StoreError> {
        let _order = self.inner.publishing.lock().await;
        {
            let mut logs = lock(&self.inner.logs);
            logs.clock += 1;
            let tick = logs.clock;
            let log = logs
                .by_conversation
                .entry(update.conversation_id.clone())
                .or_default();
            let previous = std::mem::replace(&mut log.touched, tick);
            log.last_id += 1;
            update.event_id = log.last_id;
            if log.events.len() >= self.inner.events_kept {
                log.events.pop_front();
            }
            log.events.push_back(update.clone());
            logs.by_activity.remove(&previous);
            logs.by_activity.insert(tick, update.conversation_id.clone());
            while logs.by_conversation.len() > self.inner.event_logs {
                let Some((_, oldest)) = logs.by_activity.pop_first() else {
                    break;
                };
                logs.by_conversation.remove(&oldest);
            }
        }
        let id = update.event_id;
        self.inner.bus.emit(update).await;
        Ok(id)
    }

    fn subscribe(&self) -> HandoverEvents {
        self.inner.bus.subscribe()
    }

    async fn events_since(
        &self,
        conversation: &ConversationId,
        last_event_id: u64,
    ) -> Result<Vec<HandoverUpdate>, StoreError> {
        Ok(lock(&self.inner.logs)
            .by_conversation
            .get(conversation)
            .map(|log| {
                log.events
                    .iter()
                    .filter(|e| e.event_id > last_event_id)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default())
    }

    async fn schedule(&self, conversation: &ConversationId, due_ms: i64) -> Result<(), StoreError> {
        lock(&self.inner.due).schedule(conversation, due_ms);
        self.inner.wake.notify_one();
        Ok(())
    }

    async fn take_due(&self, now_ms: i64, lease: Duration, max: usize) -> Result<Vec<Lease>, StoreError> {
        let mut due = lock(&self.inner.due);
        let until = now_ms.saturating_add(ms(lease));
        let ready: Vec<ConversationId> = due
            .order
            .iter()
            .take_while(|(at, _)| *at <= now_ms)
            .take(max)
            .map(|(_, c)| c.clone())
            .collect();
        Ok(ready
            .into_iter()
            .map(|conversation| {
                due.set(&conversation, until);
                due.leases.insert(conversation.clone(), until);
                Lease::new(conversation, until)
            })
            .collect())
    }

    async fn settle(&self, lease: &Lease, next_ms: Option<i64>) -> Result<(), StoreError> {
        let conversation = &lease.conversation_id;
        let mut due = lock(&self.inner.due);
        if due.leases.get(conversation) != Some(&lease.until_ms) {
            // Taken over meanwhile: the new holder settles it; only our wish is added.
            if let Some(next) = next_ms {
                due.schedule(conversation, next);
                drop(due);
                self.inner.wake.notify_one();
            }
            return Ok(());
        }
        due.leases.remove(conversation);
        let pending = due.pending.remove(conversation);
        // Scheduled directly meanwhile (the lease had run out): that wish stays too.
        let direct = due
            .at
            .get(conversation)
            .copied()
            .filter(|at| *at != lease.until_ms);
        match next_ms.into_iter().chain(pending).chain(direct).min() {
            Some(at) => due.set(conversation, at),
            None => due.remove(conversation),
        }
        drop(due);
        self.inner.wake.notify_one();
        Ok(())
    }

    async fn next_due_ms(&self) -> Option<i64> {
        lock(&self.inner.due).order.first().map(|(at, _)| *at)
    }

    fn poll_interval(&self) -> Option<Duration> {
        None
    }

    async fn scheduled(&self) {
        self.inner.wake.notified().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handover::event::HandoverEvent;
    use crate::handover::request::HandoverId;
    use futures_util::StreamExt;

    fn update(conversation: &str, n: usize) -> HandoverUpdate {
        HandoverUpdate {
            conversation_id: conversation.into(),
            handover_id: HandoverId::new("h"),
            at: time::OffsetDateTime::now_utc(),
            event: HandoverEvent::Notice { text: n.to_string() },
            event_id: 0,
        }
    }

    #[tokio::test]
    async fn events_get_increasing_ids_per_conversation_and_can_be_replayed() {
        let backend = MemoryBackend::new();
        let mut events = backend.subscribe();
        for n in 0..6 {
            let conversation = if n % 2 == 0 { "a" } else { "b" };
            assert_eq!(
                backend.publish(update(conversation, n)).await.unwrap(),
                (n / 2 + 1) as u64
            );
        }
        let first = events.next().await.unwrap();
        assert_eq!((first.conversation_id.as_str(), first.event_id), ("a", 1));
        let missed = backend.events_since(&"a".into(), 1).await.unwrap();
        assert_eq!(missed.iter().map(|u| u.event_id).collect::<Vec<_>>(), vec![2, 3]);
        assert!(backend.events_since(&"none".into(), 0).await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn event_logs_stay_bounded() {
        let backend = MemoryBackend::new().events_kept(3).event_logs(10);
        for n in 0..1_000 {
            backend.publish(update(&format!("c{}", n % 50), n)).await.unwrap();
            backend.publish(update("busy", n)).await.unwrap();
        }
        assert!(backend.event_log_count() <= 10);
        let kept = backend.events_since(&"busy".into(), 0).await.unwrap();
        assert_eq!(
            kept.iter().map(|u| u.event_id).collect::<Vec<_>>(),
            vec![998, 999, 1000]
        );
    }

    #[tokio::test]
    async fn wake_ups_are_leased_settled_and_removed_when_nothing_is_due() {
        let backend = MemoryBackend::new();
        let lease = Duration::from_millis(100);
        for n in 0..100 {
            backend
                .schedule(&format!("c{n}").as_str().into(), 10 + n)
                .await
                .unwrap();
        }
        backend.schedule(&"c0".into(), 50).await.unwrap(); // later than the first ask: kept at 10
        assert_eq!(backend.next_due_ms().await, Some(10));
        let taken = backend.take_due(200, lease, 1_000).await.unwrap();
        assert_eq!(taken.len(), 100);
        assert!(backend.take_due(250, lease, 1_000).await.unwrap().is_empty());
        // Asked while leased: merged at settling.
        backend.schedule(&"c1".into(), 400).await.unwrap();
        for lease in &taken {
            backend.settle(lease, None).await.unwrap();
        }
        assert_eq!(backend.scheduled_count(), 1);
        assert_eq!(
            backend.take_due(400, lease, 10).await.unwrap()[0]
                .conversation_id
                .as_str(),
            "c1"
        );
        // Not settled (its holder died): due again when the lease runs out.
        assert_eq!(backend.take_due(500, lease, 10).await.unwrap().len(), 1);
    }
}
