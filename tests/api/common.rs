//! Helpers shared by the resource tests: a client on a wiremock server, a mock that answers
//! exactly one request (method, path, the whole query in order, the Bearer token and the whole
//! form body in order), fixtures and pages.
#![allow(dead_code)]

use ringcentral_engage::{Client, RetryPolicy};
use serde_json::{json, Value};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

/// The access token every test client sends.
pub const TOKEN: &str = "resource-test-token";

/// A mock server and a client on `{server}/1.0` (no retries and no rate limiter, so a request
/// that no mock matches fails at once with a 404).
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

/// A JSON fixture: `tests/fixtures/{dir}/{name}.json` (`dir` is `rest` or `admin`).
pub fn fixture(dir: &str, name: &str) -> Value {
    let file = format!("{}/tests/fixtures/{dir}/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap()
}

/// A first page of `records`.
pub fn page(records: Vec<Value>) -> Value {
    json!({"count": records.len(), "offset": 0, "limit": 30, "records": records})
}

/// Expects exactly one `verb /1.0{path}?{query}` with the Bearer token and no body, answered
/// with `body`. `query` is the whole query, in order (`[]` arrays as repeated `key[]` pairs).
pub async fn expect(server: &MockServer, verb: &str, path: &str, query: &[(&str, &str)], body: Value) {
    mount(server, verb, path, query, None, body).await;
}

/// As [`expect`], and the request's body must be `application/x-www-form-urlencoded` holding
/// exactly the pairs of `form`, in order.
pub async fn expect_form(
    server: &MockServer,
    verb: &str,
    path: &str,
    query: &[(&str, &str)],
    form: &[(&str, &str)],
    body: Value,
) {
    mount(server, verb, path, query, Some(form), body).await;
}

async fn mount(
    server: &MockServer,
    verb: &str,
    path: &str,
    query: &[(&str, &str)],
    form: Option<&[(&str, &str)]>,
    body: Value,
) {
    Mock::given(Exact {
        method: verb.to_owned(),
        path: format!("/1.0{path}"),
        query: owned(query),
        form: form.map(owned),
    })
    .respond_with(ResponseTemplate::new(200).set_body_json(body))
    .expect(1)
    .named(format!("{verb} {path}"))
    .mount(server)
    .await;
}

/// Matches one exact request: method, path, the whole query in order, the Bearer token, and
/// the whole form body in order (or an empty body when no form is expected).
struct Exact {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    form: Option<Vec<(String, String)>>,
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

impl Match for Exact {
    fn matches(&self, request: &Request) -> bool {
        let header = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let bearer = header("authorization") == Some(format!("Bearer {TOKEN}").as_str());
        let body_ok = match &self.form {
            None => request.body.is_empty(),
            Some(expected) => {
                let body: Vec<(String, String)> =
                    url::form_urlencoded::parse(&request.body).into_owned().collect();
                header("content-type") == Some("application/x-www-form-urlencoded") && &body == expected
            }
        };
        request.method.as_str() == self.method
            && request.url.path() == self.path
            && query == self.query
            && bearer
            && body_ok
    }
}
