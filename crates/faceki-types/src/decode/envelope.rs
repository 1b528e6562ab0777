//! Recognising the three envelope shapes and splitting a body into code, message and
//! payload.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::error::{ApiError, DecodeError, DecodeErrorKind, ResponseError, clean_message};
use crate::lenient;
use crate::response_code::ResponseCode;

/// Which of the three envelope shapes a body had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Shape {
    /// `{"responseCode": 0, "data": …}` (V2, token calls, link creation).
    V2,
    /// `{"status": true, "code": 200, "message": …, "appVersion": …, "result": …}` (V3).
    V3,
    /// `{"status": false, "message": …, "statusCode": 422, "data": {}}` (token errors).
    TokenError,
}

/// A successfully decoded envelope: a success code and a payload still to be read.
/// Its `Debug` shows the payload's length, never its content (personal data).
#[derive(Clone)]
pub struct Envelope<'a> {
    shape: Shape,
    content_type: Option<String>,
    code: ResponseCode,
    http_status: u16,
    message: Option<String>,
    app_version: Option<String>,
    url: Option<String>,
    payload: Option<&'a RawValue>,
}

impl std::fmt::Debug for Envelope<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Envelope")
            .field("shape", &self.shape)
            .field("content_type", &self.content_type)
            .field("code", &self.code)
            .field("http_status", &self.http_status)
            .field("message", &self.message)
            .field("app_version", &self.app_version)
            .field("url", &self.url.as_ref().map(|_| "<redacted>"))
            .field("payload_len", &self.payload.map(|p| p.get().len()))
            .finish()
    }
}

impl<'a> Envelope<'a> {
    /// The shape the body had.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The (success) body code.
    pub fn code(&self) -> ResponseCode {
        self.code
    }

    /// The HTTP status.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The envelope's `message` (V3 and token errors).
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The V3 `appVersion`.
    pub fn app_version(&self) -> Option<&str> {
        self.app_version.as_deref()
    }

    /// The `url` sibling of `data` (link creation).
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The raw payload (`data` or `result`); `None` when absent or `null`.
    pub fn raw_payload(&self) -> Option<&'a RawValue> {
        self.payload
    }

    /// Reads the payload as `T`. An absent payload is read as `null`, so `Option`,
    /// `()` and list types with null tolerance accept it.
    pub fn payload<T: DeserializeOwned>(&self) -> Result<T, DecodeError> {
        let prefix = match self.shape {
            Shape::V3 => "result",
            Shape::V2 | Shape::TokenError => "data",
        };
        let text = self.payload.map_or("null", |raw| raw.get());
        // Fast path: tracking the JSON path costs about a third of the decode (see
        // docs/performance.md), and it is only needed to describe a failure. Decoding
        // is deterministic, so a failure is read again with the path tracked.
        if let Ok(value) = serde_json::from_str(text) {
            return Ok(value);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|err| {
            let path = err.path().to_string();
            let mut e = DecodeError::new(
                DecodeErrorKind::Payload,
                self.http_status,
                self.content_type.as_deref(),
            );
            e.path = Some(if path == "." {
                prefix.to_owned()
            } else {
                format!("{prefix}.{path}")
            });
            e
        })
    }
}

/// The keys that tell the shapes apart, borrowed without copying the payload.
#[derive(Deserialize)]
struct Probe<'a> {
    #[serde(rename = "responseCode", borrow, default)]
    response_code: Option<&'a RawValue>,
    #[serde(borrow, default)]
    data: Option<&'a RawValue>,
    #[serde(borrow, default)]
    url: Option<&'a RawValue>,
    #[serde(borrow, default)]
    status: Option<&'a RawValue>,
    #[serde(borrow, default)]
    code: Option<&'a RawValue>,
    #[serde(borrow, default)]
    message: Option<&'a RawValue>,
    #[serde(rename = "appVersion", borrow, default)]
    app_version: Option<&'a RawValue>,
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(rename = "statusCode", borrow, default)]
    status_code: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct LenientInt(#[serde(deserialize_with = "lenient::opt_i64")] Option<i64>);
#[derive(Deserialize)]
struct LenientBool(#[serde(deserialize_with = "lenient::opt_bool")] Option<bool>);
#[derive(Deserialize)]
struct LenientString(#[serde(deserialize_with = "lenient::opt_string")] Option<String>);

fn int(raw: Option<&RawValue>) -> Option<i64> {
    raw.and_then(|r| serde_json::from_str::<LenientInt>(r.get()).ok())
        .and_then(|v| v.0)
}

fn boolean(raw: Option<&RawValue>) -> Option<bool> {
    raw.and_then(|r| serde_json::from_str::<LenientBool>(r.get()).ok())
        .and_then(|v| v.0)
}

fn string(raw: Option<&RawValue>) -> Option<String> {
    raw.and_then(|r| serde_json::from_str::<LenientString>(r.get()).ok())
        .and_then(|v| v.0)
}

/// What a failure payload may tell us without reading it as a model.
#[derive(Deserialize, Default)]
struct FailureHints {
    #[serde(
        rename = "requestId",
        default,
        deserialize_with = "lenient::opt_string"
    )]
    request_id: Option<String>,
    #[serde(default)]
    error: Option<ErrorHint>,
}

#[derive(Deserialize)]
struct ErrorHint {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    message: Option<String>,
}

fn hints(payload: Option<&RawValue>) -> FailureHints {
    payload
        .and_then(|raw| serde_json::from_str::<FailureHints>(raw.get()).ok())
        .unwrap_or_default()
}

fn is_2xx(status: u16) -> bool {
    (200..300).contains(&status)
}

/// Which key holds a shape's payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PayloadKey {
    /// `data` (V2 and token errors).
    Data,
    /// `result` (V3).
    Result,
}

