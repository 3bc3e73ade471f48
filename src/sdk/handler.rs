//! [`SourceHandler`]: what a service plugs into the SDK endpoint.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::action::{CustomParams, QueuingUpdate, Resource};
use super::capabilities::Capabilities;
use super::objects::{
    Created, Message, PostedMessage, PostedPrivateMessage, PostedThread, PrivateMessage, Status, Thread,
    Typing,
};
use crate::inbound::HandlerError;

/// Any content a handler hands back: answers to `list`, `show`, `delete`, custom actions...
// A `Content` is built once per answer and moved straight into serialization; boxing the
// variants would cost an allocation for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Content {
    /// A public message.
    Message(Message),
    /// A private message.
    PrivateMessage(PrivateMessage),
    /// A thread.
    Thread(Thread),
}

impl From<Message> for Content {
    fn from(m: Message) -> Self {
        Content::Message(m)
    }
}

impl From<PrivateMessage> for Content {
    fn from(m: PrivateMessage) -> Self {
        Content::PrivateMessage(m)
    }
}

impl From<Thread> for Content {
    fn from(t: Thread) -> Self {
        Content::Thread(t)
    }
}

/// The service side of a Channel SDK source: one method per capability.
///
/// Only [`capabilities`](Self::capabilities) is required. Every other method answers
/// [`HandlerError::NotSupported`] unless overridden; declare in `capabilities` exactly what you
/// override. The endpoint has already verified the signature and parsed the action before any
/// method is called.
///
/// Engage retries deliveries (`retry: true` on a posted content): `create_*` should
/// deduplicate on the posted `content_id` and answer with the same id again.
///
/// Be liberal with what Engage posts: a content may have no text (attachments or structured
/// content only, or nothing at all), a body longer than what the crate may send, unknown
/// fields. Answer it with a [`Created`]; keep [`HandlerError::Server`] for the service's own
/// failures, since Engage retries those and finally marks the agent's message failed.
#[async_trait]
pub trait SourceHandler: Send + Sync {
    /// What this source implements; the answer to `implementation.info`, also used to accept
    /// or refuse custom actions. Called on every `implementation.info` and custom action, so a
    /// source may change it at run time.
    fn capabilities(&self) -> Capabilities;

    /// `<resource>.list`: contents after `since_id`, newest first; when limiting, return the
    /// oldest ones after `since_id`.
    async fn list(&self, resource: Resource, since_id: Option<&str>) -> Result<Vec<Content>, HandlerError> {
        let _ = (resource, since_id);
        Err(HandlerError::NotSupported)
    }

    /// `<resource>.show`: one content.
    async fn show(&self, resource: Resource, id: &str) -> Result<Content, HandlerError> {
        let _ = (resource, id);
        Err(HandlerError::NotSupported)
    }

    /// `messages.create`: store or deliver what an agent wrote; answer with our id.
    async fn create_message(&self, message: PostedMessage) -> Result<Created, HandlerError> {
        let _ = message;
        Err(HandlerError::NotSupported)
    }

    /// `private_messages.create`: store or deliver what an agent wrote privately.
    async fn create_private_message(&self, message: PostedPrivateMessage) -> Result<Created, HandlerError> {
        let _ = message;
        Err(HandlerError::NotSupported)
    }

    /// `threads.create`: open a thread.
    async fn create_thread(&self, thread: PostedThread) -> Result<Created, HandlerError> {
        let _ = thread;
        Err(HandlerError::NotSupported)
    }

    /// `<resource>.delete`: answer with the deleted content.
    async fn delete(&self, resource: Resource, id: &str) -> Result<Content, HandlerError> {
        let _ = (resource, id);
        Err(HandlerError::NotSupported)
    }

    /// `<resource>.publish`.
    async fn publish(&self, resource: Resource, id: &str) -> Result<Content, HandlerError> {
        let _ = (resource, id);
        Err(HandlerError::NotSupported)
    }

    /// `<resource>.unpublish`.
    async fn unpublish(&self, resource: Resource, id: &str) -> Result<Content, HandlerError> {
        let _ = (resource, id);
        Err(HandlerError::NotSupported)
    }

    /// A custom action declared in [`capabilities`](Self::capabilities); answer with the
    /// content as it is afterwards. Undeclared names never reach this method.
    async fn custom_action(
        &self,
        resource: Resource,
        name: &str,
        params: CustomParams,
    ) -> Result<Content, HandlerError> {
        let _ = (resource, name, params);
        Err(HandlerError::NotSupported)
    }

    /// `messaging.queuing_update`.
    async fn queuing_update(&self, update: QueuingUpdate) -> Result<(), HandlerError> {
        let _ = update;
        Err(HandlerError::NotSupported)
    }

    /// `typing.start` (`started`) or `typing.stop` from an agent.
    async fn typing(&self, typing: Typing, started: bool) -> Result<(), HandlerError> {
        let _ = (typing, started);
        Err(HandlerError::NotSupported)
    }

    /// `status.mark_as_read`: an agent read our content `status.id`.
    async fn mark_as_read(&self, status: Status) -> Result<(), HandlerError> {
        let _ = status;
        Err(HandlerError::NotSupported)
    }
}
