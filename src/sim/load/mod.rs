//! Load mode: many simulated customers against a bot service, with the simulator as the
//! contact center behind it.
//!
//! Customers arrive at a given rate at the service's user-facing side (through a
//! [`LoadAdapter`] you implement: how a customer connects and sends a message), ask for a
//! human, wait in queue, talk to the simulator's scripted agents (their think time, number
//! of replies and capacity come from the [`SimAgent`](super::SimAgent)s the simulator was
//! built with; their availability and the [`Faults`] can change during the run), and leave
//! when the agent closes. [`run`] returns a [`LoadReport`]: handovers started, completed and
//! failed, time to agent, relay latencies both ways, messages lost and duplicated (by id),
//! queue notices per customer, and the Engage API calls the service made. The simulator's
//! REST budget is lifted during a run unless [`LoadPlan::engage_rate_limit`] sets one.
//!
//! Messages are told apart by a reference at the end of their text: while a run listens,
//! each simulated agent reply ends with ` [<content id>]`, and each customer message with
//! ` [<message id>]`, so the service may use ids of its own. Run one load test at a time per
//! simulator.
//!
//! ```no_run
//! # use std::sync::Arc;
//! # use std::time::Duration;
//! # use ringcentral_engage::sim::load::{self, AdapterError, Inbox, LoadAdapter, LoadPlan};
//! # struct MyBot;
//! # #[async_trait::async_trait]
//! # impl LoadAdapter for MyBot {
//! #     async fn connect(&self, _: &str, _: Inbox) -> Result<(), AdapterError> { Ok(()) }
//! #     async fn send(&self, _: &str, _: &str, _: &str) -> Result<(), AdapterError> { Ok(()) }
//! # }
//! # async fn demo(sim: &ringcentral_engage::sim::SimHandle) -> Result<(), load::LoadError> {
//! let plan = LoadPlan::new(1_000, 50.0).deadline(Duration::from_secs(120));
//! let report = load::run(sim, Arc::new(MyBot), &plan).await?;
//! println!("{report}");
//! println!("{}", report.to_json());
//! # Ok(())
//! # }
//! ```

mod adapter;
mod customer;
mod report;

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

pub use adapter::{AdapterError, Inbox, LoadAdapter, UserEvent};
pub use report::{LoadReport, Percentiles};

use super::shared::Tap;
use super::{Faults, SimHandle};
pub(crate) use customer::reference;
use customer::{Customer, Outcome};

/// A load plan's parameters were out of range, or the run could not start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// A parameter is out of range; nothing was started.
    #[error("invalid load plan: {0}")]
    InvalidPlan(String),
}

/// A change applied during a run.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Available { agent: String, available: bool },
    Faults(Faults),
}

/// What a load run does: how many customers, how fast they come, what they say, and what
/// changes on the contact center's side while they do.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadPlan {
    customers: usize,
    rate: f64,
    deadline: Duration,
    ask: String,
    user_replies: usize,
    user_think_time: Duration,
    grace: Duration,
    engage_rate_limit: Option<u32>,
    changes: Vec<(Duration, Change)>,
}

impl LoadPlan {
    /// `customers` customers arriving at `per_second` a second. Defaults: a 60 s deadline,
    /// customers ask "I want a human", answer each agent message once (up to 1 answer)
    /// after 100 ms.
    pub fn new(customers: usize, per_second: f64) -> Self {
        LoadPlan {
            customers,
            rate: per_second,
            deadline: Duration::from_secs(60),
            ask: "I want a human".into(),
            user_replies: 1,
            user_think_time: Duration::from_millis(100),
            grace: Duration::from_millis(500),
            engage_rate_limit: None,
            changes: Vec::new(),
        }
    }

