//! Routing: the FIFO task queue, simulated agents taking tasks, their scripted replies,
//! closing interventions, and `messaging.queuing_update` notices to the service.

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::json;
use tokio::time::Instant;

use super::clock::now;
use super::outbound;
use super::records::*;
use super::shared::{spawn_with, Shared, Tap};
use super::state::{QueueNotice, SimState};
use super::webhooks::{self, intervention_event, task_event};
use crate::models::{ContentId, InterventionId, TaskId, ThreadId, UserId};
use crate::webhook::events::{Event, TaskCompletionAction};

/// Queues a task for `thread` unless it already has one waiting or an open intervention.
/// The first real task gets the `queue_ahead` phantom customers in front of it.
pub(crate) fn enqueue(s: &mut SimState, thread: &ThreadId, queue_ahead: usize) -> Vec<Event> {
    if s.ix.waiting_task.contains_key(thread) || s.open_intervention(thread).is_some() {
        return Vec::new();
    }
    if !s.ix.any_real_task {
        for _ in 0..queue_ahead {
            let id = TaskId::new(s.next_id());
            s.insert_task(TaskRecord {
                id: id.clone(),
                thread_id: None,
                content_id: None,
                status: TaskStatus::Queued,
                agent_id: None,
                intervention_id: None,
                created_at: now(),
                taken_at: None,
            });
            s.queue.push_back(id);
        }
    }
    let task = TaskRecord {
        id: TaskId::new(s.next_id()),
        thread_id: Some(thread.clone()),
        content_id: s.last_inbound(thread).map(|c| c.id.clone()),
        status: TaskStatus::Queued,
        agent_id: None,
        intervention_id: None,
        created_at: now(),
        taken_at: None,
    };
    s.queue.push_back(task.id.clone());
    s.ix.waiting_task.insert(thread.clone(), task.id.clone());
    s.unannounced.insert(task.id.clone());
    let ev = task_event(s, "task.created", &task, None);
    s.insert_task(task);
    vec![ev]
}

/// Forgets what was noticed about a task that left the queue.
fn left_queue(s: &mut SimState, task: &TaskId) {
    if let Some(thread) = s.task(task).and_then(|t| t.thread_id.clone()) {
        s.ix.waiting_task.remove(&thread);
    }
    s.unannounced.remove(task);
    if let Some(n) = s.queue_notices.remove(task) {
        s.notice_due.remove(&(n.due, task.clone()));
    }
}

/// Removes the waiting task of `thread` from the queue (recategorized out of Agent, closed).
pub(crate) fn dequeue(s: &mut SimState, thread: &ThreadId) {
    let Some(id) = s.ix.waiting_task.get(thread).cloned() else {
        return;
    };
    s.queue.remove(&id);
    left_queue(s, &id);
    if let Some(t) = s.task_mut(&id) {
        t.status = TaskStatus::Canceled;
    }
}

/// An agent picked a task.
struct Taken {
    agent: usize,
    task: TaskId,
    /// For a real customer: the intervention and whether the agent will not show up.
    real: Option<(InterventionId, bool)>,
}

