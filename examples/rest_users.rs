//! The REST API in a few lines: one page of users, then every user across pages, lazily.
//!
//! ```sh
//! ENGAGE_DOMAIN=acme ENGAGE_ACCESS_TOKEN=... cargo run --example rest_users
//! ```
//! (or `ENGAGE_API_URL=https://acme.api.digital.ringcentral.com/1.0` instead of the domain).

use futures_util::TryStreamExt;
use ringcentral_engage::Client;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?; // names every missing variable, never a value

    // One page: `offset` and `limit` (1..=150); `count` is the total on the server.
    let page = client.users().list().limit(10).send().await?;
    println!("{} users in all; the first {}:", page.count, page.records.len());
    for user in &page.records {
        println!("  {} {}", user.id, user.email.as_deref().unwrap_or("-"));
    }

    // Every user: pages are fetched as the stream is read (retries and rate limit included).
    let mut users = std::pin::pin!(client.users().list().stream());
    let mut enabled = 0;
    while let Some(user) = users.try_next().await? {
        enabled += usize::from(user.enabled.unwrap_or(false));
    }
    println!("{enabled} enabled");
    Ok(())
}
