//! Sources, channels, communities, attachments, events and webhooks against wiremock.

use crate::common;

use common::{expect, fixture, page, setup, TOKEN};
use ringcentral_engage::api::{SearchQuery, DEFAULT_MAX_UPLOAD_SIZE};
use ringcentral_engage::models::{
    AttachmentsSecurityLevel, AutoResponseTrigger, EmailAuthenticationType, SlaExpiredStrategy,
    SlaFilteringCategoriesStrategy, SourcePermission, SourceSignature, SpamAssassinLevel, SslVerifyMode,
    WebhookEventName,
};
use ringcentral_engage::{Error, Secret};
use wiremock::matchers::{body_string_contains, header_regex, method, path};
use wiremock::{Mock, ResponseTemplate};

// ---- sources ----

#[tokio::test]
async fn sources_list_and_get() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/content_sources",
        &[("permission", "initiate_discussion"), ("active", "true")],
        page(vec![fixture("rest", "source")]),
    )
    .await;
    expect(
        &server,
        "GET",
        "/content_sources/s1",
        &[],
        fixture("rest", "source"),
    )
    .await;
    let p = c
        .sources()
        .list()
        .permission(SourcePermission::InitiateDiscussion)
        .active(true)
        .send()
        .await
        .unwrap();
    assert_eq!(p.records[0].email.imap_port, Some(993));
    c.sources().get(&"s1".into()).await.unwrap();
}

