//! [`RedisBackend`] (feature `redis`): handovers shared by any number of replicas on one
//! Redis (6.2 or later), surviving restarts.
//!
//! Built on the `redis` crate's tokio [`ConnectionManager`](redis::aio::ConnectionManager): one
//! multiplexed connection that reconnects by itself, plus Lua scripts for every operation that
//! must be atomic.
//!
//! # Keys (all under the prefix, `engage` by default)
//!
//! | key | what | lifetime |
//! |---|---|---|
//! | `{p}:s:{conversation}` | hash: `v` version, `d` session JSON (without its empty fields), `n` event counter | kept while the handover has work left; expires [`finished_retention`](RedisBackendBuilder::finished_retention) (default 7 days) after it is done |
//! | `{p}:t:{thread}` | the conversation of an Engage thread | as its session |
//! | `{p}:active` | set of conversations with work left | members leave when done |
//! | `{p}:d:{event id}` | webhook dedup | [`dedup_horizon`](RedisBackendBuilder::dedup_horizon) (default 25 h) |
//! | `{p}:e:{conversation}` | last [`events_kept`](RedisBackendBuilder::events_kept) events | [`event_retention`](RedisBackendBuilder::event_retention) after the last event (default 24 h) |
//! | `{p}:events` | stream every replica reads | entries older than [`stream_retention`](RedisBackendBuilder::stream_retention) (default 60 s), and beyond about [`stream_length`](RedisBackendBuilder::stream_length) entries, are trimmed |
//! | `{p}:due`, `{p}:lease`, `{p}:pending` | wake-ups of timers and outbox retries | entries leave when nothing is due |
//! | `{p}:rate:{name}` | [`RedisRateBudget`] log | one window |
//!
//! # Memory
//!
//! Measured with `benches/redis_replicas.rs` (Redis 7.0, 10,000 handovers queued on 2
//! replicas, `MEMORY USAGE` per key): an idle queued handover takes about 2.3 KB: its
//! session hash about 0.9 KB (the session JSON without its empty fields, version, event
//! counter), its event log about 1.05 KB (its events so far: `Accepted`, `Queued` and Engage's
//! routing signals), its thread index about 0.1 KB, and its entries in the active and due sets
//! and webhook dedup keys about 0.15 KB. Right after a burst of openings, the stream that
//! carries events between replicas adds about 1 KB per handover until its entries are older
//! than [`stream_retention`](RedisBackendBuilder::stream_retention) (60 s): 3.3 KB in all,
//! measured 1 s after opening 10,000. The event log grows with the conversation (at most
//! [`events_kept`](RedisBackendBuilder::events_kept) events) and, like the session, expires
//! once the handover is over.
//!
//! # Timers
//!
//! A replica's runner looks for due conversations every
//! [`poll_interval`](RedisBackendBuilder::poll_interval) (default 1 s) and leases what it
//! takes for 10 s: when a replica dies, its conversations are taken over within about 11 s.

mod budget;
mod dedup;
mod encoding;
mod scripts;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{AsyncCommands, Script};

pub use budget::RedisRateBudget;

use super::{ms, now_ms, Backend, EventBus, Lease};
use crate::handover::event::HandoverUpdate;
use crate::handover::provider::HandoverEvents;
use crate::handover::request::ConversationId;
use crate::handover::store::{Session, SessionStore, StoreError};
use crate::webhook::{DedupStore, WebhookConfig};

/// Handover state in Redis, shared by every replica that connects with the same prefix.
///
/// ```no_run
/// # async fn run(config: ringcentral_engage::handover::EngageConfig) -> Result<(), Box<dyn std::error::Error>> {
/// use ringcentral_engage::handover::{backend::RedisBackend, EngageHandover};
///
/// let backend = RedisBackend::connect("redis://127.0.0.1:6379/0").await?; // or unix:///run/redis.sock
/// let handover = EngageHandover::with_backend(config, backend);
/// handover.resume_all().await?; // at start-up, on every replica
/// # Ok(()) }
/// ```
///
/// Clones share the connection. Every failure is a [`StoreError`]: `Unavailable` when Redis
/// cannot be reached (the connection comes back by itself), `Corrupt` for a session value
/// that does not decode (that conversation only).
#[derive(Clone)]
pub struct RedisBackend {
    shared: Arc<Shared>,
}

