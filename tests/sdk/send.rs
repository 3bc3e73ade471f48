//! The Send API client against a local wiremock server (127.0.0.1, no internet).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ringcentral_engage::sdk::objects::{Attachment, Message, PrivateMessage, Status, Thread, Typing, User};
use ringcentral_engage::sdk::send::{SendApiErrorKind, SendClient};
use ringcentral_engage::sdk::signature::SigningKey;
use ringcentral_engage::{Error, RetryPolicy, Secret};
use serde_json::{json, Value};
use time::macros::datetime;
use tokio::io::AsyncReadExt;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "56e79ea4-realtime-token-never-printed";

/// Matches requests whose body is signed with [`TOKEN`].
struct SignedWithToken;

impl wiremock::Match for SignedWithToken {
    fn matches(&self, request: &Request) -> bool {
        let Some(sig) = request.headers.get("x-smccsdk-signature") else {
            return false;
        };
        SigningKey::new(&Secret::new(TOKEN)).verify(&request.body, sig.to_str().unwrap_or(""))
    }
}

fn user(id: &str) -> User {
    let t = datetime!(2017-06-11 0:00 UTC);
    User::new(id, "John Doe", t, t).unwrap()
}

fn client(server: &MockServer) -> SendClient {
    SendClient::builder()
        .realtime_url(server.uri())
        .source_id("src1")
        .access_token(Secret::new(TOKEN))
        .retry_policy(
            RetryPolicy::default()
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(5)),
        )
        .build()
        .unwrap()
}

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/realtime/sdk/src1"))
        .and(SignedWithToken)
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    server
}

async fn bodies(server: &MockServer) -> Vec<Value> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect()
}

fn message() -> Message {
    Message::builder("890", user("666"))
        .body("Awesome post !")
        .thread_id("42")
        .build()
        .unwrap()
}

