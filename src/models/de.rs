//! The crate's serde helpers for what Engage sends: one module, one documented behaviour per
//! helper, used by the REST models, the Channel SDK objects and the webhook events alike.
//!
//! They follow the crate's rule for input: accept every shape the docs or the spec allow, and
//! never let one odd field make a whole document unreadable. Each says exactly what it accepts.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use time::format_description::well_known::Rfc3339;

use super::Timestamp;

/// Reads a string, or a JSON number as its decimal text.
pub(crate) struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// A required string that Engage may also send as a JSON number (ids, foreign ids, a bot's
/// `status`): `"12"` and `12` both read as `"12"`. `null`, booleans, lists and maps are errors.
pub(crate) fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(TextVisitor)
}

/// Like [`text`], for an optional field: `null` (or, with `#[serde(default)]`, an absent
/// field) is `None`.
pub(crate) fn opt_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    struct Wrapped(#[serde(deserialize_with = "text")] String);
    Ok(Option::<Wrapped>::deserialize(deserializer)?.map(|w| w.0))
}

/// An optional boolean, however it is written: `true`/`false`; the strings `true`, `1`, `yes`,
/// `on` and `false`, `0`, `no`, `off` (any case, spaces ignored); a number (zero is false).
/// `null`, an empty string and any other value are `None`: unknown, never an error (the spec
/// types some flags, such as an attachment's `embed`, as free strings).
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::Bool(b)) => Some(b),
        Some(serde_json::Value::Number(n)) => n.as_f64().map(|n| n != 0.0),
        Some(serde_json::Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "on" => Some(true),
            "false" | "0" | "no" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    })
}

/// A flag that is `false` unless it clearly says true: [`lenient_bool`], with unknown as false.
pub(crate) fn lenient_flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(lenient_bool(d)?.unwrap_or(false))
}

/// An optional integer (the spec's `integer`, which it never bounds): any JSON integer
/// (beyond `i64`, clamped to `i64::MIN`/`i64::MAX`), a number with a fraction (truncated), or a
/// string holding one of those. `null` and anything else are `None`, never an error.
pub(crate) fn lenient_int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let from_number = |n: &serde_json::Number| {
        n.as_i64()
            .or_else(|| n.as_u64().map(|_| i64::MAX))
            .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))
    };
    Ok(match Option::<serde_json::Value>::deserialize(d)? {
        Some(serde_json::Value::Number(n)) => from_number(&n),
        Some(serde_json::Value::String(s)) => serde_json::from_str::<serde_json::Number>(s.trim())
            .ok()
            .and_then(|n| from_number(&n)),
        _ => None,
    })
}

/// An optional timestamp: RFC 3339, or a bare `YYYY-MM-DD` date (midnight UTC). Anything else
/// (or `null`) is `None` rather than failing the whole document.
pub(crate) fn lenient_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    let raw: Option<serde_json::Value> = Option::deserialize(d)?;
    Ok(raw.as_ref().and_then(|v| v.as_str()).and_then(parse_time))
}

/// Parses an RFC 3339 timestamp or a `YYYY-MM-DD` date (midnight UTC).
pub(crate) fn parse_time(s: &str) -> Option<Timestamp> {
    if let Ok(t) = Timestamp::parse(s, &Rfc3339) {
        return Some(t);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).ok().map(|d| d.midnight().assume_utc())
}

/// `null` (or, with `#[serde(default)]`, an absent field) as `T::default()`: Engage sends
/// either `null` or an empty list or map.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Serde for an optional [`Secret`](crate::Secret) (a webhook's verify token): read from a
/// string, and written as the string itself so a model round-trips.
pub(crate) mod secret_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Secret;

    pub(crate) fn serialize<S: Serializer>(value: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(secret) => s.serialize_some(secret.expose()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(Secret::new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_text")]
        text: Option<String>,
        #[serde(default, deserialize_with = "lenient_bool")]
        maybe: Option<bool>,
        #[serde(default, deserialize_with = "lenient_flag")]
        flag: bool,
        #[serde(default, deserialize_with = "lenient_int")]
        int: Option<i64>,
        #[serde(default, deserialize_with = "lenient_time")]
        at: Option<Timestamp>,
        #[serde(default, deserialize_with = "null_as_default")]
        list: Vec<u8>,
    }

    fn probe(value: serde_json::Value) -> Probe {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn text_takes_strings_and_numbers_only() {
        for (value, expected) in [
            (json!("a1"), Some("a1")),
            (json!(12), Some("12")),
            (json!(-3), Some("-3")),
            (json!(null), None),
        ] {
            assert_eq!(probe(json!({ "text": value })).text.as_deref(), expected);
        }
        for bad in [json!(true), json!([1]), json!({"x": 1})] {
            assert!(serde_json::from_value::<Probe>(json!({ "text": bad })).is_err());
        }
    }

    #[test]
    fn booleans_in_every_spelling_and_unknown_is_none() {
        for (value, expected) in [
            (json!(true), Some(true)),
            (json!(" Yes "), Some(true)),
            (json!("1"), Some(true)),
            (json!(2), Some(true)),
            (json!("off"), Some(false)),
            (json!(0), Some(false)),
            (json!(""), None),
            (json!("x1"), None),
            (json!(null), None),
            (json!([true]), None),
        ] {
            let p = probe(json!({ "maybe": value.clone(), "flag": value.clone() }));
            assert_eq!(p.maybe, expected, "{value}");
            assert_eq!(p.flag, expected == Some(true), "{value}");
        }
    }

    #[test]
    fn integers_of_any_size_and_spelling() {
        for (value, expected) in [
            (json!(-2_147_483_648i64), Some(-2_147_483_648)),
            (json!(9_007_199_254_740_993i64), Some(9_007_199_254_740_993)),
            (json!(u64::MAX), Some(i64::MAX)),
            (json!(-7.9), Some(-7)),
            (json!(" 42 "), Some(42)),
            (json!("1e3"), Some(1000)),
            (json!("many"), None),
            (json!(true), None),
            (json!(null), None),
        ] {
            assert_eq!(probe(json!({ "int": value.clone() })).int, expected, "{value}");
        }
    }

    #[test]
    fn times_and_nulls() {
        let p = probe(json!({"at": "2012-02-10", "list": null}));
        assert_eq!(p.at.unwrap().date().to_string(), "2012-02-10");
        assert!(p.list.is_empty());
        assert!(probe(json!({"at": "07/11/2019"})).at.is_none());
        assert!(probe(json!({"at": "2020-05-21T01:19:49Z"})).at.is_some());
    }
}
