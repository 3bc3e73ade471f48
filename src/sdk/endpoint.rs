//! The SDK endpoint, independent of any web framework: raw request in, signed response out.
//!
//! Every request goes through the same steps, and a failing step answers without calling the
//! handler:
//!
//! | step | failure | answer |
//! |-|-|-|
//! | method is `POST` | other method | 405 |
//! | size (declared `Content-Length`, then actual) | over [`MAX_BODY_BYTES`] | 413 |
//! | a signature is present (header, else `signature` query parameter) | none | 422 `Invalid signature`, before the body is read |
//! | body read to its end (framework integrations) | read error / too slow / no large-body turn | 400 / 408 / 503 |
//! | signature matches the raw body | wrong | 422 `Invalid signature` |
//! | body is a JSON object with an `action` string | not JSON, no action, bad params | 400 |
//! | action is known (custom ones must be declared) | unknown | 422 `Invalid action` |
//! | handler | [`HandlerError`] | 422 / 200 `{"error":..}` / 5xx |
//!
//! Every answer, errors included, carries the `X-SMCCSDK-SIGNATURE` of its body.
//!
//! The first rows need only the method and headers: [`SdkEndpoint::reject_early`] answers them
//! before a byte of the body is read. Limits on what the crate *sends* (20,000-character
//! bodies, a text or an attachment) never apply here: whatever Engage may post is accepted and
//! handed to the handler, and the answer to a `create` is the small [`Created`] object.
//!
//! [`Created`]: super::objects::Created

use std::fmt;
use std::sync::Arc;

use bytes::Bytes;
use http::header::{HeaderValue, ALLOW};
use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;

use super::action::{Action, Request};
use super::handler::SourceHandler;
use super::signature::{find_signature, SigningKey, SIGNATURE_HEADER};
use crate::inbound::{declared_length, EndpointResponse, HandlerError, InboundLimits, Outcome};
use crate::Secret;

/// The largest body the endpoint accepts: 20 MiB, the same limit Engage applies to the Send API.
pub const MAX_BODY_BYTES: usize = 20 * 1024 * 1024;

/// The Channel SDK endpoint: verifies, parses and dispatches Engage's requests to a
/// [`SourceHandler`], and signs the answers. Cheap to clone.
///
/// ```
/// use std::sync::Arc;
/// use ringcentral_engage::sdk::{Capabilities, SdkEndpoint, SourceHandler, signature};
/// use ringcentral_engage::Secret;
///
/// struct Bot;
/// impl SourceHandler for Bot {
///     fn capabilities(&self) -> Capabilities { Capabilities::new() }
/// }
///
/// # tokio_test_block(async {
/// let secret = Secret::new("realtime-token");
/// let endpoint = SdkEndpoint::new(&secret, Arc::new(Bot));
/// let body = br#"{"action":"implementation.info"}"#.to_vec();
/// let request = http::Request::post("/sdk")
///     .header("X-SMCCSDK-SIGNATURE", signature::sign(&secret, &body))
///     .body(bytes::Bytes::from(body))
///     .unwrap();
/// let response = endpoint.handle(request).await;
/// assert_eq!(response.status(), 200);
/// assert_eq!(response.body().as_ref(), br#"{"objects":{},"options":[]}"#);
/// # });
/// # fn tokio_test_block(f: impl std::future::Future<Output = ()>) {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
pub struct SdkEndpoint<H: ?Sized> {
    handler: Arc<H>,
    key: SigningKey,
    limits: InboundLimits,
}

impl<H: ?Sized> Clone for SdkEndpoint<H> {
    fn clone(&self) -> Self {
        SdkEndpoint {
            handler: Arc::clone(&self.handler),
            key: self.key.clone(),
            limits: self.limits.clone(),
        }
    }
}

