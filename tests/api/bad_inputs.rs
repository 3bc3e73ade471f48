//! The issue's list of bad answers, each against a scripted raw HTTP server: every one ends in a
//! typed error within the bounds, and a POST is never replayed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use ringcentral_engage::{Client, Error, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Instant;

const TOKEN: &str = "bad-inputs-token-77";

/// What the server does with one request.
#[derive(Clone)]
enum Reply {
    /// Writes these bytes, then closes.
    Bytes(Vec<u8>),
    /// Closes without answering.
    Close,
    /// Writes this head, then zeros until the client goes away.
    Endless(String),
    /// Waits this long, then answers 200.
    Slow(Duration),
}

fn answer(status: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    Reply::Bytes(format!("{head}\r\n{body}").into_bytes())
}

fn ok() -> Reply {
    answer(
        "200 OK",
        &[("content-type", "application/json")],
        r#"{"id":"u1"}"#,
    )
}

/// What the server saw: when each request arrived, and how many body bytes it wrote.
#[derive(Default)]
struct Log {
    arrivals: Mutex<Vec<Instant>>,
    written: AtomicUsize,
}

/// Serves request `i` with `script(i)`; one request per connection.
async fn serve(script: impl Fn(usize) -> Reply + Send + Sync + 'static) -> (String, Arc<Log>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let log = Arc::new(Log::default());
    let script = Arc::new(script);
    let seen = log.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let (log, script) = (seen.clone(), script.clone());
            tokio::spawn(async move { handle(socket, &log, &*script).await });
        }
    });
    (format!("http://{addr}/1.0"), log)
}

async fn handle(mut socket: TcpStream, log: &Log, script: &(dyn Fn(usize) -> Reply + Send + Sync)) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await.unwrap_or(0) == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let length = text
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse().unwrap_or(0));
    let mut body = vec![0; length];
    if socket.read_exact(&mut body).await.is_err() {
        return;
    }
    let index = {
        let mut arrivals = log.arrivals.lock().unwrap();
        arrivals.push(Instant::now());
        arrivals.len() - 1
    };
    match script(index) {
        Reply::Bytes(bytes) => {
            let _ = socket.write_all(&bytes).await;
        }
        Reply::Close => {}
        Reply::Endless(head) => {
            if socket.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let zeros = vec![b'0'; 64 * 1024];
            while socket.write_all(&zeros).await.is_ok() {
                log.written.fetch_add(zeros.len(), Ordering::Relaxed);
            }
        }
        Reply::Slow(wait) => {
            tokio::time::sleep(wait).await;
            if let Reply::Bytes(bytes) = ok() {
                let _ = socket.write_all(&bytes).await;
            }
        }
    }
    let _ = socket.shutdown().await;
}

fn client(base: &str, retry: RetryPolicy) -> Client {
    Client::builder()
        .base_url(base)
        .access_token(TOKEN)
        // No timeouts on the paused clock.
        .http_client(reqwest::Client::new())
        .retry_policy(retry)
        .no_rate_limiter()
        .build()
        .unwrap()
}

fn requests(log: &Log) -> usize {
    log.arrivals.lock().unwrap().len()
}

fn no_secret(err: &Error) {
    let text = format!("{err} {err:?}");
    assert!(!text.contains(TOKEN), "{text}");
}

/// `Retry-After` in every shape: the wait before the second attempt is what a usable value
/// says, and the (at most 1 s) backoff for everything else. Works on GET and POST alike.
#[tokio::test(start_paused = true)]
async fn retry_after_in_every_shape() {
    let date = |offset: i64| {
        let now = SystemTime::now();
        let at = if offset >= 0 {
            now + Duration::from_secs(offset as u64)
        } else {
            now - Duration::from_secs(offset.unsigned_abs())
        };
        httpdate::fmt_http_date(at)
    };
    // (header, shortest and longest wait before the retry)
    let second = Duration::from_secs(1);
    let cases: Vec<(Option<String>, Duration, Duration)> = vec![
        (None, Duration::ZERO, second),
        (Some("2".into()), 2 * second, 2 * second),
        // An HTTP date has whole seconds, and real time passes between writing and reading it.
        (Some(date(10)), 5 * second, 10 * second),
        (Some(date(-30)), Duration::ZERO, second),
        (Some("0".into()), Duration::ZERO, second),
        (Some("-5".into()), Duration::ZERO, second),
        (Some("soon".into()), Duration::ZERO, second),
        (Some("99999999999999999999".into()), Duration::ZERO, second),
        (Some(date(10 * 24 * 3600)), Duration::ZERO, second),
    ];
    let policy = RetryPolicy::default()
        .max_retries(1)
        .base_delay(second)
        .max_delay(second);
    for post in [false, true] {
        for (value, min, max) in &cases {
            let value = value.clone();
            let (base, log) = serve(move |i| match (i, &value) {
                (0, Some(v)) => answer("429 Too Many Requests", &[("retry-after", v)], "{}"),
                (0, None) => answer("429 Too Many Requests", &[], "{}"),
                _ => ok(),
            })
            .await;
            let c = client(&base, policy.clone());
            if post {
                c.users().invite("a@b.c", "A", "B", &"r1".into()).await.unwrap();
            } else {
                c.users().get(&"u1".into()).await.unwrap();
            }
            let arrivals = log.arrivals.lock().unwrap();
            assert_eq!(arrivals.len(), 2);
            let waited = arrivals[1] - arrivals[0];
            assert!(
                waited >= *min && waited <= *max,
                "{cases:?}: waited {waited:?}",
                cases = (min, max)
            );
        }
    }
}

