//! The framework-agnostic request and response of the webhook receiver.

use std::fmt;

use bytes::Bytes;
use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, Method, StatusCode};

use super::verify::SECRET_HEADER;

/// An HTTP request as the webhook receiver needs it: method, headers, query string, raw body.
///
/// `Debug` hides the `X-Dimelo-Secret` header and the `hub.verify_token` parameter.
#[derive(Clone)]
#[non_exhaustive]
pub struct WebhookRequest {
    /// The HTTP method (`GET` for the handshake, `POST` for deliveries).
    pub method: Method,
    /// The request headers.
    pub headers: HeaderMap,
    /// The query string without the `?`, if any.
    pub query: Option<String>,
    /// The raw body.
    pub body: Bytes,
}

impl WebhookRequest {
    /// A request with no headers and no query string.
    pub fn new(method: Method, body: impl Into<Bytes>) -> Self {
        WebhookRequest {
            method,
            headers: HeaderMap::new(),
            query: None,
            body: body.into(),
        }
    }

    /// Sets the query string (without the `?`).
    pub fn query(mut self, query: impl Into<String>) -> Self {
        self.query = Some(query.into());
        self
    }

    /// Adds a header; a name or value that is not valid HTTP is ignored.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.append(n, v);
        }
        self
    }

    /// Converts an `http::Request` whose body is already collected.
    pub fn from_http<B: Into<Bytes>>(request: http::Request<B>) -> Self {
        let (parts, body) = request.into_parts();
        WebhookRequest {
            method: parts.method,
            headers: parts.headers,
            query: parts.uri.query().map(str::to_owned),
            body: body.into(),
        }
    }
}

impl<B: Into<Bytes>> From<http::Request<B>> for WebhookRequest {
    fn from(request: http::Request<B>) -> Self {
        WebhookRequest::from_http(request)
    }
}

impl fmt::Debug for WebhookRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let shown = if n.as_str() == SECRET_HEADER {
                    "<redacted>"
                } else {
                    v.to_str().unwrap_or("<binary>")
                };
                (n.as_str(), shown)
            })
            .collect();
        let query = self.query.as_deref().map(redact_query);
        f.debug_struct("WebhookRequest")
            .field("method", &self.method)
            .field("headers", &headers)
            .field("query", &query)
            .field("body_len", &self.body.len())
            .finish()
    }
}

fn redact_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((k, _)) if k.contains("verify_token") => format!("{k}=<redacted>"),
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// What the receiver did with a request, for logs, metrics and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// A validation request was answered with its challenge.
    Validated,
    /// A delivery was accepted.
    Delivered {
        /// Events handed to the application (including unknown and malformed ones).
        events: usize,
        /// Events dropped as already seen (earlier or in the same batch).
        duplicates: usize,
        /// Events handed over as [`Event::Malformed`](super::events::Event::Malformed).
        malformed: usize,
    },
    /// The request was refused before any processing; the reason is in the body.
    Rejected,
    /// The application failed to take the batch; Engage will retry it.
    HandlerFailed,
    /// The deduplication store could not answer (or is full); Engage will retry.
    DedupUnavailable,
}

/// The response to send back to Engage.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WebhookResponse {
    /// The status code.
    pub status: StatusCode,
    /// Response headers.
    pub headers: HeaderMap,
    /// The body (the challenge for a handshake, a short reason for an error, else empty).
    pub body: Bytes,
    /// What happened.
    pub outcome: Outcome,
}

impl WebhookResponse {
    pub(crate) fn text(status: StatusCode, body: impl Into<Bytes>, outcome: Outcome) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        WebhookResponse {
            status,
            headers,
            body: body.into(),
            outcome,
        }
    }

    pub(crate) fn rejected(status: StatusCode, reason: &'static str) -> Self {
        WebhookResponse::text(status, reason, Outcome::Rejected)
    }

    /// Converts into an `http::Response`.
    pub fn into_http(self) -> http::Response<Bytes> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_secret_header_and_the_verify_token() {
        let request = WebhookRequest::new(Method::GET, "")
            .query("hub.mode=subscribe&hub.verify_token=tok-123&hub.challenge=c")
            .header("X-Dimelo-Secret", "sec-456")
            .header("bad header name", "ignored");
        let printed = format!("{request:?}");
        assert!(
            !printed.contains("tok-123") && !printed.contains("sec-456"),
            "{printed}"
        );
        assert!(printed.contains("hub.challenge=c"));
        assert_eq!(request.headers.len(), 1);
    }

    #[test]
    fn into_http_keeps_status_headers_and_body() {
        let response = WebhookResponse::text(StatusCode::OK, "abc", Outcome::Validated).into_http();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[CONTENT_TYPE], "text/plain; charset=utf-8");
        assert_eq!(&response.body()[..], b"abc");
    }
}
