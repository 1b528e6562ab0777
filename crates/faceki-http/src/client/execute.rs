//! The call engine: one request through authentication, retries, timeouts and
//! tracing, with the body rebuilt from its sources for every attempt.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use faceki_auth::{AccessToken, SharedTokenProvider};
use faceki_types::decode::is_unauthorized;
use faceki_types::{Endpoint, RequestSpec};
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use std::time::Instant;

use super::body::{BodySource, PreparedBody};
use crate::error::Error;
use crate::retry::{Attempt, RetryBudget, RetryPolicy, is_retryable, parse_retry_after};
use crate::transport::{HttpRequest, HttpResponse, RequestBody, SharedTransport, TransportError};

/// Everything needed to send requests, shared by the client's clones and its token
/// fetcher.
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) base_url: String,
    pub(crate) transport: SharedTransport,
    pub(crate) user_agent: UserAgent,
    pub(crate) request_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) budget: RetryBudget,
    pub(crate) max_response_bytes: u64,
}

/// The `User-Agent` value, kept so that producing it per request touches no counter
/// shared between threads (a cloned `HeaderValue` of dynamic text shares one
/// reference count, which every worker thread would then bump on every call).
#[derive(Debug, Clone)]
pub(crate) enum UserAgent {
    /// The SDK's own value.
    Static(&'static str),
    /// With the caller's suffix; checked to be a valid header value when built.
    Owned(Box<str>),
}

impl UserAgent {
    fn header_value(&self) -> HeaderValue {
        match self {
            Self::Static(text) => HeaderValue::from_static(text),
            Self::Owned(text) => HeaderValue::from_str(text)
                .unwrap_or_else(|_| HeaderValue::from_static("faceki-rust")),
        }
    }
}

/// A request ready to be sent any number of times.
pub(crate) struct Call {
    pub(crate) endpoint: Endpoint,
    pub(crate) path_and_query: String,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: PreparedBody,
    pub(crate) timeout: Duration,
}

impl Call {
    /// Converts a request description; fails only on header values that cannot be sent.
    pub(crate) fn from_spec<S: BodySource>(
        spec: RequestSpec<S>,
        timeout: Duration,
        boundary: impl FnOnce() -> String,
    ) -> Result<Self, Error> {
        let endpoint = spec.endpoint();
        let path_and_query = spec.path_and_query();
        let mut headers = Vec::with_capacity(spec.headers().len());
        for h in spec.headers() {
            let name = HeaderName::from_bytes(h.name.as_bytes()).map_err(|_| {
                Error::invalid_input(
                    Some(endpoint),
                    format!("header `{}` is not sendable", h.name),
                )
            })?;
            let value = HeaderValue::from_str(&h.value).map_err(|_| {
                Error::invalid_input(
                    Some(endpoint),
                    format!("header `{}` is not sendable", h.name),
                )
            })?;
            headers.push((name, value));
        }
        let body = PreparedBody::from_body(endpoint, spec.into_body(), boundary)?;
        Ok(Self {
            endpoint,
            path_and_query,
            headers,
            body,
            timeout,
        })
    }
}

/// The answer of a successful exchange (any HTTP status that is not retried).
pub(crate) struct Answer {
    pub(crate) status: u16,
    headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The attempt that got this answer (1-based, counting from the call's first).
    pub(crate) attempt: u32,
}

impl Answer {
    fn from_response(response: HttpResponse, attempt: u32) -> Self {
        Self {
            status: response.status.as_u16(),
            headers: response.headers,
            body: response.body,
            attempt,
        }
    }

