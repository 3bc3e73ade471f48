//! [`Client`]: the REST API 1.0 client, its builder, retries, rate limiting and pagination.

mod call;
mod page;
mod rate_limit;
mod request;
mod retry;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{HeaderValue, ACCEPT, USER_AGENT};
use http::StatusCode;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

pub use page::{List, Page};
pub use rate_limit::{RateBudget, RateLimiter};
pub use retry::RetryPolicy;

pub(crate) use call::{request_builder, Call};
pub(crate) use request::{ApiRequest, Upload};

use crate::error::ApiErrorBody;
use crate::models::UserId;
use crate::{Error, Result, Secret};

/// The user agent sent with every request: `ringcentral-engage/<version>`.
pub const USER_AGENT_VALUE: &str = concat!("ringcentral-engage/", env!("CARGO_PKG_VERSION"));

/// The host family of an Engage Digital domain; the API lives at
/// `https://{domain}.api.{host}/1.0`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Platform {
    /// `engagement.dimelo.com`, the historical host.
    #[default]
    Dimelo,
    /// `digital.ringcentral.com`, the host of newer (North American) domains.
    RingCentral,
    /// Any other host, e.g. a regional one.
    Custom(String),
}

impl Platform {
    /// The host name under which `{domain}.api.` is prefixed.
    pub fn host(&self) -> &str {
        match self {
            Platform::Dimelo => "engagement.dimelo.com",
            Platform::RingCentral => "digital.ringcentral.com",
            Platform::Custom(host) => host,
        }
    }
}

/// An async client for Engage Digital's REST API 1.0.
///
/// Cheap to clone (one `Arc`); clones share the HTTP connection pool and the rate limiter.
///
/// ```no_run
/// # async fn run() -> ringcentral_engage::Result<()> {
/// use ringcentral_engage::Client;
/// let client = Client::for_domain("acme").access_token("my-token").build()?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: Url,
    token: Secret,
    impersonated_user_id: Option<UserId>,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.base_url.as_str())
            .field("access_token", &self.inner.token)
            .field("impersonated_user_id", &self.inner.impersonated_user_id)
            .field("retry", &self.inner.retry)
            .field("limiter", &self.inner.limiter)
            .finish()
    }
}