struct Shared {
    connection: ConnectionManager,
    url: String,
    keys: Keys,
    settings: Settings,
    bus: Arc<EventBus>,
    wake: tokio::sync::Notify,
    scripts: Scripts,
}

struct Scripts {
    commit: Script,
    schedule: Script,
    take_due: Script,
    settle: Script,
}

#[derive(Debug, Clone)]
struct Settings {
    dedup_horizon: Duration,
    finished_retention: Duration,
    events_kept: usize,
    event_retention: Duration,
    stream_length: usize,
    stream_retention: Duration,
    poll_interval: Duration,
    event_buffer: usize,
    timeout: Duration,
}

#[derive(Debug, Clone)]
pub(crate) struct Keys {
    prefix: String,
}

impl Keys {
    fn session(&self, conversation: &str) -> String {
        format!("{}:s:{conversation}", self.prefix)
    }
    fn thread(&self, thread: &str) -> String {
        format!("{}:t:{thread}", self.prefix)
    }
    fn active(&self) -> String {
        format!("{}:active", self.prefix)
    }
    pub(crate) fn dedup(&self, id: &str) -> String {
        format!("{}:d:{id}", self.prefix)
    }
    fn events(&self, conversation: &str) -> String {
        format!("{}:e:{conversation}", self.prefix)
    }
    fn stream(&self) -> String {
        format!("{}:events", self.prefix)
    }
    fn due(&self) -> String {
        format!("{}:due", self.prefix)
    }
    fn lease(&self) -> String {
        format!("{}:lease", self.prefix)
    }
    fn pending(&self) -> String {
        format!("{}:pending", self.prefix)
    }
    pub(crate) fn rate(&self, name: &str) -> String {
        format!("{}:rate:{name}", self.prefix)
    }
}

impl std::fmt::Debug for RedisBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisBackend")
            .field("url", &self.shared.url)
            .field("prefix", &self.shared.keys.prefix)
            .finish_non_exhaustive()
    }
}

/// Options of a [`RedisBackend`]; [`connect`](Self::connect) opens it.
#[derive(Debug, Clone)]
pub struct RedisBackendBuilder {
    url: String,
    prefix: String,
    settings: Settings,
}

impl RedisBackendBuilder {
    /// The prefix of every key (default `engage`), so several services share one Redis.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// How long a handled webhook event id is remembered (default 25 h: longer than Engage's
    /// redeliveries).
    pub fn dedup_horizon(mut self, horizon: Duration) -> Self {
        self.settings.dedup_horizon = horizon;
        self
    }

    /// How long a finished handover's session is kept (default 7 days).
    pub fn finished_retention(mut self, retention: Duration) -> Self {
        self.settings.finished_retention = retention;
        self
    }

    /// How many events are kept per conversation for `events_since` (default 256).
    pub fn events_kept(mut self, events: usize) -> Self {
        self.settings.events_kept = events.max(1);
        self
    }

    /// How long a conversation's events are kept after its last one (default 24 h).
    pub fn event_retention(mut self, retention: Duration) -> Self {
        self.settings.event_retention = retention;
        self
    }

    /// About how many entries the stream read by every replica keeps (default 100,000; a
    /// replica that falls further behind skips the oldest).
    pub fn stream_length(mut self, entries: usize) -> Self {
        self.settings.stream_length = entries.max(1);
        self
    }

    /// How long entries stay in the stream every replica reads (default 60 s): a replica
    /// more than that behind skips the oldest (its subscribers can catch up with
    /// `events_since`). The stream carries events between replicas, it is not their log.
    pub fn stream_retention(mut self, retention: Duration) -> Self {
        self.settings.stream_retention = retention;
        self
    }

