//! The Send API client: push contents to Engage in real time.
//!
//! Every request is `POST {realtime_url}/realtime/sdk/{source_id}` with a JSON body
//! `{"action": ..., "params": ...}` signed with the source's realtime access token; Engage
//! answers `ok`.
//!
//! # What is refused before sending
//! A content that fails its `validate` checks (no author, neither body nor attachment, a body
//! over 20,000 characters, a blank thread id), a body over 20 MiB, `typing.start` without a
//! preview, and a second `typing.start` for the same thread (or content) within 2 seconds
//! (Engage's own limit; a `typing.stop` resets it). A message without any thread id is refused
//! earlier, by [`MessageBuilder::build`](super::objects::MessageBuilder::build), unless it was
//! marked [`unthreaded`](super::objects::MessageBuilder::unthreaded): the client cannot know
//! whether the source declares `messages.unthreaded`, so it sends such a message as built.
//!
//! # Retries
//! Server errors (5xx) and transport failures are retried with capped, jittered exponential
//! backoff, but only for actions that are safe to repeat:
//!
//! - `*.create`: every content and user carries an id we chose. Engage keys contents and
//!   identities on that foreign id, so a second delivery of the same id updates or is
//!   recognised as the same content instead of creating a duplicate. A request that reached
//!   Engage before the connection dropped is therefore harmless to send again.
//! - `status.mark_as_read` and `typing.stop` set a state; repeating them changes nothing.
//!
//! `typing.start` is never retried: a late preview is worthless and a repeat would hit
//! Engage's typing throttle. Client errors (4xx) are never retried.
//!
//! The token never appears in `Debug` output, logs or errors.

mod error;

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use serde::Serialize;
use tokio::time::Instant;
use tracing::Instrument;
use url::Url;

pub use self::error::SendApiErrorKind;
use super::objects::{Message, PrivateMessage, Status, Thread, Typing, User};
use super::signature::{SigningKey, SIGNATURE_HEADER};
use crate::{Error, Result, RetryPolicy, Secret};

/// The largest body the Send API accepts: 20 MiB.
pub const MAX_REQUEST_BYTES: usize = 20_971_520;

/// Engage's typing limit: one `typing.start` per thread per this long.
pub const TYPING_INTERVAL: Duration = Duration::from_secs(2);

/// A Send API client for one source. Cheap to clone; clones share the typing throttle.
///
/// ```
/// use ringcentral_engage::sdk::send::SendClient;
/// use ringcentral_engage::Secret;
///
/// let client = SendClient::builder()
///     .realtime_url("https://acme.engagement.dimelo.com")
///     .source_id("8da592bc6fcf8bae41b2")
///     .access_token(Secret::new("realtime-token"))
///     .build()
///     .unwrap();
/// assert_eq!(client.url().as_str(), "https://acme.engagement.dimelo.com/realtime/sdk/8da592bc6fcf8bae41b2");
/// assert!(!format!("{client:?}").contains("realtime-token"));
/// ```
#[derive(Clone)]
pub struct SendClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    url: Url,
    key: SigningKey,
    retry: RetryPolicy,
    typing: Mutex<HashMap<String, Instant>>,
}

impl fmt::Debug for SendClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SendClient")
            .field("url", &self.inner.url.as_str())
            .field("key", &self.inner.key)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

/// Builds a [`SendClient`].
#[derive(Debug, Default)]
pub struct SendClientBuilder {
    realtime_url: Option<String>,
    source_id: Option<String>,
    token: Option<Secret>,
    http: Option<reqwest::Client>,
    retry: Option<RetryPolicy>,
}

impl SendClientBuilder {
    /// The Engage host (`https://acme.engagement.dimelo.com`), or the full realtime endpoint
    /// URL Engage shows on the source page (`.../realtime/sdk/{source_id}`).
    pub fn realtime_url(mut self, url: impl Into<String>) -> Self {
        self.realtime_url = Some(url.into());
        self
    }

    /// The Engage source id (not needed when the realtime URL already ends with it).
    pub fn source_id(mut self, id: impl Into<String>) -> Self {
        self.source_id = Some(id.into());
        self
    }

    /// The source's realtime access token, used to sign every body.
    pub fn access_token(mut self, token: Secret) -> Self {
        self.token = Some(token);
        self
    }

