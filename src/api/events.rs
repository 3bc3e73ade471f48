//! `/events`: the domain's audit log.

use http::Method;

use crate::api::operations::operations;
use crate::client::{Call, Client, List};
use crate::models::{Event, EventId};
use crate::Result;

operations![
    ("getAllEvents", "GET", "/events", "Events::list"),
    ("getEvent", "GET", "/events/{eventId}", "Events::get"),
];

/// The `/events` endpoints. Get one with [`Client::events`].
#[derive(Debug, Clone)]
pub struct Events {
    client: Client,
}

impl Client {
    /// Events (audit log): list, get.
    pub fn events(&self) -> Events {
        Events { client: self.clone() }
    }
}

impl Events {
    /// Lists events, newest first (`GET /events`); filter with [`q`](List::<Event>::q) using
    /// the `content`, `content_thread`, `name_in`, `created_before`, `created_after` and
    /// `user` keywords.
    pub fn list(&self) -> List<Event> {
        List::new(&self.client, ["events"])
    }

    /// Gets one event (`GET /events/{id}`).
    pub async fn get(&self, id: &EventId) -> Result<Event> {
        Call::new(&self.client, Method::GET, ["events", id.as_str()])
            .send()
            .await
    }
}
