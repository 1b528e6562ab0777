//! The call engine: one request through authentication, retries, timeouts and
//! tracing, with the body rebuilt from its sources for every attempt.

use std::time::{Duration, SystemTime};

use bytes::Bytes;
use faceki_auth::{AccessToken, SharedTokenProvider};
use faceki_types::decode::{ResponseError, decode_envelope};
use faceki_types::{Endpoint, RequestSpec};
use http::header::{self, HeaderMap, HeaderName, HeaderValue};
use tokio::time::Instant;

use super::body::{BodySource, PreparedBody};
use crate::error::Error;
use crate::retry::{Attempt, RetryBudget, RetryPolicy, is_retryable, parse_retry_after};
use crate::transport::{HttpRequest, HttpResponse, SharedTransport, TransportError};

/// Everything needed to send requests, shared by the client's clones and its token
/// fetcher.
#[derive(Debug)]
pub(crate) struct Engine {
    pub(crate) base_url: String,
    pub(crate) transport: SharedTransport,
    pub(crate) user_agent: HeaderValue,
    pub(crate) request_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) budget: RetryBudget,
    pub(crate) max_response_bytes: u64,
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
    pub(crate) content_type: Option<String>,
    pub(crate) body: Bytes,
}

impl Answer {
    fn from_response(response: HttpResponse) -> Self {
        Self {
            status: response.status.as_u16(),
            content_type: response.content_type().map(str::to_owned),
            body: response.body,
        }
    }
}

fn is_auth_rejection(response: &HttpResponse) -> bool {
    let status = response.status.as_u16();
    if matches!(status, 401 | 403) {
        return true;
    }
    // Body code 1 lives under a `"code"` key (V3 shape); skip the extra parse of
    // every other body, which is most of them.
    contains(&response.body, br#""code""#)
        && matches!(
            decode_envelope(status, response.content_type(), &response.body),
            Err(ResponseError::Api(e)) if e.code().code() == 1
        )
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

impl Engine {
    /// Sends `call`, retrying what is safe to retry, refreshing a rejected token once.
    /// Runs inside the caller's span, whose `attempt`, `http.status` and `latency_ms`
    /// fields it records.
    pub(crate) async fn execute(
        &self,
        call: &Call,
        tokens: Option<&SharedTokenProvider>,
        span: &tracing::Span,
    ) -> Result<Answer, Error> {
        let endpoint = call.endpoint;
        let class = endpoint.retry_class();
        let needs_auth = endpoint.requires_auth();
        let mut attempt: u32 = 0;
        let mut sends: u32 = 0;
        let mut refreshed = false;
        loop {
            attempt += 1;
            sends += 1;
            span.record("attempt", sends);
            let token = match (needs_auth, tokens) {
                (true, Some(tokens)) => Some(tokens.token().await.map_err(Error::from_auth)?),
                (true, None) => {
                    return Err(Error::config(format!(
                        "`{endpoint}` needs an access token, and the client has no credentials \
                         or token provider"
                    )));
                }
                (false, _) => None,
            };
            let request = self.request(call, token.as_ref()).await?;
            let started = Instant::now();
            let result =
                match tokio::time::timeout(call.timeout, self.transport.send(request)).await {
                    Ok(result) => result,
                    Err(_) => Err(TransportError::timeout(format!(
                        "no complete response within {:?}",
                        call.timeout
                    ))),
                };
            let latency = started.elapsed();
            span.record("latency_ms", latency.as_millis() as u64);
            match result {
                Err(error) => {
                    tracing::debug!(
                        endpoint = endpoint.name(),
                        attempt = sends,
                        kind = ?error.kind(),
                        "faceki attempt failed"
                    );
                    if attempt < self.retry.max_attempts()
                        && is_retryable(class, Attempt::Transport(&error))
                        && self.budget.try_withdraw()
                    {
                        tokio::time::sleep(self.retry.delay(attempt, None)).await;
                        continue;
                    }
                    return Err(Error::transport(endpoint, error, sends));
                }
                Ok(response) => {
                    let status = response.status.as_u16();
                    span.record("http.status", status);
                    tracing::debug!(
                        endpoint = endpoint.name(),
                        attempt = sends,
                        http.status = status,
                        latency_ms = latency.as_millis() as u64,
                        "faceki attempt answered"
                    );
                    if let (Some(token), Some(tokens)) = (&token, tokens) {
                        if !refreshed && is_auth_rejection(&response) {
                            tokens.invalidate(token);
                            refreshed = true;
                            attempt -= 1;
                            continue;
                        }
                    }
                    if attempt < self.retry.max_attempts()
                        && is_retryable(class, Attempt::Status(status))
                        && self.budget.try_withdraw()
                    {
                        let retry_after = parse_retry_after(
                            response
                                .headers
                                .get(header::RETRY_AFTER)
                                .and_then(|v| v.to_str().ok()),
                            SystemTime::now(),
                        );
                        tokio::time::sleep(self.retry.delay(attempt, retry_after)).await;
                        continue;
                    }
                    if (200..300).contains(&status) {
                        self.budget.deposit_success();
                    }
                    return Ok(Answer::from_response(response));
                }
            }
        }
    }

    /// Builds one attempt's request; opens image sources (errors here are reported
    /// before anything is sent).
    async fn request(
        &self,
        call: &Call,
        token: Option<&AccessToken>,
    ) -> Result<HttpRequest, Error> {
        let (body, content_type) = call.body.open(call.endpoint).await?;
        let mut headers = HeaderMap::with_capacity(call.headers.len() + 5);
        headers.insert(header::USER_AGENT, self.user_agent.clone());
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
        if !matches!(body, crate::transport::RequestBody::Empty) {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        }
        if let Some(token) = token {
            let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose_secret()))
                .map_err(|_| {
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
        Ok(HttpRequest::new(
            call.endpoint.method_http(),
            format!("{}{}", self.base_url, call.path_and_query),
        )
        .with_headers(headers)
        .with_body(body)
        .with_timeout(Some(call.timeout))
        .with_max_response_bytes(self.max_response_bytes))
    }
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
