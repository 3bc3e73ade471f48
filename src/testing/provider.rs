//! [`ScriptedProvider`]: a fake [`HandoverProvider`] that plays a [`Script`] and records calls.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use async_trait::async_trait;
use tokio::task::JoinHandle;

use super::script::{Script, Step};
use crate::handover::backend::EventBus;
use crate::handover::{
    AfterEnd, Availability, ConversationId, EndReason, EndedBy, HandoverError, HandoverEvent, HandoverEvents,
    HandoverId, HandoverProvider, HandoverRequest, HandoverStatus, HandoverUpdate, MessageReceipt,
    ProviderCapabilities, Routing, StartedHandover, UserMessage,
};

/// How many events a subscriber may lag behind before the script waits for it.
const EVENT_BUFFER: usize = 1024;

/// A [`HandoverProvider`] for tests: each [`start`](HandoverProvider::start) emits
/// `Accepted` and `Queued`, then plays the [`Script`] in a tokio task; calls from the bot are
/// recorded and can be read back ([`requests`](Self::requests),
/// [`user_messages`](Self::user_messages), [`typing`](Self::typing),
/// [`read_marks`](Self::read_marks)). Cheap to clone; clones share everything.
///
/// It behaves like a provider should: one live handover per conversation (a second `start`
/// returns it with `existing` set), messages idempotent on their id, `cancel` only while
/// queued, `end` emits `Ended` once, and sending to a conversation with no live handover is
/// an error. It keeps what every conversation recorded for the test to read: use one provider
/// per test.
#[derive(Clone, Debug)]
pub struct ScriptedProvider {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    script: Script,
    availability: Mutex<Availability>,
    bus: EventBus,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    requests: Vec<HandoverRequest>,
    conversations: HashMap<ConversationId, Conversation>,
}

#[derive(Debug)]
struct Conversation {
    handovers: u32,
    handover_id: HandoverId,
    status: HandoverStatus,
    messages: Vec<UserMessage>,
    typing: Vec<Option<String>>,
    read: Vec<String>,
    script: Option<JoinHandle<()>>,
}

