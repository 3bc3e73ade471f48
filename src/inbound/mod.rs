//! What the crate's public endpoints share: the SDK endpoint and the webhook receiver answer
//! anyone who finds their URL, so what an unauthenticated client can cost is bounded here.
//!
//! - One endpoint shape: both endpoints take an `http::Request<Bytes>` and answer an
//!   [`EndpointResponse`]; both handlers fail with a [`HandlerError`].
//! - [`InboundLimits`]: body read timeout and how many large bodies may be buffered at once
//!   (framework independent; both endpoints carry one).
//! - `serve` (feature `axum`): a server loop with a header read timeout, for the routers of
//!   [`sdk::axum`](crate::sdk), [`webhook::axum`](crate::webhook) and
//!   [`EngageHandover::router`](crate::handover::EngageHandover::router).
//!
//! # Defaults and what a `handle` caller must configure
//!
//! | threat | routers of this crate | a framework-agnostic `handle` caller |
//! |---|---|---|
//! | headers sent slowly (slowloris) | [`serve`](crate::inbound) cuts them off after [`ServeOptions::DEFAULT_HEADER_READ_TIMEOUT`] (10 s) | configure a header read timeout in the server (hyper: `http1::Builder::header_read_timeout`) |
//! | body sent slowly, or stalled mid-body | the body read is cut off after [`InboundLimits::DEFAULT_BODY_READ_TIMEOUT`] (30 s), answered 408, connection closed, nothing processed | wrap the body read in a timeout |
//! | many large bodies at once | at most [`InboundLimits::DEFAULT_MAX_LARGE_BODIES`] (4) bodies over [`InboundLimits::DEFAULT_LARGE_BODY_BYTES`] (1 MiB) buffered at once; others wait for their turn within the read timeout, else 503 | take an [`InboundLimits::large_body_permit`] before buffering a large body |
//! | a body that cannot be authenticated | refused from the headers alone, before any byte of the body is read: no `X-SMCCSDK-SIGNATURE` (SDK), no or wrong `X-Dimelo-Secret` (webhooks) | call `SdkEndpoint::reject_early` / `WebhookReceiver::reject_early` before reading the body |
//! | a body over the endpoint's size limit | 413 from the declared `Content-Length`, or as soon as the bytes pass it | the same |

#[cfg(feature = "axum")]
pub(crate) mod body;
mod error;
mod header;
mod limits;
mod response;
#[cfg(feature = "axum")]
mod serve;

pub use error::HandlerError;
pub(crate) use header::declared_length;
pub use limits::{InboundLimits, LargeBodyPermit};
pub use response::{EndpointResponse, Outcome};
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub use serve::{serve, ServeOptions};
