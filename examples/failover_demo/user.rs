//! A user of the bot service: asks for a human, writes to the agent once one joins, and reads
//! the conversation's server-sent events until the handover ends. When its replica goes away
//! it reconnects to the other one with the last event id it saw.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use super::timeline::Timeline;

#[path = "../bot_proxy/sse_blocks.rs"]
mod sse_blocks;

/// What one user saw.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The handover ended (the agent closed it).
    pub completed: bool,
    /// The agents' lines, in the order received, each once.
    pub agent_messages: Vec<String>,
    /// What the user wrote to the agent.
    pub sent: Vec<String>,
    /// Handover events received a second time (same id).
    pub duplicate_events: usize,
    /// When the stream was back on the other replica after a lost connection.
    pub reconnected_at: Option<Instant>,
}

/// How many lines each user writes to the agent.
pub const USER_LINES: usize = 2;

/// The user of conversation `id`, starting on replica `home` of `replicas`.
pub async fn converse(
    id: String,
    replicas: Vec<SocketAddr>,
    home: usize,
    timeline: Arc<Timeline>,
) -> Outcome {
    let client = reqwest::Client::new();
    let mut outcome = Outcome::default();
    let mut seen = HashSet::new();
    let mut last_id: Option<u64> = None;
    let mut replica = home;
    let mut asked = false;
    'streams: for _attempt in 0..20 {
        let mut request = client.get(format!("http://{}/conversations/{id}/events", replicas[replica]));
        if let Some(last) = last_id {
            request = request.header("last-event-id", last.to_string());
        }
        let mut response = match request.send().await {
            Ok(response) if response.status().is_success() => response,
            _ => {
                replica = (replica + 1) % replicas.len();
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        if last_id.is_some() && outcome.reconnected_at.is_none() {
            outcome.reconnected_at = Some(Instant::now());
            timeline.say(format!(
                "{id}: stream back on replica {replica} after event {}",
                last_id.unwrap_or(0)
            ));
        }
        if !asked {
            let ask = json!({"text": "I want a human", "client_message_id": format!("{id}-ask")});
            if post(&client, replicas[replica], &id, &ask).await.is_err() {
                continue;
            }
            asked = true;
        }
        let mut events = sse_blocks::SseBlocks::default();
        loop {
            let chunk = match tokio::time::timeout(Duration::from_secs(30), response.chunk()).await {
                Ok(Ok(Some(chunk))) => chunk,
                // The replica went away (or the stream stalled): reconnect to the other one.
                _ => {
                    timeline.say(format!("{id}: stream on replica {replica} lost"));
                    replica = (replica + 1) % replicas.len();
                    continue 'streams;
                }
            };
            let handover = events.push(&chunk).into_iter().filter(|e| e.event == "handover");
            for (event_id, data) in
                handover.filter_map(|e| Some((e.id?, serde_json::from_str::<Value>(&e.data).ok()?)))
            {
                if !seen.insert(event_id) {
                    outcome.duplicate_events += 1;
                    continue;
                }
                last_id = Some(last_id.map_or(event_id, |l| l.max(event_id)));
                let event = &data["event"];
                match event["type"].as_str().unwrap_or_default() {
                    "agent_joined" => {
                        for n in 1..=USER_LINES {
                            let text = format!("{id} line {n}");
                            let body = json!({"text": text, "client_message_id": format!("{id}-{n}")});
                            // A retried line keeps its id: the service takes it once.
                            let mut target = replica;
                            while post(&client, replicas[target], &id, &body).await.is_err() {
                                target = (target + 1) % replicas.len();
                                tokio::time::sleep(Duration::from_millis(20)).await;
                            }
                            outcome.sent.push(text);
                        }
                    }
                    "agent_message" => {
                        outcome
                            .agent_messages
                            .push(event["text"].as_str().unwrap_or_default().to_owned());
                    }
                    "ended" => {
                        outcome.completed = true;
                        return outcome;
                    }
                    "failed" => {
                        timeline.say(format!("{id}: handover failed: {event}"));
                        return outcome;
                    }
                    _ => {}
                }
            }
        }
    }
    timeline.say(format!("{id}: gave up reconnecting"));
    outcome
}

/// Posts a user line; an error when the replica cannot take it.
async fn post(client: &reqwest::Client, replica: SocketAddr, id: &str, body: &Value) -> Result<(), ()> {
    let url = format!("http://{replica}/conversations/{id}/messages");
    match client.post(url).json(body).send().await {
        Ok(answer) if answer.status().is_success() => Ok(()),
        _ => Err(()),
    }
}
