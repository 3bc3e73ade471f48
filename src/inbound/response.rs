//! [`EndpointResponse`]: what the SDK endpoint and the webhook receiver answer.

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, StatusCode};

/// What an endpoint did with a request, for logs, metrics and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Outcome {
    /// An SDK action went through the handler, which answered it (a resource error included).
    Answered,
    /// A webhook validation request was answered with its challenge.
    Validated,
    /// A webhook delivery was accepted.
    Delivered {
        /// Events handed to the application (including unknown and malformed ones).
        events: usize,
        /// Events dropped as already seen (earlier or in the same batch).
        duplicates: usize,
        /// Events handed over as [`Event::Malformed`](crate::webhook::events::Event::Malformed).
        malformed: usize,
    },
    /// The request was refused before the handler (method, size, signature or secret, body
    /// read, unreadable content); the reason is in the body.
    Rejected,
    /// The handler failed (a [`HandlerError::Server`](super::HandlerError::Server), or a
    /// webhook batch not taken); Engage will try again.
    HandlerFailed,
    /// The webhook deduplication store could not answer (or is full); Engage will retry.
    DedupUnavailable,
}

/// The answer of the SDK endpoint and of the webhook receiver: an HTTP status, headers (the
/// SDK endpoint signs every body), a body, and what happened.
///
/// Turn it into an `http::Response` with [`into_http`](Self::into_http); with feature `axum`
/// it is an `IntoResponse`, so it can be returned from a service's own routes.
#[derive(Debug, Clone)]
pub struct EndpointResponse {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    outcome: Outcome,
}

impl EndpointResponse {
    /// A response with `status`, a `Content-Type` and `body`.
    pub fn new(
        status: StatusCode,
        content_type: &'static str,
        body: impl Into<Bytes>,
        outcome: Outcome,
    ) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        EndpointResponse {
            status,
            headers,
            body: body.into(),
            outcome,
        }
    }

    /// A plain-text response.
    pub fn text(status: StatusCode, body: impl Into<Bytes>, outcome: Outcome) -> Self {
        Self::new(status, "text/plain; charset=utf-8", body, outcome)
    }

    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers, to add one.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// What happened.
    pub fn outcome(&self) -> &Outcome {
        &self.outcome
    }

    /// Converts into an `http::Response`.
    pub fn into_http(self) -> http::Response<Bytes> {
        let mut response = http::Response::new(self.body);
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers;
        response
    }
}

impl From<EndpointResponse> for http::Response<Bytes> {
    fn from(response: EndpointResponse) -> Self {
        response.into_http()
    }
}

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
impl axum::response::IntoResponse for EndpointResponse {
    fn into_response(self) -> axum::response::Response {
        self.into_http().map(axum::body::Body::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn into_http_keeps_status_headers_and_body() {
        let response = EndpointResponse::text(StatusCode::OK, "abc", Outcome::Validated).into_http();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()[CONTENT_TYPE], "text/plain; charset=utf-8");
        assert_eq!(&response.body()[..], b"abc");
    }

    #[cfg(feature = "axum")]
    #[tokio::test]
    async fn into_response_keeps_everything() {
        use axum::response::IntoResponse;
        let mut response =
            EndpointResponse::new(StatusCode::ACCEPTED, "application/json", "{}", Outcome::Answered);
        response
            .headers_mut()
            .insert("x-smccsdk-signature", HeaderValue::from_static("ab"));
        let response = response.into_response();
        assert_eq!(response.status(), StatusCode::ACCEPTED);
        assert_eq!(response.headers()["x-smccsdk-signature"], "ab");
        assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
        let body = axum::body::to_bytes(response.into_body(), 10).await.unwrap();
        assert_eq!(&body[..], b"{}");
    }
}
