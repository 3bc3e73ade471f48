//! Reconciliation: when webhooks or SDK calls were lost (the service was down, Engage gave up
//! retrying), a live handover reads the truth from the REST API and emits what it missed,
//! exactly once.
//!
//! [`decide`] is pure: from the session and what Engage answered (the thread, its
//! interventions, its latest contents) it says which agent joined, which agent messages were
//! never relayed (in order) and whether the handover ended. [`Inner::reconcile`] fetches and
//! applies it under the conversation's lock, with the same content ids and `seen_ids` as the
//! SDK path, so a late delivery of the same content is not relayed twice.
//!
//! # Cost
//!
//! One reconciliation makes 3 REST calls (`GET /content_threads/{id}`,
//! `GET /interventions?thread_id=`, one page of `GET /contents?q=thread:`), plus
//! `GET /users/{id}` when a join was missed (cached per agent). It runs on `resume_all` and,
//! through the timers, for a handover without news (no queue update, join or agent message)
//! for [`DEFAULT_RECONCILE_AFTER`] (configurable), at most once per interval, each handover
//! delayed by a stable share of one more interval so they spread out: with 10,000 silent live
//! handovers and the default of 2 hours, on average 10,000 × 3 calls per 3 hours, about
//! 170 requests/min, a third of Engage's 500/min.

use std::time::Duration;

use super::fingerprint::fingerprint;
use super::{now, Inner};
use crate::api::SearchQuery;
use crate::handover::event::{AgentInfo, EndReason, HandoverEvent, HandoverStatus};
use crate::handover::provider::HandoverError;
use crate::handover::store::Session;
use crate::models::{Content, Intervention, Thread, ThreadId, Timestamp, UserId};

/// How long a live handover goes without news before it is reconciled, by default.
pub const DEFAULT_RECONCILE_AFTER: Duration = Duration::from_secs(2 * 60 * 60);

/// The REST calls one reconciliation makes (the thread, its interventions, its contents; a
/// missed join adds `GET /users/{id}`, cached per agent).
pub(super) const RECONCILE_CALLS: u32 = 3;

/// How many of the thread's latest contents one reconciliation reads.
const CONTENTS_READ: u32 = 100;

/// How much earlier than our start an intervention may say it was created and still be taken
/// for this handover's (Engage's clock and ours differ).
const CLOCK_SLACK: time::Duration = time::Duration::minutes(2);

/// What Engage says about a handover's thread.
#[derive(Debug, Clone, Default)]
pub(super) struct Truth {
    /// Whether the thread is closed.
    pub(super) thread_closed: bool,
    /// The thread's interventions, in any order.
    pub(super) interventions: Vec<Intervention>,
    /// The thread's latest contents, oldest first.
    pub(super) contents: Vec<Content>,
}

/// What a reconciliation changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Decision {
    /// The intervention of this handover, when the session did not know it.
    pub(super) intervention: Option<String>,
    /// An agent joined without us hearing it: their user id, if Engage gives it.
    pub(super) missed_join: Option<Option<UserId>>,
    /// Agent contents never relayed, oldest first.
    pub(super) messages: Vec<Content>,
    /// The handover ended.
    pub(super) end: Option<EndReason>,
}

impl Decision {
    /// Whether nothing was missed.
    pub(super) fn is_empty(&self) -> bool {
        *self == Decision::default()
    }
}

fn closed(intervention: &Intervention) -> bool {
    intervention.closed == Some(true)
        || intervention.closed_at.is_some()
        || intervention.status.as_deref() == Some("closed")
}

/// The intervention of this handover: the known one, else the latest one opened since the
/// handover started (or still open).
fn current<'a>(session: &Session, truth: &'a Truth) -> Option<&'a Intervention> {
    if let Some(known) = session.intervention_id.as_deref() {
        return truth.interventions.iter().find(|i| i.id.as_str() == known);
    }
    let since = session.started_at - CLOCK_SLACK;
    truth
        .interventions
        .iter()
        .filter(|i| !closed(i) || i.created_at.is_some_and(|at| at >= since))
        .max_by_key(|i| i.created_at)
}

