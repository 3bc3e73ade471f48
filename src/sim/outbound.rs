//! Signed calls to the service's SDK endpoint (its Base URI): `implementation.info`, agent
//! replies and queue updates, with their responses checked like Engage checks them.

use std::sync::Arc;

use serde_json::{json, Value};

use super::clock::{now, rfc3339};
use super::records::{ActionRecord, ContentKind};
use super::shared::Shared;
use crate::models::ContentId;
use crate::sdk::signature::SIGNATURE_HEADER;

/// What came back from one call.
#[derive(Debug, Default)]
pub(crate) struct Answer {
    pub(crate) status: Option<u16>,
    pub(crate) signature_valid: bool,
    pub(crate) json: Option<Value>,
}

impl Answer {
    fn ok(&self) -> bool {
        matches!(self.status, Some(200..=299))
    }
}

/// Posts `{"action", "params", "time"}` signed to the SDK endpoint and records the attempt.
pub(crate) async fn call(shared: &Shared, action: &str, params: Option<Value>, attempt: u32) -> Answer {
    let url = shared.sdk_endpoint();
    let mut record = ActionRecord::new(action, params.as_ref(), attempt, now());
    let mut body = json!({ "action": action });
    if let Some(p) = params {
        body["params"] = p;
    }
    body["time"] = json!(rfc3339(now()));
    let raw = body.to_string();
    let mut answer = Answer::default();
    let Some(url) = url else {
        record.error = Some("no SDK endpoint set".into());
        shared.with(|s| s.record_action(record));
        return answer;
    };
    if shared.with(|s| s.chance(s.faults.outbound_failure_rate)) {
        record.error = Some("injected outbound failure".into());
    } else {
        let sent = shared
            .http
            .post(&url)
            .header(SIGNATURE_HEADER, shared.key.sign(raw.as_bytes()))
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(raw)
            .send()
            .await;
        match sent {
            Ok(resp) => {
                let status = resp.status().as_u16();
                let signature = resp
                    .headers()
                    .get(SIGNATURE_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                match resp.bytes().await {
                    Ok(bytes) => {
                        let valid = signature.is_some_and(|sig| shared.key.verify(&bytes, &sig));
                        answer.signature_valid = valid;
                        answer.json = serde_json::from_slice(&bytes).ok();
                        record.signature_valid = Some(valid);
                        record.response = Some(String::from_utf8_lossy(&bytes).into_owned());
                        record.status = Some(status);
                        answer.status = Some(status);
                    }
                    Err(e) => record.error = Some(e.to_string()),
                }
            }
            Err(e) => record.error = Some(e.to_string()),
        }
    }
    shared.with(|s| s.record_action(record));
    answer
}

/// Asks `implementation.info` and stores the answer; `true` on a valid answer.
pub(crate) async fn fetch_info(shared: &Shared) -> bool {
    let answer = call(shared, "implementation.info", None, 1).await;
    if !answer.ok() {
        return false;
    }
    let problem = if !answer.signature_valid {
        Some("missing or invalid response signature")
    } else if !answer.json.as_ref().is_some_and(Value::is_object) {
        Some("response body is not a JSON object")
    } else {
        None
    };
    shared.with(|s| match problem {
        Some(p) => {
            s.protocol_error("implementation.info", p);
            false
        }
        None => {
            s.info = answer.json;
            true
        }
    })
}

/// Delivers an agent content to the service, retrying with `retry: true` and the same
/// `content_id`, and stores the id the service answered.
pub(crate) async fn deliver_content(shared: Arc<Shared>, content_id: ContentId) {
    let Some((action, declared, mut params)) = shared.read(|s| {
        let c = s.content(&content_id)?;
        let thread = s.thread(&c.thread_id)?;
        let reply_to = c.in_reply_to_id.as_ref().and_then(|id| s.content(id));
        let sender = c.user_id.as_ref().map(|u| s.user_name(u)).unwrap_or_default();
        let mut p = json!({
            "content_id": c.id,
            "in_reply_to_id": reply_to.and_then(|r| r.foreign_id.clone()),
            "author_id": c.user_id,
            "body": c.body,
            "format": c.format,
            "sender_name": sender,
            "retry": false,
            "created_at": rfc3339(c.created_at),
        });
        let (object, action) = match thread.kind {
            ContentKind::PrivateMessage => {
                let recipient = reply_to.and_then(|r| s.identity(&r.identity_id));
                p["recipient_id"] = json!(recipient.map(|i| i.foreign_id.clone()));
                ("private_messages", "private_messages.create")
            }
            _ => {
                p["thread_id"] = json!(thread.foreign_id);
                ("messages", "messages.create")
            }
        };
        Some((action, s.declared_action(object, "create"), p))
    }) else {
        return;
    };
    if !declared {
        // Engage only calls the actions a service declares in `implementation.info`.
        shared.with(|s| {
            s.protocol_error(action, format!("{action} is not declared in implementation.info"));
            set_sync(s, &content_id, "failed", None);
        });
        return;
    }
    let attempts = shared.config.sdk_attempts.max(1);
    for attempt in 1..=attempts {
        if attempt > 1 {
            params["retry"] = json!(true);
            shared.clock.sleep(shared.config.sdk_retry_delay).await;
        }
        let answer = call(&shared, action, Some(params.clone()), attempt).await;
        if !answer.ok() {
            continue;
        }
        let json = answer.json.unwrap_or(Value::Null);
        let id = match &json["id"] {
            Value::String(s) if !s.is_empty() => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let problem = if !answer.signature_valid {
            Some("missing or invalid response signature".to_owned())
        } else if !json.is_object() {
            Some("response body is not a JSON object".to_owned())
        } else if let Some(err) = json.get("error") {
            if err["fatal"].as_bool() == Some(true) {
                shared.with(|s| set_sync(s, &content_id, "failed", None));
                return;
            }
            Some(format!("resource error: {err}"))
        } else if id.is_none() {
            Some("response has no `id`".to_owned())
        } else {
            None
        };
        if let Some(p) = problem {
            shared.with(|s| s.protocol_error(action, p));
            continue;
        }
        shared.with(|s| set_sync(s, &content_id, "success", id));
        return;
    }
    shared.with(|s| set_sync(s, &content_id, "failed", None));
}

fn set_sync(s: &mut super::state::SimState, id: &ContentId, status: &str, foreign: Option<String>) {
    let Some(&at) = s.ix.content.get(id) else { return };
    s.contents[at].synchronization_status = Some(status.to_owned());
    if let Some(foreign) = foreign {
        s.set_content_foreign_id(id, foreign);
    }
}