impl Client {
    /// A builder; set at least [`base_url`](ClientBuilder::base_url) and
    /// [`access_token`](ClientBuilder::access_token).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A builder for `https://{domain}.api.engagement.dimelo.com/1.0`; pick another host with
    /// [`ClientBuilder::platform`].
    pub fn for_domain(domain: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            domain: Some(domain.into()),
            ..ClientBuilder::default()
        }
    }

    /// The base URL, ending in `/1.0`.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// A client that acts as `user_id` (`impersonated_user_id` on every request), sharing this
    /// client's connections and rate limiter.
    pub fn impersonating(&self, user_id: impl Into<UserId>) -> Client {
        let inner = &self.inner;
        Client {
            inner: Arc::new(Inner {
                http: inner.http.clone(),
                base_url: inner.base_url.clone(),
                token: inner.token.clone(),
                impersonated_user_id: Some(user_id.into()),
                retry: inner.retry.clone(),
                limiter: inner.limiter.clone(),
            }),
        }
    }

    /// The URL of `request`, with its query and the impersonation parameter.
    ///
    /// Refuses (with [`Error::InvalidArgument`]) a path segment the URL would not carry as
    /// given; see [`check_segment`].
    fn url_for(&self, request: &ApiRequest) -> Result<Url> {
        for segment in &request.segments {
            check_segment(segment, request)?;
        }
        let mut url = self.inner.base_url.clone();
        url.path_segments_mut()
            .map_err(|()| Error::InvalidUrl("base URL cannot have path segments".into()))?
            .pop_if_empty()
            .extend(&request.segments);
        let impersonation = self
            .inner
            .impersonated_user_id
            .as_ref()
            .map(|id| ("impersonated_user_id", id.as_str()));
        let mut pairs = request
            .query
            .0
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(impersonation)
            .peekable();
        if pairs.peek().is_some() {
            url.query_pairs_mut().extend_pairs(pairs);
        }
        Ok(url)
    }

    /// Sends `request` and decodes the JSON answer.
    pub(crate) async fn execute<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T> {
        let body = self.execute_bytes(&request).await?;
        Error::decode(&body)
    }

    /// Sends `request` (with rate limiting and retries) and returns the raw success body.
    pub(crate) async fn execute_bytes(&self, request: &ApiRequest) -> Result<Bytes> {
        let url = self.url_for(request)?;
        let path = request.display_path();
        let policy = &self.inner.retry;
        let idempotent = retry::is_idempotent(&request.method);
        let mut retries = 0;
        loop {
            let span = tracing::debug_span!(
                "engage.request",
                method = %request.method,
                path = %path,
                attempt = retries + 1,
                status = tracing::field::Empty,
            );
            let attempt = self.attempt(request, url.clone()).instrument(span.clone()).await;
            let can_retry = retries < policy.max_retries;
            let wait = match attempt {
                Ok((status, asked, body)) => {
                    span.record("status", status.as_u16());
                    if status.is_success() {
                        return Ok(body);
                    }
                    if status == StatusCode::TOO_MANY_REQUESTS {
                        if !can_retry || asked.is_some_and(|d| d > policy.max_retry_after) {
                            return Err(Error::RateLimited {
                                retry_after: asked,
                                body: ApiErrorBody::parse(&body),
                            });
                        }
                        asked.unwrap_or_else(|| policy.backoff(retries))
                    } else if status.is_server_error() && idempotent && can_retry {
                        policy.backoff(retries)
                    } else {
                        return Err(Error::Api {
                            status,
                            method: request.method.clone(),
                            path,
                            body: ApiErrorBody::parse(&body),
                            raw: String::from_utf8_lossy(&body).into_owned(),
                        });
                    }
                }
                Err(e) if idempotent && can_retry && !e.is_builder() => policy.backoff(retries),
                // The URL may carry parameters such as a user's password: keep it out of errors.
                Err(e) => return Err(Error::Transport(e.without_url())),
            };
            tracing::debug!(parent: &span, ?wait, "retrying Engage request");
            tokio::time::sleep(wait).await;
            retries += 1;
        }
    }

    /// One attempt: waits for the rate limiter, sends, and reads the whole body. Returns the
    /// status, the wait a 429 asked for (`Retry-After`), and the body.
    async fn attempt(
        &self,
        request: &ApiRequest,
        url: Url,
    ) -> std::result::Result<(StatusCode, Option<Duration>, Bytes), reqwest::Error> {
        if let Some(limiter) = &self.inner.limiter {
            limiter.acquire().await;
        }
        let mut builder = self
            .inner
            .http
            .request(request.method.clone(), url)
            .bearer_auth(self.inner.token.expose())
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(form) = &request.form {
            builder = builder.form(&form.0);
        }
        if let Some(upload) = &request.upload {
            let mut part = reqwest::multipart::Part::stream_with_length(
                reqwest::Body::from(upload.bytes.clone()),
                upload.bytes.len() as u64,
            )
            .file_name(upload.file_name.clone());
            if let Some(mime) = &upload.mime {
                part = part.mime_str(mime)?;
            }
            let form = upload.fields.0.iter().fold(
                reqwest::multipart::Form::new().part("file", part),
                |form, (name, value)| form.text(name.clone(), value.clone()),
            );
            builder = builder.multipart(form);
        }
        let response = builder.send().await?;
        let status = response.status();
        let asked = (status == StatusCode::TOO_MANY_REQUESTS)
            .then(|| retry::retry_after(response.headers(), SystemTime::now()))
            .flatten();
        let body = response.bytes().await?;
        Ok((status, asked, body))
    }
}

/// Checks that `segment` (usually a record id) reaches Engage as exactly one path segment with
/// exactly this text.
///
/// `url` percent-encodes `/`, `?`, `%`, spaces and the like, but a few values cannot survive a
/// URL at all: an empty id would produce `/users/` or `/users//close`; `.` and `..` are dot
/// segments, which `url` drops (`/content_threads/../close` becomes `/content_threads/close`,
/// another endpoint); and tabs and line breaks are stripped from paths. Encoding the dots as
/// `%2E` does not help either: the URL standard treats `%2E` and `%2E%2E` as dot segments too,
/// so `url` removes them the same way. Such ids are therefore refused before anything is sent.
fn check_segment(segment: &str, request: &ApiRequest) -> Result<()> {
    let problem = if segment.is_empty() {
        "must not be empty"
    } else if segment == "." || segment == ".." {
        "cannot be \".\" or \"..\": URLs treat them as relative path steps, not as names"
    } else if segment.contains(['\t', '\n', '\r']) {
        "must not contain tabs or line breaks: URLs strip them"
    } else {
        return Ok(());
    };
    Err(Error::invalid_argument(
        "id",
        format!(
            "{segment:?} {problem} (in {} {})",
            request.method,
            request.display_path()
        ),
    ))
}

