//! [`Error`]: everything a client call can fail with, in one type.
//!
//! The variants stay private so they can grow; callers ask questions instead:
//! [`Error::delivery`] (may the call have been processed?), [`Error::is_api`],
//! [`Error::response_code`] and so on.
//!
//! What an error may show: the endpoint's name, the response code's name and number,
//! the server's (cleaned, shortened) message, the HTTP status, a request id, a
//! transport failure's classification. What it never shows: the client secret, the
//! access token, a URL's query string, or a body.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

use faceki_types::decode::{ApiError, DecodeError, DecodeErrorKind, ResponseError};
use faceki_types::delivery::{Delivery, Wire, delivery};
use faceki_types::{Effect, Endpoint, RequestError, ResponseCode};

use crate::transport::TransportError;

/// A failed call.
///
/// ```
/// use faceki_http::Delivery;
///
/// # fn handle(err: faceki_http::Error) {
/// if err.delivery() == Delivery::MaybeProcessed {
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
    lookup: Option<Box<Lookup>>,
}

/// What a lookup by record identifier found after a billed call's answer was lost or
/// refused ([`Error::lookup`]). A lookup that finds this call's record turns the error
/// into a success, so an error never carries "found".
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lookup {
    /// No record with the identifier was created since the call started.
    NotFound,
    /// Records with the identifier exist, but which one (if any) this call made
    /// cannot be told: creation times missing or unreadable, or several created since
    /// the call started.
    Ambiguous,
    /// This call's record was found, but it could not be read as the call's result;
    /// the call was processed (and billed): look it up yourself.
    FoundUnreadable,
    /// The lookup itself failed; the reason never holds a secret or a body.
    Failed(String),
}

