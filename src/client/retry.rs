//! [`RetryPolicy`]: which failures are retried, and how long to wait between attempts.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method};

/// How the REST client and the Send API client retry failed requests (one policy for both).
///
/// - 429 (rate limited) is retried for every method, waiting what `Retry-After` says (seconds or
///   an HTTP date). A `Retry-After` that is missing, unreadable, negative, zero, a date already
///   past, or absurd (over a day) gets the backoff below instead; one longer than
///   [`max_retry_after`](Self::max_retry_after) ends the request at once with
///   [`Error::RateLimited`](crate::Error::RateLimited), so the caller decides.
/// - 5xx answers and transport failures (connection refused or reset, timeouts, a truncated
///   answer) are retried only when a replay is safe: idempotent methods (GET, PUT, DELETE) on
///   the REST API, and Send API actions that carry our own id. A POST that may have reached
///   Engage is never sent twice.
/// - Between attempts the client waits a random time between zero and
///   `min(max_delay, base_delay * 2^retry)` ("full jitter").
/// - Every attempt, retries included, takes one request from the client's rate budget, and every
///   retry is logged at WARN with its cause.
///
/// Defaults ([`RetryPolicy::default`]): 3 retries (4 attempts), 500 ms base delay, 30 s cap on
/// one backoff, and `Retry-After` honoured up to 60 s.
///
/// ```
/// use std::time::Duration;
/// use ringcentral_engage::RetryPolicy;
/// let policy = RetryPolicy::default().max_retries(5).base_delay(Duration::from_millis(200));
/// let never = RetryPolicy::none();
/// # let _ = (policy, never);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_retries: u32,
    pub(crate) base_delay: Duration,
    pub(crate) max_delay: Duration,
    pub(crate) max_retry_after: Duration,
}

impl Default for RetryPolicy {
    /// Three retries, 500 ms base delay, 30 s cap, and `Retry-After` honoured up to 60 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// How many times a request may be retried after its first attempt.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// The backoff unit: the first retry waits up to this long, the next up to twice as long, ...
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest backoff between two attempts.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// The longest `Retry-After` the client waits for; a longer one ends the request with
    /// [`Error::RateLimited`](crate::Error::RateLimited) at once.
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// The jittered backoff before retry number `retry` (0 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let ceiling = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(retry.min(31)))
            .min(self.max_delay);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Whether a failed attempt of `method` may be sent again after a 5xx or a transport error.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::PUT | Method::DELETE | Method::HEAD | Method::OPTIONS
    )
}

/// The longest `Retry-After` taken at its word; anything longer is treated as garbage.
const ABSURD_RETRY_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Reads `Retry-After` as seconds or as an HTTP date (relative to `now`).
///
/// `None` (use the backoff) for a missing, unreadable, negative or zero value, a date that is
/// already past, and anything over a day.
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = if value.bytes().all(|b| b.is_ascii_digit()) {
        // All digits but too long for a u64 is absurd as well.
        Duration::from_secs(value.parse::<u64>().unwrap_or(u64::MAX))
    } else {
        httpdate::parse_http_date(value).ok()?.duration_since(now).ok()?
    };
    (!wait.is_zero() && wait <= ABSURD_RETRY_AFTER).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(http::header::RETRY_AFTER, value.parse().unwrap());
        h
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let at = |offset: i64| {
            let when = if offset >= 0 {
                now + Duration::from_secs(offset as u64)
            } else {
                now - Duration::from_secs(offset.unsigned_abs())
            };
            httpdate::fmt_http_date(when)
        };
        assert_eq!(retry_after(&headers("7"), now), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&headers(" 7 "), now), Some(Duration::from_secs(7)));
        assert_eq!(retry_after(&headers(&at(30)), now), Some(Duration::from_secs(30)));
        // Everything else falls back to the policy's backoff.
        let fallback = [
            "0".to_owned(),
            "-5".to_owned(),
            "1.5".to_owned(),
            "soon".to_owned(),
            "".to_owned(),
            "99999999999999999999999".to_owned(),
            (24 * 3600 + 1).to_string(),
            at(-30),
            at(0),
            at(2 * 24 * 3600),
            "Thu, 01 Jan 1970 00:00:00 GMT".to_owned(),
        ];
        for value in fallback {
            assert_eq!(retry_after(&headers(&value), now), None, "{value:?}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let p = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_secs(1));
        for retry in 0..40 {
            let d = p.backoff(retry);
            assert!(d <= Duration::from_secs(1), "{d:?}");
            assert!(d <= Duration::from_millis(100) * 2u32.saturating_pow(retry.min(31)));
        }
    }

    #[test]
    fn only_safe_methods_are_idempotent() {
        assert!(is_idempotent(&Method::GET));
        assert!(is_idempotent(&Method::PUT));
        assert!(is_idempotent(&Method::DELETE));
        assert!(!is_idempotent(&Method::POST));
    }
}
