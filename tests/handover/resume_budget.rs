//! `resume_all` with many live handovers reconciles every one of them, spread over time so that
//! the REST calls stay within the share of Engage's 500 requests/min that reconciliation may
//! use (200/min), on tokio's paused clock against a fake Engage on the test's own runtime.
#![cfg(feature = "axum")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::Uri;
use axum::response::IntoResponse;
use ringcentral_engage::handover::{EngageHandover, MemorySessionStore, SessionStore};
use tokio::time::Instant;

use crate::support::{offline, seed_queued};

/// Live handovers resumed at once.
const LIVE: usize = 300;

/// The share of Engage's 500 requests/min that reconciliation may use (see `resume_all`).
const BUDGET_PER_MINUTE: usize = 200;

/// A fake Engage that answers the reads of a reconciliation (an open thread, no
/// interventions, no contents) and records when each request arrived.
async fn fake_engage(arrivals: Arc<Mutex<Vec<(Instant, String)>>>) -> String {
    engage_down_until(Instant::now(), arrivals).await
}

/// `LIVE` queued handovers in a store, and a provider on it talking to `engage` (periodic
/// reconciliation after 2 h without news).
async fn live_handovers(engage: &str) -> (Arc<MemorySessionStore>, EngageHandover) {
    let store = Arc::new(MemorySessionStore::new());
    for n in 0..LIVE {
        seed_queued(&store, &format!("c{n}"), &format!("th{n}")).await;
    }
    let config = offline(engage)
        .reconcile_after(Duration::from_secs(2 * 3600))
        .build()
        .unwrap();
    let provider = EngageHandover::with_store(config, store.clone());
    (store, provider)
}

/// Waits (on the paused clock) until every live handover is reconciled, at most until `limit`
/// after `started`.
async fn wait_all_reconciled(store: &MemorySessionStore, started: Instant, limit: Duration) {
    let mut waiting = LIVE;
    while waiting > 0 {
        assert!(started.elapsed() < limit, "{waiting} never reconciled");
        tokio::time::sleep(Duration::from_secs(10)).await;
        waiting = 0;
        for n in 0..LIVE {
            let session = store.load(&format!("c{n}").into()).await.unwrap().unwrap();
            if session.reconciled_at.is_none() || session.reconcile_at.is_some() {
                waiting += 1;
            }
        }
    }
}

/// The most requests that arrived within any 60 s.
fn busiest_minute(times: &[Instant]) -> usize {
    let mut busiest = 0;
    let mut first = 0;
    for (last, at) in times.iter().enumerate() {
        while at.duration_since(times[first]) >= Duration::from_secs(60) {
            first += 1;
        }
        busiest = busiest.max(last + 1 - first);
    }
    busiest
}

#[tokio::test(start_paused = true)]
async fn resume_all_reconciles_every_live_handover_within_the_rate_budget() {
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let engage = fake_engage(arrivals.clone()).await;
    let (store, provider) = live_handovers(&engage).await;
    let started = Instant::now();
    assert_eq!(provider.resume_all().await.unwrap(), LIVE);
    assert!(
        arrivals.lock().unwrap().len() <= 3,
        "reconciliations are deadlines, not a burst in resume_all"
    );
    // Every handover reconciled, well before the periodic reconciliation (2 h without news).
    wait_all_reconciled(&store, started, Duration::from_secs(3600)).await;
    let elapsed = started.elapsed();
    let arrivals = arrivals.lock().unwrap().clone();
    let times: Vec<Instant> = arrivals.iter().map(|(at, _)| *at).collect();
    let per_handover = arrivals.len() as f64 / LIVE as f64;
    let busiest = busiest_minute(&times);
    let per_minute =
        arrivals.len() as f64 / times.last().unwrap().duration_since(started).as_secs_f64() * 60.0;
    let hours_for_10k = 10_000.0 * per_handover / per_minute / 60.0;
    eprintln!(
        "{LIVE} live handovers: {} REST calls ({per_handover} per handover), busiest minute {busiest}, \
         {per_minute:.0}/min on average, all reconciled within {elapsed:?}; 10,000 at this rate: {hours_for_10k:.2} h",
        arrivals.len()
    );
    assert_eq!(arrivals.len(), 3 * LIVE, "3 reads per reconciliation, each once");
    for n in 0..LIVE {
        let thread = format!("/1.0/content_threads/th{n}");
        assert_eq!(
            arrivals.iter().filter(|(_, path)| *path == thread).count(),
            1,
            "{thread}"
        );
    }
    assert!(busiest <= BUDGET_PER_MINUTE, "{busiest} requests within a minute");
    // The budget is used, not just respected: the window is not needlessly long.
    assert!(
        busiest >= BUDGET_PER_MINUTE * 9 / 10,
        "{busiest} requests within a minute"
    );
}

/// A fake Engage that is down (503) until `down_until`, then answers like [`fake_engage`].
async fn engage_down_until(down_until: Instant, arrivals: Arc<Mutex<Vec<(Instant, String)>>>) -> String {
    let answer = move |uri: Uri| {
        let arrivals = arrivals.clone();
        async move {
            let path = uri.path().to_owned();
            arrivals.lock().unwrap().push((Instant::now(), path.clone()));
            if Instant::now() < down_until {
                return axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response();
            }
            let body = match path.strip_prefix("/1.0/content_threads/") {
                Some(id) => serde_json::json!({ "id": id, "closed": false }),
                None => serde_json::json!({ "count": 0, "offset": 0, "limit": 100, "records": [] }),
            };
            axum::Json(body).into_response()
        }
    };
    let app = axum::Router::new().fallback(answer);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

/// While Engage is down, reconciliations that fail back off together instead of each trying
/// again every second (which spent thousands of requests a minute on an outage); once Engage
/// is back, every handover is still reconciled.
#[tokio::test(start_paused = true)]
async fn reconciliations_failing_during_an_outage_back_off_and_finish_after_it() {
    let outage = Duration::from_secs(15 * 60);
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let engage = engage_down_until(started + outage, arrivals.clone()).await;
    let (store, provider) = live_handovers(&engage).await;
    provider.resume_all().await.unwrap();
    wait_all_reconciled(&store, started, outage + Duration::from_secs(3600)).await;
    let arrivals = arrivals.lock().unwrap().clone();
    let during: Vec<Instant> = arrivals
        .iter()
        .map(|(at, _)| *at)
        .filter(|at| *at < started + outage)
        .collect();
    let busiest = busiest_minute(&during);
    eprintln!(
        "{LIVE} reconciliations during a {outage:?} outage: {} requests in the outage, busiest minute {busiest}; \
         {} in all, all reconciled within {:?}",
        during.len(),
        arrivals.len(),
        started.elapsed()
    );
    assert!(
        busiest <= BUDGET_PER_MINUTE,
        "{busiest} failing requests within a minute of the outage"
    );
}
