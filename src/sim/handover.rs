//! Wiring an [`EngageHandover`] to a running simulator: its configuration, and pointing the
//! simulator's SDK calls and webhook at it. The crate's own tests, benches and examples use
//! these; so can a bot's end-to-end tests.

use std::net::SocketAddr;
use std::time::Duration;

use super::SimHandle;
use crate::handover::{EngageConfig, EngageConfigBuilder, EngageHandover};
use crate::webhook::WebhookConfig;
use crate::{Client, RetryPolicy, Secret};

/// The simulator did not accept a handover service.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SimConnectError {
    /// Serving the handover failed (binding `127.0.0.1:0`).
    #[error("could not serve the handover: {0}")]
    Serve(#[from] std::io::Error),
    /// The service did not answer the SDK endpoint's `implementation.info` call validly.
    #[error("the simulator could not reach the SDK endpoint {0}")]
    SdkEndpoint(String),
    /// The service did not echo the webhook validation challenge.
    #[error("the simulator could not validate the webhook {0}")]
    Webhook(String),
}

impl SimHandle {
    /// A handover configuration for this simulator: a REST client (short retry delays, no
    /// client-side rate limiter: the simulator enforces its own), its source, realtime URL and
    /// token, Bot and Agent categories, fresh random webhook credentials, and short thread-lookup
    /// retries. Change anything with the builder's setters before [`build`](EngageConfigBuilder::build).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// use ringcentral_engage::handover::EngageHandover;
    /// use ringcentral_engage::sim::EngageSimulator;
    ///
    /// let sim = EngageSimulator::builder().start().await?;
    /// let handover = EngageHandover::new(sim.handover_config().build()?);
    /// let addr = sim.serve_handover(&handover).await?; // serves it and points the simulator at it
    /// # let _ = addr; Ok(()) }
    /// ```
    pub fn handover_config(&self) -> EngageConfigBuilder {
        let client = Client::builder()
            .base_url(self.api_url())
            .access_token(self.access_token())
            .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(10)))
            .no_rate_limiter()
            .build();
        let token = |prefix: &str| Secret::new(format!("{prefix}-{:016x}", fastrand::u64(..)));
        let mut config = EngageConfig::builder();
        // The simulator's URL and token always make a valid client; were it not so, `build`
        // would name the missing `client`.
        if let Ok(client) = client {
            config = config.client(client);
        }
        config
            .source_id(self.source_id())
            .realtime_url(self.realtime_url())
            .realtime_token(self.realtime_token())
            .bot_category(self.bot_category_id())
            .agent_category(self.agent_category_id())
            .webhook(WebhookConfig::new(
                token("sim-verify-token"),
                token("sim-webhook-secret"),
            ))
            .retries(10, Duration::from_millis(10))
    }

    /// Points the simulator at a handover service reachable at `base_url`
    /// (`http://127.0.0.1:3000`): its SDK endpoint and its webhook, on the paths and with the
    /// webhook credentials of `config`. Fails when the service does not answer
    /// `implementation.info` or the webhook validation.
    pub async fn connect_handover(
        &self,
        base_url: &str,
        config: &EngageConfig,
    ) -> Result<(), SimConnectError> {
        let base = base_url.trim_end_matches('/');
        let sdk = format!("{base}{}", config.sdk_path());
        if !self.set_sdk_endpoint(sdk.clone()).await {
            return Err(SimConnectError::SdkEndpoint(sdk));
        }
        let webhook_url = format!("{base}{}", config.webhook_path());
        let webhook = &config.webhook;
        let secret = webhook.secret().cloned().unwrap_or_else(|| Secret::new(""));
        if !self
            .set_webhook(webhook_url.clone(), secret, webhook.verify_token().clone())
            .await
        {
            return Err(SimConnectError::Webhook(webhook_url));
        }
        Ok(())
    }

    /// Serves `handover`'s [`router`](EngageHandover::router) on `127.0.0.1` (a free port), in
    /// a task that lives as long as the runtime, and [connects](Self::connect_handover) the
    /// simulator to it. Returns the address.
    pub async fn serve_handover(&self, handover: &EngageHandover) -> Result<SocketAddr, SimConnectError> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let router = handover.router();
        tokio::spawn(async move {
            let options = crate::inbound::ServeOptions::new();
            if let Err(error) = crate::inbound::serve(listener, router, options, std::future::pending()).await
            {
                tracing::warn!(%error, "the simulator's handover server stopped");
            }
        });
        self.connect_handover(&format!("http://{addr}"), handover.config())
            .await?;
        Ok(addr)
    }
}