impl ScriptedProvider {
    /// A provider playing `script` for every handover; agents are available.
    pub fn new(script: Script) -> Self {
        ScriptedProvider {
            inner: Arc::new(Inner {
                script,
                availability: Mutex::new(Availability::Available {
                    agents: 1,
                    detail: crate::handover::AvailabilityDetail::new(),
                }),
                bus: EventBus::new(EVENT_BUFFER),
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// Sets what [`check_availability`](HandoverProvider::check_availability) answers.
    pub fn set_availability(&self, availability: Availability) {
        *lock(&self.inner.availability) = availability;
    }

    /// Every request `start` received, oldest first.
    pub fn requests(&self) -> Vec<HandoverRequest> {
        self.inner.state().requests.clone()
    }

    /// The messages sent to `conversation`, in order, duplicates left out.
    pub fn user_messages(&self, conversation: impl Into<ConversationId>) -> Vec<UserMessage> {
        self.read(conversation, |c| c.messages.clone())
    }

    /// The typing signals sent for `conversation`: `Some(preview)` or `None` (stopped).
    pub fn typing(&self, conversation: impl Into<ConversationId>) -> Vec<Option<String>> {
        self.read(conversation, |c| c.typing.clone())
    }

    /// The agent message ids `conversation` marked as read.
    pub fn read_marks(&self, conversation: impl Into<ConversationId>) -> Vec<String> {
        self.read(conversation, |c| c.read.clone())
    }

    /// Emits `event` in the live handover of `conversation` now, as the agent side would
    /// (besides the script). A terminal event ends the handover and stops its script.
    pub async fn emit(
        &self,
        conversation: impl Into<ConversationId>,
        event: HandoverEvent,
    ) -> Result<(), HandoverError> {
        let conversation = conversation.into();
        let handover = self.inner.live(&conversation)?;
        self.inner.emit(&conversation, &handover, event, true).await;
        Ok(())
    }

    fn read<T: Default>(&self, conversation: impl Into<ConversationId>, f: impl Fn(&Conversation) -> T) -> T {
        self.inner
            .state()
            .conversations
            .get(&conversation.into())
            .map(f)
            .unwrap_or_default()
    }
}

impl Inner {
    fn state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// The id of the live handover of `conversation`.
    fn live(&self, conversation: &ConversationId) -> Result<HandoverId, HandoverError> {
        match self.state().conversations.get(conversation) {
            None => Err(HandoverError::NotFound(conversation.clone())),
            Some(c) if c.status.is_finished() => Err(HandoverError::InvalidState("finished")),
            Some(c) => Ok(c.handover_id.clone()),
        }
    }

    /// Applies `event` to the handover's status (if it is still the live one) and emits it.
    /// `stop_script`: a terminal event from outside the script stops the script.
    async fn emit(
        &self,
        conversation: &ConversationId,
        handover: &HandoverId,
        event: HandoverEvent,
        stop_script: bool,
    ) {
        {
            let mut state = self.state();
            let Some(c) = state.conversations.get_mut(conversation) else {
                return;
            };
            if c.handover_id != *handover || c.status.is_finished() {
                return;
            }
            if let Some(status) = status_after(&event) {
                c.status = status;
            }
            if stop_script && event.is_terminal() {
                if let Some(task) = c.script.take() {
                    task.abort();
                }
            }
        }
        self.bus
            .emit(HandoverUpdate::new(conversation.clone(), handover.clone(), event))
            .await;
    }

    async fn play(self: Arc<Self>, conversation: ConversationId, handover: HandoverId) {
        let mut said = 0;
        for step in self.script.steps.clone() {
            match step {
                Step::Wait(duration) => tokio::time::sleep(duration).await,
                Step::Emit(mut event) => {
                    if let HandoverEvent::AgentMessage { message_id, .. } = &mut event {
                        said += 1;
                        *message_id = format!("agent-msg-{said}");
                    }
                    let terminal = event.is_terminal();
                    self.emit(&conversation, &handover, event, false).await;
                    if terminal {
                        return;
                    }
                }
            }
        }
    }

    /// Ends the live handover of `conversation` with `reason`.
    async fn finish(&self, conversation: &ConversationId, reason: EndReason) -> Result<(), HandoverError> {
        let handover = self.live(conversation)?;
        let event = HandoverEvent::Ended {
            reason,
            next: AfterEnd::BackToBot,
        };
        self.emit(conversation, &handover, event, true).await;
        Ok(())
    }
}

/// The status an event leads to, if it changes it.
fn status_after(event: &HandoverEvent) -> Option<HandoverStatus> {
    Some(match event {
        HandoverEvent::Queued { update } => HandoverStatus::Queued {
            position: update.as_ref().and_then(|u| u.position.get()),
            estimated_wait_secs: update.as_ref().and_then(|u| u.estimated_wait.as_secs()),
        },
        HandoverEvent::AgentJoined { agent } => HandoverStatus::Active { agent: agent.clone() },
        HandoverEvent::Ended { reason, next } => HandoverStatus::Ended {
            reason: *reason,
            next: *next,
        },
        HandoverEvent::Failed { error, retryable } => HandoverStatus::Failed {
            error: error.clone(),
            retryable: *retryable,
        },
        _ => return None,
    })
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[async_trait]
impl HandoverProvider for ScriptedProvider {
    fn capabilities(&self) -> ProviderCapabilities {
        ProviderCapabilities::all()
    }

    async fn check_availability(&self, _routing: &Routing) -> Availability {
        lock(&self.inner.availability).clone()
    }

    async fn start(&self, request: HandoverRequest) -> Result<StartedHandover, HandoverError> {
        let conversation = request.conversation_id.clone();
        let handover = {
            let mut state = self.inner.state();
            state.requests.push(request);
            let c = state
                .conversations
                .entry(conversation.clone())
                .or_insert_with(|| Conversation {
                    handovers: 0,
                    handover_id: HandoverId::new(""),
                    status: HandoverStatus::Ended {
                        reason: EndReason::BotEnded,
                        next: AfterEnd::BackToBot,
                    },
                    messages: Vec::new(),
                    typing: Vec::new(),
                    read: Vec::new(),
                    script: None,
                });
            if !c.status.is_finished() {
                return Ok(
                    StartedHandover::new(conversation, c.handover_id.clone(), c.status.clone())
                        .existing(true),
                );
            }
            c.handovers += 1;
            c.handover_id = HandoverId::new(format!("{conversation}-h{}", c.handovers));
            c.status = HandoverStatus::Requested;
            c.handover_id.clone()
        };
        self.inner
            .emit(&conversation, &handover, HandoverEvent::Accepted, false)
            .await;
        self.inner
            .emit(
                &conversation,
                &handover,
                HandoverEvent::Queued { update: None },
                false,
            )
            .await;
        let task = tokio::spawn(Arc::clone(&self.inner).play(conversation.clone(), handover.clone()));
        let mut state = self.inner.state();
        let c = state.conversations.get_mut(&conversation);
        match c {
            Some(c) if c.handover_id == handover && !c.status.is_finished() => c.script = Some(task),
            _ => task.abort(),
        }
        let status = state
            .conversations
            .get(&conversation)
            .map_or(HandoverStatus::Requested, |c| c.status.clone());
        Ok(StartedHandover::new(conversation, handover, status))
    }

    async fn send_message(
        &self,
        conversation: &ConversationId,
        message: UserMessage,
    ) -> Result<MessageReceipt, HandoverError> {
        self.inner.live(conversation)?;
        let mut state = self.inner.state();
        let c = state
            .conversations
            .get_mut(conversation)
            .ok_or_else(|| HandoverError::NotFound(conversation.clone()))?;
        let id = message.client_message_id.clone();
        if c.messages.iter().any(|m| m.client_message_id == id) {
            return Ok(MessageReceipt::new(id).duplicate(true));
        }
        c.messages.push(message);
        Ok(MessageReceipt::new(id))
    }

    async fn send_user_typing(
        &self,
        conversation: &ConversationId,
        preview: Option<&str>,
    ) -> Result<(), HandoverError> {
        self.inner.live(conversation)?;
        if let Some(c) = self.inner.state().conversations.get_mut(conversation) {
            c.typing.push(preview.map(str::to_owned));
        }
        Ok(())
    }

    async fn mark_read(&self, conversation: &ConversationId, message_id: &str) -> Result<(), HandoverError> {
        self.inner.live(conversation)?;
        if let Some(c) = self.inner.state().conversations.get_mut(conversation) {
            c.read.push(message_id.to_owned());
        }
        Ok(())
    }

    async fn cancel(&self, conversation: &ConversationId) -> Result<(), HandoverError> {
        self.inner.live(conversation)?;
        let queued = matches!(
            self.inner
                .state()
                .conversations
                .get(conversation)
                .map(|c| &c.status),
            Some(HandoverStatus::Queued { .. } | HandoverStatus::Requested)
        );
        if !queued {
            return Err(HandoverError::InvalidState("active"));
        }
        self.inner
            .finish(conversation, EndReason::CancelledWhileQueued)
            .await
    }

    async fn end(&self, conversation: &ConversationId, by: EndedBy) -> Result<(), HandoverError> {
        let reason = match by {
            EndedBy::User => EndReason::UserEnded,
            _ => EndReason::BotEnded,
        };
        self.inner.finish(conversation, reason).await
    }

    async fn status(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError> {
        Ok(self
            .inner
            .state()
            .conversations
            .get(conversation)
            .filter(|c| c.handovers > 0)
            .map(|c| c.status.clone()))
    }

    fn events(&self) -> HandoverEvents {
        self.inner.bus.subscribe()
    }

    async fn resume(&self, conversation: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError> {
        self.status(conversation).await
    }
}