    /// How often a replica looks for due timers (default 1 s).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.settings.poll_interval = interval;
        self
    }

    /// How many events each local subscriber may have waiting (default 1024).
    pub fn event_buffer(mut self, events: usize) -> Self {
        self.settings.event_buffer = events.max(1);
        self
    }

    /// How long one Redis operation may take before it fails as `Unavailable` (default 2 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// Connects (TCP `redis://`, TLS-less, or unix socket `unix:///path` /
    /// `redis+unix:///path`) and starts reading the shared event stream.
    pub async fn connect(self) -> Result<RedisBackend, StoreError> {
        let shown = redact(&self.url);
        let unavailable =
            |e: redis::RedisError| StoreError::Unavailable(format!("{shown}: {}", describe(&e)));
        let client = redis::Client::open(self.url.as_str()).map_err(unavailable)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(self.settings.timeout)
            .set_response_timeout(self.settings.timeout)
            .set_number_of_retries(1);
        let connection = ConnectionManager::new_with_config(client.clone(), config.clone())
            .await
            .map_err(unavailable)?;
        // Blocking reads get their own connection: they would hold up the shared one.
        let reader = ConnectionManager::new_with_config(
            client,
            config.set_response_timeout(self.settings.timeout + STREAM_BLOCK),
        )
        .await
        .map_err(unavailable)?;
        let bus = Arc::new(EventBus::new(self.settings.event_buffer));
        let keys = Keys { prefix: self.prefix };
        tokio::spawn(read_stream(reader, keys.stream(), Arc::downgrade(&bus)));
        Ok(RedisBackend {
            shared: Arc::new(Shared {
                connection,
                url: shown,
                keys,
                settings: self.settings,
                bus,
                wake: tokio::sync::Notify::new(),
                scripts: Scripts {
                    commit: scripts::commit(),
                    schedule: scripts::schedule(),
                    take_due: scripts::take_due(),
                    settle: scripts::settle(),
                },
            }),
        })
    }
}

/// How long one blocking read of the event stream waits.
const STREAM_BLOCK: Duration = Duration::from_secs(1);

impl RedisBackend {
    /// Connects with the default options (see [`builder`](Self::builder)).
    pub async fn connect(url: &str) -> Result<RedisBackend, StoreError> {
        RedisBackend::builder(url).connect().await
    }

    /// Options for a backend on `url`.
    pub fn builder(url: &str) -> RedisBackendBuilder {
        RedisBackendBuilder {
            url: url.to_owned(),
            prefix: "engage".to_owned(),
            settings: Settings {
                dedup_horizon: Duration::from_secs(25 * 3600),
                finished_retention: Duration::from_secs(7 * 24 * 3600),
                events_kept: 256,
                event_retention: Duration::from_secs(24 * 3600),
                stream_length: 100_000,
                stream_retention: Duration::from_secs(60),
                poll_interval: Duration::from_secs(1),
                event_buffer: 1024,
                timeout: Duration::from_secs(2),
            },
        }
    }

    /// A budget of `max` requests per `per`, shared by every replica using `name` (for
    /// example the access token's owner) on this Redis.
    pub fn rate_budget(&self, name: &str, max: u32, per: Duration) -> RedisRateBudget {
        RedisRateBudget::new(self.connection(), self.shared.keys.rate(name), max, per)
    }

    fn connection(&self) -> ConnectionManager {
        self.shared.connection.clone()
    }

