//! Lists every agent of an Engage Digital domain with their role and current availability.
//!
//! ```text
//! cargo run --example list_agents --features simulator              # against the built-in simulator
//! cargo run --example list_agents --features simulator -- --agents 400
//! ENGAGE_API_URL=https://acme.api.digital.ringcentral.com/1.0 \
//! ENGAGE_ACCESS_TOKEN=... cargo run --example list_agents --features simulator
//! ```
//!
//! Roles are listed once and cached; users are streamed page by page; long listings show
//! progress on stderr. Any failure prints one line and exits non-zero.

#[path = "common/mod.rs"]
mod common;

use std::process::ExitCode;

use common::agents::{list_agents, parse_args, USAGE};
use common::progress::Progress;

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(o) if o.help => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(o) => o,
        Err(e) => {
            eprintln!("list_agents: {e}");
            return ExitCode::from(2);
        }
    };
    let connection = match common::connect(options.agents).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("list_agents: {e}");
            return ExitCode::from(2);
        }
    };
    eprintln!("{}", connection.describe());
    let mut stdout = std::io::stdout().lock();
    match list_agents(&connection.client, &mut stdout, &mut Progress::stderr()).await {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("list_agents: {e}");
            ExitCode::FAILURE
        }
    }
}
