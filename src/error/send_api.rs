//! The Send API's documented errors, as a typed kind.

use std::fmt;

use http::StatusCode;

use crate::error::ApiErrorBody;

/// What went wrong with a Send API request (see [`Error::SendApi`](crate::Error::SendApi)).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SendApiErrorKind {
    /// 400 `Bad request`: the body is not JSON, or is malformed.
    BadRequest,
    /// 400 `Invalid request format`: `action` or `params` is missing.
    InvalidRequestFormat,
    /// 413: the body is over 20 MiB (also refused before sending).
    TooLarge,
    /// 422 `Source not found`: the source id does not exist.
    SourceNotFound,
    /// 422 `Invalid signature`: the realtime access token is not the source's.
    InvalidSignature,
    /// 422 `Invalid action`: the action is unknown, or not declared by the source.
    InvalidAction,
    /// 422 `Invalid resource format`: a required field of `params` is missing.
    InvalidResourceFormat,
    /// 422: the source does not declare `view.messaging`, needed for structured content.
    StructuredContentNotSupported,
    /// 422: the structured content has no `type`.
    StructuredContentTypeRequired,
    /// 422: the source does not support this kind of structured content.
    StructuredContentTypeNotSupported,
    /// 422: a mandatory structured content attribute is empty.
    StructuredContentAttributeEmpty {
        /// The attribute Engage named, when it could be read from the message.
        attribute: Option<String>,
    },
    /// 422: structured content needs a puppetizable author.
    AuthorNotPuppetizable,
    /// 429 (or refused before sending): at most one `typing.start` per thread every 2 seconds.
    TypingThrottled,
    /// 5xx: Engage failed; retried for idempotent actions before this is returned.
    ServerError,
    /// A 2xx answer whose body is not `ok`.
    UnexpectedResponse,
    /// Any other answer.
    Other,
}

impl SendApiErrorKind {
    /// Whether the same request may succeed later (server errors and typing throttling).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SendApiErrorKind::ServerError | SendApiErrorKind::TypingThrottled
        )
    }

    /// Classifies an error answer from its status and body.
    pub(crate) fn classify(status: StatusCode, body: &[u8]) -> (SendApiErrorKind, String) {
        let message = error_text(body);
        let lower = message.to_ascii_lowercase();
        let has = |needle: &str| lower.contains(needle);
        let kind = if has("source not found") {
            SendApiErrorKind::SourceNotFound
        } else if has("invalid signature") {
            SendApiErrorKind::InvalidSignature
        } else if has("invalid action") {
            SendApiErrorKind::InvalidAction
        } else if has("invalid resource format") {
            SendApiErrorKind::InvalidResourceFormat
        } else if has("support structured content") {
            SendApiErrorKind::StructuredContentNotSupported
        } else if has("type is required") {
            SendApiErrorKind::StructuredContentTypeRequired
        } else if has("support this type of structured") {
            SendApiErrorKind::StructuredContentTypeNotSupported
        } else if has("must not be empty") {
            SendApiErrorKind::StructuredContentAttributeEmpty {
                attribute: quoted(&message),
            }
        } else if has("puppetizable") {
            SendApiErrorKind::AuthorNotPuppetizable
        } else if has("too many typing") || status == StatusCode::TOO_MANY_REQUESTS {
            SendApiErrorKind::TypingThrottled
        } else if has("invalid request size") || status == StatusCode::PAYLOAD_TOO_LARGE {
            SendApiErrorKind::TooLarge
        } else if has("invalid request format") {
            SendApiErrorKind::InvalidRequestFormat
        } else if has("bad request") || status == StatusCode::BAD_REQUEST {
            SendApiErrorKind::BadRequest
        } else if status.is_server_error() {
            SendApiErrorKind::ServerError
        } else if status.is_success() {
            SendApiErrorKind::UnexpectedResponse
        } else {
            SendApiErrorKind::Other
        };
        (kind, message)
    }
}

