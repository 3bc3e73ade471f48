//! Polling like Engage: `implementation.info` first, then each declared `list` action with
//! `since_id`, in the order of the reference docs (threads, then messages, then private
//! messages), importing what comes back.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{json, Value};

use super::outbound;
use super::records::ContentKind;
use super::send_api::{create_thread, import, text};
use super::shared::Shared;

/// Runs one synchronization every poll interval (simulated).
pub(crate) async fn run(shared: Arc<Shared>) {
    let Some(interval) = shared.config.poll_interval else {
        return;
    };
    let mut since: HashMap<&'static str, String> = HashMap::new();
    loop {
        shared.clock.sleep(interval).await;
        if shared.sdk_endpoint().is_none() || !outbound::fetch_info(&shared).await {
            continue;
        }
        for (object, kind) in [
            ("threads", ContentKind::Thread),
            ("messages", ContentKind::Message),
            ("private_messages", ContentKind::PrivateMessage),
        ] {
            if !shared.read(|s| s.declared_action(object, "list")) {
                continue;
            }
            let action = match kind {
                ContentKind::Thread => "threads.list",
                ContentKind::Message => "messages.list",
                _ => "private_messages.list",
            };
            let params = since
                .get(object)
                .map(|id| json!({ "since_id": id }))
                .unwrap_or_else(|| json!({}));
            let answer = outbound::call(&shared, action, Some(params), 1).await;
            if !matches!(answer.status, Some(200..=299)) {
                continue;
            }
            let Some(Value::Array(items)) = answer.json.filter(|_| answer.signature_valid) else {
                shared.with(|s| s.protocol_error(action, "expected a signed JSON array"));
                continue;
            };
            // Newest first: the first id is the next `since_id`.
            if let Some(first) = items.first().and_then(|i| text(i, "id")) {
                since.insert(object, first);
            }
            shared.with(|s| {
                for item in items.iter().rev() {
                    // Threads are stored like a `threads.create` of the Send API.
                    let stored = match kind {
                        ContentKind::Thread => create_thread(s, item),
                        _ => import(s, kind, item).map(|_| ()),
                    };
                    if let Err((_, why)) = stored {
                        s.protocol_error(action, format!("ignored an object: {why}"));
                    }
                }
            });
        }
    }
}
