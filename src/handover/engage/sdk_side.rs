//! What Engage calls on the Channel SDK endpoint: agent messages, queue updates, typing, and
//! `messages.list` polling (served from the outbox, see `outbox`).

use std::sync::{Arc, Weak};

use async_trait::async_trait;
use serde_json::Value;
use tracing::Instrument;

use super::fingerprint::fingerprint;
use super::session::{language, record_ids, span, store_error, upgrade, CONFLICT_RETRIES};
use super::{lifecycle_metrics, now, Inner};
use crate::handover::event::{AgentInfo, HandoverEvent, HandoverStatus};
use crate::handover::request::ConversationId;
use crate::handover::store::Session;
use crate::inbound::HandlerError;
use crate::sdk::action::{QueuingUpdate, Resource};
use crate::sdk::capabilities::{Capabilities, SdkOption};
use crate::sdk::handler::{Content, SourceHandler};
use crate::sdk::objects::{Attachment, Created, PostedMessage, PostedPrivateMessage, Status, Typing};

/// The SDK endpoint's handler. Holds the provider weakly: the provider owns the endpoint.
pub(crate) struct SdkSide(pub(super) Weak<Inner>);

/// An agent's message, from either `messages.create` or `private_messages.create`.
struct AgentContent {
    content_id: Option<String>,
    thread_id: Option<String>,
    in_reply_to_id: Option<String>,
    author_id: Option<String>,
    sender_name: Option<String>,
    body: Option<String>,
    attachments: Vec<Attachment>,
    structured_content: Option<Value>,
}

impl Inner {
    /// The conversation an SDK action is about: its thread id is our conversation id; without
    /// one, the message it answers carries the conversation id as prefix (`{conversation}:...`).
    /// A store failure is an error (Engage's call is answered 5xx and retried), never "no
    /// handover": an action is not dropped because the backend was unreachable.
    async fn conversation_of(
        &self,
        thread_id: Option<&str>,
        in_reply_to: Option<&str>,
    ) -> Result<Option<Session>, HandlerError> {
        if let Some(thread) = thread_id.filter(|t| !t.is_empty()) {
            return self.load(&ConversationId::new(thread)).await.map_err(store_error);
        }
        let Some(reply) = in_reply_to else {
            return Ok(None);
        };
        for (at, _) in reply.match_indices(':') {
            match self.load(&ConversationId::new(&reply[..at])).await {
                Ok(Some(session)) => return Ok(Some(session)),
                Ok(None) | Err(crate::handover::StoreError::Corrupt { .. }) => {}
                Err(error) => return Err(store_error(error)),
            }
        }
        Ok(None)
    }

