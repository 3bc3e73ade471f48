//! [`Secret`]: a string that never shows itself in `Debug` output, logs or errors.

use std::fmt;
use std::sync::Arc;

use subtle::ConstantTimeEq;

/// A secret value: an API access token, a realtime (HMAC) token, a webhook secret or verify token.
///
/// `Debug` prints `Secret(<redacted>)`; there is no `Display`. Read the value with
/// [`Secret::expose`] only where it is sent on the wire or fed to a MAC. Cloning is cheap.
///
/// ```
/// use ringcentral_engage::Secret;
/// let token = Secret::new("abc42");
/// assert_eq!(format!("{token:?}"), "Secret(<redacted>)");
/// assert_eq!(token.expose(), "abc42");
/// ```
#[derive(Clone)]
pub struct Secret(Arc<str>);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(Arc::from(value.into()))
    }

    /// The secret itself. Call this only at the point where the value is used.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Compares `candidate` with the secret in constant time (for equal lengths).
    pub fn matches(&self, candidate: &[u8]) -> bool {
        self.0.as_bytes().ct_eq(candidate).into()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = Secret::new("super-secret-token");
        let printed = format!("{s:?} {s:#?}");
        assert!(!printed.contains("super-secret-token"));
        assert!(printed.contains("<redacted>"));
    }

    #[test]
    fn matches_is_exact() {
        let s = Secret::new("abc");
        assert!(s.matches(b"abc"));
        assert!(!s.matches(b"abd"));
        assert!(!s.matches(b"ab"));
        assert!(!s.matches(b"abcd"));
        assert!(!s.matches(b""));
    }
}
