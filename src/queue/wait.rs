//! The estimated wait time of a queued conversation.

use std::time::Duration;

use serde_json::Value;

use super::numeric;

/// The longest wait taken at face value: one day. Anything longer is reported as
/// [`EstimatedWait::Unknown`] with [`UnknownReason::Implausible`].
pub const MAX_PLAUSIBLE_WAIT: Duration = Duration::from_secs(24 * 60 * 60);

/// The unit a raw wait value was expressed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WaitUnit {
    /// Seconds: what Engage's `messaging.queuing_update` sends.
    Seconds,
    /// Milliseconds: what Cognigy's `estimatedWaitTime` carries.
    Milliseconds,
}

/// Why an estimated wait is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UnknownReason {
    /// No value was sent, or it was `null`.
    Missing,
    /// The value was neither a number nor a string holding one.
    NotANumber,
    /// The value was below zero.
    Negative,
    /// The value was longer than [`MAX_PLAUSIBLE_WAIT`].
    Implausible,
}

/// How long the conversation is expected to wait before an agent takes it.
///
/// `Known` holds the decoded [`Duration`] together with the value as received and its unit, so
/// nothing is lost by decoding. `Unknown` is used whenever the value cannot honestly be read as
/// a wait: missing, non-numeric, negative, or over [`MAX_PLAUSIBLE_WAIT`]. A wait of zero is
/// known (the task is about to be offered).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EstimatedWait {
    /// A usable estimate.
    Known {
        /// The decoded wait.
        duration: Duration,
        /// The value as received.
        raw: Value,
        /// The unit `raw` is expressed in.
        unit: WaitUnit,
    },
    /// No usable estimate.
    Unknown {
        /// The value as received, if any was.
        raw: Option<Value>,
        /// Why it could not be used.
        reason: UnknownReason,
    },
}

impl EstimatedWait {
    /// Decodes a wait given in seconds, as Engage sends it.
    ///
    /// Accepts JSON numbers (fractional seconds are kept to the nanosecond) and strings holding
    /// a number such as `"45"`; everything else is `Unknown`.
    pub fn from_seconds_value(raw: Option<&Value>) -> Self {
        Self::decode(raw, WaitUnit::Seconds)
    }

    /// Decodes a wait given in milliseconds, as Cognigy's `estimatedWaitTime` carries it.
    pub fn from_millis_value(raw: Option<&Value>) -> Self {
        Self::decode(raw, WaitUnit::Milliseconds)
    }

    /// A known wait of `secs` seconds (still `Unknown` when over [`MAX_PLAUSIBLE_WAIT`]).
    pub fn from_secs(secs: u64) -> Self {
        Self::from_seconds_value(Some(&Value::from(secs)))
    }

    /// A known wait of `ms` milliseconds (still `Unknown` when over [`MAX_PLAUSIBLE_WAIT`]).
    pub fn from_millis(ms: u64) -> Self {
        Self::from_millis_value(Some(&Value::from(ms)))
    }

    fn decode(raw: Option<&Value>, unit: WaitUnit) -> Self {
        let unknown = |reason| EstimatedWait::Unknown {
            raw: raw.filter(|v| !v.is_null()).cloned(),
            reason,
        };
        let value = match raw {
            None | Some(Value::Null) => return unknown(UnknownReason::Missing),
            Some(v) => v,
        };
        let Some(n) = numeric(value) else {
            return unknown(UnknownReason::NotANumber);
        };
        if n < 0.0 {
            return unknown(UnknownReason::Negative);
        }
        let secs = match unit {
            WaitUnit::Seconds => n,
            WaitUnit::Milliseconds => n / 1000.0,
        };
        if secs > MAX_PLAUSIBLE_WAIT.as_secs_f64() {
            return unknown(UnknownReason::Implausible);
        }
        // Whole values are converted exactly; fractional ones through f64, bounded above.
        let duration = match (value.as_u64(), unit) {
            (Some(whole), WaitUnit::Seconds) => Duration::from_secs(whole),
            (Some(whole), WaitUnit::Milliseconds) => Duration::from_millis(whole),
            _ => Duration::from_secs_f64(secs),
        };
        EstimatedWait::Known {
            duration,
            raw: value.clone(),
            unit,
        }
    }

