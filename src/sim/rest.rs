//! The REST subset under `/1.0`: authentication, rate limit, errors and pages like Engage's,
//! and the directory resources (users, roles, status, categories, sources, identities); roles
//! may be updated.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, put};
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::time::Instant;

use super::render;
use super::rest_threads as threads;
use super::shared::Shared;
use super::state::SimState;
use crate::client::Page;
use crate::error::ApiErrorBody;
use crate::models::{CategoryId, RoleId, RolePermissions};

/// An error answered as `{"error", "message", "status"}`.
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) StatusCode, pub(crate) &'static str, pub(crate) String);

impl ApiError {
    pub(crate) fn not_found(what: &str) -> Self {
        ApiError(StatusCode::NOT_FOUND, "not_found", format!("{what} not found"))
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        ApiError(StatusCode::BAD_REQUEST, "bad_request", message.into())
    }

    pub(crate) fn unprocessable(message: impl Into<String>) -> Self {
        ApiError(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unprocessable_entity",
            message.into(),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ApiErrorBody {
            error: self.1.to_owned(),
            message: self.2,
            status: Some(self.0.as_u16()),
        };
        (self.0, Json(body)).into_response()
    }
}

/// What a handler answers.
pub(crate) type ApiResult = Result<Json<Value>, ApiError>;

/// Request parameters: the query string, then a form-encoded body, in order.
#[derive(Debug, Default)]
pub(crate) struct Params(Vec<(String, String)>);

impl Params {
    pub(crate) fn parse(query: Option<String>, body: &[u8]) -> Self {
        let mut pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
                .into_owned()
                .collect();
        if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
            for (k, v) in map {
                match v {
                    Value::String(s) => pairs.push((k, s)),
                    Value::Array(items) => pairs.extend(items.into_iter().map(|i| {
                        (
                            format!("{k}[]"),
                            i.as_str().map(str::to_owned).unwrap_or_else(|| i.to_string()),
                        )
                    })),
                    Value::Null => {}
                    other => pairs.push((k, other.to_string())),
                }
            }
        } else {
            pairs.extend(url::form_urlencoded::parse(body).into_owned());
        }
        Params(pairs)
    }

    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn list(&self, name: &str) -> Vec<String> {
        let key = format!("{name}[]");
        self.0
            .iter()
            .filter(|(k, v)| (k == &key || k == name) && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A page of `records` after `offset`/`limit` (default 30, at most 150).
    pub(crate) fn page(&self, records: Vec<Value>) -> ApiResult {
        let number = |name: &str, default: usize| match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<usize>()
                .map_err(|_| ApiError::bad_request(format!("{name} must be a non-negative integer"))),
        };
        let offset = number("offset", 0)?;
        let limit = number("limit", 30)?;
        if limit > 150 {
            return Err(ApiError::bad_request("limit must be less than or equal to 150"));
        }
        let as_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let page = Page {
            count: as_i64(records.len()),
            offset: as_i64(offset),
            limit: as_i64(limit),
            records: records
                .into_iter()
                .skip(offset)
                .take(limit)
                .collect::<Vec<Value>>(),
        };
        Ok(Json(render::to_json(&page)))
    }
}

/// `keyword:value` pairs of a `q` search, with `-` negation and double quotes.
pub(crate) fn search_terms(q: Option<&str>) -> Vec<(bool, String, String)> {
    let mut terms = Vec::new();
    let mut chars = q.unwrap_or_default().chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return terms;
        }
        let mut token = String::new();
        let mut quoted = false;
        while let Some(&c) = chars.peek() {
            if c == '"' {
                quoted = !quoted;
            } else if c.is_whitespace() && !quoted {
                break;
            } else {
                token.push(c);
            }
            chars.next();
        }
        let (negated, token) = match token.strip_prefix('-') {
            Some(rest) => (true, rest.to_owned()),
            None => (false, token),
        };
        match token.split_once(':') {
            Some((k, v)) => terms.push((negated, k.to_owned(), v.to_owned())),
            None => terms.push((negated, "text".to_owned(), token)),
        }
    }
}