    /// Saves `session` when there is one (compare-and-set on its version), appends `updates`
    /// to the events of `conversation` and schedules the session's next wake-up (the earlier
    /// of `wake_ms` and its outbox's next retry), in one script; returns the new version and
    /// the id of the last event.
    async fn commit(
        &self,
        session: Option<&Session>,
        conversation: &ConversationId,
        updates: &[HandoverUpdate],
        wake_ms: Option<i64>,
    ) -> Result<(u64, u64), StoreError> {
        let keys = self.keys();
        let conversation = conversation.as_str();
        let key = keys.session(conversation);
        let thread = session
            .and_then(|s| s.thread_id.as_deref())
            .map_or_else(|| key.clone(), |t| keys.thread(t));
        let settings = &self.shared.settings;
        let mut invocation = self.shared.scripts.commit.prepare_invoke();
        invocation
            .key(&key)
            .key(thread)
            .key(keys.active())
            .key(keys.events(conversation))
            .key(keys.stream())
            .key(keys.due())
            .key(keys.lease())
            .key(keys.pending());
        let now = now_ms();
        let outbox_due = session
            .and_then(|s| s.outbox.first())
            .map(|entry| entry.retry_at.map_or(now, super::millis));
        let wake = match (outbox_due, wake_ms.filter(|_| session.is_some())) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match session {
            Some(session) => {
                let data = encoding::encode(session).map_err(|e| StoreError::Backend(e.to_string()))?;
                let done = session.status.is_finished() && session.outbox.is_empty();
                invocation
                    .arg(session.version)
                    .arg(data)
                    .arg(conversation)
                    .arg(if done { "1" } else { "0" });
            }
            None => {
                invocation.arg("").arg("").arg(conversation).arg("0");
            }
        }
        invocation
            .arg(secs(settings.finished_retention))
            .arg(settings.events_kept)
            .arg(secs(settings.event_retention))
            .arg(settings.stream_length)
            .arg(wake.map(|at| at.to_string()).unwrap_or_default())
            .arg(now)
            .arg(ms(settings.stream_retention));
        for update in updates {
            invocation.arg(serde_json::to_string(update).map_err(|e| StoreError::Backend(e.to_string()))?);
        }
        let (version, id): (i64, u64) = invocation
            .invoke_async(&mut self.connection())
            .await
            .map_err(|e| self.error(e))?;
        if let Some(at) = wake {
            self.woken(at);
        }
        match (session, u64::try_from(version)) {
            (Some(session), Err(_)) => Err(StoreError::Conflict(session.conversation_id.clone())),
            (_, version) => Ok((version.unwrap_or(0), id)),
        }
    }

    /// A wake-up at `at` was scheduled through this backend: the local runner looks again
    /// when it is due before the runner's next poll anyway (one round trip less for the
    /// common far-off timers).
    fn woken(&self, at: i64) {
        if at <= now_ms().saturating_add(ms(self.shared.settings.poll_interval)) {
            self.shared.wake.notify_one();
        }
    }

    fn keys(&self) -> &Keys {
        &self.shared.keys
    }

    fn error(&self, error: redis::RedisError) -> StoreError {
        store_error(&self.shared.url, &error)
    }
}

/// A Redis error as a [`StoreError`]: unreachable or slow is `Unavailable`.
pub(crate) fn store_error(url: &str, error: &redis::RedisError) -> StoreError {
    if error.is_io_error()
        || error.is_timeout()
        || error.is_connection_dropped()
        || error.is_connection_refusal()
    {
        StoreError::Unavailable(format!("{url}: {}", describe(error)))
    } else {
        StoreError::Backend(format!("{url}: {}", describe(error)))
    }
}

fn describe(error: &redis::RedisError) -> String {
    error.to_string()
}

/// The URL without its password.
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if parsed.password().is_some() {
                let _ = parsed.set_password(Some("<redacted>"));
            }
            parsed.to_string()
        }
        Err(_) => "<unparsable redis url>".to_owned(),
    }
}

fn secs(duration: Duration) -> u64 {
    duration.as_secs().max(1)
}

#[async_trait]
impl SessionStore for RedisBackend {
    async fn load(&self, conversation: &ConversationId) -> Result<Option<Session>, StoreError> {
        let key = self.keys().session(conversation.as_str());
        let (version, data): (Option<u64>, Option<String>) = redis::cmd("HMGET")
            .arg(&key)
            .arg("v")
            .arg("d")
            .query_async(&mut self.connection())
            .await
            .map_err(|e| self.error(e))?;
        let (Some(version), Some(data)) = (version, data) else {
            return Ok(None);
        };
        let mut session: Session = serde_json::from_str(&data).map_err(|e| {
            tracing::error!(%conversation, error = %e, "stored session does not decode");
            StoreError::Corrupt {
                conversation: conversation.clone(),
                reason: e.to_string(),
            }
        })?;
        session.version = version;
        Ok(Some(session))
    }

