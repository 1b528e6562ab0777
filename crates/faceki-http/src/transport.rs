//! [`Transport`]: the one seam between the client and an HTTP stack.
//!
//! A transport sends one request and returns the status, the headers and the whole
//! body, read up to a maximum size. It does nothing else: no retries, no
//! authentication, no decoding — the [`Client`](crate::Client) does those, so a custom
//! transport stays a few lines long (see `examples/custom_transport.rs` in the
//! `faceki` crate).
//!
//! The reqwest implementation, [`ReqwestTransport`](crate::ReqwestTransport), is behind
//! the default `reqwest` feature; this module never names reqwest.

mod body;
mod closure;
mod error;

pub use body::{BodyStream, RequestBody};
pub use closure::{TransportFn, transport_fn};
pub use error::{TransportError, TransportErrorKind};

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};

/// The default cap on a response body: 16 MiB (a PDF report is the largest answer).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// One request, ready to be sent.
///
/// The URL may carry the client secret in its query (the token call): its `Debug`
/// shows the path only, and the `authorization` header is redacted.
#[non_exhaustive]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, query included. Never log it: see the type's docs.
    pub url: String,
    /// The headers, `Content-Type`, `Content-Length` and `Authorization` included.
    pub headers: HeaderMap,
    /// The body.
    pub body: RequestBody,
    /// How long the whole exchange may take. The client enforces it with a timer of
    /// its own unless the transport says it does ([`Transport::enforces_timeout`]).
    pub timeout: Option<Duration>,
    /// The largest response body to accept; a larger one is
    /// [`TransportErrorKind::BodyTooLarge`], and must never be read whole.
    pub max_response_bytes: u64,
}

impl HttpRequest {
    /// A request without headers or body.
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: HeaderMap::new(),
            body: RequestBody::Empty,
            timeout: None,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }

    /// Replaces the headers.
    pub fn with_headers(mut self, headers: HeaderMap) -> Self {
        self.headers = headers;
        self
    }

    /// Replaces the body.
    pub fn with_body(mut self, body: RequestBody) -> Self {
        self.body = body;
        self
    }

    /// Sets the timeout.
    pub fn with_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the response size cap.
    pub fn with_max_response_bytes(mut self, max: u64) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// The URL without its query string: safe to log.
    pub fn url_without_query(&self) -> &str {
        strip_query(&self.url)
    }
}

/// The URL up to (not including) its `?` or `#`.
pub(crate) fn strip_query(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    &url[..end]
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<_> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name == http::header::AUTHORIZATION {
                    "[redacted]"
                } else {
                    value.to_str().unwrap_or("[binary]")
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url_without_query())
            .field("has_query", &self.url.contains('?'))
            .field("headers", &headers)
            .field("body", &self.body)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// A complete response.
#[derive(Clone)]
#[non_exhaustive]
pub struct HttpResponse {
    /// The HTTP status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The whole body, at most the request's `max_response_bytes` long.
    pub body: Bytes,
}

impl HttpResponse {
    /// A response, for custom and fake transports.
    pub fn new(status: StatusCode, headers: HeaderMap, body: impl Into<Bytes>) -> Self {
        Self {
            status,
            headers,
            body: body.into(),
        }
    }

    /// A `200 OK` JSON response, for tests.
    pub fn json(status: u16, body: impl Into<Bytes>) -> Self {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("application/json"),
        );
        Self::new(
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers,
            body,
        )
    }

    /// The `Content-Type` header, if it is text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bodies are personal data: only their size is shown.
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Sends one HTTP request. Object-safe; share one as a [`SharedTransport`].
///
/// Implementations must:
/// - send the body with exactly the `Content-Length` in the headers (streaming
///   bodies say their length up front),
/// - read at most `max_response_bytes` of the answer and fail with
///   [`TransportErrorKind::BodyTooLarge`] beyond it,
/// - classify failures (see [`TransportError`]) and never put the URL's query in an
///   error: for the token call it holds the client secret.
///
/// ```
/// use faceki_http::transport::{HttpRequest, HttpResponse, Transport, TransportError};
///
/// /// Answers every request with the same body.
/// #[derive(Debug)]
/// struct Canned(&'static str);
///
/// #[faceki_http::async_trait]
/// impl Transport for Canned {
///     async fn send(&self, _request: HttpRequest) -> Result<HttpResponse, TransportError> {
///         Ok(HttpResponse::json(200, self.0))
///     }
/// }
/// ```
#[async_trait]
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends the request and reads the whole response (up to the size cap).
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;

    /// Whether this transport enforces [`HttpRequest::timeout`] on the whole exchange,
    /// response body included, failing with [`TransportErrorKind::Timeout`].
    ///
    /// When `false` (the default) the client wraps every send in a timer of its own.
    /// A transport that enforces the deadline itself returns `true`, sparing each call
    /// a second timer (timers are a measurable share of a call's cost under load; see
    /// `docs/performance.md`). [`ReqwestTransport`](crate::ReqwestTransport) does.
    fn enforces_timeout(&self) -> bool {
        false
    }
}

#[cfg(feature = "mock")]
mockall::mock! {
    /// A mockall mock of [`Transport`]: set expectations on `send`.
    /// `enforces_timeout` keeps its default (`false`), so the client's own timer
    /// applies.
    pub Transport {}

    #[async_trait]
    impl Transport for Transport {
        async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;
    }
}

#[cfg(feature = "mock")]
impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockTransport").finish_non_exhaustive()
    }
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for Arc<T> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }

    fn enforces_timeout(&self) -> bool {
        (**self).enforces_timeout()
    }
}

#[async_trait]
impl<T: Transport + ?Sized> Transport for Box<T> {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).send(request).await
    }

    fn enforces_timeout(&self) -> bool {
        (**self).enforces_timeout()
    }
}

/// A cloneable, type-erased [`Transport`]: clones share one connection pool.
#[derive(Clone)]
pub struct SharedTransport(Arc<dyn Transport>);

impl SharedTransport {
    /// Wraps a transport.
    pub fn new(transport: impl Transport + 'static) -> Self {
        Self(Arc::new(transport))
    }

    /// Wraps a transport that is already shared.
    pub fn from_arc(transport: Arc<dyn Transport>) -> Self {
        Self(transport)
    }
}

impl Deref for SharedTransport {
    type Target = dyn Transport;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl fmt::Debug for SharedTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedTransport").field(&self.0).finish()
    }
}

impl<T: Transport + 'static> From<T> for SharedTransport {
    fn from(transport: T) -> Self {
        Self::new(transport)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_query_and_authorization() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::AUTHORIZATION,
            http::HeaderValue::from_static("Bearer tok-123"),
        );
        let request = HttpRequest::new(
            Method::GET,
            "https://sdk.faceki.com/auth/api/access-token?clientId=a&clientSecret=hunter2",
        )
        .with_headers(headers);
        let debug = format!("{request:?}");
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(!debug.contains("tok-123"), "{debug}");
        assert!(debug.contains("/auth/api/access-token"), "{debug}");
        assert_eq!(
            request.url_without_query(),
            "https://sdk.faceki.com/auth/api/access-token"
        );
    }

    #[test]
    fn response_debug_hides_body() {
        let response = HttpResponse::json(200, r#"{"name":"Ana"}"#);
        assert!(!format!("{response:?}").contains("Ana"));
        assert_eq!(response.content_type(), Some("application/json"));
    }
}
