//! Secrets never reach the logs: a whole handover, and the failures that log the most, run
//! under a subscriber that records every span and event field at TRACE level. The levels are
//! right too: refused webhook validations at WARN, saying what was wrong; events for threads
//! not linked to a handover (yet) never above DEBUG.
//!
//! The relay latencies both ways and the outbox depth reach the process's metrics recorder.
//!
//! Every line about a handover sits in its `handover` span, with the conversation, handover
//! and thread ids, whichever path wrote it (start, Engage's SDK calls and webhooks, the
//! timers, the outbox, the end).
//!
//! Its own test binary: the subscriber is the process's global one, installed before any
//! callsite is hit. (A thread-scoped subscriber shares tracing's callsite cache with the other
//! tests' threads and can miss callsites they registered first.)
#![cfg(feature = "simulator")]

#[path = "handover/support.rs"]
mod support;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::support::*;
use ringcentral_engage::handover::{
    EndedBy, HandoverEvent, HandoverProvider, SessionStore, UserInactivity, UserMessage,
};
use ringcentral_engage::sim::SimAgent;
use ringcentral_engage::{Client, RetryPolicy};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every span and event, as `target name field=value ...` lines; an event's line ends with
/// the fields of the `handover` spans it sits in, as ` in handover{ field=value ...}`.
#[derive(Clone, Default)]
struct Capture {
    lines: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
    /// The fields of each `handover` span, by id.
    handover_spans: Arc<Mutex<HashMap<u64, Fields>>>,
    /// Every span's metadata, by id (for `Span::current`).
    metadata: Arc<Mutex<HashMap<u64, &'static Metadata<'static>>>>,
}

thread_local! {
    /// The spans entered on this thread, innermost last.
    static ENTERED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

/// A span's fields, in order; a value recorded again replaces the earlier one.
#[derive(Clone, Default)]
struct Fields(Vec<(&'static str, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let value = format!("{value:?}");
        match self.0.iter_mut().find(|(name, _)| *name == field.name()) {
            Some((_, kept)) => *kept = value,
            None => self.0.push((field.name(), value)),
        }
    }
}

impl std::fmt::Display for Fields {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0
            .iter()
            .try_for_each(|(name, value)| write!(f, " {name}={value}"))
    }
}

impl Capture {
    fn push(&self, metadata: &Metadata<'_>, record: impl FnOnce(&mut Line)) {
        let mut line = Line(format!(
            "{} {} {}",
            metadata.level(),
            metadata.target(),
            metadata.name()
        ));
        record(&mut line);
        self.lines.lock().unwrap().push(line.0);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.push(span.metadata(), |line| span.record(line));
        let id = self.next_id.fetch_add(1, Ordering::Relaxed) + 1;
        self.metadata.lock().unwrap().insert(id, span.metadata());
        if span.metadata().name() == "handover" {
            let mut fields = Fields::default();
            span.record(&mut fields);
            self.handover_spans.lock().unwrap().insert(id, fields);
        }
        Id::from_u64(id)
    }

    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut line = Line("record".into());
        values.record(&mut line);
        if let Some(fields) = self.handover_spans.lock().unwrap().get_mut(&id.into_u64()) {
            values.record(fields);
        }
        self.lines.lock().unwrap().push(line.0);
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let spans = self.handover_spans.lock().unwrap().clone();
        self.push(event.metadata(), |line| {
            event.record(line);
            ENTERED.with(|entered| {
                for id in entered.borrow().iter() {
                    if let Some(fields) = spans.get(id) {
                        let _ = write!(line.0, " in handover{{{fields}}}");
                    }
                }
            });
        });
    }

    fn current_span(&self) -> tracing_core::span::Current {
        let innermost = ENTERED.with(|entered| entered.borrow().last().copied());
        let metadata = innermost.and_then(|id| Some((id, *self.metadata.lock().unwrap().get(&id)?)));
        match metadata {
            Some((id, metadata)) => tracing_core::span::Current::new(Id::from_u64(id), metadata),
            None => tracing_core::span::Current::none(),
        }
    }

    fn enter(&self, id: &Id) {
        ENTERED.with(|entered| entered.borrow_mut().push(id.into_u64()));
    }

    fn exit(&self, id: &Id) {
        ENTERED.with(|entered| {
            let mut entered = entered.borrow_mut();
            if let Some(at) = entered.iter().rposition(|e| *e == id.into_u64()) {
                entered.remove(at);
            }
        });
    }
}

