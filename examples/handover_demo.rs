//! A bot hands a user to a human agent and takes the conversation back, in one process.
//!
//! ```text
//! cargo run --example handover_demo
//! cargo run --example handover_demo -- --agents 2 --queue-ahead 3
//! cargo run --example handover_demo -- --json
//! ```
//!
//! By default everything runs locally: the crate's Engage Digital simulator (feature
//! `simulator`, enabled for the crate's own examples and tests), an [`EngageHandover`] served
//! with axum on `127.0.0.1:0`, and a scripted bot and user. It prints the timeline and exits
//! in about 2-3 seconds (one simulated second lasts 50 ms).
//!
//! With the `ENGAGE_*` variables set (see the README's configuration table) it runs the same
//! script against a real Engage Digital: it serves the SDK endpoint (`/engage/sdk`, the
//! source's Base URI) and the webhook (`/engage/webhook`) on `BIND_ADDR` (default
//! `127.0.0.1:3000`), which Engage must be able to reach (a public URL, a reverse proxy or a
//! tunnel), hands the conversation over, and waits until a human agent closes it.

use std::io::Write;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use ringcentral_engage::handover::{
    AfterEnd, Availability, EndReason, EngageHandover, HandoverEvent, HandoverProvider, HandoverRequest,
    Routing, Speaker, TranscriptEntry, UserMessage,
};
use ringcentral_engage::profile::{ContactProfile, FieldMap};
use ringcentral_engage::sim::{EngageSimulator, SimAgent, SimHandle};

#[path = "handover_demo/engage_env.rs"]
mod engage_env;

use engage_env::EngageEnv;
use timeline::{end_text, speaker, Timeline};

#[path = "handover_demo/timeline.rs"]
mod timeline;

/// Any error of the demo, printed as one line.
pub type DemoError = Box<dyn std::error::Error + Send + Sync>;

const USAGE: &str = "\
handover_demo: a bot hands a user to a human agent in Engage Digital, then takes the conversation back.

usage: cargo run --example handover_demo -- [--agents N] [--queue-ahead N] [--json]

  --agents N        simulated agents, named Alice, Bob, ... (default 1)
  --queue-ahead N   customers already waiting before ours (default 1, so ours is number 2)
  --json            print the handover events as JSON lines instead of the timeline
  -h, --help        this help

With no ENGAGE_* variable set it runs against the built-in simulator. With ENGAGE_API_URL (or
ENGAGE_DOMAIN), ENGAGE_ACCESS_TOKEN, ENGAGE_SOURCE_ID, ENGAGE_REALTIME_URL, ENGAGE_REALTIME_TOKEN,
ENGAGE_BOT_CATEGORY_ID, ENGAGE_AGENT_CATEGORY_ID, ENGAGE_WEBHOOK_SECRET and
ENGAGE_WEBHOOK_VERIFY_TOKEN set (ENGAGE_CHANNEL_ID optional) it uses that Engage Digital and
serves its endpoints on BIND_ADDR (default 127.0.0.1:3000), which Engage must reach.";

/// Real seconds per simulated second: a simulated minute lasts 3 s.
const TIME_SCALE: f64 = 0.05;
/// Simulated time an agent spends with each customer ahead of ours.
const HANDLE_TIME: Duration = Duration::from_secs(30);
/// Simulated time an agent takes to write each reply.
const THINK_TIME: Duration = Duration::from_secs(6);

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Simulated agents (ignored with a real Engage).
    pub agents: usize,
    /// Simulated customers waiting ahead (ignored with a real Engage).
    pub queue_ahead: usize,
    /// Events as JSON lines instead of the timeline.
    pub json: bool,
    /// A real Engage Digital, or `None` for the simulator.
    pub engage: Option<EngageEnv>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            agents: 1,
            queue_ahead: 1,
            json: false,
            engage: None,
        }
    }
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Run the demo.
    Run(Box<Options>),
    /// Print the usage.
    Help,
}

