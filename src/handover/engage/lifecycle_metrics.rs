//! Lifecycle metrics through the [`metrics`] facade, recorded from the events a handover
//! emits (one call site: [`Inner::emit`](super::Inner)). Nothing is exported unless the
//! application installs a recorder (for example `metrics-exporter-prometheus`).
//!
//! | metric | kind | labels |
//! |---|---|---|
//! | `engage_handovers_started_total` | counter | |
//! | `engage_handovers_ended_total` | counter | `reason` |
//! | `engage_handovers_abandoned_while_queued_total` | counter | `reason` (ended before any agent joined) |
//! | `engage_handovers_failed_total` | counter | `retryable` |
//! | `engage_handover_agent_joined_seconds` | histogram | (from the start to each agent joining) |
//! | `engage_handover_agent_messages_total` | counter | |
//! | `engage_handover_queue_thresholds_exceeded_total` | counter | `limit` |
//! | `engage_handover_user_inactive_total` | counter | `queued` |
//! | `engage_handover_routing_signals_total` | counter | `signal` |
//! | `engage_handover_wait_vs_estimate_seconds` | histogram | (at each join: the wait since Engage's first estimate, minus that estimate; negative when earlier) |
//! | `engage_handover_user_relay_seconds` | histogram | (from `send_message` to the Send API's success, retries included) |
//! | `engage_handover_agent_relay_seconds` | histogram | (from Engage's SDK call with an agent message to its event) |
//! | `engage_handover_outbox_depth` | gauge | (user messages this process put in outboxes minus those it delivered: per process, sum it over replicas; starts at 0 on each start) |

use crate::handover::event::HandoverEvent;
use crate::handover::store::Session;
use crate::models::Timestamp;

/// A snake_case label from a serializable enum value (`AgentClosed` → `agent_closed`).
fn label<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => "other".to_owned(),
    }
}

/// Records what `event` (about `session`, emitted at `at`) means for the metrics.
pub(super) fn observe(session: &Session, event: &HandoverEvent, at: Timestamp) {
    match event {
        HandoverEvent::Accepted => metrics::counter!("engage_handovers_started_total").increment(1),
        HandoverEvent::Ended { reason, .. } => {
            let reason = label(reason);
            if session.agent_joined_at.is_none() {
                metrics::counter!("engage_handovers_abandoned_while_queued_total", "reason" => reason.clone())
                    .increment(1);
            }
            metrics::counter!("engage_handovers_ended_total", "reason" => reason).increment(1);
        }
        HandoverEvent::Failed { retryable, .. } => {
            metrics::counter!("engage_handovers_failed_total", "retryable" => retryable.to_string())
                .increment(1)
        }
        HandoverEvent::AgentJoined { .. } => {
            let waited = (at - session.started_at).as_seconds_f64().max(0.0);
            metrics::histogram!("engage_handover_agent_joined_seconds").record(waited);
            if let (Some(estimate), Some(received)) = (session.first_estimate_secs, session.first_estimate_at)
            {
                let actual = (at - received).as_seconds_f64();
                metrics::histogram!("engage_handover_wait_vs_estimate_seconds")
                    .record(actual - estimate as f64);
            }
        }
        HandoverEvent::AgentMessage { .. } => {
            metrics::counter!("engage_handover_agent_messages_total").increment(1)
        }
        HandoverEvent::QueueThresholdExceeded { limit, .. } => {
            metrics::counter!("engage_handover_queue_thresholds_exceeded_total", "limit" => label(limit))
                .increment(1)
        }
        HandoverEvent::UserInactive { queued, .. } => {
            metrics::counter!("engage_handover_user_inactive_total", "queued" => queued.to_string())
                .increment(1)
        }
        HandoverEvent::AgentAccepted { .. }
        | HandoverEvent::AgentChanged { .. }
        | HandoverEvent::RoutingStepExpired
        | HandoverEvent::Undelivered
        | HandoverEvent::AgentCompleted { .. } => {
            let signal = match serde_json::to_value(event) {
                Ok(v) => v
                    .get("type")
                    .and_then(|t| t.as_str())
                    .unwrap_or("other")
                    .to_owned(),
                Err(_) => "other".to_owned(),
            };
            metrics::counter!("engage_handover_routing_signals_total", "signal" => signal).increment(1)
        }
        _ => {}
    }
}

