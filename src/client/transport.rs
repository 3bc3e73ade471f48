//! [`Transport`]: the one HTTP path under the REST client and the Send API.
//!
//! Everything both clients share lives here and nowhere else: the default timeouts, the rate
//! budget (taken once per attempt, retries included), the retry decisions, the tracing span of
//! each attempt, the WARN line of each retry, the bound on a response's size, and the
//! [`Error::Transport`] / [`Error::ResponseTooLarge`] errors naming method, host and path.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::{Bytes, BytesMut};
use http::{Method, StatusCode};
use tracing::Instrument;
use url::Url;

use super::rate_limit::RateBudget;
use super::retry::{self, RetryPolicy};
use crate::{Error, Result};

/// Default total time allowed for one attempt.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default time allowed to connect.
pub(crate) const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default bound on a response body: 64 MiB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 * 1024 * 1024;

/// A `reqwest::Client` with the crate's timeouts.
pub(crate) fn http_client(timeout: Duration, connect_timeout: Duration) -> Result<reqwest::Client> {
    super::tls::http_client_builder()
        .timeout(timeout)
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|source| Error::Transport {
            method: Method::GET,
            host: String::new(),
            path: String::new(),
            attempts: 0,
            timed_out: false,
            source: source.without_url(),
        })
}

/// The HTTP client, retry policy, rate budget and response bound one client uses.
#[derive(Clone)]
pub(crate) struct Transport {
    pub(crate) http: reqwest::Client,
    pub(crate) retry: RetryPolicy,
    pub(crate) budget: Option<Arc<dyn RateBudget>>,
    pub(crate) max_response_bytes: u64,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("retry", &self.retry)
            .field("budget", &self.budget)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish_non_exhaustive()
    }
}

/// One request to send: where, whether a replay is safe, and how to fill in headers and body.
pub(crate) struct Exchange<'a> {
    pub(crate) method: Method,
    /// The full URL, query included (it may carry secrets: never logged).
    pub(crate) url: Url,
    /// The path shown in spans, logs and errors (no query).
    pub(crate) path: &'a str,
    /// Whether a 5xx or a transport failure may be retried: the method is idempotent, or the
    /// request carries an id that makes a second delivery harmless.
    pub(crate) replay_safe: bool,
    /// Adds headers and body to each attempt's request.
    pub(crate) prepare:
        &'a (dyn Fn(reqwest::RequestBuilder) -> reqwest::Result<reqwest::RequestBuilder> + Sync),
}

/// The final HTTP answer of an exchange: a success, a status that is not retried, or the last
/// retryable answer once the policy gave up.
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: StatusCode,
    /// What a 429's `Retry-After` asked for, when it was usable.
    pub(crate) retry_after: Option<Duration>,
    pub(crate) body: Bytes,
}

/// Why an attempt is followed by another one.
enum Cause {
    Status(StatusCode),
    Failure(String),
}

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Cause::Status(status) => write!(f, "HTTP {status}"),
            Cause::Failure(reason) => f.write_str(reason),
        }
    }
}

