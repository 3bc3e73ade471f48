//! [`SessionStore`]: where each handover's state lives, so another process (or the same one
//! after a restart) can carry on.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::attachment::Attachment;
use super::event::{AgentInfo, HandoverStatus};
use super::request::{ConversationId, HandoverId};
use crate::models::Timestamp;
use crate::sdk::objects::User;

/// How many inbound content ids a session remembers to drop the provider's re-deliveries.
pub const SEEN_IDS: usize = 256;

/// A user message waiting to be confirmed by the provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OutboxEntry {
    /// Our id of the message, as sent to the provider (stable across retries).
    pub message_id: String,
    /// The text.
    pub text: String,
    /// Attachments.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// When the user wrote it.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: Timestamp,
    /// How many times sending failed so far.
    pub attempts: u32,
    /// When the next attempt is due, after a failure.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub retry_at: Option<Timestamp>,
}

/// Everything the provider knows about one conversation's handover.
///
/// It serializes to JSON so a shared store (Redis, a database) can keep it as one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Session {
    /// The bot's conversation id; the store's key.
    pub conversation_id: ConversationId,
    /// This handover's id.
    pub handover_id: HandoverId,
    /// The key the handover was started with, if the caller gave one.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// Where it stands.
    pub status: HandoverStatus,
    /// The provider's thread (Engage: content thread id), once known.
    pub thread_id: Option<String>,
    /// The provider's intervention (Engage: intervention id), once an agent took it.
    pub intervention_id: Option<String>,
    /// The agent, once one joined.
    pub agent: Option<AgentInfo>,
    /// The user as the provider knows them (author of the user's messages).
    pub author: User,
    /// User messages not yet confirmed, oldest first.
    #[serde(default)]
    pub outbox: Vec<OutboxEntry>,
    /// Ids of user messages already confirmed (most recent last, bounded).
    #[serde(default)]
    pub sent_ids: VecDeque<String>,
    /// Ids of inbound contents already relayed (most recent last, bounded).
    #[serde(default)]
    pub seen_ids: VecDeque<String>,
    /// Our id of the user's latest message (what typing and replies refer to).
    pub last_user_message_id: Option<String>,
    /// When an agent last wrote (for the no-show timeout).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_agent_message_at: Option<Timestamp>,
    /// When the current agent joined.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub agent_joined_at: Option<Timestamp>,
    /// When the latest queue update was issued (older ones are dropped).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub queue_observed_at: Option<Timestamp>,
    /// Whether queue changes are announced with a sentence for the user.
    #[serde(default)]
    pub announce: bool,
    /// The user's language, for announcements.
    #[serde(default)]
    pub language: Option<String>,
    /// The last queue sentence announced (the same sentence is not announced twice in a row).
    #[serde(default)]
    pub last_announcement: Option<String>,
    /// Whether a queue threshold was crossed (it is reported once per handover).
    #[serde(default)]
    pub queue_threshold_exceeded: bool,
    /// When the user last wrote (for the inactivity timeouts).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_user_activity_at: Option<Timestamp>,
    /// The start of the user's silence already reported as inactive, if any.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub user_inactive_reported: Option<Timestamp>,
    /// When (on our clock) the latest queue update was received.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub queue_heard_at: Option<Timestamp>,
    /// When the queue watch last said that no queue update came.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub queue_notice_at: Option<Timestamp>,
    /// The join time of the agent whose no-show timer already fired (it fires once per join).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub no_show_for: Option<Timestamp>,
    /// When the handover was last reconciled with Engage's REST API (after an outage, or
    /// a long time without news).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub reconciled_at: Option<Timestamp>,
    /// `issued_at` of the latest intervention event applied for `intervention_id` (a late
    /// redelivery of an older one is not applied over it).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub intervention_issued_at: Option<Timestamp>,
    /// Engage's first estimate of the wait, in seconds, and when it was received (to compare
    /// with the actual wait when an agent joins).
    #[serde(default)]
    pub first_estimate_secs: Option<u64>,
    /// When [`first_estimate_secs`](Self::first_estimate_secs) was received.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub first_estimate_at: Option<Timestamp>,
    /// When a reconciliation asked for by `resume_all` is due (resumes spread them out so
    /// that they fit Engage's rate budget); cleared once it ran.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub reconcile_at: Option<Timestamp>,
    /// When the handover started.
    #[serde(with = "time::serde::rfc3339")]
    pub started_at: Timestamp,
    /// Incremented by the store on every save; used to detect concurrent writers.
    pub version: u64,
}

