//! Helpers shared by the admin handler tests: fixtures and an exact-request wiremock matcher.
#![allow(dead_code)]

use ringcentral_engage::{Client, RetryPolicy};
use serde_json::{json, Value};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "admin-token-7c1d";

pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/admin/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

pub fn page(record: Value) -> Value {
    json!({"count": 1, "offset": 0, "limit": 30, "records": [record]})
}

/// Matches one exact request: method, path, the whole query in order, the Bearer token, and
/// (when given) the whole form body in order.
struct Exact {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    form: Option<Vec<(String, String)>>,
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

impl Match for Exact {
    fn matches(&self, request: &Request) -> bool {
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let bearer = request.headers.get("authorization").and_then(|v| v.to_str().ok())
            == Some(format!("Bearer {TOKEN}").as_str());
        let form_ok = match &self.form {
            None => request.body.is_empty(),
            Some(expected) => {
                let content_type = request.headers.get("content-type").and_then(|v| v.to_str().ok());
                let body: Vec<(String, String)> =
                    url::form_urlencoded::parse(&request.body).into_owned().collect();
                content_type == Some("application/x-www-form-urlencoded") && &body == expected
            }
        };
        request.method.as_str() == self.method
            && request.url.path() == self.path
            && query == self.query
            && bearer
            && form_ok
    }
}

pub struct Api {
    pub server: MockServer,
    pub client: Client,
}

impl Api {
    pub async fn new() -> Api {
        let server = MockServer::start().await;
        let client = Client::builder()
            .base_url(format!("{}/1.0", server.uri()))
            .access_token(TOKEN)
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        Api { server, client }
    }

    /// Expects exactly one `method /1.0{path}?{query}` and answers `body`.
    pub async fn expect(&self, method: &str, path: &str, query: &[(&str, &str)], body: Value) {
        self.expect_form(method, path, query, None, body).await;
    }

    pub async fn expect_form(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, &str)],
        form: Option<&[(&str, &str)]>,
        body: Value,
    ) {
        Mock::given(Exact {
            method: method.to_owned(),
            path: format!("/1.0{path}"),
            query: pairs(query),
            form: form.map(pairs),
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .named(format!("{method} {path}"))
        .mount(&self.server)
        .await;
    }

    pub async fn verify(self) {
        self.server.verify().await;
    }
}