/// Builds a [`Client`].
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    base_url: Option<String>,
    domain: Option<String>,
    platform: Platform,
    token: Option<Secret>,
    impersonated_user_id: Option<UserId>,
    timeout: Duration,
    connect_timeout: Duration,
    http: Option<reqwest::Client>,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            base_url: None,
            domain: None,
            platform: Platform::default(),
            token: None,
            impersonated_user_id: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            http: None,
            retry: RetryPolicy::default(),
            limiter: Some(RateLimiter::engage_default()),
        }
    }
}

impl ClientBuilder {
    /// The API base URL, including `/1.0`, e.g. `https://acme.api.digital.ringcentral.com/1.0`.
    /// Takes precedence over a domain given to [`Client::for_domain`].
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The host family used with [`Client::for_domain`].
    pub fn platform(mut self, platform: Platform) -> Self {
        self.platform = platform;
        self
    }

    /// The API access token, sent as `Authorization: Bearer <token>`.
    pub fn access_token(mut self, token: impl Into<Secret>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Acts as another user: adds `impersonated_user_id` to every request.
    pub fn impersonate(mut self, user_id: impl Into<UserId>) -> Self {
        self.impersonated_user_id = Some(user_id.into());
        self
    }

    /// Total time allowed for one attempt (default 30 s). Ignored with [`http_client`](Self::http_client).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect (default 10 s). Ignored with [`http_client`](Self::http_client).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Uses the caller's `reqwest::Client` (its timeouts, proxy and TLS settings apply).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// How failed requests are retried (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The client-side rate limiter (default: 500 requests per minute). Pass a clone of one
    /// limiter to several clients that share an access token.
    pub fn rate_limiter(mut self, limiter: RateLimiter) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// Turns the client-side rate limiter off.
    pub fn no_rate_limiter(mut self) -> Self {
        self.limiter = None;
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client> {
        let base_url = match (&self.base_url, &self.domain) {
            (Some(url), _) => parse_base_url(url)?,
            (None, Some(domain)) => domain_url(domain, &self.platform)?,
            (None, None) => return Err(Error::invalid_argument("base_url", "set a base URL or a domain")),
        };
        let token = self
            .token
            .ok_or_else(|| Error::invalid_argument("access_token", "is required"))?;
        if token.is_empty() {
            return Err(Error::invalid_argument("access_token", "must not be empty"));
        }
        if HeaderValue::from_str(&format!("Bearer {}", token.expose())).is_err() {
            return Err(Error::invalid_argument(
                "access_token",
                "contains characters not allowed in a header",
            ));
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(Error::Transport)?,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                token,
                impersonated_user_id: self.impersonated_user_id,
                retry: self.retry,
                limiter: self.limiter,
            }),
        })
    }
}

