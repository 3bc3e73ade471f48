//! Routing moments a test triggers by hand: a transfer to another agent, a routing step
//! running out, a task moved to the undelivered queue. Each sends the `task.*` webhook Engage
//! sends for it.

use super::routing::dequeue;
use super::state::SimState;
use super::webhooks::{self, intervention_event, task_event};
use super::SimHandle;
use crate::models::{TaskId, ThreadId};

impl SimHandle {
    /// Transfers the open intervention of the thread whose foreign id is `conversation` to
    /// `agent` (a name or a user id), as an agent or an administrator would: the task and
    /// the intervention change hands, loads move, and `task.transferred` then
    /// `intervention.user_updated` are sent. `false` when there is no open intervention or
    /// no such agent.
    pub fn transfer_task(&self, conversation: &str, agent: &str) -> bool {
        let events = self.shared.with(|s| {
            let thread = s.thread_by_foreign_id(conversation)?.id.clone();
            let to = s
                .agents
                .iter()
                .position(|a| a.name == agent || a.user_id.as_str() == agent)?;
            let to_user = s.agents[to].user_id.clone();
            let intervention = s.open_intervention(&thread)?.id.clone();
            let from = s.intervention(&intervention).map(|i| i.user_id.clone())?;
            if let Some(index) = s.agent_index(&from) {
                s.agents[index].load = s.agents[index].load.saturating_sub(1);
            }
            s.agents[to].load += 1;
            let i = s.intervention_mut(&intervention)?;
            i.user_id = to_user.clone();
            let i = i.clone();
            let task = i.task_id.as_ref().and_then(|t| s.task_mut(t))?;
            task.agent_id = Some(to_user.clone());
            let task = task.clone();
            let mut events = vec![task_event(s, "task.transferred", &task, None)];
            events.push(intervention_event(
                s,
                "intervention.user_updated",
                &i,
                Some(&from),
            ));
            Some(events)
        });
        match events {
            Some(events) => {
                webhooks::emit(&self.shared, events);
                true
            }
            None => false,
        }
    }

    /// Sends `task.expired_from_step` for the waiting task of the thread whose foreign id is
    /// `conversation`, as Engage does when no agent of a routing step took it in time; the
    /// task keeps its place. `false` when the thread has no waiting task.
    pub fn expire_task_step(&self, conversation: &str) -> bool {
        let event = self.shared.with(|s| {
            let task = waiting_task(s, conversation)?;
            let task = s.task(&task)?.clone();
            Some(task_event(s, "task.expired_from_step", &task, None))
        });
        event.map(|e| webhooks::emit(&self.shared, vec![e])).is_some()
    }

    /// Moves the waiting task of the thread whose foreign id is `conversation` to the
    /// undelivered queue (no agent will get it) and sends `task.undelivered`. `false` when
    /// the thread has no waiting task.
    pub fn undeliver_task(&self, conversation: &str) -> bool {
        let event = self.shared.with(|s| {
            let id = waiting_task(s, conversation)?;
            let thread: ThreadId = s.thread_by_foreign_id(conversation)?.id.clone();
            dequeue(s, &thread);
            let task = s.task(&id)?.clone();
            Some(task_event(s, "task.undelivered", &task, None))
        });
        event.map(|e| webhooks::emit(&self.shared, vec![e])).is_some()
    }
}

/// The queued task of the thread whose foreign id is `conversation`.
fn waiting_task(s: &SimState, conversation: &str) -> Option<TaskId> {
    let thread = s.thread_by_foreign_id(conversation)?.id.clone();
    s.queue
        .iter()
        .find(|id| s.task(id).and_then(|t| t.thread_id.as_ref()) == Some(&thread))
        .cloned()
}