impl fmt::Display for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lookup::NotFound => f.write_str(
                "looked up by record identifier: not found (no record created since the call \
                 started; it may still appear if Faceki is still processing it)",
            ),
            Lookup::Ambiguous => f.write_str(
                "looked up by record identifier: records exist, but which one this call made \
                 cannot be told (creation times unreadable, or several since the call started)",
            ),
            Lookup::FoundUnreadable => f.write_str(
                "looked up by record identifier: this call's record exists (it was processed) \
                 but could not be read as the result; look it up by record identifier",
            ),
            Lookup::Failed(reason) => write!(f, "the lookup by record identifier failed: {reason}"),
        }
    }
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
            lookup: None,
        }
    }

    /// The same error, with what a lookup by record identifier found.
    pub(crate) fn with_lookup_result(mut self, lookup: Lookup) -> Self {
        self.lookup = Some(Box::new(lookup));
        self
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
        // A rate limit or a server failure of the token endpoint is a failed exchange,
        // not a verdict on the credentials.
        let failed_exchange =
            error.is_transport() || (error.is_transient() && error.http_status().is_some());
        Self::auth(
            error.to_string(),
            error.is_timeout(),
            failed_exchange,
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

    pub(crate) fn preflight_refused(refusal: crate::client::PreflightRefusal) -> Self {
        Self::new(Repr::InvalidInput {
            endpoint: None,
            reason: Cow::Owned(refusal.to_string()),
            source: Some(Box::new(refusal)),
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

    /// Why the image pre-flight ([`ClientBuilder::preflight`](crate::ClientBuilder::preflight))
    /// refused the call before sending: every finding, each naming the Faceki code it
    /// anticipates. `None` for any other error.
    ///
    /// ```
    /// # fn f(err: faceki_http::Error) {
    /// if let Some(refusal) = err.preflight_refusal() {
    ///     for finding in &refusal.findings {
    ///         eprintln!("{}: {} ({})", finding.field, finding.message, finding.code);
    ///     }
    /// }
    /// # }
    /// ```
    pub fn preflight_refusal(&self) -> Option<&crate::client::PreflightRefusal> {
        match &*self.repr {
            Repr::InvalidInput {
                source: Some(source),
                ..
            } => source.downcast_ref(),
            _ => None,
        }
    }

    /// Whether the client's configuration is invalid (nothing was sent).
    pub fn is_config(&self) -> bool {
        matches!(&*self.repr, Repr::Config { .. })
    }

    /// Whether the call may have been processed although no answer says how:
    /// `delivery() == Delivery::MaybeProcessed`. For a billed call, look the record up
    /// (by your record identifier, [`RecordsApi::find_verification`](crate::records::RecordsApi::find_verification),
    /// or by request id) before submitting again.
    pub fn outcome_unknown(&self) -> bool {
        self.delivery() == Delivery::MaybeProcessed
    }

    /// Whether the call may have been processed: not sent, rejected before
    /// processing, maybe processed, or processed. The verdict comes from one pure
    /// function of the endpoint's [`Effect`] and [`Error::wire`]
    /// ([`faceki_types::delivery::delivery`]); `docs/reliability.md` has the table.
    ///
    /// ```
    /// use faceki_http::{Delivery, Error};
    ///
    /// fn may_resend(err: &Error) -> bool {
    ///     matches!(err.delivery(), Delivery::NotSent | Delivery::Rejected)
    /// }
    /// ```
    pub fn delivery(&self) -> Delivery {
        delivery(self.effect().unwrap_or(Effect::ReadOnly), self.wire())
    }

    /// What the endpoint does on Faceki's side, when the error belongs to one.
    pub fn effect(&self) -> Option<Effect> {
        self.endpoint().map(Endpoint::effect)
    }

    /// What happened on the wire, the second input of [`Error::delivery`].
    pub fn wire(&self) -> Wire {
        match &*self.repr {
            Repr::Api { error, .. } => Wire::Faceki {
                status: error.http_status(),
                code: error.code(),
            },
            Repr::Status { status, .. } => Wire::Foreign { status: *status },
            Repr::Decode { error, .. } => match error.kind() {
                // A success envelope whose payload did not fit the model: processed.
                DecodeErrorKind::Payload => Wire::Faceki {
                    status: error.http_status(),
                    code: ResponseCode::Success,
                },
                _ => Wire::Foreign {
                    status: error.http_status(),
                },
            },
            Repr::Transport { error, .. } if error.request_may_have_been_sent() => Wire::AnswerLost,
            Repr::Transport { .. }
            | Repr::Auth { .. }
            | Repr::InvalidInput { .. }
            | Repr::Config { .. } => Wire::NotSent,
        }
    }

    /// What the lookup by record identifier found, when the client made one (a billed
    /// V3 call with a `record_identifier` whose answer was lost or refused).
    pub fn lookup(&self) -> Option<&Lookup> {
        self.lookup.as_deref()
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
        self.fmt_repr(f)?;
        if self.effect().is_some_and(Effect::has_effect) {
            match self.delivery() {
                Delivery::MaybeProcessed => f.write_str(
                    "; the outcome is unknown: the request may have been processed (and \
                     billed), so it was not sent again. Look the record up by record \
                     identifier or request id before submitting again",
                )?,
                Delivery::Rejected => {
                    f.write_str("; refused before processing, nothing recorded")?
                }
                _ => {}
            }
        }
        if let Some(lookup) = &self.lookup {
            write!(f, "; {lookup}")?;
        }
        Ok(())
    }
}

impl Error {
    fn fmt_repr(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.repr {
            Repr::Api { endpoint, error } => {
                write!(f, "{endpoint}: {error}")?;
                if let Some(id) = error.request_id() {
                    write!(f, "; request id {id}")?;
                }
                Ok(())
            }
            Repr::Status { endpoint, status } if (300..400).contains(status) => write!(
                f,
                "{endpoint}: HTTP {status}{}: the server redirected the call elsewhere, and \
                 redirects are never followed (check the base URL)",
                reason_phrase(*status)
            ),
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
            } => {
                write!(f, "{endpoint}: {error}")?;
                if *attempts > 1 {
                    write!(f, " (after {attempts} attempts)")?;
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
        f.debug_struct("Error")
            .field("delivery", &self.delivery())
            .field("lookup", &self.lookup)
            .field("repr", &*self.repr)
            .finish()
    }
}

impl fmt::Debug for Repr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every field printed here is already free of secrets and bodies.
        match self {
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
            } => f
                .debug_struct("Error::Transport")
                .field("endpoint", endpoint)
                .field("error", error)
                .field("attempts", attempts)
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
