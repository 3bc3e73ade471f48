//! What a load run measured, as a table ([`Display`](std::fmt::Display)) and as JSON
//! ([`serde::Serialize`]).

use std::fmt;
use std::time::Duration;

use serde::Serialize;

use crate::sim::ApiCounts;

/// Percentiles of a set of durations, in milliseconds (`None` with no sample).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Percentiles {
    /// Number of samples.
    pub samples: usize,
    /// Median.
    pub p50_ms: Option<f64>,
    /// 95th percentile.
    pub p95_ms: Option<f64>,
    /// 99th percentile.
    pub p99_ms: Option<f64>,
}

impl Percentiles {
    /// The nearest-rank percentiles of `samples`.
    pub fn of(mut samples: Vec<Duration>) -> Self {
        samples.sort_unstable();
        let at = |p: f64| {
            (!samples.is_empty()).then(|| {
                let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
                samples[rank - 1].as_secs_f64() * 1000.0
            })
        };
        Percentiles {
            samples: samples.len(),
            p50_ms: at(0.50),
            p95_ms: at(0.95),
            p99_ms: at(0.99),
        }
    }
}

/// The result of a load run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct LoadReport {
    /// Customers who arrived.
    pub customers: usize,
    /// Customers who asked for a human (handovers started).
    pub handovers_started: usize,
    /// Handovers where the customer talked to an agent and got the bot back.
    pub handovers_completed: usize,
    /// Handovers not completed by the deadline, or broken by an adapter error.
    pub handovers_failed: usize,
    /// Adapter errors (connect or send), counted once each.
    pub adapter_errors: usize,
    /// From asking for a human to the first agent message.
    pub time_to_agent: Percentiles,
    /// From a simulated agent writing to the customer seeing it.
    pub agent_to_user: Percentiles,
    /// From the customer sending (during the agent conversation) to the simulator storing it.
    pub user_to_agent: Percentiles,
    /// Agent messages written for customers who never saw them.
    pub messages_lost: usize,
    /// Agent messages a customer saw more than once (extra copies).
    pub messages_duplicated: usize,
    /// Customer messages sent to an agent that never reached the simulator.
    pub user_messages_lost: usize,
    /// Queue notices per customer who asked for a human: mean.
    pub queue_notices_mean: f64,
    /// Queue notices per customer: most seen by one customer.
    pub queue_notices_max: usize,
    /// Requests the service made to the simulated Engage during the run.
    pub api: ApiCounts,
    /// REST + Send API requests per handover started.
    pub api_calls_per_handover: f64,
    /// Wall time of the run.
    pub elapsed_ms: f64,
    /// Whether the run stopped at its deadline with customers still waiting.
    pub hit_deadline: bool,
}

impl LoadReport {
    /// The report as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

fn ms(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}"))
}

impl fmt::Display for LoadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{:<34} {:>12}", "metric", "value")?;
        let rows: [(&str, String); 13] = [
            ("customers", self.customers.to_string()),
            ("handovers started", self.handovers_started.to_string()),
            ("handovers completed", self.handovers_completed.to_string()),
            ("handovers failed", self.handovers_failed.to_string()),
            ("adapter errors", self.adapter_errors.to_string()),
            ("agent messages lost", self.messages_lost.to_string()),
            ("agent messages duplicated", self.messages_duplicated.to_string()),
            ("user messages lost", self.user_messages_lost.to_string()),
            (
                "queue notices / customer (mean)",
                format!("{:.2}", self.queue_notices_mean),
            ),
            (
                "queue notices / customer (max)",
                self.queue_notices_max.to_string(),
            ),
            (
                "Engage REST calls (429s)",
                format!("{} ({})", self.api.rest, self.api.rest_rate_limited),
            ),
            ("Engage Send API calls", self.api.send_api.to_string()),
            (
                "Engage API calls / handover",
                format!("{:.2}", self.api_calls_per_handover),
            ),
        ];
        for (name, value) in rows {
            writeln!(f, "{name:<34} {value:>12}")?;
        }
        writeln!(
            f,
            "{:<34} {:>8} {:>8} {:>8} {:>8}",
            "latency (ms)", "n", "p50", "p95", "p99"
        )?;
        for (name, p) in [
            ("time to agent", &self.time_to_agent),
            ("agent -> user", &self.agent_to_user),
            ("user -> agent", &self.user_to_agent),
        ] {
            writeln!(
                f,
                "{name:<34} {:>8} {:>8} {:>8} {:>8}",
                p.samples,
                ms(p.p50_ms),
                ms(p.p95_ms),
                ms(p.p99_ms)
            )?;
        }
        write!(
            f,
            "elapsed {:.1} s{}",
            self.elapsed_ms / 1000.0,
            if self.hit_deadline {
                " (deadline reached)"
            } else {
                ""
            }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_for_every_size() {
        assert_eq!(Percentiles::of(Vec::new()).p50_ms, None);
        for n in 1..300u64 {
            let p = Percentiles::of((1..=n).rev().map(Duration::from_millis).collect());
            let rank = |q: f64| ((q * n as f64).ceil() as u64).max(1) as f64;
            assert_eq!(p.samples, n as usize);
            assert_eq!(p.p50_ms, Some(rank(0.5)));
            assert_eq!(p.p95_ms, Some(rank(0.95)));
            assert_eq!(p.p99_ms, Some(rank(0.99)));
        }
    }
}
