//! The routing queue as an order-statistics structure: FIFO order by sequence number, a
//! Fenwick tree over those numbers so a task's position is its rank in O(log n), and a
//! "changed from" mark so a queue-update pass visits only the tasks whose position moved.

use std::collections::{BTreeMap, HashMap};

use crate::models::TaskId;

/// Below this many slots the tree is never compacted (small in tests, to exercise it).
const COMPACT_MIN: usize = if cfg!(test) { 16 } else { 1024 };

/// Waiting tasks, first in line first.
#[derive(Debug, Default)]
pub(crate) struct TaskQueue {
    /// Sequence number of each waiting task.
    seq_of: HashMap<TaskId, u64>,
    /// Waiting tasks by sequence number (FIFO order).
    by_seq: BTreeMap<u64, TaskId>,
    /// Fenwick tree over `seq - base`: 1 where a task waits, 0 where one left.
    tree: Vec<u32>,
    /// The sequence number of slot 0 of `tree`.
    base: u64,
    /// Every task with a sequence number at or above this one may have a new position
    /// since the last [`take_changed_from`](Self::take_changed_from).
    changed_from: Option<u64>,
}

impl TaskQueue {
    /// Number of waiting tasks.
    pub(crate) fn len(&self) -> usize {
        self.by_seq.len()
    }

    /// The first task in line.
    pub(crate) fn front(&self) -> Option<&TaskId> {
        self.by_seq.values().next()
    }

