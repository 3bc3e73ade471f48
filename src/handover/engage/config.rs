//! [`EngageConfig`]: everything [`EngageHandover`](super::EngageHandover) needs to know.

use std::time::Duration;

use crate::api::ChannelSelector;
use crate::client::env::{EnvError, EnvReader};
use crate::handover::event::AfterEnd;
use crate::models::{CategoryId, SourceId};
use crate::profile::ProfileMapper;
use crate::sdk::send::SendClient;
use crate::webhook::WebhookConfig;
use crate::{Client, Error, Result, RetryPolicy, Secret};

const SOURCE_ID: &str = "ENGAGE_SOURCE_ID";
const REALTIME_URL: &str = "ENGAGE_REALTIME_URL";
const REALTIME_TOKEN: &str = "ENGAGE_REALTIME_TOKEN";
const BOT_CATEGORY: &str = "ENGAGE_BOT_CATEGORY_ID";
const AGENT_CATEGORY: &str = "ENGAGE_AGENT_CATEGORY_ID";
const WEBHOOK_VERIFY_TOKEN: &str = "ENGAGE_WEBHOOK_VERIFY_TOKEN";
const WEBHOOK_SECRET: &str = "ENGAGE_WEBHOOK_SECRET";
const CHANNEL_ID: &str = "ENGAGE_CHANNEL_ID";

/// The longest wait between two thread lookups or two outbox retries.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(10);

/// Whether conversations are copied to Engage before a handover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum MirrorMode {
    /// Only handed-over conversations reach Engage; the transcript is sent at handover.
    #[default]
    ForwardOnly,
    /// The bot mirrors every conversation (with [`EngageHandover::mirror`](super::EngageHandover::mirror))
    /// into the Bot category from the start; a handover only moves the thread to agents.
    MirrorAll,
}

/// What happens when an agent joined but never wrote within the no-show timeout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NoShowAction {
    /// Emit a [`Notice`](crate::handover::HandoverEvent::Notice) and keep waiting.
    Notify,
    /// Cancel the intervention and end the handover with
    /// [`EndReason::Timeout`](crate::handover::EndReason::Timeout).
    End,
}

/// Settings of an [`EngageHandover`](super::EngageHandover); build them with
/// [`EngageConfig::builder`].
#[derive(Debug, Clone)]
pub struct EngageConfig {
    pub(crate) client: Client,
    pub(crate) send: SendClient,
    pub(crate) source_id: SourceId,
    pub(crate) realtime_token: Secret,
    pub(crate) bot_category: CategoryId,
    pub(crate) agent_category: CategoryId,
    pub(crate) extra_categories: Vec<CategoryId>,
    pub(crate) high_priority_category: Option<CategoryId>,
    pub(crate) webhook: WebhookConfig,
    pub(crate) mode: MirrorMode,
    pub(crate) availability_channel: Option<ChannelSelector>,
    pub(crate) features: super::features::Features,
    pub(crate) queue_update_interval: Option<Duration>,
    pub(crate) no_show: Option<(Duration, NoShowAction)>,
    pub(crate) return_to_bot: bool,
    pub(crate) after_end: AfterEnd,
    pub(crate) thread_lookup_attempts: u32,
    /// Backoff of thread lookups and outbox retries (its `max_retries` is unused).
    pub(crate) retry: RetryPolicy,
    pub(crate) bot_author_id: String,
    pub(crate) bot_author_name: String,
    pub(crate) mapper: ProfileMapper,
    pub(crate) event_buffer: usize,
    pub(crate) sdk_path: String,
    pub(crate) webhook_path: String,
}

