//! The conversation's place in Engage's queue.

use std::fmt;
use std::num::NonZeroU32;

use serde_json::Value;

use super::numeric;

/// Where the conversation's task stands in line for an agent.
///
/// On Engage, `position` counts the task's place among the tasks waiting to be routed to an agent
/// in the same queue: `1` means the task is next to be offered, `3` means two tasks are ahead of
/// it. It is a rank, not a count of people ahead ([`QueuePosition::ahead`] gives that).
///
/// Engage never sends `0` for a queued task, so `0`, negative numbers, fractions, non-numeric
/// values and a missing value are all [`QueuePosition::Unknown`], keeping whatever was received.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum QueuePosition {
    /// The task's rank in line, `1` = next.
    Known(NonZeroU32),
    /// No usable position; the raw value, if one was received.
    Unknown(Option<Value>),
}

impl QueuePosition {
    /// Decodes a raw `position`. Whole numbers from `1` to `u32::MAX` (as JSON numbers or strings,
    /// `3.0` included) are known; anything else is `Unknown`.
    pub fn from_value(raw: Option<&Value>) -> Self {
        let Some(value) = raw.filter(|v| !v.is_null()) else {
            return QueuePosition::Unknown(None);
        };
        let known = numeric(value)
            .filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n <= f64::from(u32::MAX))
            .and_then(|n| NonZeroU32::new(n as u32));
        match known {
            Some(rank) => QueuePosition::Known(rank),
            None => QueuePosition::Unknown(Some(value.clone())),
        }
    }

    /// A known position; `None` for `0`.
    pub fn new(rank: u32) -> Option<Self> {
        NonZeroU32::new(rank).map(QueuePosition::Known)
    }

    /// The rank, when known (`1` = next in line).
    pub fn get(&self) -> Option<u32> {
        match self {
            QueuePosition::Known(rank) => Some(rank.get()),
            QueuePosition::Unknown(_) => None,
        }
    }

    /// How many tasks are ahead in line, when known (`0` for the next task).
    pub fn ahead(&self) -> Option<u32> {
        self.get().map(|rank| rank - 1)
    }

    /// Whether the task is known to be next in line.
    pub fn is_next(&self) -> bool {
        self.get() == Some(1)
    }
}

impl fmt::Display for QueuePosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.get() {
            Some(rank) => write!(f, "{rank}"),
            None => f.write_str("unknown"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn known_positions() {
        for (raw, rank) in [(json!(1), 1), (json!(3), 3), (json!("7"), 7), (json!(2.0), 2)] {
            assert_eq!(QueuePosition::from_value(Some(&raw)).get(), Some(rank), "{raw}");
        }
        let next = QueuePosition::new(1).unwrap();
        assert!(next.is_next());
        assert_eq!(next.ahead(), Some(0));
        assert_eq!(QueuePosition::new(4).unwrap().ahead(), Some(3));
        assert_eq!(QueuePosition::new(4).unwrap().to_string(), "4");
    }

    #[test]
    fn unknown_positions() {
        assert_eq!(QueuePosition::from_value(None), QueuePosition::Unknown(None));
        assert_eq!(
            QueuePosition::from_value(Some(&json!(null))),
            QueuePosition::Unknown(None)
        );
        for raw in [
            json!(0),
            json!(-2),
            json!(1.5),
            json!("first"),
            json!({}),
            json!(1e12),
        ] {
            let p = QueuePosition::from_value(Some(&raw));
            assert_eq!(p, QueuePosition::Unknown(Some(raw.clone())));
            assert!(!p.is_next());
            assert_eq!(p.to_string(), "unknown");
        }
        assert_eq!(QueuePosition::new(0), None);
    }
}
