//! Typed models of the resources Engage Digital's REST API returns.
//!
//! Every struct is `#[non_exhaustive]`, every field the API may omit is an `Option` or defaults,
//! and every field Engage adds later is ignored by decoding rather than breaking it.

pub mod ids;
mod user;

pub use ids::*;
pub use user::{Gender, User};

/// A point in time as Engage sends it (RFC 3339, e.g. `2012-05-21T01:19:49Z`).
pub type Timestamp = time::OffsetDateTime;
