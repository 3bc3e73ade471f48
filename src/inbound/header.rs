//! Reading what the headers say about the body.

use http::header::CONTENT_LENGTH;
use http::HeaderMap;

/// The declared `Content-Length`: `Ok(None)` when absent, `Err` when not a number.
pub(crate) fn declared_length(headers: &HeaderMap) -> Result<Option<u64>, ()> {
    match headers.get(CONTENT_LENGTH) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Some)
            .ok_or(()),
    }
}
