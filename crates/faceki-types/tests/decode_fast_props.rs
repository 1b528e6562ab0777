//! Property tests of the decoder's shortcuts, against the full two-pass reading:
//! `decode` (which reads most success answers in one pass) must return exactly what
//! the envelope decoder followed by the payload read returns, and `is_unauthorized`
//! (which skips the parse for most bodies) must agree with a full parse. Bodies are
//! built key by key, in any order, with duplicates, `null`s and the many spellings
//! the lenient reader accepts for a code.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/proptest_config.rs"]
mod proptest_config;

use faceki_types::ResponseError;
use faceki_types::decode::{decode, decode_envelope, is_unauthorized};
use faceki_types::model::{KycRules, VerificationResult};
use proptest::prelude::*;
use proptest_config::config;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What the decoder did before the one-pass shortcut: probe, then read the payload.
fn two_pass<T: DeserializeOwned>(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<T, ResponseError> {
    decode_envelope(status, content_type, body)
        .and_then(|envelope| envelope.payload().map_err(ResponseError::Decode))
}

fn same<T: DeserializeOwned + PartialEq + std::fmt::Debug>(
    status: u16,
    body: &[u8],
) -> Result<(), TestCaseError> {
    let fast = decode::<T>(status, Some("application/json"), body);
    let full = two_pass::<T>(status, Some("application/json"), body);
    match (&fast, &full) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
        (Err(a), Err(b)) => prop_assert_eq!(format!("{a:?}"), format!("{b:?}")),
        _ => prop_assert!(
            false,
            "one-pass {:?} but two-pass {:?} for {}",
            fast,
            full,
            String::from_utf8_lossy(body)
        ),
    }
    Ok(())
}

/// Values for the control keys, including every spelling of the interesting codes.
fn control_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0"),
        Just("1"),
        Just("200"),
        Just("201"),
        Just("401"),
        Just("5004"),
        Just("null"),
        Just("true"),
        Just("false"),
        Just(r#""true""#),
        Just(r#""0""#),
        Just(r#""1""#),
        Just(r#"" 01 ""#),
        Just(r#""0.1e1""#),
        Just("1.0"),
        Just("10e-1"),
        Just(r#""200""#),
        Just(r#""x""#),
        Just("[]"),
        Just("{}"),
    ]
    .prop_map(str::to_owned)
}

/// Payload values: models' shapes, scalars and nulls.
fn payload_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("null".to_owned()),
        Just("{}".to_owned()),
        Just("[]".to_owned()),
        Just(r#""text""#.to_owned()),
        Just("12".to_owned()),
        Just(
            r#"{"allowedKycDocuments":["ID Card","Passport"],"validAge":"18","x":[1,{"y":null}]}"#
                .to_owned()
        ),
        Just(r#"{"requestId":"r-1","decision":"ACCEPTED","documents":[{"name":"n"}]}"#.to_owned()),
        Just(r#"{"validAge":"not a number"}"#.to_owned()),
        Just(r#"{"code":1}"#.to_owned()),
        "[a-z]{0,6}".prop_map(|s| format!(r#"{{"{s}":"{s}"}}"#)),
    ]
}

const KEYS: [&str; 11] = [
    "responseCode",
    "data",
    "url",
    "status",
    "code",
    "message",
    "appVersion",
    "result",
    "statusCode",
    "other",
    "c\\u006fde",
];

/// One `"key": value` member.
fn member() -> impl Strategy<Value = String> {
    (0..KEYS.len(), control_value(), payload_value()).prop_map(|(k, control, payload)| {
        let key = KEYS[k];
        let value = match key {
            "data" | "result" | "other" => payload,
            _ => control,
        };
        format!(r#""{key}":{value}"#)
    })
}

/// An object of 0–6 members in any order (duplicates allowed), with some whitespace.
fn body() -> impl Strategy<Value = String> {
    (prop::collection::vec(member(), 0..6), any::<bool>()).prop_map(|(members, spaced)| {
        let sep = if spaced { " ,\n " } else { "," };
        format!("{{{}}}", members.join(sep))
    })
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(201),
        Just(401),
        Just(403),
        Just(422),
        Just(502),
        100u16..600
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn one_pass_decoding_returns_what_two_passes_return(body in body(), st in status()) {
        same::<Value>(st, body.as_bytes())?;
        same::<Option<Value>>(st, body.as_bytes())?;
        same::<KycRules>(st, body.as_bytes())?;
        same::<VerificationResult>(st, body.as_bytes())?;
        same::<String>(st, body.as_bytes())?;
    }

    #[test]
    fn one_pass_decoding_agrees_on_arbitrary_bytes(body in prop::collection::vec(any::<u8>(), 0..64), st in status()) {
        same::<Value>(st, &body)?;
    }

    #[test]
    fn the_unauthorized_scan_never_misses_code_one(body in body(), st in status()) {
        let full = matches!(st, 401 | 403) || matches!(
            decode_envelope(st, None, body.as_bytes()),
            Err(ResponseError::Api(e)) if e.code().code() == 1
        );
        prop_assert_eq!(is_unauthorized(st, None, body.as_bytes()), full, "{}", body);
    }
}

#[test]
fn success_answers_in_either_key_order_decode_alike() {
    let orders = [
        r#"{"responseCode":0,"data":{"validAge":18}}"#,
        r#"{"data":{"validAge":18},"responseCode":0}"#,
        r#"{"status":true,"code":200,"result":{"validAge":18}}"#,
        r#"{"result":{"validAge":18},"code":200,"status":true}"#,
        r#"{"status":true,"statusCode":200,"data":{"validAge":18}}"#,
    ];
    for body in orders {
        let rules: KycRules = decode(200, None, body.as_bytes()).unwrap();
        assert_eq!(rules.valid_age, Some(18), "{body}");
    }
}

#[test]
fn a_late_key_that_turns_success_into_failure_is_honoured() {
    // The payload comes before the code that makes it a failure.
    let body = br#"{"status":true,"result":{"validAge":18},"code":5004}"#;
    match decode::<KycRules>(200, None, body) {
        Err(ResponseError::Api(e)) => assert_eq!(e.code().code(), 5004),
        other => panic!("expected the API error, got {other:?}"),
    }
    // A `responseCode` after a V3-looking start makes it V2, with `data` the payload.
    let body = br#"{"code":200,"result":{"validAge":1},"responseCode":0,"data":{"validAge":2}}"#;
    let rules: KycRules = decode(200, None, body).unwrap();
    assert_eq!(rules.valid_age, Some(2));
}
