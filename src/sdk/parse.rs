//! Turning a raw SDK request body into a [`Request`].
//!
//! Fast path: one pass over the bytes. The envelope is read key by key; once `action` is known,
//! `params` is decoded straight into the action's typed parameters. This covers every request
//! Engage sends (it writes `action` first).
//!
//! Fallback: when `params` precedes `action`, a key repeats, or anything fails, the body is read
//! again in two steps (envelope with `params` kept as raw JSON, then `params`), which also
//! classifies the failure precisely. Both paths accept and refuse exactly the same bodies.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::action::{Action, ParseError, Request, Resource};
use crate::models::de::{lenient_time, opt_text, parse_time, text};
use crate::models::Timestamp;

/// Parses a request body (see the module docs).
pub(crate) fn parse_request(body: &[u8]) -> Result<Request, ParseError> {
    let mut de = serde_json::Deserializer::from_slice(body);
    if let Ok(Some(request)) = de.deserialize_map(FastVisitor) {
        if de.end().is_ok() {
            return request;
        }
    }
    parse_two_pass(body)
}

/// Where the parameters of an action come from.
trait Params {
    /// The parameters as `T`, `None` when absent or `null`.
    fn get<T: DeserializeOwned>(&mut self, action: &str) -> Result<Option<T>, ParseError>;
}

/// Parameters kept as raw JSON (the fallback path).
struct RawParams<'a>(Option<&'a RawValue>);

impl Params for RawParams<'_> {
    fn get<T: DeserializeOwned>(&mut self, action: &str) -> Result<Option<T>, ParseError> {
        let Some(raw) = self.0 else { return Ok(None) };
        let invalid = |message: String| ParseError::InvalidParams {
            action: action.to_owned(),
            message,
        };
        if !raw.get().trim_start().starts_with('{') {
            return Err(invalid("params must be a JSON object".to_owned()));
        }
        serde_json::from_str(raw.get())
            .map(Some)
            .map_err(|e| invalid(e.to_string()))
    }
}

/// Parameters read in place from the envelope being parsed (the fast path).
struct StreamParams<'m, A> {
    map: &'m mut A,
    consumed: bool,
    failed: Option<String>,
}

impl<'de, A: MapAccess<'de>> Params for StreamParams<'_, A> {
    fn get<T: DeserializeOwned>(&mut self, _action: &str) -> Result<Option<T>, ParseError> {
        if self.consumed {
            self.failed = Some("params read twice".to_owned());
            return Err(ParseError::MissingAction);
        }
        self.consumed = true;
        self.map
            .next_value_seed(ObjectOrNull::<T>(PhantomData))
            .map_err(|e| {
                // The fallback path will name the problem; just stop here.
                self.failed = Some(e.to_string());
                ParseError::MissingAction
            })
    }
}

/// Decodes a JSON object as `T`, `null` as `None`, and refuses anything else.
struct ObjectOrNull<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for ObjectOrNull<T> {
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for ObjectOrNull<T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object or null")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }
    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Option<T>, M::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }
}

/// The fast path's envelope visitor: `Ok(None)` asks for the fallback.
struct FastVisitor;

impl<'de> Visitor<'de> for FastVisitor {
    type Value = Option<Result<Request, ParseError>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut name: Option<Option<String>> = None;
        let mut action: Option<Result<Action, ParseError>> = None;
        let mut time: Option<Option<Timestamp>> = None;
        while let Some(key) = map.next_key::<KeyName>()? {
            match key {
                KeyName::Action if name.is_none() => name = Some(map.next_value()?),
                KeyName::Params if action.is_none() => {
                    let Some(Some(action_name)) = &name else {
                        return Ok(None); // params before action: take the fallback
                    };
                    let mut params = StreamParams {
                        map: &mut map,
                        consumed: false,
                        failed: None,
                    };
                    let result = parse_action(action_name, &mut params);
                    if let Some(message) = params.failed {
                        return Err(de::Error::custom(message));
                    }
                    if !params.consumed {
                        map.next_value::<IgnoredAny>()?;
                    }
                    action = Some(result);
                }
                KeyName::Time if time.is_none() => time = Some(map.next_value::<TimeField>()?.0),
                KeyName::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => return Ok(None), // a repeated key: let the fallback decide
            }
        }
        let Some(Some(action_name)) = name else {
            return Ok(Some(Err(ParseError::MissingAction)));
        };
        let action = action.unwrap_or_else(|| parse_action(&action_name, &mut RawParams(None)));
        Ok(Some(action.map(|action| Request {
            action,
            time: time.flatten(),
        })))
    }
}

enum KeyName {
    Action,
    Params,
    Time,
    Other,
}

impl<'de> Deserialize<'de> for KeyName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = KeyName;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyName, E> {
                Ok(match v {
                    "action" => KeyName::Action,
                    "params" => KeyName::Params,
                    "time" => KeyName::Time,
                    _ => KeyName::Other,
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The `time` field, read leniently (anything unreadable is `None`).
struct TimeField(Option<Timestamp>);

impl<'de> Deserialize<'de> for TimeField {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(d)?;
        Ok(TimeField(value.as_str().and_then(parse_time)))
    }
}

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(default)]
    action: Option<String>,
    #[serde(default, borrow)]
    params: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "lenient_time")]
    time: Option<Timestamp>,
}

fn parse_two_pass(body: &[u8]) -> Result<Request, ParseError> {
    let envelope: Envelope<'_> =
        serde_json::from_slice(body).map_err(|e| ParseError::NotJson(e.to_string()))?;
    let name = envelope.action.ok_or(ParseError::MissingAction)?;
    let action = parse_action(&name, &mut RawParams(envelope.params))?;
    Ok(Request {
        action,
        time: envelope.time,
    })
}

