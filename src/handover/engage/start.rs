//! Starting a handover: the business hours gate, the availability check, pushing the
//! transcript and the user's message, finding the Engage thread and moving it to the agents;
//! also mirroring a bot conversation before any handover.

use std::collections::HashMap;
use std::sync::Arc;

use futures_util::StreamExt;

use super::config::MirrorMode;
use super::fingerprint::fingerprint;
use super::{now, Inner};
use crate::api::SearchQuery;
use crate::handover::event::{HandoverEvent, HandoverStatus};
use crate::handover::provider::{Availability, HandoverError, StartedHandover};
use crate::handover::request::{ConversationId, HandoverId, HandoverRequest, Priority, Speaker};
use crate::handover::store::Session;
use crate::models::{CategoryId, Thread};
use crate::sdk::objects::{Message, User};

impl Inner {
    pub(super) async fn check_availability(&self) -> Availability {
        self.availability().await
    }

    pub(super) async fn start(
        self: &Arc<Self>,
        request: HandoverRequest,
    ) -> Result<StartedHandover, HandoverError> {
        if request.conversation_id.as_str().trim().is_empty() {
            return Err(HandoverError::Invalid("the conversation id is empty".into()));
        }
        let conversation = request.conversation_id.clone();
        let _guard = self.lock(&conversation).await;
        let previous = self.load(&conversation).await?;
        let again = match &previous {
            Some(existing) => match start_kind(existing) {
                StartKind::Existing => {
                    return Ok(StartedHandover {
                        conversation_id: conversation,
                        handover_id: existing.handover_id.clone(),
                        status: existing.status.clone(),
                        existing: true,
                    })
                }
                StartKind::Again => Some(existing.handover_id.clone()),
                StartKind::New => None,
            },
            None => None,
        };
        let author = self.author_for(&request)?;
        // A start run again keeps its handover id, so the messages it already pushed keep
        // their ids and Engage does not store them twice.
        let handover_id = again.unwrap_or_else(|| HandoverId::new(format!("{:016x}", fastrand::u64(..))));
        let version = previous.as_ref().map_or(0, |s| s.version);
        // A conversation handed over before: its Engage thread already holds lines.
        let earlier_thread = previous.as_ref().and_then(|s| s.thread_id.clone());
        let mut session = Session::new(conversation.clone(), handover_id.clone(), author);
        session.idempotency_key.clone_from(&request.idempotency_key);
        session.announce = request.options.announce;
        session.language.clone_from(&request.routing.language);
        session.started_at = now();
        session.version = version;
        // Business hours: see `business_hours`.
        if let Some(reopens_at) = self.closed_until().await {
            let error = HandoverError::Closed { reopens_at };
            self.fail(&mut session, error.to_string(), true).await?;
            return Err(error);
        }
        if self.config.checks_availability() {
            match self.check_availability().await {
                Availability::NoneAvailable { .. } => {
                    // Nothing was sent to Engage; the bot may start again later.
                    let error = HandoverError::NoAgentAvailable;
                    self.fail(&mut session, error.to_string(), true).await?;
                    return Err(error);
                }
                Availability::Unknown { reason } => {
                    tracing::warn!(%conversation, %reason, "agent availability unknown; handing over anyway")
                }
                _ => {}
            }
        }
        // Should this replica die mid-start, another one reports it after `START_GRACE` (the
        // wake-up is scheduled with the save).
        self.save_announcing(&mut session, vec![HandoverEvent::Accepted])
            .await?;
        match self.hand_over(&mut session, &request, earlier_thread).await {
            Ok(()) => {
                let thread = session.thread_id.clone();
                self.update_announcing(&mut session, |s| {
                    if s.thread_id.is_none() {
                        s.thread_id.clone_from(&thread);
                    }
                    // A queue update may have come first (from another process on the store).
                    if s.status == HandoverStatus::Requested {
                        s.status = HandoverStatus::Queued {
                            position: None,
                            estimated_wait_secs: None,
                        };
                    }
                    vec![HandoverEvent::Queued { update: None }]
                })
                .await?;
                Ok(StartedHandover {
                    conversation_id: conversation,
                    handover_id,
                    status: session.status,
                    existing: false,
                })
            }
            Err(error) => {
                tracing::warn!(%conversation, %error, "handover failed");
                self.fail(&mut session, error.to_string(), error.is_retryable())
                    .await?;
                Err(error.into())
            }
        }
    }