impl Session {
    /// A new handover's session: `Requested`, started now, nothing sent yet, version 0.
    pub fn new(conversation_id: ConversationId, handover_id: HandoverId, author: User) -> Self {
        Session {
            conversation_id,
            handover_id,
            idempotency_key: None,
            status: HandoverStatus::Requested,
            thread_id: None,
            intervention_id: None,
            agent: None,
            author,
            outbox: Vec::new(),
            sent_ids: VecDeque::new(),
            seen_ids: VecDeque::new(),
            last_user_message_id: None,
            last_agent_message_at: None,
            agent_joined_at: None,
            queue_observed_at: None,
            announce: false,
            language: None,
            last_announcement: None,
            queue_heard_at: None,
            queue_notice_at: None,
            no_show_for: None,
            queue_threshold_exceeded: false,
            last_user_activity_at: None,
            user_inactive_reported: None,
            reconciled_at: None,
            reconcile_at: None,
            intervention_issued_at: None,
            first_estimate_secs: None,
            first_estimate_at: None,
            started_at: time::OffsetDateTime::now_utc(),
            version: 0,
        }
    }

    /// Records an id in a bounded list; `false` if it was already there.
    pub(crate) fn remember(list: &mut VecDeque<String>, id: &str) -> bool {
        if list.iter().any(|seen| seen == id) {
            return false;
        }
        if list.len() == SEEN_IDS {
            list.pop_front();
        }
        list.push_back(id.to_owned());
        true
    }
}

/// A store failure.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Another writer saved the session since it was loaded; load it again and retry.
    #[error("session {0} was changed by another writer")]
    Conflict(ConversationId),
    /// The store itself failed (serialization, a script error...).
    #[error("session store failure: {0}")]
    Backend(String),
    /// The store could not be reached, or did not answer in time; retry later (Engage's calls
    /// are answered 5xx meanwhile, so Engage retries them).
    #[error("session store unavailable: {0}")]
    Unavailable(String),
    /// The stored session of one conversation cannot be decoded; other conversations are
    /// unaffected.
    #[error("the stored session of {conversation} cannot be decoded: {reason}")]
    Corrupt {
        /// The conversation.
        conversation: ConversationId,
        /// What is wrong with it.
        reason: String,
    },
}

/// Persistence for handover sessions.
///
/// Implementations must make [`save`](Self::save) atomic per conversation and refuse a session
/// whose `version` is not the stored one ([`StoreError::Conflict`]), then store it with
/// `version + 1`. A shared store (Redis with `WATCH`/`MULTI`, SQL with a version column) fits
/// this contract without changes to the provider.
#[async_trait]
pub trait SessionStore: Send + Sync + 'static {
    /// The session of `conversation`, if any.
    async fn load(&self, conversation: &ConversationId) -> Result<Option<Session>, StoreError>;

    /// Saves `session` if its `version` is still the stored one (0 for a new session), and
    /// returns the new version.
    async fn save(&self, session: &Session) -> Result<u64, StoreError>;

    /// The conversation whose handover uses the provider thread `thread_id`.
    async fn find_by_thread(&self, thread_id: &str) -> Result<Option<ConversationId>, StoreError>;

    /// Conversations with work left: the handover is not finished, or user messages still
    /// wait in its outbox (they are delivered even after the handover ended).
    async fn active(&self) -> Result<Vec<ConversationId>, StoreError>;
}

/// A [`SessionStore`] in process memory. Clones share the same sessions.
#[derive(Debug, Default, Clone)]
pub struct MemorySessionStore {
    inner: std::sync::Arc<Mutex<MemoryInner>>,
}

#[derive(Debug, Default)]
struct MemoryInner {
    sessions: HashMap<ConversationId, Session>,
    by_thread: HashMap<String, ConversationId>,
}

impl MemorySessionStore {
    /// An empty store.
    pub fn new() -> Self {
        MemorySessionStore::default()
    }

    /// How many sessions it holds.
    pub fn len(&self) -> usize {
        self.lock().sessions.len()
    }

    /// Whether it holds no session.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, MemoryInner> {
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[async_trait]
impl SessionStore for MemorySessionStore {
    async fn load(&self, conversation: &ConversationId) -> Result<Option<Session>, StoreError> {
        Ok(self.lock().sessions.get(conversation).cloned())
    }

    async fn save(&self, session: &Session) -> Result<u64, StoreError> {
        let mut inner = self.lock();
        let stored = inner
            .sessions
            .get(&session.conversation_id)
            .map_or(0, |s| s.version);
        if stored != session.version {
            return Err(StoreError::Conflict(session.conversation_id.clone()));
        }
        let mut saved = session.clone();
        saved.version += 1;
        if let Some(thread) = &saved.thread_id {
            inner
                .by_thread
                .insert(thread.clone(), saved.conversation_id.clone());
        }
        let version = saved.version;
        inner.sessions.insert(saved.conversation_id.clone(), saved);
        Ok(version)
    }

    async fn find_by_thread(&self, thread_id: &str) -> Result<Option<ConversationId>, StoreError> {
        Ok(self.lock().by_thread.get(thread_id).cloned())
    }

    async fn active(&self) -> Result<Vec<ConversationId>, StoreError> {
        Ok(self
            .lock()
            .sessions
            .values()
            .filter(|s| !s.status.is_finished() || !s.outbox.is_empty())
            .map(|s| s.conversation_id.clone())
            .collect())
    }
}
