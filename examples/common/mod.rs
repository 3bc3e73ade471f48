//! What the examples share, and what `tests/docs/examples_run.rs` runs: the connection to Engage
//! (real, from environment variables, or a freshly started simulator), a role cache, progress
//! reporting, and the logic of `list_agents` ([`agents`]) and `escalate_to_video` ([`video`]).
//!
//! Each example includes this module with `#[path = "common/mod.rs"] mod common;` and uses
//! only a part of it.
#![allow(dead_code)]

pub mod agents;
pub mod progress;
pub mod video;

use std::collections::HashMap;

use ringcentral_engage::models::{Role, RoleId};
use ringcentral_engage::sim::{EngageSimulator, EngageSimulatorBuilder, SimAgent, SimHandle, SimRole};
use ringcentral_engage::Client;

/// The error type of the examples: printed as one line.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The result type of the examples.
pub type Fallible<T> = Result<T, BoxError>;

/// Adds what was being done to an error, and its causes, on one line:
/// `listing roles: transport error: error sending request: ... Connection refused`.
pub fn context<E: std::error::Error>(what: &'static str) -> impl FnOnce(E) -> BoxError {
    move |e| {
        let mut line = format!("{what}: {e}");
        let mut source = e.source();
        while let Some(cause) = source {
            let text = cause.to_string();
            if !line.contains(&text) {
                line = format!("{line}: {text}");
            }
            source = cause.source();
        }
        line.into()
    }
}

/// `1 agent`, `2 agents`.
pub fn plural(count: u64, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// A REST client, and the simulator behind it when no real Engage was configured.
pub struct Connection {
    /// The REST client.
    pub client: Client,
    /// The simulator, kept alive as long as the connection (`None` for a real Engage).
    pub sim: Option<SimHandle>,
}

impl Connection {
    /// A line saying where the example talks to. Only a simulator's token is ever shown.
    pub fn describe(&self) -> String {
        match &self.sim {
            Some(sim) => format!(
                "Using the built-in Engage simulator at {} (access token {}); set ENGAGE_API_URL or \
                 ENGAGE_DOMAIN and ENGAGE_ACCESS_TOKEN to use your Engage Digital domain.",
                sim.api_url(),
                sim.access_token().expose()
            ),
            None => format!("Using Engage Digital at {}", self.client.base_url()),
        }
    }
}

/// The REST client configured by `ENGAGE_API_URL` (base URL ending in `/1.0`) or
/// `ENGAGE_DOMAIN`, and `ENGAGE_ACCESS_TOKEN`, read through `var`; `Ok(None)` when none of them
/// is set, an error when the set is incomplete.
pub fn client_from_vars(var: impl Fn(&str) -> Option<String>) -> Fallible<Option<Client>> {
    let set = ["ENGAGE_API_URL", "ENGAGE_DOMAIN", "ENGAGE_ACCESS_TOKEN"]
        .iter()
        .any(|name| var(name).is_some_and(|v| !v.trim().is_empty()));
    if !set {
        return Ok(None);
    }
    Ok(Some(Client::from_lookup(var)?))
}

/// Connects to the Engage of the environment, or else starts [`demo_simulator`] with
/// `agents` agents.
pub async fn connect(agents: usize) -> Fallible<Connection> {
    connect_with(|name| std::env::var(name).ok(), agents).await
}

/// [`connect`] with the variables read through `var`.
pub async fn connect_with(var: impl Fn(&str) -> Option<String>, agents: usize) -> Fallible<Connection> {
    if let Some(client) = client_from_vars(var)? {
        return Ok(Connection { client, sim: None });
    }
    let sim = demo_simulator(agents)
        .start()
        .await
        .map_err(context("starting the simulator"))?;
    let client = Client::builder()
        .base_url(sim.api_url())
        .access_token(sim.access_token())
        .build()
        .map_err(context("connecting to the simulator"))?;
    Ok(Connection {
        client,
        sim: Some(sim),
    })
}

/// Names of the first demo agents; later ones are `Agent N`.
const NAMES: [&str; 6] = [
    "Alice Martin",
    "Bob Chen",
    "Carla Diaz",
    "Dev Patel",
    "Emma Rossi",
    "Farid Haddad",
];

/// The label of the demo role that grants Escalate to Video.
pub const VIDEO_ROLE: &str = "Video agent";

/// A simulator seeded with `agents` agents, a mix of Escalate to Video ready and not: agent
/// `i` (from 0) has role [`VIDEO_ROLE`] unless `i % 3 == 2` (then the built-in `Agent` role,
/// which lacks the permission), a RingCentral user id unless `i % 4 == 3`, and is away when
/// `i % 5 == 4`. Ids are deterministic (fixed seed).
pub fn demo_simulator(agents: usize) -> EngageSimulatorBuilder {
    let agents = (0..agents).map(|i| {
        let name = NAMES
            .get(i)
            .map_or_else(|| format!("Agent {}", i + 1), |n| (*n).to_owned());
        let mut agent = SimAgent::new(name).available(i % 5 != 4);
        if i % 3 != 2 {
            agent = agent.role(VIDEO_ROLE);
        }
        if i % 4 != 3 {
            agent = agent.rc_user_id(format!("{}", 400_100 + i));
        }
        agent
    });
    EngageSimulator::builder()
        .role(SimRole::new(VIDEO_ROLE).grant("escalate_to_video"))
        .agents(agents.collect())
        .seed(2024)
}

/// Roles by id, listed once and fetched one by one when a new id shows up.
#[derive(Default)]
pub struct RoleCache {
    roles: HashMap<RoleId, Role>,
}

impl RoleCache {
    /// Lists every role (`GET /roles`, all pages).
    pub async fn load(client: &Client) -> Fallible<RoleCache> {
        use futures_util::TryStreamExt;
        let roles = client
            .roles()
            .list()
            .stream()
            .map_ok(|r| (r.id.clone(), r))
            .try_collect()
            .await
            .map_err(context("listing roles"))?;
        Ok(RoleCache { roles })
    }

    /// The role `id`, from the cache or else `GET /roles/{id}`.
    pub async fn get(&mut self, client: &Client, id: &RoleId) -> Fallible<&Role> {
        if !self.roles.contains_key(id) {
            let role = client.roles().get(id).await.map_err(context("getting a role"))?;
            self.roles.insert(id.clone(), role);
        }
        Ok(&self.roles[id])
    }

    /// A role's label (its id when it has none).
    pub fn label(role: &Role) -> String {
        role.label.clone().unwrap_or_else(|| role.id.to_string())
    }
}

/// Cuts `text` to `width` characters, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// Parses the value of `--agents N` (how many agents the simulator gets).
pub fn agents_flag(value: Option<&str>) -> Result<usize, String> {
    match value {
        None => Err("--agents needs a number".into()),
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| format!("--agents needs a number, got {v:?}")),
    }
}
