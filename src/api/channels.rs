//! `/channels` (groups of sources sharing routing settings) and `/communities`.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{CategoryId, Channel, ChannelId, SourceId};

operations![
    ("getAllChannels", "GET", "/channels", "Channels::list"),
    ("getChannel", "GET", "/channels/{channelId}", "Channels::get"),
    (
        "updateChannel",
        "PUT",
        "/channels/{channelId}",
        "Channels::update"
    ),
];

resource_handler! {
    /// The `/channels` endpoints. Get one with [`Client::channels`](crate::Client::channels).
    Channels => channels, "channels", Channel, ChannelId, one "channel", many "channels", [list, get]
}

impl Channels {
    /// Updates a channel (`PUT /channels/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &ChannelId) -> UpdateChannel {
        UpdateChannel::from_call(self.call(Method::PUT, &[id.as_str()]))
    }
}

request_builder! {
    /// `PUT /channels/{id}`, from [`Channels::update`].
    UpdateChannel -> Channel
}

setters!(UpdateChannel {
    /// The name.
    name: str = "name";
    /// The channel's sources (`source_ids[]`).
    source_ids: ids<SourceId> = "source_ids";
    /// Tasks an agent may get before counting as occupied.
    soft_capability: uint = "soft_capability";
    /// The most tasks an agent may get.
    hard_capability: uint = "hard_capability";
    /// Seconds before a task expires.
    task_timeout_seconds: uint = "task_timeout_seconds";
    /// Agent SLA, in seconds.
    agent_sla: uint = "agent_sla";
    /// Agent SLA warning threshold, in percent (1..=99).
    agent_sla_threshold: uint = "agent_sla_threshold";
    /// Seconds before a task is completed automatically.
    task_auto_complete_seconds: uint = "task_auto_complete_seconds";
    /// Categories set when a task is completed automatically (`auto_complete_category_ids[]`).
    auto_complete_category_ids: ids<CategoryId> = "auto_complete_category_ids";
});