/// What the handover recorded in histograms and gauges, by metric name (counters are the
/// lifecycle's unit tests' business).
#[derive(Clone, Default)]
struct Metrics(Arc<Mutex<HashMap<String, Vec<f64>>>>);

struct Values(String, Metrics);

impl metrics::HistogramFn for Values {
    fn record(&self, value: f64) {
        self.1
             .0
            .lock()
            .unwrap()
            .entry(self.0.clone())
            .or_default()
            .push(value);
    }
}

impl metrics::GaugeFn for Values {
    fn increment(&self, value: f64) {
        metrics::HistogramFn::record(self, value);
    }
    fn decrement(&self, value: f64) {
        metrics::HistogramFn::record(self, -value);
    }
    fn set(&self, value: f64) {
        metrics::HistogramFn::record(self, value);
    }
}

impl metrics::Recorder for Metrics {
    fn describe_counter(&self, _: metrics::KeyName, _: Option<metrics::Unit>, _: metrics::SharedString) {}
    fn describe_gauge(&self, _: metrics::KeyName, _: Option<metrics::Unit>, _: metrics::SharedString) {}
    fn describe_histogram(&self, _: metrics::KeyName, _: Option<metrics::Unit>, _: metrics::SharedString) {}
    fn register_counter(&self, _: &metrics::Key, _: &metrics::Metadata<'_>) -> metrics::Counter {
        metrics::Counter::noop()
    }
    fn register_gauge(&self, key: &metrics::Key, _: &metrics::Metadata<'_>) -> metrics::Gauge {
        metrics::Gauge::from_arc(Arc::new(Values(key.name().to_owned(), self.clone())))
    }
    fn register_histogram(&self, key: &metrics::Key, _: &metrics::Metadata<'_>) -> metrics::Histogram {
        metrics::Histogram::from_arc(Arc::new(Values(key.name().to_owned(), self.clone())))
    }
}

