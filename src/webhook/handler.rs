//! [`WebhookReceiver`]: request in, response out; and the ways to hand events to the
//! application ([`EventHandler`], [`handler_fn`], [`ChannelHandler`]).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use http::{Method, StatusCode};
use tokio::sync::mpsc;

use super::config::WebhookConfig;
use super::dedup::{DedupError, DedupStore, MemoryDedupStore};
use super::events::{Envelope, EnvelopeError, Event};
use super::message::{Outcome, WebhookRequest, WebhookResponse};
use super::verify::{check_secret, verify_handshake, SecretCheck};
use crate::models::{DomainId, EventId};

/// The new events of one delivery, as handed to the application.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookBatch {
    /// The delivery's id.
    pub request_id: Option<String>,
    /// The Engage domain the events come from.
    pub domain_id: Option<DomainId>,
    /// The events not seen before, sorted by `issued_at` unless configured otherwise. May
    /// include [`Event::Unknown`] and [`Event::Malformed`] events.
    pub events: Vec<Event>,
    /// How many events of the delivery were dropped as duplicates.
    pub duplicates: usize,
}

/// The application failed to take a batch; the receiver answers 500 and Engage retries.
///
/// Any error converts into it with `?`.
pub struct HandlerError(Box<dyn std::error::Error + Send + Sync>);

impl HandlerError {
    /// An error with a message.
    pub fn msg(message: impl fmt::Display) -> Self {
        HandlerError(message.to_string().into())
    }

    /// The underlying error.
    pub fn into_inner(self) -> Box<dyn std::error::Error + Send + Sync> {
        self.0
    }
}

impl<E: Into<Box<dyn std::error::Error + Send + Sync>>> From<E> for HandlerError {
    fn from(error: E) -> Self {
        HandlerError(error.into())
    }
}

impl fmt::Debug for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("HandlerError").field(&self.0).finish()
    }
}

impl fmt::Display for HandlerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// Takes the events of each delivery. Returning `Ok` means the application now owns them
/// (processed, or stored durably): the receiver answers 200 and remembers the events as
/// handled. Returning `Err` makes the receiver answer 500 so Engage delivers them again.
///
/// Keep it quick: Engage expects a fast answer, and its docs advise queueing the work.
#[async_trait]
pub trait EventHandler: Send + Sync + 'static {
    /// Takes one batch.
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError>;
}

/// An [`EventHandler`] made from an async closure; see [`handler_fn`].
pub struct FnHandler<F>(F);

/// Wraps an async closure `Fn(WebhookBatch) -> Future<Output = Result<(), HandlerError>>` as an
/// [`EventHandler`].
pub fn handler_fn<F, Fut>(f: F) -> FnHandler<F>
where
    F: Fn(WebhookBatch) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
{
    FnHandler(f)
}

#[async_trait]
impl<F, Fut> EventHandler for FnHandler<F>
where
    F: Fn(WebhookBatch) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
{
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError> {
        (self.0)(batch).await
    }
}

/// An [`EventHandler`] that sends each batch into a bounded tokio channel.
///
/// A full channel makes the delivery wait (back-pressure); a batch counts as handed over once
/// it is in the channel. With [`ChannelHandler::send_timeout`], a delivery that waits too long
/// is answered 500 instead (Engage retries). A closed channel is answered 500 too.
#[derive(Debug, Clone)]
pub struct ChannelHandler {
    tx: mpsc::Sender<WebhookBatch>,
    send_timeout: Option<Duration>,
}

impl ChannelHandler {
    /// Sends into `tx`, waiting as long as it takes for room.
    pub fn new(tx: mpsc::Sender<WebhookBatch>) -> Self {
        ChannelHandler {
            tx,
            send_timeout: None,
        }
    }

    /// Gives up (answering 500) when the channel has no room within `timeout`.
    pub fn send_timeout(mut self, timeout: Duration) -> Self {
        self.send_timeout = Some(timeout);
        self
    }
}

