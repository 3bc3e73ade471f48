//! What `bot_proxy` remembers per conversation, bounded: a conversation nobody listens to and
//! no handover runs for is forgotten once it has been idle for a grace period, and at most
//! [`Limits::max_conversations`] are remembered at once (a new one beyond that is refused).

use std::collections::{HashMap, HashSet, VecDeque};
use std::time::Duration;

use ringcentral_engage::handover::TranscriptEntry;
use serde_json::Value;
use tokio::sync::broadcast;
use tokio::time::Instant;

/// How much the service remembers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most conversations remembered at once; a new conversation beyond it is refused
    /// (`503`) until idle ones are forgotten.
    pub max_conversations: usize,
    /// How long a conversation is kept after its last activity once no handover runs for it
    /// and no event stream listens to it.
    pub idle_grace: Duration,
}

impl Default for Limits {
    /// 100,000 conversations; forgotten 10 minutes after their last activity.
    fn default() -> Self {
        Limits {
            max_conversations: 100_000,
            idle_grace: Duration::from_secs(600),
        }
    }
}

/// The most transcript entries kept per conversation (the latest ones: what the agent reads).
pub const TRANSCRIPT_LIMIT: usize = 200;

/// The most `client_message_id`s remembered per conversation to answer a retried POST once.
pub const ANSWERED_LIMIT: usize = 1_000;

/// When the map is full, how often a new conversation may trigger a sweep (each one costs a
/// pass over every conversation).
const SWEEP_WHEN_FULL: Duration = Duration::from_secs(1);

/// One server-sent event; handover events carry their event id (for `Last-Event-ID`).
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// `message` or `handover`.
    pub event: &'static str,
    /// The event's JSON.
    pub data: Value,
    /// The handover event id, when it is one.
    pub id: Option<u64>,
}

/// What the bot remembers of a conversation.
pub struct Conversation {
    /// To the conversation's event streams.
    pub tx: broadcast::Sender<Outgoing>,
    /// What was said, for the agent: the latest [`TRANSCRIPT_LIMIT`] entries.
    transcript: VecDeque<TranscriptEntry>,
    /// The latest [`ANSWERED_LIMIT`] `client_message_id`s the bot answered, oldest first.
    answered: VecDeque<String>,
    answered_set: HashSet<String>,
    /// The last queue sentence, so the user hears each one once.
    pub last_notice: Option<String>,
    /// Since when nothing happened, while no handover runs; `None` while one does.
    idle_since: Option<Instant>,
}

impl Conversation {
    fn new(now: Instant) -> Self {
        Conversation {
            tx: broadcast::channel(256).0,
            transcript: VecDeque::new(),
            answered: VecDeque::new(),
            answered_set: HashSet::new(),
            last_notice: None,
            idle_since: Some(now),
        }
    }

    /// Adds `entry` to the transcript, dropping the oldest beyond [`TRANSCRIPT_LIMIT`].
    pub fn said(&mut self, entry: TranscriptEntry) {
        if self.transcript.len() == TRANSCRIPT_LIMIT {
            self.transcript.pop_front();
        }
        self.transcript.push_back(entry);
    }

    /// The transcript, oldest first.
    pub fn transcript(&self) -> Vec<TranscriptEntry> {
        self.transcript.iter().cloned().collect()
    }

    /// Whether the bot answered the message `id` (among the latest [`ANSWERED_LIMIT`]).
    pub fn was_answered(&self, id: &str) -> bool {
        self.answered_set.contains(id)
    }

    /// Remembers that the bot answered the message `id`, forgetting the oldest beyond
    /// [`ANSWERED_LIMIT`].
    pub fn answered(&mut self, id: &str) {
        if !self.answered_set.insert(id.to_owned()) {
            return;
        }
        self.answered.push_back(id.to_owned());
        if self.answered.len() > ANSWERED_LIMIT {
            if let Some(oldest) = self.answered.pop_front() {
                self.answered_set.remove(&oldest);
            }
        }
    }

    /// Records whether a handover runs for the conversation (it is never forgotten while one
    /// does).
    pub fn handover_running(&mut self, running: bool, now: Instant) {
        self.idle_since = (!running).then_some(now);
    }

    /// Whether it can be forgotten at `now`.
    fn forgettable(&self, now: Instant, grace: Duration) -> bool {
        self.tx.receiver_count() == 0 && self.idle_since.is_some_and(|since| now >= since + grace)
    }
}

/// The service cannot take one more conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Full {
    /// [`Limits::max_conversations`].
    pub max: usize,
}

impl std::fmt::Display for Full {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the service already follows {} conversations, its limit; try again later",
            self.max
        )
    }
}

impl std::error::Error for Full {}

/// The conversations, by id.
pub struct Conversations {
    map: HashMap<String, Conversation>,
    limits: Limits,
    last_sweep: Instant,
}

impl Conversations {
    /// An empty map with `limits`.
    pub fn new(limits: Limits, now: Instant) -> Self {
        Conversations {
            map: HashMap::new(),
            limits,
            last_sweep: now,
        }
    }

    /// How many conversations are remembered.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no conversation is remembered.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The conversation `id`, created when it is new and there is room. Its idle time starts
    /// again at `now`.
    pub fn get(&mut self, id: &str, now: Instant) -> Result<&mut Conversation, Full> {
        if !self.map.contains_key(id) {
            let full = self.map.len() >= self.limits.max_conversations;
            let due = now >= self.last_sweep + self.limits.idle_grace;
            if due || (full && now >= self.last_sweep + SWEEP_WHEN_FULL) {
                self.sweep(now);
            }
            if self.map.len() >= self.limits.max_conversations {
                return Err(Full {
                    max: self.limits.max_conversations,
                });
            }
        }
        let conversation = self
            .map
            .entry(id.to_owned())
            .or_insert_with(|| Conversation::new(now));
        if conversation.idle_since.is_some() {
            conversation.idle_since = Some(now);
        }
        Ok(conversation)
    }

    /// Forgets every conversation idle for the grace period with nobody listening.
    pub fn sweep(&mut self, now: Instant) {
        let grace = self.limits.idle_grace;
        self.map.retain(|_, c| !c.forgettable(now, grace));
        self.last_sweep = now;
    }
}