fn assign(s: &mut SimState, no_show_rate: f64) -> (Vec<Taken>, Vec<Event>) {
    let mut taken = Vec::new();
    let mut events = Vec::new();
    // A task that just entered the queue is first told its position (as Engage does when the
    // task is created), then routed: otherwise a task enqueued between two passes of the
    // routing loop would never hear its starting position.
    if !s.unannounced.is_empty() && s.declared_option("messaging.queuing_update") {
        return (taken, events);
    }
    while let Some(task_id) = s.queue.front().cloned() {
        let free = s
            .agents
            .iter()
            .enumerate()
            .filter(|(_, a)| a.available && a.load < a.capacity)
            .min_by_key(|(i, a)| (a.load, *i))
            .map(|(i, _)| i);
        let Some(agent) = free else { break };
        s.queue.pop_front();
        left_queue(s, &task_id);
        s.agents[agent].load += 1;
        let user = s.agents[agent].user_id.clone();
        let thread = s.task(&task_id).and_then(|t| t.thread_id.clone());
        let real = match thread {
            None => None,
            Some(thread) => {
                let id = InterventionId::new(s.next_id());
                let last = s.last_inbound(&thread);
                let content_id = last.map(|c| c.id.clone()).unwrap_or_else(|| ContentId::new(""));
                let identity_id = last.map(|c| c.identity_id.clone()).unwrap_or_else(|| "".into());
                let category_ids = s
                    .thread(&thread)
                    .map(|t| t.category_ids.clone())
                    .unwrap_or_default();
                let t = now();
                let intervention = InterventionRecord {
                    id: id.clone(),
                    thread_id: thread,
                    content_id,
                    user_id: user.clone(),
                    identity_id,
                    category_ids,
                    status: InterventionStatus::Open,
                    task_id: Some(task_id.clone()),
                    user_replies_count: 0,
                    created_at: t,
                    updated_at: t,
                    closed_at: None,
                };
                s.insert_intervention(intervention.clone());
                let no_show = s.chance(no_show_rate);
                Some((id, intervention, no_show))
            }
        };
        if let Some(task) = s.task_mut(&task_id) {
            task.status = TaskStatus::Taken;
            task.agent_id = Some(user.clone());
            task.taken_at = Some(now());
            task.intervention_id = real.as_ref().map(|(id, _, _)| id.clone());
        }
        if let (Some((_, intervention, _)), Some(task)) = (&real, s.task(&task_id).cloned()) {
            events.push(task_event(s, "task.taken", &task, None));
            events.push(intervention_event(
                s,
                "intervention.opened",
                intervention,
                Some(&user),
            ));
            events.push(intervention_event(
                s,
                "intervention.assigned",
                intervention,
                Some(&user),
            ));
        }
        taken.push(Taken {
            agent,
            task: task_id,
            real: real.map(|(id, _, no_show)| (id, no_show)),
        });
    }
    (taken, events)
}

/// The routing loop: assigns tasks, starts agent sessions and sends queue notices.
pub(crate) async fn run(shared: Arc<Shared>) {
    let mut last_info_attempt: Option<Instant> = None;
    loop {
        notices(&shared, &mut last_info_attempt).await;
        let (taken, events) = shared.with_quiet(|s| assign(s, s.faults.agent_no_show));
        webhooks::emit(&shared, events);
        for t in taken {
            start_session(&shared, t);
        }
        notices(&shared, &mut last_info_attempt).await;
        // Sleep until the next periodic update falls due (at most one interval), so every
        // waiting task hears again one interval after its last update, not up to two.
        let interval = shared.clock.real(shared.config.queue_update_interval);
        let next_due = shared.read(|s| s.notice_due.first().map(|(at, _)| *at));
        let now = Instant::now();
        let until = next_due.map_or(now + interval, |due| due.min(now + interval));
        let until = until.max(now + Duration::from_millis(1));
        let _ = tokio::time::timeout_at(until, shared.wake_router.notified()).await;
    }
}

fn start_session(shared: &Arc<Shared>, t: Taken) {
    match t.real {
        None => spawn_with(shared, move |shared| async move {
            shared.clock.sleep(shared.config.average_handle_time).await;
            shared.with(|s| {
                if let Some(task) = s.task_mut(&t.task) {
                    task.status = TaskStatus::Completed;
                }
                if let Some(a) = s.agents.get_mut(t.agent) {
                    a.load = a.load.saturating_sub(1);
                }
            });
        }),
        Some((_, true)) => {}
        Some((intervention, false)) => spawn_with(shared, move |shared| async move {
            let script = shared.read(|s| s.scripts.get(t.agent).cloned());
            let Some(script) = script else { return };
            for line in &script.replies {
                shared.clock.sleep(script.think_time).await;
                let tag = shared.tapped();
                let id = shared.with(|s| agent_reply(s, &intervention, line, tag));
                let Some((id, thread)) = id else { return };
                if tag {
                    let (content_id, at) = (id.to_string(), Instant::now());
                    shared.tap(Tap::AgentReply {
                        content_id,
                        thread,
                        at,
                    });
                }
                outbound::deliver_content(Arc::clone(&shared), id).await;
            }
            if script.closes {
                if script.replies.is_empty() {
                    shared.clock.sleep(script.think_time).await;
                }
                let by = shared.read(|s| s.intervention(&intervention).map(|i| i.user_id.clone()));
                if let Some(by) = by {
                    end_intervention(&shared, &intervention, InterventionStatus::Closed, &by);
                }
            }
        }),
    }
}

