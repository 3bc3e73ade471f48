//! Signing and verifying Channel SDK bodies.
//!
//! Engage signs every request it sends to the SDK endpoint, and expects every response and
//! every Send API request to be signed, with HMAC-SHA512 keyed by the source's secret (its
//! realtime access token) and written as hexadecimal.
//!
//! The MAC is always computed over the **bytes as they travel on the wire**. Re-serializing the
//! JSON first would change spacing, escapes (`\/`) and non-ASCII encoding, and reject genuine
//! requests; this module never does that.
//!
//! ```
//! use ringcentral_engage::sdk::signature::SigningKey;
//! use ringcentral_engage::Secret;
//!
//! let key = SigningKey::new(&Secret::new("my-realtime-token"));
//! let body = br#"{"action":"implementation.info"}"#;
//! let sig = key.sign(body);
//! assert_eq!(sig.len(), 128);
//! assert!(key.verify(body, &sig));
//! assert!(key.verify(body, &sig.to_uppercase()));
//! assert!(!key.verify(b"{}", &sig));
//! ```

use std::fmt;

use hmac::{Hmac, Mac};
use http::HeaderMap;
use sha2::Sha512;

use crate::Secret;

/// The header carrying the hex signature of a body, in both directions.
pub const SIGNATURE_HEADER: &str = "X-SMCCSDK-SIGNATURE";

/// The query parameter Engage may use instead of [`SIGNATURE_HEADER`].
pub const SIGNATURE_QUERY_PARAM: &str = "signature";

type HmacSha512 = Hmac<Sha512>;

/// A secret ready to sign and verify bodies: the HMAC key schedule is computed once.
///
/// Cheap to clone. Its `Debug` output never shows the key.
#[derive(Clone)]
pub struct SigningKey {
    mac: HmacSha512,
}

impl SigningKey {
    /// Prepares `secret` for signing.
    pub fn new(secret: &Secret) -> Self {
        // HMAC accepts keys of any length, so this cannot fail.
        let mac = HmacSha512::new_from_slice(secret.expose().as_bytes())
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        SigningKey { mac }
    }

    /// The lowercase hex HMAC-SHA512 of `body`.
    pub fn sign(&self, body: &[u8]) -> String {
        let mut mac = self.mac.clone();
        mac.update(body);
        hex::encode(mac.finalize().into_bytes())
    }

    /// Whether `signature` (hex, either case, surrounding whitespace ignored) is the MAC of
    /// `body`. The comparison runs in constant time; malformed hex is simply a mismatch.
    pub fn verify(&self, body: &[u8], signature: &str) -> bool {
        let signature = signature.trim().as_bytes();
        let mut raw = [0u8; 64];
        if signature.len() != raw.len() * 2 || hex::decode_to_slice(signature, &mut raw).is_err() {
            return false;
        }
        let mut mac = self.mac.clone();
        mac.update(body);
        mac.verify_slice(&raw).is_ok()
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(<redacted>)")
    }
}

/// Signs `body` with `secret` (lowercase hex HMAC-SHA512). Prefer [`SigningKey`] when signing
/// many bodies with the same secret.
pub fn sign(secret: &Secret, body: &[u8]) -> String {
    SigningKey::new(secret).sign(body)
}

/// Verifies `signature` over `body` with `secret`, in constant time.
pub fn verify(secret: &Secret, body: &[u8], signature: &str) -> bool {
    SigningKey::new(secret).verify(body, signature)
}

/// Finds the signature of a request: the [`SIGNATURE_HEADER`] header first, then the
/// [`SIGNATURE_QUERY_PARAM`] query parameter. `query` is the raw query string, without `?`.
pub fn find_signature(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    if let Some(value) = headers.get(SIGNATURE_HEADER) {
        return value.to_str().ok().map(str::to_owned);
    }
    let query = query?;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == SIGNATURE_QUERY_PARAM)
        .map(|(_, value)| value.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_malformed_hex_without_panicking() {
        let key = SigningKey::new(&Secret::new("k"));
        let good = key.sign(b"x");
        assert!(!key.verify(b"x", ""));
        assert!(!key.verify(b"x", &good[..127]));
        assert!(!key.verify(b"x", &format!("{}zz", &good[..126])));
        assert!(!key.verify(b"x", "é".repeat(64).as_str()));
        assert!(key.verify(b"x", &format!("  {good}\n")));
    }

    #[test]
    fn header_wins_over_query() {
        let mut headers = HeaderMap::new();
        assert_eq!(find_signature(&headers, Some("a=1&signature=abc")).as_deref(), Some("abc"));
        assert_eq!(find_signature(&headers, Some("a=1")), None);
        assert_eq!(find_signature(&headers, None), None);
        headers.insert("x-smccsdk-signature", "def".parse().unwrap());
        assert_eq!(find_signature(&headers, Some("signature=abc")).as_deref(), Some("def"));
    }

    #[test]
    fn debug_hides_the_key() {
        let key = SigningKey::new(&Secret::new("hunter2-very-secret"));
        assert_eq!(format!("{key:?}"), "SigningKey(<redacted>)");
    }
}
