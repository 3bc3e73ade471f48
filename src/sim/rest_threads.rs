//! REST handlers of the conversation resources: content threads, contents, interventions.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde_json::Value;

use super::clock::now;
use super::outbound;
use super::records::*;
use super::render;
use super::rest::{search_terms, ApiError, ApiResult, Params};
use super::routing;
use super::shared::{spawn_with, Shared};
use super::state::SimState;
use super::webhooks::{self, intervention_event, thread_event};
use crate::models::{CategoryId, ContentId, InterventionId, ThreadId, UserId};

/// The user a request acts as: `impersonated_user_id` when it names a user, else the
/// token's user.
fn acting_user(s: &SimState, p: &Params) -> UserId {
    p.get("impersonated_user_id")
        .and_then(|id| s.users.iter().find(|u| u.id.as_str() == id))
        .map(|u| u.id.clone())
        .unwrap_or_else(|| s.api_user.clone())
}

fn order_asc(terms: &[(bool, String, String)], field: &str) -> Option<bool> {
    terms
        .iter()
        .find(|(_, k, _)| k == "order")
        .map(|(_, _, v)| match v.split_once('.') {
            Some((f, dir)) if f == field || f == "created_at" => dir == "asc",
            _ => false,
        })
}

/// `GET /content_threads`, `q` supporting `foreign:`, `source:` (negatable),
/// `categorized_in:`, `identity:` and `order:`.
pub(crate) async fn list(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    let terms = search_terms(p.get("q"));
    let records = shared.read(|s| {
        let matches = |t: &ThreadRecord| {
            let any = |key: &str, test: &dyn Fn(&str) -> bool| {
                let wanted: Vec<&(bool, String, String)> =
                    terms.iter().filter(|(n, k, _)| !n && k == key).collect();
                wanted.is_empty() || wanted.iter().any(|(_, _, v)| test(v))
            };
            let excluded = terms
                .iter()
                .any(|(n, k, v)| *n && k == "source" && t.source_id.as_str() == v);
            !excluded
                && any("foreign", &|v| t.foreign_id == v)
                && any("source", &|v| t.source_id.as_str() == v)
                && any("categorized_in", &|v| {
                    t.category_ids.iter().any(|c| c.as_str() == v)
                })
                && any("identity", &|v| {
                    s.contents_in(&t.id).iter().any(|c| c.identity_id.as_str() == v)
                })
        };
        // A `foreign:` term names at most one thread each: look them up rather than scan.
        let by_foreign: Option<Vec<&ThreadRecord>> = terms
            .iter()
            .any(|(n, k, _)| !n && k == "foreign")
            .then(|| {
                terms
                    .iter()
                    .filter(|(n, k, _)| !n && k == "foreign")
                    .filter_map(|(_, _, v)| s.thread_by_foreign_id(v))
                    .collect::<Vec<_>>()
            })
            .map(|mut found| {
                found.sort_by(|a, b| a.id.as_str().cmp(b.id.as_str()));
                found.dedup_by(|a, b| a.id == b.id);
                found
            });
        let candidates = by_foreign.unwrap_or_else(|| s.threads.iter().collect());
        let mut threads: Vec<&ThreadRecord> = candidates.into_iter().filter(|t| matches(t)).collect();
        let last = |t: &ThreadRecord| {
            s.contents_in(&t.id)
                .last()
                .map(|c| c.created_at)
                .unwrap_or(t.created_at)
        };
        match order_asc(&terms, "last_content_at") {
            Some(true) => threads.sort_by_key(|t| (t.created_at, last(t))),
            _ => {
                threads.sort_by_key(|t| (last(t), t.created_at));
                threads.reverse();
            }
        }
        threads.into_iter().map(|t| render::thread(s, t)).collect()
    });
    p.page(records)
}

pub(crate) async fn get_one(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| s.thread(&ThreadId::new(&id)).map(|t| render::thread(s, t)))
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Thread"))
}

