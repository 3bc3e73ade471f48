//! The Send API, `POST /realtime/sdk/{source_id}`, with every error of the reference docs.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::clock::now;
use super::records::*;
use super::shared::Shared;
use super::state::SimState;
use crate::models::{ContentId, IdentityGroupId, IdentityId, ThreadId};
use crate::sdk::signature::find_signature;

/// Largest accepted Send API body.
pub(crate) const MAX_BODY: usize = 20_971_520;

/// The actions the Send API accepts.
const ACTIONS: [&str; 7] = [
    "messages.create",
    "private_messages.create",
    "threads.create",
    "users.create",
    "status.mark_as_read",
    "typing.start",
    "typing.stop",
];

type Refusal = (StatusCode, String);

fn refuse(status: StatusCode, message: &str) -> Refusal {
    (status, message.to_owned())
}

fn invalid_resource() -> Refusal {
    refuse(StatusCode::UNPROCESSABLE_ENTITY, "Invalid resource format")
}

/// The axum handler.
pub(crate) async fn handle(
    State(shared): State<Arc<Shared>>,
    Path(source_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let latency = shared.read(|s| s.faults.send_api_latency);
    if latency > Duration::ZERO {
        tokio::time::sleep(latency).await;
    }
    let mut action = None;
    let result = if shared.with(|s| s.chance(s.faults.send_api_failure_rate)) {
        Err(refuse(StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable"))
    } else {
        process(
            &shared,
            &source_id,
            query.as_deref(),
            &headers,
            &body,
            &mut action,
        )
    };
    let (status, answer) = match result {
        Ok(()) => (StatusCode::OK, "ok".to_owned()),
        Err(refusal) => refusal,
    };
    shared.with(|s| {
        s.api_counts.send_api += 1;
        s.api_counts.send_api_refused += u64::from(!status.is_success());
        super::state::push_bounded(
            &mut s.send_api_calls,
            s.record_limit,
            SendApiCall {
                action,
                status: status.as_u16(),
                answer: answer.clone(),
            },
        )
    });
    (status, answer).into_response()
}

fn process(
    shared: &Shared,
    source_id: &str,
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
    action_seen: &mut Option<String>,
) -> Result<(), Refusal> {
    if body.len() > MAX_BODY {
        return Err(refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "Invalid request size (max: 20971520 bytes)",
        ));
    }
    if shared.read(|s| s.source.id.as_str() != source_id) {
        return Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, "Source not found"));
    }
    let signed = find_signature(headers, query).is_some_and(|sig| shared.key.verify(body, &sig));
    if !signed {
        return Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, "Invalid signature"));
    }
    let Ok(Value::Object(request)) = serde_json::from_slice::<Value>(body) else {
        return Err(refuse(StatusCode::BAD_REQUEST, "Bad request"));
    };
    let (Some(Value::String(action)), Some(Value::Object(params))) =
        (request.get("action"), request.get("params"))
    else {
        return Err(refuse(StatusCode::BAD_REQUEST, "Invalid request format"));
    };
    *action_seen = Some(action.clone());
    if !ACTIONS.contains(&action.as_str()) {
        return Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, "Invalid action"));
    }
    let params = Value::Object(params.clone());
    let kind = match action.as_str() {
        "messages.create" => Some(ContentKind::Message),
        "private_messages.create" => Some(ContentKind::PrivateMessage),
        _ => None,
    };
    if let Some(kind) = kind {
        let stored = shared.with(|s| import(s, kind, &params))?;
        let body = params.get("body").and_then(Value::as_str);
        if let (Some(_), Some(reference)) = (stored, body.and_then(super::load::reference)) {
            let (reference, at) = (reference.to_owned(), tokio::time::Instant::now());
            shared.tap(super::shared::Tap::Inbound { reference, at });
        }
        return Ok(());
    }
    let events = shared.with(|s| match action.as_str() {
        "threads.create" => create_thread(s, &params),
        "users.create" => upsert_identity(s, &params).map(|_| ()),
        "status.mark_as_read" => mark_as_read(s, &params),
        _ => typing(s, action == "typing.start", &params),
    });
    events
}

