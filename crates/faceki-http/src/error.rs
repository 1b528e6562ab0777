//! [`Error`]: everything a client call can fail with, in one type.
//!
//! The variants stay private so they can grow; callers ask questions instead:
//! [`Error::is_api`], [`Error::response_code`], [`Error::outcome_unknown`] and so on.
//!
//! What an error may show: the endpoint's name, the response code's name and number,
//! the server's (cleaned, shortened) message, the HTTP status, a request id, a
//! transport failure's classification. What it never shows: the client secret, the
//! access token, a URL's query string, or a body.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

use faceki_types::decode::{ApiError, DecodeError, ResponseError};
use faceki_types::{Endpoint, RequestError, ResponseCode};

use crate::transport::TransportError;

/// A failed call.
///
/// ```
/// # fn handle(err: faceki_http::Error) {
/// if err.outcome_unknown() {
///     // A billed verification may have been recorded: look it up before resubmitting.
/// } else if let Some(code) = err.response_code() {
///     eprintln!("Faceki said {code}");
/// } else if err.is_timeout() {
///     eprintln!("timed out");
/// }
/// # }
/// ```
#[non_exhaustive]
pub struct Error {
    repr: Box<Repr>,
}

enum Repr {
    /// Faceki answered with a non-success body code.
    Api { endpoint: Endpoint, error: ApiError },
    /// A non-2xx HTTP status without a Faceki body (a proxy page, an empty 502).
    Status { endpoint: Endpoint, status: u16 },
    /// The body could not be read.
    Decode {
        endpoint: Endpoint,
        error: DecodeError,
    },
    /// The exchange failed.
    Transport {
        endpoint: Endpoint,
        error: TransportError,
        attempts: u32,
        billed: bool,
    },
    /// No access token could be obtained.
    Auth {
        message: Cow<'static, str>,
        timeout: bool,
        transport: bool,
        http_status: Option<u16>,
        code: Option<ResponseCode>,
        source: Option<Box<dyn StdError + Send + Sync>>,
    },
    /// The call's input is invalid; nothing was sent.
    InvalidInput {
        endpoint: Option<Endpoint>,
        reason: Cow<'static, str>,
        source: Option<Box<dyn StdError + Send + Sync>>,
    },
    /// The client is misconfigured; nothing was sent.
    Config { reason: Cow<'static, str> },
}

impl Error {
    fn new(repr: Repr) -> Self {
        Self {
            repr: Box::new(repr),
        }
    }

    pub(crate) fn api(endpoint: Endpoint, error: ApiError) -> Self {
        Self::new(Repr::Api { endpoint, error })
    }

    pub(crate) fn status(endpoint: Endpoint, status: u16) -> Self {
        Self::new(Repr::Status { endpoint, status })
    }

    pub(crate) fn decode(endpoint: Endpoint, error: DecodeError) -> Self {
        Self::new(Repr::Decode { endpoint, error })
    }

    /// Maps a decoding failure: a Faceki error stays an API error; an unreadable body
    /// under a non-2xx status is an HTTP status error.
    pub(crate) fn from_response(endpoint: Endpoint, error: ResponseError) -> Self {
        match error {
            ResponseError::Api(api) => Self::api(endpoint, api),
            ResponseError::Decode(decode) if !(200..300).contains(&decode.http_status()) => {
                Self::status(endpoint, decode.http_status())
            }
            ResponseError::Decode(decode) => Self::decode(endpoint, decode),
            _ => Self::new(Repr::Status {
                endpoint,
                status: error.http_status(),
            }),
        }
    }

    pub(crate) fn transport(endpoint: Endpoint, error: TransportError, attempts: u32) -> Self {
        Self::new(Repr::Transport {
            endpoint,
            billed: endpoint.is_billed(),
            error,
            attempts,
        })
    }

    pub(crate) fn auth(
        message: impl Into<Cow<'static, str>>,
        timeout: bool,
        transport: bool,
        http_status: Option<u16>,
        code: Option<ResponseCode>,
        source: Option<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        Self::new(Repr::Auth {
            message: message.into(),
            timeout,
            transport,
            http_status,
            code,
            source,
        })
    }