    /// The `Content-Type`, if it is readable text.
    pub(crate) fn content_type(&self) -> Option<&str> {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }
}

/// HTTP 401/403 or body code 1: the token was refused (the scan in
/// [`is_unauthorized`] spares most bodies a parse).
fn is_auth_rejection(response: &HttpResponse) -> bool {
    is_unauthorized(
        response.status.as_u16(),
        response.content_type(),
        &response.body,
    )
}

impl Engine {
    /// Sends `call`, retrying what is safe to retry. Runs inside the caller's span,
    /// whose `attempt`, `http.status` and `latency_ms` fields it records.
    ///
    /// A rejected token (HTTP 401/403 or body code 1) is invalidated. A read is then
    /// sent once more with a fresh token; a call with an effect is not: its answer is
    /// returned, and the client decides (a lookup, or one resend after an HTTP 401
    /// only; see `Client::send_effectful`). `first_attempt` is 1 for a new call and
    /// higher for such a resend, so the retry policy's limit covers both.
    pub(crate) async fn execute(
        &self,
        call: &Call,
        tokens: Option<&SharedTokenProvider>,
        span: &tracing::Span,
        first_attempt: u32,
    ) -> Result<Answer, Error> {
        // This future is nested in every call's future, and each layer above copies it
        // when it starts: only small values live across its awaits (the token, the
        // boxed send, counters). Whatever an attempt produces is settled inside the
        // attempt's block, so a retry's sleep holds no response (docs/performance.md).
        let mut attempt: u32 = first_attempt.saturating_sub(1);
        let mut sends: u32 = attempt;
        let mut refreshed = false;
        'attempts: loop {
            attempt += 1;
            sends += 1;
            let delay = 'attempt: {
                let endpoint = call.endpoint;
                let observed = !span.is_disabled();
                if observed {
                    span.record("attempt", sends);
                }
                let token = match (endpoint.requires_auth(), tokens) {
                    (true, Some(tokens)) => Some(tokens.token().await.map_err(Error::from_auth)?),
                    (true, None) => return Err(no_token_provider(endpoint)),
                    (false, _) => None,
                };
                // Most bodies are ready at once; only multipart ones open files, a
                // path boxed so that its state does not enlarge every call's future.
                let opened = if let Some(ready) = call.body.ready() {
                    ready
                } else {
                    Box::pin(call.body.open(endpoint)).await?
                };
                // In a block of its own: the request (or a temporary of the awaited
                // expression, such as the `?` on it) would otherwise be kept across
                // the await. The clock starts as the transport is handed the request.
                let (started, send) = {
                    let request = self.request(call, opened, token.as_ref())?;
                    (Instant::now(), self.send(request, call.timeout))
                };
                let result = send.await;
                let latency = started.elapsed();
                if observed {
                    span.record("latency_ms", latency.as_millis() as u64);
                }
                // The cap holds for every transport, not only for the ones that enforce
                // it while reading.
                let response = match result {
                    Ok(response) if response.body.len() as u64 <= self.max_response_bytes => {
                        response
                    }
                    failed => {
                        let error = match failed {
                            Err(error) => error,
                            Ok(_) => TransportError::body_too_large(self.max_response_bytes),
                        };
                        break 'attempt self.failed(call, error, attempt, sends)?;
                    }
                };
                let status = response.status.as_u16();
                answered(endpoint, span, observed, sends, status, latency);
                if let (Some(token), Some(tokens)) = (&token, tokens) {
                    if !refreshed && is_auth_rejection(&response) {
                        tokens.invalidate(token);
                        refreshed = true;
                        if !endpoint.effect().has_effect() {
                            // A read is sent again with a fresh token; the resend does
                            // not count against the retry policy.
                            attempt -= 1;
                            continue 'attempts;
                        }
                    }
                }
                if let Some(delay) = self.retry_status(call, &response, attempt) {
                    break 'attempt delay;
                }
                if (200..300).contains(&status) {
                    self.budget.deposit_success();
                }
                return Ok(Answer::from_response(response, sends));
            };
            Box::pin(tokio::time::sleep(delay)).await;
        }
    }

