//! Reading a request body under [`InboundLimits`] (the routers of feature `axum`).

use axum::body::Body;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use http::HeaderMap;
use tokio::time::Instant;

use super::header::declared_length;
use super::limits::{InboundLimits, LargeBodyPermit};

/// Why a body was not read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// Over the endpoint's limit (declared or received): 413.
    TooLarge,
    /// Not received within the body read timeout: 408, connection closed.
    TimedOut,
    /// No turn to buffer a large body within the body read timeout: 503.
    Busy,
    /// The client or the framework failed mid-body: 400.
    Unreadable,
}

/// A body read whole, with the large-body permit it took (held until the answer is sent).
pub(crate) struct ReadBody {
    pub(crate) bytes: Bytes,
    pub(crate) _permit: Option<LargeBodyPermit>,
}

/// Reads `body` whole: at most `max` bytes, within the body read timeout, taking a large-body
/// turn as soon as the declared or received size reaches the large-body size.
pub(crate) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    max: usize,
    limits: &InboundLimits,
) -> Result<ReadBody, BodyError> {
    let declared = declared_length(headers).map_err(|()| BodyError::TooLarge)?;
    if declared.is_some_and(|n| n > max as u64) {
        return Err(BodyError::TooLarge);
    }
    let deadline = Instant::now() + limits.get_body_read_timeout();
    let large = limits.get_large_body_bytes();
    let turn = |limits: &InboundLimits| {
        let limits = limits.clone();
        async move {
            tokio::time::timeout_at(deadline, limits.large_body_permit())
                .await
                .map_err(|_| BodyError::Busy)
        }
    };
    let mut permit = None;
    let mut buffer = BytesMut::new();
    if let Some(n) = declared.filter(|n| *n >= large as u64) {
        permit = Some(turn(limits).await?);
        // Its turn taken, a large body gets its declared size at once (at most `max`) rather
        // than growing by doubling, which would pin up to twice as much.
        buffer.reserve(n as usize);
    }
    let mut stream = body.into_data_stream();
    loop {
        let next = tokio::time::timeout_at(deadline, stream.next())
            .await
            .map_err(|_| BodyError::TimedOut)?;
        let Some(chunk) = next else { break };
        let chunk = chunk.map_err(|err| {
            tracing::debug!(error = %err, "request refused: could not read the body");
            BodyError::Unreadable
        })?;
        if buffer.len() + chunk.len() > max {
            return Err(BodyError::TooLarge);
        }
        if permit.is_none() && buffer.len() + chunk.len() >= large {
            permit = Some(turn(limits).await?);
        }
        buffer.extend_from_slice(&chunk);
    }
    Ok(ReadBody {
        bytes: buffer.freeze(),
        _permit: permit,
    })
}