    /// Wraps a token failure. `AuthError` never holds a secret, a token or a URL.
    pub(crate) fn from_auth(error: faceki_auth::AuthError) -> Self {
        Self::auth(
            error.to_string(),
            error.is_timeout(),
            error.is_transport(),
            error.http_status(),
            error.response_code(),
            Some(Box::new(error)),
        )
    }

    pub(crate) fn invalid_input(
        endpoint: Option<Endpoint>,
        reason: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::new(Repr::InvalidInput {
            endpoint,
            reason: reason.into(),
            source: None,
        })
    }

    pub(crate) fn request(endpoint: Option<Endpoint>, error: RequestError) -> Self {
        Self::new(Repr::InvalidInput {
            endpoint,
            reason: Cow::Owned(error.to_string()),
            source: Some(Box::new(error)),
        })
    }

    pub(crate) fn config(reason: impl Into<Cow<'static, str>>) -> Self {
        Self::new(Repr::Config {
            reason: reason.into(),
        })
    }

    /// The endpoint the call was for, when the error belongs to one.
    pub fn endpoint(&self) -> Option<Endpoint> {
        match &*self.repr {
            Repr::Api { endpoint, .. }
            | Repr::Status { endpoint, .. }
            | Repr::Decode { endpoint, .. }
            | Repr::Transport { endpoint, .. } => Some(*endpoint),
            Repr::InvalidInput { endpoint, .. } => *endpoint,
            Repr::Auth { .. } | Repr::Config { .. } => None,
        }
    }

    /// Whether Faceki answered with a non-success response code.
    pub fn is_api(&self) -> bool {
        matches!(&*self.repr, Repr::Api { .. })
    }

    /// The response code Faceki sent (from the body, whatever the HTTP status), for API
    /// errors and rejected token requests.
    pub fn response_code(&self) -> Option<ResponseCode> {
        match &*self.repr {
            Repr::Api { error, .. } => Some(error.code()),
            Repr::Auth { code, .. } => *code,
            _ => None,
        }
    }

    /// The HTTP status of the response, when there was one.
    pub fn http_status(&self) -> Option<u16> {
        match &*self.repr {
            Repr::Api { error, .. } => Some(error.http_status()),
            Repr::Status { status, .. } => Some(*status),
            Repr::Decode { error, .. } => Some(error.http_status()),
            Repr::Auth { http_status, .. } => *http_status,
            _ => None,
        }
    }

    /// The API error, with the server's message, request id and raw failure details.
    pub fn api_error(&self) -> Option<&ApiError> {
        match &*self.repr {
            Repr::Api { error, .. } => Some(error),
            _ => None,
        }
    }

    /// The `requestId` Faceki sent with a failed verification: the record exists.
    pub fn request_id(&self) -> Option<&str> {
        self.api_error().and_then(ApiError::request_id)
    }

    /// Whether authentication failed: no token could be obtained, or Faceki rejected
    /// the token even after one refresh (HTTP 401/403 or body code 1).
    pub fn is_auth(&self) -> bool {
        match &*self.repr {
            Repr::Auth { .. } => true,
            Repr::Api { error, .. } => {
                error.code().code() == 1 || matches!(error.http_status(), 401 | 403)
            }
            Repr::Status { status, .. } => matches!(status, 401 | 403),
            _ => false,
        }
    }

    /// Whether a time limit ran out (the call's, or the token fetch's).
    pub fn is_timeout(&self) -> bool {
        match &*self.repr {
            Repr::Transport { error, .. } => error.is_timeout(),
            Repr::Auth { timeout, .. } => *timeout,
            _ => false,
        }
    }

    /// Whether the HTTP exchange failed (no usable response), for the call or its token.
    pub fn is_transport(&self) -> bool {
        match &*self.repr {
            Repr::Transport { .. } => true,
            Repr::Auth { transport, .. } => *transport,
            _ => false,
        }
    }