#[tokio::test]
async fn every_action_is_signed_and_shaped_like_the_docs() {
    let server = ok_server().await;
    let c = client(&server);
    c.create_message(&message()).await.unwrap();
    let pm = PrivateMessage::builder("891", user("666"))
        .attachment(Attachment::from_url("https://x/y.png"))
        .build()
        .unwrap();
    c.create_private_message(&pm).await.unwrap();
    let thread = Thread::builder("42")
        .author(user("666"))
        .body("Opening")
        .title("Hi")
        .build()
        .unwrap();
    c.create_thread(&thread).await.unwrap();
    c.create_user(&user("667")).await.unwrap();
    c.mark_as_read(&Status::new("890").unwrap()).await.unwrap();
    c.typing_start(
        &Typing::in_thread("42")
            .with_in_reply_to("890")
            .with_preview("Hello world"),
    )
    .await
    .unwrap();
    c.typing_stop(&Typing::in_thread("42").with_in_reply_to("890"))
        .await
        .unwrap();

    let b = bodies(&server).await;
    let actions: Vec<&str> = b.iter().map(|v| v["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions,
        [
            "messages.create",
            "private_messages.create",
            "threads.create",
            "users.create",
            "status.mark_as_read",
            "typing.start",
            "typing.stop"
        ]
    );
    assert_eq!(b[0]["params"]["id"], "890");
    assert_eq!(b[0]["params"]["author"]["id"], "666");
    assert_eq!(b[0]["params"]["author"]["screenname"], "John Doe");
    assert_eq!(b[0]["params"]["thread_id"], "42");
    assert_eq!(b[1]["params"]["attachments"][0]["url"], "https://x/y.png");
    assert_eq!(b[3]["params"]["id"], "667");
    assert_eq!(b[4]["params"], json!({"id": "890"}));
    assert_eq!(
        b[5]["params"],
        json!({"thread_id": "42", "in_reply_to_id": "890", "preview": "Hello world"})
    );
    assert_eq!(
        b[6]["params"],
        json!({"thread_id": "42", "in_reply_to_id": "890"})
    );
}

#[tokio::test]
async fn full_realtime_url_is_accepted() {
    let server = ok_server().await;
    let c = SendClient::builder()
        .realtime_url(format!("{}/realtime/sdk/src1", server.uri()))
        .access_token(Secret::new(TOKEN))
        .build()
        .unwrap();
    c.create_message(&message()).await.unwrap();
    assert_eq!(bodies(&server).await.len(), 1);
    let mismatch = SendClient::builder()
        .realtime_url(format!("{}/realtime/sdk/src1", server.uri()))
        .source_id("other")
        .access_token(Secret::new(TOKEN))
        .build();
    assert!(matches!(
        mismatch,
        Err(Error::InvalidArgument {
            name: "source_id",
            ..
        })
    ));
}

#[test]
fn builder_refuses_missing_or_bad_settings() {
    let b = || SendClient::builder().access_token(Secret::new(TOKEN));
    assert!(matches!(
        b().source_id("x").build(),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        b().realtime_url("https://a.b").build(),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        b().realtime_url("not a url").source_id("x").build(),
        Err(Error::InvalidUrl(_))
    ));
    assert!(matches!(
        b().realtime_url("ftp://a.b").source_id("x").build(),
        Err(Error::InvalidUrl(_))
    ));
    let no_token = SendClient::builder()
        .realtime_url("https://a.b")
        .source_id("x")
        .build();
    assert!(matches!(
        no_token,
        Err(Error::InvalidArgument {
            name: "access_token",
            ..
        })
    ));
    let c = b()
        .realtime_url("https://a.b/base/")
        .source_id("x y")
        .build()
        .unwrap();
    assert_eq!(c.url().as_str(), "https://a.b/base/realtime/sdk/x%20y");
}

#[tokio::test]
async fn documented_errors_are_typed() {
    use SendApiErrorKind as K;
    let cases: Vec<(u16, &str, K)> = vec![
        (400, "Bad request", K::BadRequest),
        (400, "Invalid request format", K::InvalidRequestFormat),
        (413, "Invalid request size (max: 20971520 bytes)", K::TooLarge),
        (422, "Source not found", K::SourceNotFound),
        (422, "Invalid signature", K::InvalidSignature),
        (422, "Invalid action", K::InvalidAction),
        (422, "Invalid resource format", K::InvalidResourceFormat),
        (
            422,
            "Source doesn't support structured contents",
            K::StructuredContentNotSupported,
        ),
        (
            422,
            "Type is required for structured contents",
            K::StructuredContentTypeRequired,
        ),
        (
            422,
            "Source doesn't support this type of structured content",
            K::StructuredContentTypeNotSupported,
        ),
        (
            422,
            "structured_content: \"items\" must not be empty",
            K::StructuredContentAttributeEmpty {
                attribute: Some("items".into()),
            },
        ),
        (422, "The author must be puppetizable", K::AuthorNotPuppetizable),
        (
            429,
            "too many typing requests, please try again in a few seconds",
            K::TypingThrottled,
        ),
        (200, "not ok", K::UnexpectedResponse),
    ];
    let server = MockServer::start().await;
    let c = client(&server);
    for (status, text, expected) in cases {
        server.reset().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_string(text))
            .mount(&server)
            .await;
        let err = c.create_message(&message()).await.unwrap_err();
        match &err {
            Error::SendApi {
                kind,
                status: s,
                message,
            } => {
                assert_eq!(kind, &expected, "{text}");
                assert_eq!(s.map(|s| s.as_u16()), Some(status));
                assert_eq!(message, text);
            }
            other => panic!("unexpected {other:?}"),
        }
        // A 429 is retried for every action (1 try + 3 retries), other 4xx never.
        let tries = if status == 429 { 4 } else { 1 };
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            tries,
            "{status} {text}"
        );
        assert!(!err.to_string().contains(TOKEN));
    }
}

