//! Sources (`content_sources`): the channel accounts conversations arrive on.

use serde::{Deserialize, Serialize};

use super::de::lenient_int;
use serde_json::{Map, Value};

use super::string_enum::string_enum;
use super::{CategoryId, ChannelId, CommunityId, SourceId, TimeSheetId, Timestamp};

/// A source: one account on one channel (a Source SDK endpoint, a Facebook page, a mailbox).
///
/// Fields this crate does not know yet land in [`extra`](Source::extra) and are written back
/// unchanged when the source is serialized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Source {
    /// The source's id.
    pub id: SourceId,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its type, e.g. `dimelo_sdk`, `email`, `engage_messaging`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Whether it is active.
    #[serde(default)]
    pub active: Option<bool>,
    /// Its status, e.g. `ok`.
    #[serde(default)]
    pub status: Option<String>,
    /// The last error, when there is one.
    #[serde(default)]
    pub error_message: Option<String>,
    /// Its channel.
    #[serde(default)]
    pub channel_id: Option<ChannelId>,
    /// Its community.
    #[serde(default)]
    pub community_id: Option<CommunityId>,
    /// The icon color index (0 default, 1 blue, ... 9 grey).
    #[serde(default, deserialize_with = "lenient_int")]
    pub color: Option<i64>,
    /// The icon color as hex, e.g. `#A1A1A1`.
    #[serde(default)]
    pub color_hex: Option<String>,
    /// Default categories of customer threads.
    #[serde(default)]
    pub default_category_ids: Vec<CategoryId>,
    /// Default categories of threads agents start.
    #[serde(default)]
    pub user_thread_default_category_ids: Vec<CategoryId>,
    /// Business hours (at most one).
    #[serde(default)]
    pub time_sheet_ids: Vec<TimeSheetId>,
    /// Customer response time target, in seconds.
    #[serde(default)]
    pub sla_response: Option<i64>,
    /// Customer SLA warning threshold, in percent.
    #[serde(default)]
    pub sla_threshold: Option<i64>,
    /// What happens once the SLA expired.
    #[serde(default)]
    pub sla_expired_strategy: Option<SlaExpiredStrategy>,
    /// How the SLA indicator filters categories.
    #[serde(default)]
    pub sla_filtering_categories_strategy: Option<SlaFilteringCategoriesStrategy>,
    /// The categories the SLA indicator filters on.
    #[serde(default)]
    pub sla_filtering_category_ids: Vec<CategoryId>,
    /// Which attachments are accepted.
    #[serde(default)]
    pub attachments_security_level: Option<AttachmentsSecurityLevel>,
    /// Priority boost of messages under an intervention.
    #[serde(default)]
    pub intervention_messages_boost: Option<i64>,
    /// Priority boost of transferred tasks.
    #[serde(default)]
    pub transferred_tasks_boost: Option<i64>,
    /// Default priority of its tasks.
    #[serde(default)]
    pub default_task_priority: Option<i64>,
    /// Whether it is hidden from statistics.
    #[serde(default)]
    pub hidden_from_stats: Option<bool>,
    /// Default content language.
    #[serde(default)]
    pub default_content_language: Option<String>,
    /// Whether the content language is detected.
    #[serde(default)]
    pub auto_detect_content_language: Option<bool>,
    /// The languages detected.
    #[serde(default)]
    pub content_languages: Vec<String>,
    /// Whether old contents are archived.
    #[serde(default)]
    pub content_archiving: Option<bool>,
    /// Archive contents older than this many seconds.
    #[serde(default)]
    pub content_archiving_period: Option<i64>,
    /// Automatic messages.
    #[serde(default)]
    pub auto_response_triggers: Vec<AutoResponseTrigger>,
    /// Which automatic messages are on.
    #[serde(default)]
    pub auto_response_trigger_enabled: Option<AutoResponseSettings<bool>>,
    /// Seconds between two automatic messages of each kind.
    #[serde(default)]
    pub auto_response_trigger_grace_periods: Option<AutoResponseSettings<i64>>,
    /// Signatures.
    #[serde(default)]
    pub signatures: Vec<SourceSignature>,
    /// Custom sender name.
    #[serde(default)]
    pub from_name: Option<String>,
    /// Engage Messaging: whether it runs in live chat mode.
    #[serde(default)]
    pub live_chat: Option<bool>,
    /// Engage Messaging: enabled on Android.
    #[serde(default)]
    pub enable_android: Option<bool>,
    /// Engage Messaging: enabled on iOS.
    #[serde(default)]
    pub enable_ios: Option<bool>,
    /// Engage Messaging: enabled on the web.
    #[serde(default)]
    pub enable_web: Option<bool>,
    /// WhatsApp: the template namespace.
    #[serde(default)]
    pub template_message_namespace: Option<String>,
    /// WhatsApp: the message templates.
    #[serde(default)]
    pub template_messages: Vec<serde_json::Value>,
    /// Email settings, on email sources.
    #[serde(flatten)]
    pub email: EmailSettings,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
    /// Every other field of the answer, such as fields Engage added after this crate.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The settings only email sources have.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailSettings {
    /// The synchronized address.
    #[serde(default)]
    pub imap_smtp_email: Option<String>,
    /// Folders synchronized.
    #[serde(default)]
    pub imap_mailboxes_to_import: Vec<String>,
    /// The "Sent Mail" folder.
    #[serde(default)]
    pub imap_mailbox_used_for_sent_mail: Option<String>,
    /// IMAP server.
    #[serde(default)]
    pub imap_address: Option<String>,
    /// IMAP port.
    #[serde(default, deserialize_with = "lenient_int")]
    pub imap_port: Option<i64>,
    /// IMAP user name.
    #[serde(default)]
    pub imap_username: Option<String>,
    /// IMAP over SSL/TLS.
    #[serde(default)]
    pub imap_use_ssl_tls: Option<bool>,
    /// IMAP with STARTTLS.
    #[serde(default)]
    pub imap_use_start_tls: Option<bool>,
    /// IMAP authentication.
    #[serde(default)]
    pub imap_authentication_type: Option<EmailAuthenticationType>,
    /// IMAP certificate checking.
    #[serde(default)]
    pub imap_ssl_verify_mode: Option<SslVerifyMode>,
    /// SMTP server.
    #[serde(default)]
    pub smtp_address: Option<String>,
    /// SMTP port.
    #[serde(default, deserialize_with = "lenient_int")]
    pub smtp_port: Option<i64>,
    /// SMTP user name.
    #[serde(default)]
    pub smtp_username: Option<String>,
    /// SMTP over SSL/TLS.
    #[serde(default)]
    pub smtp_use_ssl_tls: Option<bool>,
    /// SMTP with STARTTLS.
    #[serde(default)]
    pub smtp_use_start_tls: Option<bool>,
    /// SMTP authentication.
    #[serde(default)]
    pub smtp_authentication_type: Option<EmailAuthenticationType>,
    /// SMTP certificate checking.
    #[serde(default)]
    pub smtp_ssl_verify_mode: Option<SslVerifyMode>,
    /// The HELO/EHLO name.
    #[serde(default)]
    pub smtp_helo_domain: Option<String>,
    /// Threading heuristics.
    #[serde(default)]
    pub threading_heuristics: Option<bool>,
    /// Common ancestors threading.
    #[serde(default)]
    pub common_ancestors_threading: Option<bool>,
    /// Spam filtering level.
    #[serde(default)]
    pub spam_assassin_level: Option<SpamAssassinLevel>,
    /// Addresses whose mail is never threaded.
    #[serde(default)]
    pub whitelisted_emails: Option<String>,
    /// Addresses left out of To/Cc.
    #[serde(default)]
    pub cc_blacklist: Vec<String>,
    /// Whether the BBCode email parser is on.
    #[serde(default)]
    pub email_parser: Option<bool>,
    /// Whether Postmark is used.
    #[serde(default)]
    pub postmark_enabled: Option<bool>,
    /// Time for thread inclusion.
    #[serde(default)]
    pub time_for_thread_inclusion: Option<i64>,
    /// Whether the time for thread inclusion applies.
    #[serde(default)]
    pub time_for_thread_inclusion_enabled: Option<bool>,
}

