//! The envelope Engage posts: `{id, domain_id, events: [...]}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::Event;
use crate::models::DomainId;

/// One delivery from Engage: a request id, the domain, and a batch of events.
///
/// Decoding is tolerant per event: a batch with one broken event still yields the others, and
/// the broken one as [`Event::Malformed`]. Only a body that is not JSON, not an object, or has
/// no `events` array is refused as a whole. Serializing gives back Engage's JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Envelope {
    /// The delivery's id (the same delivery retried keeps it). Engage always sends it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The Engage domain (tenant) the events come from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<DomainId>,
    /// The events, in the order Engage listed them (which is not necessarily the order they
    /// happened in; see [`sort_by_issued_at`]).
    pub events: Vec<Event>,
    /// Top-level fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Why a webhook body was refused as a whole.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EnvelopeError {
    /// The body is not JSON.
    #[error("the webhook body is not JSON: {0}")]
    NotJson(#[source] serde_json::Error),
    /// The body is JSON but not an object.
    #[error("the webhook body is not a JSON object")]
    NotAnObject,
    /// The body has no `events` field.
    #[error("the webhook body has no `events` field")]
    MissingEvents,
    /// The `events` field is not an array.
    #[error("the webhook body's `events` field is not an array")]
    EventsNotAnArray,
}

impl Envelope {
    /// Decodes a webhook body.
    ///
    /// ```
    /// use ringcentral_engage::webhook::events::{Envelope, EnvelopeError};
    /// assert!(matches!(Envelope::parse(b"nope"), Err(EnvelopeError::NotJson(_))));
    /// assert!(matches!(Envelope::parse(b"{\"id\":\"x\"}"), Err(EnvelopeError::MissingEvents)));
    /// let empty = Envelope::parse(br#"{"id":"x","domain_id":"d","events":[]}"#).unwrap();
    /// assert!(empty.events.is_empty());
    /// ```
    pub fn parse(body: &[u8]) -> Result<Envelope, EnvelopeError> {
        let value: Value = serde_json::from_slice(body).map_err(EnvelopeError::NotJson)?;
        Envelope::from_value(value)
    }

    /// Decodes an already parsed webhook body.
    pub fn from_value(value: Value) -> Result<Envelope, EnvelopeError> {
        let Value::Object(mut object) = value else {
            return Err(EnvelopeError::NotAnObject);
        };
        let events = match object.remove("events") {
            None => return Err(EnvelopeError::MissingEvents),
            Some(Value::Array(events)) => events,
            Some(_) => return Err(EnvelopeError::EventsNotAnArray),
        };
        let id = object.remove("id").and_then(|v| text(&v));
        let domain_id = object
            .remove("domain_id")
            .and_then(|v| DomainId::deserialize(&v).ok());
        Ok(Envelope {
            id,
            domain_id,
            events: events.into_iter().map(Event::from_value).collect(),
            extra: object,
        })
    }

    /// Sorts the events by the time they happened; see [`sort_by_issued_at`].
    pub fn sort_by_issued_at(&mut self) {
        sort_by_issued_at(&mut self.events);
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Orders events by `issued_at`, oldest first. The sort is stable (events issued at the same
/// instant keep their order), and events without a readable `issued_at` go last.
///
/// Engage does not promise any delivery order, across batches or inside one; this only orders
/// what is in hand.
pub fn sort_by_issued_at(events: &mut [Event]) {
    events.sort_by_cached_key(|e| match e.issued_at() {
        Some(t) => (0u8, Some(t)),
        None => (1u8, None),
    });
}
