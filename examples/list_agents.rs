//! Lists every agent of an Engage Digital domain with their role and current availability.
//!
//! ```text
//! ENGAGE_API_URL=https://acme.api.digital.ringcentral.com/1.0   # or ENGAGE_DOMAIN=acme
//! ENGAGE_ACCESS_TOKEN=...
//! cargo run --example list_agents
//! ```

use std::collections::HashMap;
use std::process::ExitCode;

use futures_util::TryStreamExt;
use ringcentral_engage::models::{AgentStatus, RoleId, UserId};
use ringcentral_engage::{Client, Error};

#[tokio::main]
async fn main() -> ExitCode {
    let client = match client_from_env() {
        Ok(client) => client,
        Err(message) => {
            eprintln!("list_agents: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&client).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("list_agents: request to {} failed: {e}", client.base_url());
            ExitCode::FAILURE
        }
    }
}

/// Builds the client from `ENGAGE_API_URL` or `ENGAGE_DOMAIN`, and `ENGAGE_ACCESS_TOKEN`.
fn client_from_env() -> Result<Client, String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let token = var("ENGAGE_ACCESS_TOKEN").ok_or(
        "set ENGAGE_ACCESS_TOKEN, and ENGAGE_API_URL (e.g. https://acme.api.engagement.dimelo.com/1.0) or ENGAGE_DOMAIN",
    )?;
    let builder = match (var("ENGAGE_API_URL"), var("ENGAGE_DOMAIN")) {
        (Some(url), _) => Client::builder().base_url(url),
        (None, Some(domain)) => Client::for_domain(domain),
        (None, None) => {
            return Err(
                "set ENGAGE_API_URL (e.g. https://acme.api.engagement.dimelo.com/1.0) or ENGAGE_DOMAIN"
                    .into(),
            )
        }
    };
    builder
        .access_token(token)
        .build()
        .map_err(|e| format!("invalid configuration: {e}"))
}

async fn run(client: &Client) -> Result<(), Error> {
    // Roles are few: fetch them once and look names up locally.
    let roles: HashMap<RoleId, String> = client
        .roles()
        .list()
        .stream()
        .map_ok(|role| {
            let label = role.label.clone().unwrap_or_else(|| role.id.to_string());
            (role.id, label)
        })
        .try_collect()
        .await?;
    // Only connected agents appear in /status; everyone else is offline.
    let statuses: HashMap<UserId, AgentStatus> = client
        .agent_status()
        .list()
        .await?
        .into_iter()
        .map(|s| (s.agent_id.clone(), s))
        .collect();

    println!("{:<26} {:<32} {:<20} AVAILABILITY", "ID", "NAME", "ROLE");
    let mut users = std::pin::pin!(client.users().list().stream());
    let mut count = 0;
    while let Some(user) = users.try_next().await? {
        let role = user
            .role_id
            .as_ref()
            .map_or("-", |id| roles.get(id).map_or("(unknown role)", String::as_str));
        println!(
            "{:<26} {:<32} {:<20} {}",
            user.id.as_str(),
            truncate(&user.display_name(), 32),
            truncate(role, 20),
            availability(statuses.get(&user.id)),
        );
        count += 1;
    }
    println!("{count} users, {} connected", statuses.len());
    Ok(())
}

/// `available on Chat, Email`, `connected, not available` or `offline`.
fn availability(status: Option<&AgentStatus>) -> String {
    let Some(status) = status else {
        return "offline".into();
    };
    let open: Vec<&str> = status
        .channels
        .iter()
        .filter(|c| c.can_take_work())
        .map(|c| c.name.as_deref().unwrap_or("(unnamed channel)"))
        .collect();
    if open.is_empty() {
        "connected, not available".into()
    } else {
        format!("available on {}", open.join(", "))
    }
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}
