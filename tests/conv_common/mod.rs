//! Helpers shared by the conversation handler tests: a client on a mock server, fixtures,
//! and a matcher for the exact query string.
#![allow(dead_code)]

use ringcentral_engage::{Client, RetryPolicy};
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "conv-token-9d1e";

/// A mock server and a client pointed at it (no retries, so a mismatch fails at once).
pub async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let client = Client::builder()
        .base_url(format!("{}/1.0", server.uri()))
        .access_token(TOKEN)
        .retry_policy(RetryPolicy::none())
        .no_rate_limiter()
        .build()
        .unwrap();
    (server, client)
}

/// A JSON fixture from `tests/fixtures/rest/`.
pub fn fixture(name: &str) -> Value {
    let file = format!("{}/tests/fixtures/rest/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap()
}

/// A page of records.
pub fn page(records: Vec<Value>) -> Value {
    json!({"count": records.len(), "offset": 0, "limit": 30, "records": records})
}

/// Matches when the query string holds exactly these pairs, in this order.
pub struct ExactQuery(pub Vec<(String, String)>);

impl Match for ExactQuery {
    fn matches(&self, request: &Request) -> bool {
        let pairs: Vec<(String, String)> = request
            .url
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        pairs == self.0
    }
}

/// Expects exactly one `verb path?query` request carrying the Bearer token, answered with `body`.
pub async fn expect(server: &MockServer, verb: &str, p: &str, query: &[(&str, &str)], body: Value) {
    Mock::given(method(verb))
        .and(path(p))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(ExactQuery(
            query
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(server)
        .await;
}
