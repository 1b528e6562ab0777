//! Response bodies in the API's shapes: the V2 envelope, the V3 envelope, the token
//! error and the bearer failure (reference §1.2, §2, §3, §6.1, §8.2).
//!
//! Every body is written here as JSON from the reference, never by serializing the
//! client's models: the sandbox is an independent witness for those models.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::scenarios::code_name;

/// The `appVersion` every V3 body carries.
pub(crate) const APP_VERSION: &str = "v3.0.0";

/// Which envelope a route answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Envelope {
    /// `{responseCode, data}`.
    V2,
    /// `{status, code, message, appVersion, result}`.
    V3,
    /// The token endpoints: V2 envelope on success, `{status, message, statusCode, data}`
    /// on validation errors.
    Token,
}

/// HTTP 200 with `{"responseCode":0,"data":data}`.
pub(crate) fn v2_ok(data: Value) -> Response {
    Json(json!({ "responseCode": 0, "data": data })).into_response()
}

/// HTTP 200 with a V2 failure: `{"responseCode":code,"data":{"error":{code,message}}}`.
pub(crate) fn v2_error(code: i64) -> Response {
    let message = code_name(code);
    Json(json!({
        "responseCode": code,
        "data": { "error": { "code": code, "message": message } }
    }))
    .into_response()
}

/// HTTP 200 with `{"status":true,"code":200,"message":"OK","appVersion":…,"result":result}`.
pub(crate) fn v3_ok(result: Value) -> Response {
    Json(json!({
        "status": true, "code": 200, "message": "OK",
        "appVersion": APP_VERSION, "result": result
    }))
    .into_response()
}

/// HTTP 200 with a V3 failure: `{"status":false,"code":code,"message":NAME,…,"result":null}`.
pub(crate) fn v3_error(code: i64) -> Response {
    Json(json!({
        "status": false, "code": code, "message": code_name(code),
        "appVersion": APP_VERSION, "result": null
    }))
    .into_response()
}

/// The body of the bearer failure (§8.2), also sent by `Fault::unauthorized()`.
pub(crate) const UNAUTHORIZED_BODY: &str = r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#;

/// HTTP 401 with [`UNAUTHORIZED_BODY`] as `application/json`.
pub(crate) fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::CONTENT_TYPE, "application/json")],
        UNAUTHORIZED_BODY,
    )
        .into_response()
}

/// HTTP 404 with the V3 "invalid URL" code 1, for unknown paths and disabled routes.
pub(crate) fn not_found() -> Response {
    let mut res = error_with_message(Envelope::V3, 1, "INVALID URL");
    *res.status_mut() = StatusCode::NOT_FOUND;
    res
}

/// HTTP 405 with an `Allow` header and an empty body, as the router answers a method
/// a route does not serve.
pub(crate) fn method_not_allowed(allow: &'static str) -> Response {
    (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, allow)]).into_response()
}

/// HTTP 422 with the token-error shape of §1.2.
pub(crate) fn token_error(message: &str) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(json!({ "status": false, "message": message, "statusCode": 422, "data": {} })),
    )
        .into_response()
}

/// HTTP 413 for bodies over the configured limit, in the route's envelope.
pub(crate) fn too_large(envelope: Envelope) -> Response {
    let body = match envelope {
        Envelope::V3 => json!({
            "status": false, "code": 400, "message": "PAYLOAD_TOO_LARGE",
            "appVersion": APP_VERSION, "result": null
        }),
        Envelope::V2 | Envelope::Token => json!({
            "responseCode": 1000, "data": { "error": { "code": 1000, "message": "PAYLOAD_TOO_LARGE" } }
        }),
    };
    (StatusCode::PAYLOAD_TOO_LARGE, Json(body)).into_response()
}

/// Renders a body code in a route's envelope: code 1 becomes the 401 answer, code 422
/// on a token route the token error, anything else HTTP 200 with the code in the body.
pub(crate) fn code(envelope: Envelope, code: i64) -> Response {
    match (envelope, code) {
        (_, 1) => unauthorized(),
        (Envelope::Token, 422) => token_error("client id is required"),
        (Envelope::V3, c) => v3_error(c),
        (Envelope::V2 | Envelope::Token, c) => v2_error(c),
    }
}

/// A V2 or V3 failure with a specific message (e.g. naming the unknown part).
pub(crate) fn error_with_message(envelope: Envelope, code: i64, message: &str) -> Response {
    let body = match envelope {
        Envelope::V3 => json!({
            "status": false, "code": code, "message": message,
            "appVersion": APP_VERSION, "result": null
        }),
        Envelope::V2 | Envelope::Token => json!({
            "responseCode": code,
            "data": { "error": { "code": code, "message": message } }
        }),
    };
    Json(body).into_response()
}