/// Whether `content` was written in `intervention`: its `intervention_id` says so, or, when
/// Engage leaves it out, it was created after the intervention opened.
fn during(content: &Content, intervention: &Intervention) -> bool {
    match &content.intervention_id {
        Some(id) => *id == intervention.id,
        None => content
            .created_at
            .zip(intervention.created_at)
            .is_some_and(|(written, opened)| written >= opened),
    }
}

/// What `session` missed, given `truth` (pure).
pub(super) fn decide(session: &Session, truth: &Truth) -> Decision {
    let mut decision = Decision::default();
    if !live(session) {
        return decision;
    }
    let intervention = current(session, truth);
    if let Some(i) = intervention {
        if session.intervention_id.is_none() {
            decision.intervention = Some(i.id.to_string());
        }
        if session.agent.is_none() {
            decision.missed_join = Some(i.user_id.clone());
        }
        // Agent contents of this intervention after the last one relayed, oldest first.
        let after = truth
            .contents
            .iter()
            .rposition(|c| session.seen_ids.iter().any(|seen| seen == c.id.as_str()))
            .map_or(0, |at| at + 1);
        decision.messages = truth.contents[after..]
            .iter()
            .filter(|c| c.creator_id.is_some() && during(c, i))
            .filter(|c| !session.seen_ids.iter().any(|seen| seen == c.id.as_str()))
            .cloned()
            .collect();
    }
    decision.end = if truth.thread_closed {
        Some(EndReason::ProviderClosed)
    } else if intervention.is_some_and(closed) {
        Some(EndReason::AgentClosed)
    } else {
        None
    };
    decision
}

/// Whether a handover can miss events: started (its thread known) and not finished.
fn live(session: &Session) -> bool {
    session.thread_id.is_some()
        && matches!(
            session.status,
            HandoverStatus::Queued { .. } | HandoverStatus::Active { .. }
        )
}

/// When `session` is next reconciled: `after` without news, plus a stable share of `after`
/// drawn from the conversation id so that handovers started together spread out; or earlier,
/// when `resume_all` asked for it (`reconcile_at`).
pub(super) fn due(session: &Session, after: Duration) -> Option<Timestamp> {
    if !live(session) {
        return None;
    }
    let news = [
        session.queue_heard_at,
        session.agent_joined_at,
        session.last_agent_message_at,
        session.reconciled_at,
    ]
    .into_iter()
    .flatten()
    .fold(session.started_at, Timestamp::max);
    let digest = fingerprint(&[session.conversation_id.as_str()]);
    let share = u64::from_str_radix(&digest[..8], 16).unwrap_or(0) as f64 / f64::from(u32::MAX);
    let quiet = news + after + after.mul_f64(share);
    // One asked for by `resume_all`, when earlier.
    Some(session.reconcile_at.map_or(quiet, |asked| asked.min(quiet)))
}