/// Stores an agent reply in the intervention's thread and returns it with the thread's
/// foreign id; `None` once the intervention is over. `tag` appends ` [content id]` to the
/// body, so a load test can tell each reply apart at the customer's end.
fn agent_reply(
    s: &mut SimState,
    intervention: &InterventionId,
    body: &str,
    tag: bool,
) -> Option<(ContentId, String)> {
    let i = s.intervention(intervention)?.clone();
    if i.status != InterventionStatus::Open {
        return None;
    }
    let id = store_outbound(s, &i.thread_id, &i.user_id, body, Some(&i.id), None);
    if tag {
        if let Some(&at) = s.ix.content.get(&id) {
            s.contents[at].body = format!("{body} [{id}]");
        }
    }
    let thread = s
        .thread(&i.thread_id)
        .map(|t| t.foreign_id.clone())
        .unwrap_or_default();
    Some((id, thread))
}

/// Stores an agent-authored content in `thread`, replying to the last customer content.
pub(crate) fn store_outbound(
    s: &mut SimState,
    thread: &ThreadId,
    user: &UserId,
    body: &str,
    intervention: Option<&InterventionId>,
    reply_to: Option<ContentId>,
) -> ContentId {
    let id = ContentId::new(s.next_id());
    let reply_to = reply_to.or_else(|| s.last_inbound(thread).map(|c| c.id.clone()));
    let identity = match s.agents.iter().find(|a| &a.user_id == user) {
        Some(a) => a.identity_id.clone(),
        None => s
            .identities
            .first()
            .map(|i| i.id.clone())
            .unwrap_or_else(|| "".into()),
    };
    let (kind, category_ids) = s
        .thread(thread)
        .map(|t| (t.kind, t.category_ids.clone()))
        .unwrap_or((ContentKind::Message, Vec::new()));
    s.insert_content(ContentRecord {
        id: id.clone(),
        foreign_id: None,
        thread_id: thread.clone(),
        source_id: s.source.id.clone(),
        identity_id: identity,
        user_id: Some(user.clone()),
        direction: Direction::Outbound,
        kind: if kind == ContentKind::Thread {
            ContentKind::Message
        } else {
            kind
        },
        body: body.to_owned(),
        format: "text".into(),
        in_reply_to_id: reply_to,
        intervention_id: intervention.cloned(),
        context_data: None,
        structured_content: None,
        attachments: Vec::new(),
        category_ids,
        created_at: now(),
        synchronization_status: Some("pending".into()),
    });
    if let Some(i) = intervention.and_then(|i| s.intervention_mut(i)) {
        i.user_replies_count += 1;
        i.updated_at = now();
    }
    id
}

/// Closes or cancels an open intervention, frees its agent, and sends the webhooks
/// (`intervention.closed` + `task.completed`, or `intervention.canceled`). `false` if it
/// was not open.
pub(crate) fn end_intervention(
    shared: &Shared,
    id: &InterventionId,
    status: InterventionStatus,
    by: &UserId,
) -> bool {
    let events = shared.with(|s| {
        let i = s.intervention_mut(id)?;
        if i.status != InterventionStatus::Open {
            return None;
        }
        let t = now();
        i.status = status;
        i.closed_at = Some(t);
        i.updated_at = t;
        let i = i.clone();
        if let Some(a) = s.agent_index(&i.user_id) {
            if i.task_id.is_some() {
                s.agents[a].load = s.agents[a].load.saturating_sub(1);
            }
        }
        let kind = if status == InterventionStatus::Closed {
            "intervention.closed"
        } else {
            "intervention.canceled"
        };
        let mut events = vec![intervention_event(s, kind, &i, Some(by))];
        if let Some(task) = i.task_id.as_ref().and_then(|t| s.task_mut(t)) {
            task.status = if status == InterventionStatus::Closed {
                TaskStatus::Completed
            } else {
                TaskStatus::Canceled
            };
            let task = task.clone();
            if status == InterventionStatus::Closed {
                events.push(task_event(
                    s,
                    "task.completed",
                    &task,
                    Some(TaskCompletionAction::Closed),
                ));
            }
        }
        Some(events)
    });
    match events {
        Some(events) => {
            webhooks::emit(shared, events);
            true
        }
        None => false,
    }
}

