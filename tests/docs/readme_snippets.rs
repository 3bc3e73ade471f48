//! The Rust snippets of README.md, copied here verbatim so that they compile (and the simulator
//! one runs as a test). `readme_and_copies_are_identical` fails when a README snippet changes without its
//! copy: update both.
#![cfg(feature = "simulator")]

#[rustfmt::skip]
#[allow(dead_code)]
mod quick_start {
use futures_util::StreamExt;
use ringcentral_engage::handover::{EngageConfig, EngageHandover, HandoverEvent, HandoverProvider, HandoverRequest};
use ringcentral_engage::profile::ContactProfile;

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let config = EngageConfig::from_env()?.build()?; // the ENGAGE_* variables of "Configuration"
    let handover = EngageHandover::new(config);
    let (mut events, app) = (handover.events(), handover.router()); // /engage/sdk and /engage/webhook
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await?; // served with read timeouts:
    tokio::spawn(ringcentral_engage::inbound::serve(listener, app, Default::default(), std::future::pending()));
    handover.start(HandoverRequest::new("conversation-42", ContactProfile::default()).message("A human!")).await?;
    while let Some(update) = events.next().await {
        match update.event {
            HandoverEvent::Notice { text } => println!("to the user: {text}"), // "You are number 2 in line..."
            HandoverEvent::AgentMessage { agent, text, .. } => println!("{}: {text}", agent.display_name),
            event if event.is_terminal() => break, // ended or failed: the bot takes over again
            _ => {}
        }
    }
    Ok(())
}
}

#[rustfmt::skip]
#[allow(dead_code)]
mod simulator_test {
use std::time::Duration;
use ringcentral_engage::handover::EngageHandover;
use ringcentral_engage::sim::{EngageSimulator, SimAgent};

#[tokio::test]
async fn bot_test() -> Result<(), Box<dyn std::error::Error>> {
    let alice = SimAgent::new("Alice").think_time(Duration::from_secs(2)).replies(["Hi, I'm Alice."]);
    let sim = EngageSimulator::builder().agent(alice).time_scale(0.01).start().await?; // 1 s lasts 10 ms
    let handover = EngageHandover::new(sim.handover_config().build()?); // settings of this simulator
    // Serves handover.router() on 127.0.0.1 and points the simulator at it. With your own
    // router (the handover's merged in), serve it yourself and call sim.connect_handover(..).
    sim.serve_handover(&handover).await?;
    // ... drive your bot, then look at what Engage received:
    assert!(sim.inspect().contents().is_empty());
    Ok(())
}
}

#[rustfmt::skip]
#[allow(dead_code)]
mod unit_test {
use std::time::Duration;
use futures_util::StreamExt;
use ringcentral_engage::handover::{HandoverProvider, HandoverRequest};
use ringcentral_engage::{profile::ContactProfile, testing::{Script, ScriptedProvider}};

#[tokio::test(start_paused = true)] // the script's 2 s and 60 s pass instantly
async fn relays_the_agent_and_takes_the_conversation_back() {
    let script = Script::new().wait(Duration::from_secs(2)).agent_joins("Alice")
        .agent_says("Hi, I'm Alice.").wait(Duration::from_secs(60)).agent_closes();
    let provider = ScriptedProvider::new(script);
    let mut events = provider.events();
    provider.start(HandoverRequest::new("c-1", ContactProfile::default())).await.unwrap(); // your bot
    provider.send_user_message(&"c-1".into(), "My modem is down").await.unwrap(); // your bot
    while let Some(update) = events.next().await {
        if update.event.is_terminal() { break; }
    }
    assert_eq!(provider.user_messages("c-1")[0].text, "My modem is down");
    assert!(matches!(provider.status(&"c-1".into()).await.unwrap(), Some(s) if s.is_finished()));
}
}

#[rustfmt::skip]
#[allow(dead_code)]
mod rest_client {
use futures_util::TryStreamExt;
use ringcentral_engage::Client;

async fn agents() -> ringcentral_engage::Result<()> {
    let client = Client::for_domain("acme").access_token("my-token").build()?;
    let first_page = client.users().list().limit(50).send().await?; // Page { count, records, .. }
    let everyone: Vec<_> = client.users().list().stream().try_collect().await?; // every page, lazily
    println!("{} users ({} on the first page)", everyone.len(), first_page.records.len());
    Ok(())
}
}

#[test]
fn readme_and_copies_are_identical() {
    let readme = include_str!("../../README.md");
    let this_file = include_str!("readme_snippets.rs");
    let mut snippets = 0;
    for block in readme.split("```rust\n").skip(1) {
        let code = block.split("```").next().unwrap();
        assert!(
            this_file.contains(code),
            "README snippet not copied verbatim:\n{code}"
        );
        snippets += 1;
    }
    assert_eq!(snippets, 4, "a README snippet was added or removed: copy it here");
}

/// Every handler the README lists exists on `Client`.
#[test]
fn readme_handler_list_is_true() {
    let c = ringcentral_engage::Client::builder()
        .base_url("http://127.0.0.1:9/1.0")
        .access_token("unused")
        .build()
        .unwrap();
    let handlers = [
        format!("{:?}", c.agent_status()),
        format!("{:?}", c.attachments()),
        format!("{:?}", c.bots()),
        format!("{:?}", c.categories()),
        format!("{:?}", c.channels()),
        format!("{:?}", c.communities()),
        format!("{:?}", c.contents()),
        format!("{:?}", c.custom_fields()),
        format!("{:?}", c.events()),
        format!("{:?}", c.folders()),
        format!("{:?}", c.identities()),
        format!("{:?}", c.identity_groups()),
        format!("{:?}", c.interface_locales()),
        format!("{:?}", c.intervention_comments()),
        format!("{:?}", c.interventions()),
        format!("{:?}", c.locales()),
        format!("{:?}", c.presence_statuses()),
        format!("{:?}", c.reply_assistant_entries()),
        format!("{:?}", c.reply_assistant_groups()),
        format!("{:?}", c.reply_assistant_versions()),
        format!("{:?}", c.roles()),
        format!("{:?}", c.settings()),
        format!("{:?}", c.sources()),
        format!("{:?}", c.survey_responses()),
        format!("{:?}", c.surveys()),
        format!("{:?}", c.tags()),
        format!("{:?}", c.tasks()),
        format!("{:?}", c.teams()),
        format!("{:?}", c.threads()),
        format!("{:?}", c.time_sheets()),
        format!("{:?}", c.timezones()),
        format!("{:?}", c.topologies()),
        format!("{:?}", c.user_capacities()),
        format!("{:?}", c.user_signatures(&"u1".into())),
        format!("{:?}", c.user_sources_permissions()),
        format!("{:?}", c.users()),
        format!("{:?}", c.webhooks()),
    ];
    let readme = include_str!("../../README.md");
    let listed = readme
        .split("One handler per resource:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    assert_eq!(
        listed.matches('`').count() / 2,
        handlers.len(),
        "README list and this test differ"
    );
    assert!(!readme.contains("token\": \"")); // no credential-looking JSON in the README
}
