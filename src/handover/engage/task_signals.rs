//! Engage's routing signals (`task.*` webhooks) as typed handover events: the moment an agent
//! really accepted, a transfer to another agent, a routing step running out, the undelivered
//! queue, a completed task.
//!
//! [`signal`] reads an event, [`decide`] says what it means for a session (both pure); only
//! [`Inner::task_signal`] talks to the outside (agent names, the event bus, the store).

use std::sync::Arc;

use super::{now, Inner};
use crate::handover::event::{AcceptMode, AgentInfo, HandoverEvent, HandoverStatus};
use crate::handover::store::{Session, StoreError};
use crate::models::UserId;
use crate::webhook::events::{Event, TaskTakeMode};

/// What a `task.*` event says, when it says something a handover acts on.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Signal {
    /// An agent accepted the task (`task.taken`, `task.supervisor_assigned`).
    Accepted {
        agent: Option<UserId>,
        mode: Option<AcceptMode>,
        intervention: Option<String>,
    },
    /// The task now belongs to this one agent (`task.transferred` to a single agent).
    Transferred { agent: UserId },
    /// A routing step ran out (`task.expired_from_step`).
    StepExpired,
    /// The task went to the undelivered queue (`task.undelivered`).
    Undelivered,
    /// The agent completed the task (`task.completed`).
    Completed {
        deferred: bool,
        intervention: Option<String>,
    },
}

/// The signal in `event`; `None` for events that are not routing signals, and for a transfer
/// offered to several agents at once (who gets it is told by the `task.taken` that follows).
pub(super) fn signal(event: &Event) -> Option<Signal> {
    let data = event.task()?;
    let meta = &data.resource.metadata;
    let intervention = meta.intervention_id.as_ref().map(|i| i.to_string());
    Some(match event {
        Event::TaskTaken(_) => Signal::Accepted {
            // `user_id` is the agent who took it; `agent_ids` says the same.
            agent: data.user_id.clone().or_else(|| meta.agent_ids.first().cloned()),
            mode: match &meta.take_mode {
                Some(TaskTakeMode::Ring) => Some(AcceptMode::Ringing),
                Some(TaskTakeMode::Request) => Some(AcceptMode::Requested),
                _ => None,
            },
            intervention,
        },
        // `user_id` is the supervisor here: the agent is in `agent_ids`.
        Event::TaskSupervisorAssigned(_) => Signal::Accepted {
            agent: meta.agent_ids.first().cloned(),
            mode: Some(AcceptMode::Supervisor),
            intervention,
        },
        // `user_id` is whoever transferred it (an agent or an administrator).
        Event::TaskTransferred(_) => match meta.agent_ids.as_slice() {
            [agent] => Signal::Transferred { agent: agent.clone() },
            _ => return None,
        },
        Event::TaskExpiredFromStep(_) => Signal::StepExpired,
        Event::TaskUndelivered(_) => Signal::Undelivered,
        Event::TaskCompleted(_) => Signal::Completed {
            deferred: data
                .action
                .as_ref()
                .or(meta.action.as_ref())
                .is_some_and(|a| a.as_str() == "deferred"),
            intervention,
        },
        _ => return None,
    })
}

/// How an agent named by a signal relates to the session's current agent.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Relation {
    /// No agent yet: the agent joins.
    New,
    /// The same agent: nothing changes.
    Same,
    /// The current agent joined through an early message, without an id: now it has one.
    Named(AgentInfo),
    /// Another agent had it.
    Other(AgentInfo),
}

/// What to do with a signal.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Decision {
    /// Nothing (not this handover's business any more, or already known).
    Ignore,
    /// Emit this event; the session does not change.
    Emit(HandoverEvent),
    /// An agent accepted: `AgentAccepted`, then the agent takes the session as `relation` says.
    Accept {
        agent: Option<UserId>,
        mode: Option<AcceptMode>,
        relation: Relation,
        intervention: Option<String>,
    },
    /// Another agent took the session over.
    Change { agent: UserId, relation: Relation },
}

fn relation(session: &Session, agent: Option<&UserId>) -> Relation {
    match (&session.agent, agent) {
        (None, _) => Relation::New,
        (Some(current), Some(id)) if current.id.as_deref() == Some(id.as_str()) => Relation::Same,
        (Some(current), Some(_)) if current.id.is_none() => Relation::Named(current.clone()),
        (Some(current), Some(_)) => Relation::Other(current.clone()),
        (Some(_), None) => Relation::Same,
    }
}

fn waiting(session: &Session) -> bool {
    matches!(
        session.status,
        HandoverStatus::Requested | HandoverStatus::Queued { .. }
    )
}

