//! # ringcentral-engage
//!
//! A typed async client for RingCentral Engage Digital (also sold as RingCX Digital), and the
//! pieces a Rust service needs to hand a conversation from a bot to human agents working in it.
//!
//! - [`Client`]: the REST API 1.0 (`https://{domain}.api.engagement.dimelo.com/1.0`), with
//!   retries, a client-side rate limiter and lazy pagination.
//!
//! Secrets (access tokens, realtime tokens, webhook secrets) are held in [`Secret`], whose
//! `Debug` output is redacted.
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
pub mod client;
pub mod error;
pub mod models;
pub mod profile;
pub mod queue;
pub mod sdk;
mod secret;
#[cfg(feature = "simulator")]
#[cfg_attr(docsrs, doc(cfg(feature = "simulator")))]
pub mod sim;
pub mod webhook;

pub use client::{Client, ClientBuilder, List, Page, Platform, RateLimiter, RetryPolicy};
pub use error::{ApiErrorBody, Error, Result};
pub use secret::Secret;
