//! A deployable bot service that hands conversations to Engage Digital agents.
//!
//! ```text
//! cargo run --example bot_proxy
//! ```
//!
//! Routes:
//!
//! | route | what |
//! |---|---|
//! | `POST /engage/sdk` | the Source SDK endpoint (the source's Base URI in Engage) |
//! | `GET, POST /engage/webhook` | the webhook endpoint (validation handshake and events) |
//! | `GET /health` | `{"status":"ok","conversations":N}` (N: the conversations it remembers) |
//! | `GET /metrics` | the handover metrics (`engage_handovers_started_total`, ...) in Prometheus' text format |
//! | `POST /conversations/{id}/messages` | the user writes: `{"text": "...", "client_message_id": "..."}` (and optionally `"profile": {...}`) |
//! | `GET /conversations/{id}/events` | server-sent events: `message` (`{"from": "bot"\|"agent", "text": ...}`) and `handover` (each handover event as JSON) |
//!
//! A toy bot answers the user; when the text asks for a human (or an agent) it hands the
//! conversation over. While an agent handles it, the user's messages go to the agent; when the
//! agent closes it, the bot answers again. Ctrl-C stops it gracefully (open event streams end).
//!
//! It remembers at most 100,000 conversations ([`Limits`]); one with no handover running and
//! no event stream open is forgotten 10 minutes after its last message. A new conversation
//! beyond the limit is answered `503` with an error saying so. Each keeps its latest 200
//! transcript lines and the latest 1,000 message ids it answered.
//!
//! With no `ENGAGE_*` variable set it starts the built-in simulator (agents Alice and Bob),
//! points it at itself and prints the URLs and a curl example. With the variables set (see the
//! README) it serves a real Engage Digital on `BIND_ADDR` (default `127.0.0.1:3000`).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use ringcentral_engage::handover::{
    AfterEnd, EngageHandover, HandoverEvent, HandoverProvider, HandoverUpdate, Speaker, TranscriptEntry,
};
use ringcentral_engage::sim::{EngageSimulator, EngageSimulatorBuilder, SimAgent, SimHandle};
use serde_json::{json, Value};
use tokio::sync::watch;

#[path = "handover_demo/engage_env.rs"]
pub(crate) mod engage_env;

use conversations::{Conversation, Conversations, Full, Outgoing};
use engage_env::EngageEnv;
use user_api::{event_stream, post_message};

#[path = "bot_proxy/conversations.rs"]
pub mod conversations;
#[path = "bot_proxy/user_api.rs"]
mod user_api;

pub use conversations::Limits;

/// Any error of the service, printed as one line.
pub type ProxyError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() {
    if let Err(e) = serve_until_ctrl_c().await {
        eprintln!("bot_proxy: error: {e}");
        std::process::exit(1);
    }
}

