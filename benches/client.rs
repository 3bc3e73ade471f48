//! What the client costs per request, next to bare reqwest, on loopback.
//!
//! - `get_user/client` vs `get_user/bare_reqwest`: one `GET /users/{id}` answered by a tiny
//!   keep-alive HTTP server in this process, decoded into a `User`. The client's rate limiter is
//!   off so the bench measures the request path, not the 500/min budget.
//! - `list_150/client` vs `list_150/bare_reqwest`: one page of 150 users over loopback.
//! - `decode_page_150`: decoding a 150-user page into `Page<User>`, no network: `serde_json` is
//!   the plain decode every successful response gets; `path_tracking` is the decode with
//!   `serde_path_to_error` that the client runs only after the plain one failed.
//!
//! Run: `cargo bench --bench client -- --warm-up-time 1 --measurement-time 5`

use std::net::SocketAddr;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ringcentral_engage::models::{User, UserId};
use ringcentral_engage::{Client, Page, RetryPolicy};

#[path = "support/loopback.rs"]
mod loopback;

const TOKEN: &str = "bench-token";

fn user_json(i: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("{:024x}", i + 1),
        "firstname": "Ada", "lastname": format!("Lovelace {i}"), "nickname": "ada",
        "email": format!("agent{i}@example.com"), "gender": "woman", "enabled": true,
        "invitation_pending": false, "external_id": null, "rc_user_id": format!("{}", 100_000 + i),
        "role_id": "5f0c0bd5a8f0a9000c1d2e3f", "category_ids": ["5f0c0bd5a8f0a9000c1d2e40", "5f0c0bd5a8f0a9000c1d2e41"],
        "team_ids": ["5f0c0bd5a8f0a9000c1d2e42"], "identity_ids": [], "spoken_languages": ["en", "fr"],
        "locale": "en", "timezone": "Paris", "user_capacity_id": "5f0c0bd5a8f0a9000c1d2e43",
        "created_at": "2020-05-21T01:19:49Z", "updated_at": "2021-06-01T08:00:00Z"
    })
}

fn page_body() -> Vec<u8> {
    let records: Vec<_> = (0..150).map(user_json).collect();
    serde_json::to_vec(&serde_json::json!({"count": 150, "offset": 0, "limit": 150, "records": records}))
        .unwrap()
}

/// The loopback server: `/1.0/users/{id}` gets one user, `/1.0/users` a page.
async fn serve() -> SocketAddr {
    let one = loopback::response("200 OK", &serde_json::to_vec(&user_json(0)).unwrap());
    let page = loopback::response("200 OK", &page_body());
    loopback::serve(move |head| {
        if head.starts_with(b"GET /1.0/users/") {
            one.clone()
        } else {
            page.clone()
        }
    })
    .await
}

/// The same GET as the client sends (token, user agent, accept), with bare reqwest and serde_json.
async fn bare_send<T: serde::de::DeserializeOwned>(http: &reqwest::Client, url: &str) -> T {
    let body = http
        .get(url)
        .bearer_auth(TOKEN)
        .header("user-agent", ringcentral_engage::client::USER_AGENT_VALUE)
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    serde_json::from_slice(&body).unwrap()
}

async fn bare_get(http: &reqwest::Client, url: &str) -> User {
    bare_send(http, url).await
}

async fn bare_list(http: &reqwest::Client, url: &str) -> Page<User> {
    bare_send(http, url).await
}

fn bench(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let addr = rt.block_on(serve());
    let base = format!("http://{addr}/1.0");
    let client = Client::builder()
        .base_url(&base)
        .access_token(TOKEN)
        .no_rate_limiter()
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let bare = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let id = UserId::new(format!("{:024x}", 1));
    let user_url = format!("{base}/users/{id}");
    let list_url = format!("{base}/users?limit=150");

    let mut group = c.benchmark_group("get_user");
    group.throughput(Throughput::Elements(1));
    group.bench_function(BenchmarkId::new("client", "loopback"), |b| {
        b.to_async(&rt)
            .iter(|| async { client.users().get(&id).await.unwrap() });
    });
    group.bench_function(BenchmarkId::new("bare_reqwest", "loopback"), |b| {
        b.to_async(&rt).iter(|| bare_get(&bare, &user_url));
    });
    group.finish();

    let mut group = c.benchmark_group("list_150");
    group.throughput(Throughput::Elements(150));
    group.bench_function(BenchmarkId::new("client", "loopback"), |b| {
        b.to_async(&rt)
            .iter(|| async { client.users().list().limit(150).send().await.unwrap() });
    });
    group.bench_function(BenchmarkId::new("bare_reqwest", "loopback"), |b| {
        b.to_async(&rt).iter(|| bare_list(&bare, &list_url));
    });
    group.finish();

    // Criterion runs one side after the other, so load from other processes can land on one
    // side only. This pass interleaves short rounds of both (swapping which goes first) and
    // compares their medians.
    macro_rules! alternate {
        ($label:literal, $per_round:literal, $ours:expr, $theirs:expr) => {{
            let (ours, theirs) = rt.block_on(async {
                let (mut ours, mut theirs) = (Vec::new(), Vec::new());
                for round in 0..40 {
                    // Swap which side goes first every round, so neither always follows the other.
                    for side in [round % 2, 1 - round % 2] {
                        let started = std::time::Instant::now();
                        for _ in 0..$per_round {
                            if side == 0 {
                                std::hint::black_box($ours);
                            } else {
                                std::hint::black_box($theirs);
                            }
                        }
                        let per_request = started.elapsed() / $per_round;
                        if side == 0 {
                            ours.push(per_request)
                        } else {
                            theirs.push(per_request)
                        }
                    }
                }
                ours.sort();
                theirs.sort();
                (ours[ours.len() / 2], theirs[theirs.len() / 2])
            });
            println!(
                "{}, alternating rounds: client {:.1} µs, bare reqwest {:.1} µs per request ({:+.1}%)",
                $label,
                ours.as_secs_f64() * 1e6,
                theirs.as_secs_f64() * 1e6,
                (ours.as_secs_f64() / theirs.as_secs_f64() - 1.0) * 100.0
            );
        }};
    }
    alternate!(
        "get_user",
        100,
        client.users().get(&id).await.unwrap(),
        bare_get(&bare, &user_url).await
    );
    alternate!(
        "list_150",
        10,
        client.users().list().limit(150).send().await.unwrap(),
        bare_list(&bare, &list_url).await
    );

    let body = page_body();
    let mut group = c.benchmark_group("decode_page_150");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.bench_function("serde_json", |b| {
        b.iter(|| serde_json::from_slice::<Page<User>>(std::hint::black_box(&body)).unwrap());
    });
    // Not what a successful response costs: `Error::decode` tries plain serde_json first (the
    // case above) and runs serde_path_to_error only for a body that failed it, to name the
    // failing field. This measures that second, path-tracking decode on its own, to show what
    // the fallback would cost if every body paid for it.
    group.bench_function("path_tracking", |b| {
        b.iter(|| {
            let mut de = serde_json::Deserializer::from_slice(std::hint::black_box(&body));
            serde_path_to_error::deserialize::<_, Page<User>>(&mut de).unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
