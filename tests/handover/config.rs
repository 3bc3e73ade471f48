//! `EngageConfig`'s named builder and `from_env`: every missing or wrong setting is named, and
//! no secret appears in an error.

use std::collections::HashMap;

use ringcentral_engage::handover::{EngageConfig, EngageConfigBuilder};
use ringcentral_engage::webhook::WebhookConfig;
use ringcentral_engage::{Client, Error};

const SECRETS: [&str; 4] = [
    "api-token-s3cr3t",
    "realtime-s3cr3t",
    "hook-s3cr3t",
    "verify-s3cr3t",
];

fn client() -> Client {
    Client::builder()
        .base_url("https://acme.api.engagement.dimelo.com/1.0")
        .access_token(SECRETS[0])
        .build()
        .unwrap()
}

/// Every required setting, valid.
fn complete() -> EngageConfigBuilder {
    EngageConfig::builder()
        .client(client())
        .source_id("src-1")
        .realtime_url("https://acme.engagement.dimelo.com/realtime/sdk/src-1")
        .realtime_token(SECRETS[1])
        .bot_category("cat-bot")
        .agent_category("cat-agent")
        .webhook(WebhookConfig::new(SECRETS[3], SECRETS[2]))
}

fn refused(builder: EngageConfigBuilder) -> (&'static str, String) {
    match builder.build() {
        Err(Error::InvalidArgument { name, reason }) => {
            let shown = format!("{name} {reason}");
            for secret in SECRETS {
                assert!(!shown.contains(secret), "{shown}");
            }
            (name, reason)
        }
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[test]
fn a_complete_configuration_builds() {
    let config = complete().build().unwrap();
    assert_eq!(config.sdk_path(), "/engage/sdk");
    let shown = format!("{config:?}");
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[test]
fn each_missing_required_setting_is_named() {
    type Case = (&'static str, fn() -> EngageConfigBuilder);
    let cases: [Case; 7] = [
        ("client", || rebuild(|b| b.client = false)),
        ("source_id", || rebuild(|b| b.source_id = false)),
        ("realtime_url", || rebuild(|b| b.realtime_url = false)),
        ("realtime_token", || rebuild(|b| b.realtime_token = false)),
        ("bot_category", || rebuild(|b| b.bot_category = false)),
        ("agent_category", || rebuild(|b| b.agent_category = false)),
        ("webhook", || rebuild(|b| b.webhook = false)),
    ];
    for (setting, builder) in cases {
        let (name, reason) = refused(builder());
        assert_eq!(name, setting);
        assert_eq!(reason, "is required");
    }
}

#[test]
fn each_blank_setting_is_named() {
    for blank in ["", "   "] {
        let cases = [
            ("source_id", complete().source_id(blank)),
            ("realtime_url", complete().realtime_url(blank)),
            ("realtime_token", complete().realtime_token(blank)),
            ("bot_category", complete().bot_category(blank)),
            ("agent_category", complete().agent_category(blank)),
            (
                "webhook_secret",
                complete().webhook(WebhookConfig::new(SECRETS[3], blank)),
            ),
            (
                "webhook_verify_token",
                complete().webhook(WebhookConfig::new(blank, SECRETS[2])),
            ),
            ("extra_categories", complete().extra_categories([blank.into()])),
            ("extra_categories", complete().high_priority_category(blank)),
        ];
        for (setting, builder) in cases {
            let (name, reason) = refused(builder);
            assert_eq!(name, setting, "{reason}");
            assert!(reason.contains("empty"), "{setting}: {reason}");
        }
    }
}

#[test]
fn the_same_bot_and_agent_category_is_refused() {
    let (name, reason) = refused(complete().agent_category("cat-bot"));
    assert_eq!(name, "agent_category");
    assert!(reason.contains("bot_category"), "{reason}");
}

#[test]
fn the_realtime_url_needs_https_except_on_loopback() {
    for url in [
        "http://acme.engagement.dimelo.com/realtime/sdk/src-1",
        "http://10.0.0.1/realtime/sdk/src-1",
        "ftp://acme.engagement.dimelo.com",
        "not a url",
    ] {
        let (name, _) = refused(complete().realtime_url(url));
        assert_eq!(name, "realtime_url", "{url}");
    }
    for url in [
        "https://acme.engagement.dimelo.com/realtime/sdk/src-1",
        "http://127.0.0.1:8080/realtime/sdk/src-1",
        "http://localhost:8080/realtime/sdk/src-1",
        "http://[::1]:8080/realtime/sdk/src-1",
    ] {
        complete()
            .realtime_url(url)
            .build()
            .unwrap_or_else(|e| panic!("{url}: {e}"));
    }
}

#[test]
fn insecure_webhooks_without_secret_stay_possible() {
    complete()
        .webhook(WebhookConfig::insecure_without_secret(SECRETS[3]))
        .build()
        .unwrap();
}

/// Which required settings `rebuild` sets.
struct Set {
    client: bool,
    source_id: bool,
    realtime_url: bool,
    realtime_token: bool,
    bot_category: bool,
    agent_category: bool,
    webhook: bool,
}

fn rebuild(unset: impl Fn(&mut Set)) -> EngageConfigBuilder {
    let mut set = Set {
        client: true,
        source_id: true,
        realtime_url: true,
        realtime_token: true,
        bot_category: true,
        agent_category: true,
        webhook: true,
    };
    unset(&mut set);
    let mut b = EngageConfig::builder();
    if set.client {
        b = b.client(client());
    }
    if set.source_id {
        b = b.source_id("src-1");
    }
    if set.realtime_url {
        b = b.realtime_url("https://acme.engagement.dimelo.com");
    }
    if set.realtime_token {
        b = b.realtime_token(SECRETS[1]);
    }
    if set.bot_category {
        b = b.bot_category("cat-bot");
    }
    if set.agent_category {
        b = b.agent_category("cat-agent");
    }
    if set.webhook {
        b = b.webhook(WebhookConfig::new(SECRETS[3], SECRETS[2]));
    }
    b
}

fn environment() -> HashMap<&'static str, String> {
    HashMap::from([
        ("ENGAGE_DOMAIN", "acme".to_owned()),
        ("ENGAGE_ACCESS_TOKEN", SECRETS[0].to_owned()),
        ("ENGAGE_SOURCE_ID", "src-1".to_owned()),
        (
            "ENGAGE_REALTIME_URL",
            "https://acme.engagement.dimelo.com/realtime/sdk/src-1".to_owned(),
        ),
        ("ENGAGE_REALTIME_TOKEN", SECRETS[1].to_owned()),
        ("ENGAGE_BOT_CATEGORY_ID", "cat-bot".to_owned()),
        ("ENGAGE_AGENT_CATEGORY_ID", "cat-agent".to_owned()),
        ("ENGAGE_WEBHOOK_SECRET", SECRETS[2].to_owned()),
        ("ENGAGE_WEBHOOK_VERIFY_TOKEN", SECRETS[3].to_owned()),
    ])
}

fn lookup<'a>(env: &'a HashMap<&'static str, String>) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| env.get(name).cloned()
}

#[test]
fn from_env_reads_every_variable() {
    let env = environment();
    let config = EngageConfig::from_lookup(lookup(&env)).unwrap().build().unwrap();
    assert_eq!(config.webhook_path(), "/engage/webhook");
    let mut with_url = environment();
    with_url.remove("ENGAGE_DOMAIN");
    with_url.insert(
        "ENGAGE_API_URL",
        "https://acme.api.digital.ringcentral.com/1.0".into(),
    );
    with_url.insert("ENGAGE_CHANNEL_ID", " chan-1 ".into());
    EngageConfig::from_lookup(lookup(&with_url))
        .unwrap()
        .build()
        .unwrap();
    Client::from_lookup(lookup(&with_url)).unwrap();
}

#[test]
fn from_env_lists_every_missing_variable_at_once() {
    let error = EngageConfig::from_lookup(|_| None).unwrap_err();
    let named: Vec<_> = error.problems.iter().map(|p| p.variable.as_str()).collect();
    assert_eq!(
        named,
        [
            "ENGAGE_API_URL or ENGAGE_DOMAIN",
            "ENGAGE_ACCESS_TOKEN",
            "ENGAGE_SOURCE_ID",
            "ENGAGE_REALTIME_URL",
            "ENGAGE_REALTIME_TOKEN",
            "ENGAGE_BOT_CATEGORY_ID",
            "ENGAGE_AGENT_CATEGORY_ID",
            "ENGAGE_WEBHOOK_VERIFY_TOKEN",
            "ENGAGE_WEBHOOK_SECRET",
        ]
    );
    // Each variable alone missing or blank is the only one named.
    for name in environment().keys() {
        for value in [None, Some("  ")] {
            let mut env = environment();
            match value {
                None => env.remove(name),
                Some(v) => env.insert(name, v.to_owned()),
            };
            let error = EngageConfig::from_lookup(lookup(&env)).unwrap_err();
            assert_eq!(error.problems.len(), 1, "{name}: {error}");
            assert!(error.problems[0].variable.contains(name), "{name}: {error}");
        }
    }
}

#[test]
fn from_env_names_invalid_variables_without_their_values() {
    let mut env = environment();
    env.insert("ENGAGE_REALTIME_URL", "http://realtime-s3cr3t.example.com".into());
    env.insert("ENGAGE_AGENT_CATEGORY_ID", "cat-bot".into());
    env.remove("ENGAGE_DOMAIN");
    env.insert("ENGAGE_API_URL", "https://acme.example.com/v2".into());
    let error = EngageConfig::from_lookup(lookup(&env)).unwrap_err();
    let named: Vec<_> = error.problems.iter().map(|p| p.variable.as_str()).collect();
    assert_eq!(
        named,
        [
            "ENGAGE_API_URL",
            "ENGAGE_REALTIME_URL",
            "ENGAGE_AGENT_CATEGORY_ID"
        ],
        "{error}"
    );
    let shown = format!("{error} {error:?}");
    for secret in SECRETS {
        assert!(!shown.contains(secret), "{shown}");
    }
}

#[test]
fn every_variable_read_is_documented_in_the_readme() {
    let readme = include_str!("../../README.md");
    for variable in EngageConfig::ENV_VARIABLES {
        assert!(readme.contains(&format!("`{variable}`")), "{variable}");
    }
}
