//! [`LockMap`]: one async lock per conversation, in this process, that exists only while
//! somebody holds or waits for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OwnedMutexGuard;

use crate::handover::request::ConversationId;

type Entry = Arc<tokio::sync::Mutex<()>>;

/// Serializes work on one conversation within the process. An entry is removed when its last
/// holder releases it with nobody waiting, so the map holds only conversations in use.
#[derive(Debug, Default)]
pub(crate) struct LockMap {
    entries: Mutex<HashMap<ConversationId, Entry>>,
}

/// Holds a conversation's lock; releasing it drops the entry when nobody else wants it.
pub(crate) struct LockGuard<'a> {
    map: &'a LockMap,
    conversation: ConversationId,
    entry: Entry,
    guard: Option<OwnedMutexGuard<()>>,
}

impl LockMap {
    /// Waits for the lock of `conversation`.
    pub(crate) async fn lock(&self, conversation: &ConversationId) -> LockGuard<'_> {
        let entry = Arc::clone(self.entries().entry(conversation.clone()).or_default());
        let guard = Arc::clone(&entry).lock_owned().await;
        LockGuard {
            map: self,
            conversation: conversation.clone(),
            entry,
            guard: Some(guard),
        }
    }

    /// How many conversations have an entry (held or waited for).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries().len()
    }

    fn entries(&self) -> std::sync::MutexGuard<'_, HashMap<ConversationId, Entry>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Drop for LockGuard<'_> {
    fn drop(&mut self) {
        self.guard = None;
        let mut entries = self.map.entries();
        // The map's reference and ours: nobody else holds or waits for it. New lockers clone
        // the entry under the map's mutex, which is held here.
        if Arc::strong_count(&self.entry) == 2 {
            entries.remove(&self.conversation);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn entries_of_released_conversations_are_dropped() {
        let map = LockMap::default();
        for n in 0..1_000 {
            let _guard = map.lock(&ConversationId::new(format!("c{n}"))).await;
            assert_eq!(map.len(), 1);
        }
        assert_eq!(map.len(), 0);
    }

    #[tokio::test]
    async fn an_entry_stays_while_somebody_waits_and_serializes_them() {
        let map = Arc::new(LockMap::default());
        let conversation = ConversationId::new("c");
        let first = map.lock(&conversation).await;
        let waiter = {
            let (map, conversation) = (Arc::clone(&map), conversation.clone());
            tokio::spawn(async move {
                let _second = map.lock(&conversation).await;
                map.len()
            })
        };
        tokio::task::yield_now().await;
        drop(first);
        // The waiter still held the entry when the first holder left: it was kept for it.
        assert_eq!(waiter.await.unwrap(), 1);
        assert_eq!(map.len(), 0);
    }
}
