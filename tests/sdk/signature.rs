//! Signature known-answer and verification tests.

use http::HeaderMap;
use ringcentral_engage::sdk::signature::{self, find_signature, SigningKey};
use ringcentral_engage::Secret;

const DOC_SECRET: &str = "3YJZzqMJ5Ec7i2JGvnt8TgvleD7dtpwpmag4S6MuRA2GQdfvV4STIsxDRJ4fEjO8";
const DOC_SIGNATURE: &str = "826b61e7939505b2e773ef43a2aad53ec0385dd9d783fbd1c8fea00d0e2a3e2fb0ae0a5b2eb342356b61c41b5f19baec4c1f7e7e37a5b486fe9b593942017ff9";

fn doc_body() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/sdk/implementation_info.json"
    ))
    .unwrap()
}

#[test]
fn known_answer_from_the_docs() {
    let body = doc_body();
    assert_eq!(
        body,
        br#"{"action":"implementation.info","time":"2012-10-01T17:18:40Z"}"#
    );
    let secret = Secret::new(DOC_SECRET);
    assert_eq!(signature::sign(&secret, &body), DOC_SIGNATURE);
    assert!(signature::verify(&secret, &body, DOC_SIGNATURE));
}

#[test]
fn upper_case_hex_is_accepted() {
    let key = SigningKey::new(&Secret::new(DOC_SECRET));
    assert!(key.verify(&doc_body(), &DOC_SIGNATURE.to_uppercase()));
}

#[test]
fn the_mac_covers_the_raw_bytes_not_the_json_value() {
    // Same JSON value, different bytes: only the bytes that were signed verify.
    let key = SigningKey::new(&Secret::new(DOC_SECRET));
    let spaced = br#"{ "action": "implementation.info", "time": "2012-10-01T17:18:40Z" }"#;
    assert!(!key.verify(spaced, DOC_SIGNATURE));
    let sig = key.sign(spaced);
    assert!(key.verify(spaced, &sig));
    let escaped = "{\"body\":\"https:\\/\\/x.fr \u{e9}\"}".as_bytes();
    assert!(key.verify(escaped, &key.sign(escaped)));
}

#[test]
fn other_secret_or_tampered_body_fails() {
    let body = doc_body();
    let other = SigningKey::new(&Secret::new("not-the-secret"));
    assert!(!other.verify(&body, DOC_SIGNATURE));
    let mut tampered = body.clone();
    tampered[3] ^= 1;
    assert!(!SigningKey::new(&Secret::new(DOC_SECRET)).verify(&tampered, DOC_SIGNATURE));
}

#[test]
fn signature_comes_from_header_or_query() {
    let mut headers = HeaderMap::new();
    let query = format!("foo=bar&signature={DOC_SIGNATURE}");
    assert_eq!(
        find_signature(&headers, Some(&query)).as_deref(),
        Some(DOC_SIGNATURE)
    );
    headers.insert("X-SMCCSDK-SIGNATURE", "abc".parse().unwrap());
    assert_eq!(find_signature(&headers, Some(&query)).as_deref(), Some("abc"));
}
