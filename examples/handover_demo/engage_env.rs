//! Shared by the `handover_demo` and `bot_proxy` examples: where the Engage settings come from
//! (the built-in simulator, or environment variables for a real Engage Digital) and how an
//! [`EngageHandover`] is built from them.
//!
//! [`EngageHandover`]: ringcentral_engage::handover::EngageHandover

// Each example uses part of this module.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use ringcentral_engage::api::ChannelSelector;
use ringcentral_engage::handover::{EngageConfig, EngageConfigBuilder};
use ringcentral_engage::models::ChannelId;
use ringcentral_engage::sim::SimHandle;
use ringcentral_engage::webhook::WebhookConfig;
use ringcentral_engage::{Client, RetryPolicy, Secret};

/// The variables read to run against a real Engage Digital; setting any of them selects it.
pub const VARIABLES: [&str; 10] = [
    "ENGAGE_API_URL",
    "ENGAGE_DOMAIN",
    "ENGAGE_ACCESS_TOKEN",
    "ENGAGE_SOURCE_ID",
    "ENGAGE_REALTIME_URL",
    "ENGAGE_REALTIME_TOKEN",
    "ENGAGE_BOT_CATEGORY_ID",
    "ENGAGE_AGENT_CATEGORY_ID",
    "ENGAGE_WEBHOOK_SECRET",
    "ENGAGE_WEBHOOK_VERIFY_TOKEN",
];

/// The address served when `BIND_ADDR` is not set (real Engage mode and `bot_proxy`).
pub const DEFAULT_BIND_ADDR: &str = "127.0.0.1:3000";

/// The settings of a real Engage Digital, read from the environment. `Debug` hides secrets.
#[derive(Debug, Clone)]
pub struct EngageEnv {
    /// `ENGAGE_API_URL` (ends in `/1.0`), or the API URL of `ENGAGE_DOMAIN`.
    pub api: Api,
    /// `ENGAGE_ACCESS_TOKEN`.
    pub access_token: Secret,
    /// `ENGAGE_SOURCE_ID`.
    pub source_id: String,
    /// `ENGAGE_REALTIME_URL`.
    pub realtime_url: String,
    /// `ENGAGE_REALTIME_TOKEN`.
    pub realtime_token: Secret,
    /// `ENGAGE_BOT_CATEGORY_ID`.
    pub bot_category: String,
    /// `ENGAGE_AGENT_CATEGORY_ID`.
    pub agent_category: String,
    /// `ENGAGE_WEBHOOK_SECRET`.
    pub webhook_secret: Secret,
    /// `ENGAGE_WEBHOOK_VERIFY_TOKEN`.
    pub verify_token: Secret,
    /// `ENGAGE_CHANNEL_ID` (optional): checks agent availability on that channel first.
    pub channel_id: Option<String>,
    /// `BIND_ADDR` (default [`DEFAULT_BIND_ADDR`]).
    pub bind_addr: SocketAddr,
}

/// Where the REST API is.
#[derive(Debug, Clone)]
pub enum Api {
    /// A full base URL.
    Url(String),
    /// A domain name (`acme` for `https://acme.api.engagement.dimelo.com/1.0`).
    Domain(String),
}