    /// Uses the caller's HTTP client (proxies, timeouts, TLS...). By default: 30 s total,
    /// 10 s to connect.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How failed idempotent actions are retried (default: three retries, 250 ms base delay,
    /// 10 s cap, full jitter). Only the count and the delays of the policy apply here.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The client, or [`Error::InvalidArgument`] / [`Error::InvalidUrl`] when the URL, source
    /// id or token is missing or unusable.
    pub fn build(self) -> Result<SendClient> {
        let token = self
            .token
            .ok_or_else(|| Error::invalid_argument("access_token", "is required"))?;
        if token.is_empty() {
            return Err(Error::invalid_argument("access_token", "must not be empty"));
        }
        let raw = self
            .realtime_url
            .ok_or_else(|| Error::invalid_argument("realtime_url", "is required"))?;
        let url = endpoint_url(&raw, self.source_id.as_deref())?;
        let http = match self.http {
            Some(http) => http,
            None => crate::client::http_client_builder()
                .timeout(Duration::from_secs(30))
                .connect_timeout(Duration::from_secs(10))
                .build()
                .map_err(Error::Transport)?,
        };
        Ok(SendClient {
            inner: Arc::new(Inner {
                http,
                url,
                key: SigningKey::new(&token),
                retry: self.retry.unwrap_or_else(|| {
                    RetryPolicy::default()
                        .base_delay(Duration::from_millis(250))
                        .max_delay(Duration::from_secs(10))
                }),
                typing: Mutex::new(HashMap::new()),
            }),
        })
    }
}

/// Builds `{base}/realtime/sdk/{source_id}`, or checks a URL that already has that shape.
fn endpoint_url(raw: &str, source_id: Option<&str>) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|e| Error::InvalidUrl(format!("{raw}: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.cannot_be_a_base() {
        return Err(Error::InvalidUrl(format!("{raw}: not an http(s) URL")));
    }
    url.set_query(None);
    url.set_fragment(None);
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.map(str::to_owned).collect())
        .unwrap_or_default();
    let segments: Vec<&str> = segments
        .iter()
        .map(String::as_str)
        .filter(|s| !s.is_empty())
        .collect();
    if let [.., "realtime", "sdk", in_url] = segments.as_slice() {
        return match source_id {
            Some(id) if id != *in_url => Err(Error::invalid_argument(
                "source_id",
                format!("{id:?} differs from the source id in the realtime URL"),
            )),
            _ => Ok(url),
        };
    }
    let id = source_id.ok_or_else(|| Error::invalid_argument("source_id", "is required"))?;
    if id.trim().is_empty() {
        return Err(Error::invalid_argument("source_id", "must not be blank"));
    }
    url.path_segments_mut()
        .map_err(|()| Error::InvalidUrl(raw.to_owned()))?
        .pop_if_empty()
        .extend(["realtime", "sdk", id]);
    Ok(url)
}

#[derive(Serialize)]
struct Envelope<'a, P: Serialize> {
    action: &'a str,
    params: &'a P,
}

impl SendClient {
    /// Starts a builder.
    pub fn builder() -> SendClientBuilder {
        SendClientBuilder::default()
    }

    /// The URL requests go to.
    pub fn url(&self) -> &Url {
        &self.inner.url
    }

    /// `messages.create`: pushes a public message (checked first).
    pub async fn create_message(&self, message: &Message) -> Result<()> {
        message.validate()?;
        self.send("messages.create", message, true).await
    }

    /// `private_messages.create`: pushes a private message (checked first).
    pub async fn create_private_message(&self, message: &PrivateMessage) -> Result<()> {
        message.validate()?;
        self.send("private_messages.create", message, true).await
    }

    /// `threads.create`: opens a thread (checked first: id, author and body).
    pub async fn create_thread(&self, thread: &Thread) -> Result<()> {
        thread.validate()?;
        self.send("threads.create", thread, true).await
    }

    /// `users.create`: creates or updates a user (identity).
    pub async fn create_user(&self, user: &User) -> Result<()> {
        user.validate()?;
        self.send("users.create", user, true).await
    }

    /// `status.mark_as_read`: marks one of our contents as read.
    pub async fn mark_as_read(&self, status: &Status) -> Result<()> {
        status.validate()?;
        self.send("status.mark_as_read", status, true).await
    }

