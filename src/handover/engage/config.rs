//! [`EngageConfig`]: everything [`EngageHandover`](super::EngageHandover) needs to know.

use std::time::Duration;

use crate::api::ChannelSelector;
use crate::handover::event::AfterEnd;
use crate::models::{CategoryId, SourceId};
use crate::profile::ProfileMapper;
use crate::sdk::send::SendClient;
use crate::webhook::WebhookConfig;
use crate::{Client, Error, Result, RetryPolicy, Secret};

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
    /// Starts a configuration from what every Engage handover needs: the REST client, the
    /// Source SDK source (id, realtime endpoint URL and realtime access token), the Bot and
    /// Agent categories, and the webhook's verify token and secret (see
    /// [`WebhookConfig::new`]).
    pub fn builder(
        client: Client,
        source_id: impl Into<SourceId>,
        realtime_url: impl Into<String>,
        realtime_token: impl Into<Secret>,
        bot_category: impl Into<CategoryId>,
        agent_category: impl Into<CategoryId>,
        webhook: WebhookConfig,
    ) -> EngageConfigBuilder {
        EngageConfigBuilder {
            client,
            source_id: source_id.into(),
            realtime_url: realtime_url.into(),
            realtime_token: realtime_token.into(),
            bot_category: bot_category.into(),
            agent_category: agent_category.into(),
            webhook,
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
    client: Client,
    source_id: SourceId,
    realtime_url: String,
    realtime_token: Secret,
    bot_category: CategoryId,
    agent_category: CategoryId,
    webhook: WebhookConfig,
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

    /// Checks the settings.
    pub fn build(self) -> Result<EngageConfig> {
        if self.bot_category == self.agent_category {
            return Err(Error::invalid_argument(
                "agent_category",
                "must differ from the Bot category",
            ));
        }
        for (name, path) in [("sdk_path", &self.sdk_path), ("webhook_path", &self.webhook_path)] {
            if !path.starts_with('/') {
                return Err(Error::invalid_argument(name, "must start with '/'"));
            }
        }
        if self.sdk_path == self.webhook_path {
            return Err(Error::invalid_argument(
                "webhook_path",
                "must differ from the SDK path",
            ));
        }
        let mut send = SendClient::builder()
            .realtime_url(self.realtime_url)
            .source_id(self.source_id.as_str())
            .access_token(self.realtime_token.clone());
        if let Some(http) = self.http {
            send = send.http_client(http);
        }
        Ok(EngageConfig {
            client: self.client,
            send: send.build()?,
            source_id: self.source_id,
            realtime_token: self.realtime_token,
            bot_category: self.bot_category,
            agent_category: self.agent_category,
            extra_categories: self.extra_categories,
            high_priority_category: self.high_priority_category,
            webhook: self.webhook,
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