async fn serve_until_ctrl_c() -> Result<(), ProxyError> {
    let engage = EngageEnv::from_env()?;
    let bind = match &engage {
        Some(engage) => engage.bind_addr,
        None => match std::env::var("BIND_ADDR") {
            Ok(addr) => addr
                .parse()
                .map_err(|_| format!("BIND_ADDR {addr:?} is not an address"))?,
            Err(_) => engage_env::DEFAULT_BIND_ADDR.parse()?,
        },
    };
    let target = match engage {
        Some(engage) => Target::Engage(engage),
        None => Target::Simulator(local_simulator()),
    };
    let (stop, stopped) = watch::channel(false);
    let running = launch(target, bind, stopped).await?;
    let base = format!("http://{}", running.addr);
    println!("bot_proxy listening on {base}");
    println!("  SDK endpoint  {base}/engage/sdk");
    println!("  webhook       {base}/engage/webhook");
    println!("  health        {base}/health");
    match &running.sim {
        Some(sim) => {
            let agents: Vec<String> = sim.agents().into_iter().map(|a| a.name).collect();
            println!(
                "  simulated Engage Digital on {} (agents: {})",
                sim.base_url(),
                agents.join(", ")
            );
            println!("Try it, in two terminals:");
            println!("  curl -N {base}/conversations/c1/events");
            println!(
                "  curl -X POST {base}/conversations/c1/messages -H 'content-type: application/json' \\\n    \
                 -d '{{\"text\": \"I want a human\", \"client_message_id\": \"m1\"}}'"
            );
        }
        None => println!(
            "  Engage Digital must reach the two endpoints above (set them in the source and the webhook)."
        ),
    }
    println!("Press Ctrl-C to stop.");
    let mut running = running;
    tokio::select! {
        result = tokio::signal::ctrl_c() => result?,
        result = &mut running.server => return Err(format!("the server stopped: {:?}", result?).into()),
    }
    println!("bot_proxy: stopping (waiting up to 5 s for requests in flight)");
    let _ = stop.send(true);
    match tokio::time::timeout(Duration::from_secs(5), running.server).await {
        Ok(served) => served??,
        Err(_) => eprintln!("bot_proxy: requests still running after 5 s; stopping anyway"),
    }
    if let Some(sim) = running.sim {
        sim.shutdown().await;
    }
    println!("bot_proxy: stopped");
    Ok(())
}

/// The simulator `bot_proxy` starts when no Engage is configured: readable timings (a
/// simulated minute lasts 12 s), two agents, one customer already waiting.
pub fn local_simulator() -> EngageSimulatorBuilder {
    let agent = |name: &str| {
        SimAgent::new(name).think_time(Duration::from_secs(15)).replies([
            format!("Hi, this is {name}. How can I help?"),
            "Let me check that for you... Done! Anything else?".to_owned(),
            "Great. I'm closing this chat now; the bot will take it from here.".to_owned(),
        ])
    };
    EngageSimulator::builder()
        .agents(vec![agent("Alice"), agent("Bob")])
        .queue_ahead(1)
        .time_scale(0.2)
        .average_handle_time(Duration::from_secs(30))
}

/// Where the handovers go.
// Built once at start-up and consumed by `launch`: boxing would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Target {
    /// A simulator started by [`launch`] and pointed at the service.
    Simulator(EngageSimulatorBuilder),
    /// A real Engage Digital.
    Engage(EngageEnv),
}