#[async_trait]
impl EventHandler for ChannelHandler {
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError> {
        let send = self.tx.send(batch);
        let sent = match self.send_timeout {
            Some(limit) => tokio::time::timeout(limit, send)
                .await
                .map_err(|_| HandlerError::msg("the webhook channel stayed full"))?,
            None => send.await,
        };
        sent.map_err(|_| HandlerError::msg("the webhook channel is closed"))
    }
}

struct Inner {
    config: WebhookConfig,
    handler: Box<dyn EventHandler>,
    dedup: Arc<dyn DedupStore>,
}

/// Receives Engage webhooks: answers the handshake, authenticates, decodes, deduplicates and
/// hands events to an [`EventHandler`].
///
/// | request | answer |
/// |---|---|
/// | `GET` with `hub.mode=subscribe`, `hub.challenge`, the right `hub.verify_token` | 200, body = the challenge |
/// | `GET` with a wrong or missing verify token (or a wrong secret header) | 403 |
/// | `GET` with another `hub.mode` or no challenge | 400 |
/// | `POST` without `X-Dimelo-Secret` / with a wrong one | 401 / 403, nothing processed (body never read) |
/// | `POST` larger than `max_body_bytes` | 413 |
/// | `POST` whose body is too slow / gets no large-body turn (`axum` router) | 408 / 503, nothing processed |
/// | `POST` not JSON, not an object, no `events` array | 400 |
/// | `POST` accepted by the handler (or only duplicates) | 200 |
/// | `POST` refused by the handler | 500, events not recorded as seen |
/// | `POST` while the dedup store is full or failing | 503, nothing handed over |
/// | any other method | 405 |
///
/// One broken event in a batch does not refuse the batch: it is handed over as
/// [`Event::Malformed`] with the valid ones and the answer is 200, because a retry would carry
/// the same broken event and blocking the whole batch would lose the valid ones.
///
/// Cheap to clone.
#[derive(Clone)]
pub struct WebhookReceiver {
    inner: Arc<Inner>,
}

impl fmt::Debug for WebhookReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookReceiver")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

impl WebhookReceiver {
    /// A receiver deduplicating in memory ([`MemoryDedupStore`] sized by `config`).
    pub fn new(config: WebhookConfig, handler: impl EventHandler) -> Self {
        let store = MemoryDedupStore::new(config.get_dedup_capacity(), config.get_dedup_ttl())
            .with_claim_timeout(config.get_dedup_claim_timeout());
        Self::with_dedup_store(config, handler, Arc::new(store))
    }