/// `PUT /content_threads/{id}/update_categories`: a thread entering the Agent category
/// becomes a queued task; leaving it removes its waiting task.
pub(crate) async fn update_categories(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> ApiResult {
    let p = Params::parse(q, &body);
    let wanted: Vec<CategoryId> = p
        .list("thread_category_ids")
        .into_iter()
        .map(CategoryId::new)
        .collect();
    let thread_id = ThreadId::new(&id);
    let queue_ahead = shared.config.queue_ahead;
    let (json, events) = shared.with(|s| {
        if s.thread(&thread_id).is_none() {
            return Err(ApiError::not_found("Thread"));
        }
        super::rest::categories_exist(s, &wanted)?;
        let agent = s.source.agent_category.clone();
        if let Some(t) = s.thread_mut(&thread_id) {
            t.category_ids = wanted.clone();
            t.updated_at = now();
        }
        let events = if wanted.contains(&agent) {
            routing::enqueue(s, &thread_id, queue_ahead)
        } else {
            routing::dequeue(s, &thread_id);
            Vec::new()
        };
        let json = s
            .thread(&thread_id)
            .map(|t| render::thread(s, t))
            .unwrap_or(Value::Null);
        Ok((json, events))
    })?;
    webhooks::emit(&shared, events);
    Ok(Json(json))
}

async fn set_closed(shared: Arc<Shared>, id: String, q: Option<String>, closed: bool) -> ApiResult {
    let p = Params::parse(q, &[]);
    let thread_id = ThreadId::new(&id);
    let (open_intervention, by) = shared.with(|s| {
        let by = acting_user(s, &p);
        let t = s
            .thread_mut(&thread_id)
            .ok_or_else(|| ApiError::not_found("Thread"))?;
        t.closed = closed;
        t.updated_at = now();
        if closed {
            routing::dequeue(s, &thread_id);
        }
        Ok((s.open_intervention(&thread_id).map(|i| i.id.clone()), by))
    })?;
    if let (true, Some(i)) = (closed, open_intervention) {
        routing::end_intervention(&shared, &i, InterventionStatus::Closed, &by);
    }
    let (json, event) = shared.with(|s| {
        let t = s.thread(&thread_id).cloned();
        let kind = if closed {
            "content.thread_closed"
        } else {
            "content.thread_opened"
        };
        let event = t.as_ref().map(|t| thread_event(s, kind, t, &by));
        (t.map(|t| render::thread(s, &t)).unwrap_or(Value::Null), event)
    });
    webhooks::emit(&shared, event.into_iter().collect());
    Ok(Json(json))
}

/// `PUT /content_threads/{id}/close`.
pub(crate) async fn close(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    set_closed(shared, id, q, true).await
}

/// `GET /content_threads/{id}/open` (a GET, as in the reference).
pub(crate) async fn open(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    set_closed(shared, id, q, false).await
}

/// `GET /contents`, `q` supporting `thread:` (or `thread_id:`), `source:`, `identity:`,
/// `foreign:` and `order:created_at.asc`; newest first by default.
pub(crate) async fn contents(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    let terms = search_terms(p.get("q"));
    let records = shared.read(|s| {
        let any = |c: &ContentRecord, keys: &[&str], test: &dyn Fn(&ContentRecord, &str) -> bool| {
            let wanted: Vec<&String> = terms
                .iter()
                .filter(|(n, k, _)| !n && keys.contains(&k.as_str()))
                .map(|(_, _, v)| v)
                .collect();
            wanted.is_empty() || wanted.iter().any(|v| test(c, v))
        };
        let mut list: Vec<&ContentRecord> = s
            .contents
            .iter()
            .filter(|c| any(c, &["thread", "thread_id"], &|c, v| c.thread_id.as_str() == v))
            .filter(|c| any(c, &["source"], &|c, v| c.source_id.as_str() == v))
            .filter(|c| any(c, &["identity"], &|c, v| c.identity_id.as_str() == v))
            .filter(|c| any(c, &["foreign"], &|c, v| c.foreign_id.as_deref() == Some(v)))
            .collect();
        if order_asc(&terms, "created_at") != Some(true) {
            list.reverse();
        }
        list.into_iter().map(|c| render::content(s, c)).collect()
    });
    p.page(records)
}

pub(crate) async fn content(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| s.content(&ContentId::new(&id)).map(|c| render::content(s, c)))
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Content"))
}