/// A user message went into (`+1`) or out of (`-1`, delivered) an outbox.
pub(super) fn outbox_changed(delta: f64) {
    metrics::gauge!("engage_handover_outbox_depth").increment(delta);
}

/// A user message written at `written` reached Engage at `delivered`.
pub(super) fn user_relayed(written: Timestamp, delivered: Timestamp) {
    let latency = (delivered - written).as_seconds_f64().max(0.0);
    metrics::histogram!("engage_handover_user_relay_seconds").record(latency);
}

/// An agent message Engage posted at `received` was announced at `emitted`.
pub(super) fn agent_relayed(received: Timestamp, emitted: Timestamp) {
    let latency = (emitted - received).as_seconds_f64().max(0.0);
    metrics::histogram!("engage_handover_agent_relay_seconds").record(latency);
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::{Arc, Mutex};

    use metrics::{
        Counter, CounterFn, Gauge, GaugeFn, Histogram, HistogramFn, Key, KeyName, Metadata, Recorder,
        SharedString, Unit,
    };

    use super::*;
    use crate::handover::event::{AfterEnd, AgentInfo, EndReason, HandoverStatus};
    use crate::handover::thresholds::QueueLimit;

    /// Counts per metric name and labels, gauge values, and histogram samples per name.
    #[derive(Default)]
    struct Seen {
        counters: Mutex<BTreeMap<String, Arc<AtomicU64>>>,
        gauges: Mutex<BTreeMap<String, Arc<Mutex<f64>>>>,
        histograms: Mutex<BTreeMap<String, Arc<Mutex<Vec<f64>>>>>,
    }

    impl Seen {
        fn samples(&self, name: &str) -> Vec<f64> {
            let histograms = self.histograms.lock().unwrap();
            histograms
                .get(&format!("{name}{{}}"))
                .map(|s| s.lock().unwrap().clone())
                .unwrap_or_default()
        }

        fn gauge(&self, name: &str) -> f64 {
            let gauges = self.gauges.lock().unwrap();
            gauges
                .get(&format!("{name}{{}}"))
                .map_or(0.0, |g| *g.lock().unwrap())
        }
    }

    struct Level(Arc<Mutex<f64>>);
    impl GaugeFn for Level {
        fn increment(&self, value: f64) {
            *self.0.lock().unwrap() += value;
        }
        fn decrement(&self, value: f64) {
            *self.0.lock().unwrap() -= value;
        }
        fn set(&self, value: f64) {
            *self.0.lock().unwrap() = value;
        }
    }

    struct Count(Arc<AtomicU64>);
    impl CounterFn for Count {
        fn increment(&self, value: u64) {
            self.0.fetch_add(value, Ordering::Relaxed);
        }
        fn absolute(&self, value: u64) {
            self.0.store(value, Ordering::Relaxed);
        }
    }
    struct Samples(Arc<Mutex<Vec<f64>>>);
    impl HistogramFn for Samples {
        fn record(&self, value: f64) {
            self.0.lock().unwrap().push(value);
        }
    }

    fn name(key: &Key) -> String {
        let labels: Vec<String> = key
            .labels()
            .map(|l| format!("{}={}", l.key(), l.value()))
            .collect();
        format!("{}{{{}}}", key.name(), labels.join(","))
    }

    impl Recorder for Seen {
        fn describe_counter(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn describe_gauge(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn describe_histogram(&self, _: KeyName, _: Option<Unit>, _: SharedString) {}
        fn register_counter(&self, key: &Key, _: &Metadata<'_>) -> Counter {
            let cell = self
                .counters
                .lock()
                .unwrap()
                .entry(name(key))
                .or_default()
                .clone();
            Counter::from_arc(Arc::new(Count(cell)))
        }
        fn register_gauge(&self, key: &Key, _: &Metadata<'_>) -> Gauge {
            let cell = self.gauges.lock().unwrap().entry(name(key)).or_default().clone();
            Gauge::from_arc(Arc::new(Level(cell)))
        }
        fn register_histogram(&self, key: &Key, _: &Metadata<'_>) -> Histogram {
            let cell = self
                .histograms
                .lock()
                .unwrap()
                .entry(name(key))
                .or_default()
                .clone();
            Histogram::from_arc(Arc::new(Samples(cell)))
        }
    }

    #[test]
    fn the_lifecycle_becomes_counters_and_a_time_to_agent() {
        let t0 = crate::handover::engage::now();
        let seen = Seen::default();
        let queued = HandoverStatus::Queued {
            position: None,
            estimated_wait_secs: None,
        };
        let abandoned = super::super::test_session::session(queued.clone(), t0);
        let mut served = super::super::test_session::session(queued, t0);
        served.agent_joined_at = Some(t0 + time::Duration::seconds(42));
        let agent = AgentInfo::new(None, "A");
        metrics::with_local_recorder(&seen, || {
            observe(&abandoned, &HandoverEvent::Accepted, t0);
            observe(&served, &HandoverEvent::Accepted, t0);
            observe(
                &served,
                &HandoverEvent::AgentJoined { agent: agent.clone() },
                t0 + time::Duration::seconds(42),
            );
            observe(&served, &HandoverEvent::AgentAccepted { agent, mode: None }, t0);
            let ended = |reason| HandoverEvent::Ended {
                reason,
                next: AfterEnd::BackToBot,
            };
            observe(&abandoned, &ended(EndReason::CancelledWhileQueued), t0);
            observe(&served, &ended(EndReason::AgentClosed), t0);
            observe(
                &abandoned,
                &HandoverEvent::QueueThresholdExceeded {
                    limit: QueueLimit::Waited,
                    position: None,
                    estimated_wait_secs: None,
                    waited_secs: 1,
                    alternatives: Vec::new(),
                    ends: false,
                },
                t0,
            );
            observe(
                &served,
                &HandoverEvent::Failed {
                    error: "x".into(),
                    retryable: true,
                },
                t0,
            );
            observe(&served, &HandoverEvent::Notice { text: "n".into() }, t0);
        });
        let counts: BTreeMap<String, u64> = seen
            .counters
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.load(Ordering::Relaxed)))
            .collect();
        let expected: BTreeMap<String, u64> = [
            ("engage_handovers_started_total{}", 2),
            ("engage_handovers_ended_total{reason=cancelled_while_queued}", 1),
            ("engage_handovers_ended_total{reason=agent_closed}", 1),
            (
                "engage_handovers_abandoned_while_queued_total{reason=cancelled_while_queued}",
                1,
            ),
            ("engage_handovers_failed_total{retryable=true}", 1),
            ("engage_handover_queue_thresholds_exceeded_total{limit=waited}", 1),
            ("engage_handover_routing_signals_total{signal=agent_accepted}", 1),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect();
        assert_eq!(counts, expected);
        assert_eq!(seen.samples("engage_handover_agent_joined_seconds"), [42.0]);
        assert!(
            seen.samples("engage_handover_wait_vs_estimate_seconds")
                .is_empty(),
            "no estimate received: nothing to compare"
        );
    }

    #[test]
    fn relay_latencies_wait_against_the_estimate_and_outbox_depth() {
        let t0 = crate::handover::engage::now();
        let s = |n: f64| time::Duration::seconds_f64(n);
        let seen = Seen::default();
        let agent = AgentInfo::new(None, "A");
        // Told at +10 s to wait 60 s; the agent came at +100 s: 30 s later than said. Another
        // came 15 s earlier than said.
        let mut late = super::super::test_session::session(HandoverStatus::Requested, t0);
        late.first_estimate_secs = Some(60);
        late.first_estimate_at = Some(t0 + s(10.0));
        let mut early = late.clone();
        early.first_estimate_secs = Some(120);
        metrics::with_local_recorder(&seen, || {
            let joined = HandoverEvent::AgentJoined { agent };
            observe(&late, &joined, t0 + s(100.0));
            observe(&early, &joined, t0 + s(115.0));
            user_relayed(t0, t0 + s(2.5));
            agent_relayed(t0, t0 + s(0.25));
            // A clock step backwards is no negative latency.
            agent_relayed(t0, t0 - s(1.0));
            outbox_changed(1.0);
            outbox_changed(1.0);
            outbox_changed(-1.0);
        });
        assert_eq!(
            seen.samples("engage_handover_wait_vs_estimate_seconds"),
            [30.0, -15.0]
        );
        assert_eq!(seen.samples("engage_handover_user_relay_seconds"), [2.5]);
        assert_eq!(seen.samples("engage_handover_agent_relay_seconds"), [0.25, 0.0]);
        assert_eq!(seen.gauge("engage_handover_outbox_depth"), 1.0);
    }
}
