//! `bot_proxy`'s user-facing API: `POST /conversations/{id}/messages` (the toy bot, or the
//! agent during a handover) and `GET /conversations/{id}/events` (server-sent events).

use std::convert::Infallible;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::Stream;
use ringcentral_engage::handover::{
    ConversationId, HandoverError, HandoverProvider, HandoverRequest, Speaker, TranscriptEntry, UserMessage,
};
use ringcentral_engage::profile::{ContactProfile, FieldMap};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast;

use super::{Outgoing, Proxy};

/// An outgoing event as a server-sent event (with its id when it has one).
fn sse(out: Outgoing) -> Event {
    let event = Event::default().event(out.event).data(out.data.to_string());
    match out.id {
        Some(id) => event.id(id.to_string()),
        None => event,
    }
}

/// The body of `POST /conversations/{id}/messages`.
#[derive(Debug, Deserialize)]
pub(super) struct PostMessage {
    text: String,
    /// The client's id for the message: a retried POST with the same id is answered once.
    #[serde(default)]
    client_message_id: Option<String>,
    /// The user's profile (any JSON object: `firstName`, `email`, ...), shown to the agent.
    #[serde(default)]
    profile: Option<Value>,
}

fn error(status: StatusCode, message: impl std::fmt::Display) -> Response {
    (status, Json(json!({"error": message.to_string()}))).into_response()
}

pub(super) async fn post_message(
    State(proxy): State<Arc<Proxy>>,
    Path(id): Path<String>,
    body: Result<Json<PostMessage>, JsonRejection>,
) -> Response {
    let Json(body) = match body {
        Ok(body) => body,
        Err(rejection) => return error(rejection.status(), rejection.body_text()),
    };
    let text = body.text.trim().to_owned();
    if text.is_empty() {
        return error(StatusCode::BAD_REQUEST, "text must not be empty");
    }
    let message_id = body
        .client_message_id
        .unwrap_or_else(|| format!("{id}-{:016x}", fastrand::u64(..)));
    match proxy.with(&id, |c| c.was_answered(&message_id)) {
        Ok(true) => return Json(json!({"routed_to": "bot", "duplicate": true})).into_response(),
        Ok(false) => {}
        Err(full) => return error(StatusCode::SERVICE_UNAVAILABLE, full),
    }
    let conversation = ConversationId::from(id.as_str());
    match proxy.provider.status(&conversation).await {
        Ok(Some(status)) if !status.is_finished() => {
            let message = UserMessage::text(message_id, text.as_str());
            return match proxy.provider.send_message(&conversation, message).await {
                Ok(receipt) => {
                    if !receipt.duplicate {
                        let _ = proxy.with(&id, |c| c.said(TranscriptEntry::new(Speaker::User, text)));
                    }
                    let body = json!({"routed_to": "agent", "message_id": receipt.message_id,
                        "delivered": receipt.delivered, "duplicate": receipt.duplicate});
                    (StatusCode::ACCEPTED, Json(body)).into_response()
                }
                Err(e) => error(StatusCode::BAD_GATEWAY, e),
            };
        }
        Ok(_) => {}
        Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, e),
    }
    let _ = proxy.with(&id, |c| c.answered(&message_id));
    if !wants_human(&text) {
        let reply = toy_reply(&text);
        let _ = proxy.with(&id, |c| c.said(TranscriptEntry::new(Speaker::User, text)));
        proxy.bot_says(&id, &reply);
        return Json(json!({"routed_to": "bot", "reply": reply})).into_response();
    }
    let profile = body
        .profile
        .unwrap_or_else(|| json!({"firstName": "Web", "lastName": "User"}));
    let profile = match ContactProfile::from_value(&profile, &FieldMap::default()) {
        Ok(profile) => profile,
        Err(e) => return error(StatusCode::BAD_REQUEST, e),
    };
    let transcript = proxy.with(&id, |c| c.transcript()).unwrap_or_default();
    let _ = proxy.with(&id, |c| {
        c.said(TranscriptEntry::new(Speaker::User, text.as_str()))
    });
    proxy.bot_says(&id, "Let me find you a human agent. Please wait...");
    let request = HandoverRequest::new(conversation, profile)
        .transcript(transcript)
        .message(text)
        .idempotency_key(message_id);
    match proxy.provider.start(request).await {
        Ok(started) => {
            let body = json!({"routed_to": "handover", "handover_id": started.handover_id, "existing": started.existing});
            (StatusCode::ACCEPTED, Json(body)).into_response()
        }
        Err(HandoverError::NoAgentAvailable) => {
            proxy.bot_says(
                &id,
                "Sorry, no agent is available right now. Please try again later.",
            );
            Json(json!({"routed_to": "bot", "handover": "no_agent_available"})).into_response()
        }
        // `Failed` was emitted too; the relay tells the user.
        Err(e) => error(StatusCode::BAD_GATEWAY, e),
    }
}

/// Whether the user asks for a person.
fn wants_human(text: &str) -> bool {
    let text = text.to_lowercase();
    ["human", "agent", "person", "representative", "someone real"]
        .iter()
        .any(|word| text.contains(word))
}

/// The toy bot's answer to anything else.
fn toy_reply(text: &str) -> String {
    let lower = text.to_lowercase();
    if ["hello", "hi", "hey"].iter().any(|g| {
        lower
            .split_whitespace()
            .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == *g)
    }) {
        "Hello! I'm a toy bot. Ask for a human whenever you want to talk to an agent.".to_owned()
    } else {
        format!("I'm only a toy bot and I can't help with \"{text}\". Say \"I want a human\" to talk to an agent.")
    }
}

/// `GET /conversations/{id}/events`: the conversation's messages and handover events.
pub(super) async fn event_stream(
    State(proxy): State<Arc<Proxy>>,
    Path(id): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    match proxy.with(&id, |c| c.tx.subscribe()) {
        Ok(rx) => events(proxy, id, headers, rx).await.into_response(),
        Err(full) => error(StatusCode::SERVICE_UNAVAILABLE, full),
    }
}

/// The event stream of conversation `id`, whose live events `rx` receives.
async fn events(
    proxy: Arc<Proxy>,
    id: String,
    headers: axum::http::HeaderMap,
    rx: broadcast::Receiver<Outgoing>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    // A client reconnecting with `Last-Event-ID` first gets the handover events it missed.
    let last = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let missed = match last {
        Some(last) => proxy
            .provider
            .events_since(&id.as_str().into(), last)
            .await
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let seen = missed.last().map_or(last.unwrap_or(0), |u| u.event_id);
    let replay = futures_util::stream::iter(
        missed
            .iter()
            .map(super::handover_event)
            .map(sse)
            .map(Ok)
            .collect::<Vec<_>>(),
    );
    let live = futures_util::stream::unfold(
        (rx, proxy.shutdown.clone()),
        move |(mut rx, mut stop)| async move {
            loop {
                let event = tokio::select! {
                    _ = stop.wait_for(|stopped| *stopped) => return None,
                    received = rx.recv() => match received {
                        // Already replayed.
                        Ok(out) if out.id.is_some_and(|i| i <= seen) => continue,
                        Ok(out) => sse(out),
                        Err(broadcast::error::RecvError::Lagged(missed)) => {
                            Event::default().event("lagged").data(json!({"missed": missed}).to_string())
                        }
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                };
                return Some((Ok(event), (rx, stop)));
            }
        },
    );
    let stream = futures_util::StreamExt::chain(replay, live);
    Sse::new(stream).keep_alive(KeepAlive::default())
}
