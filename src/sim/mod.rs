//! An in-process fake Engage Digital (feature `simulator`), for examples and end-to-end tests.
//!
//! [`EngageSimulator::builder`] configures it, [`start`](EngageSimulatorBuilder::start)
//! binds an HTTP server on `127.0.0.1` (port 0 unless told otherwise) and returns a
//! [`SimHandle`] with the URLs and credentials a service needs: the REST base URL
//! ([`api_url`](SimHandle::api_url), ending in `/1.0`), the Send API URL
//! ([`realtime_url`](SimHandle::realtime_url)), the access token, the source id and its
//! realtime token, the Bot and Agent category ids. The simulator stops when the handle is
//! dropped or [`shut down`](SimHandle::shutdown).
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use std::time::Duration;
//! use ringcentral_engage::sim::{EngageSimulator, SimAgent};
//!
//! let sim = EngageSimulator::builder()
//!     .agent(SimAgent::new("Alice").think_time(Duration::from_secs(3)).replies(["Hi!", "Bye!"]))
//!     .queue_ahead(2)
//!     .time_scale(0.01) // a simulated second lasts 10 ms
//!     .seed(7)
//!     .start()
//!     .await?;
//! // ... start the service, then tell the simulator where it listens:
//! sim.set_sdk_endpoint("http://127.0.0.1:8080/engage/sdk").await;
//! println!("REST {} token {}", sim.api_url(), sim.access_token().expose());
//! # Ok(()) }
//! ```
//!
//! # The contract (what a handover can rely on)
//!
//! **Send API** — `POST {realtime_url}` = `/realtime/sdk/{source_id}`. Checks, in order:
//! body over 20 971 520 bytes → `413 Invalid request size (max: 20971520 bytes)`; unknown
//! source → `422 Source not found`; `X-SMCCSDK-SIGNATURE` header (or `signature` query
//! parameter) not the HMAC-SHA512 hex of the raw body with the realtime token → `422 Invalid
//! signature`; body not a JSON object → `400 Bad request`; no string `action` or no object
//! `params` → `400 Invalid request format`; action other than `messages.create`,
//! `private_messages.create`, `threads.create`, `users.create`, `status.mark_as_read`,
//! `typing.start`, `typing.stop` → `422 Invalid action`; a required field missing →
//! `422 Invalid resource format`; structured contents: `422 Source doesn't support structured
//! contents` (when the service's `implementation.info` lacks `view.messaging`), `422 Type is
//! required for structured contents`, `422 Source doesn't support this type of structured
//! content` (types: select, rich_link, template, carousel), `422 structured_content:
//! "items" must not be empty` (and other required attributes), `422 The author must be
//! puppetizable`; a second `typing.start` on the same thread within 2 real seconds (reset by
//! `typing.stop`) → `429 too many typing requests, please try again in a few seconds`. Error
//! bodies are that plain text; success is `200` with the body `ok`. (Bodies over 40 MiB are
//! cut off by the HTTP layer with a bare `413`.)
//!
//! - `messages.create` needs `id`, `thread_id`, `author{id, screenname}` and a `body` (or
//!   attachments). The thread whose `foreign_id` is `thread_id` is used, or created (24-hex
//!   id, category = the source's default, **Bot**). The identity with `foreign_id` =
//!   `author.id` is created or updated (firstname, lastname, email, home/mobile phone, gender,
//!   avatar_url, `context_data`, puppetizable). The content is stored with `foreign_id` =
//!   `id`. A second post of the same `id` is accepted (`ok`) and ignored.
//! - `private_messages.create` needs `id`, `author`, `body`; it is threaded with the content
//!   whose foreign id is `in_reply_to_id`, else in the thread keyed by `in_reply_to_id`, else
//!   in a new thread keyed by its own `id` (`thread_id` is ignored, as on Engage).
//! - `threads.create` (`id`, `author`, `body`, `title`), `users.create` (`id`,
//!   `screenname`), `status.mark_as_read` (`id`, recorded), `typing.start` (`thread_id` or
//!   `in_reply_to_id`, and `preview`) and `typing.stop` (recorded).
//!
//! **REST** under `/1.0`: Bearer token (or `access_token` parameter) else `401`; 500
//! requests per rolling real minute else `429 {"error":"rate_limit_exceeded",...}` with
//! `Retry-After`; `limit` over 150 → `400`; unknown routes and methods → `404
//! {"error":"not_found","message":..,"status":404}`; pages are `{count, offset, limit,
//! records}`. Routes: `GET /users` (`email`, `category_id`, `identity_id`, `role_id`),
//! `GET /users/{id}`, `PUT /users/{id}` (names, `email`, `role_id`, `category_ids[]`,
//! `rc_user_id`; an unknown role or category → `422`), `GET /roles`, `GET /roles/{id}`, `PUT /roles/{id}` (`label` and any
//! settable permission flag, e.g. `escalate_to_video=true`), `GET /status` (every simulated agent
//! on the source's channel: `available`/`away`, busyness from load vs capacity: no task
//! `unoccupied`, at capacity `full`, at least half `busy`, else `ok`), `GET /status/{id}`,
//! `GET /categories`, `GET /categories/{id}`, `GET /content_sources`,
//! `GET /content_sources/{id}`, `GET /identities/{id}`, `GET /identity_groups/{id}`,
//! `GET /content_threads` (`q` with `foreign:`, `source:`, `-source:`, `categorized_in:`,
//! `identity:`, `order:`), `GET /content_threads/{id}`,
//! `PUT /content_threads/{id}/update_categories` (`thread_category_ids[]`),
//! `PUT /content_threads/{id}/close`, `GET /content_threads/{id}/open`, `GET /contents`
//! (`q` with `thread:`, `source:`, `identity:`, `foreign:`), `GET /contents/{id}`,
//! `POST /contents` (`body`, `in_reply_to_id`), `GET /interventions`,
//! `GET /interventions/{id}`, `POST /interventions` (`content_id`),
//! `PUT /interventions/{id}/close`, `DELETE /interventions/{id}/cancel`. Parameters are read
//! from the query string and from a form or JSON body. `impersonated_user_id` selects the
//! acting user.
//!
//! **Directory** — users are the API user (role `Admin`) and one user per simulated agent
//! (role `Agent` unless [`SimAgent::role`] names another, `rc_user_id` from
//! [`SimAgent::rc_user_id`]). Roles carry a fixed set of base permissions (admins manage,
//! agents receive tasks) with `escalate_to_video` off, plus the flags of a [`SimRole`] or of
//! `PUT /roles/{id}`.
//!
//! **Routing** — a thread whose categories come to include the Agent category becomes a
//! queued task (FIFO; `task.created` webhook); leaving the category or closing the thread
//! removes it. The first real task finds [`queue_ahead`](EngageSimulatorBuilder::queue_ahead)
//! phantom customers in front of it; agents serve them like real ones, each for the
//! [average handle time](EngageSimulatorBuilder::average_handle_time). An available agent
//! with free capacity (least loaded first) takes the head of the queue.
//!
//! **Queue updates** — only when the service's `implementation.info` answer lists the option
//! `messaging.queuing_update` (asked, signed, when the SDK endpoint is set, and again when a
//! task waits and no answer is known): for each waiting task, a signed
//! `{"action":"messaging.queuing_update","params":{"estimated_wait_time":S,"position":N,
//! "thread_id":<foreign thread id>,"in_reply_to_id":<foreign id of the last customer
//! content>}}` when position or estimate changes and every
//! [`queue_update_interval`](EngageSimulatorBuilder::queue_update_interval). Position is
//! 1-based; the estimate is `ceil(position / available capacity) × average handle time`, in
//! simulated seconds. Any 2xx answer is accepted. Up to 64 updates are in flight at once.
//!
//! **Scale** — every lookup is indexed and the queue is an order-statistics structure, so
//! a task's position costs O(log n) and a queue-update pass costs O(updates sent · log n):
//! it visits only the tasks behind one that left, new tasks, all tasks when the estimate per
//! position changed (available capacity moved), and the tasks whose periodic update is due.
//! Measured by `cargo bench --bench sim_scale` on 2 shared cores: opening 10,000
//! conversations takes about 1.6–2.0 s of the simulator's CPU; 50,000 stay queued with each
//! hearing again within its interval (longest gap 20.1 s for a 20 s interval, 3–4
//! CPU-seconds per interval).
//!
//! **Memory** — with the default [`record_limit`](EngageSimulatorBuilder::record_limit), the
//! heap per queued conversation is about 3.2 KB at 50,000 queued (its thread, customer
//! identity, message, task and their index entries, about 3.1 KB, plus its share of the
//! records kept); with 100,000 records of each kind kept it is about 3.5–3.7 KB. Inspection
//! records (SDK calls, webhook deliveries, Send API calls, ...) are bounded by `record_limit`
//! and keep the JSON they carry as compact text; stored threads,
//! contents and identities are kept for the simulator's life (it is a test double).
//!
//! **Agents** — taking a real task opens an intervention (`thread_id`, `user_id` = agent,
//! `content_id` = last customer content) and sends `task.taken`, `intervention.opened`,
//! `intervention.assigned`. After each think time the agent sends the next scripted line to
//! the service: signed `messages.create` with `{content_id, thread_id (foreign), in_reply_to_id
//! (foreign id of the last customer content), author_id (agent user id), body, format:"text",
//! sender_name, retry:false, created_at}` (for private-message threads,
//! `private_messages.create` with `recipient_id` instead of `thread_id`), only when the
//! service declared that `create` in `implementation.info` (otherwise a protocol error, and
//! the content is marked failed without a call). The service must
//! answer 2xx with a JSON object carrying its `id`, signed; a missing or bad signature, a
//! non-JSON body or a missing `id` is recorded as a protocol error and counts as a failure.
//! Failures are retried (3 attempts in all, 10 simulated seconds apart) with `retry:true`
//! and the same `content_id`; `{"error":{"fatal":true}}` stops retrying. After the script
//! the agent closes the intervention: `intervention.closed` then `task.completed` (with
//! `action:"closed"`). Closing via REST does the same; canceling sends
//! `intervention.canceled`. Both free the agent.
//!
//! **Webhooks** — when set, a validation `GET url?hub.mode=subscribe&hub.challenge=..
//! &hub.verify_token=..` is sent; only a `200` echoing the challenge activates delivery.
//! Each event is POSTed in its own envelope `{id, domain_id, events:[{type, id, issued_at,
//! user_id, resource:{type, id, metadata}}]}` with the `X-Dimelo-Secret` header (when the
//! secret is not empty). Intervention metadata: `source_id`, `thread_id` (**Engage** thread
//! id), `user_id`, `identity_id`, `category_ids`, `closed_at`, `deferred_at`,
//! `custom_field_values`. Non-200 answers are retried after 32 s, 4, 17, 52 min and 2 h
//! (simulated) without holding back later events.
//!
//! **Time** — durations (think time, handle time, update interval, retry waits) are
//! simulated and multiplied by the [time scale](EngageSimulatorBuilder::time_scale);
//! timestamps are wall-clock; protocol limits (typing, REST rate) use real time.
//!
//! # Not modeled
//!
//! Several sources or channels, teams, custom fields, folders, tags, surveys, attachments
//! uploads, transfers and reassignments, deferring, task timeouts and priorities, agents'
//! own status changes (`PUT /status`), `content.*` events other than thread open/close,
//! permissions (any valid token may do anything), reopening: a customer message after an
//! intervention closed neither reopens it nor routes the thread again (recategorize it to route
//! it again), simulated agents do not react to what customers write (they follow their
//! script), and the `q` keywords not listed above
//! (they are ignored). Polling runs only when
//! [`poll_interval`](EngageSimulatorBuilder::poll_interval) is set: after
//! `implementation.info`, each declared `threads.list`, `messages.list` and
//! `private_messages.list` is sent in that order with `since_id` (the first id of the previous
//! answer); listed threads are stored like a Send API `threads.create`, messages like a
//! `messages.create`.

