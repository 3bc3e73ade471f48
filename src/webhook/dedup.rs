//! Remembering which events were already handled: [`DedupStore`] and its in-memory
//! implementation, [`MemoryDedupStore`].

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use tokio::time::Instant;

use crate::models::EventId;

/// Why a [`DedupStore`] could not answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DedupError {
    /// The store is full of ids that may not be forgotten yet; the delivery should be retried
    /// later (the receiver answers 503).
    #[error("the deduplication store is full ({capacity} unexpired ids)")]
    Full {
        /// The store's capacity.
        capacity: usize,
    },
    /// A shared store (database, cache) failed.
    #[error("deduplication store error: {0}")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Where the receiver records the event ids it has handled.
///
/// The protocol is claim, then commit or release:
/// 1. [`claim`](DedupStore::claim) marks ids as being handled and says which ones are new;
///    a concurrent redelivery of a claimed id is reported as a duplicate;
/// 2. after the application took the events, [`commit`](DedupStore::commit) makes them
///    duplicates for the store's TTL;
/// 3. if it did not, [`release`](DedupStore::release) forgets the claims so a redelivery is
///    handled.
///
/// Implement it over a shared database to deduplicate across several receivers.
#[async_trait]
pub trait DedupStore: Send + Sync + 'static {
    /// Claims `ids`; returns one flag per id, `true` when the event is new and now claimed by
    /// the caller, `false` when it was handled already, is being handled, or appeared earlier
    /// in `ids`. Claims all-or-nothing: on error, nothing was claimed.
    async fn claim(&self, ids: &[EventId]) -> Result<Vec<bool>, DedupError>;

    /// Records claimed ids as handled.
    async fn commit(&self, ids: &[EventId]) -> Result<(), DedupError>;

    /// Drops claims on ids whose events were not handled. Handled ids are unaffected.
    async fn release(&self, ids: &[EventId]);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Claimed,
    Handled,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    state: State,
    at: Instant,
}

#[derive(Default)]
struct Inner {
    slots: HashMap<EventId, Slot>,
    /// `(id, time)` in time order; an item whose time no longer matches its slot is stale.
    order: VecDeque<(EventId, Instant)>,
}

/// An in-memory [`DedupStore`] with bounded memory.
///
/// Policy:
/// - a handled id is remembered for `ttl` after it was committed, and is **never** evicted
///   before that, whatever the pressure;
/// - a claim (an event being handled) blocks redeliveries for at most `claim_timeout`;
/// - the store holds at most `capacity` ids; when a claim would go past that and no id has
///   expired, the claim fails with [`DedupError::Full`] (back-pressure: the receiver answers
///   503 and Engage retries later, by which time ids have expired). Committing never fails,
///   so an id handled after its claim timed out may briefly take the store past `capacity`.
///
/// Time is read from `tokio::time::Instant`, so tests can use paused time.
pub struct MemoryDedupStore {
    inner: Mutex<Inner>,
    capacity: usize,
    ttl: Duration,
    claim_timeout: Duration,
}

impl fmt::Debug for MemoryDedupStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MemoryDedupStore")
            .field("len", &self.len())
            .field("capacity", &self.capacity)
            .field("ttl", &self.ttl)
            .field("claim_timeout", &self.claim_timeout)
            .finish()
    }
}

impl Slot {
    fn live(&self, now: Instant, ttl: Duration, claim_timeout: Duration) -> bool {
        let keep = match self.state {
            State::Claimed => claim_timeout,
            State::Handled => ttl,
        };
        now.saturating_duration_since(self.at) < keep
    }
}