    /// Relays an agent's content (text, attachments, structured content, or none of them) to
    /// the bot once, and answers with our id of it. Whatever Engage legitimately posts is
    /// acknowledged; only the store failing is an error Engage should retry.
    async fn agent_message(self: &Arc<Self>, content: AgentContent) -> Result<Created, HandlerError> {
        let received = now();
        // Engage's content id identifies the content across retries; without one, what it
        // holds does (digested, so a 20 MiB body never becomes an id).
        let key = content.content_id.clone().unwrap_or_else(|| {
            let structured = content
                .structured_content
                .as_ref()
                .map(Value::to_string)
                .unwrap_or_default();
            let files: Vec<&str> = content
                .attachments
                .iter()
                .filter_map(|a| a.url.as_deref().or(a.filename.as_deref()))
                .collect();
            fingerprint(&[
                content.author_id.as_deref().unwrap_or("agent"),
                content.body.as_deref().unwrap_or(""),
                &structured,
                &files.join("\n"),
            ])
        });
        let Some(found) = self
            .conversation_of(content.thread_id.as_deref(), content.in_reply_to_id.as_deref())
            .await?
        else {
            // Not a conversation this provider handed over (another bot's thread, a handover
            // from before the store was reset): acknowledged so Engage does not retry, and logged.
            tracing::warn!(thread = ?content.thread_id, reply_to = ?content.in_reply_to_id, "agent message for a conversation without handover; acknowledged, not relayed");
            let created = Created::new(format!("unrouted:{key}"));
            return Ok(match content.thread_id.filter(|t| !t.is_empty()) {
                Some(thread) => created.thread_id(thread),
                None => created,
            });
        };
        let conversation = found.conversation_id.clone();
        let message_id = format!("{conversation}:agent:{key}");
        let created = Created::new(message_id.clone()).thread_id(conversation.as_str());
        async {
            record_ids(&found);
            let _guard = self.lock(&conversation).await;
            tracing::debug!(content = %key, "agent message from Engage");
            let mut conflicts = 0;
            // The copy just found serves the first try (one read less per relayed message); a
            // conflict reads it again.
            let mut found = Some(found);
            loop {
                let mut session = match found.take() {
                    Some(session) => session,
                    None => self
                        .load(&conversation)
                        .await
                        .map_err(store_error)?
                        .ok_or_else(|| HandlerError::fatal("no handover"))?,
                };
                if !Session::remember(&mut session.seen_ids, &key) {
                    // Engage re-delivers (`retry: true`): same answer, nothing new emitted.
                    return Ok(created);
                }
                if session.status.is_finished() {
                    return Err(HandlerError::fatal("the handover of this conversation has ended"));
                }
                let name = content.sender_name.clone().filter(|n| !n.trim().is_empty());
                let mut events = Vec::new();
                let agent = match &session.agent {
                    Some(agent) => agent.clone(),
                    None => {
                        // The message beat the webhook: the agent joins now, named as Engage signs.
                        let agent = AgentInfo::new(None, name.clone().unwrap_or_else(|| "Agent".into()));
                        events.push(Self::join(&mut session, agent.clone()));
                        agent
                    }
                };
                let agent = AgentInfo::new(agent.id, name.unwrap_or(agent.display_name));
                session.last_agent_message_at = Some(now());
                events.push(HandoverEvent::AgentMessage {
                    agent,
                    message_id: message_id.clone(),
                    text: content.body.clone().unwrap_or_default(),
                    attachments: content.attachments.iter().cloned().map(Into::into).collect(),
                    structured_content: content.structured_content.clone(),
                });
                // Saved and announced in one step: a replica that lost the race starts over
                // from the winner's copy instead of announcing twice, and one that dies mid-way
                // leaves the content either relayed or unseen (Engage's retry relays it then).
                match self.save_announcing(&mut session, events).await {
                    Err(crate::handover::StoreError::Conflict(_)) if conflicts < CONFLICT_RETRIES => {
                        conflicts += 1;
                        continue;
                    }
                    saved => saved.map_err(store_error)?,
                }
                lifecycle_metrics::agent_relayed(received, now());
                return Ok(created);
            }
        }
        .instrument(span(&conversation))
        .await
    }

