//! The errors a response can decode to: [`ApiError`] (Faceki said no) and
//! [`DecodeError`] (the body could not be read).

use std::fmt;

use serde_json::value::RawValue;

use super::Shape;
use crate::response_code::ResponseCode;

/// Faceki answered, with a non-success code.
///
/// The code comes from the body (`responseCode`, `code` or `statusCode`), whatever the
/// HTTP status was. The server's message is kept (trimmed to 200 characters, control
/// characters removed); the failure payload, which can hold personal data, is kept
/// for [`ApiError::details`] but never shown by `Debug` or `Display`.
#[derive(Clone)]
pub struct ApiError {
    pub(crate) code: ResponseCode,
    pub(crate) message: Option<String>,
    pub(crate) http_status: u16,
    pub(crate) shape: Shape,
    pub(crate) request_id: Option<String>,
    pub(crate) details: Option<Box<RawValue>>,
}

impl ApiError {
    /// Builds an API error, for tests and fake transports.
    pub fn new(code: ResponseCode, message: Option<String>, http_status: u16) -> Self {
        Self {
            code,
            message: message.map(|m| clean_message(&m)),
            http_status,
            shape: Shape::V2,
            request_id: None,
            details: None,
        }
    }

    /// The body code.
    pub fn code(&self) -> ResponseCode {
        self.code
    }

    /// The server's message, if it sent one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status the error came with (often 200).
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The envelope shape the error came in.
    pub fn shape(&self) -> Shape {
        self.shape
    }

    /// The `requestId` of the failed verification, when the server sent one: the
    /// record exists and can be looked up.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The raw failure payload (`data` or `result`), if any. It may contain personal
    /// data: do not log it.
    pub fn details(&self) -> Option<&RawValue> {
        self.details.as_deref()
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("code", &self.code)
            .field("message", &self.message)
            .field("http_status", &self.http_status)
            .field("shape", &self.shape)
            .field("request_id", &self.request_id)
            .field("details", &self.details.as_ref().map(|d| d.get().len()))
            .finish()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Faceki answered {}", self.code)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        write!(f, " (HTTP {})", self.http_status)
    }
}

impl std::error::Error for ApiError {}

/// Keeps a server message printable and short.
pub(crate) fn clean_message(message: &str) -> String {
    const MAX: usize = 200;
    let mut out: String = message
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX)
        .collect();
    if message.chars().count() > MAX {
        out.push('…');
    }
    out.trim().to_owned()
}

/// What kind of decoding failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is not JSON (empty, HTML, plain text).
    NotJson,
    /// The body is JSON but cut off before its end.
    Truncated,
    /// The body is JSON but none of the three envelope shapes.
    UnknownShape,
    /// The envelope's payload does not fit the expected model.
    Payload,
}

/// The body could not be read as a Faceki response.
///
/// It names the HTTP status, the content type, and for payload errors the JSON path
/// and position, but never a value from the body (bodies hold personal data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub(crate) kind: DecodeErrorKind,
    pub(crate) http_status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) path: Option<String>,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl DecodeError {
    pub(crate) fn new(kind: DecodeErrorKind, http_status: u16, content_type: Option<&str>) -> Self {
        Self {
            kind,
            http_status,
            content_type: content_type.map(|c| clean_message(c).chars().take(80).collect()),
            path: None,
            line: 0,
            column: 0,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// The HTTP status of the response.
    pub fn http_status(&self) -> u16 {
        self.http_status
    }

    /// The `Content-Type` of the response, if it had one.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The JSON path that failed, such as `data.face.confidence`.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            DecodeErrorKind::NotJson => "the response body is not JSON",
            DecodeErrorKind::Truncated => "the response body is truncated JSON",
            DecodeErrorKind::UnknownShape => "the response body is JSON of no known Faceki shape",
            DecodeErrorKind::Payload => "the response payload does not match the expected model",
        };
        f.write_str(what)?;
        if let Some(path) = &self.path {
            write!(f, " at `{path}`")?;
        }
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        write!(f, "; HTTP {}", self.http_status)?;
        match &self.content_type {
            Some(ct) => write!(f, ", content type `{ct}`"),
            None => f.write_str(", no content type"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// A response that is not the expected success.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// Faceki answered with a non-success code.
    #[error(transparent)]
    Api(ApiError),
    /// The body could not be read.
    #[error(transparent)]
    Decode(DecodeError),
}

impl ResponseError {
    /// The API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            ResponseError::Api(e) => Some(e),
            ResponseError::Decode(_) => None,
        }
    }

    /// The HTTP status of the response.
    pub fn http_status(&self) -> u16 {
        match self {
            ResponseError::Api(e) => e.http_status,
            ResponseError::Decode(e) => e.http_status,
        }
    }
}