#[tokio::test]
async fn sources_update_with_every_parameter() {
    let (server, c) = setup().await;
    let query = [
        ("name", "Support"),
        ("active", "true"),
        ("channel_id", "ch1"),
        ("color", "2"),
        ("time_sheet_ids[]", "ts1"),
        ("sla_response", "3600"),
        ("sla_threshold", "80"),
        ("sla_filtering_categories_strategy", "ignored_categories"),
        ("sla_filtering_category_ids[]", "c1"),
        ("sla_expired_strategy", "max"),
        ("attachments_security_level", "permissive"),
        ("intervention_messages_boost", "1"),
        ("transferred_tasks_boost", "2"),
        ("hidden_from_stats", "false"),
        ("default_category_ids[]", "c1"),
        ("user_thread_default_category_ids[]", "c2"),
        ("signatures[][language]", "en"),
        ("signatures[][body]", "Regards"),
        ("signatures[][language]", "fr"),
        ("signatures[][body]", "Cordialement"),
        ("auto_response_triggers[][language]", "en"),
        (
            "auto_response_triggers[][created_from_trigger]",
            "first_message_from_user",
        ),
        ("auto_response_triggers[][body]", "Hello World"),
        ("auto_response_trigger_enabled[first_message_from_user]", "true"),
        (
            "auto_response_trigger_enabled[out_of_office_hours_message]",
            "false",
        ),
        (
            "auto_response_trigger_grace_periods[first_message_from_user]",
            "600",
        ),
        (
            "auto_response_trigger_grace_periods[out_of_office_hours_message]",
            "3600",
        ),
        ("default_content_language", "en"),
        ("auto_detect_content_language", "true"),
        ("content_languages[]", "en"),
        ("content_languages[]", "fr"),
        ("content_archiving", "true"),
        ("content_archiving_period", "86400"),
        ("from_name", "Acme"),
        ("default_task_priority", "3"),
        ("enable_android", "true"),
        ("enable_ios", "false"),
        ("enable_web", "true"),
        ("imap_smtp_email", "support@example.com"),
        ("imap_mailboxes_to_import[]", "INBOX"),
        ("imap_mailbox_used_for_sent_mail", "Sent"),
        ("imap_address", "imap.example.com"),
        ("imap_port", "993"),
        ("imap_username", "support"),
        ("imap_password", "imap-pw"),
        ("imap_oauth_refresh_token", "imap-rt"),
        ("imap_use_ssl_tls", "true"),
        ("imap_use_start_tls", "false"),
        ("imap_authentication_type", "basic"),
        ("imap_ssl_verify_mode", "PEER"),
        ("smtp_address", "smtp.example.com"),
        ("smtp_port", "587"),
        ("smtp_username", "support"),
        ("smtp_password", "smtp-pw"),
        ("smtp_oauth_refresh_token", "smtp-rt"),
        ("smtp_use_ssl_tls", "false"),
        ("smtp_use_start_tls", "true"),
        ("smtp_authentication_type", "microsoft_identity_platform"),
        ("smtp_ssl_verify_mode", "FAIL_IF_NO_PEER_CERT"),
        ("smtp_helo_domain", "example.com"),
        ("threading_heuristics", "true"),
        ("common_ancestors_threading", "false"),
        ("spam_assassin_level", "relaxed"),
        ("whitelisted_emails", "noreply@example.com"),
        ("cc_blacklist[]", "archive@example.com"),
        ("email_parser", "false"),
        ("time_for_thread_inclusion", "86400"),
        ("time_for_thread_inclusion_enabled", "true"),
    ];
    expect(
        &server,
        "PUT",
        "/content_sources/s1",
        &query,
        fixture("rest", "source"),
    )
    .await;
    let update = c
        .sources()
        .update(&"s1".into())
        .name("Support")
        .active(true)
        .channel_id(&"ch1".into())
        .color(2)
        .time_sheet_ids(&["ts1".into()])
        .sla_response(3600)
        .sla_threshold(80)
        .sla_filtering_categories_strategy(SlaFilteringCategoriesStrategy::IgnoredCategories)
        .sla_filtering_category_ids(&["c1".into()])
        .sla_expired_strategy(SlaExpiredStrategy::Max)
        .attachments_security_level(AttachmentsSecurityLevel::Permissive)
        .intervention_messages_boost(1)
        .transferred_tasks_boost(2)
        .hidden_from_stats(false)
        .default_category_ids(&["c1".into()])
        .user_thread_default_category_ids(&["c2".into()])
        .signatures([
            SourceSignature::new("en", "Regards"),
            SourceSignature::new("fr", "Cordialement"),
        ])
        .auto_response_triggers([AutoResponseTrigger::new(
            "en",
            "first_message_from_user",
            "Hello World",
        )])
        .first_message_auto_response_enabled(true)
        .out_of_office_auto_response_enabled(false)
        .first_message_auto_response_grace_period(600)
        .out_of_office_auto_response_grace_period(3600)
        .default_content_language("en")
        .auto_detect_content_language(true)
        .content_languages(["en", "fr"])
        .content_archiving(true)
        .content_archiving_period(86400)
        .from_name("Acme")
        .default_task_priority(3)
        .enable_android(true)
        .enable_ios(false)
        .enable_web(true)
        .imap_smtp_email("support@example.com")
        .imap_mailboxes_to_import(["INBOX"])
        .imap_mailbox_used_for_sent_mail("Sent")
        .imap_address("imap.example.com")
        .imap_port(993)
        .imap_username("support")
        .imap_password(&Secret::new("imap-pw"))
        .imap_oauth_refresh_token(&Secret::new("imap-rt"))
        .imap_use_ssl_tls(true)
        .imap_use_start_tls(false)
        .imap_authentication_type(EmailAuthenticationType::Basic)
        .imap_ssl_verify_mode(SslVerifyMode::Peer)
        .smtp_address("smtp.example.com")
        .smtp_port(587)
        .smtp_username("support")
        .smtp_password(&Secret::new("smtp-pw"))
        .smtp_oauth_refresh_token(&Secret::new("smtp-rt"))
        .smtp_use_ssl_tls(false)
        .smtp_use_start_tls(true)
        .smtp_authentication_type(EmailAuthenticationType::MicrosoftIdentityPlatform)
        .smtp_ssl_verify_mode(SslVerifyMode::FailIfNoPeerCert)
        .smtp_helo_domain("example.com")
        .threading_heuristics(true)
        .common_ancestors_threading(false)
        .spam_assassin_level(SpamAssassinLevel::Relaxed)
        .whitelisted_emails("noreply@example.com")
        .cc_blacklist(["archive@example.com"])
        .email_parser(false)
        .time_for_thread_inclusion(86400)
        .time_for_thread_inclusion_enabled(true);
    let shown = format!("{update:?}");
    assert!(
        !shown.contains("imap-pw") && !shown.contains("smtp-rt"),
        "{shown}"
    );
    update.await.unwrap();
}

#[tokio::test]
async fn sources_update_email_credentials() {
    let (server, c) = setup().await;
    let query = [
        ("imap[username]", "in"),
        ("imap[password]", "p1"),
        ("smtp[username]", "out"),
        ("smtp[password]", "p2"),
    ];
    expect(
        &server,
        "PUT",
        "/content_sources/s1/email_credentials",
        &query,
        fixture("rest", "source"),
    )
    .await;
    let call = c
        .sources()
        .update_email_credentials(&"s1".into())
        .imap_username("in")
        .imap_password(&Secret::new("p1"))
        .smtp_username("out")
        .smtp_password(&Secret::new("p2"));
    assert!(!format!("{call:?}").contains("p2"));
    call.await.unwrap();
}

// ---- channels and communities ----

