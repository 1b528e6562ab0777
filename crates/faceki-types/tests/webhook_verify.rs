//! The webhook verifier: every outcome typed, and none of them ever showing the body
//! or a secret.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/proptest_config.rs"]
mod proptest_config;

use std::net::IpAddr;

use faceki_types::webhook::{Rejection, VerifierError, WebhookVerifier};
use faceki_types::{WebhookEvent, WebhookStatus};
use proptest::prelude::*;

const SECRET: &str = "current-secret-4f9a1c";
const NEXT: &str = "next-secret-77b2e0";
const BODY: &[u8] =
    br#"{"requestId":"r-1","fullName":"ANA POPESCU","status":"ACCEPTED","kycData":{}}"#;

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new("X-Faceki-Secret", SECRET)
        .unwrap()
        .with_second_secret(NEXT)
        .unwrap()
}

fn header(value: &str) -> Vec<(&'static str, &[u8])> {
    vec![
        ("content-type", b"application/json"),
        ("x-faceki-secret", value.as_bytes()),
    ]
}

#[test]
fn either_rotating_secret_is_accepted_in_any_header_case() {
    for secret in [SECRET, NEXT] {
        let event = verifier()
            .verify([("X-FACEKI-SECRET", secret.as_bytes())], None, BODY)
            .unwrap();
        assert!(matches!(event, WebhookEvent::Completed(_)));
        assert_eq!(event.status(), Some(&WebhookStatus::Accepted));
        assert!(event.is_final());
    }
}

#[test]
fn each_failure_is_its_own_rejection_with_its_status() {
    let v = verifier();
    let wrong_same_length: String = SECRET.chars().rev().collect();
    assert_eq!(wrong_same_length.len(), SECRET.len());
    let cases: Vec<(Result<WebhookEvent, Rejection>, u16)> = vec![
        (v.verify(header("nope"), None, BODY), 401),
        (v.verify(header(&wrong_same_length), None, BODY), 401),
        (v.verify([("content-type", &b"x"[..])], None, BODY), 401),
        (
            v.verify(
                [
                    ("x-faceki-secret", SECRET.as_bytes()),
                    ("X-Faceki-Secret", SECRET.as_bytes()),
                ],
                None,
                BODY,
            ),
            401,
        ),
        (
            v.clone()
                .max_body_bytes(10)
                .verify(header(SECRET), None, BODY),
            413,
        ),
        // A stranger's oversized body is refused for its header, not its size.
        (
            v.clone()
                .max_body_bytes(10)
                .verify(header("wrong"), None, BODY),
            401,
        ),
        (v.verify(header(SECRET), None, b"<html>not json"), 400),
    ];
    let expected = [
        "WrongSecret",
        "WrongSecret",
        "MissingHeader",
        "DuplicateHeader",
        "TooLarge",
        "WrongSecret",
        "NotJson",
    ];
    for ((result, status), name) in cases.into_iter().zip(expected) {
        let rejection = result.unwrap_err();
        assert_eq!(rejection.http_status(), status, "{rejection}");
        assert!(format!("{rejection:?}").starts_with(name), "{rejection:?}");
    }
}

#[test]
fn the_source_allow_list_checks_networks_and_mapped_addresses() {
    let v = verifier()
        .allow_sources(["203.0.113.0/24", "198.51.100.7", "2001:db8::/32"])
        .unwrap();
    let ip = |s: &str| s.parse::<IpAddr>().unwrap();
    for ok in [
        "203.0.113.9",
        "198.51.100.7",
        "2001:db8::1",
        "::ffff:203.0.113.9",
    ] {
        v.verify(header(SECRET), Some(ip(ok)), BODY).unwrap();
    }
    let err = v
        .verify(header(SECRET), Some(ip("192.0.2.1")), BODY)
        .unwrap_err();
    assert!(matches!(err, Rejection::SourceNotAllowed { .. }) && err.http_status() == 403);
    let err = v.verify(header(SECRET), None, BODY).unwrap_err();
    assert!(matches!(err, Rejection::SourceUnknown));
    // The source is checked before the secret: a stranger learns nothing about it.
    let err = v
        .verify(header("wrong"), Some(ip("192.0.2.1")), BODY)
        .unwrap_err();
    assert!(matches!(err, Rejection::SourceNotAllowed { .. }));
}

#[test]
fn bad_configuration_is_refused_at_construction() {
    assert_eq!(
        WebhookVerifier::new("X-S", "  ").unwrap_err(),
        VerifierError::EmptySecret
    );
    assert_eq!(
        WebhookVerifier::new("X-S", "").unwrap_err(),
        VerifierError::EmptySecret
    );
    assert!(matches!(
        WebhookVerifier::new("bad header", SECRET).unwrap_err(),
        VerifierError::InvalidHeaderName(_)
    ));
    assert_eq!(
        verifier().with_second_secret("third").unwrap_err(),
        VerifierError::TooManySecrets
    );
    assert!(matches!(
        verifier().allow_sources(["10.0.0.0/33"]).unwrap_err(),
        VerifierError::InvalidNetwork(_)
    ));
    let shown = format!("{:?} {:?}", verifier(), VerifierError::EmptySecret);
    assert!(!shown.contains(SECRET) && !shown.contains(NEXT), "{shown}");
}

proptest! {
    #![proptest_config(proptest_config::config())]

    /// Whatever the secret, the header value and the body, no outcome shows either.
    #[test]
    fn no_outcome_shows_the_body_or_a_secret(
        secret in "[A-Za-z0-9]{12,40}",
        sent in "[A-Za-z0-9]{12,40}",
        body in "[A-Za-z0-9 ]{12,200}",
        limit in 0usize..300,
    ) {
        let v = WebhookVerifier::new("Authorization", secret.as_str()).unwrap().max_body_bytes(limit);
        let bodies = [body.clone(), format!("{{\"requestId\":\"{body}\",\"kycData\":{{}}}}")];
        for b in &bodies {
            for headers in [
                vec![("authorization", sent.as_bytes())],
                vec![],
                vec![("authorization", sent.as_bytes()), ("authorization", secret.as_bytes())],
                // The right secret: the body's own checks (size, JSON) are reached.
                vec![("authorization", secret.as_bytes())],
            ] {
                if let Err(rejection) = v.verify(headers, None, b.as_bytes()) {
                    let shown = format!("{rejection} {rejection:?} {rejection:#?}");
                    prop_assert!(!shown.contains(&secret));
                    prop_assert!(!shown.contains(&sent));
                    prop_assert!(!shown.contains(&body));
                }
            }
        }
        let shown = format!("{v:?}");
        prop_assert!(!shown.contains(&secret));
    }
}
