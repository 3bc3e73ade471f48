//! `/content_sources`: the channel accounts conversations arrive on — list, read, configure.
//!
//! Spec notes: `content_languages`, `imap_mailboxes_to_import` and `cc_blacklist` are declared
//! as arrays but named without the `[]` suffix every other array parameter has; the crate sends
//! them as `name[]` like the others. `signatures` and `auto_response_triggers` are arrays of
//! objects in a query string, which the spec does not say how to encode; the crate uses the
//! `name[][field]=value` form Rails (Engage's framework) reads as an array of objects.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::{setters, QueryObject};
use crate::client::{request_builder, List};
use crate::models::{
    AttachmentsSecurityLevel, AutoResponseTrigger, CategoryId, ChannelId, EmailAuthenticationType,
    SlaExpiredStrategy, SlaFilteringCategoriesStrategy, Source, SourceId, SourcePermission, SourceSignature,
    SpamAssassinLevel, SslVerifyMode, TimeSheetId,
};

operations![
    ("getAllSources", "GET", "/content_sources", "Sources::list"),
    ("getSource", "GET", "/content_sources/{sourceId}", "Sources::get"),
    (
        "updateSource",
        "PUT",
        "/content_sources/{sourceId}",
        "Sources::update"
    ),
    (
        "updateSourceEmailCredentials",
        "PUT",
        "/content_sources/{sourceId}/email_credentials",
        "Sources::update_email_credentials"
    ),
];

resource_handler! {
    /// The `/content_sources` endpoints. Get one with [`Client::sources`](crate::Client::sources).
    Sources => sources, "content_sources", Source, SourceId, one "source", many "sources", [list, get]
}

impl Sources {
    /// Updates a source (`PUT /content_sources/{id}`); only the fields you set are sent.
    pub fn update(&self, id: &SourceId) -> UpdateSource {
        UpdateSource::from_call(self.call(Method::PUT, &[id.as_str()]))
    }

    /// Updates an email source's IMAP and SMTP logins (`PUT /content_sources/{id}/email_credentials`).
    pub fn update_email_credentials(&self, id: &SourceId) -> UpdateEmailCredentials {
        UpdateEmailCredentials::from_call(self.call(Method::PUT, &[id.as_str(), "email_credentials"]))
    }
}

setters!(List<Source> {
    /// Sources the token's user may read (Engage's default) or start discussions on.
    permission: value<SourcePermission> = "permission";
    /// Only active (or inactive) sources.
    active: bool = "active";
});

request_builder! {
    /// `PUT /content_sources/{id}`, from [`Sources::update`].
    UpdateSource -> Source
}

