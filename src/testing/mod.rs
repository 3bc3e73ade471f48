//! Test doubles for a bot's own unit tests (feature `testing`).
//!
//! [`ScriptedProvider`] is a [`HandoverProvider`](crate::handover::HandoverProvider) that plays
//! a [`Script`] ("an agent joins after 2 s, says hello, closes") for every handover started on
//! it, and records what the bot sent, so a test drives the bot and asserts on both sides
//! without an Engage account, a simulator or a network. Its waits are tokio timers: under
//! `#[tokio::test(start_paused = true)]` a script of minutes runs instantly.
//!
//! ```
//! use std::time::Duration;
//! use futures_util::StreamExt;
//! use ringcentral_engage::handover::{HandoverEvent, HandoverProvider, HandoverRequest};
//! use ringcentral_engage::profile::ContactProfile;
//! use ringcentral_engage::testing::{Script, ScriptedProvider};
//!
//! # #[tokio::main(flavor = "current_thread", start_paused = true)]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let script = Script::new()
//!     .wait(Duration::from_secs(2))
//!     .agent_joins("Alice")
//!     .agent_says("Hi, I'm Alice. How can I help?")
//!     .wait(Duration::from_secs(30))
//!     .agent_closes();
//! let provider = ScriptedProvider::new(script);
//! let mut events = provider.events();
//!
//! // What the bot under test would do:
//! provider.start(HandoverRequest::new("c-1", ContactProfile::default())).await?;
//! provider.send_user_message(&"c-1".into(), "My modem is down").await?;
//!
//! let mut said = Vec::new();
//! while let Some(update) = events.next().await {
//!     if let HandoverEvent::AgentMessage { text, .. } = &update.event {
//!         said.push(text.clone());
//!     }
//!     if update.event.is_terminal() {
//!         break;
//!     }
//! }
//! assert_eq!(said, ["Hi, I'm Alice. How can I help?"]);
//! assert_eq!(provider.user_messages("c-1")[0].text, "My modem is down");
//! # Ok(()) }
//! ```

mod provider;
mod script;

pub use provider::ScriptedProvider;
pub use script::Script;