    /// The run ends at this (real) time after it starts, whatever is still waiting; the
    /// customers still waiting count as failed.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = deadline;
        self
    }

    /// What a customer writes to ask for a human.
    pub fn ask(mut self, text: impl Into<String>) -> Self {
        self.ask = text.into();
        self
    }

    /// How many messages a customer writes to the agent (one after each agent message).
    pub fn user_replies(mut self, n: usize) -> Self {
        self.user_replies = n;
        self
    }

    /// How long a customer thinks before answering an agent.
    pub fn user_think_time(mut self, think: Duration) -> Self {
        self.user_think_time = think;
        self
    }

    /// How long a customer keeps listening after the agent left (late messages).
    pub fn grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// Puts a REST budget on the simulator during the run: `per_minute` requests per rolling
    /// minute, then `429`, as Engage does (500). By default a run has none, whatever the
    /// simulator was built with, so it measures the service rather than a budget meant for a
    /// real Engage; the report counts the `429`s either way.
    pub fn engage_rate_limit(mut self, per_minute: u32) -> Self {
        self.engage_rate_limit = Some(per_minute);
        self
    }

    /// At `at` after the start, makes the simulated agent `agent` (name or user id)
    /// available or away.
    pub fn agent_available_at(mut self, at: Duration, agent: impl Into<String>, available: bool) -> Self {
        let agent = agent.into();
        self.changes.push((at, Change::Available { agent, available }));
        self
    }

    /// At `at` after the start, switches the simulator's faults to `faults`.
    pub fn faults_at(mut self, at: Duration, faults: Faults) -> Self {
        self.changes.push((at, Change::Faults(faults)));
        self
    }

    /// Checks every parameter; [`run`] does it before anything starts.
    pub fn validate(&self) -> Result<(), LoadError> {
        let invalid = |m: String| Err(LoadError::InvalidPlan(m));
        if self.customers == 0 {
            return invalid("customers must be at least 1".into());
        }
        if !(self.rate.is_finite() && self.rate > 0.0) {
            return invalid(format!(
                "arrival rate must be a positive number per second, not {}",
                self.rate
            ));
        }
        if self.deadline.is_zero() {
            return invalid("the deadline must be longer than zero".into());
        }
        if self.ask.trim().is_empty() {
            return invalid("the text asking for a human must not be empty".into());
        }
        if self.engage_rate_limit == Some(0) {
            return invalid("the Engage rate limit must allow at least 1 request per minute".into());
        }
        Ok(())
    }

    fn arrival(&self, n: usize) -> Duration {
        Duration::try_from_secs_f64(n as f64 / self.rate).unwrap_or(Duration::MAX)
    }
}

/// Parses a duration given in (possibly fractional) seconds, refusing negative and
/// non-finite values: for command lines and configuration files.
pub fn seconds(name: &str, value: &str) -> Result<Duration, LoadError> {
    let secs: f64 = value
        .trim()
        .parse()
        .map_err(|_| LoadError::InvalidPlan(format!("{name}: {value:?} is not a number of seconds")))?;
    if !secs.is_finite() || secs < 0.0 {
        return Err(LoadError::InvalidPlan(format!(
            "{name}: {value:?} must be zero or more seconds"
        )));
    }
    Ok(Duration::from_secs_f64(secs))
}

static RUNS: AtomicU64 = AtomicU64::new(0);

/// Runs `plan` against the service behind `adapter`, with `sim` as its Engage, and reports.
/// Returns an error before anything starts when the plan is invalid (or names an agent the
/// simulator does not have); a service that never answers makes the run end at its
/// deadline with those customers counted as failed.
pub async fn run(
    sim: &SimHandle,
    adapter: Arc<dyn LoadAdapter>,
    plan: &LoadPlan,
) -> Result<LoadReport, LoadError> {
    plan.validate()?;
    let agents = sim.agents();
    for (_, change) in &plan.changes {
        if let Change::Available { agent, .. } = change {
            if !agents
                .iter()
                .any(|a| &a.name == agent || a.user_id.as_str() == agent)
            {
                return Err(LoadError::InvalidPlan(format!(
                    "no simulated agent named {agent:?}"
                )));
            }
        }
    }
    let shared = Arc::clone(&sim.shared);
    let (tap_tx, mut tap_rx) = tokio::sync::mpsc::unbounded_channel();
    shared.set_tap(Some(tap_tx));
    let budget = plan.engage_rate_limit;
    let built_with = shared.with_quiet(|s| std::mem::replace(&mut s.rest_rate_limit, budget));
    let api_before = shared.read(|s| s.api_counts());
    let prefix = format!("load{}-", RUNS.fetch_add(1, Ordering::Relaxed));
    let started = Instant::now();
    let deadline = started + plan.deadline;

    let changes = {
        let (shared, plan_changes) = (Arc::clone(&shared), plan.changes.clone());
        tokio::spawn(async move {
            let mut changes = plan_changes;
            changes.sort_by_key(|(at, _)| *at);
            for (at, change) in changes {
                tokio::time::sleep_until(started + at).await;
                match change {
                    Change::Available { agent, available } => {
                        SimHandle::set_availability(&shared, &agent, available);
                    }
                    Change::Faults(faults) => shared.with(|s| s.faults = faults),
                }
            }
        })
    };
    let mut customers = tokio::task::JoinSet::new();
    let mut outcomes = Vec::with_capacity(plan.customers);
    let mut taps = Taps::default();
    for n in 0..plan.customers {
        let arrive = started + plan.arrival(n);
        if arrive >= deadline {
            break;
        }
        // Collect finished customers and taps while waiting for the next arrival.
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(arrive) => break,
                Some(done) = customers.join_next() => outcomes.extend(done.ok()),
                Some(tap) = tap_rx.recv() => taps.add(tap),
            }
        }
        let customer = Customer {
            conversation: format!("{prefix}{n}"),
            adapter: Arc::clone(&adapter),
            ask: plan.ask.clone(),
            user_replies: plan.user_replies,
            think: plan.user_think_time,
            grace: plan.grace,
            deadline,
        };
        customers.spawn(customer.run());
    }
    let arrived = outcomes.len() + customers.len();
    while !customers.is_empty() {
        tokio::select! {
            Some(done) = customers.join_next() => outcomes.extend(done.ok()),
            Some(tap) = tap_rx.recv() => taps.add(tap),
        }
    }
    changes.abort();
    shared.set_tap(None);
    shared.with_quiet(|s| s.rest_rate_limit = built_with);
    while let Ok(tap) = tap_rx.try_recv() {
        taps.add(tap);
    }
    let api_after = shared.read(|s| s.api_counts());
    Ok(taps.report(
        &prefix,
        arrived,
        outcomes,
        api_before,
        api_after,
        started.elapsed(),
    ))
}

