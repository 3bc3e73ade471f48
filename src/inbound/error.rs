//! [`HandlerError`]: one error shape for the handlers of both endpoints.

use http::StatusCode;

/// Why a handler (an SDK [`SourceHandler`](crate::sdk::SourceHandler) or a webhook
/// [`EventHandler`](crate::webhook::EventHandler)) did not perform what Engage asked.
///
/// | variant | SDK endpoint | webhook receiver |
/// |---|---|---|
/// | [`NotSupported`](Self::NotSupported) | 422 `Invalid action` | 500, redelivered |
/// | [`Resource`](Self::Resource) `fatal: false` | 200 `{"error":{..}}`, Engage retries the content | 500, redelivered |
/// | [`Resource`](Self::Resource) `fatal: true` | 200 `{"error":{..}}`, Engage gives up | 200, the events are dropped as handled |
/// | [`Server`](Self::Server) | `status` (5xx), Engage retries | `status` (5xx), redelivered |
///
/// Keep [`Server`](Self::Server) for the service's own faults (a store down, a bug): never
/// for something Engage may legitimately send.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandlerError {
    /// The handler does not implement this action: the endpoint answers 422 `Invalid action`.
    #[error("action not supported")]
    NotSupported,
    /// The content could not be processed: the endpoint answers 200 with
    /// `{"error":{"fatal":..,"message":..}}`. Engage retries the content later unless `fatal`.
    ///
    /// The status is 2xx because Engage reads this document as an answer about the content,
    /// and treats any non-2xx status as a failure of the endpoint itself.
    #[error("resource error (fatal: {fatal}): {message}")]
    Resource {
        /// `true` to make Engage give up on this content.
        fatal: bool,
        /// An explanation shown in Engage's logs.
        message: String,
    },
    /// The service is failing (database down...): the endpoint answers with `status` (5xx
    /// expected) and `message` as plain text. Engage will try again.
    #[error("server error {status}: {message}")]
    Server {
        /// The status to answer with.
        status: StatusCode,
        /// A short explanation.
        message: String,
    },
}

impl HandlerError {
    /// A content-level error Engage will retry.
    pub fn retry_later(message: impl Into<String>) -> Self {
        HandlerError::Resource {
            fatal: false,
            message: message.into(),
        }
    }

    /// A content-level error Engage must not retry.
    pub fn fatal(message: impl Into<String>) -> Self {
        HandlerError::Resource {
            fatal: true,
            message: message.into(),
        }
    }

    /// A 500 with `message` (an error's `Display` will do).
    pub fn internal(message: impl std::fmt::Display) -> Self {
        HandlerError::Server {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: message.to_string(),
        }
    }
}