impl Transport {
    /// A transport with the default timeouts, no rate budget and the default response bound.
    pub(crate) fn new(http: reqwest::Client, retry: RetryPolicy) -> Self {
        Transport {
            http,
            retry,
            budget: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Sends `exchange`, retrying as [`RetryPolicy`] says, and returns the final answer.
    ///
    /// Errors are only what never produced a usable answer: a transport failure (after the
    /// retries a replay-safe request gets) or a body over the size bound.
    pub(crate) async fn send(&self, exchange: Exchange<'_>) -> Result<Answer> {
        let host = host_of(&exchange.url);
        let policy = &self.retry;
        let mut attempts: u32 = 0;
        loop {
            attempts += 1;
            let span = tracing::debug_span!(
                "engage.request",
                method = %exchange.method,
                host = %host,
                path = %exchange.path,
                attempt = attempts,
                status = tracing::field::Empty,
            );
            let outcome = self.attempt(&exchange).instrument(span.clone()).await;
            let can_retry = attempts <= policy.max_retries;
            let (cause, wait) = match outcome {
                Ok(answer) => {
                    span.record("status", answer.status.as_u16());
                    let status = answer.status;
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        let too_long = answer.retry_after.is_some_and(|d| d > policy.max_retry_after);
                        if !can_retry || too_long {
                            return Ok(answer);
                        }
                        let wait = answer.retry_after.unwrap_or_else(|| policy.backoff(attempts - 1));
                        (Cause::Status(status), wait)
                    } else if status.is_server_error() && exchange.replay_safe && can_retry {
                        (Cause::Status(status), policy.backoff(attempts - 1))
                    } else {
                        return Ok(answer);
                    }
                }
                Err(Failure::TooLarge) => {
                    return Err(Error::ResponseTooLarge {
                        method: exchange.method.clone(),
                        host,
                        path: exchange.path.to_owned(),
                        limit: self.max_response_bytes,
                    })
                }
                Err(Failure::Http(e)) if exchange.replay_safe && can_retry && !e.is_builder() => {
                    (Cause::Failure(describe(e)), policy.backoff(attempts - 1))
                }
                Err(Failure::Http(e)) => {
                    return Err(Error::Transport {
                        method: exchange.method.clone(),
                        host,
                        path: exchange.path.to_owned(),
                        attempts,
                        timed_out: e.is_timeout(),
                        source: e.without_url(),
                    })
                }
            };
            tracing::warn!(
                parent: &span,
                %cause,
                ?wait,
                "Engage request failed; retrying"
            );
            tokio::time::sleep(wait).await;
        }
    }

    /// One attempt: takes one request from the rate budget, sends, and reads the body within
    /// the bound.
    async fn attempt(&self, exchange: &Exchange<'_>) -> std::result::Result<Answer, Failure> {
        if let Some(budget) = &self.budget {
            budget.acquire().await;
        }
        let builder = self.http.request(exchange.method.clone(), exchange.url.clone());
        let response = (exchange.prepare)(builder)?.send().await?;
        let status = response.status();
        let retry_after = (status == StatusCode::TOO_MANY_REQUESTS)
            .then(|| retry::retry_after(response.headers(), SystemTime::now()))
            .flatten();
        let body = read_bounded(response, self.max_response_bytes).await?;
        Ok(Answer {
            status,
            retry_after,
            body,
        })
    }
}

/// What stopped one attempt before it had an answer.
enum Failure {
    Http(reqwest::Error),
    TooLarge,
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Self {
        Failure::Http(e)
    }
}

/// Reads the body chunk by chunk, stopping as soon as it would pass `limit` bytes: a declared
/// `Content-Length` over the bound is refused before reading, and a body without one is cut at
/// the bound. Memory never holds more than `limit` bytes plus one chunk.
async fn read_bounded(mut response: reqwest::Response, limit: u64) -> std::result::Result<Bytes, Failure> {
    match response.content_length() {
        Some(len) if len > limit => return Err(Failure::TooLarge),
        // HTTP framing stops the body at its declared length: read it in one go.
        Some(_) => return Ok(response.bytes().await?),
        None => {}
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await? {
        if (body.len() as u64).saturating_add(chunk.len() as u64) > limit {
            return Err(Failure::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// `host[:port]` of `url`, for errors and spans.
fn host_of(url: &Url) -> String {
    match (url.host_str(), url.port()) {
        (Some(host), Some(port)) => format!("{host}:{port}"),
        (Some(host), None) => host.to_owned(),
        (None, _) => String::new(),
    }
}

/// A short, URL-free reason for a retry log line.
fn describe(e: reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else {
        "failed"
    };
    format!("{kind}: {}", crate::error::describe_chain(&e.without_url()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_keeps_the_port_and_nothing_else() {
        let url = Url::parse("http://127.0.0.1:8080/1.0/users?password=secret").unwrap();
        assert_eq!(host_of(&url), "127.0.0.1:8080");
        let url = Url::parse("https://acme.api.engagement.dimelo.com/1.0").unwrap();
        assert_eq!(host_of(&url), "acme.api.engagement.dimelo.com");
    }
}
