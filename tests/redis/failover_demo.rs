//! The `failover_demo` example, run as it is: two replica processes on a private Redis, one
//! killed with SIGKILL mid-handover.
//!
//! The replicas are this test binary run again, filtered to [`replica_process`] with
//! `FAILOVER_DEMO_REPLICA` set: the example's own replica code in a separate OS process.

use std::process::Command;

use crate::server::redis_server;

#[allow(dead_code)]
#[path = "../../examples/failover_demo.rs"]
mod demo;

const REPLICA: &str = "FAILOVER_DEMO_REPLICA";
const THIS_TEST: &str = "failover_demo::replica_process";

/// A replica of the demo when `FAILOVER_DEMO_REPLICA` is set. Otherwise (a normal test run):
/// a replica started without Engage settings refuses to start, naming what it misses.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replica_process() {
    match std::env::var(REPLICA) {
        Ok(n) => demo::replica::run(n.parse().unwrap()).await.unwrap(),
        Err(_) => {
            let error = demo::replica::run(7).await.unwrap_err().to_string();
            assert!(error.contains("ENGAGE_"), "{error}");
        }
    }
}

fn replica_command(n: usize) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", THIS_TEST, "--nocapture", "--test-threads=1"])
        .env(REPLICA, n.to_string());
    command
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_handover_completes_when_a_replica_is_killed() {
    let Some(redis) = redis_server() else { return };
    for handovers in [2, 6] {
        let summary = demo::demo(handovers, Some(redis.url()), &replica_command)
            .await
            .unwrap();
        let expected = format!(
            r#"{{"handovers":{handovers},"completed":{handovers},"lost_user_messages":0,"lost_agent_messages":0,"duplicate_events":0,"takeover_ms":{}}}"#,
            summary.takeover_ms
        );
        assert_eq!(summary.line, expected);
        let parsed: serde_json::Value = serde_json::from_str(&summary.line).unwrap();
        assert_eq!(parsed["completed"], handovers);
        assert!(summary.clean(), "{summary:?}");
    }
}