impl EngageConfig {
    /// Starts a configuration. Seven settings are required, each with its own setter:
    /// [`client`](EngageConfigBuilder::client), [`source_id`](EngageConfigBuilder::source_id),
    /// [`realtime_url`](EngageConfigBuilder::realtime_url),
    /// [`realtime_token`](EngageConfigBuilder::realtime_token),
    /// [`bot_category`](EngageConfigBuilder::bot_category),
    /// [`agent_category`](EngageConfigBuilder::agent_category) and
    /// [`webhook`](EngageConfigBuilder::webhook); [`build`](EngageConfigBuilder::build) names
    /// the first one missing or wrong. [`EngageConfig::from_env`] reads them all from the
    /// environment.
    ///
    /// ```
    /// use ringcentral_engage::handover::EngageConfig;
    /// use ringcentral_engage::{webhook::WebhookConfig, Client};
    ///
    /// # fn main() -> ringcentral_engage::Result<()> {
    /// let config = EngageConfig::builder()
    ///     .client(Client::for_domain("acme").access_token("api-token").build()?)
    ///     .source_id("8da592bc6fcf8bae41b2")
    ///     .realtime_url("https://acme.engagement.dimelo.com/realtime/sdk/8da592bc6fcf8bae41b2")
    ///     .realtime_token("realtime-token")
    ///     .bot_category("5f1e6b3a8c9d")
    ///     .agent_category("5f1e6b3a8c9e")
    ///     .webhook(WebhookConfig::new("verify-token", "webhook-secret"))
    ///     .build()?;
    /// # let _ = config; Ok(()) }
    /// ```
    pub fn builder() -> EngageConfigBuilder {
        EngageConfigBuilder {
            client: None,
            source_id: None,
            realtime_url: None,
            realtime_token: None,
            bot_category: None,
            agent_category: None,
            webhook: None,
            extra_categories: Vec::new(),
            high_priority_category: None,
            mode: MirrorMode::default(),
            availability_channel: None,
            features: Default::default(),
            queue_update_interval: None,
            no_show: None,
            return_to_bot: true,
            after_end: AfterEnd::BackToBot,
            thread_lookup_attempts: 8,
            retry_delay: Duration::from_millis(200),
            bot_author_id: "bot".to_owned(),
            bot_author_name: "Bot".to_owned(),
            mapper: ProfileMapper::new(),
            event_buffer: 1024,
            sdk_path: "/engage/sdk".to_owned(),
            webhook_path: "/engage/webhook".to_owned(),
            http: None,
        }
    }

    /// Every variable [`from_env`](Self::from_env) reads (the REST client's included).
    pub const ENV_VARIABLES: [&'static str; 11] = [
        crate::client::env::API_URL,
        crate::client::env::DOMAIN,
        crate::client::env::ACCESS_TOKEN,
        SOURCE_ID,
        REALTIME_URL,
        REALTIME_TOKEN,
        BOT_CATEGORY,
        AGENT_CATEGORY,
        WEBHOOK_VERIFY_TOKEN,
        WEBHOOK_SECRET,
        CHANNEL_ID,
    ];

