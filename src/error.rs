//! The crate's error type.

mod send_api;

use std::time::Duration;

use http::StatusCode;
use serde::{Deserialize, Serialize};

pub use send_api::SendApiErrorKind;

/// What can go wrong when talking to Engage Digital.
///
/// No variant ever carries an access token or a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Engage answered with a non-success status.
    #[error("Engage API error {status} on {method} {path}: {}", describe_api_error(.body.as_deref(), .raw))]
    Api {
        /// The HTTP status.
        status: StatusCode,
        /// The HTTP method of the request.
        method: http::Method,
        /// The request path (no query string).
        path: String,
        /// The parsed `{error, message, status}` body, when the body had that shape.
        body: Option<Box<ApiErrorBody>>,
        /// The raw response body (may be HTML from a proxy, or empty).
        raw: String,
    },

    /// Engage answered 429 and the retry budget is spent (or the wait is longer than allowed).
    #[error("rate limited by Engage{}", match .retry_after { Some(d) => format!("; retry after {d:?}"), None => String::new() })]
    RateLimited {
        /// How long Engage asked to wait (`Retry-After`), if it said.
        retry_after: Option<Duration>,
        /// The parsed error body, when present.
        body: Option<Box<ApiErrorBody>>,
    },

    /// The request did not complete: connection refused or reset, DNS failure, TLS error,
    /// timeout, or an answer cut off. Names the request (never its query, which may carry
    /// secrets, nor the token), how many attempts were made and whether the last one timed out.
    #[error("{method} {host}{path} failed after {attempts} attempt{}{}: {}", if *.attempts == 1 { "" } else { "s" }, if *.timed_out { " (timed out)" } else { "" }, describe_chain(.source))]
    Transport {
        /// The HTTP method of the request.
        method: http::Method,
        /// The host (and port, when not the default) the request went to.
        host: String,
        /// The request path, without the query string.
        path: String,
        /// How many attempts were made, the first one included.
        attempts: u32,
        /// Whether the last attempt ran out of time (total or connect timeout).
        timed_out: bool,
        /// The underlying HTTP error, without its URL.
        #[source]
        source: reqwest::Error,
    },

    /// The response body was larger than the client's bound
    /// ([`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes)); the
    /// rest of it was not read.
    #[error("the answer to {method} {host}{path} is over the {limit}-byte limit")]
    ResponseTooLarge {
        /// The HTTP method of the request.
        method: http::Method,
        /// The host (and port) the request went to.
        host: String,
        /// The request path, without the query string.
        path: String,
        /// The bound, in bytes.
        limit: u64,
    },

    /// A response body did not have the expected shape.
    #[error("could not decode the response at `{path}`: {source}")]
    Decode {
        /// Where in the document decoding failed (`records[3].id`, or `.` for the root).
        path: String,
        /// The underlying serde error.
        #[source]
        source: serde_json::Error,
        /// The body as received (lossily converted to UTF-8).
        body: String,
    },

    /// An argument was refused before any request was sent.
    #[error("invalid argument `{name}`: {reason}")]
    InvalidArgument {
        /// The argument's name.
        name: &'static str,
        /// Why it was refused.
        reason: String,
    },

    /// A base URL (or a URL built from a domain) is not usable.
    #[error("invalid URL: {0}")]
    InvalidUrl(String),

    // --- Channel SDK (Send API) ---
    /// The Send API refused a request (`status` is set), or the client refused to send it
    /// (`status` is `None`: too large, or typing throttled locally).
    #[error("Send API {}: {kind}{}", match .status { Some(s) => s.as_str().to_owned(), None => "(not sent)".to_owned() }, if .message.is_empty() { String::new() } else { format!(" ({})", .message) })]
    SendApi {
        /// What went wrong.
        kind: SendApiErrorKind,
        /// The HTTP status Engage answered with, if the request was sent.
        status: Option<StatusCode>,
        /// Engage's explanation (or the client's), never containing the token.
        message: String,
    },
}

