//! The Channel (Source) SDK: how a service becomes an Engage source.
//!
//! Engage POSTs signed JSON actions to the service ([`SdkEndpoint`] verifies them, parses them
//! into an [`Action`] and calls the service's [`SourceHandler`]); the service pushes contents
//! back in real time with the Send API ([`SendClient`]).
//!
//! - [`signature`]: HMAC-SHA512 over the raw bytes, verified in constant time.
//! - [`action`]: the typed inbound actions.
//! - [`objects`]: what Engage posts and what we answer or send.
//! - [`endpoint`] and [`handler`]: the framework-agnostic endpoint and the trait it calls.
//! - [`send`]: the Send API client.
//! - `axum` (feature `axum`): a router mounting the endpoint.

pub mod action;
#[cfg(feature = "axum")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
pub mod axum;
pub mod capabilities;
pub mod endpoint;
pub mod handler;
pub mod objects;
mod parse;
pub mod send;
pub mod signature;

pub use crate::inbound::HandlerError;
pub use action::{Action, CustomParams, QueuingUpdate, Request, Resource};
pub use capabilities::{Capabilities, SdkOption};
pub use endpoint::{SdkEndpoint, MAX_BODY_BYTES};
pub use handler::{Content, SourceHandler};
pub use send::{SendApiErrorKind, SendClient};