#[tokio::test]
async fn channels_list_get_update() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/channels",
        &[("limit", "150")],
        page(vec![fixture("rest", "channel")]),
    )
    .await;
    expect(&server, "GET", "/channels/ch1", &[], fixture("rest", "channel")).await;
    let query = [
        ("name", "Async"),
        ("source_ids[]", "s1"),
        ("source_ids[]", "s2"),
        ("soft_capability", "3"),
        ("hard_capability", "5"),
        ("task_timeout_seconds", "60"),
        ("agent_sla", "120"),
        ("agent_sla_threshold", "80"),
        ("task_auto_complete_seconds", "600"),
        ("auto_complete_category_ids[]", "c1"),
    ];
    expect(
        &server,
        "PUT",
        "/channels/ch1",
        &query,
        fixture("rest", "channel"),
    )
    .await;
    let ch = c.channels();
    assert_eq!(
        ch.list().limit(150).send().await.unwrap().records[0].hard_capability,
        Some(5)
    );
    ch.get(&"ch1".into()).await.unwrap();
    ch.update(&"ch1".into())
        .name("Async")
        .source_ids(&["s1".into(), "s2".into()])
        .soft_capability(3)
        .hard_capability(5)
        .task_timeout_seconds(60)
        .agent_sla(120)
        .agent_sla_threshold(80)
        .task_auto_complete_seconds(600)
        .auto_complete_category_ids(&["c1".into()])
        .await
        .unwrap();
}

#[tokio::test]
async fn communities_list_and_get() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/communities",
        &[],
        page(vec![fixture("rest", "community")]),
    )
    .await;
    expect(
        &server,
        "GET",
        "/communities/cm1",
        &[],
        fixture("rest", "community"),
    )
    .await;
    assert_eq!(
        c.communities().list().send().await.unwrap().records[0]
            .kind
            .as_deref(),
        Some("email")
    );
    c.communities().get(&"cm1".into()).await.unwrap();
}

// ---- attachments ----

#[tokio::test]
async fn attachments_list_with_filters_and_get() {
    let (server, c) = setup().await;
    let query = [
        ("extension", "pdf"),
        ("created_before", "2024-02-01T00:00:00Z"),
        ("created_after", "2024-01-01T00:00:00Z"),
    ];
    expect(
        &server,
        "GET",
        "/attachments",
        &query,
        page(vec![fixture("rest", "attachment")]),
    )
    .await;
    expect(
        &server,
        "GET",
        "/attachments/a1",
        &[],
        fixture("rest", "attachment"),
    )
    .await;
    let p = c
        .attachments()
        .list()
        .extension("pdf")
        .created_before(time::macros::datetime!(2024-02-01 0:00 UTC))
        .created_after(time::macros::datetime!(2024-01-01 0:00 UTC))
        .send()
        .await
        .unwrap();
    assert_eq!(p.records[0].public, Some(true));
    c.attachments().get(&"a1".into()).await.unwrap();
}

#[tokio::test]
async fn attachments_upload_is_multipart_file() {
    let (server, c) = setup().await;
    Mock::given(method("POST"))
        .and(path("/1.0/attachments"))
        .and(wiremock::matchers::header(
            "authorization",
            format!("Bearer {TOKEN}").as_str(),
        ))
        .and(header_regex("content-type", "^multipart/form-data; boundary="))
        .and(body_string_contains("name=\"file\"; filename=\"sso.pdf\""))
        .and(body_string_contains("Content-Type: application/pdf"))
        .and(body_string_contains("%PDF-1.4 tiny"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("rest", "attachment")))
        .expect(2)
        .mount(&server)
        .await;
    let a = c
        .attachments()
        .upload("sso.pdf", b"%PDF-1.4 tiny".to_vec())
        .mime_type("application/pdf")
        .private(true)
        .await
        .unwrap();
    assert_eq!(a.id.as_str(), "5464b5c04d61639684110000");
    // The spec puts `private` in the multipart body, next to `file`: not in the query string.
    c.attachments()
        .upload("sso.pdf", b"%PDF-1.4 tiny".to_vec())
        .mime_type("application/pdf")
        .private(true)
        .private(false)
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let body = |i: usize| String::from_utf8_lossy(&requests[i].body).into_owned();
    for request in &requests {
        assert_eq!(request.url.query(), None, "{}", request.url);
    }
    assert!(
        body(0).contains("Content-Disposition: form-data; name=\"private\"\r\n\r\ntrue\r\n"),
        "{}",
        body(0)
    );
    assert_eq!(body(0).matches("name=\"private\"").count(), 1);
    assert!(!body(1).contains("name=\"private\""), "{}", body(1));
}

