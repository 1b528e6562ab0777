//! [`Client`]: the handle every call starts from, grouped by product
//! ([`Client::v2`], [`Client::v3`], [`Client::links`], [`Client::records`]).
//!
//! Build one with [`Client::builder`] (or [`Client::from_env`]) and clone it freely:
//! clones share one token cache, one connection pool and one retry budget.
//!
//! Every call goes through the same engine: a bearer token from the token provider;
//! images checked before anything is sent and streamed from their source for every
//! attempt; for reads, one refresh-and-resend when Faceki rejects the token (HTTP
//! 401/403 or body code 1); for calls with an effect, a resend only when nothing was
//! sent or after an HTTP 401, and a lookup by record identifier before that (see
//! `effectful.rs`); retries only where [`RetryPolicy`](crate::RetryPolicy) allows them;
//! one tracing span per call with the endpoint, attempt, HTTP status, response code and
//! latency (never a secret, a body or a query string); and the answer decoded by its
//! envelope shape, a non-success body code becoming an [`Error`].

mod body;
mod builder;
mod effectful;
mod execute;
mod preflight;
mod reconcile;
mod token;
mod uploads;

pub use builder::{
    BASE_URL_VAR, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_REQUEST_TIMEOUT, DEFAULT_TOKEN_TIMEOUT,
};
pub use preflight::PreflightRefusal;
pub use reconcile::{RECONCILE_CLOCK_SKEW, VerificationLookup};

pub(crate) use execute::Answer;
#[cfg(feature = "reqwest")]
pub(crate) use execute::no_response_within;

use std::fmt;
use std::sync::{Arc, OnceLock};

use faceki_auth::SharedTokenProvider;
use faceki_types::decode::decode;
use faceki_types::{Endpoint, RequestError, RequestSpec};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use self::body::BodySource;
use self::execute::{Call, Engine};
use crate::error::Error;

/// The Faceki API client. Cheap to clone; `Send + Sync`.
///
/// ```no_run
/// use faceki_http::Client;
///
/// # async fn demo() -> Result<(), faceki_http::Error> {
/// let client = Client::builder()
///     .credentials("my-client-id", "my-client-secret")
///     .build()?;
/// let rules = client.v2().rules().await?;
/// # let _ = rules;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    engine: Arc<Engine>,
    tokens: Option<SharedTokenProvider>,
    max_image_bytes: u64,
    preflight: Option<Arc<dyn faceki_types::preflight::ImagePreflight>>,
    pdf_report_path: Option<faceki_types::request::PdfReportPath>,
    /// Calls for requests without inputs, built on first use and sent as they are.
    fixed: FixedCalls,
}

