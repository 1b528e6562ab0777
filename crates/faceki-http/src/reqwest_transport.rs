//! [`ReqwestTransport`]: the default [`Transport`], over a `reqwest::Client`.
//!
//! This is the only module that names reqwest. Every reqwest error is stripped of its
//! URL (`without_url()`) as the very first thing that happens to it: the token call's
//! query holds the client secret, and reqwest's `Display` would print it.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use async_trait::async_trait;
use bytes::BytesMut;

use crate::transport::{
    HttpRequest, HttpResponse, RequestBody, Transport, TransportError, TransportErrorKind,
};

/// A [`Transport`] over reqwest. Cloning it shares the connection pool.
///
/// The transports this crate builds never follow redirects. A client of your own
/// should not either (`redirect(reqwest::redirect::Policy::none())`); if it does, an
/// answer that arrives from a plain-HTTP URL on a host other than loopback is refused.
///
/// ```no_run
/// use std::time::Duration;
/// use faceki_http::ReqwestTransport;
///
/// // Bring your own client (proxies, root certificates, ...):
/// let client = reqwest::Client::builder()
///     .connect_timeout(Duration::from_secs(5))
///     .build()?;
/// let transport = ReqwestTransport::from_client(client);
/// # Ok::<(), reqwest::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// A transport over a new client with the given connect timeout.
    pub fn with_connect_timeout(connect_timeout: Duration) -> Result<Self, TransportError> {
        Self::configured(connect_timeout, true)
    }

    /// A new client; `use_env_proxy: false` ignores the `*_PROXY` variables.
    pub(crate) fn configured(
        connect_timeout: Duration,
        use_env_proxy: bool,
    ) -> Result<Self, TransportError> {
        // Redirects are never followed: a `Location: http://…` would bypass the HTTPS
        // rule, and a followed `POST` could be sent to a place nobody chose. A 3xx
        // comes back as an answer, and the client reports it as an error.
        let mut builder = reqwest::Client::builder()
            .connect_timeout(connect_timeout)
            .redirect(reqwest::redirect::Policy::none());
        if !use_env_proxy {
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(convert_error)?;
        Ok(Self { client })
    }

    /// A transport over the caller's own client. Configure it with
    /// `redirect(reqwest::redirect::Policy::none())`.
    pub fn from_client(client: reqwest::Client) -> Self {
        Self { client }
    }

    /// The underlying client.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

impl From<reqwest::Client> for ReqwestTransport {
    fn from(client: reqwest::Client) -> Self {
        Self::from_client(client)
    }
}

/// Whether the URL's host is a loopback name or address.
fn is_loopback_url(url: &reqwest::Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Converts a reqwest error, dropping its URL before anything reads it.
pub(crate) fn convert_error(error: reqwest::Error) -> TransportError {
    let error = error.without_url();
    let (kind, timeout) = if error.is_connect() {
        (TransportErrorKind::Connect, error.is_timeout())
    } else if error.is_timeout() {
        (TransportErrorKind::Timeout, true)
    } else if error.is_builder() {
        (TransportErrorKind::Other, false)
    } else {
        (TransportErrorKind::Io, false)
    };
    let message = error.to_string();
    let converted = match (kind, timeout) {
        (TransportErrorKind::Connect, true) => TransportError::connect_timeout(),
        _ => TransportError::new(kind, message),
    };
    converted.with_source(error)
}

/// A reqwest request for one of ours: assembled directly, because the builder would
/// re-insert every header into a map of its own, growing it as it goes.
fn to_reqwest(request: HttpRequest) -> Result<reqwest::Request, TransportError> {
    let HttpRequest {
        method,
        url,
        headers,
        body,
        timeout,
        ..
    } = request;
    let parsed = reqwest::Url::parse(&url).map_err(|_| {
        TransportError::new(TransportErrorKind::Other, "the request URL is not valid")
    })?;
    let mut request = reqwest::Request::new(method, parsed);
    *request.headers_mut() = headers;
    *request.timeout_mut() = timeout;
    *request.body_mut() = match body {
        RequestBody::Empty => None,
        RequestBody::Bytes(bytes) => Some(reqwest::Body::from(bytes)),
        RequestBody::Stream(stream) => Some(reqwest::Body::wrap_stream(stream)),
    };
    Ok(request)
}

/// Converts an error of the exchange. reqwest's timeout covers the whole exchange,
/// body included; its errors say "timed out" without the limit, so the limit is put
/// back in.
fn convert_exchange_error(error: reqwest::Error, timeout: Option<Duration>) -> TransportError {
    match timeout {
        Some(limit) if error.is_timeout() && !error.is_connect() => {
            TransportError::timeout(crate::client::no_response_within(limit))
                .with_source(error.without_url())
        }
        _ => convert_error(error),
    }
}

/// A body being read: most answers arrive in one chunk, which is kept as it is;
/// only a second chunk starts a copy.
enum Collected {
    Empty,
    One(bytes::Bytes),
    Many(BytesMut),
}

impl Collected {
    fn len(&self) -> usize {
        match self {
            Collected::Empty => 0,
            Collected::One(bytes) => bytes.len(),
            Collected::Many(bytes) => bytes.len(),
        }
    }

    fn push(&mut self, chunk: bytes::Bytes) {
        *self = match std::mem::replace(self, Collected::Empty) {
            Collected::Empty => Collected::One(chunk),
            Collected::One(first) => {
                let mut joined = BytesMut::with_capacity(first.len() + chunk.len());
                joined.extend_from_slice(&first);
                joined.extend_from_slice(&chunk);
                Collected::Many(joined)
            }
            Collected::Many(mut joined) => {
                joined.extend_from_slice(&chunk);
                Collected::Many(joined)
            }
        };
    }

    fn into_bytes(self) -> bytes::Bytes {
        match self {
            Collected::Empty => bytes::Bytes::new(),
            Collected::One(bytes) => bytes,
            Collected::Many(bytes) => bytes.freeze(),
        }
    }
}

#[async_trait]
impl Transport for ReqwestTransport {
    /// Written out rather than through `async_trait`: the request is converted and
    /// handed to reqwest before the future is built, so the boxed future holds
    /// reqwest's pending call (a pointer), not our request and reqwest's copy of it.
    fn send<'life0, 'async_trait>(
        &'life0 self,
        request: HttpRequest,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        Self: 'async_trait,
    {
        let timeout = request.timeout;
        let max_response_bytes = request.max_response_bytes;
        let pending = match to_reqwest(request) {
            Ok(request) => self.client.execute(request),
            Err(error) => return Box::pin(std::future::ready(Err(error))),
        };
        Box::pin(async move {
            let mut response = pending
                .await
                .map_err(|e| convert_exchange_error(e, timeout))?;
            if response.url().scheme() != "https" && !is_loopback_url(response.url()) {
                // Only a caller's client that follows redirects gets here.
                return Err(TransportError::other(
                    "the answer came from a plain-HTTP URL after a redirect; refused (HTTPS \
                     is required for every hop to a host other than loopback)",
                ));
            }
            if response
                .content_length()
                .is_some_and(|len| len > max_response_bytes)
            {
                return Err(TransportError::body_too_large(max_response_bytes));
            }
            let mut body = Collected::Empty;
            while let Some(chunk) = response
                .chunk()
                .await
                .map_err(|e| convert_exchange_error(e, timeout))?
            {
                if body.len() as u64 + chunk.len() as u64 > max_response_bytes {
                    return Err(TransportError::body_too_large(max_response_bytes));
                }
                body.push(chunk);
            }
            let status = response.status();
            let headers = std::mem::take(response.headers_mut());
            Ok(HttpResponse::new(status, headers, body.into_bytes()))
        })
    }

    /// reqwest applies the request's timeout from connecting to the body's last byte.
    fn enforces_timeout(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn reqwest_errors_lose_their_url_and_secret() {
        // Port 1 on loopback is closed: the connection is refused.
        let url =
            "http://127.0.0.1:1/auth/api/access-token?clientId=id&clientSecret=hunter2-secret";
        let raw = reqwest::Client::new().get(url).send().await.unwrap_err();
        // The raw error would leak the secret: this is what the conversion prevents.
        assert!(format!("{raw} {raw:?}").contains("hunter2-secret"));
        let ours = convert_error(raw);
        let shown = format!("{ours} {ours:?}");
        assert!(!shown.contains("hunter2-secret"), "{shown}");
        assert!(!shown.contains("clientSecret"), "{shown}");
        assert!(!shown.contains("127.0.0.1:1/auth"), "{shown}");
        assert_eq!(ours.kind(), TransportErrorKind::Connect);
        assert!(!ours.request_may_have_been_sent());

        let transport = ReqwestTransport::from_client(reqwest::Client::new());
        let err = transport
            .send(HttpRequest::new(http::Method::GET, url))
            .await
            .unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("hunter2-secret"), "{shown}");
        assert!(err.is_connect());
    }
}