#[tokio::test]
async fn no_secret_is_ever_logged() {
    let capture = Capture::default();
    tracing::subscriber::set_global_default(capture.clone()).expect("the only subscriber of this binary");
    let recorded = Metrics::default();
    metrics::set_global_recorder(recorded.clone()).expect("the only recorder of this binary");

    let sim = sim().agent(SimAgent::new("Alice").keep_open().replies(["Hello"]));
    let inactivity = UserInactivity::new().with_agent(Duration::from_secs(2));
    let mut bed = start(sim, |c| c.user_inactivity(inactivity)).await;
    let secrets = [
        bed.sim.access_token().expose().to_owned(),
        bed.sim.realtime_token().expose().to_owned(),
        SECRET.to_owned(),
        VERIFY.to_owned(),
        "wrong-token-123".to_owned(),
    ];

    // A whole handover: REST calls, Send API pushes, signed SDK calls, webhooks.
    bed.provider.start(request("logged")).await.unwrap();
    wait_for_status(&bed.provider, "logged", |s| {
        matches!(s, ringcentral_engage::handover::HandoverStatus::Active { .. })
    })
    .await;
    bed.provider
        .send_message(&"logged".into(), UserMessage::text("k1", "Thanks"))
        .await
        .unwrap();
    // The timers: the user's silence is reported.
    loop {
        let update = tokio::time::timeout(
            Duration::from_secs(10),
            futures_util::StreamExt::next(&mut bed.events),
        )
        .await
        .expect("the user's silence is reported")
        .unwrap();
        if update.conversation_id.as_str() == "logged"
            && matches!(update.event, HandoverEvent::UserInactive { .. })
        {
            break;
        }
    }
    bed.provider.end(&"logged".into(), EndedBy::User).await.unwrap();
    until_end(&mut bed.events, "logged", Duration::from_secs(10)).await;

    // What logs the most: refused credentials and signatures.
    let wrong = Client::builder()
        .base_url(bed.sim.api_url())
        .access_token("wrong-token-123")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(wrong.users().get(&"u".into()).await.is_err());
    let delivery = serde_json::json!({"id": "wh", "domain_id": "d", "events": []});
    let refused = reqwest::Client::new()
        .post(format!("http://{}/engage/webhook", bed.addr))
        .header("X-Dimelo-Secret", "wrong-token-123")
        .json(&delivery)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let (status, _) =
        post_sdk_signed_with(&bed, b"{\"action\":\"implementation.info\"}", "wrong-token-123").await;
    assert_eq!(status, 422);

    // Validation requests refused for a wrong verify token, then for a wrong secret.
    let validation = format!("http://{}/engage/webhook", bed.addr);
    let query = |token: &str| format!("hub.mode=subscribe&hub.challenge=c&hub.verify_token={token}");
    let http = reqwest::Client::new();
    let refused = http
        .get(format!("{validation}?{}", query("wrong-token-123")))
        .header("X-Dimelo-Secret", SECRET)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    let refused = http
        .get(format!("{validation}?{}", query(VERIFY)))
        .header("X-Dimelo-Secret", "wrong-token-123")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);

    // A retry is logged at WARN with its cause (here a 503 from a server that is down).
    let down = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let down_addr = down.local_addr().unwrap();
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        while let Ok((mut socket, _)) = down.accept().await {
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let _ = socket
                .write_all(
                    b"HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .await;
        }
    });
    let retrying = Client::builder()
        .base_url(format!("http://{down_addr}/1.0"))
        .access_token("wrong-token-123")
        .retry_policy(
            RetryPolicy::default()
                .max_retries(1)
                .base_delay(Duration::from_millis(1)),
        )
        .build()
        .unwrap();
    assert!(retrying.users().get(&"u".into()).await.is_err());

    let lines = capture.lines.lock().unwrap().clone();
    let recorded = recorded.0.lock().unwrap().clone();
    let values = |name: &str| recorded.get(name).cloned().unwrap_or_default();
    // Both ways relayed (the agent's "Hello", the user's "Thanks"); the user's message went
    // into the outbox and out again.
    assert!(
        !values("engage_handover_agent_relay_seconds").is_empty(),
        "{recorded:?}"
    );
    assert!(
        !values("engage_handover_user_relay_seconds").is_empty(),
        "{recorded:?}"
    );
    assert_eq!(
        values("engage_handover_outbox_depth"),
        [1.0, -1.0],
        "{recorded:?}"
    );
    let handover_id = bed
        .store
        .load(&"logged".into())
        .await
        .unwrap()
        .unwrap()
        .handover_id;
    // One line of each path of the handover: each sits in its span, with all three ids.
    let in_span = format!("in handover{{ conversation=logged handover={handover_id} thread=");
    for path in [
        "event=Queued",
        "agent message from Engage",
        "webhook event",
        "timers due",
        "user message delivered to Engage",
        "event=Ended",
    ] {
        let written: Vec<_> = lines.iter().filter(|l| l.contains(path)).collect();
        assert!(!written.is_empty(), "no line for {path:?}: {lines:#?}");
        for line in written {
            assert!(line.contains(&in_span), "{line}");
        }
    }
    let warned = |what: &str| {
        lines
            .iter()
            .any(|l| l.starts_with("WARN") && l.contains("validation request refused") && l.contains(what))
    };
    assert!(warned("verify_token"), "{lines:#?}");
    assert!(warned("X-Dimelo-Secret"), "{lines:#?}");
    let loud_unlinked = lines.iter().find(|l| {
        !l.starts_with("DEBUG") && !l.starts_with("TRACE") && l.contains("not linked to a handover")
    });
    assert!(loud_unlinked.is_none(), "{loud_unlinked:?}");
    assert!(
        !lines.iter().any(|l| l.contains("a thread without handover")),
        "the old, alarming line"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("WARN") && l.contains("retrying") && l.contains("503")),
        "{lines:#?}"
    );
    // The capture saw the traffic: the client's request spans at least.
    assert!(
        lines.iter().filter(|l| l.contains("engage.request")).count() >= 5,
        "{lines:#?}"
    );
    for line in &lines {
        for secret in &secrets {
            assert!(!line.contains(secret.as_str()), "a secret was logged: {line}");
        }
    }
}