#[tokio::test]
async fn oversized_or_malformed_uploads_are_refused_before_sending() {
    let (server, c) = setup().await;
    let err = c
        .attachments()
        .upload("big.bin", vec![0u8; 11])
        .max_size(10)
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::InvalidArgument { name: "file", .. }),
        "{err:?}"
    );
    let err = c
        .attachments()
        .upload("x.bin", vec![1u8])
        .mime_type("not a mime")
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidArgument {
                name: "mime_type",
                ..
            }
        ),
        "{err:?}"
    );
    let err = c.attachments().upload(" ", vec![1u8]).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidArgument {
                name: "file_name",
                ..
            }
        ),
        "{err:?}"
    );
    let big = vec![0u8; DEFAULT_MAX_UPLOAD_SIZE as usize + 1];
    assert!(matches!(
        c.attachments().upload("big.bin", big).await,
        Err(Error::InvalidArgument { .. })
    ));
    assert!(server.received_requests().await.unwrap().is_empty());
}

// ---- events ----

#[tokio::test]
async fn events_list_with_q_and_get() {
    let (server, c) = setup().await;
    let q = r#"name_in:content.replied content_thread:t1 created_after:2014-03-20 user:u1"#;
    expect(
        &server,
        "GET",
        "/events",
        &[("q", q)],
        page(vec![fixture("rest", "event")]),
    )
    .await;
    expect(&server, "GET", "/events/e1", &[], fixture("rest", "event")).await;
    let query = SearchQuery::new()
        .name_in("content.replied")
        .content_thread(&"t1".into())
        .created_after(time::macros::date!(2014 - 03 - 20))
        .user(&"u1".into());
    let p = c.events().list().q(&query).unwrap().send().await.unwrap();
    assert_eq!(p.records[0].name.as_deref(), Some("content.replied"));
    c.events().get(&"e1".into()).await.unwrap();
}

// ---- webhooks ----

#[tokio::test]
async fn webhooks_list_get_delete() {
    let (server, c) = setup().await;
    expect(
        &server,
        "GET",
        "/webhooks",
        &[],
        page(vec![fixture("rest", "webhook")]),
    )
    .await;
    expect(&server, "GET", "/webhooks/w1", &[], fixture("rest", "webhook")).await;
    expect(&server, "DELETE", "/webhooks/w1", &[], fixture("rest", "webhook")).await;
    let w = c.webhooks();
    let hook = &w.list().send().await.unwrap().records[0];
    assert_eq!(hook.verify_token.as_ref().unwrap().expose(), "verify-me-7c1");
    assert!(!format!("{hook:?}").contains("verify-me-7c1"));
    w.get(&"w1".into()).await.unwrap();
    w.delete(&"w1".into()).await.unwrap();
}

#[tokio::test]
async fn webhooks_create_and_update_keep_secrets_out_of_debug() {
    let (server, c) = setup().await;
    let query = [
        ("url", "https://bot.example.com/hook"),
        ("registered_events[]", "intervention.opened"),
        ("registered_events[]", "task.taken"),
        ("active", "true"),
        ("name", "Handover"),
        ("staging_use", "false"),
        ("verify_token", "vt-123"),
        ("secret", "sec-456"),
    ];
    expect(&server, "POST", "/webhooks", &query, fixture("rest", "webhook")).await;
    let update_query = [
        ("url", "https://bot.example.com/v2"),
        ("registered_events[]", "intervention.closed"),
        ("secret", "sec-789"),
    ];
    expect(
        &server,
        "PUT",
        "/webhooks/w1",
        &update_query,
        fixture("rest", "webhook"),
    )
    .await;
    let create = c
        .webhooks()
        .create(
            "https://bot.example.com/hook",
            [WebhookEventName::InterventionOpened, WebhookEventName::TaskTaken],
        )
        .active(true)
        .name("Handover")
        .staging_use(false)
        .verify_token(&Secret::new("vt-123"))
        .secret(&Secret::new("sec-456"));
    let shown = format!("{create:?}");
    assert!(!shown.contains("vt-123") && !shown.contains("sec-456"), "{shown}");
    let hook = create.await.unwrap();
    assert_eq!(
        hook.registered_events[3],
        WebhookEventName::Other("content.some_new_event".into())
    );
    let update = c
        .webhooks()
        .update(&"w1".into())
        .url("https://bot.example.com/v2")
        .registered_events([WebhookEventName::InterventionClosed])
        .secret(&Secret::new("sec-789"));
    assert!(!format!("{update:?}").contains("sec-789"));
    update.await.unwrap();
}
