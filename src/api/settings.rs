//! `/settings`: read and update the domain's settings.

use http::Method;

use super::crud::collection_call;
use crate::api::operations::operations;
use crate::client::{request_builder, Client};
use crate::models::{DomainSettings, DomainType};
use crate::Result;

operations![
    ("getAllSettings", "GET", "/settings", "Settings::get"),
    ("updateSettings", "PUT", "/settings", "Settings::update"),
];

/// The `/settings` endpoints. Get one with [`Client::settings`].
#[derive(Debug, Clone)]
pub struct Settings {
    client: Client,
}

impl Client {
    /// The domain's settings: get and update.
    pub fn settings(&self) -> Settings {
        Settings { client: self.clone() }
    }
}

impl Settings {
    /// Gets the domain's settings (`GET /settings`).
    pub async fn get(&self) -> Result<DomainSettings> {
        collection_call(&self.client, Method::GET, "settings")
            .send()
            .await
    }

    /// Updates the domain's settings (`PUT /settings`); only the fields you set are sent. Only
    /// users allowed to update settings may call it.
    pub fn update(&self) -> UpdateSettings {
        UpdateSettings::from_call(collection_call(&self.client, Method::PUT, "settings"))
    }
}

request_builder! {
    /// `PUT /settings`, from [`Settings::update`].
    UpdateSettings -> DomainSettings
}

impl UpdateSettings {
    /// Hours of inactivity after which a user is no longer counted as present.
    pub fn activity_presence_threshold(self, value: i64) -> Self {
        self.param("activity_presence_threshold", value)
    }

    /// Tracks agent activity.
    pub fn activity_tracking(self, value: bool) -> Self {
        self.param("activity_tracking", value)
    }

    /// The first day of the week.
    pub fn beginning_of_week(self, value: impl Into<String>) -> Self {
        self.param("beginning_of_week", value.into())
    }

    /// Forces categorization per source.
    pub fn category_tagging(self, value: bool) -> Self {
        self.param("category_tagging", value)
    }

    /// Turns the dashboard on or off.
    pub fn dashboard(self, value: bool) -> Self {
        self.param("dashboard", value)
    }

    /// Prevents other sites from embedding the interface.
    pub fn deny_iframe_integration(self, value: bool) -> Self {
        self.param("deny_iframe_integration", value)
    }

    /// Keeps browsers from autocompleting passwords.
    pub fn disable_password_autocomplete(self, value: bool) -> Self {
        self.param("disable_password_autocomplete", value)
    }

    /// Seconds after which a password expires.
    pub fn expire_password_after(self, value: i64) -> Self {
        self.param("expire_password_after", value)
    }

    /// Scrolls threads down automatically.
    pub fn enable_auto_scroll_down(self, value: bool) -> Self {
        self.param("enable_auto_scroll_down", value)
    }

    /// Makes passwords expire.
    pub fn expire_password_enabled(self, value: bool) -> Self {
        self.param("expire_password_enabled", value)
    }

    /// Gives durations in seconds in exports.
    pub fn export_in_seconds(self, value: bool) -> Self {
        self.param("export_in_seconds", value)
    }

    /// Folds archived contents.
    pub fn fold_useless_contents(self, value: bool) -> Self {
        self.param("fold_useless_contents", value)
    }

    /// The period of FTE data, in hours.
    pub fn fte_duration(self, value: i64) -> Self {
        self.param("fte_duration", value)
    }

    /// Allows merging identities.
    pub fn identity_merge(self, value: bool) -> Self {
        self.param("identity_merge", value)
    }

    /// The deferral threshold, in seconds.
    pub fn intervention_defer_threshold(self, value: i64) -> Self {
        self.param("intervention_defer_threshold", value)
    }

    /// The domain's locale code.
    pub fn locale(self, value: impl Into<String>) -> Self {
        self.param("locale", value.into())
    }

    /// Allows messages in several languages.
    pub fn multi_lang(self, value: bool) -> Self {
        self.param("multi_lang", value)
    }

    /// The domain's display name.
    pub fn name(self, value: impl Into<String>) -> Self {
        self.param("name", value.into())
    }

    /// Forbids reusing old passwords.
    pub fn password_archivable_enabled(self, value: bool) -> Self {
        self.param("password_archivable_enabled", value)
    }

    /// How many old passwords are remembered.
    pub fn password_archivable_size(self, value: i64) -> Self {
        self.param("password_archivable_size", value)
    }

    /// The minimum password length.
    pub fn password_min_length(self, value: i64) -> Self {
        self.param("password_min_length", value)
    }

    /// Requires a non-alphanumeric character in passwords.
    pub fn password_non_word(self, value: bool) -> Self {
        self.param("password_non_word", value)
    }

    /// Requires a digit in passwords.
    pub fn password_numbers(self, value: bool) -> Self {
        self.param("password_numbers", value)
    }

    /// Turns off password recovery by email.
    pub fn password_recovery_disabled(self, value: bool) -> Self {
        self.param("password_recovery_disabled", value)
    }

    /// Turns push mode on or off.
    pub fn push_enabled(self, value: bool) -> Self {
        self.param("push_enabled", value)
    }

    /// Lets agents reply as any identity.
    pub fn reply_as_any_identity(self, value: bool) -> Self {
        self.param("reply_as_any_identity", value)
    }

    /// Supports right-to-left text.
    pub fn rtl_support(self, value: bool) -> Self {
        self.param("rtl_support", value)
    }

    /// Lets authors ask approval of their own messages.
    pub fn self_approval_required(self, value: bool) -> Self {
        self.param("self_approval_required", value)
    }

    /// Minutes after which an idle session ends.
    pub fn session_timeout(self, value: i64) -> Self {
        self.param("session_timeout", value)
    }

    /// Turns spellchecking on or off.
    pub fn spellchecking(self, value: bool) -> Self {
        self.param("spellchecking", value)
    }

    /// The interface design.
    pub fn style(self, value: impl Into<String>) -> Self {
        self.param("style", value.into())
    }

    /// Turns off third-party services (tracking, ...).
    pub fn third_party_services_disabled(self, value: bool) -> Self {
        self.param("third_party_services_disabled", value)
    }

    /// The domain's time zone name (see `/timezones`).
    pub fn timezone(self, value: impl Into<String>) -> Self {
        self.param("timezone", value.into())
    }

    /// Tracks JavaScript errors.
    pub fn track_js(self, value: bool) -> Self {
        self.param("track_js", value)
    }

    /// The maximum chat response time, in seconds.
    pub fn urgent_task_threshold(self, value: i64) -> Self {
        self.param("urgent_task_threshold", value)
    }

    /// Uses the system font (experimental).
    pub fn use_system_font(self, value: bool) -> Self {
        self.param("use_system_font", value)
    }

    /// The languages contents may be written in. The spec types this parameter as one string
    /// without saying its format, so it is passed through unchanged.
    pub fn content_languages(self, value: impl Into<String>) -> Self {
        self.param("content_languages", value.into())
    }

    /// Deferral durations offered to agents, in seconds (replaces the list).
    pub fn intervention_defer_rates(self, seconds: impl IntoIterator<Item = u64>) -> Self {
        self.list_param("intervention_defer_rates", seconds)
    }

    /// Intervention response-time rates, in seconds (replaces the list).
    pub fn intervention_rates(self, seconds: impl IntoIterator<Item = u64>) -> Self {
        self.list_param("intervention_rates", seconds)
    }

    /// Whether the domain is a demo, in production or archived (the `type` parameter).
    pub fn domain_type(self, domain_type: DomainType) -> Self {
        self.param("type", domain_type)
    }
}