mod clock;
mod config;
mod handover;
mod index;
mod inspect;
pub mod load;
mod outbound;
mod polling;
mod queue;
mod records;
mod render;
mod rest;
mod rest_threads;
mod routing;
mod send_api;
mod shared;
mod state;
mod task_ops;
mod time_sheets;
mod typing_throttle;
mod webhooks;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::routing::post;
use axum::Router;
use tokio::sync::mpsc;

pub use config::{Faults, SimAgent, SimRole};
pub use handover::SimConnectError;
pub use inspect::{Inspector, WaitTimeout};
pub use records::*;

pub use state::SimState;
pub use webhooks::SECRET_HEADER;

use config::{SimConfig, WebhookTarget};
use shared::{spawn_with, Shared};

use crate::models::{CategoryId, ChannelId, RoleId, SourceId};
use crate::Secret;

/// The simulator. Start one with [`EngageSimulator::builder`].
#[derive(Debug)]
#[non_exhaustive]
pub struct EngageSimulator;

impl EngageSimulator {
    /// A builder with no agent, no service URL, time scale 1 and a fixed seed.
    pub fn builder() -> EngageSimulatorBuilder {
        EngageSimulatorBuilder::default()
    }
}

/// Settings of a simulator; see the [module docs](self) for what each one changes.
#[derive(Debug, Default)]
pub struct EngageSimulatorBuilder {
    config: SimConfig,
    sdk_endpoint: Option<String>,
    webhook: Option<WebhookTarget>,
}

