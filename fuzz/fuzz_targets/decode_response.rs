//! Fuzz target: any HTTP status, content type and body through every response decoder.
//!
//! Input framing (so the JSON fixtures make good seeds): bytes 0–1 are the HTTP status
//! (big-endian), byte 2 picks the `Content-Type`, the rest is the body. Shorter inputs
//! are a body answered with `200` and no content type. `cargo xtask fuzz` writes the
//! fixtures into the corpus with this header.
//!
//! Nothing may panic, and:
//! - a success implies HTTP < 400 and a body that is a JSON object whose code, read
//!   independently of the decoder, is a success code (`responseCode` 0; a V3 `code`
//!   of 200 or 0 and no false `status`; a token-shape `statusCode` in 2xx);
//! - every typed decode agrees with the untyped one at the envelope level (same
//!   success, or the same API error), and a decoded model survives a JSON round trip;
//! - `decode_link` yields a non-empty link id, and `WebhookEvent::parse` accepts
//!   exactly the JSON bodies and classifies them like `from_value`.

#![no_main]

use std::fmt::Debug;

use faceki_types::decode::{ResponseError, Shape, decode, decode_envelope, decode_link};
use faceki_types::{
    FaceAnalysis, FaceCheckResult, KycRecord, KycRules, KycSummary, MultiVerificationResult,
    Records, TokenResponse, VerificationOutcome, VerificationResult, WebhookEvent, WorkflowRules,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json::value::RawValue;

const CONTENT_TYPES: [Option<&str>; 5] = [
    None,
    Some("application/json"),
    Some("application/json; charset=utf-8"),
    Some("text/html"),
    Some(""),
];

fuzz_target!(|data: &[u8]| {
    let (status, content_type, body) = match data {
        [hi, lo, ct, body @ ..] => (
            u16::from_be_bytes([*hi, *lo]),
            CONTENT_TYPES[usize::from(*ct) % CONTENT_TYPES.len()],
            body,
        ),
        _ => (200, None, data),
    };
    check(status, content_type, body);
});

fn check(status: u16, content_type: Option<&str>, body: &[u8]) {
    let untyped = decode::<Value>(status, content_type, body);
    let envelope = decode_envelope(status, content_type, body);
    match (&untyped, &envelope) {
        (Ok(_), Ok(env)) => check_success(status, body, env.shape()),
        (Err(ResponseError::Api(a)), Err(ResponseError::Api(b))) => {
            assert_eq!(
                (a.code(), a.http_status(), a.shape()),
                (b.code(), b.http_status(), b.shape())
            );
        }
        // A payload `Value` cannot read (nesting deeper than serde_json's limit).
        (Err(ResponseError::Decode(_)), Ok(_)) => {}
        (Err(ResponseError::Decode(a)), Err(ResponseError::Decode(b))) => {
            assert_eq!(a.kind(), b.kind());
        }
        (u, e) => panic!(
            "decode and decode_envelope disagree: {:?} vs {:?}",
            u.as_ref().map(|_| ()),
            e.as_ref().map(|_| ())
        ),
    }
    if let Err(e) = &untyped {
        assert_eq!(e.http_status(), status);
    }

    typed::<VerificationResult>(status, content_type, body, &untyped);
    typed::<MultiVerificationResult>(status, content_type, body, &untyped);
    typed::<KycRecord>(status, content_type, body, &untyped);
    typed::<Records>(status, content_type, body, &untyped);
    typed::<TokenResponse>(status, content_type, body, &untyped);
    typed::<KycRules>(status, content_type, body, &untyped);
    typed::<KycSummary>(status, content_type, body, &untyped);
    typed::<FaceCheckResult>(status, content_type, body, &untyped);
    typed::<VerificationOutcome>(status, content_type, body, &untyped);
    typed::<WorkflowRules>(status, content_type, body, &untyped);
    typed::<FaceAnalysis>(status, content_type, body, &untyped);

    match decode_link(status, content_type, body) {
        Ok(link) => {
            assert!(!link.link_id.is_empty(), "a link without an id");
            assert!(untyped.is_ok(), "a link from a failed envelope");
        }
        Err(ResponseError::Api(e)) => assert_same_api_error(&e, &untyped),
        Err(_) => {}
    }

    let webhook = WebhookEvent::parse(body);
    match serde_json::from_slice::<Value>(body) {
        Ok(value) => {
            let has_kyc_data = value.get("kycData").is_some();
            let from_value = WebhookEvent::from_value(value);
            let parsed = webhook.expect("JSON that WebhookEvent::parse refused");
            assert_eq!(parsed, from_value);
            if matches!(parsed, WebhookEvent::Completed(_)) {
                assert!(has_kyc_data);
            }
        }
        Err(_) => assert!(webhook.is_err(), "WebhookEvent::parse accepted non-JSON"),
    }
}

/// A typed decode agrees with the untyped one, and its model round-trips.
fn typed<T>(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
    untyped: &Result<Value, ResponseError>,
) where
    T: DeserializeOwned + Serialize + PartialEq + Debug,
{
    match decode::<T>(status, content_type, body) {
        Ok(model) => {
            assert!(untyped.is_ok(), "typed success from a failed envelope");
            let json = serde_json::to_value(&model).expect("a model serializes");
            let again: T = serde_json::from_value(json).expect("a serialized model reads back");
            assert_eq!(again, model, "JSON round trip changed the model");
        }
        Err(ResponseError::Api(e)) => assert_same_api_error(&e, untyped),
        Err(ResponseError::Decode(e)) => {
            assert_eq!(e.http_status(), status);
            if let Err(ResponseError::Api(_)) = untyped {
                panic!("typed decode error where the envelope carries an API error");
            }
        }
        Err(_) => {}
    }
}

fn assert_same_api_error(e: &faceki_types::ApiError, untyped: &Result<Value, ResponseError>) {
    match untyped {
        Err(ResponseError::Api(u)) => assert_eq!(
            (e.code(), e.http_status(), e.shape(), e.message()),
            (u.code(), u.http_status(), u.shape(), u.message())
        ),
        _ => panic!("typed API error where the untyped decode has none"),
    }
}

/// A success: HTTP < 400, and the body's own code says success.
fn check_success(status: u16, body: &[u8], shape: Shape) {
    assert!(status < 400, "success under HTTP {status}");
    // Only the code keys are read: serde_json skips other values without checking
    // that their strings are UTF-8, and so does the decoder.
    let keys: CodeKeys = serde_json::from_slice(body).expect("a success body is a JSON object");
    let get = |key: &str| match key {
        "responseCode" => keys.response_code.as_deref(),
        "statusCode" => keys.status_code.as_deref(),
        "status" => keys.status.as_deref(),
        _ => keys.code.as_deref(),
    };
    let number = |key: &str| get(key).and_then(integral);
    let falsy = |key: &str| get(key).is_some_and(is_false);
    match shape {
        Shape::V2 => assert_eq!(number("responseCode"), Some(0), "V2 success without code 0"),
        Shape::TokenError => {
            assert!(!falsy("status"));
            if let Some(n) = number("statusCode") {
                assert!((200..300).contains(&n), "token success with statusCode {n}");
            }
        }
        Shape::V3 => {
            assert!(keys.response_code.is_none());
            assert!(!falsy("status"), "V3 success with a false status");
            if let Some(n) = number("code") {
                assert!(n == 200 || n == 0, "V3 success with code {n}");
            }
        }
        _ => panic!("unknown shape"),
    }
}

/// The keys that carry a body's code, read independently of the decoder.
#[derive(Deserialize)]
struct CodeKeys {
    #[serde(rename = "responseCode", default)]
    response_code: Option<Box<RawValue>>,
    #[serde(rename = "statusCode", default)]
    status_code: Option<Box<RawValue>>,
    #[serde(default)]
    status: Option<Box<RawValue>>,
    #[serde(default)]
    code: Option<Box<RawValue>>,
}

/// A JSON number, or a string holding one, that is a whole number in `i64`.
fn integral(raw: &RawValue) -> Option<i64> {
    let f = match serde_json::from_str::<Value>(raw.get()).ok()? {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                return Some(i);
            }
            n.as_f64()?
        }
        Value::String(s) => {
            let s = s.trim();
            if let Ok(i) = s.parse::<i64>() {
                return Some(i);
            }
            s.parse::<f64>().ok()?
        }
        _ => return None,
    };
    (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.2e18).then_some(f as i64)
}

/// `false`, `0`, or a string saying so.
fn is_false(raw: &RawValue) -> bool {
    match serde_json::from_str::<Value>(raw.get()) {
        Ok(Value::Bool(b)) => !b,
        Ok(Value::Number(n)) => n.as_u64() == Some(0) || n.as_i64() == Some(0),
        Ok(Value::String(s)) => {
            let s = s.trim();
            s.eq_ignore_ascii_case("false") || s == "0"
        }
        _ => false,
    }
}