impl Inner {
    /// Reads the truth of a live handover from Engage and emits what it missed. Call with the
    /// conversation's lock held. Returns whether anything was missed.
    pub(super) async fn reconcile(&self, session: &mut Session) -> Result<bool, HandoverError> {
        let Some(thread) = session.thread_id.clone().filter(|_| live(session)) else {
            return Ok(false);
        };
        let truth = self.read_truth(&ThreadId::new(&thread)).await?;
        let decision = decide(session, &truth);
        metrics::counter!("engage_handover_reconciliations_total").increment(1);
        let missed = !decision.is_empty();
        let mut events = Vec::new();
        let joined = match &decision.missed_join {
            Some(id) => Some(match id {
                Some(id) => AgentInfo::new(Some(id.to_string()), self.agent_name(id).await),
                None => AgentInfo::new(None, "Agent"),
            }),
            None => None,
        };
        let at = now();
        let changes = |s: &mut Session, events: &mut Vec<HandoverEvent>| {
            s.reconciled_at = Some(at);
            s.reconcile_at = None;
            if let Some(id) = &decision.intervention {
                s.intervention_id = Some(id.clone());
            }
            if let Some(agent) = &joined {
                if s.agent.is_none() {
                    events.push(Self::join(s, agent.clone()));
                }
            }
            for content in &decision.messages {
                let key = content.id.to_string();
                if !Session::remember(&mut s.seen_ids, &key) {
                    continue;
                }
                let agent = s.agent.clone().unwrap_or_else(|| AgentInfo::new(None, "Agent"));
                s.last_agent_message_at = Some(at);
                events.push(HandoverEvent::AgentMessage {
                    agent,
                    message_id: format!("{}:agent:{key}", s.conversation_id),
                    text: content.body.clone().unwrap_or_default(),
                    attachments: Vec::new(),
                    structured_content: None,
                });
            }
        };
        let mut attempt = 0;
        loop {
            events.clear();
            changes(session, &mut events);
            // Saved and announced in one step, like every other event.
            match self.save_announcing(session, events.clone()).await {
                Err(crate::handover::StoreError::Conflict(_))
                    if attempt < super::session::CONFLICT_RETRIES =>
                {
                    attempt += 1;
                    *session = self.load(&session.conversation_id).await?.ok_or_else(|| {
                        crate::handover::StoreError::Backend("the session was removed while saving".into())
                    })?;
                    if !live(session) {
                        return Ok(false);
                    }
                }
                saved => break saved?,
            }
        }
        if let Some(reason) = decision.end {
            self.finish_locked(session, reason).await?;
        }
        if missed {
            tracing::info!(conversation = %session.conversation_id, %thread, "reconciled a handover that missed Engage's events");
        }
        Ok(missed)
    }

