//! What Engage sends: SDK actions (agent messages, queue updates, typing, polling) and webhook
//! events (agent joined, intervention closed...).

use std::sync::{Arc, Weak};

use async_trait::async_trait;
use serde_json::Value;

use super::fingerprint::fingerprint;
use super::{now, Inner};
use crate::handover::event::{AgentInfo, EndReason, HandoverEvent, HandoverStatus};
use crate::handover::request::ConversationId;
use crate::handover::store::Session;
use crate::inbound::HandlerError;
use crate::models::UserId;
use crate::queue::Language;
use crate::sdk::action::{QueuingUpdate, Resource};
use crate::sdk::capabilities::{Capabilities, SdkOption};
use crate::sdk::handler::{Content, SourceHandler};
use crate::sdk::objects::{Attachment, Created, PostedMessage, PostedPrivateMessage, Status, Typing};
use crate::webhook::events::Event;
use crate::webhook::{EventHandler, WebhookBatch};

/// The SDK endpoint's handler. Holds the provider weakly: the provider owns the endpoint.
pub(crate) struct SdkSide(pub(super) Weak<Inner>);

/// The webhook receiver's handler.
pub(crate) struct WebhookSide(pub(super) Weak<Inner>);

fn upgrade(weak: &Weak<Inner>) -> Result<Arc<Inner>, HandlerError> {
    let inner = weak
        .upgrade()
        .ok_or_else(|| HandlerError::internal("the handover provider was dropped"))?;
    inner.run_timers();
    Ok(inner)
}

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
        let _guard = self.lock(&conversation).await;
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
                attachments: content.attachments.clone(),
                structured_content: content.structured_content.clone(),
            });
            // Saved and announced in one step: a replica that lost the race starts over from
            // the winner's copy instead of announcing twice, and one that dies mid-way leaves
            // the content either relayed or unseen (Engage's retry relays it then).
            match self.save_announcing(&mut session, events).await {
                Err(crate::handover::StoreError::Conflict(_)) if conflicts < super::CONFLICT_RETRIES => {
                    conflicts += 1;
                    continue;
                }
                saved => saved.map_err(store_error)?,
            }
            return Ok(created);
        }
    }

    /// Records `agent` as the one handling `session` and returns the `AgentJoined` event to
    /// emit once saved (the caller saves, then reschedules, which starts the no-show timer).
    pub(super) fn join(session: &mut Session, agent: AgentInfo) -> HandoverEvent {
        session.agent = Some(agent.clone());
        session.agent_joined_at = Some(now());
        session.status = HandoverStatus::Active { agent: agent.clone() };
        HandoverEvent::AgentJoined { agent }
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
        self.save(&mut session).await.map_err(store_error)?;
        self.emit(&session, HandoverEvent::Queued { update: Some(update) })
            .await
            .map_err(store_error)?;
        if let Some(text) = sentence {
            self.emit(&session, HandoverEvent::Notice { text })
                .await
                .map_err(store_error)?;
        }
        // The queue watch starts over from this update.
        self.reschedule(&session).await.map_err(store_error)?;
        // Queue thresholds: see `queue_thresholds`.
        self.queue_threshold(&mut session).await.map_err(store_error)?;
        Ok(())
    }

    async fn agent_typing(&self, typing: Typing, started: bool) -> Result<(), HandlerError> {
        if let Some(session) = self
            .conversation_of(typing.thread_id.as_deref(), typing.in_reply_to_id.as_deref())
            .await?
        {
            if matches!(session.status, HandoverStatus::Active { .. }) {
                self.emit(&session, HandoverEvent::AgentTyping { typing: started })
                    .await
                    .map_err(store_error)?;
            }
        }
        Ok(())
    }

    /// `messages.list` polling: the user messages still waiting in outboxes, oldest first.
    async fn pending_messages(&self, since_id: Option<&str>) -> Result<Vec<Content>, HandlerError> {
        let mut contents = Vec::new();
        for conversation in self.backend.active().await.map_err(store_error)? {
            let Some(session) = self.load(&conversation).await.map_err(store_error)? else {
                continue;
            };
            // Only what comes after `since_id` when it is one of this outbox's messages.
            let after = since_id
                .and_then(|id| session.outbox.iter().position(|e| e.message_id == id))
                .map_or(0, |at| at + 1);
            for entry in &session.outbox[after..] {
                let message = self
                    .outbox_message(&session, entry)
                    .map_err(|e| HandlerError::internal(e.to_string()))?;
                contents.push(Content::Message(message));
            }
        }
        Ok(contents)
    }

    async fn webhook_event(self: &Arc<Self>, event: &Event) -> Result<(), crate::handover::StoreError> {
        let Some(thread) = event.thread_id() else {
            return Ok(());
        };
        let Some(conversation) = self.backend.find_by_thread(thread.as_str()).await? else {
            // Routine: other threads of the domain, and this handover's own thread before the
            // start has matched it (`task.created` often comes first).
            tracing::debug!(%thread, event = event.event_type(), "webhook event for a thread not linked to a handover (yet); ignored");
            return Ok(());
        };
        let _guard = self.lock(&conversation).await;
        let Some(mut session) = self.load(&conversation).await? else {
            return Ok(());
        };
        if session.status.is_finished() || session.thread_id.as_deref() != Some(thread.as_str()) {
            return Ok(());
        }
        let reason = match event {
            Event::InterventionOpened(_)
            | Event::InterventionAssigned(_)
            | Event::InterventionReopened(_)
            | Event::InterventionReactivated(_)
            | Event::InterventionUserUpdated(_) => None,
            Event::InterventionClosed(_) | Event::InterventionCanceled(_) => {
                // An earlier intervention of the same thread ending says nothing about this one.
                let current = session.intervention_id.as_deref();
                if current.is_some_and(|current| Some(current) != event.resource_id()) {
                    return Ok(());
                }
                Some(match event {
                    Event::InterventionClosed(_) => EndReason::AgentClosed,
                    _ => EndReason::ProviderClosed,
                })
            }
            Event::ContentThreadClosed(_) | Event::ContentThreadAutoClosed(_) => {
                Some(EndReason::ProviderClosed)
            }
            other => {
                // Routing signals (`task.*`): typed events, see `task_signals`.
                if self.task_signal(&mut session, other).await? {
                    return Ok(());
                }
                // About this handover's thread, but nothing the provider acts on: passed on whole.
                let payload = serde_json::to_value(other).unwrap_or(Value::Null);
                let kind = other.event_type().to_owned();
                return self.emit(&session, HandoverEvent::Raw { kind, payload }).await;
            }
        };
        if let Some(reason) = reason {
            return self
                .finish_locked(&mut session, reason)
                .await
                .map_err(|e| match e {
                    crate::handover::HandoverError::Store(s) => s,
                    other => crate::handover::StoreError::Backend(other.to_string()),
                });
        }
        // An agent took (or was given) the conversation.
        let Some(data) = event.intervention() else {
            return Ok(());
        };
        let agent_id = data
            .resource
            .metadata
            .user_id
            .clone()
            .or_else(|| data.user_id.clone());
        session.intervention_id = Some(data.resource.id.clone());
        let current = session.agent.clone();
        let mut events = Vec::new();
        match (current, agent_id) {
            (Some(agent), Some(id)) if agent.id.as_deref() == Some(id.as_str()) => {}
            (Some(agent), Some(id)) if agent.id.is_none() => {
                // Joined through an early message; now we know who it is.
                let named = AgentInfo::new(Some(id.to_string()), agent.display_name);
                session.agent = Some(named.clone());
                session.status = HandoverStatus::Active { agent: named };
            }
            (Some(agent), Some(id)) => {
                events.push(HandoverEvent::AgentLeft { agent });
                let name = self.agent_name(&id).await;
                events.push(Self::join(
                    &mut session,
                    AgentInfo::new(Some(id.to_string()), name),
                ));
            }
            (None, id) => {
                let name = match &id {
                    Some(id) => self.agent_name(id).await,
                    None => "Agent".to_owned(),
                };
                events.push(Self::join(
                    &mut session,
                    AgentInfo::new(id.map(|i| i.to_string()), name),
                ));
            }
            (Some(_), None) => {}
        }
        // Saved, announced and a new agent's no-show timer started in one step; a save that
        // lost to another replica is answered 5xx and Engage's retry starts from the winner's
        // copy.
        self.save_announcing(&mut session, events).await
    }

    /// The agent's display name (`GET /users/{id}`, cached); `Agent` when it cannot be read.
    pub(super) async fn agent_name(&self, id: &UserId) -> String {
        if let Some(name) = self.agent_names.get(id) {
            return name;
        }
        match self.config.client.users().get(id).await {
            Ok(user) => {
                let name = user.display_name();
                self.agent_names.insert(id.clone(), name.clone());
                name
            }
            Err(error) => {
                tracing::warn!(agent = %id, %error, "could not read the agent's name");
                "Agent".to_owned()
            }
        }
    }
}

pub(super) fn language(tag: Option<&str>) -> Language {
    match tag.map(|t| t.get(..2).unwrap_or(t).to_ascii_lowercase()) {
        Some(l) if l == "fr" => Language::French,
        _ => Language::English,
    }
}

/// A backend failure as the SDK endpoint's answer: 503 while the backend is unreachable, 500
/// otherwise; Engage retries both.
fn store_error(error: crate::handover::StoreError) -> HandlerError {
    match error {
        crate::handover::StoreError::Unavailable(_) => HandlerError::Server {
            status: http::StatusCode::SERVICE_UNAVAILABLE,
            message: error.to_string(),
        },
        other => HandlerError::internal(other),
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

#[async_trait]
impl EventHandler for WebhookSide {
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError> {
        let inner = upgrade(&self.0)?;
        for event in &batch.events {
            inner.webhook_event(event).await.map_err(store_error)?;
        }
        Ok(())
    }
}
