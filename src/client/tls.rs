//! The one place an HTTP client is started, so the TLS backend chosen by the crate's features
//! applies to every request the crate makes.

/// A `reqwest` client builder using the TLS backend of the enabled features: `rustls` (the
/// default) when it is on, even together with `native-tls` (turn default features off to use
/// the platform's TLS only); `native-tls` alone uses the platform's library and certificate
/// store. With neither, only plain `http://` URLs can be reached.
pub(crate) fn http_client_builder() -> reqwest::ClientBuilder {
    let builder = reqwest::Client::builder();
    #[cfg(feature = "rustls")]
    let builder = builder.use_rustls_tls();
    #[cfg(all(feature = "native-tls", not(feature = "rustls")))]
    let builder = builder.use_native_tls();
    builder
}
