//! Locales of contents and of the interface, and time zones.

use serde::{Deserialize, Serialize};

/// A language contents may be written in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Locale {
    /// The locale code, e.g. `fr` or `en_US`.
    pub code: String,
    /// The language's name.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the interface is also available in this language.
    #[serde(default)]
    pub interface: Option<bool>,
}

/// A language the agent interface is available in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InterfaceLocale {
    /// The locale code, e.g. `en`.
    pub code: String,
    /// The language's name.
    #[serde(default)]
    pub name: Option<String>,
}

/// A time zone users and settings may refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Timezone {
    /// The name to pass as a `timezone` parameter, e.g. `Paris`.
    pub name: String,
    /// The offset from UTC as Engage reports it (seconds, in the usual Rails convention).
    #[serde(default)]
    pub utc_offset: Option<i64>,
}