    /// A configuration read from the process environment, ready for optional settings and
    /// [`build`](EngageConfigBuilder::build):
    ///
    /// | variable | setting |
    /// |---|---|
    /// | `ENGAGE_API_URL` or `ENGAGE_DOMAIN`, and `ENGAGE_ACCESS_TOKEN` | [`client`](EngageConfigBuilder::client) (see [`Client::from_env`]) |
    /// | `ENGAGE_SOURCE_ID` | [`source_id`](EngageConfigBuilder::source_id) |
    /// | `ENGAGE_REALTIME_URL` | [`realtime_url`](EngageConfigBuilder::realtime_url) |
    /// | `ENGAGE_REALTIME_TOKEN` | [`realtime_token`](EngageConfigBuilder::realtime_token) |
    /// | `ENGAGE_BOT_CATEGORY_ID` | [`bot_category`](EngageConfigBuilder::bot_category) |
    /// | `ENGAGE_AGENT_CATEGORY_ID` | [`agent_category`](EngageConfigBuilder::agent_category) |
    /// | `ENGAGE_WEBHOOK_VERIFY_TOKEN`, `ENGAGE_WEBHOOK_SECRET` | [`webhook`](EngageConfigBuilder::webhook) |
    /// | `ENGAGE_CHANNEL_ID` (optional) | [`availability_check`](EngageConfigBuilder::availability_check) on that channel |
    ///
    /// Values are trimmed, and a blank one counts as missing. The error lists every missing or
    /// invalid variable at once (the same checks as `build`), never a value.
    ///
    /// ```no_run
    /// use ringcentral_engage::handover::{EngageConfig, EngageHandover};
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let handover = EngageHandover::new(EngageConfig::from_env()?.build()?);
    /// # let _ = handover; Ok(()) }
    /// ```
    pub fn from_env() -> std::result::Result<EngageConfigBuilder, EnvError> {
        EngageConfig::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), with the variables given by `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> std::result::Result<EngageConfigBuilder, EnvError> {
        let mut env = EnvReader::new(&lookup);
        let client = env.client();
        let mut builder = EngageConfig::builder();
        builder.client = client;
        // Unset or blank variables leave their setting unset; `problems()` then reports them
        // once, under the variable's name.
        let mut variables = vec![("client", "ENGAGE_ACCESS_TOKEN")];
        let mut read = |variable: &'static str, setting: &'static str| {
            variables.push((setting, variable));
            env.optional(variable)
        };
        builder.source_id = read(SOURCE_ID, "source_id").map(SourceId::new);
        builder.realtime_url = read(REALTIME_URL, "realtime_url");
        builder.realtime_token = read(REALTIME_TOKEN, "realtime_token").map(Secret::new);
        builder.bot_category = read(BOT_CATEGORY, "bot_category").map(CategoryId::new);
        builder.agent_category = read(AGENT_CATEGORY, "agent_category").map(CategoryId::new);
        let verify = read(WEBHOOK_VERIFY_TOKEN, "webhook_verify_token");
        let secret = read(WEBHOOK_SECRET, "webhook_secret");
        let channel = env.optional(CHANNEL_ID);
        builder.webhook = Some(WebhookConfig::new(
            verify.unwrap_or_default(),
            secret.unwrap_or_default(),
        ));
        if let Some(channel) = channel {
            builder = builder.availability_check(ChannelSelector::Id(channel.into()));
        }
        for (setting, reason) in builder.problems() {
            // The client's own problems were recorded by `env.client()`.
            if setting == "client" {
                continue;
            }
            let variable = variables
                .iter()
                .find(|(name, _)| *name == setting)
                .map_or(setting, |(_, variable)| *variable);
            let reason = if reason == "is required" || reason == "must not be empty" {
                "is missing or empty".to_owned()
            } else {
                reason
            };
            env.problem(variable, reason);
        }
        env.finish(builder)
    }

    /// The path the SDK endpoint is served on (default `/engage/sdk`).
    pub fn sdk_path(&self) -> &str {
        &self.sdk_path
    }

    /// The path the webhook endpoint is served on (default `/engage/webhook`).
    pub fn webhook_path(&self) -> &str {
        &self.webhook_path
    }
}

/// Builds an [`EngageConfig`].
#[derive(Debug)]
#[must_use]
pub struct EngageConfigBuilder {
    client: Option<Client>,
    source_id: Option<SourceId>,
    realtime_url: Option<String>,
    realtime_token: Option<Secret>,
    bot_category: Option<CategoryId>,
    agent_category: Option<CategoryId>,
    webhook: Option<WebhookConfig>,
    extra_categories: Vec<CategoryId>,
    high_priority_category: Option<CategoryId>,
    mode: MirrorMode,
    availability_channel: Option<ChannelSelector>,
    pub(super) features: super::features::Features,
    queue_update_interval: Option<Duration>,
    no_show: Option<(Duration, NoShowAction)>,
    return_to_bot: bool,
    after_end: AfterEnd,
    thread_lookup_attempts: u32,
    retry_delay: Duration,
    bot_author_id: String,
    bot_author_name: String,
    mapper: ProfileMapper,
    event_buffer: usize,
    sdk_path: String,
    webhook_path: String,
    http: Option<reqwest::Client>,
}

impl EngageConfigBuilder {
    /// Required: the REST API client (its access token needs the rights to search threads,
    /// update their categories, read users and close interventions).
    pub fn client(mut self, client: Client) -> Self {
        self.client = Some(client);
        self
    }

    /// Required: the id of the Engage Digital Source SDK source.
    pub fn source_id(mut self, id: impl Into<SourceId>) -> Self {
        self.source_id = Some(id.into());
        self
    }

    /// Required: the source's realtime endpoint URL (`https://acme.engagement.dimelo.com/realtime/sdk/{source_id}`,
    /// or just the host). `https` is required, except on a loopback host (a local simulator).
    pub fn realtime_url(mut self, url: impl Into<String>) -> Self {
        self.realtime_url = Some(url.into());
        self
    }

    /// Required: the source's realtime access token, which signs every SDK call both ways.
    pub fn realtime_token(mut self, token: impl Into<Secret>) -> Self {
        self.realtime_token = Some(token.into());
        self
    }

    /// Required: the Bot category, the source's default category, which no agent is routed.
    pub fn bot_category(mut self, id: impl Into<CategoryId>) -> Self {
        self.bot_category = Some(id.into());
        self
    }

    /// Required: the Agent category, which the routing sends to agents. Must differ from the
    /// Bot category.
    pub fn agent_category(mut self, id: impl Into<CategoryId>) -> Self {
        self.agent_category = Some(id.into());
        self
    }

    /// Required: the webhook's verify token and secret (see [`WebhookConfig::new`]).
    pub fn webhook(mut self, webhook: WebhookConfig) -> Self {
        self.webhook = Some(webhook);
        self
    }

    /// Categories added to every handed-over thread on top of the Agent category.
    pub fn extra_categories(mut self, categories: impl IntoIterator<Item = CategoryId>) -> Self {
        self.extra_categories = categories.into_iter().collect();
        self
    }

