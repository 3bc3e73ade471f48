//! Webhooks: receive the events Engage Digital pushes (interventions, tasks, contents, ...).
//!
//! - [`WebhookReceiver`] answers Engage's validation handshake, checks the `X-Dimelo-Secret`
//!   header of every delivery, decodes the batch ([`events`]), drops duplicates
//!   ([`DedupStore`]) and hands the new events to the application ([`EventHandler`]); it is
//!   framework agnostic (`http::Request<Bytes>` in, [`EndpointResponse`] out, the same
//!   shape as the SDK endpoint's).
//! - With feature `axum`, `webhook::axum::router` mounts it.
//!
//! Delivery semantics: Engage delivers each event at least once, in no particular order, and
//! retries a delivery that was not answered 200 (for hours). The receiver answers 200 only after
//! the application accepted the batch, answers 500 when it did not (so Engage retries), and
//! records event ids as seen only after success.
//!
//! ```
//! use ringcentral_engage::webhook::{handler_fn, WebhookBatch, WebhookConfig, WebhookReceiver};
//!
//! let config = WebhookConfig::new("my-verify-token", "my-dimelo-secret");
//! let receiver = WebhookReceiver::new(config, handler_fn(|batch: WebhookBatch| async move {
//!     for event in &batch.events {
//!         println!("{} {:?}", event.event_type(), event.id());
//!     }
//!     Ok(())
//! }));
//! # let _ = receiver;
//! ```

#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
mod batch_new;
mod config;
mod dedup;
pub mod events;
mod handler;
mod receiver;
mod verify;

pub use crate::inbound::{EndpointResponse, HandlerError, Outcome};
pub use config::WebhookConfig;
pub use dedup::{DedupError, DedupStore, MemoryDedupStore};
pub use handler::{handler_fn, ChannelHandler, EventHandler, FnHandler, WebhookBatch};
pub use receiver::WebhookReceiver;
pub use verify::{verify_handshake, HandshakeError, SECRET_HEADER};
