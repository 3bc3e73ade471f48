//! The state shared by the HTTP server and the background tasks of one simulator.

use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::{mpsc, Notify};
use tokio::task::AbortHandle;

use super::clock::Clock;
use super::config::{SimConfig, WebhookTarget};
use super::state::SimState;
use super::webhooks::Delivery;
use crate::sdk::signature::SigningKey;
use crate::Secret;

/// One running simulator, behind an `Arc`.
#[derive(Debug)]
pub(crate) struct Shared {
    state: Mutex<SimState>,
    /// Woken (all waiters) after every change of the state.
    pub(crate) changed: Notify,
    /// Woken after every change, so routing reacts at once.
    pub(crate) wake_router: Notify,
    pub(crate) config: SimConfig,
    pub(crate) clock: Clock,
    pub(crate) http: reqwest::Client,
    pub(crate) access_token: Secret,
    pub(crate) realtime_token: Secret,
    pub(crate) key: SigningKey,
    pub(crate) sdk_endpoint: Mutex<Option<String>>,
    /// The webhook target and whether its validation succeeded.
    pub(crate) webhook: Mutex<Option<(WebhookTarget, bool)>>,
    pub(crate) webhook_tx: mpsc::UnboundedSender<Delivery>,
    background: Mutex<Background>,
    /// Where a running load test hears of contents as the simulator stores them.
    pub(crate) tap: Mutex<Option<mpsc::UnboundedSender<Tap>>>,
}

/// Background tasks; finished ones are swept when the list doubles, so a spawn costs O(1)
/// amortized however many sessions run.
#[derive(Debug, Default)]
struct Background {
    tasks: Vec<AbortHandle>,
    sweep_at: usize,
}

/// A content stored, as seen by a load test.
#[derive(Debug, Clone)]
pub(crate) enum Tap {
    /// A customer content arrived whose text ends with `[reference]`.
    Inbound {
        reference: String,
        at: tokio::time::Instant,
    },
    /// A simulated agent wrote this content in the thread with this foreign id.
    AgentReply {
        content_id: String,
        thread: String,
        at: tokio::time::Instant,
    },
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shared {
    pub(crate) fn new(
        config: SimConfig,
        state: SimState,
        access_token: Secret,
        realtime_token: Secret,
        webhook_tx: mpsc::UnboundedSender<Delivery>,
    ) -> Self {
        let http = crate::client::http_client_builder()
            .timeout(Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        Shared {
            state: Mutex::new(state),
            changed: Notify::new(),
            wake_router: Notify::new(),
            clock: Clock::new(config.time_scale),
            config,
            http,
            key: SigningKey::new(&realtime_token),
            access_token,
            realtime_token,
            sdk_endpoint: Mutex::new(None),
            webhook: Mutex::new(None),
            webhook_tx,
            background: Mutex::new(Background::default()),
            tap: Mutex::new(None),
        }
    }

    /// Changes the state, then wakes waiters and the router.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut SimState) -> R) -> R {
        let out = f(&mut lock(&self.state));
        self.changed.notify_waiters();
        self.wake_router.notify_one();
        out
    }

    /// Changes the state and wakes waiters, but not the router (used by the router itself).
    pub(crate) fn with_quiet<R>(&self, f: impl FnOnce(&mut SimState) -> R) -> R {
        let out = f(&mut lock(&self.state));
        self.changed.notify_waiters();
        out
    }

    /// Reads the state.
    pub(crate) fn read<R>(&self, f: impl FnOnce(&SimState) -> R) -> R {
        f(&lock(&self.state))
    }

    /// Tells a running load test (if any) about a stored content.
    pub(crate) fn tap(&self, event: Tap) {
        if let Some(tx) = &*lock(&self.tap) {
            let _ = tx.send(event);
        }
    }

    pub(crate) fn set_tap(&self, tx: Option<mpsc::UnboundedSender<Tap>>) {
        *lock(&self.tap) = tx;
    }

    /// Whether a load test listens (its agents' replies then carry their content id).
    pub(crate) fn tapped(&self) -> bool {
        lock(&self.tap).is_some()
    }

    pub(crate) fn sdk_endpoint(&self) -> Option<String> {
        lock(&self.sdk_endpoint).clone()
    }

    pub(crate) fn set_sdk_endpoint_url(&self, url: Option<String>) {
        *lock(&self.sdk_endpoint) = url;
    }

    /// The webhook target, if set and validated.
    pub(crate) fn active_webhook(&self) -> Option<WebhookTarget> {
        match &*lock(&self.webhook) {
            Some((target, true)) => Some(target.clone()),
            _ => None,
        }
    }

    pub(crate) fn set_webhook_target(&self, target: Option<(WebhookTarget, bool)>) {
        *lock(&self.webhook) = target;
    }

    /// Runs `fut` in the background until it ends or the simulator shuts down.
    pub(crate) fn spawn<F>(&self, fut: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let handle = tokio::spawn(fut).abort_handle();
        let mut all = lock(&self.background);
        if all.tasks.len() >= all.sweep_at {
            all.tasks.retain(|h| !h.is_finished());
            all.sweep_at = (all.tasks.len() * 2).max(64);
        }
        all.tasks.push(handle);
    }

    /// Stops every background task.
    pub(crate) fn abort_all(&self) {
        for h in lock(&self.background).tasks.drain(..) {
            h.abort();
        }
    }
}

/// Spawns `f(shared)` in the background of `shared`.
pub(crate) fn spawn_with<F, Fut>(shared: &Arc<Shared>, f: F)
where
    F: FnOnce(Arc<Shared>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    shared.spawn(f(Arc::clone(shared)));
}