#[tokio::test]
async fn refused_before_sending() {
    let server = ok_server().await;
    let c = client(&server);
    let mut no_content = message();
    no_content.body = None;
    assert!(matches!(
        c.create_message(&no_content).await,
        Err(Error::InvalidArgument { .. })
    ));
    let mut too_long = message();
    too_long.body = Some("é".repeat(20_001));
    assert!(matches!(
        c.create_message(&too_long).await,
        Err(Error::InvalidArgument { .. })
    ));
    let mut exactly = message();
    exactly.body = Some("é".repeat(20_000));
    assert!(exactly.validate().is_ok());
    let mut no_author = message();
    no_author.author.id = " ".into();
    assert!(matches!(
        c.create_message(&no_author).await,
        Err(Error::InvalidArgument { .. })
    ));
    assert!(Message::builder("1", user("2")).build().is_err());
    // A message without a thread is refused when built, unless explicitly unthreaded.
    assert!(Message::builder("1", user("2")).body("x").build().is_err());
    let mut blank_thread = message();
    blank_thread.thread_id = Some("  ".into());
    assert!(matches!(
        c.create_message(&blank_thread).await,
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        c.typing_start(&Typing::in_thread("42")).await,
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        c.typing_stop(&Typing::default()).await,
        Err(Error::InvalidArgument { .. })
    ));
    assert!(Status::new("").is_err());
    let mut huge = message();
    huge.attachments = vec![Attachment::inline("A".repeat(21 * 1024 * 1024), "big.bin")];
    let err = c.create_message(&huge).await.unwrap_err();
    assert!(matches!(
        err,
        Error::SendApi {
            kind: SendApiErrorKind::TooLarge,
            status: None,
            ..
        }
    ));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn unthreaded_message_is_sent_without_thread_id() {
    let server = ok_server().await;
    let c = client(&server);
    let m = Message::builder("900", user("666"))
        .body("A post on an unthreaded source")
        .unthreaded()
        .build()
        .unwrap();
    c.create_message(&m).await.unwrap();
    let b = bodies(&server).await;
    assert_eq!(b.len(), 1);
    assert_eq!(b[0]["params"]["id"], "900");
    assert!(b[0]["params"].get("thread_id").is_none());
}

#[tokio::test(start_paused = true)]
async fn typing_start_is_throttled_per_thread_for_two_seconds() {
    let server = ok_server().await;
    // No client timeout: paused time must not fire it while the request is in flight.
    let c = SendClient::builder()
        .realtime_url(server.uri())
        .source_id("src1")
        .access_token(Secret::new(TOKEN))
        .http_client(reqwest::Client::new())
        .build()
        .unwrap();
    let t42 = Typing::in_thread("42").with_preview("Hel");
    c.typing_start(&t42).await.unwrap();
    // From here to the next request no I/O happens, so the paused clock moves only when told.
    let err = c.typing_start(&t42).await.unwrap_err();
    assert!(matches!(
        err,
        Error::SendApi {
            kind: SendApiErrorKind::TypingThrottled,
            status: None,
            ..
        }
    ));
    tokio::time::advance(Duration::from_millis(1999)).await;
    assert!(c.typing_start(&t42).await.is_err());
    tokio::time::advance(Duration::from_millis(1)).await;
    c.typing_start(&t42).await.unwrap();
    // Another thread has its own window; a stop resets the window.
    c.typing_start(&Typing::in_thread("43").with_preview("Yo"))
        .await
        .unwrap();
    c.typing_stop(&Typing::in_thread("42")).await.unwrap();
    c.typing_start(&t42).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 5);
}

#[tokio::test]
async fn server_errors_are_retried_for_idempotent_actions_only() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string("busy"))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    let c = client(&server);
    c.create_message(&message()).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let err = c
        .typing_start(&Typing::in_thread("9").with_preview("x"))
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        Error::SendApi {
            kind: SendApiErrorKind::ServerError,
            ..
        }
    ));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "typing.start is not retried"
    );

    server.reset().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    let err = c.mark_as_read(&Status::new("1").unwrap()).await.unwrap_err();
    assert!(matches!(
        err,
        Error::SendApi {
            kind: SendApiErrorKind::ServerError,
            ..
        }
    ));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        4,
        "1 try + 3 retries"
    );
}