/// What `signal` means for `session` (a live handover of the signal's thread).
pub(super) fn decide(session: &Session, signal: Signal) -> Decision {
    // A signal about another intervention of the thread (an earlier one) says nothing here.
    let foreign = |intervention: &Option<String>| matches!((intervention, &session.intervention_id), (Some(a), Some(b)) if a != b);
    match signal {
        Signal::StepExpired if waiting(session) => Decision::Emit(HandoverEvent::RoutingStepExpired),
        Signal::Undelivered if waiting(session) => Decision::Emit(HandoverEvent::Undelivered),
        Signal::StepExpired | Signal::Undelivered => Decision::Ignore,
        Signal::Completed {
            deferred,
            intervention,
        } => match foreign(&intervention) || waiting(session) {
            true => Decision::Ignore,
            false => Decision::Emit(HandoverEvent::AgentCompleted { deferred }),
        },
        Signal::Accepted {
            agent,
            mode,
            intervention,
        } => Decision::Accept {
            relation: relation(session, agent.as_ref()),
            agent,
            mode,
            intervention,
        },
        Signal::Transferred { agent } => match relation(session, Some(&agent)) {
            Relation::Same => Decision::Ignore,
            relation => Decision::Change { agent, relation },
        },
    }
}

impl Inner {
    /// Acts on a routing signal about `session`'s thread (the session is locked and live).
    /// `false` when `event` is no routing signal (the caller passes it on as it is).
    pub(super) async fn task_signal(
        self: &Arc<Self>,
        session: &mut Session,
        event: &Event,
    ) -> Result<bool, StoreError> {
        let Some(signal) = signal(event) else {
            return Ok(false);
        };
        let mut events = Vec::new();
        let mut changed = false;
        match decide(session, signal) {
            Decision::Ignore => {}
            Decision::Emit(event) => events.push(event),
            Decision::Accept {
                agent,
                mode,
                relation,
                intervention,
            } => {
                let agent = self.agent_info(agent.as_ref()).await;
                if session.intervention_id.is_none() {
                    session.intervention_id = intervention;
                }
                events.push(HandoverEvent::AgentAccepted {
                    agent: agent.clone(),
                    mode,
                });
                events.extend(Self::take_over(session, relation, agent));
                changed = true;
            }
            Decision::Change { agent, relation } => {
                let agent = self.agent_info(Some(&agent)).await;
                events.extend(Self::take_over(session, relation, agent));
                changed = true;
            }
        }
        if changed {
            // Saved, announced and the no-show timer of a new agent started, in one step.
            self.save_announcing(session, events).await?;
        } else {
            for event in events {
                self.emit(session, event).await?;
            }
        }
        Ok(true)
    }

    async fn agent_info(&self, id: Option<&UserId>) -> AgentInfo {
        match id {
            Some(id) => AgentInfo::new(Some(id.to_string()), self.agent_name(id).await),
            None => AgentInfo::new(None, "Agent"),
        }
    }

