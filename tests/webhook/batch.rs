//! `WebhookBatch::new`: an application's `EventHandler` tested without a receiver.

use ringcentral_engage::webhook::events::Event;
use ringcentral_engage::webhook::{handler_fn, EventHandler, WebhookBatch};
use serde_json::json;

#[tokio::test]
async fn a_hand_built_batch_reaches_an_event_handler() {
    let closed = Event::from_value(json!({
        "id": "ev-1",
        "type": "intervention.closed",
        "issued_at": "2026-01-02T03:04:05Z",
        "resource": {"type": "Intervention", "id": "iv-1", "metadata": {}}
    }));
    let batch = WebhookBatch::new([closed, Event::from_value(json!({"type": "brand.new"}))])
        .request_id("delivery-1")
        .domain_id("dom-1")
        .duplicates(2);
    assert_eq!(batch.request_id.as_deref(), Some("delivery-1"));
    assert_eq!(batch.duplicates, 2);
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = seen.clone();
    let handler = handler_fn(move |batch: WebhookBatch| {
        let sink = sink.clone();
        async move {
            for event in &batch.events {
                sink.lock().unwrap().push(event.event_type().to_owned());
            }
            Ok(())
        }
    });
    handler.handle(batch).await.unwrap();
    assert_eq!(*seen.lock().unwrap(), ["intervention.closed", "brand.new"]);
}
