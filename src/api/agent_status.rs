//! `/status`: which agents are connected, their availability and busyness per channel.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{
    AgentStatus, Availability, CategoryId, ChannelId, PresenceStatusId, SourceId, TeamId, UserId,
};

operations![
    ("getAllAgentStatus", "GET", "/status", "AgentStatuses::list"),
    ("getAgentStatus", "GET", "/status/{agentId}", "AgentStatuses::get"),
    (
        "changeAgentStatus",
        "PUT",
        "/status/{agentId}",
        "AgentStatuses::change"
    ),
];

resource_handler! {
    /// The `/status` endpoints. Get one with [`Client::agent_status`](crate::Client::agent_status).
    AgentStatuses =>
    /// Agent status: list connected agents, get or change one agent's status.
    agent_status, "status", AgentStatus, UserId, one "agent status", many "agent statuses",
    [
        /// Gets one connected agent's status (`GET /status/{id}`). Engage answers 404 when the
        /// user does not exist or is not connected.
        get,
    ]
}

impl AgentStatuses {
    /// Lists every connected agent's status (`GET /status`). Engage answers with a plain list,
    /// not a page.
    pub fn list(&self) -> ListAgentStatus {
        ListAgentStatus::from_call(self.call(Method::GET, &[]))
    }

    /// Changes an agent's status (`PUT /status/{id}`): either the availability on every
    /// channel, or a custom away status. Engage ignores the custom status when both are sent.
    pub fn change(&self, agent: &UserId) -> ChangeAgentStatus {
        ChangeAgentStatus::from_call(self.call(Method::PUT, &[agent.as_str()]))
    }
}

request_builder! {
    /// `GET /status`, from [`AgentStatuses::list`].
    ListAgentStatus -> Vec<AgentStatus>
}

setters!(ListAgentStatus {
    /// Only agents who may reply on these sources.
    source_ids: ids<SourceId> = "source_ids";
    /// Only agents in these categories.
    category_ids: ids<CategoryId> = "category_ids";
    /// Only agents in these teams.
    team_ids: ids<TeamId> = "team_ids";
    /// Only agents speaking one of these locales.
    spoken_languages: strs = "spoken_languages";
});

request_builder! {
    /// `PUT /status/{id}`, from [`AgentStatuses::change`].
    ChangeAgentStatus -> AgentStatus
}

setters!(ChangeAgentStatus {
    /// Puts the agent away with this presence status.
    custom_status_id: id<PresenceStatusId> = "custom_status_id";
    /// The agent's availability on `channel`, sent as `status[<channel id>]=<availability>`.
    /// Engage wants an entry for every channel of the agent.
    channel[ChannelId]: value<Availability> = "status[{}]";
    @custom {

        /// The agent's availability on several channels at once; see [`channel`](Self::channel).
        pub fn channels<'a>(self, statuses: impl IntoIterator<Item = (&'a ChannelId, Availability)>) -> Self {
            statuses.into_iter().fold(self, |b, (channel, availability)| {
                b.channel(channel, availability)
            })
        }
    }
});