impl MemoryDedupStore {
    /// A store remembering up to `capacity` ids, each for `ttl` after it was handled; claims
    /// expire after five minutes.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        MemoryDedupStore {
            inner: Mutex::new(Inner::default()),
            capacity: capacity.max(1),
            ttl,
            claim_timeout: Duration::from_secs(5 * 60),
        }
    }

    /// Sets how long an unfinished claim blocks redeliveries.
    pub fn with_claim_timeout(mut self, timeout: Duration) -> Self {
        self.claim_timeout = timeout;
        self
    }

    /// The number of ids held (claimed or handled, expired ones not yet dropped included).
    pub fn len(&self) -> usize {
        self.lock().slots.len()
    }

    /// Whether the store holds no id.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `id` was handled within the TTL (claims do not count).
    pub fn contains(&self, id: &EventId) -> bool {
        let now = Instant::now();
        self.lock()
            .slots
            .get(id)
            .is_some_and(|s| s.state == State::Handled && s.live(now, self.ttl, self.claim_timeout))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock cannot leave the maps inconsistent in a way that
        // matters for deduplication, so a poisoned lock is simply taken over.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Drops expired ids from the front of the time order, and stale order items.
    fn purge_front(&self, inner: &mut Inner, now: Instant) {
        while let Some((id, at)) = inner.order.front() {
            match inner.slots.get(id) {
                Some(slot) if slot.at == *at => {
                    if slot.live(now, self.ttl, self.claim_timeout) {
                        break;
                    }
                    inner.slots.remove(id);
                }
                _ => {}
            }
            inner.order.pop_front();
        }
        if inner.order.len() > 2 * self.capacity + 64 {
            let Inner { slots, order } = inner;
            order.retain(|(id, at)| slots.get(id).is_some_and(|s| s.at == *at));
        }
    }

    /// Drops every expired id (a full scan, run only when the store looks full).
    fn sweep(&self, inner: &mut Inner, now: Instant) {
        let (ttl, timeout) = (self.ttl, self.claim_timeout);
        inner.slots.retain(|_, s| s.live(now, ttl, timeout));
        let Inner { slots, order } = inner;
        order.retain(|(id, at)| slots.get(id).is_some_and(|s| s.at == *at));
    }
}

#[async_trait]
impl DedupStore for MemoryDedupStore {
    async fn claim(&self, ids: &[EventId]) -> Result<Vec<bool>, DedupError> {
        let now = Instant::now();
        let mut inner = self.lock();
        self.purge_front(&mut inner, now);

        let mut seen = HashSet::with_capacity(ids.len());
        let flags: Vec<bool> = ids
            .iter()
            .map(|id| {
                let free = inner
                    .slots
                    .get(id)
                    .is_none_or(|s| !s.live(now, self.ttl, self.claim_timeout));
                free && seen.insert(id)
            })
            .collect();
        let added = |inner: &Inner| seen.iter().filter(|id| !inner.slots.contains_key(**id)).count();
        if inner.slots.len() + added(&inner) > self.capacity {
            self.sweep(&mut inner, now);
            if inner.slots.len() + added(&inner) > self.capacity {
                tracing::warn!(
                    capacity = self.capacity,
                    "webhook dedup store full of unexpired ids; refusing the delivery"
                );
                return Err(DedupError::Full {
                    capacity: self.capacity,
                });
            }
        }
        for id in seen {
            inner.slots.insert(
                id.clone(),
                Slot {
                    state: State::Claimed,
                    at: now,
                },
            );
            inner.order.push_back((id.clone(), now));
        }
        Ok(flags)
    }

    async fn commit(&self, ids: &[EventId]) -> Result<(), DedupError> {
        let now = Instant::now();
        let mut inner = self.lock();
        for id in ids {
            let slot = Slot {
                state: State::Handled,
                at: now,
            };
            match inner.slots.get_mut(id) {
                Some(existing) => *existing = slot,
                None => {
                    inner.slots.insert(id.clone(), slot);
                }
            }
            inner.order.push_back((id.clone(), now));
        }
        Ok(())
    }

    async fn release(&self, ids: &[EventId]) {
        let mut inner = self.lock();
        for id in ids {
            if inner.slots.get(id).is_some_and(|s| s.state == State::Claimed) {
                inner.slots.remove(id);
            }
        }
    }
}
