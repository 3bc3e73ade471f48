//! `/locales`, `/interface_locales` and `/timezones`: the reference lists other endpoints'
//! `locale`, `language` and `timezone` parameters take. Each answers a plain JSON array.

use crate::api::crud::resource_handler;
use crate::api::operations::operations;
use crate::models::{InterfaceLocale, Locale, Timezone};

operations![
    ("getAllLocales", "GET", "/locales", "Locales::list"),
    (
        "getAllUiLocales",
        "GET",
        "/interface_locales",
        "InterfaceLocales::list"
    ),
    ("getAllTimezones", "GET", "/timezones", "Timezones::list"),
];

resource_handler! {
    /// The `/locales` endpoint. Get one with [`Client::locales`](crate::Client::locales).
    Locales => locales, "locales", Locale, (), one "content locale", many "content locales", [list_all]
}
resource_handler! {
    /// The `/interface_locales` endpoint. Get one with [`Client::interface_locales`](crate::Client::interface_locales).
    InterfaceLocales => interface_locales, "interface_locales", InterfaceLocale, (),
    one "interface locale", many "interface locales", [list_all]
}
resource_handler! {
    /// The `/timezones` endpoint. Get one with [`Client::timezones`](crate::Client::timezones).
    Timezones => timezones, "timezones", Timezone, (), one "time zone", many "time zones", [list_all]
}
