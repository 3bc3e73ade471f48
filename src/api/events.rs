//! `/events`: the domain's audit log.

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::models::{Event, EventId};

operations![
    ("getAllEvents", "GET", "/events", "Events::list"),
    ("getEvent", "GET", "/events/{eventId}", "Events::get"),
];

resource_handler! {
    /// The `/events` endpoints. Get one with [`Client::events`](crate::Client::events).
    Events =>
    /// Events (audit log): list, get.
    events, "events", Event, EventId, one "event", many "events",
    [
        /// Lists events, newest first (`GET /events`); filter with [`q`](crate::List::<Event>::q)
        /// using the `content`, `content_thread`, `name_in`, `created_before`, `created_after`
        /// and `user` keywords.
        list,
        get,
    ]
}
