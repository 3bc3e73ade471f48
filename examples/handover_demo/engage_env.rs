//! Shared by the `handover_demo` and `bot_proxy` examples: where the Engage settings come from
//! (the built-in simulator, or environment variables for a real Engage Digital) and how an
//! [`EngageHandover`] is built from them.
//!
//! [`EngageHandover`]: ringcentral_engage::handover::EngageHandover

// Each example uses part of this module.
#![allow(dead_code)]

use std::net::SocketAddr;

use ringcentral_engage::api::ChannelSelector;
use ringcentral_engage::handover::{EngageConfig, EngageConfigBuilder};
use ringcentral_engage::sim::SimHandle;

/// The address served when `BIND_ADDR` is not set (real Engage mode and `bot_proxy`).
pub const DEFAULT_BIND_ADDR: &str = "127.0.0.1:3000";

/// A real Engage Digital, configured from the environment.
#[derive(Debug, Clone)]
pub struct EngageEnv {
    /// The handover settings ([`EngageConfig::from_env`]).
    pub config: EngageConfig,
    /// `BIND_ADDR` (default [`DEFAULT_BIND_ADDR`]).
    pub bind_addr: SocketAddr,
}

impl EngageEnv {
    /// Reads the process environment: `Ok(None)` when no Engage variable is set (use the
    /// simulator), an error naming every missing or invalid variable otherwise.
    pub fn from_env() -> Result<Option<EngageEnv>, String> {
        let set = |name: &str| std::env::var(name).is_ok_and(|v| !v.trim().is_empty());
        if !EngageConfig::ENV_VARIABLES.iter().any(|name| set(name)) {
            return Ok(None);
        }
        let config = EngageConfig::from_env()
            .map_err(|e| format!("{e} (set every ENGAGE_* variable to use a real Engage Digital, or none to use the simulator)"))?
            .build()
            .map_err(|e| e.to_string())?;
        let bind = std::env::var("BIND_ADDR").unwrap_or_else(|_| DEFAULT_BIND_ADDR.to_owned());
        let bind_addr = bind
            .parse()
            .map_err(|_| format!("BIND_ADDR {bind:?} is not an address like 0.0.0.0:3000"))?;
        Ok(Some(EngageEnv { config, bind_addr }))
    }
}

/// The handover configuration for a running simulator, checking availability on its channel.
pub fn simulator_config(sim: &SimHandle) -> EngageConfigBuilder {
    sim.handover_config()
        .availability_check(ChannelSelector::Id(sim.channel_id()))
}

/// Agent names for `--agents N`: Alice, Bob, Carol, ... then Agent 9, Agent 10, ...
pub fn agent_names(n: usize) -> Vec<String> {
    const NAMES: [&str; 8] = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi"];
    (0..n)
        .map(|i| {
            NAMES
                .get(i)
                .map_or_else(|| format!("Agent {}", i + 1), |s| (*s).to_owned())
        })
        .collect()
}
