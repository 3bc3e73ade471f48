//! Settings of a simulator: simulated agents, fault injection and the service's endpoints.

use std::time::Duration;

use crate::Secret;

/// A simulated human agent working on the simulator's channel.
///
/// ```
/// use std::time::Duration;
/// use ringcentral_engage::sim::SimAgent;
///
/// let alice = SimAgent::new("Alice")
///     .capacity(2)
///     .think_time(Duration::from_secs(5))
///     .replies(["Hi, I'm Alice.", "Anything else?"]);
/// assert_eq!(alice.name(), "Alice");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SimAgent {
    pub(crate) name: String,
    pub(crate) capacity: u32,
    pub(crate) think_time: Duration,
    pub(crate) replies: Vec<String>,
    pub(crate) available: bool,
    pub(crate) closes: bool,
    pub(crate) role: Option<String>,
    pub(crate) rc_user_id: Option<String>,
}

impl SimAgent {
    /// An available agent of capacity 1 who thinks 2 simulated seconds before each reply,
    /// says `"Hello, this is {name}. How can I help?"` and then closes the intervention.
    pub fn new(name: impl Into<String>) -> Self {
        let name = name.into();
        SimAgent {
            replies: vec![format!("Hello, this is {name}. How can I help?")],
            name,
            capacity: 1,
            think_time: Duration::from_secs(2),
            available: true,
            closes: true,
            role: None,
            rc_user_id: None,
        }
    }

    /// How many tasks the agent handles at once (at least 1).
    pub fn capacity(mut self, capacity: u32) -> Self {
        self.capacity = capacity.max(1);
        self
    }

    /// Simulated time the agent waits before each reply (scaled by the time scale).
    pub fn think_time(mut self, think_time: Duration) -> Self {
        self.think_time = think_time;
        self
    }

    /// The lines the agent sends, one after the other, to each customer it takes.
    pub fn replies<I, S>(mut self, replies: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.replies = replies.into_iter().map(Into::into).collect();
        self
    }

    /// Whether the agent is available on the channel (`true`) or away (`false`). Away
    /// agents take no task.
    pub fn available(mut self, available: bool) -> Self {
        self.available = available;
        self
    }

    /// Keep the intervention open after the last scripted reply, until it is closed or
    /// canceled through the REST API.
    pub fn keep_open(mut self) -> Self {
        self.closes = false;
        self
    }

    /// The label of the agent's role (default `Agent`). A label that is neither `Admin`,
    /// `Agent` nor a [`SimRole`] given to the builder creates a role granting nothing extra.
    pub fn role(mut self, label: impl Into<String>) -> Self {
        self.role = Some(label.into());
        self
    }

    /// The agent's RingCentral user id (`rc_user_id`, which Escalate to Video needs). Unset
    /// by default.
    pub fn rc_user_id(mut self, id: impl Into<String>) -> Self {
        self.rc_user_id = Some(id.into());
        self
    }

    /// The agent's display name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// An extra role of the simulated domain, next to the built-in `Admin` and `Agent` roles.
///
/// A role grants the simulator's base permissions (see `GET /roles`) plus the flags set
/// here; `escalate_to_video` is off unless granted.
///
/// ```
/// use ringcentral_engage::sim::SimRole;
///
/// let video = SimRole::new("Video agent").grant("escalate_to_video");
/// assert_eq!(video.label(), "Video agent");
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct SimRole {
    pub(crate) label: String,
    pub(crate) flags: Vec<(String, bool)>,
}

impl SimRole {
    /// A role called `label` with the base permissions only.
    pub fn new(label: impl Into<String>) -> Self {
        SimRole {
            label: label.into(),
            flags: Vec::new(),
        }
    }

    /// Grants a permission flag (such as `escalate_to_video`).
    pub fn grant(self, flag: impl Into<String>) -> Self {
        self.flag(flag, true)
    }

    /// Sets a permission flag to `granted`, overriding the base permissions.
    pub fn flag(mut self, flag: impl Into<String>, granted: bool) -> Self {
        self.flags.push((flag.into(), granted));
        self
    }