/// Parses the arguments (without the program name).
pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        let mut number = |flag: &str| -> Result<usize, String> {
            let value = inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a number"))?;
            value
                .parse()
                .map_err(|_| format!("{flag} needs a number, got {value:?}"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--json" => options.json = true,
            "--agents" => options.agents = number("--agents")?,
            "--queue-ahead" => options.queue_ahead = number("--queue-ahead")?,
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    if !(1..=50).contains(&options.agents) {
        return Err("--agents must be between 1 and 50".into());
    }
    if options.queue_ahead > 20 {
        return Err("--queue-ahead must be at most 20".into());
    }
    Ok(Command::Run(Box::new(options)))
}

#[tokio::main]
async fn main() {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            let _ = writeln!(std::io::stdout(), "{USAGE}"); // no panic on a closed pipe
            return;
        }
        Ok(Command::Run(options)) => *options,
        Err(e) => {
            eprintln!("handover_demo: {e}");
            std::process::exit(2);
        }
    };
    let options = match EngageEnv::from_env() {
        Ok(engage) => Options { engage, ..options },
        Err(e) => {
            eprintln!("handover_demo: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&options, &mut std::io::stdout()).await {
        eprintln!("handover_demo: error: {e}");
        std::process::exit(1);
    }
}

/// What a run did.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    /// The agent who took the conversation.
    pub agent: Option<String>,
    /// How the handover ended.
    pub ended: Option<EndReason>,
    /// Handover events seen.
    pub events: usize,
}

/// Runs the demo, writing the timeline (or JSON lines) to `out`.
pub async fn run<W: Write>(options: &Options, out: &mut W) -> Result<Summary, DemoError> {
    let started = Instant::now();
    let mut log = Timeline {
        out,
        started,
        json: options.json,
    };
    // The simulator (when used) must outlive the run.
    let (provider, _sim, deadline) = match &options.engage {
        None => {
            let (provider, sim) = start_simulated(options, &mut log).await?;
            let per_customer = HANDLE_TIME.mul_f64(TIME_SCALE);
            let waits = options.queue_ahead.div_ceil(options.agents) as u32;
            (
                provider,
                Some(sim),
                Some(Duration::from_secs(8) + per_customer * waits),
            )
        }
        Some(engage) => (start_real(engage, &mut log).await?, None, None),
    };
    let conversation = format!("demo-{:08x}", fastrand::u32(..));
    let mut events = provider.events();
    let profile = ContactProfile::from_value(
        &serde_json::json!({
            "id": format!("{conversation}-user"), "firstName": "Ada", "lastName": "Lovelace",
            "email": "ada@example.com", "plan": "gold", "accepted_gdpr": true,
        }),
        &FieldMap::default(),
    )?;
    let transcript = [
        TranscriptEntry::new(Speaker::Bot, "Hello! I'm the support bot. How can I help?"),
        TranscriptEntry::new(Speaker::User, "My internet has been down since this morning."),
        TranscriptEntry::new(
            Speaker::Bot,
            "Sorry to hear that. Have you tried restarting your modem?",
        ),
    ];
    for line in &transcript {
        log.say(speaker(line.speaker), &line.text)?;
    }
    let ask = "Yes, twice. I want to talk to a human.";
    log.say("user", ask)?;
    match provider.check_availability(&Routing::default()).await {
        Availability::Available { agents: 1, .. } => log.note("availability checked: 1 agent available")?,
        Availability::Available { agents, .. } => {
            log.note(&format!("availability checked: {agents} agents available"))?
        }
        Availability::NoneAvailable { .. } => return Err("no agent is available right now".into()),
        other => log.note(&format!(
            "availability not checked ({other:?}); handing over anyway"
        ))?,
    }
    // Who the agent will see, as the request sends it.
    let who = format!(
        "{} {}, {}",
        profile.first_name.as_deref().unwrap_or("?"),
        profile.last_name.as_deref().unwrap_or("?"),
        profile.emails.first().map_or("no email", String::as_str)
    );
    let request = HandoverRequest::new(conversation.as_str(), profile)
        .transcript(transcript.clone())
        .message(ask)
        .context_field("plan", "gold");
    provider.start(request).await?;

    let mut summary = Summary {
        elapsed: Duration::ZERO,
        agent: None,
        ended: None,
        events: 0,
    };
    let mut user_replied = false;
    // Engage repeats queue updates; the user hears a sentence only when it changes.
    let mut last_notice = String::new();
    loop {
        let next = match deadline {
            Some(limit) => tokio::time::timeout_at((started + limit).into(), events.next())
                .await
                .map_err(|_| format!("the handover did not end within {limit:?}"))?,
            None => events.next().await,
        };
        let update = next.ok_or("the provider's event stream closed")?;
        if update.conversation_id.as_str() != conversation {
            continue;
        }
        summary.events += 1;
        if log.json {
            writeln!(log.out, "{}", serde_json::to_string(&update)?)?;
        }
        match update.event {
            HandoverEvent::Accepted => {
                log.note("handover accepted: sending the transcript and the profile")?
            }
            HandoverEvent::Queued { update: None } => log.note(&format!(
                "transcript ({} lines + the request) and profile ({who}) sent; \
                 thread moved to the Agent category",
                transcript.len()
            ))?,
            HandoverEvent::Queued { update: Some(_) } => {} // its Notice carries the sentence
            HandoverEvent::Notice { text } if text != last_notice => {
                log.say("bot", &text)?;
                last_notice = text;
            }
            HandoverEvent::AgentJoined { agent } => {
                log.note(&format!("agent {} joined", agent.display_name))?;
                summary.agent = Some(agent.display_name);
            }
            HandoverEvent::AgentMessage { agent, text, .. } => {
                log.say(&agent.display_name, &text)?;
                if !user_replied {
                    user_replied = true;
                    let text = "The modem light is red, and the line has been down since 8 am.";
                    let id = format!("{conversation}-u1");
                    let receipt = provider
                        .send_message(&conversation.as_str().into(), UserMessage::text(id, text))
                        .await?;
                    log.say("user", text)?;
                    let state = if receipt.delivered {
                        "delivered"
                    } else {
                        "queued for retry"
                    };
                    log.note(&format!("user message sent to the agent ({state})"))?;
                }
            }
            HandoverEvent::AgentTyping { typing: true } => log.note("the agent is typing...")?,
            HandoverEvent::Ended { reason, next } => {
                summary.ended = Some(reason);
                let agent = summary.agent.as_deref().unwrap_or("the agent");
                log.note(&format!("handover ended: {}", end_text(reason, agent)))?;
                if next == AfterEnd::BackToBot {
                    log.say("bot", "I'm back! Is there anything else I can do for you?")?;
                }
                break;
            }
            HandoverEvent::Failed { error, .. } => return Err(format!("the handover failed: {error}").into()),
            _ => {}
        }
    }
    summary.elapsed = started.elapsed();
    log.note(&format!("done in {:.1} s", summary.elapsed.as_secs_f64()))?;
    Ok(summary)
}

/// Starts the simulator and a provider wired to it.
async fn start_simulated<W: Write>(
    options: &Options,
    log: &mut Timeline<'_, W>,
) -> Result<(EngageHandover, SimHandle), DemoError> {
    let names = engage_env::agent_names(options.agents);
    let agents = names
        .iter()
        .map(|name| {
            SimAgent::new(name).think_time(THINK_TIME).replies([
                format!(
                    "Hi Ada, this is {name}. I can see your line is down; what colour is the modem light?"
                ),
                "Thanks. I've reset your line from our side: the light should turn green within a minute."
                    .into(),
                "You're welcome! I'm closing this chat; the bot will take it from here.".to_owned(),
            ])
        })
        .collect();
    let sim = EngageSimulator::builder()
        .agents(agents)
        .queue_ahead(options.queue_ahead)
        .time_scale(TIME_SCALE)
        .average_handle_time(HANDLE_TIME)
        .queue_update_interval(Duration::from_secs(10))
        .start()
        .await
        .map_err(|e| format!("cannot start the simulator: {e}"))?;
    let provider = EngageHandover::new(engage_env::simulator_config(&sim).build()?);
    let addr = sim.serve_handover(&provider).await?;
    log.note(&format!(
        "simulated Engage Digital on {} with {} ({}); {} customer(s) already waiting",
        sim.base_url(),
        if names.len() == 1 {
            "1 agent".to_owned()
        } else {
            format!("{} agents", names.len())
        },
        names.join(", "),
        options.queue_ahead
    ))?;
    log.note(&format!(
        "bot service on http://{addr} (SDK endpoint /engage/sdk, webhook /engage/webhook)"
    ))?;
    Ok((provider, sim))
}

/// Serves the provider's two endpoints on `listener` in the background, through the crate's
/// server loop (header read timeout) and the routers' body limits.
fn spawn_server(listener: tokio::net::TcpListener, provider: &EngageHandover) {
    let serving = ringcentral_engage::inbound::ServeOptions::new();
    let router = provider.router();
    tokio::spawn(ringcentral_engage::inbound::serve(
        listener,
        router,
        serving,
        std::future::pending(),
    ));
}

/// Serves a provider for a real Engage on `BIND_ADDR`.
async fn start_real<W: Write>(
    engage: &EngageEnv,
    log: &mut Timeline<'_, W>,
) -> Result<EngageHandover, DemoError> {
    let provider = EngageHandover::new(engage.config.clone());
    let listener = tokio::net::TcpListener::bind(engage.bind_addr)
        .await
        .map_err(|e| format!("cannot listen on BIND_ADDR {}: {e}", engage.bind_addr))?;
    let addr = listener.local_addr()?;
    spawn_server(listener, &provider);
    log.note(&format!(
        "serving on {addr}: Engage must reach /engage/sdk (the source's Base URI) and /engage/webhook here"
    ))?;
    log.note("the handover waits for a human agent to take and close it (Ctrl-C to stop)")?;
    Ok(provider)
}