/// A running service.
pub struct Running {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The simulator, when it runs one.
    pub sim: Option<SimHandle>,
    /// The server; it finishes once the shutdown signal is `true` and requests are done.
    pub server: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Binds `bind`, serves [`app`] with the default [`Limits`] until `shutdown` becomes `true`
/// and, for [`Target::Simulator`], starts the simulator and points it at the service.
pub async fn launch(
    target: Target,
    bind: SocketAddr,
    shutdown: watch::Receiver<bool>,
) -> Result<Running, ProxyError> {
    launch_with(target, bind, shutdown, Limits::default()).await
}

// For tests, benches and load runs; `main` serves on `BIND_ADDR`.
#[allow(dead_code)]
/// A service on a free port of 127.0.0.1 with the simulator `sim` pointed at it (what tests,
/// benches and load runs start), and the sender that stops it (send `true`).
pub async fn launch_local(
    sim: EngageSimulatorBuilder,
    limits: Limits,
) -> Result<(Running, watch::Sender<bool>), ProxyError> {
    let (stop, stopped) = watch::channel(false);
    let bind = SocketAddr::from(([127, 0, 0, 1], 0));
    let running = launch_with(Target::Simulator(sim), bind, stopped, limits).await?;
    Ok((running, stop))
}

/// [`launch`] with `limits`.
pub async fn launch_with(
    target: Target,
    bind: SocketAddr,
    shutdown: watch::Receiver<bool>,
    limits: Limits,
) -> Result<Running, ProxyError> {
    let mut simulated = None;
    let provider = match target {
        Target::Simulator(builder) => {
            let sim = builder
                .start()
                .await
                .map_err(|e| format!("cannot start the simulator: {e}"))?;
            let provider = handover(engage_env::simulator_config(&sim).build()?).await?;
            simulated = Some(sim);
            provider
        }
        Target::Engage(engage) => handover(engage.config).await?,
    };
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .map_err(|e| format!("cannot listen on {bind}: {e}"))?;
    let addr = listener.local_addr()?;
    let config = provider.config().clone();
    let router = app(provider, shutdown.clone(), limits);
    let mut stop = shutdown;
    let server = tokio::spawn(async move {
        // The crate's server loop: a header read timeout on top of the routers' body limits.
        let options = ringcentral_engage::inbound::ServeOptions::new();
        ringcentral_engage::inbound::serve(listener, router, options, async move {
            let _ = stop.wait_for(|stopped| *stopped).await;
        })
        .await
    });
    if let Some(sim) = &simulated {
        sim.connect_handover(&format!("http://{addr}"), &config).await?;
    }
    Ok(Running {
        addr,
        sim: simulated,
        server,
    })
}

/// The handover provider: on the Redis of `REDIS_URL` when it is set (several instances then
/// serve one Engage and survive restarts; needs feature `redis`), else in memory.
async fn handover(config: ringcentral_engage::handover::EngageConfig) -> Result<EngageHandover, ProxyError> {
    let Ok(url) = std::env::var("REDIS_URL") else {
        return Ok(EngageHandover::new(config));
    };
    #[cfg(feature = "redis")]
    {
        let backend = ringcentral_engage::handover::backend::RedisBackend::connect(&url).await?;
        let provider = EngageHandover::with_backend(config, backend);
        let resumed = provider.resume_all().await?;
        eprintln!("bot_proxy: handovers on Redis; {resumed} resumed");
        Ok(provider)
    }
    #[cfg(not(feature = "redis"))]
    {
        let _ = config;
        Err(format!("REDIS_URL is set ({url}) but bot_proxy was built without feature redis").into())
    }
}

/// The service's routes: the provider's two Engage endpoints, `/health`, `/metrics` and the
/// user API. Spawns the task that relays handover events to the conversations' event streams;
/// event streams end when `shutdown` becomes `true`.
pub fn app(provider: EngageHandover, shutdown: watch::Receiver<bool>, limits: Limits) -> Router {
    let events = provider.events(); // subscribed before any handover starts
    let state = Arc::new(Proxy {
        provider: provider.clone(),
        conversations: Mutex::new(Conversations::new(limits, tokio::time::Instant::now())),
        shutdown: shutdown.clone(),
    });
    tokio::spawn(relay(Arc::clone(&state), events));
    let metrics = prometheus();
    if let Some(handle) = &metrics {
        tokio::spawn(metrics_upkeep(handle.clone(), shutdown));
    }
    Router::new()
        .route("/health", get(health))
        .route("/metrics", get(move || scrape(metrics.clone())))
        .route("/conversations/{id}/messages", post(post_message))
        .route("/conversations/{id}/events", get(event_stream))
        .with_state(state)
        .merge(provider.router())
}

/// The process's Prometheus recorder of the crate's metrics, installed on first use (a
/// process has one recorder; `None`, and a message, when another one was installed first).
fn prometheus() -> Option<PrometheusHandle> {
    static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .install_recorder()
                .map_err(|e| eprintln!("bot_proxy: no /metrics: {e}"))
                .ok()
        })
        .clone()
}

/// Drains the recorder's histogram buffers every few seconds, until `shutdown`.
async fn metrics_upkeep(handle: PrometheusHandle, mut shutdown: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = shutdown.wait_for(|stopped| *stopped) => return,
            _ = tokio::time::sleep(Duration::from_secs(5)) => handle.run_upkeep(),
        }
    }
}

/// `GET /metrics`: every metric in Prometheus' text format.
async fn scrape(metrics: Option<PrometheusHandle>) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    match metrics {
        Some(handle) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            handle.render(),
        )
            .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "another metrics recorder is installed in this process\n",
        )
            .into_response(),
    }
}