setters!(UpdateSource {
    /// The name.
    name: str = "name";
    /// Activates or deactivates the source.
    active: bool = "active";
    /// The channel.
    channel_id: id<ChannelId> = "channel_id";
    /// The icon color index (0 default, 1 blue, 2 green, ... 9 grey).
    color: int = "color";
    /// Business hours (Engage takes at most one).
    time_sheet_ids: ids<TimeSheetId> = "time_sheet_ids";
    /// Customer response time target, in seconds.
    sla_response: int = "sla_response";
    /// Customer SLA warning threshold, in percent (1..=99).
    sla_threshold: int = "sla_threshold";
    /// How the SLA indicator filters categories.
    sla_filtering_categories_strategy: value<SlaFilteringCategoriesStrategy> = "sla_filtering_categories_strategy";
    /// The categories the SLA indicator filters on.
    sla_filtering_category_ids: ids<CategoryId> = "sla_filtering_category_ids";
    /// What happens once the SLA expired.
    sla_expired_strategy: value<SlaExpiredStrategy> = "sla_expired_strategy";
    /// Which attachments are accepted.
    attachments_security_level: value<AttachmentsSecurityLevel> = "attachments_security_level";
    /// Priority boost of messages under an intervention.
    intervention_messages_boost: int = "intervention_messages_boost";
    /// Priority boost of transferred tasks.
    transferred_tasks_boost: int = "transferred_tasks_boost";
    /// Hides the source from statistics.
    hidden_from_stats: bool = "hidden_from_stats";
    /// Default categories of customer threads.
    default_category_ids: ids<CategoryId> = "default_category_ids";
    /// Default categories of threads agents start.
    user_thread_default_category_ids: ids<CategoryId> = "user_thread_default_category_ids";
    /// Answers a customer's first message automatically.
    first_message_auto_response_enabled: bool = "auto_response_trigger_enabled[first_message_from_user]";
    /// Answers messages outside business hours automatically.
    out_of_office_auto_response_enabled: bool = "auto_response_trigger_enabled[out_of_office_hours_message]";
    /// Seconds between two automatic answers to first messages.
    first_message_auto_response_grace_period: int = "auto_response_trigger_grace_periods[first_message_from_user]";
    /// Seconds between two automatic answers outside business hours.
    out_of_office_auto_response_grace_period: int = "auto_response_trigger_grace_periods[out_of_office_hours_message]";
    /// Default content language.
    default_content_language: str = "default_content_language";
    /// Detects the content language.
    auto_detect_content_language: bool = "auto_detect_content_language";
    /// The languages to detect (`content_languages[]`).
    content_languages: strs = "content_languages";
    /// Archives old contents.
    content_archiving: bool = "content_archiving";
    /// Archive contents older than this many seconds.
    content_archiving_period: int = "content_archiving_period";
    /// Custom sender name, where the source supports one.
    from_name: str = "from_name";
    /// Default task priority.
    default_task_priority: int = "default_task_priority";
    /// Engage Messaging (not live chat): enabled on Android.
    enable_android: bool = "enable_android";
    /// Engage Messaging (not live chat): enabled on iOS.
    enable_ios: bool = "enable_ios";
    /// Engage Messaging (not live chat): enabled on the web.
    enable_web: bool = "enable_web";
    /// Email: the address to synchronize.
    imap_smtp_email: str = "imap_smtp_email";
    /// Email: folders to synchronize (`imap_mailboxes_to_import[]`; Engage refuses an empty list).
    imap_mailboxes_to_import: strs = "imap_mailboxes_to_import";
    /// Email: the "Sent Mail" folder.
    imap_mailbox_used_for_sent_mail: str = "imap_mailbox_used_for_sent_mail";
    /// Email: IMAP server.
    imap_address: str = "imap_address";
    /// Email: IMAP port.
    imap_port: uint = "imap_port";
    /// Email: IMAP user name.
    imap_username: str = "imap_username";
    /// Email: IMAP password (basic authentication).
    imap_password: secret = "imap_password";
    /// Email: IMAP OAuth 2.0 refresh token (Microsoft authentication).
    imap_oauth_refresh_token: secret = "imap_oauth_refresh_token";
    /// Email: IMAP over SSL/TLS.
    imap_use_ssl_tls: bool = "imap_use_ssl_tls";
    /// Email: IMAP with STARTTLS.
    imap_use_start_tls: bool = "imap_use_start_tls";
    /// Email: IMAP authentication.
    imap_authentication_type: value<EmailAuthenticationType> = "imap_authentication_type";
    /// Email: IMAP certificate checking.
    imap_ssl_verify_mode: value<SslVerifyMode> = "imap_ssl_verify_mode";
    /// Email: SMTP server.
    smtp_address: str = "smtp_address";
    /// Email: SMTP port.
    smtp_port: uint = "smtp_port";
    /// Email: SMTP user name.
    smtp_username: str = "smtp_username";
    /// Email: SMTP password (basic authentication).
    smtp_password: secret = "smtp_password";
    /// Email: SMTP OAuth 2.0 refresh token (Microsoft authentication).
    smtp_oauth_refresh_token: secret = "smtp_oauth_refresh_token";
    /// Email: SMTP over SSL/TLS.
    smtp_use_ssl_tls: bool = "smtp_use_ssl_tls";
    /// Email: SMTP with STARTTLS.
    smtp_use_start_tls: bool = "smtp_use_start_tls";
    /// Email: SMTP authentication.
    smtp_authentication_type: value<EmailAuthenticationType> = "smtp_authentication_type";
    /// Email: SMTP certificate checking.
    smtp_ssl_verify_mode: value<SslVerifyMode> = "smtp_ssl_verify_mode";
    /// Email: the HELO/EHLO name.
    smtp_helo_domain: str = "smtp_helo_domain";
    /// Email: threading heuristics.
    threading_heuristics: bool = "threading_heuristics";
    /// Email: common ancestors threading.
    common_ancestors_threading: bool = "common_ancestors_threading";
    /// Email: spam filtering level.
    spam_assassin_level: value<SpamAssassinLevel> = "spam_assassin_level";
    /// Email: addresses whose mail is never threaded.
    whitelisted_emails: str = "whitelisted_emails";
    /// Email: addresses left out of To/Cc (`cc_blacklist[]`).
    cc_blacklist: strs = "cc_blacklist";
    /// Email: the BBCode email parser.
    email_parser: bool = "email_parser";
    /// Time for thread inclusion.
    time_for_thread_inclusion: int = "time_for_thread_inclusion";
    /// Email: applies the time for thread inclusion.
    time_for_thread_inclusion_enabled: bool = "time_for_thread_inclusion_enabled";
    /// Replaces the signatures (`signatures[][language]=..&signatures[][body]=..`).
    signatures: objects<SourceSignature> = "signatures";
    /// Replaces the automatic messages
    /// (`auto_response_triggers[][language]=..&auto_response_triggers[][created_from_trigger]=..&..[body]=..`).
    auto_response_triggers: objects<AutoResponseTrigger> = "auto_response_triggers";
});

impl QueryObject for SourceSignature {
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("language", self.language.clone()),
            ("name", self.name.clone()),
            ("body", self.body.clone()),
        ]
    }
}

impl QueryObject for AutoResponseTrigger {
    fn fields(&self) -> Vec<(&'static str, Option<String>)> {
        vec![
            ("language", self.language.clone()),
            ("created_from_trigger", self.created_from_trigger.clone()),
            ("body", self.body.clone()),
        ]
    }
}

request_builder! {
    /// `PUT /content_sources/{id}/email_credentials`, from [`Sources::update_email_credentials`].
    UpdateEmailCredentials -> Source
}

setters!(UpdateEmailCredentials {
    /// IMAP user name (`imap[username]`).
    imap_username: str = "imap[username]";
    /// IMAP password (`imap[password]`).
    imap_password: secret = "imap[password]";
    /// SMTP user name (`smtp[username]`).
    smtp_username: str = "smtp[username]";
    /// SMTP password (`smtp[password]`).
    smtp_password: secret = "smtp[password]";
});