    /// The Engage user for the request's contact: its profile plus the request's context fields.
    fn author_for(&self, request: &HandoverRequest) -> Result<User, HandoverError> {
        let mut profile = request.profile.clone();
        if profile.id.as_deref().is_none_or(|id| id.trim().is_empty()) {
            profile.id = Some(request.conversation_id.to_string());
        }
        profile
            .custom
            .extend(request.context.iter().map(|(k, v)| (k.clone(), v.clone())));
        let mapped = self
            .config
            .mapper
            .map(&profile)
            .map_err(|e| HandoverError::Invalid(e.to_string()))?;
        Ok(mapped.user)
    }

    fn bot_user(&self, at: crate::models::Timestamp) -> User {
        User::new(&self.config.bot_author_id, &self.config.bot_author_name, at, at)
            .unwrap_or_else(|_| User::new("bot", "Bot", at, at).expect("constant user is valid"))
    }

    /// Sends the transcript and message, finds the thread and moves it to the agents.
    ///
    /// Transcript lines are pushed as described in the handover docs ("A second handover"):
    /// ids stable per conversation line, agents' lines never pushed, and lines the thread of
    /// an earlier handover already holds skipped.
    async fn hand_over(
        &self,
        session: &mut Session,
        request: &HandoverRequest,
        earlier_thread: Option<String>,
    ) -> crate::Result<()> {
        let conversation = session.conversation_id.as_str().to_owned();
        let prefix = format!("{conversation}:{}", session.handover_id);
        let mut sent = 0;
        let mut lines = LineIds::new(&conversation);
        let mut held = match &earlier_thread {
            Some(thread) => self.held_texts(&conversation, thread).await,
            None => HashMap::new(),
        };
        let forward = request.options.send_transcript && self.config.mode == MirrorMode::ForwardOnly;
        for line in &request.transcript {
            let id = lines.id(line.speaker, &line.text);
            if !forward || line.speaker == Speaker::Agent || take_held(&mut held, &line.text) {
                continue;
            }
            let at = line.at.unwrap_or(session.started_at);
            let author = match line.speaker {
                Speaker::User => session.author.clone(),
                _ => self.bot_user(at),
            };
            self.push(&id, &conversation, author, &line.text, at).await?;
            sent += 1;
        }
        if let Some(text) = request.message.as_deref().filter(|t| !t.trim().is_empty()) {
            // Named as the line it will be in the next transcript, so a later handover
            // recognises it.
            let id = lines.id(Speaker::User, text);
            self.push(&id, &conversation, session.author.clone(), text, now())
                .await?;
            session.last_user_message_id = Some(id);
            sent += 1;
        }
        let thread = match self.find_thread(&conversation, sent == 0).await? {
            Some(thread) => thread,
            None => {
                // Nothing reached Engage yet: a note from the bot opens the thread.
                let note = "The conversation was handed over to an agent.";
                self.push(
                    &format!("{prefix}:note"),
                    &conversation,
                    self.bot_user(now()),
                    note,
                    now(),
                )
                .await?;
                self.find_thread(&conversation, false).await?.ok_or_else(|| {
                    crate::Error::invalid_argument(
                        "thread",
                        format!("no Engage thread with foreign id {conversation:?}"),
                    )
                })?
            }
        };
        let mut categories: Vec<CategoryId> = thread
            .thread_category_ids
            .iter()
            .filter(|c| **c != self.config.bot_category)
            .cloned()
            .collect();
        let urgent = match request.routing.priority {
            Priority::High => self.config.high_priority_category.as_ref(),
            _ => None,
        };
        let requested: Vec<CategoryId> = request.routing.categories.iter().map(CategoryId::new).collect();
        let wanted = std::iter::once(&self.config.agent_category)
            .chain(&self.config.extra_categories)
            .chain(&requested)
            .chain(urgent);
        for category in wanted {
            if !categories.contains(category) {
                categories.push(category.clone());
            }
        }
        self.config
            .client
            .threads()
            .update_categories(&thread.id, &categories)
            .await?;
        session.thread_id = Some(thread.id.to_string());
        Ok(())
    }

    /// Pushes one message of the conversation with the Send API.
    pub(super) async fn push(
        &self,
        id: &str,
        conversation: &str,
        author: User,
        text: &str,
        at: crate::models::Timestamp,
    ) -> crate::Result<()> {
        let message = Message::builder(id, author)
            .thread_id(conversation)
            .body(text)
            .created_at(at)
            .build()?;
        self.config.send.create_message(&message).await
    }

