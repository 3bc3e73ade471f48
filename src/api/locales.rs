//! `/locales`, `/interface_locales` and `/timezones`: the reference lists other endpoints'
//! `locale`, `language` and `timezone` parameters take. Each answers a plain JSON array.

use http::Method;

use super::crud::collection_call;
use crate::api::operations::operations;
use crate::client::Client;
use crate::models::{InterfaceLocale, Locale, Timezone};
use crate::Result;

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

/// Declares a handler whose only method lists a whole (unpaged) reference array.
macro_rules! reference_list {
    ($(#[$meta:meta])* $handler:ident => $accessor:ident, $path:literal, $record:ty, $what:literal) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        pub struct $handler {
            client: Client,
        }

        impl Client {
            #[doc = concat!("The `/", $path, "` endpoint (", $what, "): see [`", stringify!($handler), "`].")]
            pub fn $accessor(&self) -> $handler {
                $handler { client: self.clone() }
            }
        }

        impl $handler {
            #[doc = concat!("Lists all ", $what, " (`GET /", $path, "`).")]
            pub async fn list(&self) -> Result<Vec<$record>> {
                collection_call(&self.client, Method::GET, $path).send().await
            }
        }
    };
}

reference_list! {
    /// The `/locales` endpoint. Get one with [`Client::locales`].
    Locales => locales, "locales", Locale, "content locales"
}
reference_list! {
    /// The `/interface_locales` endpoint. Get one with [`Client::interface_locales`].
    InterfaceLocales => interface_locales, "interface_locales", InterfaceLocale, "interface locales"
}
reference_list! {
    /// The `/timezones` endpoint. Get one with [`Client::timezones`].
    Timezones => timezones, "timezones", Timezone, "time zones"
}
