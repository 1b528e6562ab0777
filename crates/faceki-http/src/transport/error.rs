//! [`TransportError`]: why an exchange failed, classified by what it means for a retry.

use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake, connect timeout): the
    /// request provably never reached the server.
    Connect,
    /// The exchange took longer than allowed, after the connection was made: the
    /// server may have received the request.
    Timeout,
    /// The connection failed while sending or receiving: the server may have received
    /// the request.
    Io,
    /// The response body is larger than the configured maximum.
    BodyTooLarge,
    /// Anything else (an invalid request, a transport bug). Treated as possibly sent.
    Other,
}

/// A failed HTTP exchange.
///
/// Its messages never contain a URL with its query (the token call's query holds the
/// client secret), a header value or a body.
///
/// ```
/// use faceki_http::transport::{TransportError, TransportErrorKind};
///
/// let e = TransportError::new(TransportErrorKind::Connect, "connection refused");
/// assert!(!e.request_may_have_been_sent());
/// assert_eq!(e.to_string(), "could not connect: connection refused");
/// ```
pub struct TransportError {
    kind: TransportErrorKind,
    message: Cow<'static, str>,
    timeout: bool,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl TransportError {
    /// An error of the given kind. The message must not contain a URL's query, a header
    /// value or a body.
    pub fn new(kind: TransportErrorKind, message: impl Into<Cow<'static, str>>) -> Self {
        Self {
            kind,
            message: message.into(),
            timeout: kind == TransportErrorKind::Timeout,
            source: None,
        }
    }

    /// A connection that could not be made.
    pub fn connect(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(TransportErrorKind::Connect, message)
    }

    /// A connection that was not made in time; still provably not sent.
    pub fn connect_timeout() -> Self {
        let mut e = Self::new(TransportErrorKind::Connect, "connecting timed out");
        e.timeout = true;
        e
    }

    /// An exchange that timed out after connecting.
    pub fn timeout(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(TransportErrorKind::Timeout, message)
    }

    /// A connection that broke after the request started.
    pub fn io(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(TransportErrorKind::Io, message)
    }

    /// A response body over the cap.
    pub fn body_too_large(max: u64) -> Self {
        Self::new(
            TransportErrorKind::BodyTooLarge,
            format!("the response body exceeds the maximum of {max} bytes"),
        )
    }

    /// Any other failure.
    pub fn other(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(TransportErrorKind::Other, message)
    }

    /// Attaches the underlying error. It must already be free of URLs and secrets.
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The message, without the source's.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the server may have received the request. `false` only for
    /// [`TransportErrorKind::Connect`], the one case where a billed call may be sent
    /// again safely.
    pub fn request_may_have_been_sent(&self) -> bool {
        self.kind != TransportErrorKind::Connect
    }

    /// Whether a time limit ran out (connecting or exchanging).
    pub fn is_timeout(&self) -> bool {
        self.timeout
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// Whether the response was larger than allowed.
    pub fn is_body_too_large(&self) -> bool {
        self.kind == TransportErrorKind::BodyTooLarge
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "the connection failed during the exchange",
            TransportErrorKind::BodyTooLarge => "response too large",
            TransportErrorKind::Other => "transport error",
        };
        write!(f, "{what}: {}", self.message)
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("timeout", &self.timeout)
            .field("source", &self.source)
            .finish()
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|s| s as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_connect_failures_are_provably_unsent() {
        assert!(!TransportError::connect("refused").request_may_have_been_sent());
        assert!(!TransportError::connect_timeout().request_may_have_been_sent());
        assert!(TransportError::connect_timeout().is_timeout());
        for e in [
            TransportError::timeout("read"),
            TransportError::io("reset"),
            TransportError::body_too_large(10),
            TransportError::other("x"),
        ] {
            assert!(e.request_may_have_been_sent(), "{e}");
        }
        assert!(TransportError::timeout("read").is_timeout());
        assert_eq!(
            TransportError::body_too_large(10).to_string(),
            "response too large: the response body exceeds the maximum of 10 bytes"
        );
    }
}
