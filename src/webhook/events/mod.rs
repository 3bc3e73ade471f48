//! Typed webhook events.
//!
//! Engage posts an [`Envelope`] holding a batch of events. Each documented event type is a
//! variant of [`Event`] carrying an [`EventData`] whose `resource.metadata` is typed per event
//! group ([`InterventionMetadata`], [`TaskMetadata`], ...). Types this crate does not know become
//! [`Event::Unknown`], and an event that cannot be decoded becomes [`Event::Malformed`]; both
//! keep the whole event as JSON. Fields Engage adds later never make decoding fail: they are
//! kept in the `extra` maps.
//!
//! ```
//! use ringcentral_engage::webhook::events::{Envelope, Event};
//!
//! let body = br#"{"id":"r1","domain_id":"d1","events":[{"type":"task.taken","id":"e1",
//!   "issued_at":"2024-05-01T10:00:00Z","user_id":"agent-7",
//!   "resource":{"type":"task","id":"t1","metadata":{"type":"ring"}}}]}"#;
//! let envelope = Envelope::parse(body).unwrap();
//! match &envelope.events[0] {
//!     Event::TaskTaken(task) => assert_eq!(task.user_id.as_ref().unwrap().as_str(), "agent-7"),
//!     other => panic!("unexpected {other:?}"),
//! }
//! ```

mod de;
mod envelope;
mod metadata;
pub(crate) mod names;

pub use envelope::{sort_by_issued_at, Envelope, EnvelopeError};
pub use metadata::*;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::models::{EventId, InterventionId, TaskId, ThreadId, Timestamp, UserId};