    /// The decoded wait, when known.
    pub fn duration(&self) -> Option<Duration> {
        match self {
            EstimatedWait::Known { duration, .. } => Some(*duration),
            EstimatedWait::Unknown { .. } => None,
        }
    }

    /// Whether the wait is known.
    pub fn is_known(&self) -> bool {
        matches!(self, EstimatedWait::Known { .. })
    }

    /// The value as received, if any.
    pub fn raw(&self) -> Option<&Value> {
        match self {
            EstimatedWait::Known { raw, .. } => Some(raw),
            EstimatedWait::Unknown { raw, .. } => raw.as_ref(),
        }
    }

    /// The known wait in whole milliseconds, rounded to the nearest millisecond.
    pub fn as_millis(&self) -> Option<u64> {
        // At most a day, so the value always fits in a u64.
        self.duration()
            .map(|d| u64::try_from((d.as_nanos() + 500_000) / 1_000_000).unwrap_or(u64::MAX))
    }

    /// The known wait in whole seconds, rounded to the nearest second.
    pub fn as_secs(&self) -> Option<u64> {
        self.duration()
            .map(|d| d.as_secs() + u64::from(d.subsec_nanos() >= 500_000_000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn seconds_decode() {
        let w = EstimatedWait::from_seconds_value(Some(&json!(30)));
        assert_eq!(w.duration(), Some(Duration::from_secs(30)));
        assert_eq!(w.as_millis(), Some(30_000));
        assert_eq!(w.raw(), Some(&json!(30)));
        assert!(matches!(
            w,
            EstimatedWait::Known {
                unit: WaitUnit::Seconds,
                ..
            }
        ));
    }

    #[test]
    fn fractional_and_string_seconds() {
        let w = EstimatedWait::from_seconds_value(Some(&json!(1.5)));
        assert_eq!(w.as_millis(), Some(1_500));
        assert_eq!(w.as_secs(), Some(2));
        let w = EstimatedWait::from_seconds_value(Some(&json!(" 45 ")));
        assert_eq!(w.as_secs(), Some(45));
        assert_eq!(w.raw(), Some(&json!(" 45 ")));
    }

    #[test]
    fn zero_is_known() {
        assert_eq!(EstimatedWait::from_secs(0).duration(), Some(Duration::ZERO));
    }

    #[test]
    fn unknown_values_keep_the_raw_value() {
        let cases = [
            (None, UnknownReason::Missing, None),
            (Some(json!(null)), UnknownReason::Missing, None),
            (Some(json!(-1)), UnknownReason::Negative, Some(json!(-1))),
            (
                Some(json!("soon")),
                UnknownReason::NotANumber,
                Some(json!("soon")),
            ),
            (Some(json!([1])), UnknownReason::NotANumber, Some(json!([1]))),
            (Some(json!(true)), UnknownReason::NotANumber, Some(json!(true))),
            (
                Some(json!(86_401)),
                UnknownReason::Implausible,
                Some(json!(86_401)),
            ),
            (Some(json!(1e300)), UnknownReason::Implausible, Some(json!(1e300))),
            (Some(json!("NaN")), UnknownReason::NotANumber, Some(json!("NaN"))),
            (Some(json!("inf")), UnknownReason::NotANumber, Some(json!("inf"))),
        ];
        for (raw, reason, kept) in cases {
            let w = EstimatedWait::from_seconds_value(raw.as_ref());
            assert_eq!(w, EstimatedWait::Unknown { raw: kept, reason }, "{raw:?}");
            assert_eq!(w.as_millis(), None);
        }
    }

    #[test]
    fn one_day_is_the_limit() {
        assert!(EstimatedWait::from_secs(86_400).is_known());
        assert!(!EstimatedWait::from_secs(86_401).is_known());
        assert!(EstimatedWait::from_millis(86_400_000).is_known());
        assert!(!EstimatedWait::from_millis(86_400_001).is_known());
        assert!(!EstimatedWait::from_secs(u64::MAX).is_known());
    }

    #[test]
    fn millis_decode() {
        let w = EstimatedWait::from_millis(1_234);
        assert_eq!(w.duration(), Some(Duration::from_millis(1_234)));
        assert!(matches!(
            w,
            EstimatedWait::Known {
                unit: WaitUnit::Milliseconds,
                ..
            }
        ));
    }
}
