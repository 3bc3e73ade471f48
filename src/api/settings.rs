//! `/settings`: read and update the domain's settings.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{DomainSettings, DomainType};

operations![
    ("getAllSettings", "GET", "/settings", "Settings::get"),
    ("updateSettings", "PUT", "/settings", "Settings::update"),
];

resource_handler! {
    /// The `/settings` endpoints. Get one with [`Client::settings`](crate::Client::settings).
    Settings =>
    /// The domain's settings: get and update.
    settings, "settings", DomainSettings, (), one "domain's settings", many "domain's settings",
    [
        /// Gets the domain's settings (`GET /settings`).
        get_singleton,
    ]
}

impl Settings {
    /// Updates the domain's settings (`PUT /settings`); only the fields you set are sent. Only
    /// users allowed to update settings may call it.
    pub fn update(&self) -> UpdateSettings {
        UpdateSettings::from_call(self.call(Method::PUT, &[]))
    }
}

request_builder! {
    /// `PUT /settings`, from [`Settings::update`].
    UpdateSettings -> DomainSettings
}

setters!(UpdateSettings {
    /// Hours of inactivity after which a user is no longer counted as present.
    activity_presence_threshold: int = "activity_presence_threshold";
    /// Tracks agent activity.
    activity_tracking: bool = "activity_tracking";
    /// The first day of the week.
    beginning_of_week: str = "beginning_of_week";
    /// Forces categorization per source.
    category_tagging: bool = "category_tagging";
    /// Turns the dashboard on or off.
    dashboard: bool = "dashboard";
    /// Prevents other sites from embedding the interface.
    deny_iframe_integration: bool = "deny_iframe_integration";
    /// Keeps browsers from autocompleting passwords.
    disable_password_autocomplete: bool = "disable_password_autocomplete";
    /// Seconds after which a password expires.
    expire_password_after: int = "expire_password_after";
    /// Scrolls threads down automatically.
    enable_auto_scroll_down: bool = "enable_auto_scroll_down";
    /// Makes passwords expire.
    expire_password_enabled: bool = "expire_password_enabled";
    /// Gives durations in seconds in exports.
    export_in_seconds: bool = "export_in_seconds";
    /// Folds archived contents.
    fold_useless_contents: bool = "fold_useless_contents";
    /// The period of FTE data, in hours.
    fte_duration: int = "fte_duration";
    /// Allows merging identities.
    identity_merge: bool = "identity_merge";
    /// The deferral threshold, in seconds.
    intervention_defer_threshold: int = "intervention_defer_threshold";
    /// The domain's locale code.
    locale: str = "locale";
    /// Allows messages in several languages.
    multi_lang: bool = "multi_lang";
    /// The domain's display name.
    name: str = "name";
    /// Forbids reusing old passwords.
    password_archivable_enabled: bool = "password_archivable_enabled";
    /// How many old passwords are remembered.
    password_archivable_size: int = "password_archivable_size";
    /// The minimum password length.
    password_min_length: int = "password_min_length";
    /// Requires a non-alphanumeric character in passwords.
    password_non_word: bool = "password_non_word";
    /// Requires a digit in passwords.
    password_numbers: bool = "password_numbers";
    /// Turns off password recovery by email.
    password_recovery_disabled: bool = "password_recovery_disabled";
    /// Turns push mode on or off.
    push_enabled: bool = "push_enabled";
    /// Lets agents reply as any identity.
    reply_as_any_identity: bool = "reply_as_any_identity";
    /// Supports right-to-left text.
    rtl_support: bool = "rtl_support";
    /// Lets authors ask approval of their own messages.
    self_approval_required: bool = "self_approval_required";
    /// Minutes after which an idle session ends.
    session_timeout: int = "session_timeout";
    /// Turns spellchecking on or off.
    spellchecking: bool = "spellchecking";
    /// The interface design.
    style: str = "style";
    /// Turns off third-party services (tracking, ...).
    third_party_services_disabled: bool = "third_party_services_disabled";
    /// The domain's time zone name (see `/timezones`).
    timezone: str = "timezone";
    /// Tracks JavaScript errors.
    track_js: bool = "track_js";
    /// The maximum chat response time, in seconds.
    urgent_task_threshold: int = "urgent_task_threshold";
    /// Uses the system font (experimental).
    use_system_font: bool = "use_system_font";
    /// The languages contents may be written in. The spec types this parameter as one string
    /// without saying its format, so it is passed through unchanged.
    content_languages: str = "content_languages";
    /// Whether the domain is a demo, in production or archived (the `type` parameter).
    domain_type: value<DomainType> = "type";
    /// Deferral durations offered to agents, in seconds (replaces the list).
    intervention_defer_rates: values<u64> = "intervention_defer_rates";
    /// Intervention response-time rates, in seconds (replaces the list).
    intervention_rates: values<u64> = "intervention_rates";
});