impl EngageSimulatorBuilder {
    /// The service's SDK endpoint (the source's Base URI). May also be set after start.
    pub fn sdk_endpoint(mut self, url: impl Into<String>) -> Self {
        self.sdk_endpoint = Some(url.into());
        self
    }

    /// The webhook URL, its secret (`X-Dimelo-Secret`) and verify token. May also be set
    /// after start.
    pub fn webhook(mut self, url: impl Into<String>, secret: Secret, verify_token: Secret) -> Self {
        self.webhook = Some(WebhookTarget {
            url: url.into(),
            secret,
            verify_token,
        });
        self
    }

    /// Adds a thread category named `name` besides Bot and Agent (e.g. one for routing); its
    /// id is [`SimHandle::category_id`].
    pub fn category(mut self, name: impl Into<String>) -> Self {
        self.config.categories.push(name.into());
        self
    }

    /// Replaces the simulated agents.
    pub fn agents(mut self, agents: Vec<SimAgent>) -> Self {
        self.config.agents = agents;
        self
    }

    /// Adds a simulated agent.
    pub fn agent(mut self, agent: SimAgent) -> Self {
        self.config.agents.push(agent);
        self
    }

    /// Adds `count` default agents named `Agent 1`, `Agent 2`, ... (numbered after the agents
    /// already added), e.g. to try a long listing.
    pub fn agent_count(mut self, count: usize) -> Self {
        let first = self.config.agents.len() + 1;
        self.config
            .agents
            .extend((first..first + count).map(|i| SimAgent::new(format!("Agent {i}"))));
        self
    }

