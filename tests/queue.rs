//! Queue updates seen from outside the crate: decoding, Cognigy JSON, round trips.

use std::time::Duration;

use proptest::prelude::*;
use ringcentral_engage::queue::{
    EstimatedWait, Language, PositionChange, QueueObservation, QueueTracker, QueueUpdate, UnknownReason,
};
use serde_json::{json, Value};
use time::macros::datetime;

/// The params of the `messaging.queuing_update` example in Engage's docs.
fn doc_example() -> Value {
    json!({"estimated_wait_time": 30, "position": 1, "thread_id": "1", "in_reply_to_id": "10"})
}

fn from_params(params: &Value, secs: i64) -> QueueUpdate {
    QueueUpdate::from_raw(
        params.get("estimated_wait_time"),
        params.get("position"),
        params.get("thread_id").and_then(Value::as_str).map(str::to_owned),
        params
            .get("in_reply_to_id")
            .and_then(Value::as_str)
            .map(str::to_owned),
        datetime!(2024-03-01 12:00 UTC) + time::Duration::seconds(secs),
    )
}

#[test]
fn the_documented_example_decodes() {
    let update = from_params(&doc_example(), 0);
    assert_eq!(update.estimated_wait.duration(), Some(Duration::from_secs(30)));
    assert!(update.position.is_next());
    assert_eq!(update.thread_id.as_deref(), Some("1"));
    assert_eq!(update.in_reply_to_id.as_deref(), Some("10"));
    assert_eq!(
        update.to_cognigy_json(),
        json!({"estimatedWaitTime": 30_000, "position": 1})
    );
    assert_eq!(
        update.sentence(Language::English),
        "You are next in line. Estimated wait: about 1 minute."
    );
}

#[test]
fn empty_params_are_unknown_not_zero() {
    let update = from_params(&json!({}), 0);
    assert_eq!(
        update.estimated_wait,
        EstimatedWait::Unknown {
            raw: None,
            reason: UnknownReason::Missing
        }
    );
    assert_eq!(update.position.get(), None);
    assert_eq!(
        update.to_cognigy_json(),
        json!({"estimatedWaitTime": null, "position": null})
    );
    assert_eq!(update.sentence(Language::English), "You are in line.");
}

#[test]
fn a_day_long_wait_is_implausible() {
    let update = from_params(&json!({"estimated_wait_time": 100_000, "position": 2}), 0);
    assert!(matches!(
        update.estimated_wait,
        EstimatedWait::Unknown {
            reason: UnknownReason::Implausible,
            ..
        }
    ));
    assert_eq!(update.estimated_wait.raw(), Some(&json!(100_000)));
    assert_eq!(update.sentence(Language::English), "You are number 2 in line.");
}

#[test]
fn tracker_follows_a_conversation() {
    let mut tracker = QueueTracker::new();
    let first = from_params(&json!({"estimated_wait_time": 300, "position": 4}), 0);
    let later = from_params(&json!({"estimated_wait_time": 120, "position": 2}), 30);
    let delayed = from_params(&json!({"estimated_wait_time": 240, "position": 3}), 15);
    assert_eq!(
        tracker.observe(first),
        QueueObservation::Accepted(PositionChange::First(4))
    );
    assert!(tracker.observe(later).improved());
    assert_eq!(tracker.observe(delayed), QueueObservation::Stale);
    assert_eq!(tracker.latest().unwrap().estimated_wait.as_secs(), Some(120));
}

proptest! {
    #[test]
    fn whole_seconds_round_trip_through_milliseconds(secs in 0u64..=86_400) {
        let wait = EstimatedWait::from_secs(secs);
        let ms = wait.as_millis().unwrap();
        prop_assert_eq!(ms, secs * 1000);
        let back = EstimatedWait::from_millis(ms);
        prop_assert_eq!(back.as_secs(), Some(secs));
        prop_assert_eq!(back.duration(), wait.duration());
        let cognigy = from_params(&json!({"estimated_wait_time": secs}), 0).to_cognigy_json();
        let back = EstimatedWait::from_millis_value(cognigy.get("estimatedWaitTime"));
        prop_assert_eq!(back.as_secs(), Some(secs));
    }

    #[test]
    fn millisecond_precise_seconds_round_trip(ms in 0u64..=86_400_000) {
        let secs = ms as f64 / 1000.0;
        let wait = EstimatedWait::from_seconds_value(Some(&json!(secs)));
        prop_assert_eq!(wait.as_millis(), Some(ms));
    }

    #[test]
    fn any_value_decodes_without_panicking(n in any::<i64>(), f in any::<f64>(), s in ".*") {
        for raw in [json!(n), json!(f), json!(s)] {
            let update = QueueUpdate::from_raw(Some(&raw), Some(&raw), None, None, datetime!(2024-01-01 0:00 UTC));
            if let Some(d) = update.estimated_wait.duration() {
                prop_assert!(d <= Duration::from_secs(86_400));
            }
            if let Some(p) = update.position.get() {
                prop_assert!(p >= 1);
            }
            let _ = update.sentence(Language::French);
            let _ = update.to_cognigy_json();
        }
    }
}
