//! [`WebhookReceiver`]: request in, response out.

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};

use super::config::WebhookConfig;
use super::dedup::{DedupError, DedupStore, MemoryDedupStore};
use super::events::{Envelope, EnvelopeError, Event};
use super::handler::{EventHandler, WebhookBatch};
use super::verify::{check_secret, verify_handshake, SecretCheck};
use crate::inbound::{EndpointResponse, HandlerError, Outcome};
use crate::models::EventId;

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
    pub async fn handle(&self, request: http::Request<Bytes>) -> EndpointResponse {
        let (parts, body) = request.into_parts();
        let early = self.reject_early(&parts.method, &parts.headers);
        let response = match (early, &parts.method) {
            (Some(rejection), _) => rejection,
            (None, &Method::GET) => self.handshake(parts.uri.query()),
            (None, _) => self.deliver(&body).await,
        };
        tracing::debug!(
            method = %parts.method,
            status = response.status().as_u16(),
            outcome = ?response.outcome(),
            "webhook request"
        );
        response
    }

    /// The answer to a request that cannot be valid, judged from its method and headers alone
    /// (another method: 405; a delivery without the right `X-Dimelo-Secret`: 401/403; a
    /// declared size over `max_body_bytes`: 413; a validation request with a wrong secret:
    /// 403), so its body is never read; `None` when the request must be read and handled.
    pub fn reject_early(&self, method: &Method, headers: &HeaderMap) -> Option<EndpointResponse> {
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
                Some(rejected(StatusCode::FORBIDDEN, "wrong X-Dimelo-Secret"))
            }
            Method::POST => {
                if let Some(secret) = config.secret() {
                    match check_secret(secret, headers, true) {
                        SecretCheck::Ok => {}
                        SecretCheck::Missing => {
                            tracing::warn!("webhook delivery without X-Dimelo-Secret refused");
                            return Some(rejected(StatusCode::UNAUTHORIZED, "missing X-Dimelo-Secret"));
                        }
                        SecretCheck::Wrong => {
                            tracing::warn!("webhook delivery with a wrong X-Dimelo-Secret refused");
                            return Some(rejected(StatusCode::FORBIDDEN, "wrong X-Dimelo-Secret"));
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
                let mut r = rejected(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
                r.headers_mut()
                    .insert(http::header::ALLOW, http::HeaderValue::from_static("GET, POST"));
                Some(r)
            }
        }
    }

    fn handshake(&self, query: Option<&str>) -> EndpointResponse {
        let config = &self.inner.config;
        match verify_handshake(query.unwrap_or(""), config.verify_token()) {
            Ok(challenge) => EndpointResponse::text(StatusCode::OK, challenge, Outcome::Validated),
            Err(e) => {
                tracing::warn!(problem = %e, "webhook validation request refused (check the verify token entered in Engage)");
                rejected(e.status(), handshake_reason(&e))
            }
        }
    }

    /// A delivery whose headers passed [`reject_early`](Self::reject_early).
    async fn deliver(&self, body: &[u8]) -> EndpointResponse {
        let inner = &*self.inner;
        if body.len() > inner.config.get_max_body_bytes() {
            return too_large();
        }
        let mut envelope = match Envelope::parse(body) {
            Ok(envelope) => envelope,
            Err(e) => {
                tracing::warn!(error = %e, "webhook delivery refused");
                return rejected(StatusCode::BAD_REQUEST, envelope_reason(&e));
            }
        };
        if inner.config.get_order_by_issued_at() {
            envelope.sort_by_issued_at();
        }
        self.hand_over(envelope).await
    }

    async fn hand_over(&self, envelope: Envelope) -> EndpointResponse {
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
            return EndpointResponse::text(StatusCode::OK, "", outcome);
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
                EndpointResponse::text(StatusCode::OK, "", outcome)
            }
            Err(HandlerError::Resource { fatal: true, message }) => {
                // The application gives up on these events: they count as handled.
                tracing::warn!(%message, "webhook handler refused the events for good; dropped");
                let ids = guard.disarm();
                if let Err(e) = inner.dedup.commit(&ids).await {
                    tracing::error!(error = %e, "could not record dropped webhook events");
                }
                EndpointResponse::text(StatusCode::OK, "", outcome)
            }
            Err(e) => {
                tracing::error!(error = %e, "webhook handler failed; Engage will retry the delivery");
                let ids = guard.disarm();
                inner.dedup.release(&ids).await;
                let status = match e {
                    HandlerError::Server { status, .. } if status.is_server_error() => status,
                    _ => StatusCode::INTERNAL_SERVER_ERROR,
                };
                EndpointResponse::text(status, "handler failed", Outcome::HandlerFailed)
            }
        }
    }
}

/// A refusal before the handler, with a short reason.
pub(crate) fn rejected(status: StatusCode, reason: &'static str) -> EndpointResponse {
    EndpointResponse::text(status, reason, Outcome::Rejected)
}

pub(crate) fn too_large() -> EndpointResponse {
    rejected(StatusCode::PAYLOAD_TOO_LARGE, "body too large")
}

fn dedup_unavailable(e: &DedupError) -> EndpointResponse {
    tracing::error!(error = %e, "webhook dedup store unavailable; Engage will retry the delivery");
    EndpointResponse::text(
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
