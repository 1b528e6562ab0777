//! Every error variant: what it says, what it answers, and what it never shows.

use super::*;
use crate::transport::TransportError;
use faceki_types::delivery::{Delivery, Wire};

const SECRET: &str = "client-secret-hunter2";
const TOKEN: &str = "eyJ-access-token-value";

fn shown(e: &Error) -> String {
    let all = format!("{e} | {e:?} | {e:#?}");
    for forbidden in [SECRET, TOKEN, "clientSecret=", "?clientId", "\"data\""] {
        assert!(!all.contains(forbidden), "`{forbidden}` leaked: {all}");
    }
    all
}

#[test]
fn api_errors_name_code_number_message_and_request_id() {
    let api = ApiError::new(
        ResponseCode::from_code(8006),
        Some("Face not found".to_owned()),
        200,
    );
    let e = Error::api(Endpoint::SingleVerification, api);
    let text = e.to_string();
    assert!(text.contains("8006"), "{text}");
    assert!(
        text.contains(ResponseCode::from_code(8006).to_string().as_str()),
        "{text}"
    );
    assert!(text.contains("Face not found"), "{text}");
    assert!(text.starts_with("single_verification: "), "{text}");
    shown(&e);
    assert!(e.is_api());
    assert_eq!(e.response_code().map(ResponseCode::code), Some(8006));
    assert_eq!(e.http_status(), Some(200));
    assert!(!e.is_auth() && !e.is_timeout() && !e.is_transport() && !e.is_decode());
    assert!(!e.outcome_unknown() && !e.is_invalid_input());
    assert_eq!(e.endpoint(), Some(Endpoint::SingleVerification));
    assert!(e.api_error().is_some());
    assert_eq!(e.request_id(), None);
}

#[test]
fn code_one_and_401_are_auth_errors() {
    let api = ApiError::new(ResponseCode::from_code(1), Some("UNAUTHORIZED".into()), 200);
    assert!(Error::api(Endpoint::KycRules, api).is_auth());
    let api = ApiError::new(ResponseCode::from_code(400), None, 401);
    assert!(Error::api(Endpoint::KycRules, api).is_auth());
    let e = Error::status(Endpoint::KycRules, 403);
    assert!(e.is_auth());
    assert_eq!(e.http_status(), Some(403));
    assert_eq!(
        e.to_string(),
        "kyc_rules: HTTP 403 Forbidden without a Faceki response body"
    );
}

#[test]
fn unreadable_bodies_are_decode_errors_or_status_errors() {
    let err =
        faceki_types::decode::<serde_json::Value>(200, Some("text/html"), b"<html>").unwrap_err();
    let e = Error::from_response(Endpoint::Records, err);
    assert!(e.is_decode());
    assert_eq!(e.http_status(), Some(200));
    assert!(shown(&e).contains("not JSON"));

    let err =
        faceki_types::decode::<serde_json::Value>(502, Some("text/html"), b"<html>bad gateway")
            .unwrap_err();
    let e = Error::from_response(Endpoint::Records, err);
    assert!(!e.is_decode());
    assert_eq!(e.http_status(), Some(502));
    assert!(!shown(&e).contains("bad gateway"));
}

#[test]
fn billed_calls_lost_after_sending_have_an_unknown_outcome() {
    let e = Error::transport(
        Endpoint::V3Verification,
        TransportError::io("connection reset"),
        1,
    );
    assert!(e.outcome_unknown());
    assert!(e.is_transport());
    let text = shown(&e);
    assert!(text.contains("outcome is unknown"), "{text}");
    assert!(text.contains("record identifier"), "{text}");
    assert!(text.contains("before submitting again"), "{text}");
    assert_eq!(e.delivery(), Delivery::MaybeProcessed);
    assert_eq!(e.wire(), Wire::AnswerLost);

    let e = Error::transport(
        Endpoint::V3Verification,
        TransportError::connect("refused"),
        3,
    );
    assert!(!e.outcome_unknown());
    assert_eq!(e.delivery(), Delivery::NotSent);
    assert!(e.to_string().contains("after 3 attempts"), "{e}");
    assert!(!e.to_string().contains("outcome"), "{e}");

    // A read's lost answer is "maybe processed" too, which for a read is harmless:
    // the message adds nothing about billing.
    let e = Error::transport(Endpoint::Records, TransportError::timeout("slow"), 1);
    assert_eq!(e.delivery(), Delivery::MaybeProcessed);
    assert!(!e.to_string().contains("billed"), "{e}");
    assert!(e.is_timeout());
    assert_eq!(e.attempts(), Some(1));
    shown(&e);
}

#[test]
fn auth_input_and_config_errors() {
    let e = Error::auth(
        "the token endpoint rejected the credentials (HTTP 422)",
        false,
        false,
        Some(422),
        Some(ResponseCode::from_code(422)),
        None,
    );
    assert!(e.is_auth());
    assert_eq!(e.http_status(), Some(422));
    assert_eq!(e.response_code().map(ResponseCode::code), Some(422));
    assert!(shown(&e).starts_with("authentication failed: "));

    let e = Error::auth(
        "fetching an access token timed out",
        true,
        false,
        None,
        None,
        None,
    );
    assert!(e.is_timeout() && e.is_auth() && !e.is_transport());

    let e = Error::request(
        Some(Endpoint::V3Verification),
        RequestError::MissingField { field: "selfie" },
    );
    assert!(e.is_invalid_input());
    assert_eq!(
        shown(&e),
        format!(
            "v3_verification: invalid input, nothing was sent: missing required field `selfie` | {e:?} | {e:#?}"
        )
    );
    assert!(e.source().is_some());

    let e = Error::config("the base URL must use HTTPS");
    assert!(e.is_config() && !e.is_invalid_input());
    assert_eq!(e.endpoint(), None);
    assert_eq!(
        e.to_string(),
        "invalid client configuration: the base URL must use HTTPS"
    );
}
