//! The validation handshake (`hub.*` query parameters) and the `X-Dimelo-Secret` check.

use http::{HeaderMap, StatusCode};

use crate::Secret;

/// The header carrying the webhook secret on every request Engage sends.
pub const SECRET_HEADER: &str = "x-dimelo-secret";

/// Why a validation request was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HandshakeError {
    /// `hub.mode` is missing or is not `subscribe`.
    #[error("hub.mode is missing or not `subscribe`")]
    WrongMode,
    /// `hub.challenge` is missing.
    #[error("hub.challenge is missing")]
    MissingChallenge,
    /// `hub.verify_token` is missing or does not match.
    #[error("hub.verify_token is missing or wrong")]
    BadVerifyToken,
}

impl HandshakeError {
    /// The status to answer: 400 for a malformed request, 403 for a bad token.
    pub fn status(&self) -> StatusCode {
        match self {
            HandshakeError::WrongMode | HandshakeError::MissingChallenge => StatusCode::BAD_REQUEST,
            HandshakeError::BadVerifyToken => StatusCode::FORBIDDEN,
        }
    }
}

/// Checks a validation request's query string (`hub.mode=subscribe&hub.challenge=..&
/// hub.verify_token=..`) and returns the challenge to echo back.
///
/// The verify token is compared in constant time; an empty configured token matches nothing.
///
/// ```
/// use ringcentral_engage::{webhook::verify_handshake, Secret};
/// let token = Secret::new("tok");
/// let q = "hub.mode=subscribe&hub.challenge=abc%20123&hub.verify_token=tok";
/// assert_eq!(verify_handshake(q, &token).unwrap(), "abc 123");
/// assert!(verify_handshake("hub.mode=subscribe&hub.challenge=x&hub.verify_token=no", &token).is_err());
/// ```
pub fn verify_handshake(query: &str, verify_token: &Secret) -> Result<String, HandshakeError> {
    let mut mode = None;
    let mut challenge = None;
    let mut token = None;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let slot = match &*key {
            "hub.mode" => &mut mode,
            "hub.challenge" => &mut challenge,
            "hub.verify_token" => &mut token,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(value.into_owned());
        }
    }
    if mode.as_deref() != Some("subscribe") {
        return Err(HandshakeError::WrongMode);
    }
    let challenge = challenge.ok_or(HandshakeError::MissingChallenge)?;
    match token {
        Some(t) if secret_matches(verify_token, t.as_bytes()) => Ok(challenge),
        _ => Err(HandshakeError::BadVerifyToken),
    }
}

/// Constant-time comparison that never accepts an empty configured value.
pub(crate) fn secret_matches(expected: &Secret, candidate: &[u8]) -> bool {
    !expected.is_empty() & expected.matches(candidate)
}

/// Why a request's `X-Dimelo-Secret` was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecretCheck {
    Ok,
    Missing,
    Wrong,
}

/// Checks the `X-Dimelo-Secret` header. With `required == false` an absent header passes (a
/// present one must still match).
pub(crate) fn check_secret(expected: &Secret, headers: &HeaderMap, required: bool) -> SecretCheck {
    let mut values = headers.get_all(SECRET_HEADER).iter();
    match (values.next(), values.next()) {
        (None, _) if required => SecretCheck::Missing,
        (None, _) => SecretCheck::Ok,
        (Some(_), Some(_)) => SecretCheck::Wrong,
        (Some(v), None) if secret_matches(expected, v.as_bytes()) => SecretCheck::Ok,
        (Some(_), None) => SecretCheck::Wrong,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handshake_decodes_the_query_and_takes_the_first_of_repeated_parameters() {
        let token = Secret::new("t k");
        let q = "hub.verify_token=t+k&hub.challenge=a%26b&hub.mode=subscribe&hub.verify_token=other";
        assert_eq!(verify_handshake(q, &token).unwrap(), "a&b");
        let q = "hub.mode=subscribe&hub.mode=unsubscribe&hub.challenge=&hub.verify_token=t%20k";
        assert_eq!(verify_handshake(q, &token).unwrap(), "");
        assert_eq!(
            verify_handshake("hub.mode=Subscribe&hub.challenge=c&hub.verify_token=t+k", &token),
            Err(HandshakeError::WrongMode)
        );
        assert_eq!(HandshakeError::BadVerifyToken.status(), StatusCode::FORBIDDEN);
        assert_eq!(HandshakeError::MissingChallenge.status(), StatusCode::BAD_REQUEST);
    }

    #[test]
    fn secret_header_check() {
        let secret = Secret::new("s3");
        let mut headers = HeaderMap::new();
        assert_eq!(check_secret(&secret, &headers, true), SecretCheck::Missing);
        assert_eq!(check_secret(&secret, &headers, false), SecretCheck::Ok);
        headers.insert("X-Dimelo-Secret", "s3".parse().unwrap());
        assert_eq!(check_secret(&secret, &headers, true), SecretCheck::Ok);
        headers.insert("x-dimelo-secret", "s4".parse().unwrap());
        assert_eq!(check_secret(&secret, &headers, false), SecretCheck::Wrong);
        assert!(!secret_matches(&Secret::new(""), b""));
    }
}