    async fn read_truth(&self, thread: &ThreadId) -> Result<Truth, HandoverError> {
        let client = &self.config.client;
        let read: Result<Truth, crate::Error> = async {
            let found: Thread = client.threads().get(thread).await?;
            let interventions = client
                .interventions()
                .list()
                .thread_id(thread)
                .send()
                .await?
                .records;
            let query = SearchQuery::new().keyword("thread", thread.as_str());
            let mut contents = client
                .contents()
                .list()
                .q(&query)?
                .limit(CONTENTS_READ)
                .send()
                .await?
                .records;
            // Newest first from Engage: oldest first here.
            contents.reverse();
            Ok(Truth {
                thread_closed: found.closed == Some(true),
                interventions,
                contents,
            })
        }
        .await;
        read.map_err(HandoverError::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use time::macros::datetime;

    const T0: Timestamp = datetime!(2026-11-26 10:00 UTC);

    fn queued() -> Session {
        super::super::test_session::session(
            HandoverStatus::Queued {
                position: None,
                estimated_wait_secs: None,
            },
            T0,
        )
    }

    fn intervention(id: &str, agent: &str, created: &str, closed: bool) -> Intervention {
        serde_json::from_value(json!({
            "id": id, "thread_id": "th", "user_id": agent, "created_at": created,
            "closed": closed, "status": if closed { "closed" } else { "assigned" },
        }))
        .unwrap()
    }

    fn content(id: &str, intervention: Option<&str>, agent: bool) -> Content {
        serde_json::from_value(json!({
            "id": id, "thread_id": "th", "body": format!("text {id}"),
            "intervention_id": intervention, "creator_id": agent.then_some("agent1"),
        }))
        .unwrap()
    }

    fn ids(decision: &Decision) -> Vec<&str> {
        decision.messages.iter().map(|c| c.id.as_str()).collect()
    }

    #[test]
    fn everything_missed_is_found_in_order() {
        let truth = Truth {
            thread_closed: false,
            interventions: vec![
                intervention("old", "agent0", "2026-11-25T10:00:00Z", true),
                intervention("i1", "agent1", "2026-11-26T10:05:00Z", true),
            ],
            contents: vec![
                content("c0", Some("old"), true),
                content("u1", None, false),
                content("c1", Some("i1"), true),
                content("u2", None, false),
                content("c2", Some("i1"), true),
            ],
        };
        let decision = decide(&queued(), &truth);
        assert_eq!(decision.intervention.as_deref(), Some("i1"));
        assert_eq!(decision.missed_join, Some(Some(UserId::new("agent1"))));
        // The earlier handover's agent and the user's own lines are not relayed.
        assert_eq!(ids(&decision), ["c1", "c2"]);
        assert_eq!(decision.end, Some(EndReason::AgentClosed));
    }

    #[test]
    fn what_was_relayed_is_not_relayed_again() {
        let mut session = queued();
        session.status = HandoverStatus::Active {
            agent: AgentInfo::new(Some("agent1".into()), "A"),
        };
        session.agent = Some(AgentInfo::new(Some("agent1".into()), "A"));
        session.intervention_id = Some("i1".into());
        let mut truth = Truth {
            thread_closed: false,
            interventions: vec![intervention("i1", "agent1", "2026-11-26T10:05:00Z", false)],
            contents: (1..=4)
                .map(|n| content(&format!("c{n}"), Some("i1"), true))
                .collect(),
        };
        for relayed in 0..=4 {
            let mut s = session.clone();
            for n in 1..=relayed {
                Session::remember(&mut s.seen_ids, &format!("c{n}"));
            }
            let decision = decide(&s, &truth);
            assert_eq!(decision.missed_join, None);
            assert_eq!(decision.intervention, None);
            let expected: Vec<String> = (relayed + 1..=4).map(|n| format!("c{n}")).collect();
            assert_eq!(ids(&decision), expected);
            assert_eq!(decision.is_empty(), relayed == 4);
        }
        // A late SDK delivery of c3 before c2 (seen out of order): c2 is still missing, c3 is not.
        let mut s = session.clone();
        Session::remember(&mut s.seen_ids, "c1");
        Session::remember(&mut s.seen_ids, "c3");
        assert_eq!(ids(&decide(&s, &truth)), ["c4"]);
        // The thread closed: the handover ended by Engage.
        truth.thread_closed = true;
        assert_eq!(decide(&session, &truth).end, Some(EndReason::ProviderClosed));
    }

    #[test]
    fn nothing_for_handovers_not_live_or_without_an_agent() {
        let truth = Truth {
            thread_closed: false,
            interventions: vec![intervention("old", "agent0", "2026-11-25T10:00:00Z", true)],
            contents: vec![content("c0", Some("old"), true)],
        };
        // Only an earlier handover's (closed) intervention: nothing happened in this one.
        assert!(decide(&queued(), &truth).is_empty());
        let mut requested = queued();
        requested.status = HandoverStatus::Requested;
        let closed = Truth {
            thread_closed: true,
            ..Truth::default()
        };
        assert!(decide(&requested, &closed).is_empty());
        assert_eq!(decide(&queued(), &closed).end, Some(EndReason::ProviderClosed));
    }

    #[test]
    fn due_after_the_interval_without_news_spread_within_one_more() {
        let after = Duration::from_secs(3600);
        let mut session = queued();
        let first = due(&session, after).unwrap();
        assert!(first >= T0 + after && first < T0 + after * 2);
        // News pushes it back by as much.
        session.last_agent_message_at = Some(T0 + Duration::from_secs(600));
        assert_eq!(due(&session, after).unwrap(), first + Duration::from_secs(600));
        // Spread: 1,000 conversations started together fall all over the second interval.
        let mut buckets = [0; 10];
        for n in 0..1000 {
            let mut s = queued();
            s.conversation_id = crate::handover::ConversationId::new(format!("c{n}"));
            let offset = (due(&s, after).unwrap() - T0 - after).whole_seconds();
            buckets[(offset * 10 / 3600) as usize] += 1;
        }
        assert!(buckets.iter().all(|&b| (50..150).contains(&b)), "{buckets:?}");
        session.status = HandoverStatus::Requested;
        assert_eq!(due(&session, after), None);
    }
}
