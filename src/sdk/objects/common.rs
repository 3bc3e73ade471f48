//! Small pieces shared by the SDK objects: attachments, body formats, lenient decoders.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;

use crate::models::Timestamp;

/// The longest body (in characters) Engage accepts on a message, private message or thread.
pub const MAX_BODY_CHARS: usize = 20_000;

/// An attachment: a URL, or inline base64 content with its file name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// Where the file can be downloaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The file itself, base64-encoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// The file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The media kind (`image`, `audio`, `video`, ...). Engage sets it on what it posts; on
    /// what we send it only disambiguates `.mp4` files (`audio` or `video`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Attachment {
    /// An attachment Engage downloads from `url`.
    pub fn from_url(url: impl Into<String>) -> Self {
        Attachment {
            url: Some(url.into()),
            content: None,
            filename: None,
            kind: None,
        }
    }

    /// An inline attachment: `base64` content and its file name.
    pub fn inline(base64: impl Into<String>, filename: impl Into<String>) -> Self {
        Attachment {
            url: None,
            content: Some(base64.into()),
            filename: Some(filename.into()),
            kind: None,
        }
    }

    /// Sets the media kind (`audio` or `video` for `.mp4` files).
    pub fn with_kind(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }

    /// Whether the attachment has something to fetch: a URL or inline content.
    pub fn is_usable(&self) -> bool {
        let filled = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.trim().is_empty());
        filled(&self.url) || filled(&self.content)
    }
}

/// How a body is formatted. Engage assumes `html` when nothing is said.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// `html` (JS and CSS are stripped by Engage).
    Html,
    /// `text`.
    Text,
    /// A value this crate does not know yet, kept as received.
    Other(String),
}

impl Format {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
            Format::Other(s) => s,
        }
    }
}

impl Serialize for Format {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Format {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(match s.as_str() {
            "html" => Format::Html,
            "text" => Format::Text,
            _ => Format::Other(s),
        })
    }
}

/// Decodes an optional id sent either as a JSON string or a JSON number (or `null`).
pub(crate) fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct IdVisitor;
    impl<'de> Visitor<'de> for IdVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an id (string or number)")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(IdVisitor)
        }
    }
    d.deserialize_option(IdVisitor)
}

/// Decodes a required id sent either as a JSON string or a JSON number.
pub(crate) fn required_id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    opt_id(d)?.ok_or_else(|| de::Error::custom("the id must not be null"))
}

/// Decodes an optional timestamp leniently: RFC 3339, or a bare `YYYY-MM-DD` date (midnight
/// UTC). Anything else (or `null`) becomes `None` rather than failing the whole request.
pub(crate) fn lenient_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    let raw: Option<serde_json::Value> = Option::deserialize(d)?;
    Ok(raw.as_ref().and_then(|v| v.as_str()).and_then(parse_time))
}

/// Parses an RFC 3339 timestamp or a `YYYY-MM-DD` date.
pub(crate) fn parse_time(s: &str) -> Option<Timestamp> {
    if let Ok(t) = Timestamp::parse(s, &Rfc3339) {
        return Some(t);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s, &fmt).ok().map(|d| d.midnight().assume_utc())
}

/// Decodes a boolean that may arrive as `true`/`false`, `"true"`/`"false"`, `1`/`0` or `null`.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let raw: Option<serde_json::Value> = Option::deserialize(d)?;
    Ok(match raw {
        Some(serde_json::Value::Bool(b)) => b,
        Some(serde_json::Value::String(s)) => matches!(s.as_str(), "true" | "1"),
        Some(serde_json::Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    })
}

/// Decodes a list that may be `null`.
pub(crate) fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_id")]
        id: Option<String>,
        #[serde(default, deserialize_with = "lenient_time")]
        at: Option<Timestamp>,
        #[serde(default, deserialize_with = "lenient_bool")]
        flag: bool,
    }

    #[test]
    fn lenient_decoders() {
        let p: Probe = serde_json::from_str(r#"{"id":12,"at":"2012-02-10","flag":"true"}"#).unwrap();
        assert_eq!(p.id.as_deref(), Some("12"));
        assert_eq!(p.at.unwrap().date().to_string(), "2012-02-10");
        assert!(p.flag);
        let p: Probe = serde_json::from_str(r#"{"id":null,"at":"07/11/2019","flag":null}"#).unwrap();
        assert!(p.id.is_none() && p.at.is_none() && !p.flag);
        assert!(serde_json::from_str::<Probe>(r#"{"id":{"x":1}}"#).is_err());
    }

    #[test]
    fn format_keeps_unknown_values() {
        let f: Format = serde_json::from_str(r#""markdown""#).unwrap();
        assert_eq!(f, Format::Other("markdown".into()));
        assert_eq!(serde_json::to_string(&f).unwrap(), r#""markdown""#);
        assert_eq!(serde_json::from_str::<Format>(r#""text""#).unwrap(), Format::Text);
    }
}
