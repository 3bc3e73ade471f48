//! Agents' display names read from `GET /users/{id}`, cached so that each join or transfer
//! does not cost a request, and bounded so that the cache never grows without limit.

use std::collections::HashMap;
use std::sync::Mutex;

use super::Inner;
use crate::models::UserId;

/// How many agents' names are kept; when full, the cache starts over (names are read again,
/// which also picks up renamed agents).
pub(super) const AGENT_NAMES: usize = 1024;

/// A bounded map of agent ids to display names.
#[derive(Default)]
pub(super) struct NameCache(Mutex<HashMap<UserId, String>>);

impl NameCache {
    pub(super) fn get(&self, id: &UserId) -> Option<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(id).cloned()
    }

    pub(super) fn insert(&self, id: UserId, name: String) {
        let mut names = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if names.len() >= AGENT_NAMES && !names.contains_key(&id) {
            names.clear();
        }
        names.insert(id, name);
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.0.lock().unwrap().len()
    }
}

impl Inner {
    /// The agent's display name (`GET /users/{id}`, cached); `Agent` when it cannot be read.
    pub(super) async fn agent_name(&self, id: &UserId) -> String {
        if let Some(name) = self.agent_names.get(id) {
            return name;
        }
        match self.config.client.users().get(id).await {
            Ok(user) => {
                let name = user.display_name();
                self.agent_names.insert(id.clone(), name.clone());
                name
            }
            Err(error) => {
                tracing::warn!(agent = %id, %error, "could not read the agent's name");
                "Agent".to_owned()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_bounded_and_keeps_the_latest_name() {
        let cache = NameCache::default();
        for n in 0..(3 * AGENT_NAMES) {
            cache.insert(UserId::new(format!("u{n}")), format!("Agent {n}"));
            assert!(cache.len() <= AGENT_NAMES);
        }
        let last = UserId::new(format!("u{}", 3 * AGENT_NAMES - 1));
        assert_eq!(
            cache.get(&last).as_deref(),
            Some(format!("Agent {}", 3 * AGENT_NAMES - 1).as_str())
        );
        cache.insert(last.clone(), "Renamed".into());
        assert_eq!(cache.get(&last).as_deref(), Some("Renamed"));
    }
}
