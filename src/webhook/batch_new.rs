//! Building a [`WebhookBatch`] by hand, to test an [`EventHandler`](super::EventHandler)
//! without a receiver.

use super::events::Event;
use super::WebhookBatch;
use crate::models::DomainId;

impl WebhookBatch {
    /// A batch of `events`, with no delivery id, no domain and no duplicates.
    pub fn new(events: impl IntoIterator<Item = Event>) -> Self {
        WebhookBatch {
            request_id: None,
            domain_id: None,
            events: events.into_iter().collect(),
            duplicates: 0,
        }
    }

    /// Sets the delivery's id.
    pub fn request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// Sets the Engage domain the events come from.
    pub fn domain_id(mut self, id: impl Into<DomainId>) -> Self {
        self.domain_id = Some(id.into());
        self
    }

    /// Sets how many events of the delivery were dropped as duplicates.
    pub fn duplicates(mut self, count: usize) -> Self {
        self.duplicates = count;
        self
    }
}
