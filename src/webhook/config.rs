//! [`WebhookConfig`]: the verify token, the shared secret, and the receiver's limits.

use std::time::Duration;

use crate::inbound::InboundLimits;
use crate::Secret;

/// How a [`WebhookReceiver`](super::WebhookReceiver) authenticates and bounds deliveries.
///
/// Build it with [`WebhookConfig::new`] (verify token and `X-Dimelo-Secret`). Receiving without
/// a secret is possible only through [`WebhookConfig::insecure_without_secret`], which logs a
/// warning: anyone who knows the URL could then post forged events.
///
/// `Debug` never prints the token or the secret.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct WebhookConfig {
    verify_token: Secret,
    secret: Option<Secret>,
    dedup_capacity: usize,
    dedup_ttl: Duration,
    dedup_claim_timeout: Duration,
    max_body_bytes: usize,
    order_by_issued_at: bool,
    limits: InboundLimits,
}

impl WebhookConfig {
    /// Default number of event ids remembered for deduplication.
    pub const DEFAULT_DEDUP_CAPACITY: usize = 500_000;
    /// Default time an event id is remembered: Engage retries for up to 24 hours.
    pub const DEFAULT_DEDUP_TTL: Duration = Duration::from_secs(24 * 60 * 60);
    /// Default time an unfinished claim on an event id stays valid.
    pub const DEFAULT_DEDUP_CLAIM_TIMEOUT: Duration = Duration::from_secs(5 * 60);
    /// Default largest accepted body.
    pub const DEFAULT_MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

    /// A configuration checking both the handshake's verify token and the `X-Dimelo-Secret`
    /// header of every delivery (both as entered in Engage's webhook settings).
    ///
    /// An empty token or secret matches nothing: every request is refused.
    pub fn new(verify_token: impl Into<Secret>, secret: impl Into<Secret>) -> Self {
        Self::build(verify_token.into(), Some(secret.into()))
    }

    /// **Insecure**: a configuration that accepts deliveries without an `X-Dimelo-Secret`
    /// header. Anyone who can reach the endpoint can then post events that the application
    /// will trust. Use it only for local development or when the network layer authenticates
    /// Engage; the handshake's verify token is still checked. Logs a warning when called and
    /// when a receiver is built with it.
    pub fn insecure_without_secret(verify_token: impl Into<Secret>) -> Self {
        tracing::warn!(
            "webhook configured WITHOUT a secret: deliveries are not authenticated \
             (WebhookConfig::insecure_without_secret)"
        );
        Self::build(verify_token.into(), None)
    }

    fn build(verify_token: Secret, secret: Option<Secret>) -> Self {
        WebhookConfig {
            verify_token,
            secret,
            dedup_capacity: Self::DEFAULT_DEDUP_CAPACITY,
            dedup_ttl: Self::DEFAULT_DEDUP_TTL,
            dedup_claim_timeout: Self::DEFAULT_DEDUP_CLAIM_TIMEOUT,
            max_body_bytes: Self::DEFAULT_MAX_BODY_BYTES,
            order_by_issued_at: true,
            limits: InboundLimits::new(),
        }
    }

    /// How many event ids the built-in deduplication store may hold (default 500,000).
    ///
    /// Ids are never evicted before [`dedup_ttl`](Self::dedup_ttl) runs out, so size it for
    /// `events per second × TTL`; when it is full of unexpired ids, deliveries are answered 503
    /// (Engage retries them later) instead of risking a duplicate.
    pub fn dedup_capacity(mut self, capacity: usize) -> Self {
        self.dedup_capacity = capacity.max(1);
        self
    }

    /// How long a handled event id is remembered (default 24 hours).
    pub fn dedup_ttl(mut self, ttl: Duration) -> Self {
        self.dedup_ttl = ttl;
        self
    }

    /// How long an event being handled blocks a concurrent redelivery of the same event
    /// (default 5 minutes); a claim left by a request that never finished expires after it.
    pub fn dedup_claim_timeout(mut self, timeout: Duration) -> Self {
        self.dedup_claim_timeout = timeout;
        self
    }

    /// The largest body accepted; larger ones are answered 413 (default 16 MiB).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// Whether each batch is sorted by `issued_at` before it is handed over (default `true`).
    pub fn order_by_issued_at(mut self, yes: bool) -> Self {
        self.order_by_issued_at = yes;
        self
    }

    /// Replaces the default [`InboundLimits`] (body read timeout, large bodies buffered at
    /// once), applied by the `axum` router. In an `EngageHandover` they apply to both of its
    /// endpoints, SDK and webhook, which then share one gate for large bodies.
    pub fn limits(mut self, limits: InboundLimits) -> Self {
        self.limits = limits;
        self
    }

    /// See [`WebhookConfig::limits`].
    pub fn get_limits(&self) -> &InboundLimits {
        &self.limits
    }

    /// The handshake's verify token.
    pub fn verify_token(&self) -> &Secret {
        &self.verify_token
    }

    /// The `X-Dimelo-Secret` value, `None` for an insecure configuration.
    pub fn secret(&self) -> Option<&Secret> {
        self.secret.as_ref()
    }

    /// See [`WebhookConfig::dedup_capacity`].
    pub fn get_dedup_capacity(&self) -> usize {
        self.dedup_capacity
    }

    /// See [`WebhookConfig::dedup_ttl`].
    pub fn get_dedup_ttl(&self) -> Duration {
        self.dedup_ttl
    }

    /// See [`WebhookConfig::dedup_claim_timeout`].
    pub fn get_dedup_claim_timeout(&self) -> Duration {
        self.dedup_claim_timeout
    }

    /// See [`WebhookConfig::max_body_bytes`].
    pub fn get_max_body_bytes(&self) -> usize {
        self.max_body_bytes
    }

    /// See [`WebhookConfig::order_by_issued_at`].
    pub fn get_order_by_issued_at(&self) -> bool {
        self.order_by_issued_at
    }
}
