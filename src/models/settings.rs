//! The settings of an Engage Digital domain.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use super::Timestamp;

/// A domain's settings, as `GET /settings` returns them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DomainSettings {
    /// The domain's id.
    #[serde(default)]
    pub id: Option<String>,
    /// The domain's display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the domain is a demo, in production or archived.
    #[serde(default, rename = "type")]
    pub domain_type: Option<DomainType>,
    /// The domain's locale code.
    #[serde(default)]
    pub locale: Option<String>,
    /// The domain's time zone name (see `/timezones`).
    #[serde(default)]
    pub timezone: Option<String>,
    /// The interface design.
    #[serde(default)]
    pub style: Option<String>,
    /// The first day of the week.
    #[serde(default)]
    pub beginning_of_week: Option<String>,
    /// The languages contents may be written in. The spec names this field `content_languages[]`; both names are accepted.
    #[serde(default, alias = "content_languages[]")]
    pub content_languages: Vec<String>,
    /// Hours of inactivity after which a user is no longer counted as present.
    #[serde(default)]
    pub activity_presence_threshold: Option<i64>,
    /// Whether agent activity is tracked.
    #[serde(default)]
    pub activity_tracking: Option<bool>,
    /// Whether browser notifications are off.
    #[serde(default)]
    pub browser_notifications_disabled: Option<bool>,
    /// Whether categorization is forced per source.
    #[serde(default)]
    pub category_tagging: Option<bool>,
    /// Whether the dashboard is on.
    #[serde(default)]
    pub dashboard: Option<bool>,
    /// Whether other sites are prevented from embedding the interface.
    #[serde(default)]
    pub deny_iframe_integration: Option<bool>,
    /// Whether browsers may not autocomplete passwords.
    #[serde(default)]
    pub disable_password_autocomplete: Option<bool>,
    /// Whether unknown BBCode is shown as is.
    #[serde(default)]
    pub display_only_unknown_bbcode: Option<bool>,
    /// Whether the domain is copied to pre-production.
    #[serde(default)]
    pub dump_in_preprod: Option<bool>,
    /// Whether threads scroll down automatically.
    #[serde(default)]
    pub enable_auto_scroll_down: Option<bool>,
    /// Seconds after which a password expires.
    #[serde(default)]
    pub expire_password_after: Option<i64>,
    /// Whether passwords expire.
    #[serde(default)]
    pub expire_password_enabled: Option<bool>,
    /// Whether exports give durations in seconds.
    #[serde(default)]
    pub export_in_seconds: Option<bool>,
    /// Whether archived contents are folded.
    #[serde(default)]
    pub fold_useless_contents: Option<bool>,
    /// The period of FTE data, in hours.
    #[serde(default)]
    pub fte_duration: Option<i64>,
    /// Whether identities may be merged.
    #[serde(default)]
    pub identity_merge: Option<bool>,
    /// Seconds after which an idle intervention closes.
    #[serde(default)]
    pub intervention_closing_period: Option<i64>,
    /// Deferral durations offered to agents, in seconds.
    #[serde(default)]
    pub intervention_defer_rates: Vec<i64>,
    /// The deferral threshold, in seconds.
    #[serde(default)]
    pub intervention_defer_threshold: Option<i64>,
    /// Intervention response-time rates, in seconds.
    #[serde(default)]
    pub intervention_rates: Vec<i64>,
    /// Whether messages may be in several languages.
    #[serde(default)]
    pub multi_lang: Option<bool>,
    /// Whether reusing old passwords is forbidden.
    #[serde(default)]
    pub password_archivable_enabled: Option<bool>,
    /// How many old passwords are remembered.
    #[serde(default)]
    pub password_archivable_size: Option<i64>,
    /// The minimum password length.
    #[serde(default)]
    pub password_min_length: Option<i64>,
    /// Whether a password needs a non-alphanumeric character.
    #[serde(default)]
    pub password_non_word: Option<bool>,
    /// Whether a password needs a digit.
    #[serde(default)]
    pub password_numbers: Option<bool>,
    /// Whether password recovery by email is off.
    #[serde(default)]
    pub password_recovery_disabled: Option<bool>,
    /// Whether push mode is on.
    #[serde(default)]
    pub push_enabled: Option<bool>,
    /// Whether agents may reply as any identity.
    #[serde(default)]
    pub reply_as_any_identity: Option<bool>,
    /// Whether right-to-left text is supported.
    #[serde(default)]
    pub rtl_support: Option<bool>,
    /// Whether authors may ask approval of their own messages.
    #[serde(default)]
    pub self_approval_required: Option<bool>,
    /// Minutes after which an idle session ends.
    #[serde(default)]
    pub session_timeout: Option<i64>,
    /// Engage's internal sharding key.
    #[serde(default)]
    pub sharding_key: Option<String>,
    /// Whether spellchecking is on.
    #[serde(default)]
    pub spellchecking: Option<bool>,
    /// Whether third-party services (tracking, ...) are off.
    #[serde(default)]
    pub third_party_services_disabled: Option<bool>,
    /// Whether JavaScript errors are tracked.
    #[serde(default)]
    pub track_js: Option<bool>,
    /// The maximum chat response time, in seconds.
    #[serde(default)]
    pub urgent_task_threshold: Option<i64>,
    /// Whether the interface uses the system font (experimental).
    #[serde(default)]
    pub use_system_font: Option<bool>,
    /// Whether avatars show two letters.
    #[serde(default)]
    pub use_two_letters_avatars: Option<bool>,
    /// Creation time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub created_at: Option<Timestamp>,
    /// Last update time.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<Timestamp>,
}

string_enum! {
    /// The kind of domain.
    DomainType {
        /// A demonstration domain.
        Demo = "demo",
        /// A production domain.
        Production = "production",
        /// An archived domain.
        Archived = "archived",
    }
}
