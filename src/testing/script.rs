//! [`Script`]: what the fake agent side of a [`ScriptedProvider`](super::ScriptedProvider) does.

use std::time::Duration;

use crate::handover::{AfterEnd, AgentInfo, EndReason, HandoverEvent};

/// One step of a script.
#[derive(Debug, Clone)]
pub(super) enum Step {
    /// Waits (a tokio timer).
    Wait(Duration),
    /// Emits an event (with an agent message id filled in by the provider).
    Emit(HandoverEvent),
}

/// What happens after a handover starts, step by step: waits, an agent joining, the agent's
/// messages, the end. Every handover started on the provider plays the whole script; a step
/// after a terminal event (`agent_closes`, a `Failed` event) is never reached.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Script {
    pub(super) steps: Vec<Step>,
    agent: Option<AgentInfo>,
}

impl Script {
    /// An empty script: the handover stays queued until the bot ends or cancels it.
    pub fn new() -> Self {
        Script::default()
    }

    /// Waits `duration` before the next step.
    pub fn wait(mut self, duration: Duration) -> Self {
        self.steps.push(Step::Wait(duration));
        self
    }

    /// An agent called `name` takes the conversation ([`HandoverEvent::AgentJoined`]).
    pub fn agent_joins(mut self, name: impl Into<String>) -> Self {
        let name = name.into();
        let agent = AgentInfo::new(Some(format!("agent-{}", name.to_lowercase())), name);
        self.agent = Some(agent.clone());
        self.event(HandoverEvent::AgentJoined { agent })
    }

    /// The agent who joined last writes `text` ([`HandoverEvent::AgentMessage`], with ids
    /// `agent-msg-1`, `agent-msg-2`... in each handover).
    pub fn agent_says(self, text: impl Into<String>) -> Self {
        let agent = self
            .agent
            .clone()
            .unwrap_or_else(|| AgentInfo::new(None, "Agent"));
        self.event(HandoverEvent::AgentMessage {
            agent,
            message_id: String::new(),
            text: text.into(),
            attachments: Vec::new(),
            structured_content: None,
        })
    }

    /// The agent types (`true`) or stops (`false`).
    pub fn agent_typing(self, typing: bool) -> Self {
        self.event(HandoverEvent::AgentTyping { typing })
    }

    /// The agent closes the conversation: [`HandoverEvent::Ended`] with
    /// [`EndReason::AgentClosed`], back to the bot.
    pub fn agent_closes(self) -> Self {
        self.event(HandoverEvent::Ended {
            reason: EndReason::AgentClosed,
            next: AfterEnd::BackToBot,
        })
    }

    /// Emits any event (a `Notice`, a `Failed`, a `Queued` with an update...).
    pub fn event(mut self, event: HandoverEvent) -> Self {
        self.steps.push(Step::Emit(event));
        self
    }
}