    /// Looks the conversation's thread up by foreign id, retrying while Engage imports it.
    /// With `once`, a single look (used when nothing was sent yet).
    async fn find_thread(&self, conversation: &str, once: bool) -> crate::Result<Option<Thread>> {
        let query = SearchQuery::new()
            .foreign(conversation)
            .source(&self.config.source_id);
        let attempts = if once {
            1
        } else {
            self.config.thread_lookup_attempts
        };
        for attempt in 0..attempts {
            let page = self
                .config
                .client
                .threads()
                .list()
                .q(&query)?
                .limit(5)
                .send()
                .await?;
            if let Some(thread) = page
                .records
                .into_iter()
                .find(|t| t.foreign_id.as_deref().is_none_or(|f| f == conversation))
            {
                return Ok(Some(thread));
            }
            if attempt + 1 < attempts {
                tokio::time::sleep(self.config.retry.backoff(attempt)).await;
            }
        }
        Ok(None)
    }

    pub(super) async fn mirror(
        &self,
        conversation: &ConversationId,
        message_id: &str,
        speaker: Speaker,
        text: &str,
        user: &User,
    ) -> Result<(), HandoverError> {
        let author = match speaker {
            Speaker::User => user.clone(),
            Speaker::Bot => self.bot_user(now()),
            // An agent's line is in Engage already (the agent wrote it there), and must never
            // appear there again as the bot's.
            _ => return Ok(()),
        };
        let id = format!("{conversation}:mirror:{message_id}");
        self.push(&id, conversation.as_str(), author, text, now()).await?;
        Ok(())
    }

    /// The texts the conversation's thread already holds (from an earlier handover), counted;
    /// empty when they cannot be read (then only the stable ids keep lines from repeating).
    async fn held_texts(&self, conversation: &str, thread: &str) -> HashMap<String, usize> {
        let mut held = HashMap::new();
        let query = SearchQuery::new().keyword("thread", thread);
        let list = match self.config.client.contents().list().q(&query) {
            Ok(list) => list.limit(150),
            Err(error) => {
                tracing::warn!(%conversation, %error, "could not list the thread's contents");
                return held;
            }
        };
        let mut contents = std::pin::pin!(list.stream().take(HELD_CONTENTS_READ));
        while let Some(content) = contents.next().await {
            match content {
                Ok(content) => {
                    if let Some(body) = content.body {
                        *held.entry(body.trim().to_owned()).or_insert(0) += 1;
                    }
                }
                Err(error) => {
                    tracing::warn!(%conversation, %error, "could not read the thread's contents; lines may repeat");
                    break;
                }
            }
        }
        held
    }
}

/// What a `start` does when the conversation already has a session.
enum StartKind {
    /// Returns the existing handover.
    Existing,
    /// Runs the existing handover's start again, under the same handover id.
    Again,
    /// Opens a new handover.
    New,
}

/// Ids of transcript lines, stable per conversation line: the speaker, the text and how many
/// times the same speaker said the same text before in the conversation. The same line gets
/// the same id in every handover of the conversation (Engage stores an id once), whatever the
/// handover, process or build.
struct LineIds<'a> {
    conversation: &'a str,
    seen: HashMap<(Speaker, &'a str), usize>,
}

impl<'a> LineIds<'a> {
    fn new(conversation: &'a str) -> Self {
        LineIds {
            conversation,
            seen: HashMap::new(),
        }
    }

    fn id(&mut self, speaker: Speaker, text: &'a str) -> String {
        let n = self.seen.entry((speaker, text)).or_insert(0);
        *n += 1;
        let who = match speaker {
            Speaker::User => "user",
            Speaker::Bot => "bot",
            _ => "agent",
        };
        let digest = fingerprint(&[who, text, &n.to_string()]);
        format!("{}:line:{digest}", self.conversation)
    }
}

/// How many contents with each (trimmed) text a thread holds, at most this many read.
const HELD_CONTENTS_READ: usize = 1_000;

/// Takes one held content with `text`; `true` when there was one.
fn take_held(held: &mut HashMap<String, usize>, text: &str) -> bool {
    match held.get_mut(text.trim()) {
        Some(n) if *n > 0 => {
            *n -= 1;
            true
        }
        _ => false,
    }
}

/// What a start does given the conversation's last handover. Its idempotency key plays no
/// part: a live handover is returned to any start, and after an end a start opens a new
/// handover whatever its key (a key equal to the ended one's included).
fn start_kind(existing: &Session) -> StartKind {
    match &existing.status {
        // Saved before Engage was asked and never settled, while this start holds the
        // conversation's lock: the start that saved it was interrupted (a crash, a restart).
        HandoverStatus::Requested => StartKind::Again,
        HandoverStatus::Failed { retryable: true, .. } => StartKind::Again,
        status if !status.is_finished() => StartKind::Existing,
        _ => StartKind::New,
    }
}