    /// Waiting tasks, first in line first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &TaskId> {
        self.by_seq.values()
    }

    /// Appends a task at the end of the line (no-op when it already waits).
    pub(crate) fn push_back(&mut self, id: TaskId) {
        if self.seq_of.contains_key(&id) {
            return;
        }
        let seq = self.base + self.tree.len() as u64;
        self.fenwick_append(1);
        self.mark_changed(seq);
        self.seq_of.insert(id.clone(), seq);
        self.by_seq.insert(seq, id);
    }

    /// Removes and returns the first task in line.
    pub(crate) fn pop_front(&mut self) -> Option<TaskId> {
        let id = self.front()?.clone();
        self.remove(&id);
        Some(id)
    }

    /// Removes a task wherever it stands; `false` when it did not wait. Everybody behind it
    /// moves up one place.
    pub(crate) fn remove(&mut self, id: &TaskId) -> bool {
        let Some(seq) = self.seq_of.remove(id) else {
            return false;
        };
        self.by_seq.remove(&seq);
        self.fenwick_add((seq - self.base) as usize, -1);
        self.mark_changed(seq);
        self.compact_if_sparse();
        true
    }

    /// The 1-based position of a waiting task, in O(log n).
    pub(crate) fn position(&self, id: &TaskId) -> Option<usize> {
        let seq = *self.seq_of.get(id)?;
        Some(self.prefix((seq - self.base) as usize + 1) as usize)
    }

    /// Marks every task as possibly changed (e.g. the estimate of all of them moved).
    pub(crate) fn mark_all_changed(&mut self) {
        if let Some((&seq, _)) = self.by_seq.iter().next() {
            self.mark_changed(seq);
        }
    }

    /// The tasks whose position may have changed since the last call, in line order with
    /// their positions, and clears the mark. Costs O(k log n) for k tasks returned: a task
    /// is returned only when something ahead of it left, or it is new, or all were marked.
    pub(crate) fn take_changed(&mut self) -> Vec<(TaskId, usize)> {
        let Some(from) = self.changed_from.take() else {
            return Vec::new();
        };
        let first = match self.by_seq.range(from..).next() {
            Some((&seq, _)) => self.prefix((seq - self.base) as usize + 1) as usize,
            None => return Vec::new(),
        };
        let mut out = Vec::with_capacity(self.by_seq.len() + 1 - first);
        for (offset, (_, id)) in self.by_seq.range(from..).enumerate() {
            out.push((id.clone(), first + offset));
        }
        out
    }

    fn mark_changed(&mut self, seq: u64) {
        self.changed_from = Some(self.changed_from.map_or(seq, |c| c.min(seq)));
    }

    /// Sum of the first `n` slots.
    fn prefix(&self, mut n: usize) -> u32 {
        let mut sum = 0;
        while n > 0 {
            sum += self.tree[n - 1];
            n &= n - 1;
        }
        sum
    }

    fn fenwick_add(&mut self, index: usize, delta: i32) {
        let mut i = index + 1;
        while i <= self.tree.len() {
            self.tree[i - 1] = self.tree[i - 1].wrapping_add_signed(delta);
            i += i & i.wrapping_neg();
        }
    }

    /// Appends a slot holding `value`: the new node covers `(i - lowbit(i), i]`.
    fn fenwick_append(&mut self, value: u32) {
        let i = self.tree.len() + 1;
        let covered_from = i - (i & i.wrapping_neg());
        let node = value + self.prefix(i - 1) - self.prefix(covered_from);
        self.tree.push(node);
    }

    /// Renumbers the waiting tasks from `base` when most slots are empty, so the tree's
    /// size follows the queue's, not the number of tasks ever queued.
    fn compact_if_sparse(&mut self) {
        if self.tree.len() < COMPACT_MIN || self.by_seq.len() * 4 > self.tree.len() {
            return;
        }
        let new_base = self.base + self.tree.len() as u64;
        let changed_from = self.changed_from.take();
        let mut by_seq = BTreeMap::new();
        self.tree.clear();
        self.base = new_base;
        for (old, id) in std::mem::take(&mut self.by_seq) {
            let seq = new_base + self.tree.len() as u64;
            if changed_from.is_some_and(|c| old >= c) && self.changed_from.is_none() {
                self.changed_from = Some(seq);
            }
            self.fenwick_append(1);
            self.seq_of.insert(id.clone(), seq);
            by_seq.insert(seq, id);
        }
        self.by_seq = by_seq;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn id(n: u32) -> TaskId {
        TaskId::new(format!("t{n}"))
    }

    proptest! {
        /// Any sequence of pushes, pops and removals agrees with a plain vector: order,
        /// positions, and the changed set covers every task whose position moved.
        #[test]
        fn agrees_with_a_vector(ops in proptest::collection::vec((0u8..4, 0u32..300), 1..400)) {
            let mut q = TaskQueue::default();
            let mut model: Vec<TaskId> = Vec::new();
            let mut next = 0u32;
            let mut last_seen: HashMap<TaskId, usize> = HashMap::new();
            for (op, arg) in ops {
                match op {
                    0 | 1 => {
                        next += 1;
                        q.push_back(id(next));
                        model.push(id(next));
                    }
                    2 => {
                        prop_assert_eq!(q.pop_front(), (!model.is_empty()).then(|| model.remove(0)));
                    }
                    _ => {
                        let target = id(arg % (next + 1));
                        let was = model.iter().position(|t| *t == target);
                        if let Some(p) = was {
                            model.remove(p);
                        }
                        prop_assert_eq!(q.remove(&target), was.is_some());
                    }
                }
                let changed: HashMap<TaskId, usize> = q.take_changed().into_iter().collect();
                for (i, t) in model.iter().enumerate() {
                    prop_assert_eq!(q.position(t), Some(i + 1));
                    if last_seen.get(t) != Some(&(i + 1)) {
                        prop_assert_eq!(changed.get(t), Some(&(i + 1)));
                    }
                }
                last_seen = model.iter().enumerate().map(|(i, t)| (t.clone(), i + 1)).collect();
                prop_assert_eq!(q.len(), model.len());
                prop_assert!(q.iter().eq(model.iter()));
            }
            // Nothing grows with the number of tasks ever queued: the tree follows the queue.
            // (Compaction runs on removal, so up to COMPACT_MIN empty slots may stay while
            // pushes follow: the bound is additive.)
            prop_assert!(q.tree.len() <= COMPACT_MIN + model.len() * 4);
        }
    }

    #[test]
    fn a_queue_of_a_million_past_tasks_stays_small() {
        let mut q = TaskQueue::default();
        for n in 0..1_000_000 {
            q.push_back(id(n));
            if n >= 10 {
                q.pop_front();
            }
        }
        assert_eq!(q.len(), 10);
        assert!(
            q.tree.len() <= COMPACT_MIN.max(4 * q.len()) + 1,
            "tree has {} slots",
            q.tree.len()
        );
        assert_eq!(q.position(&id(999_995)), Some(6));
    }
}
