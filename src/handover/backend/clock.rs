//! The handover's clock: every deadline, lease and session timestamp reads it.
//!
//! It is the wall clock, so that replicas on different hosts agree on due times stored in a
//! shared backend, yet it advances with tokio's clock between readings of the wall clock, so
//! that under tokio's paused time (`#[tokio::test(start_paused = true)]`) hours of timers run
//! instantly. The wall clock is read again at least every [`RESYNC`] while tokio's clock runs
//! in step with the monotonic clock (that is, not paused), so a step of the system clock (a
//! VM resumed, NTP stepping) is followed within a second.

use std::cell::Cell;
use std::time::Duration;

use crate::models::Timestamp;

/// How old a reading of the wall clock may get while tokio's clock runs in real time.
const RESYNC: Duration = Duration::from_secs(1);

/// How far tokio's clock may drift from the monotonic clock and still count as running in
/// real time (tokio's clock is the monotonic clock unless paused; the two are read one after
/// the other).
const IN_STEP: Duration = Duration::from_millis(50);

/// One reading of the wall clock, with both monotonic clocks at that moment.
#[derive(Debug, Clone, Copy)]
struct Reading {
    wall: Timestamp,
    tokio: tokio::time::Instant,
    real: std::time::Instant,
}

/// The time from `reading`, or from a fresh reading of `wall` when there is none, tokio's
/// clock went back (a new runtime), or the reading is stale and tokio's clock is not paused.
fn read(
    reading: Option<Reading>,
    tokio: tokio::time::Instant,
    real: std::time::Instant,
    wall: impl FnOnce() -> Timestamp,
) -> (Timestamp, Reading) {
    let fresh = |wall: Timestamp| (wall, Reading { wall, tokio, real });
    let Some(r) = reading.filter(|r| r.tokio <= tokio) else {
        return fresh(wall());
    };
    let advanced = tokio - r.tokio;
    let elapsed = real.saturating_duration_since(r.real);
    let in_step = advanced.abs_diff(elapsed) <= IN_STEP;
    if in_step && elapsed >= RESYNC {
        return fresh(wall());
    }
    (r.wall + advanced, r)
}

/// The handover's clock (see the module docs).
pub(crate) fn now() -> Timestamp {
    thread_local! {
        static READING: Cell<Option<Reading>> = const { Cell::new(None) };
    }
    let (tokio, real) = (tokio::time::Instant::now(), std::time::Instant::now());
    READING.with(|reading| {
        let (now, kept) = read(reading.get(), tokio, real, time::OffsetDateTime::now_utc);
        reading.set(Some(kept));
        now
    })
}

/// [`now`] in milliseconds since the Unix epoch: every due time and lease, in the timers and
/// in the backends alike, is read from this one clock.
pub(crate) fn now_ms() -> i64 {
    millis(now())
}

/// Milliseconds since the Unix epoch of `at`.
pub(crate) fn millis(at: Timestamp) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// A duration in whole milliseconds, saturating.
pub(crate) fn ms(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: Duration = Duration::from_secs(3600);

    fn start() -> (Timestamp, tokio::time::Instant, std::time::Instant) {
        let real = std::time::Instant::now();
        (
            time::macros::datetime!(2026-01-01 12:00 UTC),
            tokio::time::Instant::from_std(real),
            real,
        )
    }

    #[test]
    fn a_step_of_the_system_clock_is_followed_within_a_second() {
        let (wall, tokio, real) = start();
        let (_, reading) = read(None, tokio, real, || wall);
        // 5 s later the system clock was stepped one hour ahead (a VM resumed, say).
        let later = Duration::from_secs(5);
        let stepped = wall + later + HOUR;
        let (now, _) = read(Some(reading), tokio + later, real + later, || stepped);
        assert_eq!(now, stepped);
        // And back.
        let (now, _) = read(Some(reading), tokio + later, real + later, || wall);
        assert_eq!(now, wall);
    }

    #[test]
    fn within_a_second_the_reading_is_advanced_by_tokios_clock() {
        let (wall, tokio, real) = start();
        let (_, reading) = read(None, tokio, real, || wall);
        let later = Duration::from_millis(700);
        let (now, kept) = read(Some(reading), tokio + later, real + later, || {
            panic!("the wall clock is not read again within a second")
        });
        assert_eq!(now, wall + later);
        assert_eq!(kept.wall, wall);
    }

    #[test]
    fn paused_time_advances_the_clock_without_reading_the_wall_clock() {
        let (wall, tokio, real) = start();
        let (_, reading) = read(None, tokio, real, || wall);
        // Three hours of paused time went by in five real seconds.
        let (now, _) = read(
            Some(reading),
            tokio + 3 * HOUR,
            real + Duration::from_secs(5),
            || panic!("paused time must not jump back to the wall clock"),
        );
        assert_eq!(now, wall + 3 * HOUR);
    }

    #[test]
    fn a_new_runtime_whose_clock_is_behind_reads_the_wall_clock_again() {
        let (wall, tokio, real) = start();
        let (_, reading) = read(None, tokio + HOUR, real, || wall);
        let (now, _) = read(Some(reading), tokio, real, || wall + Duration::from_secs(1));
        assert_eq!(now, wall + Duration::from_secs(1));
    }

    #[tokio::test(start_paused = true)]
    async fn under_paused_time_now_follows_tokios_clock() {
        let before = now();
        tokio::time::advance(HOUR).await;
        let after = now();
        assert_eq!(after - before, HOUR);
    }
}