/// What the simulator stored during the run, with when.
#[derive(Debug, Default)]
struct Taps {
    inbound: HashMap<String, Instant>,
    /// Agent replies by content id: the thread's foreign id and when it was written.
    agent: HashMap<String, (String, Instant)>,
}

impl Taps {
    fn add(&mut self, tap: Tap) {
        match tap {
            Tap::Inbound { reference, at } => {
                self.inbound.entry(reference).or_insert(at);
            }
            Tap::AgentReply {
                content_id,
                thread,
                at,
            } => {
                self.agent.insert(content_id, (thread, at));
            }
        }
    }

    fn report(
        &self,
        prefix: &str,
        arrived: usize,
        outcomes: Vec<Outcome>,
        before: super::ApiCounts,
        after: super::ApiCounts,
        elapsed: Duration,
    ) -> LoadReport {
        let mut r = LoadReport {
            customers: arrived,
            elapsed_ms: elapsed.as_secs_f64() * 1000.0,
            ..LoadReport::default()
        };
        let (mut to_agent, mut a2u, mut u2a, mut notices) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for o in &outcomes {
            r.handovers_started += usize::from(o.asked);
            r.handovers_completed += usize::from(o.completed);
            r.handovers_failed += usize::from(o.asked && !o.completed);
            r.adapter_errors += o.adapter_errors;
            r.hit_deadline |= o.timed_out;
            to_agent.extend(o.time_to_agent);
            if o.asked {
                notices.push(o.queue_notices);
            }
            for (reference, at) in &o.received {
                *seen.entry(reference.as_str()).or_default() += 1;
                if let Some((_, written)) = self.agent.get(reference) {
                    a2u.push(at.saturating_duration_since(*written));
                }
            }
            for (id, sent) in &o.sent {
                match self.inbound.get(id) {
                    Some(stored) => u2a.push(stored.saturating_duration_since(*sent)),
                    None => r.user_messages_lost += 1,
                }
            }
        }
        r.handovers_failed += arrived - outcomes.len();
        r.messages_duplicated = seen.values().map(|n| n - 1).sum();
        r.messages_lost = self
            .agent
            .iter()
            .filter(|(id, (thread, _))| thread.starts_with(prefix) && !seen.contains_key(id.as_str()))
            .count();
        r.time_to_agent = Percentiles::of(to_agent);
        r.agent_to_user = Percentiles::of(a2u);
        r.user_to_agent = Percentiles::of(u2a);
        if !notices.is_empty() {
            r.queue_notices_mean = notices.iter().sum::<usize>() as f64 / notices.len() as f64;
            r.queue_notices_max = notices.iter().copied().max().unwrap_or(0);
        }
        r.api = super::ApiCounts {
            rest: after.rest - before.rest,
            rest_rate_limited: after.rest_rate_limited - before.rest_rate_limited,
            send_api: after.send_api - before.send_api,
            send_api_refused: after.send_api_refused - before.send_api_refused,
        };
        if r.handovers_started > 0 {
            r.api_calls_per_handover = (r.api.rest + r.api.send_api) as f64 / r.handovers_started as f64;
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_parameters_are_refused() {
        let ok = LoadPlan::new(1, 1.0);
        assert!(ok.validate().is_ok());
        for bad in [
            LoadPlan::new(0, 1.0),
            LoadPlan::new(1, 0.0),
            LoadPlan::new(1, -3.0),
            LoadPlan::new(1, f64::NAN),
            LoadPlan::new(1, f64::INFINITY),
            LoadPlan::new(1, 1.0).deadline(Duration::ZERO),
            LoadPlan::new(1, 1.0).ask("  "),
            LoadPlan::new(1, 1.0).engage_rate_limit(0),
        ] {
            assert!(
                matches!(bad.validate(), Err(LoadError::InvalidPlan(_))),
                "{bad:?}"
            );
        }
        for (value, ok) in [
            ("1.5", true),
            ("0", true),
            ("-1", false),
            ("-0.001", false),
            ("x", false),
            ("NaN", false),
            ("inf", false),
        ] {
            assert_eq!(seconds("think", value).is_ok(), ok, "{value}");
        }
    }
}