/// The `/1.0` router.
pub(crate) fn router(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/users", get(users))
        .route("/users/{id}", get(user).put(update_user))
        .route("/roles", get(roles))
        .route("/roles/{id}", get(role).put(update_role))
        .route("/status", get(status))
        .route("/time_sheets", get(super::time_sheets::list))
        .route("/status/{id}", get(agent_status))
        .route("/categories", get(categories))
        .route("/categories/{id}", get(category))
        .route("/content_sources", get(sources))
        .route("/content_sources/{id}", get(source))
        .route("/identities/{id}", get(identity))
        .route("/identity_groups/{id}", get(identity_group))
        .route("/content_threads", get(threads::list))
        .route("/content_threads/{id}", get(threads::get_one))
        .route(
            "/content_threads/{id}/update_categories",
            put(threads::update_categories),
        )
        .route("/content_threads/{id}/close", put(threads::close))
        .route("/content_threads/{id}/open", get(threads::open))
        .route("/contents", get(threads::contents).post(threads::create_content))
        .route("/contents/{id}", get(threads::content))
        .route(
            "/interventions",
            get(threads::interventions).post(threads::create_intervention),
        )
        .route("/interventions/{id}", get(threads::intervention))
        .route("/interventions/{id}/close", put(threads::close_intervention))
        .route("/interventions/{id}/cancel", delete(threads::cancel_intervention))
        .fallback(not_found)
        .method_not_allowed_fallback(not_found)
        .layer(middleware::from_fn_with_state(shared, guard))
}

/// 404 in Engage's error format.
pub(crate) async fn not_found() -> ApiError {
    ApiError(
        StatusCode::NOT_FOUND,
        "not_found",
        "The requested resource does not exist".into(),
    )
}

/// Rate limit (per rolling minute, real time), then Bearer (or `access_token`) authentication.
async fn guard(State(shared): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let retry_after = shared.with_quiet(|s| {
        let now = Instant::now();
        s.api_counts.rest += 1;
        let Some(limit) = s.rest_rate_limit.map(|l| l as usize) else {
            s.rest_window.clear();
            return None;
        };
        while s
            .rest_window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60))
        {
            s.rest_window.pop_front();
        }
        if s.rest_window.len() >= limit {
            s.api_counts.rest_rate_limited += 1;
            let oldest = s.rest_window.front().copied().unwrap_or(now);
            Some(60u64.saturating_sub(now.duration_since(oldest).as_secs()).max(1))
        } else {
            s.rest_window.push_back(now);
            None
        }
    });
    if let Some(secs) = retry_after {
        let mut resp = ApiError(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limit_exceeded",
            "Rate limit exceeded".into(),
        )
        .into_response();
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            resp.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return resp;
    }
    let bearer = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_owned());
    let from_query = req.uri().query().and_then(|q| {
        url::form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "access_token")
            .map(|(_, v)| v.into_owned())
    });
    let authorized = bearer
        .or(from_query)
        .is_some_and(|t| shared.access_token.matches(t.as_bytes()));
    if !authorized {
        return ApiError(
            StatusCode::UNAUTHORIZED,
            "invalid_access_token",
            "Invalid access token".into(),
        )
        .into_response();
    }
    next.run(req).await
}

async fn users(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    let records = shared.read(|s| {
        s.users
            .iter()
            .rev()
            .filter(|u| p.get("email").is_none_or(|e| u.email == e))
            .filter(|u| {
                p.get("category_id")
                    .is_none_or(|c| u.category_ids.iter().any(|x| x.as_str() == c))
            })
            .filter(|u| {
                p.get("identity_id")
                    .is_none_or(|c| u.identity_ids.iter().any(|x| x.as_str() == c))
            })
            .filter(|u| p.get("role_id").is_none_or(|r| u.role_id.as_str() == r))
            .filter(|_| p.get("external_id").is_none() && p.get("team_id").is_none())
            .map(render::user)
            .collect()
    });
    p.page(records)
}

async fn user(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| s.users.iter().find(|u| u.id.as_str() == id).map(render::user))
        .map(Json)
        .ok_or_else(|| ApiError::not_found("User"))
}

