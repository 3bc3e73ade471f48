//! The logic of `escalate_to_video`: audit every agent for Escalate to Video readiness, and
//! optionally grant the permission to a role first.

use std::collections::BTreeMap;
use std::io::Write;

use futures_util::TryStreamExt;
use ringcentral_engage::api::{MissingRequirement, VideoReadiness};
use ringcentral_engage::models::RoleId;
use ringcentral_engage::Client;

use super::progress::Progress;
use super::{context, plural, truncate, Fallible, RoleCache};

/// The usage text of `escalate_to_video`.
pub const USAGE: &str = "\
usage: escalate_to_video [--fix-role ROLE_ID] [--agents N]

Audits every agent for Escalate to Video readiness: the agent's role must grant the
escalate_to_video permission, and the agent's profile must carry a RingCentral user id
(rc_user_id). Prints one row per agent.

With ENGAGE_API_URL (or ENGAGE_DOMAIN) and ENGAGE_ACCESS_TOKEN set, it audits your domain;
otherwise it starts the built-in simulator with a mix of ready and not-ready agents.

  --fix-role ROLE_ID   first grant escalate_to_video on this role (PUT /roles/ROLE_ID)
  --agents N           agents in the simulator (default 6; try 400 to see progress)
  -h, --help           this text";

/// Options of `escalate_to_video`.
#[derive(Debug, PartialEq, Eq)]
pub struct Options {
    /// The role to grant the permission to before the audit.
    pub fix_role: Option<RoleId>,
    /// Agents of the simulator.
    pub agents: usize,
    /// `--help` was asked.
    pub help: bool,
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        fix_role: None,
        agents: 6,
        help: false,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => options.help = true,
            "--agents" => options.agents = super::agents_flag(args.next().as_deref())?,
            "--fix-role" => match args
                .next()
                .filter(|v| !v.trim().is_empty() && !v.starts_with('-'))
            {
                Some(id) => options.fix_role = Some(RoleId::new(id.trim())),
                None => return Err("--fix-role needs a role id".into()),
            },
            other => return Err(format!("unknown argument {other:?} (see --help)")),
        }
    }
    Ok(options)
}

/// The audit's outcome.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Audit {
    /// Agents audited.
    pub agents: u64,
    /// Agents ready for Escalate to Video.
    pub ready: u64,
    /// Roles lacking the permission: id → (label, agents concerned).
    pub roles_missing: BTreeMap<RoleId, (String, u64)>,
    /// Agents without a RingCentral user id.
    pub missing_rc_user_id: u64,
    /// Agents without any role.
    pub without_role: u64,
}

/// Grants the permission on `fix_role` when given, then audits every agent, writing a table
/// and a summary with what to do next to `out`.
pub async fn audit<W: Write, P: Write>(
    client: &Client,
    fix_role: Option<&RoleId>,
    out: &mut W,
    progress: &mut Progress<P>,
) -> Fallible<Audit> {
    if let Some(id) = fix_role {
        let role = client
            .roles()
            .grant_escalate_to_video(id)
            .await
            .map_err(context("granting escalate_to_video"))?;
        writeln!(
            out,
            "Granted escalate_to_video on role {} ({id}).\n",
            RoleCache::label(&role)
        )?;
    }
    let mut roles = RoleCache::load(client).await?;
    let total = client
        .users()
        .list()
        .limit(1)
        .send()
        .await
        .map_err(context("counting agents"))?
        .count;

    writeln!(
        out,
        "{:<24} {:<16} {:<10} {:<10} READY",
        "AGENT", "ROLE", "PERMISSION", "RC_USER_ID"
    )?;
    progress.start("auditing agents", u64::try_from(total).unwrap_or(0));
    let mut report = Audit::default();
    let mut users = std::pin::pin!(client.users().list().stream());
    while let Some(user) = users.try_next().await.map_err(context("listing agents"))? {
        let role = match &user.role_id {
            Some(id) => Some(roles.get(client, id).await?),
            None => None,
        };
        let label = role.map_or_else(|| "(none)".to_owned(), RoleCache::label);
        let check = VideoReadiness::check(&user, role);
        let mut permission = true;
        let mut rc_user_id = true;
        for missing in &check.missing {
            match missing {
                MissingRequirement::EscalateToVideoPermission { role_id } => {
                    permission = false;
                    report
                        .roles_missing
                        .entry(role_id.clone())
                        .or_insert_with(|| (label.clone(), 0))
                        .1 += 1;
                }
                MissingRequirement::RcUserId => {
                    rc_user_id = false;
                    report.missing_rc_user_id += 1;
                }
                MissingRequirement::Role => {
                    permission = false;
                    report.without_role += 1;
                }
                _ => permission = false,
            }
        }
        writeln!(
            out,
            "{:<24} {:<16} {:<10} {:<10} {}",
            truncate(&user.display_name(), 24),
            truncate(&label, 16),
            yes_no(permission),
            yes_no(rc_user_id),
            yes_no(check.ready),
        )?;
        report.agents += 1;
        report.ready += u64::from(check.ready);
        progress.tick();
    }
    progress.finish();
    summarize(&report, out)?;
    Ok(report)
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "yes"
    } else {
        "no"
    }
}

/// The summary lines: counts, then what to fix.
fn summarize<W: Write>(report: &Audit, out: &mut W) -> Fallible<()> {
    writeln!(
        out,
        "\n{} of {} agents are ready for Escalate to Video.",
        report.ready, report.agents
    )?;
    for (id, (label, count)) in &report.roles_missing {
        writeln!(
            out,
            "- role {label} ({id}) lacks escalate_to_video ({}): run with --fix-role {id}",
            plural(*count, "agent")
        )?;
    }
    if report.missing_rc_user_id > 0 {
        writeln!(
            out,
            "- {} without a RingCentral user id: set it in the profile (Users > Agents > \
             Personal infos) or with users().update(..).rc_user_id(..)",
            plural(report.missing_rc_user_id, "agent")
        )?;
    }
    if report.without_role > 0 {
        writeln!(out, "- {} without a role", plural(report.without_role, "agent"))?;
    }
    Ok(())
}
