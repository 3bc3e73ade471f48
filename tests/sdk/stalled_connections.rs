//! 48 connections each sending 19 MiB of a declared 20 MiB body, then stalling: the process
//! stays under 300 MiB and a valid call is still answered within 100 ms (issue 12). Real
//! sockets on 127.0.0.1, every loop bounded.
#![cfg(feature = "axum")]

use std::sync::Arc;
use std::time::{Duration, Instant};

use ringcentral_engage::inbound::{serve, ServeOptions};
use ringcentral_engage::sdk::signature::sign;
use ringcentral_engage::sdk::{Capabilities, SdkEndpoint, SourceHandler, MAX_BODY_BYTES};
use ringcentral_engage::Secret;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Bot;

impl SourceHandler for Bot {
    fn capabilities(&self) -> Capabilities {
        Capabilities::new()
    }
}

/// This process's resident memory, in MiB (Linux).
fn rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

/// One raw HTTP/1.1 request; the status code of the answer.
async fn call(addr: std::net::SocketAddr, body: &[u8], signature: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /sdk HTTP/1.1\r\nhost: x\r\ncontent-length: {}\r\nx-smccsdk-signature: {signature}\r\nconnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    let text = String::from_utf8_lossy(&answer);
    text.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_large_bodies_pin_bounded_memory_and_valid_calls_pass() {
    const CONNECTIONS: usize = 48;
    const SENT: usize = 19 * 1024 * 1024;
    let secret = Secret::new("s3cret");
    let endpoint = SdkEndpoint::new(&secret, Arc::new(Bot));
    let limits = endpoint.limits().clone();
    let app = ringcentral_engage::sdk::axum::router("/sdk", endpoint);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve(listener, app, ServeOptions::new(), std::future::pending()));
    let before = rss_mib();

    // 48 clients: headers declaring 20 MiB, then 19 MiB, then nothing. A client the server
    // does not read from gives up writing after 3 s; every connection stays open.
    let payload: Arc<[u8]> = vec![b' '; SENT].into();
    let mut clients = Vec::new();
    for _ in 0..CONNECTIONS {
        let payload = Arc::clone(&payload);
        clients.push(tokio::spawn(async move {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            let head = format!(
                "POST /sdk HTTP/1.1\r\nhost: x\r\ncontent-length: {MAX_BODY_BYTES}\r\nx-smccsdk-signature: 00\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await.unwrap();
            let mut sent = 0;
            for chunk in payload.chunks(256 * 1024) {
                match tokio::time::timeout(Duration::from_secs(3), stream.write_all(chunk)).await {
                    Ok(Ok(())) => sent += chunk.len(),
                    _ => break,
                }
            }
            (stream, sent)
        }));
    }
    let mut streams = Vec::new();
    let mut fully_sent = 0;
    for client in clients {
        let (stream, sent) = client.await.unwrap();
        fully_sent += usize::from(sent == SENT);
        streams.push(stream);
    }
    let during = rss_mib();
    assert!(
        limits.large_bodies_in_flight() <= limits.get_max_large_bodies(),
        "{limits:?}"
    );

    // A valid call, answered quickly while all that is pending (best of three).
    let body = br#"{"action":"implementation.info"}"#;
    let signature = sign(&secret, body);
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        assert_eq!(call(addr, body, &signature).await, 200);
        best = best.min(started.elapsed());
    }
    eprintln!(
        "stalled connections: {CONNECTIONS}, fully sent: {fully_sent}, large bodies buffered: {}, \
         RSS before {before:?} MiB, during {during:?} MiB, valid call {best:?}",
        limits.large_bodies_in_flight()
    );
    if let Some(during) = during {
        assert!(during < 300, "RSS {during} MiB with stalled bodies");
    }
    assert!(best < Duration::from_millis(100), "valid call took {best:?}");
    drop(streams);
    server.abort();
}

/// Sends `sent` then stalls; returns what the server answered before closing, and when.
async fn stall_after(addr: std::net::SocketAddr, sent: &[u8]) -> (String, Duration) {
    let started = tokio::time::Instant::now();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(sent).await.unwrap();
    let mut answer = Vec::new();
    // Bounded: the server must close well before this.
    let read = tokio::time::timeout(Duration::from_secs(120), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the connection was never closed");
    (String::from_utf8_lossy(&answer).into_owned(), started.elapsed())
}

#[tokio::test(start_paused = true)]
async fn slow_headers_and_stalled_bodies_are_cut_off() {
    let endpoint = SdkEndpoint::new(&Secret::new("s3cret"), Arc::new(Bot));
    let app = ringcentral_engage::sdk::axum::router("/sdk", endpoint);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(serve(listener, app, ServeOptions::new(), std::future::pending()));

    // Slowloris: half the headers, then nothing.
    let (answer, took) = stall_after(addr, b"POST /sdk HTTP/1.1\r\nhost: x\r\n").await;
    assert!(!answer.contains("200"), "{answer}");
    assert!(
        took >= ServeOptions::DEFAULT_HEADER_READ_TIMEOUT && took < Duration::from_secs(12),
        "{took:?}"
    );

    // Headers, part of the body, then nothing (small and large declared sizes).
    for declared in [100, MAX_BODY_BYTES] {
        let head = format!(
            "POST /sdk HTTP/1.1\r\nhost: x\r\ncontent-length: {declared}\r\nx-smccsdk-signature: 00\r\n\r\n{{\"action\":"
        );
        let (answer, took) = stall_after(addr, head.as_bytes()).await;
        assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
        let limit = ringcentral_engage::inbound::InboundLimits::DEFAULT_BODY_READ_TIMEOUT;
        assert!(took >= limit && took < limit + Duration::from_secs(2), "{took:?}");
    }
    server.abort();
}