impl Error {
    /// Whether retrying the same request later may succeed: rate limiting, 5xx answers, and
    /// transport failures. Client errors (4xx), decode errors and invalid arguments are not.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. } => true,
            Error::Api { status, .. } => status.is_server_error() || *status == StatusCode::TOO_MANY_REQUESTS,
            Error::Transport { source, .. } => !source.is_builder() && !source.is_redirect(),
            _ => false,
        }
    }

    /// Whether this is a timeout (total or connect).
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Transport { timed_out: true, .. })
    }

    /// The HTTP status of an API error or a rate limit, if any.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api { status, .. } => Some(*status),
            Error::RateLimited { .. } => Some(StatusCode::TOO_MANY_REQUESTS),
            _ => None,
        }
    }

    pub(crate) fn invalid_argument(name: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidArgument {
            name,
            reason: reason.into(),
        }
    }

    /// Decodes `bytes` as `T`, or returns a [`Error::Decode`] naming where it failed.
    pub(crate) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
        // Plain serde_json first: tracking the path costs ~65% more on a 150-record page, so only
        // a body that fails pays for the second pass that names the failing field.
        if let Ok(value) = serde_json::from_slice(bytes) {
            return Ok(value);
        }
        let keep = |path: String, source: serde_json::Error| Error::Decode {
            path,
            source,
            body: String::from_utf8_lossy(bytes).into_owned(),
        };
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let value = serde_path_to_error::deserialize(&mut de)
            .map_err(|e| keep(e.path().to_string(), e.into_inner()))?;
        de.end().map_err(|e| keep(".".to_owned(), e))?;
        Ok(value)
    }
}

/// An error and its sources, joined with `: ` (reqwest's own message says little alone).
pub(crate) fn describe_chain(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

fn describe_api_error(body: Option<&ApiErrorBody>, raw: &str) -> String {
    match body {
        Some(b) if !b.message.is_empty() => format!("{} ({})", b.message, b.error),
        Some(b) => b.error.clone(),
        None if raw.is_empty() => "empty body".to_owned(),
        None => {
            let mut s: String = raw.chars().take(200).collect();
            if raw.chars().count() > 200 {
                s.push('…');
            }
            s
        }
    }
}

/// Engage's error document: `{"error": "...", "message": "...", "status": 400}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiErrorBody {
    /// A short identifier such as `rate_limit_exceeded` or `not_found`.
    #[serde(default)]
    pub error: String,
    /// A human-readable message.
    #[serde(default)]
    pub message: String,
    /// The HTTP status Engage put in the body, when it did.
    #[serde(default)]
    pub status: Option<u16>,
}

impl ApiErrorBody {
    /// Parses an error body; `None` when `bytes` is not such a document.
    pub(crate) fn parse(bytes: &[u8]) -> Option<Box<Self>> {
        let body: ApiErrorBody = serde_json::from_slice(bytes).ok()?;
        (!body.error.is_empty() || !body.message.is_empty()).then(|| Box::new(body))
    }
}

/// Shorthand for `Result<T, ringcentral_engage::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Listing {
        records: Vec<u32>,
    }

    #[test]
    fn decode_error_names_the_field_and_keeps_the_body() {
        let body = br#"{"records": {"not": "an array"}}"#;
        let err = Error::decode::<Listing>(body).unwrap_err();
        match &err {
            Error::Decode { path, body: kept, .. } => {
                assert_eq!(path, "records");
                assert!(kept.contains("not"));
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("records"));
        assert!(!err.is_retryable());
    }

    #[test]
    fn api_error_body_parses_only_its_shape() {
        let b = ApiErrorBody::parse(br#"{"error":"not_found","message":"Not found","status":404}"#).unwrap();
        assert_eq!(b.error, "not_found");
        assert_eq!(b.status, Some(404));
        assert!(ApiErrorBody::parse(b"<html>502</html>").is_none());
        assert!(ApiErrorBody::parse(b"{}").is_none());
    }
}
