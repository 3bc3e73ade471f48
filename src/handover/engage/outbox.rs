//! What the user sends during a handover: messages (kept in an outbox until Engage confirms
//! them, retried by the timers and served to Engage's `messages.list` polling), typing and
//! read marks.

use std::sync::Arc;

use super::session::store_error;
use super::{lifecycle_metrics, now, Inner};
use crate::handover::provider::{HandoverError, MessageReceipt, UserMessage};
use crate::handover::request::ConversationId;
use crate::handover::store::{OutboxEntry, Session};
use crate::inbound::HandlerError;
use crate::sdk::handler::Content;
use crate::sdk::objects::{Message, Status, Typing};
use crate::sdk::send::SendApiErrorKind;
use crate::Error;

/// How long a user message being sent belongs to the process sending it: the Send API's
/// default timeout. Should that process die meanwhile, any other one retries it afterwards.
const IN_FLIGHT: std::time::Duration = std::time::Duration::from_secs(30);

impl Inner {
    /// The Send API message for an outbox entry.
    pub(super) fn outbox_message(&self, session: &Session, entry: &OutboxEntry) -> crate::Result<Message> {
        let mut builder = Message::builder(&entry.message_id, session.author.clone())
            .thread_id(session.conversation_id.as_str())
            .created_at(entry.created_at);
        if !entry.text.is_empty() {
            builder = builder.body(&entry.text);
        }
        for attachment in &entry.attachments {
            builder = builder.attachment(attachment.clone().into());
        }
        builder.build()
    }

    pub(super) async fn send_user_message(
        self: &Arc<Self>,
        conversation: &ConversationId,
        message: UserMessage,
    ) -> Result<MessageReceipt, HandoverError> {
        if message.client_message_id.trim().is_empty() {
            return Err(HandoverError::Invalid("the client message id is empty".into()));
        }
        let _guard = self.lock(conversation).await;
        let mut session = self
            .load(conversation)
            .await?
            .ok_or_else(|| HandoverError::NotFound(conversation.clone()))?;
        let message_id = format!("{conversation}:u:{}", message.client_message_id);
        let delivered = session.sent_ids.contains(&message_id);
        if delivered || session.outbox.iter().any(|e| e.message_id == message_id) {
            return Ok(MessageReceipt {
                message_id,
                delivered,
                duplicate: true,
            });
        }
        if session.status.is_finished() {
            return Err(HandoverError::InvalidState("finished"));
        }
        let entry = OutboxEntry {
            message_id: message_id.clone(),
            text: message.text,
            attachments: message.attachments,
            created_at: now(),
            attempts: 0,
            retry_at: None,
        };
        // Checked before anything is kept: a message Engage can never accept is refused now.
        self.outbox_message(&session, &entry)?;
        let mut added = false;
        self.update(&mut session, |s| {
            added = !s.outbox.iter().any(|e| e.message_id == entry.message_id);
            if added {
                let mut entry = entry.clone();
                if s.outbox.is_empty() {
                    // This process sends it right away; other processes on the backend leave
                    // it alone meanwhile (unless it fails first and sets the next retry).
                    entry.retry_at = Some(now() + IN_FLIGHT);
                }
                s.outbox.push(entry);
            }
            s.last_user_message_id = Some(message_id.clone());
            s.last_user_activity_at = Some(now());
        })
        .await?;
        if added {
            lifecycle_metrics::outbox_changed(1.0);
        }
        let waiting = session.outbox.len() > 1;
        if waiting {
            // Earlier messages are still pending: keep the order, the retries send this one.
            self.reschedule(&session).await?;
            return Ok(MessageReceipt {
                message_id,
                delivered: false,
                duplicate: false,
            });
        }
        let delivered = self.send_first(&mut session).await?;
        if !delivered {
            self.reschedule(&session).await?;
        }
        Ok(MessageReceipt {
            message_id,
            delivered,
            duplicate: false,
        })
    }

    /// Sends the oldest outbox entry of a locked session; `true` when Engage took it.
    pub(super) async fn send_first(&self, session: &mut Session) -> Result<bool, HandoverError> {
        let Some(entry) = session.outbox.first().cloned() else {
            return Ok(true);
        };
        let message = self.outbox_message(session, &entry)?;
        // Saved with `update`: another replica may have changed the session meanwhile.
        let sent = &entry.message_id;
        match self.config.send.create_message(&message).await {
            Ok(()) => {
                tracing::debug!(message = %sent, "user message delivered to Engage");
                let mut removed = false;
                self.update(session, |s| {
                    let before = s.outbox.len();
                    s.outbox.retain(|e| &e.message_id != sent);
                    removed = s.outbox.len() < before;
                    Session::remember(&mut s.sent_ids, sent);
                })
                .await?;
                if removed {
                    lifecycle_metrics::outbox_changed(-1.0);
                    lifecycle_metrics::user_relayed(entry.created_at, now());
                }
                Ok(true)
            }
            Err(error) => {
                tracing::warn!(conversation = %session.conversation_id, %error, "user message kept for retry");
                let retry_in = self.config.retry.backoff(entry.attempts);
                self.update(session, |s| {
                    if let Some(kept) = s.outbox.iter_mut().find(|e| &e.message_id == sent) {
                        kept.attempts = entry.attempts + 1;
                        kept.retry_at = Some(now() + retry_in);
                    }
                })
                .await?;
                Ok(false)
            }
        }
    }

    pub(super) async fn send_user_typing(
        &self,
        conversation: &ConversationId,
        preview: Option<&str>,
    ) -> Result<(), HandoverError> {
        let session = self
            .load(conversation)
            .await?
            .ok_or_else(|| HandoverError::NotFound(conversation.clone()))?;
        if session.status.is_finished() {
            return Err(HandoverError::InvalidState("finished"));
        }
        let typing = Typing::in_thread(conversation.as_str());
        let sent = match preview {
            Some(text) => self.config.send.typing_start(&typing.with_preview(text)).await,
            None => self.config.send.typing_stop(&typing).await,
        };
        match sent {
            // Engage allows one typing.start per thread every 2 s: extra ones are dropped.
            Err(Error::SendApi {
                kind: SendApiErrorKind::TypingThrottled,
                ..
            }) => Ok(()),
            other => Ok(other?),
        }
    }

    pub(super) async fn mark_read(
        &self,
        conversation: &ConversationId,
        message_id: &str,
    ) -> Result<(), HandoverError> {
        if self.load(conversation).await?.is_none() {
            return Err(HandoverError::NotFound(conversation.clone()));
        }
        let status = Status::new(message_id)?;
        self.config.send.mark_as_read(&status).await?;
        Ok(())
    }

    /// `messages.list` polling: the user messages still waiting in outboxes, oldest first.
    pub(super) async fn pending_messages(
        &self,
        since_id: Option<&str>,
    ) -> Result<Vec<Content>, HandlerError> {
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
}