    async fn save(&self, session: &Session) -> Result<u64, StoreError> {
        self.save_and_publish(session, Vec::new(), None).await
    }

    async fn find_by_thread(&self, thread_id: &str) -> Result<Option<ConversationId>, StoreError> {
        let found: Option<String> = self
            .connection()
            .get(self.keys().thread(thread_id))
            .await
            .map_err(|e| self.error(e))?;
        Ok(found.map(ConversationId::new))
    }

    async fn active(&self) -> Result<Vec<ConversationId>, StoreError> {
        let members: Vec<String> = self
            .connection()
            .smembers(self.keys().active())
            .await
            .map_err(|e| self.error(e))?;
        Ok(members.into_iter().map(ConversationId::new).collect())
    }
}

#[async_trait]
impl Backend for RedisBackend {
    fn dedup_store(&self, config: &WebhookConfig) -> Arc<dyn DedupStore> {
        Arc::new(dedup::RedisDedupStore::new(
            self.connection(),
            self.shared.url.clone(),
            self.keys().clone(),
            self.shared.settings.dedup_horizon,
            config.get_dedup_claim_timeout(),
        ))
    }

    async fn publish(&self, update: HandoverUpdate) -> Result<u64, StoreError> {
        let conversation = update.conversation_id.clone();
        let (_, id) = self.commit(None, &conversation, &[update], None).await?;
        Ok(id)
    }

    async fn save_and_publish(
        &self,
        session: &Session,
        updates: Vec<HandoverUpdate>,
        wake_ms: Option<i64>,
    ) -> Result<u64, StoreError> {
        let (version, _) = self
            .commit(Some(session), &session.conversation_id, &updates, wake_ms)
            .await?;
        Ok(version)
    }

    fn subscribe(&self) -> HandoverEvents {
        self.shared.bus.subscribe()
    }

    async fn events_since(
        &self,
        conversation: &ConversationId,
        last_event_id: u64,
    ) -> Result<Vec<HandoverUpdate>, StoreError> {
        let entries: Vec<String> = self
            .connection()
            .lrange(self.keys().events(conversation.as_str()), 0, -1)
            .await
            .map_err(|e| self.error(e))?;
        Ok(entries
            .iter()
            .filter_map(|entry| decode_event(entry))
            .filter(|update| update.event_id > last_event_id)
            .collect())
    }

    async fn schedule(&self, conversation: &ConversationId, due_ms: i64) -> Result<(), StoreError> {
        let keys = self.keys();
        let _: i64 = self
            .shared
            .scripts
            .schedule
            .key(keys.due())
            .key(keys.lease())
            .key(keys.pending())
            .arg(conversation.as_str())
            .arg(due_ms)
            .arg(now_ms())
            .invoke_async(&mut self.connection())
            .await
            .map_err(|e| self.error(e))?;
        self.woken(due_ms);
        Ok(())
    }

    async fn take_due(&self, now_ms: i64, lease: Duration, max: usize) -> Result<Vec<Lease>, StoreError> {
        let until = now_ms.saturating_add(ms(lease));
        let keys = self.keys();
        let due: Vec<String> = self
            .shared
            .scripts
            .take_due
            .key(keys.due())
            .key(keys.lease())
            .arg(now_ms)
            .arg(until)
            .arg(max)
            .invoke_async(&mut self.connection())
            .await
            .map_err(|e| self.error(e))?;
        Ok(due
            .into_iter()
            .map(|c| Lease::new(ConversationId::new(c), until))
            .collect())
    }

    async fn settle(&self, lease: &Lease, next_ms: Option<i64>) -> Result<(), StoreError> {
        let keys = self.keys();
        let _: i64 = self
            .shared
            .scripts
            .settle
            .key(keys.due())
            .key(keys.lease())
            .key(keys.pending())
            .arg(lease.conversation_id.as_str())
            .arg(lease.until_ms)
            .arg(next_ms.map(|n| n.to_string()).unwrap_or_default())
            .invoke_async(&mut self.connection())
            .await
            .map_err(|e| self.error(e))?;
        self.shared.wake.notify_one();
        Ok(())
    }