    /// Adds a role (or sets flags on the built-in `Admin` or `Agent` role when the label is
    /// theirs). Agents pick a role by label with [`SimAgent::role`].
    pub fn role(mut self, role: SimRole) -> Self {
        self.config.roles.push(role);
        self
    }

    /// Phantom customers already waiting in front of the first real one.
    pub fn queue_ahead(mut self, n: usize) -> Self {
        self.config.queue_ahead = n;
        self
    }

    /// Real seconds per simulated second (0.01: a simulated second lasts 10 ms).
    pub fn time_scale(mut self, scale: f64) -> Self {
        self.config.time_scale = scale;
        self
    }

    /// How often (simulated) a waiting task gets a queue update even if nothing changed.
    /// Default 30 s.
    pub fn queue_update_interval(mut self, interval: Duration) -> Self {
        self.config.queue_update_interval = interval;
        self
    }

    /// Simulated time an agent spends on a phantom customer, and the unit of wait
    /// estimates. Default 60 s.
    pub fn average_handle_time(mut self, time: Duration) -> Self {
        self.config.average_handle_time = time;
        self
    }

    /// Turns polling on, one synchronization every `interval` (simulated).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.config.poll_interval = Some(interval);
        self
    }

    /// Waits (simulated) between webhook retries. Default 32 s, 4, 17, 52 min, 2 h.
    pub fn webhook_retry_delays(mut self, delays: Vec<Duration>) -> Self {
        self.config.webhook_retry_delays = delays;
        self
    }

    /// Faults to inject.
    pub fn faults(mut self, faults: Faults) -> Self {
        self.config.faults = faults;
        self
    }

    /// Seed of the random generator (faults, generated tokens, challenges).
    pub fn seed(mut self, seed: u64) -> Self {
        self.config.seed = seed;
        self
    }

    /// How many records of each kind (SDK calls, webhook deliveries, Send API calls, read
    /// marks, typing events, protocol errors, validations) the simulator keeps for
    /// inspection; past it the oldest half is dropped. Default 10,000 (at least 1). Each kept
    /// record costs about 200 B on average (measured by `cargo bench --bench sim_scale`).
    pub fn record_limit(mut self, limit: usize) -> Self {
        self.config.record_limit = limit;
        self
    }

    /// Requests per rolling minute the REST API accepts. Default 500. A load run
    /// ([`load::run`]) lifts it unless its plan sets one ([`load::LoadPlan::engage_rate_limit`]).
    pub fn rest_rate_limit(mut self, per_minute: u32) -> Self {
        self.config.rest_rate_limit = per_minute;
        self
    }

    /// The REST access token (default: generated from the seed).
    pub fn access_token(mut self, token: Secret) -> Self {
        self.config.access_token = Some(token);
        self
    }

    /// The source's realtime token, the HMAC key (default: generated from the seed).
    pub fn realtime_token(mut self, token: Secret) -> Self {
        self.config.realtime_token = Some(token);
        self
    }

    /// A fixed port instead of an ephemeral one.
    pub fn port(mut self, port: u16) -> Self {
        self.config.port = port;
        self
    }

    /// Binds the server, starts routing, asks the service's `implementation.info` and
    /// validates the webhook when they are configured.
    pub async fn start(self) -> std::io::Result<SimHandle> {
        let config = self.config;
        let mut state = state::SimState::new(&config);
        let access_token = config
            .access_token
            .clone()
            .unwrap_or_else(|| Secret::new(state.random_hex(20)));
        let realtime_token = config
            .realtime_token
            .clone()
            .unwrap_or_else(|| Secret::new(state.random_hex(32)));
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], config.port))).await?;
        let addr = listener.local_addr()?;
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared::new(config, state, access_token, realtime_token, tx));
        let app = Router::new()
            .nest("/1.0", rest::router(Arc::clone(&shared)))
            .route(
                "/realtime/sdk/{source_id}",
                post(send_api::handle).layer(DefaultBodyLimit::max(send_api::MAX_BODY * 2)),
            )
            .fallback(rest::not_found)
            .method_not_allowed_fallback(rest::not_found)
            .with_state(Arc::clone(&shared));
        shared.spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        spawn_with(&shared, move |s| webhooks::worker(s, rx));
        spawn_with(&shared, routing::run);
        spawn_with(&shared, polling::run);
        let handle = SimHandle { shared, addr };
        if let Some(url) = self.sdk_endpoint {
            handle.set_sdk_endpoint(url).await;
        }
        if let Some(w) = self.webhook {
            handle.set_webhook(w.url, w.secret, w.verify_token).await;
        }
        Ok(handle)
    }
}

