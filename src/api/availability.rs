//! Which agents can take a conversation on a channel right now.
//!
//! The rule is the one Engage's chatbot transfer guide gives: an agent can take a conversation
//! on a channel when their entry for that channel says `available` and their busyness there is
//! not `full`. Agents with no entry for the channel are not members of it and never count.

use crate::api::agent_status::{AgentStatuses, ListAgentStatus};
use crate::models::{AgentStatus, Availability, Busyness, ChannelId, ChannelStatus};
use crate::Result;

/// Picks a channel in an agent status list: by id, or by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChannelSelector {
    /// The channel with this id.
    Id(ChannelId),
    /// The channel with this name, compared ignoring case and surrounding spaces.
    Name(String),
}

impl ChannelSelector {
    /// Selects the channel called `name`.
    pub fn name(name: impl Into<String>) -> Self {
        ChannelSelector::Name(name.into())
    }

    /// Whether `channel` is the selected one.
    pub fn matches(&self, channel: &ChannelStatus) -> bool {
        match self {
            ChannelSelector::Id(id) => channel.id.as_ref() == Some(id),
            ChannelSelector::Name(name) => channel
                .name
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(name.trim())),
        }
    }
}

impl From<ChannelId> for ChannelSelector {
    fn from(id: ChannelId) -> Self {
        ChannelSelector::Id(id)
    }
}

impl From<&ChannelId> for ChannelSelector {
    fn from(id: &ChannelId) -> Self {
        ChannelSelector::Id(id.clone())
    }
}

impl ChannelStatus {
    /// Whether this entry lets the agent take a new conversation: status `available` and
    /// busyness anything but `full`. A missing busyness does not exclude the agent; a missing
    /// status (not connected) does.
    pub fn can_take_work(&self) -> bool {
        self.status == Some(Availability::Available) && self.busyness != Some(Busyness::Full)
    }
}

impl AgentStatus {
    /// Whether the agent can take a conversation on the selected channel now.
    pub fn is_available_on(&self, channel: &ChannelSelector) -> bool {
        self.channels
            .iter()
            .any(|c| channel.matches(c) && c.can_take_work())
    }
}

/// The agents of `statuses` who can take a conversation on `channel` now, in list order.
///
/// ```
/// use ringcentral_engage::api::{available_agents, ChannelSelector};
/// use ringcentral_engage::models::AgentStatus;
///
/// let statuses: Vec<AgentStatus> = serde_json::from_str(r#"[
///   {"agent_id": "a1", "channels": [{"id": "c1", "name": "Chat", "status": "available", "busyness": "busy"}]},
///   {"agent_id": "a2", "channels": [{"id": "c1", "name": "Chat", "status": "available", "busyness": "full"}]}
/// ]"#).unwrap();
/// let ready = available_agents(&statuses, &ChannelSelector::name("chat"));
/// assert_eq!(ready.len(), 1);
/// assert_eq!(ready[0].agent_id.as_str(), "a1");
/// ```
pub fn available_agents<'a>(statuses: &'a [AgentStatus], channel: &ChannelSelector) -> Vec<&'a AgentStatus> {
    statuses.iter().filter(|s| s.is_available_on(channel)).collect()
}

impl ListAgentStatus {
    /// Sends the request and keeps the agents who can take a conversation on `channel` now.
    pub async fn available_on(self, channel: &ChannelSelector) -> Result<Vec<AgentStatus>> {
        let mut statuses = self.send().await?;
        statuses.retain(|s| s.is_available_on(channel));
        Ok(statuses)
    }
}

impl AgentStatuses {
    /// The connected agents who can take a conversation on `channel` now (`GET /status`, then
    /// [`available_agents`]). To narrow the list first, use
    /// [`list`](AgentStatuses::list)`().team_ids(..).available_on(..)`.
    pub async fn available_on(&self, channel: &ChannelSelector) -> Result<Vec<AgentStatus>> {
        self.list().available_on(channel).await
    }
}
