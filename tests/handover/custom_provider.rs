//! `HandoverProvider` from outside the crate, as a user writes one, and the scripted fake of
//! the `testing` module driving a bot's handover logic.

use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use futures_util::StreamExt;
use ringcentral_engage::handover::{
    AfterEnd, Availability, ConversationId, EndReason, EndedBy, HandoverError, HandoverEvent, HandoverEvents,
    HandoverProvider, HandoverRequest, HandoverStatus, HandoverUpdate, MessageReceipt, ProviderCapabilities,
    Routing, StartedHandover, UserMessage,
};
use ringcentral_engage::profile::ContactProfile;
use ringcentral_engage::testing::{Script, ScriptedProvider};

/// A provider of another contact center, with its own error and its own request setting.
#[derive(Default)]
struct OtherDesk {
    sent: Mutex<Vec<UserMessage>>,
    events: Mutex<Vec<HandoverUpdate>>,
}

#[derive(Debug, thiserror::Error)]
#[error("desk {0} is closed")]
struct DeskClosed(&'static str);

#[derive(Clone)]
struct DeskQueue(&'static str);

#[async_trait]
impl HandoverProvider for OtherDesk {
    fn capabilities(&self) -> ProviderCapabilities {
        ProviderCapabilities::default()
    }

    async fn check_availability(&self, _routing: &Routing) -> Availability {
        Availability::NoneAvailable {
            detail: ringcentral_engage::handover::AvailabilityDetail::new(),
        }
    }

    async fn start(&self, request: HandoverRequest) -> Result<StartedHandover, HandoverError> {
        let Some(DeskQueue(queue)) = request.provider_data.get::<DeskQueue>().cloned() else {
            return Err(HandoverError::Invalid("no desk queue".into()));
        };
        if queue == "night" {
            return Err(HandoverError::provider(DeskClosed(queue), true));
        }
        let update = HandoverUpdate::new(
            request.conversation_id.clone(),
            "h-1",
            HandoverEvent::Queued { update: None },
        );
        self.events.lock().unwrap().push(update);
        let status = HandoverStatus::Queued {
            position: Some(1),
            estimated_wait_secs: None,
        };
        Ok(StartedHandover::new(request.conversation_id, "h-1", status))
    }

    async fn send_message(
        &self,
        _conversation: &ConversationId,
        message: UserMessage,
    ) -> Result<MessageReceipt, HandoverError> {
        let mut sent = self.sent.lock().unwrap();
        let duplicate = sent
            .iter()
            .any(|m| m.client_message_id == message.client_message_id);
        let id = format!("desk-{}", message.client_message_id);
        if !duplicate {
            sent.push(message);
        }
        Ok(MessageReceipt::new(id).duplicate(duplicate))
    }

    async fn send_user_typing(&self, _: &ConversationId, _: Option<&str>) -> Result<(), HandoverError> {
        Ok(())
    }

    async fn mark_read(&self, _: &ConversationId, _: &str) -> Result<(), HandoverError> {
        Ok(())
    }

    async fn cancel(&self, conversation: &ConversationId) -> Result<(), HandoverError> {
        Err(HandoverError::NotFound(conversation.clone()))
    }

    async fn end(&self, _: &ConversationId, _: EndedBy) -> Result<(), HandoverError> {
        Ok(())
    }

    async fn status(&self, _: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError> {
        Ok(None)
    }

    fn events(&self) -> HandoverEvents {
        let events = std::mem::take(&mut *self.events.lock().unwrap());
        futures_util::stream::iter(events).boxed()
    }

    async fn resume(&self, _: &ConversationId) -> Result<Option<HandoverStatus>, HandoverError> {
        Ok(None)
    }
}

fn request(conversation: &str) -> HandoverRequest {
    HandoverRequest::new(conversation, ContactProfile::default())
}

#[tokio::test]
async fn a_provider_written_outside_the_crate_works_through_the_trait() {
    let desk = OtherDesk::default();
    let provider: &dyn HandoverProvider = &desk;

    let started = provider
        .start(request("c-1").provider_data(DeskQueue("day")))
        .await
        .unwrap();
    assert_eq!(started.handover_id.as_str(), "h-1");
    assert!(!started.existing);

    // Its own error, boxed, with its own retryability; the source is reachable.
    let error = provider
        .start(request("c-2").provider_data(DeskQueue("night")))
        .await
        .unwrap_err();
    assert!(error.is_retryable());
    let HandoverError::Provider { source, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(source.downcast_ref::<DeskClosed>().is_some());
    assert!(matches!(
        provider.start(request("c-3")).await,
        Err(HandoverError::Invalid(_))
    ));

    // The provided `send_user_message` gives every call a new id; `send_message` is idempotent.
    let conversation: ConversationId = "c-1".into();
    let a = provider.send_user_message(&conversation, "hello").await.unwrap();
    let b = provider.send_user_message(&conversation, "hello").await.unwrap();
    assert_ne!(a.message_id, b.message_id);
    let once = UserMessage::text("m-1", "only once");
    assert!(
        !provider
            .send_message(&conversation, once.clone())
            .await
            .unwrap()
            .duplicate
    );
    assert!(
        provider
            .send_message(&conversation, once)
            .await
            .unwrap()
            .duplicate
    );
    assert_eq!(desk.sent.lock().unwrap().len(), 3);

    let events: Vec<_> = provider.events().collect().await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].conversation_id.as_str(), "c-1");
}

/// A toy bot's handover logic, written against the trait: relays the agent's lines to the
/// user and says goodbye when the agent closes.
async fn bot(provider: &dyn HandoverProvider, conversation: &str) -> Vec<String> {
    let mut events = provider.events();
    provider.start(request(conversation)).await.unwrap();
    let mut to_user = Vec::new();
    while let Some(update) = events.next().await {
        match update.event {
            HandoverEvent::AgentJoined { agent } => to_user.push(format!("{} joined", agent.display_name)),
            HandoverEvent::AgentMessage { agent, text, .. } => {
                to_user.push(format!("{}: {text}", agent.display_name));
                let id: ConversationId = conversation.into();
                provider.send_user_message(&id, "thanks").await.unwrap();
            }
            HandoverEvent::Ended { reason, .. } => {
                to_user.push(format!("ended: {reason:?}"));
                break;
            }
            _ => {}
        }
    }
    to_user
}

#[tokio::test(start_paused = true)]
async fn the_scripted_provider_plays_its_script_on_tokio_time() {
    let script = Script::new()
        .wait(Duration::from_secs(2))
        .agent_joins("Alice")
        .agent_says("Hi, I'm Alice.")
        .wait(Duration::from_secs(60))
        .agent_closes();
    let provider = ScriptedProvider::new(script);
    let started = tokio::time::Instant::now();
    let said = bot(&provider, "c-1").await;
    assert_eq!(
        said,
        ["Alice joined", "Alice: Hi, I'm Alice.", "ended: AgentClosed"]
    );
    assert_eq!(started.elapsed(), Duration::from_secs(62));
    let sent = provider.user_messages("c-1");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].text, "thanks");
    assert_eq!(provider.requests().len(), 1);
    assert!(matches!(
        provider.status(&"c-1".into()).await.unwrap(),
        Some(HandoverStatus::Ended {
            reason: EndReason::AgentClosed,
            next: AfterEnd::BackToBot
        })
    ));
    // Finished: nothing more can be sent, and a new start opens a second handover.
    assert!(provider.send_user_message(&"c-1".into(), "late").await.is_err());
    let again = provider.start(request("c-1")).await.unwrap();
    assert!(!again.existing);
    assert_eq!(again.handover_id.as_str(), "c-1-h2");
}