/// What every event carries, with the resource's metadata typed as `M`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "M: Deserialize<'de> + Default"))]
#[non_exhaustive]
pub struct EventData<M> {
    /// The event type as sent (`intervention.assigned`, ...).
    #[serde(rename = "type")]
    pub event_type: String,
    /// The event's unique id; the same event delivered twice has the same id.
    pub id: EventId,
    /// When the event happened in Engage; use it to order events.
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: Timestamp,
    /// The agent who caused the event, when an agent did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<UserId>,
    /// What completed a task (`task.completed` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<TaskCompletionAction>,
    /// The resource the event is about.
    pub resource: Resource<M>,
    /// Top-level fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The resource an event is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "M: Deserialize<'de> + Default"))]
#[non_exhaustive]
pub struct Resource<M> {
    /// The kind of resource (`intervention`, `task`, `answers/private_message`, ...); it tells
    /// which REST endpoint fetches it.
    #[serde(rename = "type", default)]
    pub resource_type: String,
    /// The resource's id (documented as an integer, sent as a string; both are accepted).
    #[serde(deserialize_with = "de::text")]
    pub id: String,
    /// Extra data that saves a REST call.
    #[serde(default, deserialize_with = "de::null_as_default")]
    pub metadata: M,
    /// Fields not listed above.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl<M> Resource<M> {
    /// The resource id as a typed id (`ThreadId`, `ContentId`, ...); the caller picks the type
    /// that fits [`Resource::resource_type`].
    pub fn id_as<T: From<String>>(&self) -> T {
        T::from(self.id.clone())
    }
}

impl EventData<InterventionMetadata> {
    /// The intervention the event is about.
    pub fn intervention_id(&self) -> InterventionId {
        self.resource.id_as()
    }
}

impl EventData<TaskMetadata> {
    /// The task the event is about.
    pub fn task_id(&self) -> TaskId {
        self.resource.id_as()
    }
}

/// Defines [`Event`], grouped by resource, from one table.
macro_rules! define_events {
    ($(
        $(#[$gmeta:meta])*
        $group:ident: $meta_ty:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $name:literal, )+
        }
    )+) => {
        /// One webhook event: a variant per documented type, plus [`Event::Unknown`] and
        /// [`Event::Malformed`].
        ///
        /// Build one (in tests, say) from JSON with [`Event::from_value`]. Serializing gives
        /// back the event's JSON (typed variants re-encode their fields, unknown and malformed
        /// ones their raw JSON).
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Event {
            $($( $(#[$vmeta])* $variant(EventData<$meta_ty>), )+)+
            /// An event type this crate does not know (Engage added it later, or it is
            /// undocumented). Nothing is lost: `raw` is the whole event.
            Unknown {
                /// The `type` field.
                event_type: String,
                /// The `id` field, when it is a string or a number.
                id: Option<EventId>,
                /// The whole event as received.
                raw: Value,
            },
            /// An event that could not be decoded: not an object, no `type`, no usable `id` or
            /// `issued_at`, or documented fields of the wrong JSON type. `raw` is the whole
            /// event; the rest of its batch is unaffected.
            Malformed {
                /// The `type` field, when there is one.
                event_type: Option<String>,
                /// The `id` field, when it is a string or a number.
                id: Option<EventId>,
                /// Why decoding failed.
                error: String,
                /// The whole event as received.
                raw: Value,
            },
        }

        /// Every event type documented by Engage, as sent in the `type` field.
        pub const KNOWN_EVENT_TYPES: &[&str] = &[$($($name,)+)+];

        impl Serialize for Event {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $($( Event::$variant(d) )|+ => d.serialize(serializer), )+
                    Event::Unknown { raw, .. } | Event::Malformed { raw, .. } => raw.serialize(serializer),
                }
            }
        }

        impl Event {
            fn decode_known(event_type: &str, value: &Value) -> Option<Result<Event, serde_json::Error>> {
                Some(match event_type {
                    $($( $name => EventData::<$meta_ty>::deserialize(value).map(Event::$variant), )+)+
                    _ => return None,
                })
            }

            /// The event type as Engage spells it (`""` for a malformed event without one).
            pub fn event_type(&self) -> &str {
                match self {
                    $($( Event::$variant(_) => $name, )+)+
                    Event::Unknown { event_type, .. } => event_type,
                    Event::Malformed { event_type, .. } => event_type.as_deref().unwrap_or(""),
                }
            }

            /// The event id, used to drop duplicates (`None` only for a malformed or unknown
            /// event without a usable id).
            pub fn id(&self) -> Option<&EventId> {
                match self {
                    $($( Event::$variant(d) )|+ => Some(&d.id), )+
                    Event::Unknown { id, .. } | Event::Malformed { id, .. } => id.as_ref(),
                }
            }

            /// When the event happened (read from `raw` for unknown and malformed events).
            pub fn issued_at(&self) -> Option<Timestamp> {
                match self {
                    $($( Event::$variant(d) )|+ => Some(d.issued_at), )+
                    Event::Unknown { raw, .. } | Event::Malformed { raw, .. } => raw_issued_at(raw),
                }
            }

            /// The agent who caused the event, for typed events.
            pub fn user_id(&self) -> Option<&UserId> {
                match self {
                    $($( Event::$variant(d) )|+ => d.user_id.as_ref(), )+
                    _ => None,
                }
            }

            /// The resource id, for typed events.
            pub fn resource_id(&self) -> Option<&str> {
                match self {
                    $($( Event::$variant(d) )|+ => Some(&d.resource.id), )+
                    _ => None,
                }
            }

            $(
                $(#[$gmeta])*
                pub fn $group(&self) -> Option<&EventData<$meta_ty>> {
                    match self {
                        $( Event::$variant(d) )|+ => Some(d),
                        _ => None,
                    }
                }
            )+
        }
    };
}

names::with_event_names!(define_events);

fn raw_id(raw: &Value) -> Option<EventId> {
    match raw.get("id")? {
        Value::String(s) => Some(EventId::new(s.clone())),
        Value::Number(n) => Some(EventId::new(n.to_string())),
        _ => None,
    }
}

fn raw_issued_at(raw: &Value) -> Option<Timestamp> {
    let text = raw.get("issued_at")?.as_str()?;
    Timestamp::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

impl Event {
    /// Decodes one event. Never fails: an unknown type gives [`Event::Unknown`], an event that
    /// does not decode gives [`Event::Malformed`].
    pub fn from_value(raw: Value) -> Event {
        let Some(event_type) = raw.get("type").and_then(Value::as_str) else {
            let error = if raw.is_object() {
                "the event has no string `type`"
            } else {
                "the event is not a JSON object"
            };
            return Event::Malformed {
                event_type: None,
                id: raw_id(&raw),
                error: error.to_owned(),
                raw,
            };
        };
        match Event::decode_known(event_type, &raw) {
            Some(Ok(event)) => event,
            Some(Err(e)) => Event::Malformed {
                event_type: Some(event_type.to_owned()),
                id: raw_id(&raw),
                error: e.to_string(),
                raw,
            },
            None => Event::Unknown {
                event_type: event_type.to_owned(),
                id: raw_id(&raw),
                raw,
            },
        }
    }

    /// Whether this is a documented, successfully decoded event.
    pub fn is_known(&self) -> bool {
        !matches!(self, Event::Unknown { .. } | Event::Malformed { .. })
    }

    /// Whether this event could not be decoded.
    pub fn is_malformed(&self) -> bool {
        matches!(self, Event::Malformed { .. })
    }

    /// The conversation thread the event is about, when its group names one: the `thread_id`
    /// (`content_thread_id` for intervention segments) of intervention, task and content
    /// metadata.
    ///
    /// `content.thread_closed`, `content.thread_opened` and `content.thread_auto_closed` come
    /// in two shapes, and both are read: a content whose `metadata.thread_id` names the thread
    /// (as the webhook docs list content events), or the thread itself as the resource (no
    /// `thread_id` in the metadata, or a resource type naming a thread): then the resource id.
    ///
    /// For an unknown or malformed event, the `resource.metadata.thread_id` of its raw JSON
    /// (a string or a number), else the resource id of a malformed `content.thread_*` event.
    pub fn thread_id(&self) -> Option<ThreadId> {
        match self {
            Event::ContentThreadClosed(d)
            | Event::ContentThreadAutoClosed(d)
            | Event::ContentThreadOpened(d) => {
                let resource_is_thread = d.resource.resource_type.to_ascii_lowercase().contains("thread");
                match &d.resource.metadata.thread_id {
                    Some(thread) if !resource_is_thread => Some(thread.clone()),
                    _ => Some(ThreadId::new(&d.resource.id)),
                }
            }
            Event::Unknown { raw, .. } | Event::Malformed { raw, .. } => {
                let text = |v: &Value| match v {
                    Value::String(s) if !s.is_empty() => Some(ThreadId::new(s)),
                    Value::Number(n) => Some(ThreadId::new(n.to_string())),
                    _ => None,
                };
                let thread_event = raw
                    .get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.starts_with("content.thread_"));
                raw.pointer("/resource/metadata/thread_id")
                    .and_then(text)
                    .or_else(|| {
                        thread_event
                            .then(|| raw.pointer("/resource/id").and_then(text))
                            .flatten()
                    })
            }
            _ => None,
        }
        .or_else(|| {
            self.intervention()
                .and_then(|d| d.resource.metadata.thread_id.clone())
        })
        .or_else(|| {
            self.intervention_segment()
                .and_then(|d| d.resource.metadata.content_thread_id.clone())
        })
        .or_else(|| self.task().and_then(|d| d.resource.metadata.thread_id.clone()))
        .or_else(|| self.content().and_then(|d| d.resource.metadata.thread_id.clone()))
    }
}

impl<'de> Deserialize<'de> for Event {
    /// Accepts any JSON value; see [`Event::from_value`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Event::from_value)
    }
}