    /// One send through the transport, under the engine's own timer unless the
    /// transport keeps the deadline (one timer per attempt, not two). Boxed either
    /// way, so the engine's future holds a pointer, not the transport's state.
    fn send(
        &self,
        request: HttpRequest,
        timeout: Duration,
    ) -> Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + '_>> {
        if self.transport.enforces_timeout() {
            self.transport.send(request)
        } else {
            let send = self.transport.send(request);
            Box::pin(async move {
                match tokio::time::timeout(timeout, send).await {
                    Ok(result) => result,
                    Err(_) => Err(TransportError::timeout(no_response_within(timeout))),
                }
            })
        }
    }

    /// A failed attempt: the delay before the next one, or the call's error.
    fn failed(
        &self,
        call: &Call,
        error: TransportError,
        attempt: u32,
        sends: u32,
    ) -> Result<Duration, Error> {
        let endpoint = call.endpoint;
        tracing::debug!(
            endpoint = endpoint.name(),
            attempt = sends,
            kind = ?error.kind(),
            "faceki attempt failed"
        );
        if attempt < self.retry.max_attempts()
            && is_retryable(endpoint.retry_class(), Attempt::Transport(&error))
            && self.budget.try_withdraw()
        {
            return Ok(self.retry.delay(attempt, None));
        }
        Err(Error::transport(endpoint, error, sends))
    }

    /// The delay before retrying an answered attempt, if its status is retried here.
    fn retry_status(&self, call: &Call, response: &HttpResponse, attempt: u32) -> Option<Duration> {
        let status = response.status.as_u16();
        if attempt < self.retry.max_attempts()
            && is_retryable(call.endpoint.retry_class(), Attempt::Status(status))
            && self.budget.try_withdraw()
        {
            let retry_after = parse_retry_after(
                response
                    .headers
                    .get(header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok()),
                SystemTime::now(),
            );
            return Some(self.retry.delay(attempt, retry_after));
        }
        None
    }

    /// Builds one attempt's request around its opened body.
    fn request(
        &self,
        call: &Call,
        (body, content_type): (RequestBody, Option<HeaderValue>),
        token: Option<&AccessToken>,
    ) -> Result<HttpRequest, Error> {
        let mut headers = HeaderMap::with_capacity(call.headers.len() + 5);
        headers.insert(header::USER_AGENT, self.user_agent.header_value());
        let accept = if call.endpoint == Endpoint::V3PdfReport {
            // A download, whose errors still come as JSON.
            "application/pdf, application/json;q=0.9, */*;q=0.1"
        } else {
            "application/json"
        };
        headers.insert(header::ACCEPT, HeaderValue::from_static(accept));
        if let Some(content_type) = content_type {
            headers.insert(header::CONTENT_TYPE, content_type);
        }
        if !matches!(body, RequestBody::Empty) {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
        if let Some(token) = token {
            let secret = token.expose_secret();
            let mut bearer = String::with_capacity(7 + secret.len());
            bearer.push_str("Bearer ");
            bearer.push_str(secret);
            // Validated in place: the string's buffer becomes the header's, uncopied.
            let mut value = HeaderValue::from_maybe_shared(Bytes::from(bearer)).map_err(|_| {
                Error::auth(
                    "the access token contains characters that cannot be sent in a header",
                    false,
                    false,
                    None,
                    None,
                    None,
                )
            })?;
            value.set_sensitive(true);
            headers.insert(header::AUTHORIZATION, value);
        }
        for (name, value) in &call.headers {
            headers.insert(name.clone(), value.clone());
        }
        let mut url = String::with_capacity(self.base_url.len() + call.path_and_query.len());
        url.push_str(&self.base_url);
        url.push_str(&call.path_and_query);
        Ok(HttpRequest {
            method: call.endpoint.method_http(),
            url,
            headers,
            body,
            timeout: Some(call.timeout),
            max_response_bytes: self.max_response_bytes,
        })
    }
}

/// Records an answered attempt on the span and in the debug log.
fn answered(
    endpoint: Endpoint,
    span: &tracing::Span,
    observed: bool,
    sends: u32,
    status: u16,
    latency: Duration,
) {
    if observed {
        span.record("http.status", status);
    }
    tracing::debug!(
        endpoint = endpoint.name(),
        attempt = sends,
        http.status = status,
        latency_ms = latency.as_millis() as u64,
        "faceki attempt answered"
    );
}

/// A call that needs a token, on a client without credentials.
#[cold]
fn no_token_provider(endpoint: Endpoint) -> Error {
    Error::config(format!(
        "`{endpoint}` needs an access token, and the client has no credentials or token \
         provider"
    ))
}

/// The message of a whole-exchange timeout.
pub(crate) fn no_response_within(timeout: Duration) -> String {
    format!("no complete response within {timeout:?}")
}

/// The `http` crate's method for an endpoint.
pub(crate) trait MethodExt {
    fn method_http(self) -> http::Method;
}

impl MethodExt for Endpoint {
    fn method_http(self) -> http::Method {
        match self.method() {
            faceki_types::Method::Post => http::Method::POST,
            _ => http::Method::GET,
        }
    }
}
