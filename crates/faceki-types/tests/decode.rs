//! Envelope decoding: each shape, success and failure, and the decode errors, with the
//! values the decoder must (and must not) report.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use faceki_types::decode::{DecodeErrorKind, Shape, decode, decode_envelope};
use faceki_types::model::TokenResponse;
use faceki_types::{ResponseCode, ResponseError};
use serde_json::Value;

const JSON: Option<&str> = Some("application/json");

fn api_err(status: u16, body: &str) -> faceki_types::ApiError {
    match decode::<Value>(status, JSON, body.as_bytes()) {
        Err(ResponseError::Api(e)) => e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn decode_err(status: u16, ct: Option<&str>, body: &[u8]) -> faceki_types::DecodeError {
    match decode::<Value>(status, ct, body) {
        Err(ResponseError::Decode(e)) => e,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[test]
fn v2_success_reads_data() {
    let body = br#"{"responseCode":0,"data":{"access_token":"abc","expires_in":"3600","token_type":"Bearer"}}"#;
    let token: TokenResponse = decode(200, JSON, body).unwrap();
    assert_eq!(token.access_token.expose_secret(), "abc");
    assert_eq!(token.expires_in, Some(3600));
}

#[test]
fn v2_link_keeps_url_sibling() {
    let body =
        br#"{"responseCode":0,"data":"bdb21481","url":"https://apps.example/kycverify/bdb21481"}"#;
    let env = decode_envelope(201, JSON, body).unwrap();
    assert_eq!(env.shape(), Shape::V2);
    assert_eq!(env.payload::<String>().unwrap(), "bdb21481");
    assert_eq!(env.url(), Some("https://apps.example/kycverify/bdb21481"));
}

#[test]
fn v2_failure_under_http_200_is_an_api_error() {
    let e = api_err(
        200,
        r#"{"responseCode":8006,"data":{"requestId":"r-1","error":{"code":0,"message":"no face in selfie"}}}"#,
    );
    assert_eq!(e.code().code(), 8006);
    assert_eq!(e.http_status(), 200);
    assert_eq!(e.shape(), Shape::V2);
    assert_eq!(e.message(), Some("no face in selfie"));
    assert_eq!(e.request_id(), Some("r-1"));
    assert!(e.details().unwrap().get().contains("r-1"));
    assert!(e.to_string().contains("8006"), "{e}");
    // The payload, which holds personal data, stays out of Debug and Display.
    let e = api_err(
        200,
        r#"{"responseCode":8002,"data":{"result":{"firstName":"JANEDOE"}}}"#,
    );
    assert!(e.details().unwrap().get().contains("JANEDOE"));
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("JANEDOE"), "{shown}");
}

#[test]
fn v2_code_as_string_is_read() {
    let e = api_err(200, r#"{"responseCode":"8017","data":null}"#);
    assert_eq!(e.code().code(), 8017);
}

#[test]
fn v3_success_object_and_array() {
    let body = br#"{"status":true,"code":200,"message":"OK","appVersion":"v3.0.0","result":{"requestId":"x","decision":"ACCEPTED"}}"#;
    let env = decode_envelope(200, JSON, body).unwrap();
    assert_eq!(env.shape(), Shape::V3);
    assert!(env.code().is_success());
    assert_eq!(env.app_version(), Some("v3.0.0"));
    let v: Value = env.payload().unwrap();
    assert_eq!(v["decision"], "ACCEPTED");
    let list: Vec<Value> = decode(
        200,
        JSON,
        br#"{"status":true,"code":200,"result":[{"a":1},{"a":2}]}"#,
    )
    .unwrap();
    assert_eq!(list.len(), 2);
}

#[test]
fn v3_failure_codes() {
    let e = api_err(
        200,
        r#"{"status":false,"code":5004,"message":"SELFIE_LIVENESS_FAILED","appVersion":"v3.0.0","result":null}"#,
    );
    assert_eq!(e.code().code(), 5004);
    assert_eq!(e.message(), Some("SELFIE_LIVENESS_FAILED"));
    assert_eq!(e.shape(), Shape::V3);
    // status true but a failure code still fails: the code decides.
    assert_eq!(
        api_err(200, r#"{"status":true,"code":5002,"result":{}}"#)
            .code()
            .code(),
        5002
    );
    // status false with a success code fails too.
    assert_eq!(
        api_err(200, r#"{"status":false,"code":200}"#).code().code(),
        200
    );
    // The sandbox's unauthorized body.
    let e = api_err(401, r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#);
    assert_eq!(e.code(), ResponseCode::from_code(1));
    assert_eq!(e.http_status(), 401);
    // No code at all: V3 codes mirror HTTP statuses.
    assert_eq!(
        api_err(200, r#"{"status":false,"message":"bad"}"#)
            .code()
            .code(),
        400
    );
    assert_eq!(api_err(503, r#"{"status":false}"#).code().code(), 503);
}

#[test]
fn token_error_shape() {
    let e = api_err(
        422,
        r#"{"status":false,"message":"client id is required","statusCode":422,"data":{}}"#,
    );
    assert_eq!(e.shape(), Shape::TokenError);
    assert_eq!(e.code().code(), 422);
    assert_eq!(e.message(), Some("client id is required"));
    assert!(e.to_string().contains("client id is required"));
    // The same body under HTTP 200 is still an error.
    assert_eq!(
        api_err(
            200,
            r#"{"status":false,"message":"x","statusCode":422,"data":{}}"#
        )
        .http_status(),
        200
    );
}

#[test]
fn success_body_under_http_error_is_an_api_error() {
    let e = api_err(500, r#"{"responseCode":0,"data":{}}"#);
    assert_eq!(e.http_status(), 500);
}

#[test]
fn html_page_is_a_decode_error_naming_status_and_type() {
    let e = decode_err(
        502,
        Some("text/html"),
        b"<html><body>Bad Gateway</body></html>",
    );
    assert_eq!(e.kind(), DecodeErrorKind::NotJson);
    let text = e.to_string();
    assert!(text.contains("502") && text.contains("text/html"), "{text}");
    assert!(!text.contains("Bad Gateway"), "{text}");
    let e = decode_err(200, None, b"");
    assert_eq!(e.kind(), DecodeErrorKind::NotJson);
    assert!(e.to_string().contains("no content type"));
}

#[test]
fn truncated_and_unknown_shapes() {
    let e = decode_err(200, JSON, br#"{"responseCode":0,"data":{"access_tok"#);
    assert_eq!(e.kind(), DecodeErrorKind::Truncated);
    let e = decode_err(200, JSON, br#"{"error":"nope"}"#);
    assert_eq!(e.kind(), DecodeErrorKind::UnknownShape);
    let e = decode_err(200, JSON, br#"[1,2,3]"#);
    assert_eq!(e.kind(), DecodeErrorKind::UnknownShape);
    let e = decode_err(200, JSON, br#"{"responseCode":"Jane Doe","data":{}}"#);
    assert_eq!(e.path(), Some("responseCode"));
    assert!(!e.to_string().contains("Jane"));
}

#[test]
fn payload_errors_name_the_path_not_the_value() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Strict {
        inner: Inner,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Inner {
        age: u32,
    }
    let body = br#"{"responseCode":0,"data":{"inner":{"age":"Jane Secret Doe"}}}"#;
    let e = match decode::<Strict>(200, JSON, body) {
        Err(ResponseError::Decode(e)) => e,
        other => panic!("{other:?}"),
    };
    assert_eq!(e.kind(), DecodeErrorKind::Payload);
    assert_eq!(e.path(), Some("data.inner.age"));
    assert_eq!(e.content_type(), Some("application/json"));
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("Jane"), "{shown}");
}

#[test]
fn missing_payload_reads_as_null() {
    let v: Option<Value> = decode(200, JSON, br#"{"responseCode":0}"#).unwrap();
    assert_eq!(v, None);
}

#[test]
fn server_messages_are_cleaned_and_bounded() {
    let long = "x".repeat(1000);
    let e = api_err(
        200,
        &format!(r#"{{"status":false,"code":5008,"message":"line1\nline2{long}"}}"#),
    );
    let m = e.message().unwrap();
    assert!(!m.contains('\n'));
    assert!(m.chars().count() <= 201);
}

#[test]
fn unreadable_codes_and_statuses_never_pass_for_success() {
    for (body, path) in [
        (r#"{"status":true,"code":"abc","result":{}}"#, "code"),
        (r#"{"status":true,"code":200.5,"result":{}}"#, "code"),
        (r#"{"status":true,"code":1e20,"result":{}}"#, "code"),
        (r#"{"status":"maybe","code":200,"result":{}}"#, "status"),
        (
            r#"{"status":true,"statusCode":"x","data":{}}"#,
            "statusCode",
        ),
        (r#"{"responseCode":[0],"data":{}}"#, "responseCode"),
    ] {
        let e = decode_err(200, JSON, body.as_bytes());
        assert_eq!(e.kind(), DecodeErrorKind::UnknownShape, "{body}");
        assert_eq!(e.path(), Some(path), "{body}");
    }
    // Numbers as strings stay readable.
    let v: Value = decode(
        200,
        JSON,
        br#"{"status":"true","code":"200","result":{"a":1}}"#,
    )
    .unwrap();
    assert_eq!(v["a"], 1);
}
