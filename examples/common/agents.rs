//! The logic of `list_agents`: every user with role name and availability.

use std::collections::HashMap;
use std::io::Write;

use futures_util::TryStreamExt;
use ringcentral_engage::models::{AgentStatus, UserId};
use ringcentral_engage::Client;

use super::progress::Progress;
use super::{context, truncate, Fallible, RoleCache};

/// The usage text of `list_agents`.
pub const USAGE: &str = "\
usage: list_agents [--agents N]

Lists every agent of an Engage Digital domain with role and availability.

With ENGAGE_API_URL (or ENGAGE_DOMAIN) and ENGAGE_ACCESS_TOKEN set, it reads your domain;
otherwise it starts the built-in simulator with a few agents.

  --agents N   agents in the simulator (default 6; try 400 to see progress)
  -h, --help   this text";

/// Options of `list_agents`.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// Agents of the simulator.
    pub agents: usize,
    /// `--help` was asked.
    pub help: bool,
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        agents: 6,
        help: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => options.help = true,
            "--agents" => options.agents = super::agents_flag(args.next().as_deref())?,
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(options)
}

/// What was listed.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    /// Users listed.
    pub users: u64,
    /// Users connected (present in `/status`).
    pub connected: usize,
    /// Users who can take a conversation now on at least one channel.
    pub available: usize,
}

/// Lists every user of `client`'s domain to `out`: id, name, role and availability.
pub async fn list_agents<W: Write, P: Write>(
    client: &Client,
    out: &mut W,
    progress: &mut Progress<P>,
) -> Fallible<Summary> {
    let mut roles = RoleCache::load(client).await?;
    // Only connected agents appear in /status; everyone else is offline.
    let statuses: HashMap<UserId, AgentStatus> = client
        .agent_status()
        .list()
        .send()
        .await
        .map_err(context("reading agent statuses"))?
        .into_iter()
        .map(|s| (s.agent_id.clone(), s))
        .collect();
    // One record is enough to learn the total, for the progress counter.
    let total = client
        .users()
        .list()
        .limit(1)
        .send()
        .await
        .map_err(context("counting users"))?
        .count;

    writeln!(out, "{:<26} {:<24} {:<16} AVAILABILITY", "ID", "NAME", "ROLE")?;
    // A negative count (a mock generated from the spec sends one) means "unknown".
    progress.start("listing agents", u64::try_from(total).unwrap_or(0));
    let mut users = std::pin::pin!(client.users().list().stream());
    let mut summary = Summary {
        users: 0,
        connected: statuses.len(),
        available: 0,
    };
    while let Some(user) = users.try_next().await.map_err(context("listing users"))? {
        let role = match &user.role_id {
            Some(id) => RoleCache::label(roles.get(client, id).await?),
            None => "-".to_owned(),
        };
        let status = statuses.get(&user.id);
        if status.is_some_and(|s| s.channels.iter().any(|c| c.can_take_work())) {
            summary.available += 1;
        }
        writeln!(
            out,
            "{:<26} {:<24} {:<16} {}",
            user.id.as_str(),
            truncate(&user.display_name(), 24),
            truncate(&role, 16),
            availability(status),
        )?;
        summary.users += 1;
        progress.tick();
    }
    progress.finish();
    writeln!(
        out,
        "{} users, {} connected, {} available now",
        summary.users, summary.connected, summary.available
    )?;
    Ok(summary)
}

/// `available on Chat, Email`, `connected, not available` or `offline`.
pub fn availability(status: Option<&AgentStatus>) -> String {
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
