//! [`serve`]: an HTTP/1 server loop that cuts off clients sending their headers too slowly.

use std::future::Future;
use std::io;
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

/// How [`serve`] treats connections.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ServeOptions {
    header_read_timeout: Duration,
}

impl ServeOptions {
    /// Default time a client has to send a request's headers.
    pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

    /// The defaults.
    pub fn new() -> Self {
        ServeOptions {
            header_read_timeout: Self::DEFAULT_HEADER_READ_TIMEOUT,
        }
    }

    /// How long a client may take to send a request's headers (the whole head, counted from
    /// its first byte) before the connection is closed.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }

    /// See [`ServeOptions::header_read_timeout`].
    pub fn get_header_read_timeout(&self) -> Duration {
        self.header_read_timeout
    }
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// Serves `router` on `listener` (HTTP/1.1) until `shutdown` completes, closing connections
/// whose headers do not arrive within the header read timeout. Use it instead of
/// `axum::serve`, which has no such timeout; body read timeouts and size limits are the
/// routers' own ([`InboundLimits`](super::InboundLimits)).
///
/// When `shutdown` completes no new connection is accepted; the open ones finish on their own
/// (each bounded by the timeouts).
///
/// ```no_run
/// # async fn run(app: axum::Router) -> std::io::Result<()> {
/// use ringcentral_engage::inbound::{serve, ServeOptions};
///
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// serve(listener, app, ServeOptions::new(), std::future::pending()).await
/// # }
/// ```
pub async fn serve(
    listener: TcpListener,
    router: Router,
    options: ServeOptions,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    tokio::pin!(shutdown);
    loop {
        let (stream, _peer) = tokio::select! {
            () = &mut shutdown => return Ok(()),
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: wait a little, keep serving.
                    tracing::warn!(error = %err, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(options.header_read_timeout)
            .keep_alive(true);
        tokio::spawn(async move {
            if let Err(err) = builder.serve_connection(TokioIo::new(stream), service).await {
                tracing::debug!(error = %err, "connection closed");
            }
        });
    }
}