/// The prepared calls of the requests that take no input (V2-2, V2-5): the same
/// method, path and headers every time, so they are described, validated and
/// converted once per client instead of once per call.
#[derive(Default)]
pub(crate) struct FixedCalls {
    pub(crate) kyc_rules: OnceLock<Call>,
    pub(crate) kyc_summary: OnceLock<Call>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.engine.base_url)
            .field("transport", &self.inner.engine.transport)
            .field("tokens", &self.inner.tokens)
            .field("retry", &self.inner.engine.retry)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A builder with the defaults (see [`ClientBuilder`]).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment: `FACEKI_CLIENT_ID`,
    /// `FACEKI_CLIENT_SECRET` and, optionally, `FACEKI_BASE_URL`.
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        &self.inner.engine.base_url
    }

    /// The token provider, if the client has one.
    pub fn token_provider(&self) -> Option<&SharedTokenProvider> {
        self.inner.tokens.as_ref()
    }

    /// The largest image accepted.
    pub fn max_image_bytes(&self) -> u64 {
        self.inner.max_image_bytes
    }

    /// The PDF report path, if configured.
    pub(crate) fn pdf_report_path(&self) -> Option<&faceki_types::request::PdfReportPath> {
        self.inner.pdf_report_path.as_ref()
    }

    /// V2-9 / V3-4: records by a query.
    pub(crate) async fn records_query(
        &self,
        query: faceki_types::request::RecordsQuery,
    ) -> Result<faceki_types::model::Records, Error> {
        self.call(Endpoint::Records, query.build()).await
    }

    /// The call's tracing span.
    pub(crate) fn span(endpoint: Endpoint) -> tracing::Span {
        tracing::info_span!(
            "faceki.call",
            endpoint = endpoint.name(),
            attempt = tracing::field::Empty,
            http.status = tracing::field::Empty,
            response_code = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        )
    }

    /// Turns a request description into a call the engine can send (and resend).
    pub(crate) fn prepare_call<S: BodySource>(
        &self,
        spec: Result<RequestSpec<S>, RequestError>,
        endpoint: Endpoint,
    ) -> Result<Call, Error> {
        let spec = spec.map_err(|e| Error::request(Some(endpoint), e))?;
        Call::from_spec(
            spec,
            self.inner.engine.request_timeout,
            body::random_boundary,
        )
    }

    /// Sends a prepared call and returns the raw answer. Not an `async fn`: the
    /// engine's future is returned as is, not wrapped in (and copied into) another.
    fn execute<'a>(
        &'a self,
        call: &'a Call,
        span: &'a tracing::Span,
        first_attempt: u32,
    ) -> impl Future<Output = Result<Answer, Error>> + Send + 'a {
        self.inner
            .engine
            .execute(call, self.inner.tokens.as_ref(), span, first_attempt)
    }

    /// Sends a described request and decodes its payload.
    pub(crate) async fn call<T: DeserializeOwned, S: BodySource>(
        &self,
        endpoint: Endpoint,
        spec: Result<RequestSpec<S>, RequestError>,
    ) -> Result<T, Error> {
        self.call_identified(endpoint, spec, None)
            .await
            .map(|(value, _)| value)
    }

    /// [`Client::call`] for a billed call that carries the caller's record
    /// identifier, so that a lost or refused answer is reconciled by a lookup; the
    /// flag says the value is the record found that way.
    pub(crate) async fn call_identified<T: DeserializeOwned, S: BodySource>(
        &self,
        endpoint: Endpoint,
        spec: Result<RequestSpec<S>, RequestError>,
        identifier: Option<&str>,
    ) -> Result<(T, bool), Error> {
        let span = Self::span(endpoint);
        async {
            let call = self.prepare_call(spec, endpoint)?;
            if endpoint.effect().has_effect() {
                self.send_effectful(&call, &span, identifier, |answer| {
                    decode_answer(&call, &span, answer)
                })
                .await
            } else {
                self.send_and_decode(&call, &span)
                    .await
                    .map(|value| (value, false))
            }
        }
        .instrument(span.clone())
        .await
    }

    /// Sends one of the requests without inputs, prepared once per client.
    pub(crate) async fn call_fixed<T: DeserializeOwned>(
        &self,
        endpoint: Endpoint,
        slot: fn(&FixedCalls) -> &OnceLock<Call>,
        describe: fn() -> RequestSpec,
    ) -> Result<T, Error> {
        let span = Self::span(endpoint);
        async {
            let cell = slot(&self.inner.fixed);
            let call = match cell.get() {
                Some(call) => call,
                None => {
                    // Two first callers may both prepare one; either is kept.
                    let prepared = self.prepare_call(Ok(describe()), endpoint)?;
                    cell.get_or_init(|| prepared)
                }
            };
            self.send_and_decode(call, &span).await
        }
        .instrument(span.clone())
        .await
    }

    /// Sends a prepared call and decodes its payload, recording a failure's body code.
    async fn send_and_decode<T: DeserializeOwned>(
        &self,
        call: &Call,
        span: &tracing::Span,
    ) -> Result<T, Error> {
        let answer = self.execute(call, span, 1).await?;
        decode_answer(call, span, &answer)
    }

    /// Sends a described request and returns its raw body (for downloads), after
    /// checking the HTTP status and any JSON error envelope.
    pub(crate) async fn call_raw<S: BodySource>(
        &self,
        endpoint: Endpoint,
        spec: Result<RequestSpec<S>, RequestError>,
    ) -> Result<(Option<String>, bytes::Bytes), Error> {
        let span = Self::span(endpoint);
        async {
            let call = self.prepare_call(spec, endpoint)?;
            let answer = self.execute(&call, &span, 1).await?;
            let is_json = answer.content_type().is_some_and(|ct| ct.contains("json"));
            if is_json || !(200..300).contains(&answer.status) {
                // A JSON answer to a download is an error envelope (or an unexpected shape).
                let decoded = faceki_types::decode::decode_envelope(
                    answer.status,
                    answer.content_type(),
                    &answer.body,
                )
                .map(|_| ());
                record_code(&span, &decoded);
                decoded.map_err(|e| Error::from_response(endpoint, e))?;
                if !(200..300).contains(&answer.status) {
                    return Err(Error::status(endpoint, answer.status));
                }
            }
            Ok((answer.content_type().map(str::to_owned), answer.body))
        }
        .instrument(span.clone())
        .await
    }
}

/// Decodes an answer's payload, recording a failure's body code on the span.
fn decode_answer<T: DeserializeOwned>(
    call: &Call,
    span: &tracing::Span,
    answer: &Answer,
) -> Result<T, Error> {
    let decoded = decode::<T>(answer.status, answer.content_type(), &answer.body);
    record_code(span, &decoded);
    decoded.map_err(|e| Error::from_response(call.endpoint, e))
}

/// Records the body code of a failed answer on the call's span.
pub(crate) fn record_code<T>(
    span: &tracing::Span,
    decoded: &Result<T, faceki_types::decode::ResponseError>,
) {
    if let Err(faceki_types::decode::ResponseError::Api(api)) = decoded {
        span.record("response_code", api.code().code());
    }
}