impl EngageEnv {
    /// Reads the process environment: `Ok(None)` when no Engage variable is set (use the
    /// simulator), an error naming every missing or invalid variable otherwise.
    pub fn from_env() -> Result<Option<EngageEnv>, String> {
        EngageEnv::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), with variables from `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Option<EngageEnv>, String> {
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        if VARIABLES.iter().all(|name| get(name).is_none()) {
            return Ok(None);
        }
        let mut missing = Vec::new();
        let api = match (get("ENGAGE_API_URL"), get("ENGAGE_DOMAIN")) {
            (Some(url), _) => Api::Url(url),
            (None, Some(domain)) => Api::Domain(domain),
            (None, None) => {
                missing.push("ENGAGE_API_URL (or ENGAGE_DOMAIN)");
                Api::Url(String::new())
            }
        };
        let mut need = |name: &'static str| {
            get(name).unwrap_or_else(|| {
                missing.push(name);
                String::new()
            })
        };
        let env = EngageEnv {
            api,
            access_token: Secret::new(need("ENGAGE_ACCESS_TOKEN")),
            source_id: need("ENGAGE_SOURCE_ID"),
            realtime_url: need("ENGAGE_REALTIME_URL"),
            realtime_token: Secret::new(need("ENGAGE_REALTIME_TOKEN")),
            bot_category: need("ENGAGE_BOT_CATEGORY_ID"),
            agent_category: need("ENGAGE_AGENT_CATEGORY_ID"),
            webhook_secret: Secret::new(need("ENGAGE_WEBHOOK_SECRET")),
            verify_token: Secret::new(need("ENGAGE_WEBHOOK_VERIFY_TOKEN")),
            channel_id: get("ENGAGE_CHANNEL_ID"),
            bind_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        };
        if !missing.is_empty() {
            return Err(format!(
                "missing {} (set every ENGAGE_* variable to use a real Engage Digital, or none to use the simulator)",
                missing.join(", ")
            ));
        }
        let bind = get("BIND_ADDR").unwrap_or_else(|| DEFAULT_BIND_ADDR.to_owned());
        let bind_addr = bind
            .parse()
            .map_err(|_| format!("BIND_ADDR {bind:?} is not an address like 0.0.0.0:3000"))?;
        Ok(Some(EngageEnv { bind_addr, ..env }))
    }

    /// The handover configuration for this Engage.
    pub fn config(&self) -> ringcentral_engage::Result<EngageConfigBuilder> {
        let client = match &self.api {
            Api::Url(url) => Client::builder().base_url(url),
            Api::Domain(domain) => Client::for_domain(domain),
        }
        .access_token(self.access_token.clone())
        .build()?;
        let mut config = EngageConfig::builder(
            client,
            self.source_id.as_str(),
            self.realtime_url.as_str(),
            self.realtime_token.clone(),
            self.bot_category.as_str(),
            self.agent_category.as_str(),
            WebhookConfig::new(self.verify_token.clone(), self.webhook_secret.clone()),
        );
        if let Some(channel) = &self.channel_id {
            config = config.availability_check(ChannelSelector::Id(ChannelId::new(channel.as_str())));
        }
        Ok(config)
    }
}

/// The webhook secret and verify token the examples give their own simulator: throwaway
/// values, new at each start.
pub fn throwaway_webhook_credentials() -> (Secret, Secret) {
    let token = |prefix: &str| Secret::new(format!("{prefix}-{:016x}", fastrand::u64(..)));
    (token("sim-webhook-secret"), token("sim-verify-token"))
}

/// The handover configuration for a running simulator, checking availability on its channel.
pub fn simulator_config(sim: &SimHandle, secret: &Secret, verify: &Secret) -> EngageConfigBuilder {
    let client = Client::builder()
        .base_url(sim.api_url())
        .access_token(sim.access_token())
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(20)))
        .build()
        .expect("the simulator's URL and token are valid");
    EngageConfig::builder(
        client,
        sim.source_id(),
        sim.realtime_url(),
        sim.realtime_token(),
        sim.bot_category_id(),
        sim.agent_category_id(),
        WebhookConfig::new(verify.clone(), secret.clone()),
    )
    .availability_check(ChannelSelector::Id(sim.channel_id()))
    .retries(10, Duration::from_millis(20))
}

/// Points the simulator at a service listening on `addr` (default paths); an error when the
/// service did not answer the `implementation.info` call or the webhook validation.
pub async fn connect_simulator(
    sim: &SimHandle,
    addr: SocketAddr,
    secret: &Secret,
    verify: &Secret,
) -> Result<(), String> {
    let sdk = format!("http://{addr}/engage/sdk");
    if !sim.set_sdk_endpoint(sdk.clone()).await {
        return Err(format!("the simulator could not reach the SDK endpoint {sdk}"));
    }
    let webhook = format!("http://{addr}/engage/webhook");
    if !sim
        .set_webhook(webhook.clone(), secret.clone(), verify.clone())
        .await
    {
        return Err(format!("the simulator could not validate the webhook {webhook}"));
    }
    Ok(())
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