#[tokio::test(start_paused = true)]
async fn the_scripted_provider_keeps_provider_rules() {
    let provider = ScriptedProvider::new(Script::new().wait(Duration::from_secs(5)).agent_joins("Bob"));
    let mut events = provider.events();
    let first = provider.start(request("c-1")).await.unwrap();
    let second = provider.start(request("c-1")).await.unwrap();
    assert!(second.existing);
    assert_eq!(first.handover_id, second.handover_id);

    let conversation: ConversationId = "c-1".into();
    let message = UserMessage::text("k-1", "hello");
    assert!(
        !provider
            .send_message(&conversation, message.clone())
            .await
            .unwrap()
            .duplicate
    );
    assert!(
        provider
            .send_message(&conversation, message)
            .await
            .unwrap()
            .duplicate
    );
    assert_eq!(provider.user_messages("c-1").len(), 1);
    provider
        .send_user_typing(&conversation, Some("hel"))
        .await
        .unwrap();
    provider.mark_read(&conversation, "agent-msg-1").await.unwrap();
    assert_eq!(provider.typing("c-1"), [Some("hel".to_owned())]);
    assert_eq!(provider.read_marks("c-1"), ["agent-msg-1"]);

    tokio::time::sleep(Duration::from_secs(6)).await;
    assert!(matches!(
        provider.status(&conversation).await.unwrap(),
        Some(HandoverStatus::Active { .. })
    ));
    assert!(matches!(
        provider.cancel(&conversation).await,
        Err(HandoverError::InvalidState(_))
    ));
    provider
        .emit("c-1", HandoverEvent::Notice { text: "note".into() })
        .await
        .unwrap();
    provider.end(&conversation, EndedBy::User).await.unwrap();
    assert!(provider.end(&conversation, EndedBy::User).await.is_err());
    let mut kinds = Vec::new();
    while let Some(update) = events.next().await {
        kinds.push(update.event.clone());
        if update.event.is_terminal() {
            break;
        }
    }
    assert!(matches!(kinds[0], HandoverEvent::Accepted));
    assert!(matches!(kinds[1], HandoverEvent::Queued { .. }));
    assert!(matches!(kinds[2], HandoverEvent::AgentJoined { .. }));
    assert!(matches!(kinds[3], HandoverEvent::Notice { .. }));
    assert!(matches!(
        kinds[4],
        HandoverEvent::Ended {
            reason: EndReason::UserEnded,
            ..
        }
    ));
    assert_eq!(kinds.len(), 5);
    // Unknown conversations are errors, not panics.
    assert!(matches!(
        provider.cancel(&"nobody".into()).await,
        Err(HandoverError::NotFound(_))
    ));
    assert_eq!(provider.status(&"nobody".into()).await.unwrap(), None);
}