    /// `typing.start`: the user is typing `typing.preview`. Refused with
    /// [`SendApiErrorKind::TypingThrottled`] (and nothing sent) within [`TYPING_INTERVAL`] of
    /// the previous start for the same target; callers usually just drop that error.
    pub async fn typing_start(&self, typing: &Typing) -> Result<()> {
        typing.validate(true)?;
        let target = typing.target().unwrap_or_default().to_owned();
        {
            let now = Instant::now();
            let mut last = self.inner.typing.lock().unwrap_or_else(|e| e.into_inner());
            last.retain(|_, at| now.duration_since(*at) < TYPING_INTERVAL);
            if last.contains_key(&target) {
                return Err(Error::SendApi {
                    kind: SendApiErrorKind::TypingThrottled,
                    status: None,
                    message: "one typing.start per thread every 2 seconds".to_owned(),
                });
            }
            last.insert(target.clone(), now);
        }
        let result = self.send("typing.start", typing, false).await;
        // Engage's window opens when it receives the request, somewhere during the call:
        // restart ours when the call ends (unless a `typing.stop` cleared it meanwhile).
        let mut last = self.inner.typing.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(at) = last.get_mut(&target) {
            *at = Instant::now();
        }
        result
    }

    /// `typing.stop`: the user stopped typing; also resets the typing throttle for the target.
    pub async fn typing_stop(&self, typing: &Typing) -> Result<()> {
        typing.validate(false)?;
        if let Some(target) = typing.target() {
            self.inner
                .typing
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .remove(target);
        }
        self.send("typing.stop", typing, true).await
    }

    async fn send<P: Serialize>(&self, action: &str, params: &P, idempotent: bool) -> Result<()> {
        let body = serde_json::to_vec(&Envelope { action, params }).map_err(|e| Error::Decode {
            path: ".".to_owned(),
            source: e,
            body: String::new(),
        })?;
        if body.len() > MAX_REQUEST_BYTES {
            return Err(Error::SendApi {
                kind: SendApiErrorKind::TooLarge,
                status: None,
                message: format!(
                    "{} bytes; the Send API accepts at most {MAX_REQUEST_BYTES}",
                    body.len()
                ),
            });
        }
        let signature = self.inner.key.sign(&body);
        let body = Bytes::from(body);
        let mut attempt: u32 = 0;
        loop {
            attempt += 1;
            let span = tracing::debug_span!("send_api", action, attempt, url = %self.inner.url);
            let outcome = self.attempt(&signature, body.clone()).instrument(span).await;
            match outcome {
                Ok(()) => return Ok(()),
                Err(err) if idempotent && attempt <= self.inner.retry.max_retries && is_retryable(&err) => {
                    let delay = self.inner.retry.backoff(attempt - 1);
                    tracing::debug!(action, attempt, ?delay, error = %err, "send api attempt failed, retrying");
                    tokio::time::sleep(delay).await;
                }
                Err(err) => {
                    tracing::debug!(action, attempt, error = %err, "send api request failed");
                    return Err(err);
                }
            }
        }
    }

    async fn attempt(&self, signature: &str, body: Bytes) -> Result<()> {
        let response = self
            .inner
            .http
            .post(self.inner.url.clone())
            .header(SIGNATURE_HEADER, signature)
            .header(CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(Error::Transport)?;
        let status = response.status();
        tracing::debug!(status = status.as_u16(), "send api answered");
        let bytes = response.bytes().await.map_err(Error::Transport)?;
        let text = String::from_utf8_lossy(&bytes);
        let answer = text.trim().trim_matches('"');
        if status.is_success() && answer == "ok" {
            return Ok(());
        }
        let (kind, message) = SendApiErrorKind::classify(status, &bytes);
        Err(Error::SendApi {
            kind,
            status: Some(status),
            message,
        })
    }
}

fn is_retryable(err: &Error) -> bool {
    match err {
        Error::SendApi { kind, status, .. } => {
            *kind == SendApiErrorKind::ServerError && status.is_some_and(|s| s.is_server_error())
        }
        Error::Transport(e) => !e.is_builder() && !e.is_redirect(),
        _ => false,
    }
}