/// Sends `messaging.queuing_update` for each waiting real task whose position or estimate
/// changed, or whose last notice is older than the update interval.
async fn notices(shared: &Arc<Shared>, last_info_attempt: &mut Option<Instant>) {
    if shared.sdk_endpoint().is_none() {
        return;
    }
    let (has_real, has_info) = shared.read(|s| (!s.ix.waiting_task.is_empty(), s.info.is_some()));
    if !has_real {
        return;
    }
    let interval = shared.clock.real(shared.config.queue_update_interval);
    if !has_info {
        if last_info_attempt.is_some_and(|t| t.elapsed() < interval) {
            return;
        }
        *last_info_attempt = Some(Instant::now());
        if !outbound::fetch_info(shared).await {
            return;
        }
    }
    let handle = shared.config.average_handle_time.as_secs().max(1);
    let due = shared.with_quiet(|s| due_notices(s, interval, handle));
    futures_util::stream::iter(due)
        .for_each_concurrent(NOTICES_IN_FLIGHT, |params| async move {
            outbound::call(shared, "messaging.queuing_update", Some(params), 1).await;
        })
        .await;
}

/// Queue updates sent to the service at once.
const NOTICES_IN_FLIGHT: usize = 64;

/// The `params` of the notices due now, recorded as sent. Visits only the tasks whose
/// position moved (something ahead left, or they are new), all of them when the estimate
/// per position changed, and those whose periodic notice fell due: O(notices · log n).
fn due_notices(s: &mut SimState, interval: Duration, handle: u64) -> Vec<serde_json::Value> {
    if !s.declared_option("messaging.queuing_update") {
        return Vec::new();
    }
    let capacity: u32 = s.agents.iter().filter(|a| a.available).map(|a| a.capacity).sum();
    let capacity = capacity.max(1) as usize;
    if capacity != s.notice_capacity {
        s.notice_capacity = capacity;
        s.queue.mark_all_changed();
    }
    let now = Instant::now();
    let mut candidates = s.queue.take_changed();
    while let Some((at, _)) = s.notice_due.first() {
        if *at > now {
            break;
        }
        let Some((_, id)) = s.notice_due.pop_first() else {
            break;
        };
        if let Some(position) = s.queue.position(&id) {
            candidates.push((id, position));
        }
    }
    let mut due = Vec::new();
    for (id, position) in candidates {
        let Some(thread) = s
            .task(&id)
            .and_then(|t| t.thread_id.as_ref())
            .and_then(|t| s.thread(t))
        else {
            continue;
        };
        let estimate = position.div_ceil(capacity) as u64 * handle;
        let send = match s.queue_notices.get(&id) {
            None => true,
            Some(n) => n.position != position || n.estimate != estimate || n.due <= now,
        };
        if !send {
            continue;
        }
        due.push(json!({
            "estimated_wait_time": estimate,
            "position": position,
            "thread_id": thread.foreign_id,
            "in_reply_to_id": s.last_inbound(&thread.id).and_then(|c| c.foreign_id.clone()),
        }));
        let next = now + interval;
        let notice = QueueNotice {
            position,
            estimate,
            due: next,
        };
        if let Some(old) = s.queue_notices.insert(id.clone(), notice) {
            s.notice_due.remove(&(old.due, id.clone()));
        }
        s.unannounced.remove(&id);
        s.notice_due.insert((next, id));
    }
    due
}