    async fn next_due_ms(&self) -> Option<i64> {
        let first: Vec<(String, f64)> = redis::cmd("ZRANGE")
            .arg(self.keys().due())
            .arg(0)
            .arg(0)
            .arg("WITHSCORES")
            .query_async(&mut self.connection())
            .await
            .ok()?;
        #[allow(clippy::cast_possible_truncation)]
        first.first().map(|(_, at)| *at as i64)
    }

    fn poll_interval(&self) -> Option<Duration> {
        Some(self.shared.settings.poll_interval)
    }

    async fn scheduled(&self) {
        self.shared.wake.notified().await;
    }
}

/// An entry of a conversation's event list or the shared stream: `"{id} {json}"`.
fn decode_event(entry: &str) -> Option<HandoverUpdate> {
    let (id, json) = entry.split_once(' ')?;
    let mut update: HandoverUpdate = match serde_json::from_str(json) {
        Ok(update) => update,
        Err(error) => {
            tracing::warn!(%error, "undecodable handover event in Redis; skipped");
            return None;
        }
    };
    update.event_id = id.parse().ok()?;
    Some(update)
}

/// Reads the stream every replica shares and hands each event to this replica's
/// subscribers, in stream order, once each; reconnects by itself and goes on after the last
/// entry it read. Ends when the backend is dropped.
async fn read_stream(mut connection: ConnectionManager, stream: String, bus: std::sync::Weak<EventBus>) {
    let mut last = "$".to_owned();
    let mut failures = 0u32;
    loop {
        if bus.strong_count() == 0 {
            return;
        }
        let read: redis::RedisResult<redis::Value> = redis::cmd("XREAD")
            .arg("COUNT")
            .arg(512)
            .arg("BLOCK")
            .arg(ms(STREAM_BLOCK))
            .arg("STREAMS")
            .arg(&stream)
            .arg(&last)
            .query_async(&mut connection)
            .await;
        let entries = match read {
            Ok(value) => {
                failures = 0;
                stream_entries(value)
            }
            Err(error) => {
                failures += 1;
                if failures == 1 {
                    tracing::warn!(error = %describe(&error), "reading handover events from Redis failed; retrying");
                }
                tokio::time::sleep(Duration::from_millis(100 * u64::from(failures.min(20)))).await;
                continue;
            }
        };
        let Some(bus) = bus.upgrade() else {
            return;
        };
        for (id, entry) in entries {
            last = id;
            if let Some(update) = decode_event(&entry) {
                bus.emit(update).await;
            }
        }
    }
}

/// `(entry id, field "e")` pairs of an XREAD answer.
fn stream_entries(value: redis::Value) -> Vec<(String, String)> {
    use redis::Value;
    let text = |v: &Value| match v {
        Value::BulkString(b) => Some(String::from_utf8_lossy(b).into_owned()),
        Value::SimpleString(s) => Some(s.clone()),
        _ => None,
    };
    let mut out = Vec::new();
    let streams = match value {
        Value::Array(streams) => streams,
        Value::Map(pairs) => pairs.into_iter().map(|(k, v)| Value::Array(vec![k, v])).collect(),
        _ => return out,
    };
    for stream in streams {
        let Value::Array(parts) = stream else { continue };
        let Some(Value::Array(items)) = parts.into_iter().nth(1) else {
            continue;
        };
        for item in items {
            let Value::Array(item) = item else { continue };
            let (Some(id), Some(Value::Array(fields))) = (item.first().and_then(text), item.get(1)) else {
                continue;
            };
            if let Some(entry) = fields.chunks(2).find(|kv| text(&kv[0]).as_deref() == Some("e")) {
                if let Some(entry) = entry.get(1).and_then(text) {
                    out.push((id, entry));
                }
            }
        }
    }
    out
}
