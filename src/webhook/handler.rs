//! The ways to hand webhook events to the application: [`EventHandler`], [`handler_fn`],
//! [`ChannelHandler`].

use std::future::Future;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::mpsc;

use super::events::Event;
use crate::inbound::HandlerError;
use crate::models::DomainId;

/// The new events of one delivery, as handed to the application.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct WebhookBatch {
    /// The delivery's id.
    pub request_id: Option<String>,
    /// The Engage domain the events come from.
    pub domain_id: Option<DomainId>,
    /// The events not seen before, sorted by `issued_at` unless configured otherwise. May
    /// include [`Event::Unknown`] and [`Event::Malformed`] events.
    pub events: Vec<Event>,
    /// How many events of the delivery were dropped as duplicates.
    pub duplicates: usize,
}

/// Takes the events of each delivery. Returning `Ok` means the application now owns them
/// (processed, or stored durably): the receiver answers 200 and remembers the events as
/// handled. Returning `Err` makes the receiver answer 500 (or the error's 5xx) so Engage
/// delivers them again, except a fatal [`HandlerError::Resource`], which drops them (200).
///
/// Keep it quick: Engage expects a fast answer, and its docs advise queueing the work.
#[async_trait]
pub trait EventHandler: Send + Sync + 'static {
    /// Takes one batch.
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError>;
}

/// An [`EventHandler`] made from an async closure; see [`handler_fn`].
pub struct FnHandler<F>(F);

/// Wraps an async closure `Fn(WebhookBatch) -> Future<Output = Result<(), HandlerError>>` as an
/// [`EventHandler`].
pub fn handler_fn<F, Fut>(f: F) -> FnHandler<F>
where
    F: Fn(WebhookBatch) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
{
    FnHandler(f)
}

#[async_trait]
impl<F, Fut> EventHandler for FnHandler<F>
where
    F: Fn(WebhookBatch) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(), HandlerError>> + Send + 'static,
{
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError> {
        (self.0)(batch).await
    }
}

/// An [`EventHandler`] that sends each batch into a bounded tokio channel.
///
/// A full channel makes the delivery wait (back-pressure); a batch counts as handed over once
/// it is in the channel. With [`ChannelHandler::send_timeout`], a delivery that waits too long
/// is answered 500 instead (Engage retries). A closed channel is answered 500 too.
#[derive(Debug, Clone)]
pub struct ChannelHandler {
    tx: mpsc::Sender<WebhookBatch>,
    send_timeout: Option<Duration>,
}

impl ChannelHandler {
    /// Sends into `tx`, waiting as long as it takes for room.
    pub fn new(tx: mpsc::Sender<WebhookBatch>) -> Self {
        ChannelHandler {
            tx,
            send_timeout: None,
        }
    }

    /// Gives up (answering 500) when the channel has no room within `timeout`.
    pub fn send_timeout(mut self, timeout: Duration) -> Self {
        self.send_timeout = Some(timeout);
        self
    }
}

#[async_trait]
impl EventHandler for ChannelHandler {
    async fn handle(&self, batch: WebhookBatch) -> Result<(), HandlerError> {
        let send = self.tx.send(batch);
        let sent = match self.send_timeout {
            Some(limit) => tokio::time::timeout(limit, send)
                .await
                .map_err(|_| HandlerError::internal("the webhook channel stayed full"))?,
            None => send.await,
        };
        sent.map_err(|_| HandlerError::internal("the webhook channel is closed"))
    }
}