impl Shape {
    /// The key that holds this shape's payload.
    pub(super) fn payload_key(self) -> PayloadKey {
        match self {
            Shape::V2 | Shape::TokenError => PayloadKey::Data,
            Shape::V3 => PayloadKey::Result,
        }
    }
}

/// The keys that decide a body's shape and outcome, as read (a key sent as `null`
/// counts as absent, as serde reads an `Option`).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Controls<'a> {
    pub(super) response_code: Option<&'a RawValue>,
    pub(super) status: Option<&'a RawValue>,
    pub(super) code: Option<&'a RawValue>,
    pub(super) status_code: Option<&'a RawValue>,
    pub(super) has_result: bool,
}

impl Controls<'_> {
    /// The shape, the body code and whether it means success. The one place these
    /// rules live: the full decoder and the one-pass fast path both call it.
    pub(super) fn classify(
        &self,
        http_status: u16,
        content_type: Option<&str>,
    ) -> Result<(Shape, ResponseCode, bool), ResponseError> {
        let unreadable = |path: &str| {
            let mut e = DecodeError::new(DecodeErrorKind::UnknownShape, http_status, content_type);
            e.path = Some(path.to_owned());
            ResponseError::Decode(e)
        };
        let readable_bool = |raw: Option<&RawValue>, path: &str| match raw {
            Some(_) => boolean(raw).map(Some).ok_or_else(|| unreadable(path)),
            None => Ok(None),
        };
        if self.response_code.is_some() {
            let n = int(self.response_code).ok_or_else(|| unreadable("responseCode"))?;
            Ok((Shape::V2, ResponseCode::from_code(n), n == 0))
        } else if self.status_code.is_some() && self.code.is_none() {
            let n = int(self.status_code).ok_or_else(|| unreadable("statusCode"))?;
            let status = readable_bool(self.status, "status")?;
            let ok = status.unwrap_or(false) && (200..300).contains(&n);
            Ok((Shape::TokenError, ResponseCode::from_code(n), ok))
        } else if self.code.is_some() || self.status.is_some() || self.has_result {
            // A code or status that is present but unreadable must never pass for success.
            let status = readable_bool(self.status, "status")?;
            let n = match self.code {
                Some(_) => Some(int(self.code).ok_or_else(|| unreadable("code"))?),
                None => None,
            };
            let ok = status != Some(false) && matches!(n, Some(200) | Some(0) | None);
            let code = match n {
                Some(n) => ResponseCode::from_code(n),
                None if ok => ResponseCode::from_code(200),
                // A failure without a code: V3 codes mirror HTTP statuses (400, 500).
                None => ResponseCode::from_code(i64::from(if is_2xx(http_status) {
                    400
                } else {
                    http_status
                })),
            };
            Ok((Shape::V3, code, ok))
        } else {
            Err(ResponseError::Decode(DecodeError::new(
                DecodeErrorKind::UnknownShape,
                http_status,
                content_type,
            )))
        }
    }
}

/// Splits a response into its envelope, or the API or decode error it carries.
///
/// This is the shape-level half of [`decode`](super::decode); use it when the
/// payload needs the envelope too (the link id and its `url` sibling).
pub fn decode_envelope<'a>(
    http_status: u16,
    content_type: Option<&str>,
    body: &'a [u8],
) -> Result<Envelope<'a>, ResponseError> {
    // Only an object can be an envelope (serde would also read a struct from an array).
    let is_object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let parsed: Result<Probe<'a>, serde_json::Error> = if is_object {
        serde_json::from_slice(body)
    } else {
        serde_json::from_slice::<serde::de::IgnoredAny>(body)
            .and_then(|_| serde_json::from_str("null"))
    };
    let probe: Probe<'a> = match parsed {
        Ok(probe) => probe,
        Err(err) => {
            let blank = body.iter().all(u8::is_ascii_whitespace);
            let kind = match err.classify() {
                serde_json::error::Category::Eof if !blank => DecodeErrorKind::Truncated,
                serde_json::error::Category::Data => DecodeErrorKind::UnknownShape,
                _ => DecodeErrorKind::NotJson,
            };
            let mut e = DecodeError::new(kind, http_status, content_type);
            if kind != DecodeErrorKind::NotJson || !blank {
                e.line = err.line();
                e.column = err.column();
            }
            return Err(ResponseError::Decode(e));
        }
    };

    let controls = Controls {
        response_code: probe.response_code,
        status: probe.status,
        code: probe.code,
        status_code: probe.status_code,
        has_result: probe.result.is_some(),
    };
    let (shape, code, success) = controls.classify(http_status, content_type)?;
    let payload = match shape.payload_key() {
        PayloadKey::Data => probe.data,
        PayloadKey::Result => probe.result,
    };

    let message = string(probe.message).map(|m| clean_message(&m));
    if success && http_status < 400 {
        return Ok(Envelope {
            shape,
            content_type: content_type.map(str::to_owned),
            code,
            http_status,
            message,
            app_version: string(probe.app_version),
            url: string(probe.url),
            payload,
        });
    }
    let hints = hints(payload);
    let message = message.or_else(|| {
        hints
            .error
            .and_then(|e| e.message)
            .map(|m| clean_message(&m))
            .filter(|m| !m.is_empty())
    });
    Err(ResponseError::Api(ApiError {
        code,
        message,
        http_status,
        shape,
        request_id: hints.request_id,
        details: payload.map(RawValue::to_owned),
    }))
}