#[derive(Deserialize)]
struct IdParams {
    #[serde(deserialize_with = "text")]
    id: String,
}

#[derive(Deserialize, Default)]
struct ListParams {
    #[serde(default, deserialize_with = "opt_text")]
    since_id: Option<String>,
}

fn required<T: DeserializeOwned, P: Params>(name: &str, p: &mut P) -> Result<T, ParseError> {
    p.get(name)?
        .ok_or_else(|| ParseError::MissingParams(name.to_owned()))
}

fn optional<T: DeserializeOwned + Default, P: Params>(name: &str, p: &mut P) -> Result<T, ParseError> {
    Ok(p.get(name)?.unwrap_or_default())
}

fn parse_action<P: Params>(name: &str, p: &mut P) -> Result<Action, ParseError> {
    let action = match name {
        "implementation.info" => Action::ImplementationInfo,
        "messaging.queuing_update" => Action::QueuingUpdate(optional(name, p)?),
        "typing.start" => Action::TypingStart(optional(name, p)?),
        "typing.stop" => Action::TypingStop(optional(name, p)?),
        "status.mark_as_read" => Action::MarkAsRead(required(name, p)?),
        "messages.create" => Action::CreateMessage(required(name, p)?),
        "private_messages.create" => Action::CreatePrivateMessage(required(name, p)?),
        "threads.create" => Action::CreateThread(required(name, p)?),
        _ => {
            let unknown = || ParseError::UnknownAction(name.to_owned());
            let (object, op) = name.split_once('.').ok_or_else(unknown)?;
            let resource = Resource::from_name(object).ok_or_else(unknown)?;
            match op {
                "list" => {
                    let params: ListParams = optional(name, p)?;
                    Action::List {
                        resource,
                        since_id: params.since_id,
                    }
                }
                "show" => Action::Show {
                    resource,
                    id: required::<IdParams, _>(name, p)?.id,
                },
                "delete" | "destroy" => Action::Delete {
                    resource,
                    id: required::<IdParams, _>(name, p)?.id,
                },
                "publish" => Action::Publish {
                    resource,
                    id: required::<IdParams, _>(name, p)?.id,
                },
                "unpublish" => Action::Unpublish {
                    resource,
                    id: required::<IdParams, _>(name, p)?.id,
                },
                // Engage never sends `reply` (it only toggles a button), nor a create for a
                // resource handled above; an empty name is not an action.
                "" | "reply" | "create" => return Err(unknown()),
                custom => Action::Custom {
                    resource,
                    name: custom.to_owned(),
                    params: required(name, p)?,
                },
            }
        }
    };
    Ok(action)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both paths agree, on good and bad bodies alike.
    #[test]
    fn fast_path_matches_the_fallback() {
        let bodies = [
            r#"{"action":"messages.create","params":{"body":"x","thread_id":3},"time":"2012-10-01T17:18:40Z"}"#,
            r#"{"action":"messages.create","params":[]}"#,
            r#"{"action":"messages.create","params":null}"#,
            r#"{"action":"messages.create","params":{"body":5}}"#,
            r#"{"action":"messages.show","params":{}}"#,
            r#"{"action":"messages.show","params":{"id":"1"},"params":{}}"#,
            r#"{"action":"nope.nope","params":{"a":[1,{"b":2}]}}"#,
            r#"{"action":null,"params":{}}"#,
            r#"{"action":"messages.list","time":7}"#,
            r#"{"action":"messages.list"} trailing"#,
            r#"{"action":"private_messages.escalate","params":{"id":1,"user_id":2}}"#,
            r#"{"time":"2012-02-10","action":"typing.start","params":{"thread_id":"1","preview":"p"}}"#,
        ];
        for body in bodies {
            let mut de = serde_json::Deserializer::from_slice(body.as_bytes());
            let fast = de
                .deserialize_map(FastVisitor)
                .ok()
                .flatten()
                .filter(|_| de.end().is_ok());
            let slow = parse_two_pass(body.as_bytes());
            if let Some(fast) = fast {
                assert_eq!(fast, slow, "{body}");
            }
            assert_eq!(parse_request(body.as_bytes()), slow, "{body}");
        }
    }

    #[test]
    fn engage_order_takes_the_fast_path() {
        let body =
            br#"{"action":"private_messages.create","params":{"body":"x"},"time":"2012-10-01T17:18:40Z"}"#;
        let mut de = serde_json::Deserializer::from_slice(body);
        let fast = de.deserialize_map(FastVisitor).unwrap().unwrap().unwrap();
        assert!(matches!(fast.action, Action::CreatePrivateMessage(_)));
        assert!(fast.time.is_some());
    }

    #[test]
    fn params_before_action_still_parse() {
        let r = parse_request(br#"{"params":{"since_id":"4"},"action":"threads.list"}"#).unwrap();
        assert_eq!(
            r.action,
            Action::List {
                resource: Resource::Threads,
                since_id: Some("4".into())
            }
        );
    }

    proptest::proptest! {
        /// Mutated bodies: the one-pass answer always equals the two-pass one.
        #[test]
        fn both_paths_agree_on_mutated_bodies(
            edits in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), 32u8..127, 0u8..3), 0..6),
        ) {
            let mut body = br#"{"action":"messages.show","params":{"id":"1","x":[1,{"y":null}]},"time":"2012-02-10"}"#.to_vec();
            for (at, byte, op) in edits {
                if body.is_empty() { body.push(byte); continue; }
                let i = at.index(body.len());
                match op { 0 => body[i] = byte, 1 => body.insert(i, byte), _ => { body.remove(i); } }
            }
            proptest::prop_assert_eq!(parse_request(&body), parse_two_pass(&body));
        }
    }
}
