//! Decoding responses: one entry point for every endpoint, by envelope shape.
//!
//! Faceki answers in three shapes (reference §6.1), sometimes within one API generation,
//! and reports most failures with HTTP 200 and a non-success body code (§6.2). So the
//! decoder looks at the body's keys, never at the endpoint:
//!
//! | shape | recognised by | success when | payload |
//! |---|---|---|---|
//! | V2 | `responseCode` | `responseCode == 0` | `data` (+ sibling `url` for links) |
//! | token error | `statusCode`, no `responseCode`/`code` | `status == true` and `statusCode` is 2xx | `data` |
//! | V3 | `code`, `status` or `result` | `status != false` and `code` is 200 (or 0) | `result` |
//!
//! A body that is not JSON (an HTML page from a proxy), JSON of no known shape, or a
//! payload that does not fit the model is a [`DecodeError`] that names the HTTP status,
//! the content type and the JSON path, but never a value from the body.
//!
//! ```
//! use faceki_types::decode::{decode, ResponseError};
//! use faceki_types::{ResponseCode, model::TokenResponse};
//!
//! let ok = br#"{"responseCode":0,"data":{"access_token":"t","expires_in":3600,"token_type":"Bearer"}}"#;
//! let token: TokenResponse = decode(200, Some("application/json"), ok).unwrap();
//! assert_eq!(token.expires_in, Some(3600));
//!
//! let failed = br#"{"status":false,"code":5004,"message":"SELFIE_LIVENESS_FAILED","result":null}"#;
//! match decode::<serde_json::Value>(200, Some("application/json"), failed) {
//!     Err(ResponseError::Api(e)) => assert_eq!(e.code().code(), 5004),
//!     other => panic!("expected an API error, got {other:?}"),
//! }
//! ```

mod envelope;
mod error;
mod fast;
mod unauthorized;

pub use envelope::{Envelope, Shape, decode_envelope};
pub use error::{ApiError, DecodeError, DecodeErrorKind, ResponseError};
pub use unauthorized::is_unauthorized;

use serde::de::DeserializeOwned;

use crate::model::LinkCreated;

/// Decodes a response into the payload type `T`, or the API error it carries.
///
/// `status` is the HTTP status, `content_type` the `Content-Type` header if any, and
/// `body` the complete body. A non-success body code is an [`ApiError`] even with
/// HTTP 200.
pub fn decode<T: DeserializeOwned>(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<T, ResponseError> {
    // Most answers are successes with their code first: read those in one pass,
    // straight into this frame (see `fast::decode_success`).
    let mut fast = None;
    if fast::decode_success(status, body, &mut fast) {
        if let Some(value) = fast {
            return Ok(value);
        }
    }
    let envelope = decode_envelope(status, content_type, body)?;
    envelope.payload().map_err(ResponseError::Decode)
}

/// Decodes a link-creation response (V2-6 / V3-2): the link id is the envelope's
/// `data` and the hosted URL its sibling `url`.
///
/// ```
/// let body = br#"{"responseCode":0,"data":"bdb21481","url":"https://apps.faceki.com/kycverify/bdb21481"}"#;
/// let link = faceki_types::decode::decode_link(201, None, body).unwrap();
/// assert_eq!(link.link_id, "bdb21481");
/// assert_eq!(link.url.as_deref(), Some("https://apps.faceki.com/kycverify/bdb21481"));
/// ```
pub fn decode_link(
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<LinkCreated, ResponseError> {
    let envelope = decode_envelope(status, content_type, body)?;
    let data: serde_json::Value = envelope.payload().map_err(ResponseError::Decode)?;
    LinkCreated::from_parts(data, envelope.url().map(str::to_owned)).ok_or_else(|| {
        let mut e = DecodeError::new(DecodeErrorKind::Payload, status, content_type);
        e.path = Some("data".to_owned());
        ResponseError::Decode(e)
    })
}
