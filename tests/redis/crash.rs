//! A replica that dies as a SIGKILL would make it die: a [`Backend`] in front of Redis that,
//! once dead, never answers again (nothing flushed, nothing released, leases left to run out),
//! while what it already wrote stays in Redis.
#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use ringcentral_engage::handover::backend::{Backend, Lease, RedisBackend};
use ringcentral_engage::handover::{
    ConversationId, HandoverEvents, HandoverUpdate, Session, SessionStore, StoreError,
};
use ringcentral_engage::models::EventId;
use ringcentral_engage::webhook::{DedupError, DedupStore, WebhookConfig};

/// When the replica dies.
#[derive(Debug)]
pub struct Crash {
    dead: AtomicBool,
    /// Writes to Redis it still makes; the next one finds it dead.
    writes_left: Option<AtomicUsize>,
    /// Dies as soon as its timer runner holds a lease.
    on_lease: bool,
}

impl Crash {
    /// Dies just before its `writes`-th write to Redis reaches Redis (0: before the first;
    /// taking due timers is not counted).
    pub fn before_write(writes: usize) -> Arc<Crash> {
        Arc::new(Crash {
            dead: AtomicBool::new(false),
            writes_left: Some(AtomicUsize::new(writes)),
            on_lease: false,
        })
    }

    /// Dies once it took a lease on a due conversation (its timers and outbox).
    pub fn holding_a_lease() -> Arc<Crash> {
        Arc::new(Crash {
            dead: AtomicBool::new(false),
            writes_left: None,
            on_lease: true,
        })
    }

    /// Whether it died.
    pub fn is_dead(&self) -> bool {
        self.dead.load(Ordering::SeqCst)
    }

    /// Dies now.
    pub fn kill(&self) {
        self.dead.store(true, Ordering::SeqCst);
    }

    /// Never returns once dead: the process is gone.
    async fn alive(&self) {
        if self.is_dead() {
            std::future::pending::<()>().await;
        }
    }

    /// Before a write: dies when its writes are used up.
    async fn write(&self) {
        if let Some(left) = &self.writes_left {
            let before = left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1));
            if before.is_err() {
                self.kill();
            }
        }
        self.alive().await;
    }
}

/// A replica's backend that dies as `crash` says.
#[derive(Debug, Clone)]
pub struct Dying {
    redis: RedisBackend,
    crash: Arc<Crash>,
    loads: Option<Arc<Loads>>,
}

impl Dying {
    /// `redis`, until `crash`.
    pub fn new(redis: RedisBackend, crash: Arc<Crash>) -> Self {
        Dying {
            redis,
            crash,
            loads: None,
        }
    }

    /// Every session load takes `loads`' delay more, and is counted while it runs.
    pub fn slow_loads(mut self, loads: Arc<Loads>) -> Self {
        self.loads = Some(loads);
        self
    }
}

/// Session loads in flight, slowed down: how many ran at once at most, and in all.
#[derive(Debug, Default)]
pub struct Loads {
    delay: Duration,
    now: AtomicUsize,
    /// The most loads in flight at once.
    pub max: AtomicUsize,
    /// Loads done.
    pub done: AtomicUsize,
}

impl Loads {
    /// Loads that each take `delay` more.
    pub fn new(delay: Duration) -> Arc<Loads> {
        Arc::new(Loads {
            delay,
            ..Loads::default()
        })
    }

    async fn run<T>(&self, load: impl std::future::Future<Output = T>) -> T {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.max.fetch_max(now, Ordering::SeqCst);
        tokio::time::sleep(self.delay).await;
        let loaded = load.await;
        self.now.fetch_sub(1, Ordering::SeqCst);
        self.done.fetch_add(1, Ordering::SeqCst);
        loaded
    }
}

#[async_trait]
impl SessionStore for Dying {
    async fn load(&self, conversation: &ConversationId) -> Result<Option<Session>, StoreError> {
        self.crash.alive().await;
        match &self.loads {
            Some(loads) => loads.run(self.redis.load(conversation)).await,
            None => self.redis.load(conversation).await,
        }
    }

    async fn save(&self, session: &Session) -> Result<u64, StoreError> {
        self.crash.write().await;
        self.redis.save(session).await
    }

    async fn find_by_thread(&self, thread_id: &str) -> Result<Option<ConversationId>, StoreError> {
        self.crash.alive().await;
        self.redis.find_by_thread(thread_id).await
    }

    async fn active(&self) -> Result<Vec<ConversationId>, StoreError> {
        self.crash.alive().await;
        self.redis.active().await
    }
}

#[async_trait]
impl Backend for Dying {
    fn dedup_store(&self, config: &WebhookConfig) -> Arc<dyn DedupStore> {
        Arc::new(DyingDedup {
            inner: self.redis.dedup_store(config),
            crash: Arc::clone(&self.crash),
        })
    }

    async fn publish(&self, update: HandoverUpdate) -> Result<u64, StoreError> {
        self.crash.write().await;
        self.redis.publish(update).await
    }

    async fn save_and_publish(
        &self,
        session: &Session,
        updates: Vec<HandoverUpdate>,
        wake_ms: Option<i64>,
    ) -> Result<u64, StoreError> {
        self.crash.write().await;
        self.redis.save_and_publish(session, updates, wake_ms).await
    }

    fn subscribe(&self) -> HandoverEvents {
        self.redis.subscribe()
    }

    async fn events_since(
        &self,
        conversation: &ConversationId,
        last_event_id: u64,
    ) -> Result<Vec<HandoverUpdate>, StoreError> {
        self.crash.alive().await;
        self.redis.events_since(conversation, last_event_id).await
    }

    async fn schedule(&self, conversation: &ConversationId, due_ms: i64) -> Result<(), StoreError> {
        self.crash.write().await;
        self.redis.schedule(conversation, due_ms).await
    }

    async fn take_due(&self, now_ms: i64, lease: Duration, max: usize) -> Result<Vec<Lease>, StoreError> {
        // The runner's polls are not counted in `before_write`: they come at any time, and
        // the count is meant for the writes of one call.
        self.crash.alive().await;
        let taken = self.redis.take_due(now_ms, lease, max).await?;
        if self.crash.on_lease && !taken.is_empty() {
            self.crash.kill();
            self.crash.alive().await;
        }
        Ok(taken)
    }

    async fn settle(&self, lease: &Lease, next_ms: Option<i64>) -> Result<(), StoreError> {
        self.crash.write().await;
        self.redis.settle(lease, next_ms).await
    }

    async fn next_due_ms(&self) -> Option<i64> {
        self.crash.alive().await;
        self.redis.next_due_ms().await
    }

    fn poll_interval(&self) -> Option<Duration> {
        self.redis.poll_interval()
    }

    async fn scheduled(&self) {
        self.crash.alive().await;
        self.redis.scheduled().await;
    }
}

/// The webhook dedup of a [`Dying`] replica: claims and commits are writes too.
struct DyingDedup {
    inner: Arc<dyn DedupStore>,
    crash: Arc<Crash>,
}

#[async_trait]
impl DedupStore for DyingDedup {
    async fn claim(&self, ids: &[EventId]) -> Result<Vec<bool>, DedupError> {
        self.crash.write().await;
        self.inner.claim(ids).await
    }

    async fn commit(&self, ids: &[EventId]) -> Result<(), DedupError> {
        self.crash.write().await;
        self.inner.commit(ids).await
    }

    async fn release(&self, ids: &[EventId]) {
        self.crash.write().await;
        self.inner.release(ids).await;
    }
}