    async fn queue_update(self: &Arc<Self>, update: QueuingUpdate) -> Result<(), HandlerError> {
        let update = update.into_queue_update(now());
        let Some(found) = self
            .conversation_of(update.thread_id.as_deref(), update.in_reply_to_id.as_deref())
            .await?
        else {
            tracing::info!(thread = ?update.thread_id, "queue update for a conversation without handover; ignored");
            return Ok(());
        };
        async {
            record_ids(&found);
            let _guard = self.lock(&found.conversation_id).await;
            let Some(mut session) = self.load(&found.conversation_id).await.map_err(store_error)? else {
                return Ok(());
            };
            let queued = matches!(
                session.status,
                HandoverStatus::Queued { .. } | HandoverStatus::Requested
            );
            if !queued
                || session
                    .queue_observed_at
                    .is_some_and(|seen| seen > update.observed_at)
            {
                return Ok(());
            }
            session.queue_observed_at = Some(update.observed_at);
            session.queue_heard_at = Some(now());
            if session.first_estimate_secs.is_none() {
                // Compared with the actual wait when an agent joins (see `lifecycle_metrics`).
                session.first_estimate_secs = update.estimated_wait.as_secs();
                session.first_estimate_at = session.first_estimate_secs.and(session.queue_heard_at);
            }
            session.status = HandoverStatus::Queued {
                position: update.position.get(),
                estimated_wait_secs: update.estimated_wait.as_secs(),
            };
            let sentence = session
                .announce
                .then(|| update.sentence(language(session.language.as_deref())))
                .filter(|text| session.last_announcement.as_ref() != Some(text));
            if sentence.is_some() {
                session.last_announcement.clone_from(&sentence);
            }
            let mut events = vec![HandoverEvent::Queued { update: Some(update) }];
            events.extend(sentence.map(|text| HandoverEvent::Notice { text }));
            // Saved, announced, and the queue watch started over from this update, in one step.
            self.save_announcing(&mut session, events)
                .await
                .map_err(store_error)?;
            // Queue thresholds: see `queue_thresholds`.
            self.queue_threshold(&mut session).await.map_err(store_error)?;
            Ok(())
        }
        .instrument(span(&found.conversation_id))
        .await
    }

    async fn agent_typing(&self, typing: Typing, started: bool) -> Result<(), HandlerError> {
        if let Some(session) = self
            .conversation_of(typing.thread_id.as_deref(), typing.in_reply_to_id.as_deref())
            .await?
        {
            if matches!(session.status, HandoverStatus::Active { .. }) {
                self.emit(&session, HandoverEvent::AgentTyping { typing: started })
                    .instrument(span(&session.conversation_id))
                    .await
                    .map_err(store_error)?;
            }
        }
        Ok(())
    }
}

impl From<PostedMessage> for AgentContent {
    fn from(m: PostedMessage) -> Self {
        AgentContent {
            content_id: m.content_id,
            thread_id: m.thread_id,
            in_reply_to_id: m.in_reply_to_id,
            author_id: m.author_id,
            sender_name: m.sender_name,
            body: m.body,
            attachments: m.attachments,
            structured_content: m.structured_content,
        }
    }
}

impl From<PostedPrivateMessage> for AgentContent {
    fn from(m: PostedPrivateMessage) -> Self {
        AgentContent {
            content_id: m.content_id,
            thread_id: None,
            in_reply_to_id: m.in_reply_to_id,
            author_id: m.author_id,
            sender_name: m.sender_name,
            body: m.body,
            attachments: m.attachments,
            structured_content: m.structured_content,
        }
    }
}

#[async_trait]
impl SourceHandler for SdkSide {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new()
            .resource(Resource::Messages, ["create", "list"])
            .option(SdkOption::ViewMessaging)
            .option(SdkOption::MessagesText)
            .option(SdkOption::MessagesAttachments)
            .option(SdkOption::MessagingTypingIndicator)
            .option(SdkOption::MessagingQueuingUpdate)
    }

    async fn list(&self, resource: Resource, since_id: Option<&str>) -> Result<Vec<Content>, HandlerError> {
        match resource {
            Resource::Messages => upgrade(&self.0)?.pending_messages(since_id).await,
            _ => Ok(Vec::new()),
        }
    }

    async fn create_message(&self, message: PostedMessage) -> Result<Created, HandlerError> {
        upgrade(&self.0)?.agent_message(message.into()).await
    }

    async fn create_private_message(&self, message: PostedPrivateMessage) -> Result<Created, HandlerError> {
        upgrade(&self.0)?.agent_message(message.into()).await
    }

    async fn queuing_update(&self, update: QueuingUpdate) -> Result<(), HandlerError> {
        upgrade(&self.0)?.queue_update(update).await
    }

    async fn typing(&self, typing: Typing, started: bool) -> Result<(), HandlerError> {
        upgrade(&self.0)?.agent_typing(typing, started).await
    }

    async fn mark_as_read(&self, _status: Status) -> Result<(), HandlerError> {
        Ok(())
    }
}