/// `PUT /users/{id}`: names, email, role, categories and `rc_user_id` (the other parameters of
/// the spec are accepted and not stored). An unknown role or category is refused like Engage
/// does, with nothing changed.
async fn update_user(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> ApiResult {
    let p = Params::parse(q, &body);
    if p.get("email").is_some_and(|email| !email.contains('@')) {
        return Err(ApiError::unprocessable("Email is invalid"));
    }
    let categories: Vec<CategoryId> = p.list("category_ids").into_iter().map(CategoryId::new).collect();
    shared
        .with(|s| {
            let role = p.get("role_id").map(RoleId::new);
            if let Some(role) = role.as_ref().filter(|r| !s.roles.iter().any(|row| &row.id == *r)) {
                return Err(ApiError::unprocessable(format!("Role {role} does not exist")));
            }
            categories_exist(s, &categories)?;
            let user = s
                .users
                .iter_mut()
                .find(|u| u.id.as_str() == id)
                .ok_or_else(|| ApiError::not_found("User"))?;
            let text = |name: &str| p.get(name).map(str::to_owned);
            if let Some(v) = text("firstname") {
                user.firstname = v;
            }
            if let Some(v) = text("lastname") {
                user.lastname = v;
            }
            if let Some(v) = text("email") {
                user.email = v;
            }
            if let Some(v) = text("rc_user_id") {
                user.rc_user_id = Some(v);
            }
            if let Some(role) = role {
                user.role_id = role;
            }
            if !categories.is_empty() {
                user.category_ids = categories;
            }
            Ok(render::user(user))
        })
        .map(Json)
}

/// Refuses (422, as Engage does) a list naming a category the simulator does not have.
pub(crate) fn categories_exist(s: &SimState, ids: &[CategoryId]) -> Result<(), ApiError> {
    match ids.iter().find(|c| !s.categories.iter().any(|row| &row.id == *c)) {
        Some(missing) => Err(ApiError::unprocessable(format!(
            "Category {missing} does not exist"
        ))),
        None => Ok(()),
    }
}

async fn roles(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    p.page(shared.read(|s| s.roles.iter().map(render::role).collect()))
}

async fn role(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| s.roles.iter().find(|r| r.id.as_str() == id).map(render::role))
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Role"))
}

/// `PUT /roles/{id}`: `label` and any settable permission flag (`true`/`false`, `1`/`0`),
/// from the query string or the body; other parameters are ignored.
async fn update_role(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> ApiResult {
    let p = Params::parse(q, &body);
    let mut flags = Vec::new();
    for name in RolePermissions::SETTABLE {
        let granted = match p.get(name) {
            None => continue,
            Some("true" | "1") => true,
            Some("false" | "0") => false,
            Some(_) => return Err(ApiError::bad_request(format!("{name} must be true or false"))),
        };
        flags.push(((*name).to_owned(), granted));
    }
    let label = p.get("label").map(str::to_owned);
    shared
        .with(|s| {
            let role = s.roles.iter_mut().find(|r| r.id.as_str() == id)?;
            if let Some(label) = label {
                role.label = label;
            }
            role.flags.extend(flags);
            Some(render::role(role))
        })
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Role"))
}

async fn status(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    let sources = p.list("source_ids");
    let categories = p.list("category_ids");
    Ok(Json(shared.read(|s| {
        let source_ok = sources.is_empty() || sources.iter().any(|x| x == s.source.id.as_str());
        let agent_cat = s.source.agent_category.as_str();
        let cat_ok = categories.is_empty() || categories.iter().any(|x| x == agent_cat);
        if !(source_ok && cat_ok) {
            return json!([]);
        }
        Value::Array(s.agents.iter().map(|a| render::agent_status(s, a)).collect())
    })))
}

async fn agent_status(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| {
            s.agents
                .iter()
                .find(|a| a.user_id.as_str() == id)
                .map(|a| render::agent_status(s, a))
        })
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Agent"))
}

async fn categories(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    p.page(shared.read(|s| s.categories.iter().map(|c| render::category(s, c)).collect()))
}

async fn category(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| {
            s.categories
                .iter()
                .find(|c| c.id.as_str() == id)
                .map(|c| render::category(s, c))
        })
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Category"))
}

async fn sources(State(shared): State<Arc<Shared>>, RawQuery(q): RawQuery) -> ApiResult {
    let p = Params::parse(q, &[]);
    p.page(shared.read(|s| vec![render::source(s)]))
}

async fn source(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| (s.source.id.as_str() == id).then(|| render::source(s)))
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Source"))
}

async fn identity(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| {
            s.identities
                .iter()
                .find(|i| i.id.as_str() == id)
                .map(render::identity)
        })
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Identity"))
}

async fn identity_group(State(shared): State<Arc<Shared>>, Path(id): Path<String>) -> ApiResult {
    shared
        .read(|s| {
            s.identities
                .iter()
                .find(|i| i.identity_group_id.as_str() == id)
                .map(render::identity_group)
        })
        .map(Json)
        .ok_or_else(|| ApiError::not_found("Identity group"))
}
