//! Audits every agent for Escalate to Video readiness and, with `--fix-role ROLE_ID`, grants
//! the `escalate_to_video` permission on a role first.
//!
//! An agent is ready when their role grants `escalate_to_video` and their profile carries a
//! RingCentral user id (`rc_user_id`). The table lists, per agent: role, permission, rc_user_id
//! and readiness; the summary says what to fix.
//!
//! ```text
//! cargo run --example escalate_to_video --features simulator               # simulator
//! cargo run --example escalate_to_video --features simulator -- --fix-role <ROLE_ID>
//! ENGAGE_DOMAIN=acme ENGAGE_ACCESS_TOKEN=... \
//!     cargo run --example escalate_to_video --features simulator -- --help
//! ```

#[path = "common/mod.rs"]
mod common;

use std::process::ExitCode;

use common::progress::Progress;
use common::video::{audit, parse_args, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(o) if o.help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(o) => o,
        Err(e) => {
            eprintln!("escalate_to_video: {e}");
            return ExitCode::from(2);
        }
    };
    let connection = match common::connect(options.agents).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("escalate_to_video: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("{}", connection.describe());
    let mut stdout = std::io::stdout().lock();
    let fix = options.fix_role.as_ref();
    match audit(&connection.client, fix, &mut stdout, &mut Progress::stderr()).await {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("escalate_to_video: {e}");
            ExitCode::FAILURE
        }
    }
}
