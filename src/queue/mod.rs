//! Queue updates: where a handed-over conversation stands while it waits for an agent.
//!
//! When task mode is on and the source's channel belongs to a routed channel group, Engage sends
//! the `messaging.queuing_update` action to the SDK endpoint with an estimated wait time (in
//! seconds) and the task's position in line. This module turns those raw values into a
//! [`QueueUpdate`] whose parts say plainly when they are unknown, never inventing a number:
//!
//! - [`EstimatedWait`]: a [`Duration`](std::time::Duration) with the raw value and its unit, or
//!   `Unknown` (missing, negative, non-numeric, or over a day).
//! - [`QueuePosition`]: the task's place in line, `1` being the next task offered to an agent, or
//!   `Unknown` (missing, zero, negative, non-numeric).
//! - [`QueueTracker`]: one per conversation; keeps the latest update, drops stale ones and says
//!   whether the position improved.
//! - Output helpers: [`QueueUpdate::to_cognigy_json`] and [`QueueUpdate::sentence`] (English and
//!   French).
//!
//! ```
//! use ringcentral_engage::queue::{Language, QueueUpdate};
//! use serde_json::json;
//! use time::macros::datetime;
//!
//! let update = QueueUpdate::from_raw(
//!     Some(&json!(130)),
//!     Some(&json!(3)),
//!     Some("thread-1".into()),
//!     None,
//!     datetime!(2024-05-01 10:00 UTC),
//! );
//! assert_eq!(update.position.get(), Some(3));
//! assert_eq!(update.to_cognigy_json(), json!({"estimatedWaitTime": 130_000, "position": 3}));
//! assert_eq!(
//!     update.sentence(Language::English),
//!     "You are number 3 in line. Estimated wait: about 2 minutes."
//! );
//! ```

mod format;
mod long_wait;
mod position;
mod tracker;
mod update;
mod wait;

pub use format::Language;
pub use long_wait::{long_wait_sentence, Alternative};
pub use position::QueuePosition;
pub use tracker::{PositionChange, QueueObservation, QueueTracker};
pub use update::QueueUpdate;
pub use wait::{EstimatedWait, UnknownReason, WaitUnit, MAX_PLAUSIBLE_WAIT};

use serde_json::Value;

/// Reads a JSON number, or a string holding one (surrounding spaces allowed), as `f64`.
///
/// `None` for anything else, including non-finite results.
pub(crate) fn numeric(value: &Value) -> Option<f64> {
    let n = match value {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    n.is_finite().then_some(n)
}
