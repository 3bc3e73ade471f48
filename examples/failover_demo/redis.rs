//! The demo's Redis: `REDIS_URL` when it is set, else a private `redis-server` on a unix socket
//! in a temp dir (no persistence), stopped when the demo ends.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The Redis the replicas share.
pub struct Redis {
    /// Its URL (handed to the replicas as `REDIS_URL`).
    pub url: String,
    own: Option<(Child, PathBuf)>,
}

impl Redis {
    /// The Redis of `url` (`REDIS_URL`), or a `redis-server` found on `PATH` started for the
    /// demo.
    pub fn start(url: Option<String>) -> Result<Redis, String> {
        if let Some(url) = url {
            return Ok(Redis { url, own: None });
        }
        let dir = std::env::temp_dir().join(format!("failover-demo-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let socket = dir.join("redis.sock");
        let child = Command::new("redis-server")
            .args(["--port", "0", "--save", "", "--appendonly", "no"])
            .arg("--unixsocket")
            .arg(&socket)
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                format!("REDIS_URL is not set and redis-server could not be started ({e}); install redis-server or set REDIS_URL")
            })?;
        let redis = Redis {
            url: format!("unix://{}", socket.display()),
            own: Some((child, dir)),
        };
        for _ in 0..500 {
            if std::os::unix::net::UnixStream::connect(&socket).is_ok() {
                return Ok(redis);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Err(format!("redis-server did not open {}", socket.display()))
    }

    /// Whether the demo started this server itself.
    pub fn is_own(&self) -> bool {
        self.own.is_some()
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        if let Some((mut child, dir)) = self.own.take() {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