    /// The transport failure, if that is what happened.
    pub fn transport_error(&self) -> Option<&TransportError> {
        match &*self.repr {
            Repr::Transport { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Whether the response could not be read as a Faceki answer.
    pub fn is_decode(&self) -> bool {
        matches!(&*self.repr, Repr::Decode { .. })
    }

    /// Whether the input was refused before anything was sent (a missing image, a file
    /// that is empty, too large or not JPEG/PNG, a blank id...).
    pub fn is_invalid_input(&self) -> bool {
        matches!(&*self.repr, Repr::InvalidInput { .. })
    }

    /// Whether the client's configuration is invalid (nothing was sent).
    pub fn is_config(&self) -> bool {
        matches!(&*self.repr, Repr::Config { .. })
    }

    /// Whether a billed call (a verification, a face search, a link) may have reached
    /// Faceki although no answer came back. It was not retried: look the record up
    /// (records by request id or by your record identifier) before resubmitting.
    pub fn outcome_unknown(&self) -> bool {
        match &*self.repr {
            Repr::Transport { error, billed, .. } => *billed && error.request_may_have_been_sent(),
            _ => false,
        }
    }

    /// How many attempts were made, for transport failures.
    pub fn attempts(&self) -> Option<u32> {
        match &*self.repr {
            Repr::Transport { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.repr {
            Repr::Api { endpoint, error } => {
                write!(f, "{endpoint}: {error}")?;
                if let Some(id) = error.request_id() {
                    write!(f, "; request id {id}")?;
                }
                Ok(())
            }
            Repr::Status { endpoint, status } => write!(
                f,
                "{endpoint}: HTTP {status}{} without a Faceki response body",
                reason_phrase(*status)
            ),
            Repr::Decode { endpoint, error } => write!(f, "{endpoint}: {error}"),
            Repr::Transport {
                endpoint,
                error,
                attempts,
                billed,
            } => {
                write!(f, "{endpoint}: {error}")?;
                if *attempts > 1 {
                    write!(f, " (after {attempts} attempts)")?;
                }
                if *billed && error.request_may_have_been_sent() {
                    f.write_str(
                        "; the outcome is unknown: the request may have reached Faceki, and \
                         this billed call was not retried. Look the record up by request id \
                         or record identifier (records query) before resubmitting",
                    )?;
                }
                Ok(())
            }
            Repr::Auth { message, .. } => write!(f, "authentication failed: {message}"),
            Repr::InvalidInput {
                endpoint, reason, ..
            } => {
                if let Some(endpoint) = endpoint {
                    write!(f, "{endpoint}: ")?;
                }
                write!(f, "invalid input, nothing was sent: {reason}")
            }
            Repr::Config { reason } => write!(f, "invalid client configuration: {reason}"),
        }
    }
}

fn reason_phrase(status: u16) -> String {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| format!(" {r}"))
        .unwrap_or_default()
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every field printed here is already free of secrets and bodies.
        match &*self.repr {
            Repr::Api { endpoint, error } => f
                .debug_struct("Error::Api")
                .field("endpoint", endpoint)
                .field("error", error)
                .finish(),
            Repr::Status { endpoint, status } => f
                .debug_struct("Error::Status")
                .field("endpoint", endpoint)
                .field("status", status)
                .finish(),
            Repr::Decode { endpoint, error } => f
                .debug_struct("Error::Decode")
                .field("endpoint", endpoint)
                .field("error", error)
                .finish(),
            Repr::Transport {
                endpoint,
                error,
                attempts,
                billed,
            } => f
                .debug_struct("Error::Transport")
                .field("endpoint", endpoint)
                .field("error", error)
                .field("attempts", attempts)
                .field("billed", billed)
                .finish(),
            Repr::Auth {
                message,
                timeout,
                transport,
                http_status,
                code,
                source,
            } => f
                .debug_struct("Error::Auth")
                .field("message", message)
                .field("timeout", timeout)
                .field("transport", transport)
                .field("http_status", http_status)
                .field("code", code)
                .field("source", source)
                .finish(),
            Repr::InvalidInput {
                endpoint,
                reason,
                source,
            } => f
                .debug_struct("Error::InvalidInput")
                .field("endpoint", endpoint)
                .field("reason", reason)
                .field("source", source)
                .finish(),
            Repr::Config { reason } => f
                .debug_struct("Error::Config")
                .field("reason", reason)
                .finish(),
        }
    }
}

impl StdError for Error {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &*self.repr {
            Repr::Api { error, .. } => Some(error),
            Repr::Decode { error, .. } => Some(error),
            Repr::Transport { error, .. } => Some(error),
            Repr::Auth { source, .. } | Repr::InvalidInput { source, .. } => {
                source.as_deref().map(|s| s as &(dyn StdError + 'static))
            }
            Repr::Status { .. } | Repr::Config { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests;