/// Parses and checks a base URL: http(s), no query or fragment, path ending in `/1.0`.
fn parse_base_url(raw: &str) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|e| Error::InvalidUrl(format!("not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::InvalidUrl(
            "the base URL must be an http(s) URL with a host".into(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::InvalidUrl(
            "the base URL must not carry a query or fragment (pass the token with access_token())".into(),
        ));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    if !path.ends_with("/1.0") {
        return Err(Error::InvalidUrl(format!(
            "the base URL path must end with /1.0, got {path:?}"
        )));
    }
    url.set_path(&path);
    Ok(url)
}

/// `https://{domain}.api.{host}/1.0`, after checking the domain is a DNS label.
fn domain_url(domain: &str, platform: &Platform) -> Result<Url> {
    let valid = !domain.is_empty()
        && domain.len() <= 63
        && domain.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !domain.starts_with('-')
        && !domain.ends_with('-');
    if !valid {
        return Err(Error::InvalidUrl(format!(
            "{domain:?} is not a valid Engage domain name"
        )));
    }
    parse_base_url(&format!("https://{domain}.api.{}/1.0", platform.host()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    #[test]
    fn for_domain_builds_the_usual_hosts() {
        let c = Client::for_domain("acme").access_token("t").build().unwrap();
        assert_eq!(
            c.base_url().as_str(),
            "https://acme.api.engagement.dimelo.com/1.0"
        );
        let c = Client::for_domain("acme")
            .platform(Platform::RingCentral)
            .access_token("t")
            .build()
            .unwrap();
        assert_eq!(
            c.base_url().as_str(),
            "https://acme.api.digital.ringcentral.com/1.0"
        );
        assert!(matches!(
            Client::for_domain("ac/me").access_token("t").build(),
            Err(Error::InvalidUrl(_))
        ));
        assert!(matches!(
            Client::for_domain("").access_token("t").build(),
            Err(Error::InvalidUrl(_))
        ));
    }

    #[test]
    fn base_url_must_end_with_version() {
        let ok = |u: &str| {
            Client::builder()
                .base_url(u)
                .access_token("t")
                .build()
                .map(|c| c.base_url().to_string())
        };
        assert_eq!(
            ok("http://127.0.0.1:8080/1.0/").unwrap(),
            "http://127.0.0.1:8080/1.0"
        );
        assert!(matches!(ok("http://127.0.0.1:8080/"), Err(Error::InvalidUrl(_))));
        assert!(matches!(ok("ftp://x/1.0"), Err(Error::InvalidUrl(_))));
        assert!(matches!(ok("not a url"), Err(Error::InvalidUrl(_))));
        let err = ok("https://x/1.0?access_token=leak").unwrap_err();
        assert!(!err.to_string().contains("leak"));
    }

    #[test]
    fn token_is_required_and_redacted() {
        assert!(matches!(
            Client::builder().base_url("http://x/1.0").build(),
            Err(Error::InvalidArgument {
                name: "access_token",
                ..
            })
        ));
        assert!(Client::builder()
            .base_url("http://x/1.0")
            .access_token("bad\ntoken")
            .build()
            .is_err());
        let c = Client::builder()
            .base_url("http://x/1.0")
            .access_token("very-secret-token")
            .build()
            .unwrap();
        assert!(!format!("{c:?}").contains("very-secret-token"));
        let b = Client::builder().access_token("very-secret-token");
        assert!(!format!("{b:?}").contains("very-secret-token"));
    }

    #[test]
    fn urls_encode_segments_and_add_impersonation() {
        let c = Client::builder()
            .base_url("http://x/1.0")
            .access_token("t")
            .impersonate("u 1")
            .build()
            .unwrap();
        let mut req = ApiRequest::new(Method::GET, ["users", "a/b?c d"]);
        req.query.set_list("team_ids", ["t1", "t2"]);
        let url = c.url_for(&req).unwrap();
        assert_eq!(
            url.as_str(),
            "http://x/1.0/users/a%2Fb%3Fc%20d?team_ids%5B%5D=t1&team_ids%5B%5D=t2&impersonated_user_id=u+1"
        );
        let plain = Client::builder()
            .base_url("http://x/1.0")
            .access_token("t")
            .build()
            .unwrap();
        assert_eq!(
            plain
                .url_for(&ApiRequest::new(Method::GET, ["status"]))
                .unwrap()
                .as_str(),
            "http://x/1.0/status"
        );
    }

    #[test]
    fn ids_a_url_would_alter_are_refused() {
        let c = Client::builder()
            .base_url("http://x/1.0")
            .access_token("t")
            .build()
            .unwrap();
        let url = |segments: &[&str]| c.url_for(&ApiRequest::new(Method::PUT, segments.iter().copied()));
        for bad in ["", ".", "..", "a\tb", "a\nb", "a\rb"] {
            match url(&["content_threads", bad, "close"]) {
                Err(Error::InvalidArgument { name: "id", reason }) => {
                    assert!(reason.contains("/content_threads/"), "{reason}");
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
        // Why they are refused rather than sent as `%2E`: URLs drop the encoded forms too.
        for encoded in ["%2E", "%2e%2E", ".%2E"] {
            let parsed = Url::parse(&format!("http://x/1.0/users/{encoded}/close")).unwrap();
            assert!(!parsed.path().contains('%'), "{parsed}");
        }
        // Dots inside a name, or more than two, are ordinary names; `%` is escaped.
        for (id, sent) in [("...", "..."), ("a.b", "a.b"), (".x", ".x"), ("%2E", "%252E")] {
            assert_eq!(
                url(&["users", id]).unwrap().as_str(),
                format!("http://x/1.0/users/{sent}")
            );
        }
    }

    #[test]
    fn client_is_send_sync_clone() {
        fn check<T: Send + Sync + Clone + 'static>() {}
        check::<Client>();
    }
}