    /// The category added to threads handed over with [`Priority::High`]. Engage has no
    /// per-thread priority in its API: give this category a priority boost in the routing
    /// topology. Without it, the request's priority is not sent to Engage.
    ///
    /// [`Priority::High`]: crate::handover::Priority::High
    pub fn high_priority_category(mut self, category: impl Into<CategoryId>) -> Self {
        self.high_priority_category = Some(category.into());
        self
    }

    /// Forward-only (default) or mirror-all mode.
    pub fn mode(mut self, mode: MirrorMode) -> Self {
        self.mode = mode;
        self
    }

    /// Checks agent availability on this channel before each handover (`GET /status`); with
    /// no agent available the handover fails before anything is sent. Off by default.
    pub fn availability_check(mut self, channel: ChannelSelector) -> Self {
        self.availability_channel = Some(channel);
        self
    }

    /// How often Engage is expected to send queue updates; when none came for three intervals
    /// while queued, a [`Notice`](crate::handover::HandoverEvent::Notice) says so.
    pub fn queue_update_interval(mut self, interval: Duration) -> Self {
        self.queue_update_interval = Some(interval);
        self
    }

    /// What to do when an agent joined but wrote nothing within `timeout`.
    pub fn agent_no_show(mut self, timeout: Duration, action: NoShowAction) -> Self {
        self.no_show = Some((timeout, action));
        self
    }

    /// Whether the thread goes back to the Bot category when the handover ends (default true).
    pub fn return_to_bot(mut self, yes: bool) -> Self {
        self.return_to_bot = yes;
        self
    }

    /// What happens after the end (default [`AfterEnd::BackToBot`]). With
    /// [`AfterEnd::ConversationOver`], a handover the bot or the user ends also closes the
    /// Engage thread.
    pub fn after_end(mut self, next: AfterEnd) -> Self {
        self.after_end = next;
        self
    }

    /// How many times to look for the thread after sending the first messages (Engage imports
    /// them asynchronously), and the base delay between attempts and between outbox retries.
    pub fn retries(mut self, thread_lookup_attempts: u32, delay: Duration) -> Self {
        self.thread_lookup_attempts = thread_lookup_attempts.max(1);
        self.retry_delay = delay;
        self
    }

    /// The author of the bot's lines of the transcript (default id `bot`, name `Bot`).
    pub fn bot_author(mut self, id: impl Into<String>, screenname: impl Into<String>) -> Self {
        self.bot_author_id = id.into();
        self.bot_author_name = screenname.into();
        self
    }

    /// How contact profiles become Engage users.
    pub fn profile_mapper(mut self, mapper: ProfileMapper) -> Self {
        self.mapper = mapper;
        self
    }

    /// How many events a slow [`events`](crate::handover::HandoverProvider::events) subscriber may
    /// lag behind before Engage's calls wait for it (default 1024).
    pub fn event_buffer(mut self, events: usize) -> Self {
        self.event_buffer = events.max(1);
        self
    }

    /// The paths [`handle`](super::EngageHandover::handle) serves (defaults `/engage/sdk` and
    /// `/engage/webhook`).
    pub fn paths(mut self, sdk: impl Into<String>, webhook: impl Into<String>) -> Self {
        self.sdk_path = sdk.into();
        self.webhook_path = webhook.into();
        self
    }