#[tokio::test(start_paused = true)]
async fn retry_after_longer_than_allowed_ends_at_once_and_retries_exhausted_is_rate_limited() {
    let (base, log) = serve(|_| answer("429 Too Many Requests", &[("retry-after", "3600")], "{}")).await;
    let err = client(&base, RetryPolicy::default())
        .users()
        .get(&"u1".into())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(3600)));
    assert_eq!(requests(&log), 1);

    let (base, log) = serve(|_| answer("429 Too Many Requests", &[], "{}")).await;
    let err = client(&base, RetryPolicy::default())
        .users()
        .get(&"u1".into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::RateLimited {
                retry_after: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(requests(&log), 4, "1 try + 3 retries");
    no_secret(&err);
}

#[tokio::test(start_paused = true)]
async fn server_errors_are_retried_on_get_only() {
    for status in [
        "500 Internal Server Error",
        "502 Bad Gateway",
        "503 Service Unavailable",
    ] {
        let (base, log) =
            serve(move |_| answer(status, &[("content-type", "text/html")], "<html>down</html>")).await;
        let c = client(&base, RetryPolicy::default());
        let err = c.users().get(&"u1".into()).await.unwrap_err();
        assert!(matches!(err, Error::Api { .. }), "{err:?}");
        assert_eq!(requests(&log), 4, "GET {status}: 1 try + 3 retries");
        let err = c
            .users()
            .invite("a@b.c", "A", "B", &"r1".into())
            .await
            .unwrap_err();
        assert_eq!(
            err.status().map(|s| s.as_str().to_owned()),
            Some(status[..3].to_owned())
        );
        assert_eq!(requests(&log), 5, "POST {status} is never replayed");
        no_secret(&err);
    }
}

#[tokio::test(start_paused = true)]
async fn connection_reset_and_truncated_answers_are_transport_errors() {
    let truncated = Reply::Bytes(b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"id\":\"u".to_vec());
    for reply in [Reply::Close, truncated] {
        let script = reply.clone();
        let (base, log) = serve(move |_| script.clone()).await;
        let c = client(&base, RetryPolicy::default());
        let err = c.users().get(&"u1".into()).await.unwrap_err();
        match &err {
            Error::Transport {
                method,
                host,
                path,
                attempts,
                timed_out,
                ..
            } => {
                assert_eq!((method.as_str(), path.as_str()), ("GET", "/users/u1"));
                assert!(base.contains(host.as_str()), "{host}");
                assert_eq!((*attempts, *timed_out), (4, false));
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("after 4 attempts"), "{err}");
        assert_eq!(requests(&log), 4);
        let err = c
            .users()
            .invite("a@b.c", "A", "B", &"r1".into())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Transport { attempts: 1, .. }), "{err:?}");
        assert_eq!(requests(&log), 5, "a POST is never replayed");
        no_secret(&err);
    }
}

#[tokio::test(start_paused = true)]
async fn truncated_json_and_html_are_decode_errors_with_the_body() {
    for body in [
        r#"{"id":"u1","firstname":"#,
        "<html><body>Maintenance</body></html>",
    ] {
        let (base, _) = serve(move |_| answer("200 OK", &[("content-type", "application/json")], body)).await;
        let err = client(&base, RetryPolicy::default())
            .users()
            .get(&"u1".into())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, Error::Decode { body: kept, .. } if kept == body),
            "{err:?}"
        );
    }
}

/// A 1 GiB answer, with and without `Content-Length`: a typed error once the bound is passed,
/// and the server could only push the bound plus what the sockets buffer.
#[tokio::test(start_paused = true)]
async fn huge_answers_stop_at_the_bound() {
    const LIMIT: u64 = 1 << 20;
    let heads = [
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n",
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n",
    ];
    for head in heads {
        let (base, log) = serve(move |_| Reply::Endless(head.to_owned())).await;
        let c = Client::builder()
            .base_url(&base)
            .access_token(TOKEN)
            .http_client(reqwest::Client::new())
            .no_rate_limiter()
            .max_response_bytes(LIMIT)
            .build()
            .unwrap();
        let err = c.users().get(&"u1".into()).await.unwrap_err();
        match &err {
            Error::ResponseTooLarge { limit, path, .. } => {
                assert_eq!((*limit, path.as_str()), (LIMIT, "/users/u1"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(requests(&log), 1, "not retried");
        // Give the server a moment to notice the client left.
        tokio::time::sleep(Duration::from_millis(10)).await;
        let written = log.written.load(Ordering::Relaxed) as u64;
        assert!(written < 16 * LIMIT, "the server pushed {written} bytes");
    }
    assert_eq!(ringcentral_engage::client::DEFAULT_MAX_RESPONSE_BYTES, 64 << 20);
}

/// A server that never answers in time: the error says so, with the attempts made.
#[tokio::test]
async fn slow_answers_time_out_with_a_clear_error() {
    let (base, log) = serve(|_| Reply::Slow(Duration::from_millis(400))).await;
    let c = Client::builder()
        .base_url(&base)
        .access_token(TOKEN)
        .timeout(Duration::from_millis(100))
        .retry_policy(
            RetryPolicy::default()
                .max_retries(1)
                .base_delay(Duration::from_millis(1)),
        )
        .no_rate_limiter()
        .build()
        .unwrap();
    let err = c.users().get(&"u1".into()).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                attempts: 2,
                timed_out: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_timeout());
    let text = err.to_string();
    assert!(
        text.contains("GET 127.0.0.1:") && text.contains("/users/u1 failed after 2 attempts (timed out)"),
        "{text}"
    );
    no_secret(&err);
    let err = c
        .users()
        .invite("a@b.c", "A", "B", &"r1".into())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Transport {
                attempts: 1,
                timed_out: true,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(requests(&log), 3);
}