/// `POST /contents` with `body` and `in_reply_to_id`: an agent reply, delivered to the
/// service like the simulated agents' replies.
pub(crate) async fn create_content(
    State(shared): State<Arc<Shared>>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> ApiResult {
    let p = Params::parse(q, &body);
    let text = p
        .get("body")
        .ok_or_else(|| ApiError::bad_request("body is required"))?
        .to_owned();
    let reply_to = ContentId::new(
        p.get("in_reply_to_id")
            .ok_or_else(|| ApiError::bad_request("in_reply_to_id is required"))?,
    );
    let (id, json) = shared.with(|s| {
        let thread = s
            .content(&reply_to)
            .map(|c| c.thread_id.clone())
            .ok_or_else(|| ApiError::not_found("Content"))?;
        let open = s
            .open_intervention(&thread)
            .map(|i| (i.id.clone(), i.user_id.clone()));
        let user = match (&open, p.get("impersonated_user_id")) {
            (_, Some(_)) => acting_user(s, &p),
            (Some((_, agent)), None) => agent.clone(),
            (None, None) => s.api_user.clone(),
        };
        let intervention = open.map(|(i, _)| i);
        let id = routing::store_outbound(
            s,
            &thread,
            &user,
            &text,
            intervention.as_ref(),
            Some(reply_to.clone()),
        );
        let json = s
            .content(&id)
            .map(|c| render::content(s, c))
            .unwrap_or(Value::Null);
        Ok((id, json))
    })?;
    spawn_with(&shared, move |shared| outbound::deliver_content(shared, id));
    Ok(Json(json))
}

/// `GET /interventions`, filtered by `thread_id`, `user_id`, `identity_id`.
pub(crate) async fn interventions(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    let records = shared.read(|s| {
        s.interventions
            .iter()
            .rev()
            .filter(|i| p.get("thread_id").is_none_or(|v| i.thread_id.as_str() == v))
            .filter(|i| p.get("user_id").is_none_or(|v| i.user_id.as_str() == v))
            .filter(|i| p.get("identity_id").is_none_or(|v| i.identity_id.as_str() == v))
            .map(|i| render::intervention(s, i))
            .collect()
    });
    p.page(records)
}

pub(crate) async fn intervention(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| {
            s.intervention(&InterventionId::new(&id))
                .map(|i| render::intervention(s, i))
        })
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Intervention"))
}

/// `POST /interventions` with `content_id`: opens an intervention for the acting user.
pub(crate) async fn create_intervention(
    State(shared): State<Arc<Shared>>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> ApiResult {
    let p = Params::parse(q, &body);
    let content_id = ContentId::new(
        p.get("content_id")
            .ok_or_else(|| ApiError::bad_request("content_id is required"))?,
    );
    let (json, events) = shared.with(|s| {
        let c = s
            .content(&content_id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("Content"))?;
        if s.open_intervention(&c.thread_id).is_some() {
            return Err(ApiError::unprocessable(
                "An intervention is already opened on this thread",
            ));
        }
        routing::dequeue(s, &c.thread_id);
        let user = acting_user(s, &p);
        let t = now();
        let i = InterventionRecord {
            id: InterventionId::new(s.next_id()),
            thread_id: c.thread_id.clone(),
            content_id: c.id.clone(),
            user_id: user.clone(),
            identity_id: c.identity_id.clone(),
            category_ids: s
                .thread(&c.thread_id)
                .map(|t| t.category_ids.clone())
                .unwrap_or_default(),
            status: InterventionStatus::Open,
            task_id: None,
            user_replies_count: 0,
            created_at: t,
            updated_at: t,
            closed_at: None,
        };
        s.insert_intervention(i.clone());
        let events = vec![
            intervention_event(s, "intervention.opened", &i, Some(&user)),
            intervention_event(s, "intervention.assigned", &i, Some(&user)),
        ];
        Ok((render::intervention(s, &i), events))
    })?;
    webhooks::emit(&shared, events);
    Ok(Json(json))
}

async fn end(shared: Arc<Shared>, id: String, q: Option<String>, status: InterventionStatus) -> ApiResult {
    let p = Params::parse(q, &[]);
    let id = InterventionId::new(&id);
    let by = shared
        .read(|s| s.intervention(&id).map(|_| acting_user(s, &p)))
        .ok_or_else(|| ApiError::not_found("Intervention"))?;
    if !routing::end_intervention(&shared, &id, status, &by) {
        return Err(ApiError::unprocessable("The intervention is not open"));
    }
    shared
        .read(|s| s.intervention(&id).map(|i| render::intervention(s, i)))
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Intervention"))
}

/// `PUT /interventions/{id}/close`: closes it and frees the agent.
pub(crate) async fn close_intervention(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    end(shared, id, q, InterventionStatus::Closed).await
}

/// `DELETE /interventions/{id}/cancel`: cancels it and frees the agent.
pub(crate) async fn cancel_intervention(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult {
    end(shared, id, q, InterventionStatus::Canceled).await
}
