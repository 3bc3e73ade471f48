//! Lookup indexes over the simulator's stored records, so that every lookup by id, by
//! foreign id or by thread costs O(1) instead of a scan of everything ever stored.
//!
//! Records live in append-only vectors (the inspection API hands out slices of them); an
//! index maps a key to a position in one of those vectors. Records are only ever added
//! through [`SimState`](super::SimState)'s `insert_*` methods, which keep these in step.

use std::collections::{HashMap, HashSet};

use super::records::{
    ContentRecord, Direction, IdentityRecord, InterventionRecord, TaskRecord, ThreadRecord,
};
use crate::models::{ContentId, IdentityId, InterventionId, TaskId, ThreadId};

/// Positions of records in [`SimState`](super::SimState)'s vectors, by key.
#[derive(Debug, Default)]
pub(crate) struct Indexes {
    pub(crate) thread: HashMap<ThreadId, usize>,
    /// Threads by foreign id (the simulator has one source, so a foreign id is unique).
    pub(crate) thread_by_foreign: HashMap<String, usize>,
    pub(crate) content: HashMap<ContentId, usize>,
    /// The first content stored with a foreign id.
    pub(crate) content_by_foreign: HashMap<String, usize>,
    /// Customer contents by foreign id (deduplication of the Send API).
    pub(crate) inbound_by_foreign: HashSet<String>,
    /// Contents of each thread, oldest first.
    pub(crate) contents_of_thread: HashMap<ThreadId, Vec<usize>>,
    /// The last customer content of each thread.
    pub(crate) last_inbound: HashMap<ThreadId, usize>,
    /// Contents some other content replies to.
    pub(crate) replied: HashSet<ContentId>,
    /// The first agent reply of each intervention.
    pub(crate) first_reply: HashMap<InterventionId, usize>,
    pub(crate) identity: HashMap<IdentityId, usize>,
    /// Customer identities (no agent) by foreign id.
    pub(crate) customer_by_foreign: HashMap<String, usize>,
    pub(crate) intervention: HashMap<InterventionId, usize>,
    /// Interventions of each thread, oldest first.
    pub(crate) interventions_of_thread: HashMap<ThreadId, Vec<usize>>,
    pub(crate) task: HashMap<TaskId, usize>,
    /// The waiting task of each thread.
    pub(crate) waiting_task: HashMap<ThreadId, TaskId>,
    /// Whether a task for a real customer (not a phantom) was ever created.
    pub(crate) any_real_task: bool,
}

impl Indexes {
    pub(crate) fn add_thread(&mut self, at: usize, t: &ThreadRecord) {
        self.thread.insert(t.id.clone(), at);
        self.thread_by_foreign.entry(t.foreign_id.clone()).or_insert(at);
    }

    pub(crate) fn add_content(&mut self, at: usize, c: &ContentRecord) {
        self.content.insert(c.id.clone(), at);
        if let Some(f) = &c.foreign_id {
            self.add_content_foreign_id(at, c.direction, f);
        }
        self.contents_of_thread
            .entry(c.thread_id.clone())
            .or_default()
            .push(at);
        if c.direction == Direction::Inbound {
            self.last_inbound.insert(c.thread_id.clone(), at);
        }
        if let Some(r) = &c.in_reply_to_id {
            self.replied.insert(r.clone());
        }
        if let (Some(i), Direction::Outbound) = (&c.intervention_id, c.direction) {
            self.first_reply.entry(i.clone()).or_insert(at);
        }
    }

    /// A content's foreign id became known (an agent reply the service acknowledged).
    pub(crate) fn add_content_foreign_id(&mut self, at: usize, direction: Direction, foreign: &str) {
        self.content_by_foreign.entry(foreign.to_owned()).or_insert(at);
        if direction == Direction::Inbound {
            self.inbound_by_foreign.insert(foreign.to_owned());
        }
    }

    pub(crate) fn add_identity(&mut self, at: usize, i: &IdentityRecord) {
        self.identity.insert(i.id.clone(), at);
        if i.user_id.is_none() {
            self.customer_by_foreign.entry(i.foreign_id.clone()).or_insert(at);
        }
    }

    pub(crate) fn add_intervention(&mut self, at: usize, i: &InterventionRecord) {
        self.intervention.insert(i.id.clone(), at);
        self.interventions_of_thread
            .entry(i.thread_id.clone())
            .or_default()
            .push(at);
    }

    pub(crate) fn add_task(&mut self, at: usize, t: &TaskRecord) {
        self.task.insert(t.id.clone(), at);
        self.any_real_task |= t.thread_id.is_some();
    }
}
