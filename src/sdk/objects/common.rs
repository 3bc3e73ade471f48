//! Small pieces shared by the SDK objects: attachments, body formats, lenient decoders.

use serde::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_keeps_unknown_values() {
        let f: Format = serde_json::from_str(r#""markdown""#).unwrap();
        assert_eq!(f, Format::Other("markdown".into()));
        assert_eq!(serde_json::to_string(&f).unwrap(), r#""markdown""#);
        assert_eq!(serde_json::from_str::<Format>(r#""text""#).unwrap(), Format::Text);
    }
}