/// A string or number field as a string.
pub(crate) fn text(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn parse_time(v: &Value, key: &str) -> Option<OffsetDateTime> {
    let raw = v.get(key)?.as_str()?;
    if let Ok(t) = OffsetDateTime::parse(raw, &Rfc3339) {
        return Some(t);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(raw, &fmt)
        .ok()
        .map(|d| d.midnight().assume_utc())
}

/// Creates or updates the identity of a Channel SDK user object.
pub(crate) fn upsert_identity(s: &mut SimState, user: &Value) -> Result<IdentityId, Refusal> {
    let (Some(foreign), Some(screenname)) = (text(user, "id"), text(user, "screenname")) else {
        return Err(invalid_resource());
    };
    let t = now();
    let str_field = |key: &str| user.get(key).and_then(Value::as_str).map(str::to_owned);
    let context = user.get("context_data").filter(|v| v.is_object()).cloned();
    let puppet = user.get("puppetizable").and_then(Value::as_bool);
    if let Some(i) = s.customer_mut(&foreign) {
        i.screenname = screenname;
        for (slot, key) in [
            (&mut i.firstname, "firstname"),
            (&mut i.lastname, "lastname"),
            (&mut i.email, "email"),
            (&mut i.home_phone, "home_phone"),
            (&mut i.mobile_phone, "mobile_phone"),
            (&mut i.gender, "gender"),
            (&mut i.avatar_url, "avatar_url"),
        ] {
            if let Some(v) = str_field(key) {
                *slot = Some(v);
            }
        }
        if context.is_some() {
            i.context_data = context;
        }
        if let Some(p) = puppet {
            i.puppetizable = p;
        }
        i.updated_at = t;
        return Ok(i.id.clone());
    }
    let id = IdentityId::new(s.next_id());
    let group = IdentityGroupId::new(s.next_id());
    s.insert_identity(IdentityRecord {
        id: id.clone(),
        foreign_id: foreign,
        identity_group_id: group,
        screenname,
        firstname: str_field("firstname"),
        lastname: str_field("lastname"),
        email: str_field("email"),
        home_phone: str_field("home_phone"),
        mobile_phone: str_field("mobile_phone"),
        gender: str_field("gender"),
        avatar_url: str_field("avatar_url"),
        context_data: context,
        puppetizable: puppet.unwrap_or(false),
        user_id: None,
        created_at: parse_time(user, "created_at").unwrap_or(t),
        updated_at: t,
    });
    Ok(id)
}

fn check_structured(s: &SimState, params: &Value, author: &Value) -> Result<(), Refusal> {
    let Some(sc) = params.get("structured_content").filter(|v| !v.is_null()) else {
        return Ok(());
    };
    let unprocessable = |m: &str| Err(refuse(StatusCode::UNPROCESSABLE_ENTITY, m));
    if s.info.is_some() && !s.declared_option("view.messaging") {
        return unprocessable("Source doesn't support structured contents");
    }
    let Some(kind) = sc.get("type").and_then(Value::as_str).filter(|t| !t.is_empty()) else {
        return unprocessable("Type is required for structured contents");
    };
    let required: &[&str] = match kind {
        "select" => &["items"],
        "rich_link" => &["title", "url"],
        "template" => &["title", "items"],
        "carousel" => &["items"],
        _ => return unprocessable("Source doesn't support this type of structured content"),
    };
    for attribute in required {
        let empty = match sc.get(*attribute) {
            None | Some(Value::Null) => true,
            Some(Value::String(v)) => v.is_empty(),
            Some(Value::Array(v)) => v.is_empty(),
            Some(_) => false,
        };
        if empty {
            return unprocessable(&format!("structured_content: \"{attribute}\" must not be empty"));
        }
    }
    if author.get("puppetizable").and_then(Value::as_bool) != Some(true) {
        return unprocessable("The author must be puppetizable");
    }
    Ok(())
}

fn find_or_create_thread(
    s: &mut SimState,
    foreign: &str,
    kind: ContentKind,
    title: Option<String>,
) -> ThreadId {
    if let Some(t) = s.thread_by_foreign_id(foreign) {
        return t.id.clone();
    }
    let id = ThreadId::new(s.next_id());
    let t = now();
    s.insert_thread(ThreadRecord {
        id: id.clone(),
        foreign_id: foreign.to_owned(),
        source_id: s.source.id.clone(),
        title,
        category_ids: vec![s.source.bot_category.clone()],
        closed: false,
        kind,
        created_at: t,
        updated_at: t,
    });
    id
}

/// Stores a customer message or private message (Send API or polling). Returns the new
/// content id, or `None` when a content with the same foreign id was already stored.
pub(crate) fn import(
    s: &mut SimState,
    kind: ContentKind,
    params: &Value,
) -> Result<Option<ContentId>, Refusal> {
    let id = text(params, "id").ok_or_else(invalid_resource)?;
    let author = params
        .get("author")
        .filter(|a| a.is_object())
        .ok_or_else(invalid_resource)?;
    let body = params
        .get("body")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let attachments = params
        .get("attachments")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if body.is_empty() && attachments.is_empty() && params.get("structured_content").is_none() {
        return Err(invalid_resource());
    }
    if text(author, "id").is_none() || text(author, "screenname").is_none() {
        return Err(invalid_resource());
    }
    let thread_key = match kind {
        ContentKind::PrivateMessage => None,
        _ => Some(text(params, "thread_id").ok_or_else(invalid_resource)?),
    };
    check_structured(s, params, author)?;
    if s.has_inbound(&id) {
        return Ok(None);
    }
    let identity_id = upsert_identity(s, author)?;
    let reply_to_foreign = text(params, "in_reply_to_id");
    let reply_to = reply_to_foreign
        .as_deref()
        .and_then(|f| s.content_by_foreign_id(f))
        .map(|c| (c.id.clone(), c.thread_id.clone()));
    let thread_id = match (thread_key, &reply_to, &reply_to_foreign) {
        (Some(key), _, _) => find_or_create_thread(s, &key, kind, None),
        (None, Some((_, thread)), _) => thread.clone(),
        (None, None, Some(foreign)) => find_or_create_thread(s, foreign, kind, None),
        (None, None, None) => find_or_create_thread(s, &id, kind, None),
    };
    let content_id = ContentId::new(s.next_id());
    let category_ids = s
        .thread(&thread_id)
        .map(|t| t.category_ids.clone())
        .unwrap_or_default();
    s.insert_content(ContentRecord {
        id: content_id.clone(),
        foreign_id: Some(id),
        thread_id: thread_id.clone(),
        source_id: s.source.id.clone(),
        identity_id,
        user_id: None,
        direction: Direction::Inbound,
        kind,
        body,
        format: params
            .get("format")
            .and_then(Value::as_str)
            .unwrap_or("html")
            .to_owned(),
        in_reply_to_id: reply_to.map(|(c, _)| c),
        intervention_id: s.open_intervention(&thread_id).map(|i| i.id.clone()),
        context_data: params.get("context_data").filter(|v| v.is_object()).cloned(),
        structured_content: params.get("structured_content").filter(|v| !v.is_null()).cloned(),
        attachments,
        category_ids,
        created_at: parse_time(params, "created_at").unwrap_or_else(now),
        synchronization_status: None,
    });
    if let Some(t) = s.thread_mut(&thread_id) {
        t.updated_at = now();
    }
    Ok(Some(content_id))
}

/// Stores a thread object (Send API `threads.create`, or an item of a polled `threads.list`).
pub(crate) fn create_thread(s: &mut SimState, params: &Value) -> Result<(), Refusal> {
    let id = text(params, "id").ok_or_else(invalid_resource)?;
    let title = text(params, "title");
    let body = text(params, "body");
    let author = params.get("author").filter(|a| a.is_object());
    if !s.declared_option("threads.no_content") && (author.is_none() || body.is_none()) {
        return Err(invalid_resource());
    }
    let identity = author.map(|a| upsert_identity(s, a)).transpose()?;
    let thread = find_or_create_thread(s, &id, ContentKind::Message, title);
    let already = s
        .contents_in(&thread)
        .iter()
        .any(|c| c.kind == ContentKind::Thread);
    if let (Some(identity_id), Some(body), false) = (identity, body, already) {
        let category_ids = s
            .thread(&thread)
            .map(|t| t.category_ids.clone())
            .unwrap_or_default();
        let content_id = ContentId::new(s.next_id());
        s.insert_content(ContentRecord {
            id: content_id,
            foreign_id: Some(id),
            thread_id: thread,
            source_id: s.source.id.clone(),
            identity_id,
            user_id: None,
            direction: Direction::Inbound,
            kind: ContentKind::Thread,
            body,
            format: params
                .get("format")
                .and_then(Value::as_str)
                .unwrap_or("html")
                .to_owned(),
            in_reply_to_id: None,
            intervention_id: None,
            context_data: params.get("context_data").filter(|v| v.is_object()).cloned(),
            structured_content: None,
            attachments: Vec::new(),
            category_ids,
            created_at: parse_time(params, "created_at").unwrap_or_else(now),
            synchronization_status: None,
        });
    }
    Ok(())
}

fn mark_as_read(s: &mut SimState, params: &Value) -> Result<(), Refusal> {
    let id = text(params, "id").ok_or_else(invalid_resource)?;
    let content_id = s.content_by_foreign_id(&id).map(|c| c.id.clone());
    super::state::push_bounded(
        &mut s.read_marks,
        s.record_limit,
        ReadMark {
            id,
            content_id,
            at: now(),
        },
    );
    Ok(())
}

/// One `typing.start` per thread every 2 real seconds; `typing.stop` resets the timer.
fn typing(s: &mut SimState, started: bool, params: &Value) -> Result<(), Refusal> {
    let thread_id = text(params, "thread_id");
    let in_reply_to_id = text(params, "in_reply_to_id");
    let Some(key) = thread_id.clone().or_else(|| in_reply_to_id.clone()) else {
        return Err(invalid_resource());
    };
    let preview = params.get("preview").and_then(Value::as_str).map(str::to_owned);
    if started {
        if preview.is_none() {
            return Err(invalid_resource());
        }
        if !s.typing_throttle.start(key) {
            return Err(refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "too many typing requests, please try again in a few seconds",
            ));
        }
    } else {
        s.typing_throttle.stop(&key);
    }
    super::state::push_bounded(
        &mut s.typing,
        s.record_limit,
        TypingEvent {
            started,
            thread_id,
            in_reply_to_id,
            preview,
            at: now(),
        },
    );
    Ok(())
}
