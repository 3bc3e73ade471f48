//! Shared helpers for the resource tests: a wiremock server that only answers requests carrying
//! the Bearer token, and the query pairs of the request it saw.

#![allow(dead_code)]

use std::time::Duration;

use ringcentral_engage::{Client, RetryPolicy};
use serde_json::Value;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const TOKEN: &str = "resource-test-token";

/// A client for `server` that does not retry (a mismatch shows at once as a 404).
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/1.0", server.uri()))
        .access_token(TOKEN)
        .retry_policy(RetryPolicy::none().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap()
}

/// Answers exactly one `verb path` request carrying the Bearer token with `body`.
pub async fn expect(server: &MockServer, verb: &str, route: &str, body: Value) {
    Mock::given(method(verb))
        .and(path(format!("/1.0{route}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}

/// The decoded query pairs of the last request `server` received, in order.
pub async fn last_query(server: &MockServer) -> Vec<(String, String)> {
    let requests = server.received_requests().await.unwrap();
    let last = requests.last().expect("no request received");
    last.url.query_pairs().into_owned().collect()
}

/// `[("a", "1"), ...]` as owned pairs, for comparing with [`last_query`].
pub fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// A page of `records`.
pub fn page(records: Vec<Value>) -> Value {
    serde_json::json!({"count": records.len(), "offset": 0, "limit": 30, "records": records})
}
