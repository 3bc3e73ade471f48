//! The Channel (Source) SDK endpoint alone: Engage calls it when an agent writes to a
//! conversation of your source; it checks the signature, answers with the signed created
//! message, and prints the agent's text. Set the source's Base URI to `http://<host>:3000/sdk`.
//!
//! ```sh
//! ENGAGE_REALTIME_TOKEN=... cargo run --example sdk_endpoint
//! ```

use std::sync::Arc;

use async_trait::async_trait;
use ringcentral_engage::inbound::{serve, ServeOptions};
use ringcentral_engage::sdk::objects::{Created, PostedMessage};
use ringcentral_engage::sdk::{Capabilities, HandlerError, Resource, SdkEndpoint, SourceHandler};
use ringcentral_engage::Secret;

struct Printer;

#[async_trait]
impl SourceHandler for Printer {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new().resource(Resource::Messages, ["create"])
    }

    async fn create_message(&self, posted: PostedMessage) -> Result<Created, HandlerError> {
        let text = posted.body.unwrap_or_default();
        println!("{}: {text}", posted.sender_name.as_deref().unwrap_or("agent"));
        let id = format!("sdk-{:016x}", fastrand::u64(..)); // our id for it, kept by Engage
        Ok(match posted.thread_id {
            Some(thread) => Created::new(id).thread_id(thread),
            None => Created::new(id),
        })
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("ENGAGE_REALTIME_TOKEN").map_err(|_| "set ENGAGE_REALTIME_TOKEN")?;
    let endpoint = SdkEndpoint::new(&Secret::new(token), Arc::new(Printer));
    let app = ringcentral_engage::sdk::axum::router("/sdk", endpoint);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?;
    serve(listener, app, ServeOptions::new(), std::future::pending()).await?;
    Ok(())
}
