//! The Channel (Source) SDK endpoint alone: Engage calls it when an agent writes to a
//! conversation of your source; it checks the signature, answers with the signed created
//! message, and prints the agent's text. Set the source's Base URI to `http://<host>:3000/sdk`.
//!
//! ```sh
//! ENGAGE_REALTIME_TOKEN=... cargo run --example sdk_endpoint
//! ```

use std::sync::Arc;

use async_trait::async_trait;
use ringcentral_engage::sdk::objects::{Message, PostedMessage, User};
use ringcentral_engage::sdk::{Capabilities, HandlerError, Resource, SdkEndpoint, SourceHandler};
use ringcentral_engage::Secret;

struct Printer;

#[async_trait]
impl SourceHandler for Printer {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new().resource(Resource::Messages, ["create"])
    }

    async fn create_message(&self, posted: PostedMessage) -> Result<Message, HandlerError> {
        let text = posted.body.unwrap_or_default();
        println!("{}: {text}", posted.sender_name.as_deref().unwrap_or("agent"));
        let now = time::OffsetDateTime::now_utc();
        let author =
            User::new("agent", "Agent", now, now).map_err(|e| HandlerError::internal(e.to_string()))?;
        let id = format!("sdk-{:016x}", fastrand::u64(..)); // our id for it, kept by Engage
        let mut reply = Message::builder(id, author).body(text);
        if let Some(thread) = posted.thread_id {
            reply = reply.thread_id(thread);
        }
        reply.build().map_err(|e| HandlerError::internal(e.to_string()))
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("ENGAGE_REALTIME_TOKEN").map_err(|_| "set ENGAGE_REALTIME_TOKEN")?;
    let endpoint = SdkEndpoint::new(&Secret::new(token), Arc::new(Printer));
    let app = ringcentral_engage::sdk::axum::router("/sdk", endpoint);
    axum::serve(tokio::net::TcpListener::bind("0.0.0.0:3000").await?, app).await?;
    Ok(())
}
