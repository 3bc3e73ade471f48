//! One replica of the bot service, as its own OS process: `bot_proxy`'s service on the Redis
//! of `REDIS_URL`, for the Engage of the `ENGAGE_*` variables.
//!
//! The demo starts it (`failover_demo --replica N`); it prints `listening ADDR` once it serves, and
//! exits when its standard input closes (the parent ended) or when it is killed.

use std::io::BufRead;
use std::process::{Child, ChildStdout, Command, Stdio};

use tokio::sync::watch;

use super::bot_proxy::engage_env::EngageEnv;
use super::bot_proxy::{launch, ProxyError, Target};

/// The line a replica prints once it serves.
const LISTENING: &str = "listening ";

/// Runs replica `n` until its standard input closes.
pub async fn run(n: usize) -> Result<(), ProxyError> {
    let engage = EngageEnv::from_env()?.ok_or("a replica needs the ENGAGE_* variables")?;
    let (_stop, stopped) = watch::channel(false);
    let bind = "127.0.0.1:0".parse()?;
    let running = launch(Target::Engage(engage), bind, stopped).await?;
    println!("{LISTENING}{}", running.addr);
    eprintln!(
        "replica {n}: pid {} serving http://{}",
        std::process::id(),
        running.addr
    );
    // Standard input closes when the parent ends, even when it is killed.
    tokio::task::spawn_blocking(|| std::io::stdin().lock().lines().count()).await?;
    Ok(())
}

/// A replica process started by the demo.
pub struct Replica {
    /// Where it serves.
    pub addr: std::net::SocketAddr,
    child: Child,
}

impl Replica {
    /// Starts replica `n` with `command` (a process that runs [`run`]) and `env` (the Engage
    /// and Redis settings), and waits until it serves.
    pub fn spawn(n: usize, mut command: Command, env: &[(String, String)]) -> Result<Replica, ProxyError> {
        let mut child = command
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()?;
        let addr = match child.stdout.take().map(listening_addr) {
            Some(Ok(addr)) => addr,
            other => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("replica {n} did not start: {:?}", other.map(|r| r.err())).into());
            }
        };
        Ok(Replica { addr, child })
    }

    /// Kills it with SIGKILL, as a crash would: nothing is flushed, nothing is handed over.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Reads the replica's output up to its `listening ADDR` line.
fn listening_addr(stdout: ChildStdout) -> Result<std::net::SocketAddr, String> {
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.map_err(|e| e.to_string())?;
        // Anywhere in the line: a test harness may print before it on the same line.
        if let Some((_, addr)) = line.split_once(LISTENING) {
            return addr.trim().parse().map_err(|_| format!("bad address {addr:?}"));
        }
    }
    Err("it exited".to_owned())
}