    /// The HTTP client for the Send API (default: a new one with 30 s / 10 s timeouts).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// What is wrong with the settings, as `(setting, reason)` pairs, in setter order.
    pub(super) fn problems(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        let mut check = |setting: &'static str, reason: Option<String>| {
            if let Some(reason) = reason {
                problems.push((setting, reason));
            }
        };
        let required = "is required";
        check("client", self.client.is_none().then(|| required.to_owned()));
        check("source_id", blank(self.source_id.as_ref().map(|id| id.as_str())));
        check(
            "realtime_url",
            self.realtime_url
                .as_deref()
                .map_or(Some(required.to_owned()), realtime_url_problem),
        );
        check(
            "realtime_token",
            blank(self.realtime_token.as_ref().map(Secret::expose)),
        );
        check(
            "bot_category",
            blank(self.bot_category.as_ref().map(|id| id.as_str())),
        );
        check(
            "agent_category",
            blank(self.agent_category.as_ref().map(|id| id.as_str())),
        );
        if matches!((&self.bot_category, &self.agent_category), (Some(bot), Some(agent)) if bot == agent && !bot.as_str().trim().is_empty())
        {
            check("agent_category", Some("must differ from bot_category".to_owned()));
        }
        match &self.webhook {
            None => check("webhook", Some(required.to_owned())),
            Some(webhook) => {
                if webhook.verify_token().expose().trim().is_empty() {
                    check("webhook_verify_token", Some("must not be empty".to_owned()));
                }
                if webhook
                    .secret()
                    .is_some_and(|secret| secret.expose().trim().is_empty())
                {
                    check(
                        "webhook_secret",
                        Some(
                            "must not be empty (WebhookConfig::insecure_without_secret receives without one)"
                                .to_owned(),
                        ),
                    );
                }
            }
        }
        let mut extra = self.extra_categories.iter().chain(&self.high_priority_category);
        if extra.any(|id| id.as_str().trim().is_empty()) {
            check(
                "extra_categories",
                Some("must not contain an empty category id".to_owned()),
            );
        }
        for (name, path) in [("sdk_path", &self.sdk_path), ("webhook_path", &self.webhook_path)] {
            if !path.starts_with('/') {
                check(name, Some("must start with '/'".to_owned()));
            }
        }
        if self.sdk_path == self.webhook_path {
            check("webhook_path", Some("must differ from sdk_path".to_owned()));
        }
        problems
    }

    /// Checks the settings; the error names the first setting that is missing or wrong
    /// ([`Error::InvalidArgument`]).
    pub fn build(self) -> Result<EngageConfig> {
        if let Some((setting, reason)) = self.problems().into_iter().next() {
            return Err(Error::invalid_argument(setting, reason));
        }
        let (
            Some(client),
            Some(source_id),
            Some(realtime_url),
            Some(realtime_token),
            Some(bot_category),
            Some(agent_category),
            Some(webhook),
        ) = (
            self.client,
            self.source_id,
            self.realtime_url,
            self.realtime_token,
            self.bot_category,
            self.agent_category,
            self.webhook,
        )
        else {
            // `problems()` reports every missing required setting first; kept as an error
            // rather than a panic all the same.
            return Err(Error::invalid_argument("client", "a required setting is missing"));
        };
        let mut send = SendClient::builder()
            .realtime_url(realtime_url)
            .source_id(source_id.as_str())
            .access_token(realtime_token.clone());
        if let Some(http) = self.http {
            send = send.http_client(http);
        }
        // The Send API client names its own settings; say them as this builder's.
        let send = send.build().map_err(|error| match error {
            Error::InvalidArgument { name, reason } => Error::invalid_argument(
                match name {
                    "access_token" => "realtime_token",
                    "source_id" => "source_id",
                    _ => "realtime_url",
                },
                reason,
            ),
            other => other,
        })?;
        Ok(EngageConfig {
            client,
            send,
            source_id,
            realtime_token,
            bot_category,
            agent_category,
            extra_categories: self.extra_categories,
            high_priority_category: self.high_priority_category,
            webhook,
            mode: self.mode,
            availability_channel: self.availability_channel,
            features: self.features.validate()?,
            queue_update_interval: self.queue_update_interval,
            no_show: self.no_show,
            return_to_bot: self.return_to_bot,
            after_end: self.after_end,
            thread_lookup_attempts: self.thread_lookup_attempts,
            retry: RetryPolicy::default()
                .base_delay(self.retry_delay)
                .max_delay(MAX_RETRY_DELAY),
            bot_author_id: self.bot_author_id,
            bot_author_name: self.bot_author_name,
            mapper: self.mapper,
            event_buffer: self.event_buffer,
            sdk_path: self.sdk_path,
            webhook_path: self.webhook_path,
        })
    }
}

/// `Some("must not be empty")` for a blank value, `Some("is required")` for none.
fn blank(value: Option<&str>) -> Option<String> {
    match value {
        None => Some("is required".to_owned()),
        Some(v) if v.trim().is_empty() => Some("must not be empty".to_owned()),
        Some(_) => None,
    }
}

/// What is wrong with a realtime URL: not a URL, or not `https` on a host other than loopback
/// (the realtime token signs what goes there, and Engage serves it over TLS only).
fn realtime_url_problem(url: &str) -> Option<String> {
    if url.trim().is_empty() {
        return Some("must not be empty".to_owned());
    }
    let parsed = match url::Url::parse(url.trim()) {
        Ok(parsed) => parsed,
        Err(error) => return Some(format!("is not a URL ({error})")),
    };
    let loopback = match parsed.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    match parsed.scheme() {
        "https" => None,
        "http" if loopback => None,
        "http" => Some("must use https (http is accepted only on a loopback host)".to_owned()),
        _ => Some("must be an https URL".to_owned()),
    }
}
