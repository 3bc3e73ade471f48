//! A private `redis-server` for one test: a unix socket in a temp dir, no persistence, killed
//! on drop.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A running `redis-server` of this test.
pub struct RedisServer {
    child: Option<Child>,
    dir: PathBuf,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Starts a private `redis-server`, or, when it is not installed: fails in CI (`CI` set), and
/// elsewhere prints how to install it and returns `None` (the caller returns).
pub fn redis_server() -> Option<RedisServer> {
    let installed = Command::new("redis-server")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !installed {
        assert!(
            std::env::var_os("CI").is_none(),
            "redis-server is not installed; CI must install it (apt-get install redis-server)"
        );
        eprintln!("!!!!! SKIPPED: redis-server not found; install it to run the Redis tests: apt-get install redis-server");
        return None;
    }
    let dir = std::env::temp_dir().join(format!(
        "engage-redis-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut server = RedisServer { child: None, dir };
    server.spawn();
    Some(server)
}

impl RedisServer {
    /// The URL of its unix socket.
    pub fn url(&self) -> String {
        format!("unix://{}", self.socket().display())
    }

    fn socket(&self) -> PathBuf {
        self.dir.join("redis.sock")
    }

    fn spawn(&mut self) {
        let _ = std::fs::remove_file(self.socket());
        let child = Command::new("redis-server")
            .args(["--port", "0", "--save", "", "--appendonly", "no"])
            .arg("--unixsocket")
            .arg(self.socket())
            .arg("--dir")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server starts");
        self.child = Some(child);
        for _ in 0..500 {
            if std::os::unix::net::UnixStream::connect(self.socket()).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("redis-server did not open {}", self.socket().display());
    }

    /// Kills the server at once (like a crash: nothing saved).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Restarts the server keeping its data (saved to its dir, loaded at start).
    pub fn restart(&mut self) {
        self.save();
        self.kill();
        self.spawn();
    }

    /// Saves, stops the server, runs `while_down`, and starts it again with its data.
    pub async fn restart_stopped<F: std::future::Future<Output = ()>>(
        &mut self,
        while_down: impl FnOnce() -> F,
    ) {
        self.save();
        self.kill();
        while_down().await;
        self.spawn();
    }

    fn save(&self) {
        let mut redis = std::os::unix::net::UnixStream::connect(self.socket()).unwrap();
        std::io::Write::write_all(&mut redis, b"SAVE\r\n").unwrap();
        let mut answer = [0u8; 5];
        std::io::Read::read_exact(&mut redis, &mut answer).unwrap();
        assert_eq!(&answer, b"+OK\r\n");
    }

    /// Starts it again after [`kill`](Self::kill), empty.
    pub fn start_again(&mut self) {
        self.spawn();
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