    /// Makes `agent` the session's agent (not saved), with the event the change calls for.
    fn take_over(session: &mut Session, relation: Relation, agent: AgentInfo) -> Option<HandoverEvent> {
        match relation {
            Relation::Same => None,
            Relation::New => Some(Self::join(session, agent)),
            Relation::Named(current) => {
                let named = AgentInfo::new(agent.id, current.display_name);
                session.agent = Some(named.clone());
                session.status = HandoverStatus::Active { agent: named };
                None
            }
            Relation::Other(previous) => {
                session.agent = Some(agent.clone());
                session.agent_joined_at = Some(now());
                session.status = HandoverStatus::Active { agent: agent.clone() };
                Some(HandoverEvent::AgentChanged {
                    previous: Some(previous),
                    agent,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn session(status: HandoverStatus, agent: Option<AgentInfo>, intervention: Option<&str>) -> Session {
        let mut session = super::super::test_session::session(status, now());
        session.agent = agent;
        session.intervention_id = intervention.map(Into::into);
        session
    }

    fn queued() -> HandoverStatus {
        HandoverStatus::Queued {
            position: None,
            estimated_wait_secs: None,
        }
    }

    fn alice() -> AgentInfo {
        AgentInfo::new(Some("a1".into()), "Alice")
    }

    fn active() -> Session {
        session(
            HandoverStatus::Active { agent: alice() },
            Some(alice()),
            Some("i1"),
        )
    }

    fn task(kind: &str, user: Option<&str>, metadata: serde_json::Value) -> Event {
        let mut raw = json!({
            "type": kind, "id": "e1", "issued_at": "2026-11-26T10:00:00Z",
            "resource": {"type": "task", "id": "t1", "metadata": metadata}
        });
        if let Some(user) = user {
            raw["user_id"] = json!(user);
        }
        let event = Event::from_value(raw);
        assert!(event.is_known(), "{event:?}");
        event
    }

    #[test]
    fn every_routing_signal_is_read_and_other_task_events_are_not() {
        let taken = task(
            "task.taken",
            Some("a2"),
            json!({"type": "request", "intervention_id": "i2", "agent_ids": ["a2"]}),
        );
        assert_eq!(
            signal(&taken),
            Some(Signal::Accepted {
                agent: Some(UserId::new("a2")),
                mode: Some(AcceptMode::Requested),
                intervention: Some("i2".into())
            })
        );
        let ringing = task("task.taken", None, json!({"type": "ring", "agent_ids": ["a3"]}));
        assert!(matches!(
            signal(&ringing),
            Some(Signal::Accepted { agent: Some(a), mode: Some(AcceptMode::Ringing), .. }) if a.as_str() == "a3"
        ));
        let odd_mode = task("task.taken", Some("a2"), json!({"type": "teleport"}));
        assert!(matches!(
            signal(&odd_mode),
            Some(Signal::Accepted { mode: None, .. })
        ));
        let supervisor = task(
            "task.supervisor_assigned",
            Some("boss"),
            json!({"agent_ids": ["a4"]}),
        );
        assert!(matches!(
            signal(&supervisor),
            Some(Signal::Accepted { agent: Some(a), mode: Some(AcceptMode::Supervisor), .. }) if a.as_str() == "a4"
        ));
        let transfer = task("task.transferred", Some("boss"), json!({"agent_ids": ["a5"]}));
        assert_eq!(
            signal(&transfer),
            Some(Signal::Transferred {
                agent: UserId::new("a5")
            })
        );
        for agents in [json!([]), json!(["a5", "a6"]), json!(null)] {
            let offered = task("task.transferred", Some("boss"), json!({ "agent_ids": agents }));
            assert_eq!(signal(&offered), None, "{agents}");
        }
        assert_eq!(
            signal(&task("task.expired_from_step", None, json!({}))),
            Some(Signal::StepExpired)
        );
        assert_eq!(
            signal(&task("task.undelivered", None, json!({}))),
            Some(Signal::Undelivered)
        );
        for (action, deferred) in [("deferred", true), ("closed", false), ("whatever", false)] {
            let completed = task("task.completed", Some("a1"), json!({ "action": action }));
            assert!(matches!(
                signal(&completed),
                Some(Signal::Completed { deferred: d, .. }) if d == deferred
            ));
        }
        for kind in [
            "task.created",
            "task.assigned",
            "task.destroyed",
            "task.recategorized",
            "task.resume",
            "task.expired_from_workbin",
        ] {
            assert_eq!(signal(&task(kind, Some("a1"), json!({}))), None, "{kind}");
        }
    }

    #[test]
    fn decisions_follow_the_session() {
        let waiting = session(queued(), None, None);
        // Routing notices only matter while the conversation waits.
        assert_eq!(
            decide(&waiting, Signal::StepExpired),
            Decision::Emit(HandoverEvent::RoutingStepExpired)
        );
        assert_eq!(
            decide(&waiting, Signal::Undelivered),
            Decision::Emit(HandoverEvent::Undelivered)
        );
        assert_eq!(decide(&active(), Signal::StepExpired), Decision::Ignore);
        assert_eq!(decide(&active(), Signal::Undelivered), Decision::Ignore);

        // Completion: of this intervention only, and only once an agent had it.
        let completed = |deferred, i: Option<&str>| Signal::Completed {
            deferred,
            intervention: i.map(Into::into),
        };
        assert_eq!(
            decide(&active(), completed(true, Some("i1"))),
            Decision::Emit(HandoverEvent::AgentCompleted { deferred: true })
        );
        assert_eq!(
            decide(&active(), completed(false, None)),
            Decision::Emit(HandoverEvent::AgentCompleted { deferred: false })
        );
        assert_eq!(decide(&active(), completed(false, Some("old"))), Decision::Ignore);
        assert_eq!(decide(&waiting, completed(false, None)), Decision::Ignore);

        // Accepted: joins, confirms, names, or changes the agent.
        let accepted = |agent: Option<&str>| Signal::Accepted {
            agent: agent.map(UserId::new),
            mode: None,
            intervention: None,
        };
        let relation_of = |session: &Session, agent| match decide(session, accepted(agent)) {
            Decision::Accept { relation, .. } => relation,
            other => panic!("{other:?}"),
        };
        assert_eq!(relation_of(&waiting, Some("a1")), Relation::New);
        assert_eq!(relation_of(&waiting, None), Relation::New);
        assert_eq!(relation_of(&active(), Some("a1")), Relation::Same);
        assert_eq!(relation_of(&active(), None), Relation::Same);
        assert_eq!(relation_of(&active(), Some("a2")), Relation::Other(alice()));
        let unnamed = AgentInfo::new(None, "Al");
        let early = session(
            HandoverStatus::Active {
                agent: unnamed.clone(),
            },
            Some(unnamed.clone()),
            None,
        );
        assert_eq!(relation_of(&early, Some("a1")), Relation::Named(unnamed));

        // Transferred: a change only when the agent is another one.
        let to = |a: &str| Signal::Transferred {
            agent: UserId::new(a),
        };
        assert_eq!(decide(&active(), to("a1")), Decision::Ignore);
        assert_eq!(
            decide(&active(), to("a2")),
            Decision::Change {
                agent: UserId::new("a2"),
                relation: Relation::Other(alice())
            }
        );
        assert_eq!(
            decide(&waiting, to("a2")),
            Decision::Change {
                agent: UserId::new("a2"),
                relation: Relation::New
            }
        );
    }
}