/// An automatic message of a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AutoResponseTrigger {
    /// Its language.
    #[serde(default)]
    pub language: Option<String>,
    /// When it is sent: `first_message_from_user` or `out_of_office_hours_message`.
    #[serde(default)]
    pub created_from_trigger: Option<String>,
    /// Its text.
    #[serde(default)]
    pub body: Option<String>,
}

impl AutoResponseTrigger {
    /// An automatic message.
    pub fn new(language: impl Into<String>, trigger: impl Into<String>, body: impl Into<String>) -> Self {
        AutoResponseTrigger {
            language: Some(language.into()),
            created_from_trigger: Some(trigger.into()),
            body: Some(body.into()),
        }
    }
}

/// One value per kind of automatic message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AutoResponseSettings<T> {
    /// For a customer's first message.
    #[serde(default)]
    pub first_message_from_user: Option<T>,
    /// For messages outside business hours.
    #[serde(default)]
    pub out_of_office_hours_message: Option<T>,
}

/// A source signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SourceSignature {
    /// Its language.
    #[serde(default)]
    pub language: Option<String>,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its text.
    #[serde(default)]
    pub body: Option<String>,
}

impl SourceSignature {
    /// A signature in `language`.
    pub fn new(language: impl Into<String>, body: impl Into<String>) -> Self {
        SourceSignature {
            language: Some(language.into()),
            name: None,
            body: Some(body.into()),
        }
    }
}

string_enum! {
    /// What happens to the customer SLA once it expired.
    SlaExpiredStrategy { /// `max`
        Max = "max", /// `half`
        Half = "half", /// `base`
        Base = "base", }
}

string_enum! {
    /// Whether the SLA indicator ignores or selects its categories.
    SlaFilteringCategoriesStrategy { /// Ignore the listed categories.
        IgnoredCategories = "ignored_categories", /// Only the listed categories.
        SelectedCategories = "selected_categories", }
}

string_enum! {
    /// Which attachments a source accepts.
    AttachmentsSecurityLevel { /// Images and media.
        Strict = "strict", /// Images, media and documents.
        Relaxed = "relaxed", /// Everything.
        Permissive = "permissive", }
}

string_enum! {
    /// How an email source logs in to IMAP or SMTP.
    EmailAuthenticationType { /// User name and password.
        Basic = "basic", /// Microsoft OAuth 2.0 (a refresh token).
        MicrosoftIdentityPlatform = "microsoft_identity_platform", }
}

string_enum! {
    /// How an email source checks server certificates.
    SslVerifyMode { /// No check.
        None = "NONE", /// Check the peer.
        Peer = "PEER", /// Check the client once.
        ClientOnce = "CLIENT_ONCE", /// Fail without a peer certificate.
        FailIfNoPeerCert = "FAIL_IF_NO_PEER_CERT", }
}

string_enum! {
    /// The spam filter level of an email source.
    SpamAssassinLevel { /// Off.
        Disabled = "disabled", /// Relaxed.
        Relaxed = "relaxed", /// Strict.
        Strict = "strict", }
}