    /// The role's label.
    pub fn label(&self) -> &str {
        &self.label
    }
}

/// Faults the simulator injects, each drawn from the seeded random generator.
///
/// Rates are probabilities between 0.0 (never, the default) and 1.0 (always).
///
/// ```
/// use ringcentral_engage::sim::Faults;
///
/// let faults = Faults::default().webhook_duplicates(1.0).agent_no_show(0.5);
/// assert_eq!(faults.webhook_duplicates, 1.0);
/// assert_eq!(faults.send_api_failure_rate, 0.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Faults {
    /// Share of Send API requests answered `503 Service Unavailable` without being processed.
    pub send_api_failure_rate: f64,
    /// Real (unscaled) delay added before the Send API answers.
    pub send_api_latency: Duration,
    /// Share of outbound calls (SDK actions and webhook deliveries) that fail before
    /// reaching the service, as if the network had dropped them; they are retried like
    /// any other failure.
    pub outbound_failure_rate: f64,
    /// Share of real tasks whose agent takes the task (intervention opened and assigned)
    /// but then never replies nor closes it.
    pub agent_no_show: f64,
    /// Share of successful webhook deliveries that are delivered a second time, same
    /// envelope and event ids.
    pub webhook_duplicates: f64,
    /// Share of webhook deliveries held back and delivered after the next one.
    pub webhook_reorder: f64,
    /// While `true`, every webhook delivery is lost for good, as if Engage had exhausted its
    /// retries or the webhook were disabled (switch it with `SimHandle::set_faults`).
    pub drop_webhooks: bool,
}

macro_rules! setters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty;)+) => {$(
        $(#[$doc])*
        pub fn $name(mut self, value: $ty) -> Self {
            self.$name = value;
            self
        }
    )+};
}

impl Faults {
    setters! {
        /// Sets [`send_api_failure_rate`](Faults::send_api_failure_rate).
        send_api_failure_rate: f64;
        /// Sets [`send_api_latency`](Faults::send_api_latency).
        send_api_latency: Duration;
        /// Sets [`outbound_failure_rate`](Faults::outbound_failure_rate).
        outbound_failure_rate: f64;
        /// Sets [`agent_no_show`](Faults::agent_no_show).
        agent_no_show: f64;
        /// Sets [`webhook_duplicates`](Faults::webhook_duplicates).
        webhook_duplicates: f64;
        /// Sets [`webhook_reorder`](Faults::webhook_reorder).
        webhook_reorder: f64;
        /// Sets [`drop_webhooks`](Faults::drop_webhooks).
        drop_webhooks: bool;
    }
}

/// Where the simulator sends webhook events.
#[derive(Debug, Clone)]
pub(crate) struct WebhookTarget {
    pub(crate) url: String,
    pub(crate) secret: Secret,
    pub(crate) verify_token: Secret,
}

/// Every setting of a simulator, fixed at start except the service's URLs.
#[derive(Debug, Clone)]
pub(crate) struct SimConfig {
    pub(crate) port: u16,
    pub(crate) agents: Vec<SimAgent>,
    pub(crate) roles: Vec<SimRole>,
    pub(crate) categories: Vec<String>,
    pub(crate) queue_ahead: usize,
    pub(crate) time_scale: f64,
    pub(crate) queue_update_interval: Duration,
    pub(crate) average_handle_time: Duration,
    pub(crate) poll_interval: Option<Duration>,
    pub(crate) webhook_retry_delays: Vec<Duration>,
    pub(crate) sdk_retry_delay: Duration,
    pub(crate) sdk_attempts: u32,
    pub(crate) faults: Faults,
    pub(crate) seed: u64,
    pub(crate) rest_rate_limit: u32,
    pub(crate) record_limit: usize,
    pub(crate) access_token: Option<Secret>,
    pub(crate) realtime_token: Option<Secret>,
}

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            port: 0,
            agents: Vec::new(),
            roles: Vec::new(),
            categories: Vec::new(),
            queue_ahead: 0,
            time_scale: 1.0,
            queue_update_interval: Duration::from_secs(30),
            average_handle_time: Duration::from_secs(60),
            poll_interval: None,
            webhook_retry_delays: [32, 240, 1020, 3120, 7200]
                .into_iter()
                .map(Duration::from_secs)
                .collect(),
            sdk_retry_delay: Duration::from_secs(10),
            sdk_attempts: 3,
            faults: Faults::default(),
            seed: 0x5eed_e17a_6e00_0001,
            rest_rate_limit: 500,
            record_limit: 10_000,
            access_token: None,
            realtime_token: None,
        }
    }
}