/// A running simulator. Dropping it stops the server and every background task.
#[derive(Debug)]
pub struct SimHandle {
    shared: Arc<Shared>,
    addr: SocketAddr,
}

impl SimHandle {
    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:{port}`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The REST base URL, ending in `/1.0`.
    pub fn api_url(&self) -> String {
        format!("{}/1.0", self.base_url())
    }

    /// The Send API URL of the source: `{base}/realtime/sdk/{source_id}`.
    pub fn realtime_url(&self) -> String {
        format!("{}/realtime/sdk/{}", self.base_url(), self.source_id())
    }

    /// The REST access token.
    pub fn access_token(&self) -> Secret {
        self.shared.access_token.clone()
    }

    /// The source's realtime token (HMAC key of the Channel SDK).
    pub fn realtime_token(&self) -> Secret {
        self.shared.realtime_token.clone()
    }

    /// The Source SDK source id.
    pub fn source_id(&self) -> SourceId {
        self.shared.read(|s| s.source.id.clone())
    }

    /// The Bot category (the source's default category).
    pub fn bot_category_id(&self) -> CategoryId {
        self.shared.read(|s| s.source.bot_category.clone())
    }

    /// The Agent category (routing to agents).
    pub fn agent_category_id(&self) -> CategoryId {
        self.shared.read(|s| s.source.agent_category.clone())
    }

    /// The id of a category added with [`EngageSimulatorBuilder::category`] (or `Bot`, `Agent`).
    pub fn category_id(&self, name: &str) -> Option<CategoryId> {
        self.shared
            .read(|s| s.categories.iter().find(|c| c.name == name).map(|c| c.id.clone()))
    }

    /// The channel of the source.
    pub fn channel_id(&self) -> ChannelId {
        self.shared.read(|s| s.source.channel_id.clone())
    }

    /// The channel's name.
    pub fn channel_name(&self) -> String {
        self.shared.read(|s| s.source.channel_name.clone())
    }

    /// The domain id carried by webhook envelopes.
    pub fn domain_id(&self) -> String {
        self.shared.read(|s| s.domain_id.clone())
    }

    /// The simulated agents, with their user ids and load.
    pub fn agents(&self) -> Vec<AgentRecord> {
        self.shared.read(|s| s.agents.clone())
    }

    /// The id of the role labelled `label` (`Admin`, `Agent`, or one given to the builder).
    pub fn role_id(&self, label: &str) -> Option<RoleId> {
        self.shared
            .read(|s| s.roles.iter().find(|r| r.label == label).map(|r| r.id.clone()))
    }

    /// The inspection handle.
    pub fn inspect(&self) -> Inspector {
        Inspector::new(Arc::clone(&self.shared))
    }

    /// Sets (or changes) the service's SDK endpoint and asks it `implementation.info`;
    /// `true` when it answered validly.
    pub async fn set_sdk_endpoint(&self, url: impl Into<String>) -> bool {
        self.shared.set_sdk_endpoint_url(Some(url.into()));
        self.shared.with(|s| s.info = None);
        outbound::fetch_info(&self.shared).await
    }

    /// Sets (or changes) the webhook and sends the validation request; `true` when the
    /// endpoint echoed the challenge (only then are events delivered).
    pub async fn set_webhook(&self, url: impl Into<String>, secret: Secret, verify_token: Secret) -> bool {
        let target = WebhookTarget {
            url: url.into(),
            secret,
            verify_token,
        };
        self.shared.set_webhook_target(Some((target.clone(), false)));
        let ok = webhooks::validate(&self.shared, &target).await;
        self.shared.set_webhook_target(Some((target, ok)));
        ok
    }

    /// Replaces the faults in force, while running (e.g. during a load run).
    pub fn set_faults(&self, faults: Faults) {
        self.shared.with(|s| s.faults = faults);
    }

    /// Makes an agent (by name or user id) available or away. `false` if unknown.
    pub fn set_agent_available(&self, agent: &str, available: bool) -> bool {
        Self::set_availability(&self.shared, agent, available)
    }

    fn set_availability(shared: &Shared, agent: &str, available: bool) -> bool {
        shared.with(|s| {
            match s
                .agents
                .iter_mut()
                .find(|a| a.name == agent || a.user_id.as_str() == agent)
            {
                Some(a) => {
                    a.available = available;
                    true
                }
                None => false,
            }
        })
    }

    /// Stops the server and every background task.
    pub async fn shutdown(self) {
        self.shared.abort_all();
        tokio::task::yield_now().await;
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.shared.abort_all();
    }
}
