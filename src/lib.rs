//! # ringcentral-engage
//!
//! A typed async client for RingCentral Engage Digital (also sold as RingCX Digital), and the
//! pieces a Rust service needs to hand a conversation from a bot to human agents working in it.
//!
//! - [`Client`] and [`api`]: the REST API 1.0 (`https://{domain}.api.engagement.dimelo.com/1.0`),
//!   every operation of the published spec ([`api::operations`]), with retries, a client-side
//!   rate limiter and lazy pagination; typed resources in [`models`].
//! - [`sdk`]: the Channel (Source) SDK: signature checks, typed actions and objects, a
//!   framework-agnostic endpoint, and the Send API client.
//! - [`webhook`]: the validation handshake, the secret check, typed events and deduplication.
//! - [`handover`]: the provider-agnostic [`HandoverProvider`](handover::HandoverProvider) and
//!   [`EngageHandover`](handover::EngageHandover), which runs a whole bot-to-agent handover.
//! - [`profile`]: a bot's contact profile to Engage's user object (and back); [`queue`]: queue
//!   updates as typed values, Cognigy-style JSON and sentences for the user.
//! - `sim` (feature `simulator`): an in-process Engage Digital for examples and tests.
//! - `testing` (feature `testing`): a scripted fake provider for a bot's unit tests.
//!
//! Feature `axum` adds routers for the SDK and webhook endpoints. HTTPS uses rustls (feature
//! `rustls`, on by default) or, with default features off, the platform's TLS (feature
//! `native-tls`). Settings can be read from the environment ([`Client::from_env`],
//! [`EngageConfig::from_env`](handover::EngageConfig::from_env)). Secrets (access tokens,
//! realtime tokens, webhook secrets) are held in [`Secret`], whose `Debug` output is redacted.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
pub mod client;
pub mod error;
pub mod handover;
pub mod inbound;
pub mod models;
pub mod profile;
pub mod queue;
pub mod sdk;
mod secret;
#[cfg(feature = "simulator")]
#[cfg_attr(docsrs, doc(cfg(feature = "simulator")))]
pub mod sim;
#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;
pub mod webhook;

pub use client::{Client, ClientBuilder, List, Page, Platform, RateBudget, RateLimiter, RetryPolicy};
pub use error::{ApiErrorBody, Error, Result};
pub use secret::Secret;

/// The `reqwest` this crate is built with, for [`ClientBuilder::http_client`] and
/// [`EngageConfigBuilder::http_client`](handover::EngageConfigBuilder::http_client) whatever
/// `reqwest` version the application itself uses.
pub use reqwest;
