//! The webhook receiver alone: answers Engage's validation handshake, checks the
//! `X-Dimelo-Secret` of every delivery, drops duplicates and prints each new event. Register
//! `http://<host>:3000/webhook` in Engage's webhook settings, with the same secret and verify
//! token.
//!
//! ```sh
//! ENGAGE_WEBHOOK_SECRET=... ENGAGE_WEBHOOK_VERIFY_TOKEN=... cargo run --example webhook_receiver
//! ```

use ringcentral_engage::webhook::{handler_fn, WebhookBatch, WebhookConfig, WebhookReceiver};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
    let config = WebhookConfig::new(var("ENGAGE_WEBHOOK_VERIFY_TOKEN")?, var("ENGAGE_WEBHOOK_SECRET")?);
    let receiver = WebhookReceiver::new(
        config,
        handler_fn(|batch: WebhookBatch| async move {
            for event in &batch.events {
                // Typed accessors per event family; `event_type()` is Engage's name for it.
                println!(
                    "{} thread={:?} by={:?}",
                    event.event_type(),
                    event.thread_id(),
                    event.user_id()
                );
            }
            Ok(()) // an error here answers 500, and Engage delivers the batch again later
        }),
    );
    let app =
        axum::Router::new().nest_service("/webhook", ringcentral_engage::webhook::axum::router(receiver));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    // The crate's server loop: header and body read timeouts against clients that stall.
    ringcentral_engage::inbound::serve(listener, app, Default::default(), std::future::pending()).await?;
    Ok(())
}