    /// A receiver deduplicating with `store` (for example one shared by several instances).
    pub fn with_dedup_store(
        config: WebhookConfig,
        handler: impl EventHandler,
        store: Arc<dyn DedupStore>,
    ) -> Self {
        if config.secret().is_none() {
            tracing::warn!(
                "webhook receiver running WITHOUT a secret: any POST to it is trusted \
                 (WebhookConfig::insecure_without_secret)"
            );
        }
        WebhookReceiver {
            inner: Arc::new(Inner {
                config,
                handler: Box::new(handler),
                dedup: store,
            }),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &WebhookConfig {
        &self.inner.config
    }

    /// Answers one request. Never panics on any input. Call
    /// [`reject_early`](Self::reject_early) before reading a body from the network, and see
    /// [`inbound`](crate::inbound) for the limits a server must apply.
    pub async fn handle(&self, request: WebhookRequest) -> WebhookResponse {
        let early = self.reject_early(&request.method, &request.headers);
        let response = match (early, &request.method) {
            (Some(rejection), _) => rejection,
            (None, &Method::GET) => self.handshake(&request),
            (None, _) => self.deliver(&request).await,
        };
        tracing::debug!(
            method = %request.method,
            status = response.status.as_u16(),
            outcome = ?response.outcome,
            "webhook request"
        );
        response
    }

    /// The answer to a request that cannot be valid, judged from its method and headers alone
    /// (another method: 405; a delivery without the right `X-Dimelo-Secret`: 401/403; a
    /// declared size over `max_body_bytes`: 413; a validation request with a wrong secret:
    /// 403), so its body is never read; `None` when the request must be read and handled.
    pub fn reject_early(&self, method: &Method, headers: &http::HeaderMap) -> Option<WebhookResponse> {
        let config = &self.inner.config;
        match *method {
            Method::GET => {
                // Engage sends the secret on validation requests too; when present it must
                // match, but the verify token is what authenticates a handshake.
                let secret = config.secret()?;
                if check_secret(secret, headers, false) == SecretCheck::Ok {
                    return None;
                }
                tracing::warn!(
                    "webhook validation request refused: its X-Dimelo-Secret header does not match \
                     the secret configured here (check the webhook's secret in Engage)"
                );
                Some(WebhookResponse::rejected(StatusCode::FORBIDDEN, "wrong X-Dimelo-Secret"))
            }
            Method::POST => {
                if let Some(secret) = config.secret() {
                    match check_secret(secret, headers, true) {
                        SecretCheck::Ok => {}
                        SecretCheck::Missing => {
                            tracing::warn!("webhook delivery without X-Dimelo-Secret refused");
                            return Some(WebhookResponse::rejected(
                                StatusCode::UNAUTHORIZED,
                                "missing X-Dimelo-Secret",
                            ));
                        }
                        SecretCheck::Wrong => {
                            tracing::warn!("webhook delivery with a wrong X-Dimelo-Secret refused");
                            return Some(WebhookResponse::rejected(
                                StatusCode::FORBIDDEN,
                                "wrong X-Dimelo-Secret",
                            ));
                        }
                    }
                }
                let max = config.get_max_body_bytes() as u64;
                match crate::inbound::declared_length(headers) {
                    Ok(Some(n)) if n > max => Some(too_large()),
                    Err(()) => Some(too_large()),
                    _ => None,
                }
            }
            _ => {
                let mut r = WebhookResponse::rejected(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
                r.headers
                    .insert(http::header::ALLOW, http::HeaderValue::from_static("GET, POST"));
                Some(r)
            }
        }
    }

    fn handshake(&self, request: &WebhookRequest) -> WebhookResponse {
        let config = &self.inner.config;
        match verify_handshake(request.query.as_deref().unwrap_or(""), config.verify_token()) {
            Ok(challenge) => WebhookResponse::text(StatusCode::OK, challenge, Outcome::Validated),
            Err(e) => {
                tracing::warn!(problem = %e, "webhook validation request refused (check the verify token entered in Engage)");
                WebhookResponse::rejected(e.status(), handshake_reason(&e))
            }
        }
    }

    /// A delivery whose headers passed [`reject_early`](Self::reject_early).
    async fn deliver(&self, request: &WebhookRequest) -> WebhookResponse {
        let inner = &*self.inner;
        if request.body.len() > inner.config.get_max_body_bytes() {
            return too_large();
        }
        let mut envelope = match Envelope::parse(&request.body) {
            Ok(envelope) => envelope,
            Err(e) => {
                tracing::warn!(error = %e, "webhook delivery refused");
                return WebhookResponse::rejected(StatusCode::BAD_REQUEST, envelope_reason(&e));
            }
        };
        if inner.config.get_order_by_issued_at() {
            envelope.sort_by_issued_at();
        }
        self.hand_over(envelope).await
    }

    async fn hand_over(&self, envelope: Envelope) -> WebhookResponse {
        let inner = &*self.inner;
        let ids: Vec<EventId> = envelope.events.iter().filter_map(|e| e.id().cloned()).collect();
        let flags = match inner.dedup.claim(&ids).await {
            Ok(flags) if flags.len() == ids.len() => flags,
            Ok(_) => {
                return dedup_unavailable(&DedupError::Backend(
                    "claim answered the wrong number of flags".into(),
                ))
            }
            Err(e) => return dedup_unavailable(&e),
        };
        let claimed: Vec<EventId> = ids
            .iter()
            .zip(&flags)
            .filter(|(_, fresh)| **fresh)
            .map(|(id, _)| id.clone())
            .collect();
        let mut guard = ClaimGuard {
            store: Arc::clone(&inner.dedup),
            ids: claimed,
        };

        let mut flags = flags.into_iter();
        let total = envelope.events.len();
        let events: Vec<Event> = envelope
            .events
            .into_iter()
            .filter(|e| e.id().is_none() || flags.next().unwrap_or(false))
            .collect();
        let duplicates = total - events.len();
        let malformed = events.iter().filter(|e| e.is_malformed()).count();
        for event in events.iter().filter(|e| e.is_malformed()) {
            if let Event::Malformed {
                event_type,
                id,
                error,
                ..
            } = event
            {
                tracing::warn!(?event_type, ?id, %error, "malformed webhook event handed over as Event::Malformed");
            }
        }
        let outcome = Outcome::Delivered {
            events: events.len(),
            duplicates,
            malformed,
        };
        if events.is_empty() {
            return WebhookResponse::text(StatusCode::OK, "", outcome);
        }

        let batch = WebhookBatch {
            request_id: envelope.id,
            domain_id: envelope.domain_id,
            events,
            duplicates,
        };
        match inner.handler.handle(batch).await {
            Ok(()) => {
                let ids = guard.disarm();
                if let Err(e) = inner.dedup.commit(&ids).await {
                    // The application has the events; answering an error now would only cause
                    // a redelivery, so the delivery still succeeds.
                    tracing::error!(error = %e, "could not record handled webhook events");
                }
                WebhookResponse::text(StatusCode::OK, "", outcome)
            }
            Err(e) => {
                tracing::error!(error = %e, "webhook handler failed; Engage will retry the delivery");
                let ids = guard.disarm();
                inner.dedup.release(&ids).await;
                WebhookResponse::text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "handler failed",
                    Outcome::HandlerFailed,
                )
            }
        }
    }
}

pub(crate) fn too_large() -> WebhookResponse {
    WebhookResponse::rejected(StatusCode::PAYLOAD_TOO_LARGE, "body too large")
}

fn dedup_unavailable(e: &DedupError) -> WebhookResponse {
    tracing::error!(error = %e, "webhook dedup store unavailable; Engage will retry the delivery");
    WebhookResponse::text(
        StatusCode::SERVICE_UNAVAILABLE,
        "deduplication unavailable",
        Outcome::DedupUnavailable,
    )
}

fn handshake_reason(e: &super::verify::HandshakeError) -> &'static str {
    use super::verify::HandshakeError as H;
    match e {
        H::WrongMode => "hub.mode must be subscribe",
        H::MissingChallenge => "hub.challenge is missing",
        _ => "wrong hub.verify_token",
    }
}

fn envelope_reason(e: &EnvelopeError) -> &'static str {
    match e {
        EnvelopeError::NotJson(_) => "body is not JSON",
        EnvelopeError::NotAnObject => "body is not a JSON object",
        EnvelopeError::MissingEvents => "body has no events",
        _ => "body events is not an array",
    }
}

/// Releases claims if the delivery is abandoned midway (the request future dropped because
/// the client went away), so a redelivery is not taken for a duplicate.
struct ClaimGuard {
    store: Arc<dyn DedupStore>,
    ids: Vec<EventId>,
}

impl ClaimGuard {
    fn disarm(&mut self) -> Vec<EventId> {
        std::mem::take(&mut self.ids)
    }
}

impl Drop for ClaimGuard {
    fn drop(&mut self) {
        if self.ids.is_empty() {
            return;
        }
        let ids = std::mem::take(&mut self.ids);
        let store = Arc::clone(&self.store);
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move { store.release(&ids).await });
        }
    }
}