impl<H: ?Sized> fmt::Debug for SdkEndpoint<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SdkEndpoint")
            .field("key", &self.key)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl<H: SourceHandler + ?Sized> SdkEndpoint<H> {
    /// An endpoint verifying and signing with `secret` (the source's realtime access token).
    pub fn new(secret: &Secret, handler: Arc<H>) -> Self {
        SdkEndpoint {
            handler,
            key: SigningKey::new(secret),
            limits: InboundLimits::new(),
        }
    }

    /// Replaces the default [`InboundLimits`] (body read timeout, large bodies buffered at
    /// once), applied by the `axum` router.
    pub fn with_limits(mut self, limits: InboundLimits) -> Self {
        self.limits = limits;
        self
    }

    /// The limits the `axum` router applies while reading bodies.
    pub fn limits(&self) -> &InboundLimits {
        &self.limits
    }

    /// The handler.
    pub fn handler(&self) -> &Arc<H> {
        &self.handler
    }

    /// Handles a whole request whose body is already in memory. Call
    /// [`reject_early`](Self::reject_early) before reading a body from the network, and see
    /// [`inbound`](crate::inbound) for the limits a server must apply.
    pub async fn handle(&self, request: http::Request<Bytes>) -> EndpointResponse {
        let (parts, body) = request.into_parts();
        self.handle_parts(&parts.method, &parts.headers, parts.uri.query(), &body)
            .await
    }

    /// Handles a request given as its method, headers, raw query string and raw body.
    pub async fn handle_parts(
        &self,
        method: &Method,
        headers: &HeaderMap,
        query: Option<&str>,
        body: &[u8],
    ) -> EndpointResponse {
        if let Some(rejection) = self.reject_early(method, headers, query) {
            return rejection;
        }
        if body.len() > MAX_BODY_BYTES {
            return self.too_large();
        }
        let verified = find_signature(headers, query).is_some_and(|sig| self.key.verify(body, &sig));
        if !verified {
            tracing::debug!("sdk request refused: invalid signature");
            return self.text(StatusCode::UNPROCESSABLE_ENTITY, "Invalid signature");
        }
        match Request::parse(body) {
            Ok(request) => self.dispatch(request.action).await,
            Err(err) => {
                tracing::debug!(error = %err, "sdk request refused");
                let status = err.status();
                if status == StatusCode::UNPROCESSABLE_ENTITY {
                    self.text(status, "Invalid action")
                } else {
                    self.text(status, &format!("Bad request: {err}"))
                }
            }
        }
    }

    /// The signed answer to a request that cannot be valid, judged from its method, headers and
    /// query alone (wrong method: 405; declared size over [`MAX_BODY_BYTES`]: 413; no
    /// signature at all: 422), so the body is never read; `None` when the body must be read.
    pub fn reject_early(
        &self,
        method: &Method,
        headers: &HeaderMap,
        query: Option<&str>,
    ) -> Option<EndpointResponse> {
        if method != Method::POST {
            let mut response = self.text(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
            response
                .headers_mut()
                .insert(ALLOW, HeaderValue::from_static("POST"));
            return Some(response);
        }
        if let Some(rejection) = self.reject_declared_size(headers) {
            return Some(rejection);
        }
        if find_signature(headers, query).is_none() {
            tracing::debug!("sdk request refused: no signature");
            return Some(self.text(StatusCode::UNPROCESSABLE_ENTITY, "Invalid signature"));
        }
        None
    }

    /// A signed 413 answer when the declared `Content-Length` is over [`MAX_BODY_BYTES`] (or
    /// not a number), so a framework can refuse before reading the body.
    pub fn reject_declared_size(&self, headers: &HeaderMap) -> Option<EndpointResponse> {
        let fits = match declared_length(headers) {
            Ok(declared) => declared.is_none_or(|n| n <= MAX_BODY_BYTES as u64),
            Err(()) => false,
        };
        (!fits).then(|| self.too_large())
    }

    /// The signed 413 answer.
    pub fn too_large(&self) -> EndpointResponse {
        self.text(StatusCode::PAYLOAD_TOO_LARGE, "Request too large")
    }

    /// The signed 400 answer for a body that could not be read to its end (the client went
    /// away, the framework failed to decode a chunk...), for integrations that stream the body
    /// themselves before calling [`handle_parts`](Self::handle_parts).
    pub fn unreadable_body(&self) -> EndpointResponse {
        self.text(StatusCode::BAD_REQUEST, "Bad request: could not read the body")
    }

    /// The signed 408 answer for a body that did not arrive within the body read timeout;
    /// it asks the client to close the connection.
    pub fn body_timed_out(&self) -> EndpointResponse {
        let mut response = self.text(StatusCode::REQUEST_TIMEOUT, "Request timeout");
        response
            .headers_mut()
            .insert(http::header::CONNECTION, HeaderValue::from_static("close"));
        response
    }

    /// The signed 503 answer for a large body that got no turn to be buffered in time.
    pub fn busy(&self) -> EndpointResponse {
        self.text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Too many large requests; try again",
        )
    }

    /// Runs a verified, parsed action through the handler.
    async fn dispatch(&self, action: Action) -> EndpointResponse {
        let name = action.name();
        let h = &*self.handler;
        let result = match action {
            Action::ImplementationInfo => Ok(self.json(StatusCode::OK, &h.capabilities())),
            Action::List { resource, since_id } => h
                .list(resource, since_id.as_deref())
                .await
                .map(|v| self.json(StatusCode::OK, &v)),
            Action::Show { resource, id } => {
                h.show(resource, &id).await.map(|v| self.json(StatusCode::OK, &v))
            }
            Action::CreateMessage(m) => h.create_message(m).await.map(|v| self.json(StatusCode::OK, &v)),
            Action::CreatePrivateMessage(m) => h
                .create_private_message(m)
                .await
                .map(|v| self.json(StatusCode::OK, &v)),
            Action::CreateThread(t) => h.create_thread(t).await.map(|v| self.json(StatusCode::OK, &v)),
            Action::Delete { resource, id } => h
                .delete(resource, &id)
                .await
                .map(|v| self.json(StatusCode::OK, &v)),
            Action::Publish { resource, id } => h
                .publish(resource, &id)
                .await
                .map(|v| self.json(StatusCode::OK, &v)),
            Action::Unpublish { resource, id } => h
                .unpublish(resource, &id)
                .await
                .map(|v| self.json(StatusCode::OK, &v)),
            Action::Custom {
                resource,
                name,
                params,
            } => {
                if h.capabilities().supports(resource, &name) {
                    h.custom_action(resource, &name, params)
                        .await
                        .map(|v| self.json(StatusCode::OK, &v))
                } else {
                    Err(HandlerError::NotSupported)
                }
            }
            Action::QueuingUpdate(u) => h.queuing_update(u).await.map(|()| self.empty_object()),
            Action::TypingStart(t) => h.typing(t, true).await.map(|()| self.empty_object()),
            Action::TypingStop(t) => h.typing(t, false).await.map(|()| self.empty_object()),
            Action::MarkAsRead(s) => h.mark_as_read(s).await.map(|()| self.empty_object()),
        };
        let response = result.unwrap_or_else(|err| self.handler_error(err));
        tracing::debug!(action = %name, status = response.status().as_u16(), "sdk request handled");
        response
    }

    fn handler_error(&self, err: HandlerError) -> EndpointResponse {
        match err {
            HandlerError::NotSupported => self.text(StatusCode::UNPROCESSABLE_ENTITY, "Invalid action"),
            HandlerError::Resource { fatal, message } => {
                #[derive(Serialize)]
                struct Inner<'a> {
                    fatal: bool,
                    message: &'a str,
                }
                #[derive(Serialize)]
                struct Doc<'a> {
                    error: Inner<'a>,
                }
                let doc = Doc {
                    error: Inner {
                        fatal,
                        message: &message,
                    },
                };
                self.json(StatusCode::OK, &doc)
            }
            HandlerError::Server { status, message } => {
                let status = if status.is_success() {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    status
                };
                self.text(status, &message)
            }
        }
    }

    fn empty_object(&self) -> EndpointResponse {
        self.signed(StatusCode::OK, "application/json", Bytes::from_static(b"{}"))
    }

    fn json<T: Serialize + ?Sized>(&self, status: StatusCode, value: &T) -> EndpointResponse {
        match serde_json::to_vec(value) {
            Ok(body) => self.signed(status, "application/json", Bytes::from(body)),
            Err(err) => {
                tracing::error!(error = %err, "could not serialize an sdk answer");
                self.text(StatusCode::INTERNAL_SERVER_ERROR, "Internal error")
            }
        }
    }

    fn text(&self, status: StatusCode, message: &str) -> EndpointResponse {
        self.signed(
            status,
            "text/plain; charset=utf-8",
            Bytes::copy_from_slice(message.as_bytes()),
        )
    }

    fn signed(&self, status: StatusCode, content_type: &'static str, body: Bytes) -> EndpointResponse {
        let signature = self.key.sign(&body);
        let outcome = if status.is_success() {
            Outcome::Answered
        } else if status.is_server_error() {
            Outcome::HandlerFailed
        } else {
            Outcome::Rejected
        };
        let mut response = EndpointResponse::new(status, content_type, body, outcome);
        if let Ok(value) = HeaderValue::from_str(&signature) {
            response.headers_mut().insert(SIGNATURE_HEADER, value);
        }
        response
    }
}