impl fmt::Display for SendApiErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            SendApiErrorKind::BadRequest => "bad request",
            SendApiErrorKind::InvalidRequestFormat => "invalid request format",
            SendApiErrorKind::TooLarge => "request too large",
            SendApiErrorKind::SourceNotFound => "source not found",
            SendApiErrorKind::InvalidSignature => "invalid signature",
            SendApiErrorKind::InvalidAction => "invalid action",
            SendApiErrorKind::InvalidResourceFormat => "invalid resource format",
            SendApiErrorKind::StructuredContentNotSupported => {
                "structured content not supported by the source"
            }
            SendApiErrorKind::StructuredContentTypeRequired => "structured content type required",
            SendApiErrorKind::StructuredContentTypeNotSupported => "structured content type not supported",
            SendApiErrorKind::StructuredContentAttributeEmpty { attribute: Some(a) } => {
                return write!(f, "structured content attribute `{a}` is empty");
            }
            SendApiErrorKind::StructuredContentAttributeEmpty { attribute: None } => {
                "a structured content attribute is empty"
            }
            SendApiErrorKind::AuthorNotPuppetizable => "the author must be puppetizable",
            SendApiErrorKind::TypingThrottled => "typing throttled",
            SendApiErrorKind::ServerError => "server error",
            SendApiErrorKind::UnexpectedResponse => "unexpected response",
            SendApiErrorKind::Other => "unexpected error",
        };
        f.write_str(text)
    }
}

/// The human-readable part of an error body: the `message`/`error` of a JSON document, or the
/// text itself (trimmed, at most 500 characters).
fn error_text(body: &[u8]) -> String {
    if let Some(doc) = ApiErrorBody::parse(body) {
        return if doc.message.is_empty() {
            doc.error
        } else {
            doc.message
        };
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim().trim_matches('"');
    text.chars().take(500).collect()
}

/// The first text between double quotes, if any (`structured_content: "title" must not be empty`).
fn quoted(message: &str) -> Option<String> {
    let start = message.find('"')? + 1;
    let len = message[start..].find('"')?;
    Some(message[start..start + len].to_owned()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(status: u16, body: &str) -> SendApiErrorKind {
        SendApiErrorKind::classify(StatusCode::from_u16(status).unwrap(), body.as_bytes()).0
    }

    #[test]
    fn every_documented_error() {
        use SendApiErrorKind as K;
        assert_eq!(kind(400, "Bad request"), K::BadRequest);
        assert_eq!(kind(400, "Invalid request format"), K::InvalidRequestFormat);
        assert_eq!(
            kind(413, "Invalid request size (max: 20971520 bytes)"),
            K::TooLarge
        );
        assert_eq!(kind(422, "Source not found"), K::SourceNotFound);
        assert_eq!(kind(422, "Invalid signature"), K::InvalidSignature);
        assert_eq!(kind(422, "Invalid action"), K::InvalidAction);
        assert_eq!(kind(422, "Invalid resource format"), K::InvalidResourceFormat);
        assert_eq!(
            kind(422, "Source doesn't support structured contents"),
            K::StructuredContentNotSupported
        );
        assert_eq!(
            kind(422, "Type is required for structured contents"),
            K::StructuredContentTypeRequired
        );
        assert_eq!(
            kind(422, "Source doesn't support this type of structured content"),
            K::StructuredContentTypeNotSupported
        );
        assert_eq!(
            kind(422, r#"structured_content: "title" must not be empty"#),
            K::StructuredContentAttributeEmpty {
                attribute: Some("title".into())
            }
        );
        assert_eq!(
            kind(422, "The author must be puppetizable"),
            K::AuthorNotPuppetizable
        );
        assert_eq!(
            kind(429, "too many typing requests, please try again in a few seconds"),
            K::TypingThrottled
        );
        assert_eq!(kind(422, r#"{"error":"Invalid signature"}"#), K::InvalidSignature);
        assert_eq!(kind(503, "<html>down</html>"), K::ServerError);
        assert_eq!(kind(200, "nope"), K::UnexpectedResponse);
        assert_eq!(kind(418, "teapot"), K::Other);
    }
}