/// A TCP server on 127.0.0.1 that accepts connections, reads a little of the request and
/// closes without answering: every attempt of the client fails at the transport level. Returns
/// its address and the number of connections it accepted so far.
async fn dropping_server() -> (std::net::SocketAddr, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&accepted);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 1024];
            // Wait for the request to arrive, so the failure is "closed without an answer".
            let _ = socket.read(&mut buf).await;
            drop(socket);
        }
    });
    (addr, accepted)
}

#[tokio::test]
async fn transport_errors_are_retried_then_reported() {
    const RETRIES: u32 = 2;
    let (addr, accepted) = dropping_server().await;
    let c = SendClient::builder()
        .realtime_url(format!("http://{addr}"))
        .source_id("src1")
        .access_token(Secret::new(TOKEN))
        .retry_policy(
            RetryPolicy::default()
                .max_retries(RETRIES)
                .base_delay(Duration::from_millis(1))
                .max_delay(Duration::from_millis(2)),
        )
        .build()
        .unwrap();

    // Idempotent: one try plus every retry of the policy, then the transport error.
    let err = c.create_message(&message()).await.unwrap_err();
    assert!(
        matches!(err, Error::Transport { attempts, timed_out: false, .. } if attempts == 1 + RETRIES),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("POST 127.0.0.1:")
            && text.contains("/realtime/sdk/src1")
            && text.contains("3 attempts"),
        "{text}"
    );
    assert!(!format!("{err} {err:?}").contains(TOKEN));
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1 + RETRIES as usize,
        "messages.create: 1 try + {RETRIES} retries"
    );

    // Not idempotent: typing.start is tried once.
    accepted.store(0, Ordering::SeqCst);
    let err = c
        .typing_start(&Typing::in_thread("42").with_preview("Hel"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { attempts: 1, .. }), "{err:?}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "typing.start is not retried");

    // Idempotent again, with retries switched off.
    let once = SendClient::builder()
        .realtime_url(format!("http://{addr}"))
        .source_id("src1")
        .access_token(Secret::new(TOKEN))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    accepted.store(0, Ordering::SeqCst);
    assert!(matches!(
        once.mark_as_read(&Status::new("890").unwrap()).await,
        Err(Error::Transport { attempts: 1, .. })
    ));
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

/// Collects every field of every span and event, to prove the token is never logged.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<String>>);

struct Visitor<'a>(&'a mut String);

impl tracing::field::Visit for Visitor<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!("{}={:?} ", field.name(), value));
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        span.record(&mut Visitor(&mut self.0.lock().unwrap()));
        tracing::span::Id::from_u64(1)
    }
    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        values.record(&mut Visitor(&mut self.0.lock().unwrap()));
    }
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        event.record(&mut Visitor(&mut self.0.lock().unwrap()));
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[tokio::test(flavor = "current_thread")]
async fn the_token_never_shows() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(422).set_body_string("Invalid signature"))
        .mount(&server)
        .await;
    let c = client(&server);
    let err = c.create_message(&message()).await.unwrap_err();
    let logged = capture.0.lock().unwrap().clone();
    assert!(logged.contains("messages.create"), "the capture works: {logged}");
    assert!(!logged.contains(TOKEN));
    assert!(!format!("{c:?}").contains(TOKEN));
    assert!(format!("{c:?}").contains("redacted"));
    assert!(!format!("{err} {err:?}").contains(TOKEN));
    let request = &server.received_requests().await.unwrap()[0];
    assert!(!String::from_utf8_lossy(&request.body).contains(TOKEN));
    assert!(request
        .headers
        .iter()
        .all(|(_, v)| !v.to_str().unwrap_or("").contains(TOKEN)));
}