/// `GET /health`.
async fn health(axum::extract::State(proxy): axum::extract::State<Arc<Proxy>>) -> Json<Value> {
    let conversations = proxy
        .conversations
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .len();
    Json(json!({"status": "ok", "conversations": conversations}))
}

/// The service's state.
struct Proxy {
    provider: EngageHandover,
    conversations: Mutex<Conversations>,
    shutdown: watch::Receiver<bool>,
}

impl Proxy {
    /// Runs `f` on the conversation, created on first use; `Full` when it is new and the
    /// service already follows as many as its [`Limits`] allow.
    fn with<R>(&self, id: &str, f: impl FnOnce(&mut Conversation) -> R) -> Result<R, Full> {
        let mut conversations = self.conversations.lock().unwrap_or_else(|p| p.into_inner());
        conversations.get(id, tokio::time::Instant::now()).map(f)
    }

    fn publish(&self, id: &str, event: &'static str, data: Value) {
        self.send(
            id,
            Outgoing {
                event,
                data,
                id: None,
            },
        );
    }

    fn send(&self, id: &str, out: Outgoing) {
        // No subscriber is fine: nobody is listening right now. No room for a conversation
        // the service does not follow (yet) means nobody listens to it either.
        let _ = self.with(id, |c| c.tx.send(out).ok());
    }

    /// The bot says `text`: to the event streams and into the transcript.
    fn bot_says(&self, id: &str, text: &str) {
        let _ = self.with(id, |c| c.said(TranscriptEntry::new(Speaker::Bot, text)));
        self.publish(id, "message", json!({"from": "bot", "text": text}));
    }
}

/// Relays handover events to the conversations' streams, with the bot's words around them.
async fn relay(proxy: Arc<Proxy>, mut events: ringcentral_engage::handover::HandoverEvents) {
    while let Some(update) = events.next().await {
        let id = update.conversation_id.to_string();
        let running = !matches!(
            update.event,
            HandoverEvent::Ended { .. } | HandoverEvent::Failed { .. }
        );
        let now = tokio::time::Instant::now();
        let _ = proxy.with(&id, |c| c.handover_running(running, now));
        proxy.send(&id, handover_event(&update));
        match update.event {
            HandoverEvent::AgentMessage {
                agent,
                text,
                message_id,
                ..
            } => {
                let _ = proxy.with(&id, |c| {
                    c.said(TranscriptEntry::new(Speaker::Agent, text.as_str()))
                });
                let data = json!({"from": "agent", "agent": agent.display_name, "text": text, "message_id": message_id});
                proxy.publish(&id, "message", data);
            }
            HandoverEvent::Notice { text } => {
                let fresh = proxy.with(&id, |c| c.last_notice.replace(text.clone()) != Some(text.clone()));
                if fresh == Ok(true) {
                    proxy.publish(&id, "message", json!({"from": "bot", "text": text}));
                }
            }
            HandoverEvent::Ended { next, .. } => {
                let _ = proxy.with(&id, |c| c.last_notice = None);
                match next {
                    AfterEnd::BackToBot => proxy.bot_says(&id, "You're back with the bot. Anything else?"),
                    _ => proxy.bot_says(&id, "This conversation is over. Thank you!"),
                }
            }
            HandoverEvent::Failed { error, .. } => {
                eprintln!("bot_proxy: the handover of {id} failed: {error}");
                proxy.bot_says(
                    &id,
                    "Sorry, I could not reach an agent. You can keep talking to me.",
                );
            }
            _ => {}
        }
    }
}

/// A handover event as a server-sent event, with its id.
fn handover_event(update: &HandoverUpdate) -> Outgoing {
    Outgoing {
        event: "handover",
        data: handover_json(update),
        id: Some(update.event_id),
    }
}

fn handover_json(update: &HandoverUpdate) -> Value {
    serde_json::to_value(update).unwrap_or_else(|e| json!({"error": e.to_string()}))
}
