//! The fault-injection matrix: three endpoint classes — the token fetch, a `GET`
//! (`kyc_rules`) and a billed `POST` (`v3_verification`) — under every fault the
//! sandbox can show (dropped connection, timeout, 502 HTML page, truncated JSON, token
//! revoked mid-run, 429 with `Retry-After`, slow body), over the real reqwest transport
//! on 127.0.0.1.
//!
//! Each cell checks that the call ends within a safety limit (never hangs), ends in
//! success after the allowed retries or in an error with the right predicates, that a
//! billed `POST` is never processed twice (sandbox counters), and that neither the
//! error's `Display`/`Debug` nor anything traced at TRACE level contains the client
//! secret or an access token. The matrix is written out in `docs/reliability.md`
//! ("Fault-injection suite").
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::future::Future;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use faceki_http::{Client, Delivery, Error, ImageInput, Lookup, RetryPolicy};
use faceki_sandbox::images::JPEG;
use faceki_sandbox::{Fault, Sandbox, SandboxHandle};
use faceki_types::request::RecordsQuery;
use faceki_types::{Endpoint, ResponseCode};

/// Whole-exchange timeout of API calls and of token requests in this suite.
const TIMEOUT: Duration = Duration::from_millis(400);
/// A latency or slow body well beyond [`TIMEOUT`].
const TOO_SLOW: Duration = Duration::from_secs(2);
/// The safety net around every call: three attempts of [`TIMEOUT`] for the token and
/// three for the call, plus backoff, fit easily. Firing it fails the test.
const LIMIT: Duration = Duration::from_secs(6);
/// "Every following request" for a fault that should exhaust the retries.
const ALWAYS: u32 = 50;

// ---------------------------------------------------------------------------------
// Tracing capture: one global TRACE subscriber writing formatted text to memory.

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The text every test's client traced so far (all tests share one subscriber).
fn traced() -> String {
    static BUFFER: OnceLock<Buffer> = OnceLock::new();
    let buffer = BUFFER.get_or_init(|| {
        let buffer = Buffer::default();
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).unwrap();
        buffer
    });
    String::from_utf8_lossy(&buffer.0.lock().unwrap()).into_owned()
}

// ---------------------------------------------------------------------------------
// One sandbox and one client per cell.

struct Env {
    sb: SandboxHandle,
    client: Client,
    secret: String,
    /// Every access token this client was seen to hold.
    tokens: Vec<String>,
}

impl Env {
    async fn start() -> Self {
        traced(); // install the subscriber before the first span
        let sb = Sandbox::builder()
            .token_lifetime(Duration::from_secs(3600))
            .start()
            .await
            .unwrap();
        let creds = sb.credentials();
        let client = Client::builder()
            .base_url(sb.base_url())
            .credentials(creds.client_id(), creds.client_secret().clone())
            .request_timeout(TIMEOUT)
            .token_timeout(TIMEOUT)
            .retry_policy(
                RetryPolicy::default()
                    .with_backoff(Duration::from_millis(5), Duration::from_millis(20))
                    .with_max_retry_after(Duration::from_millis(150)),
            )
            .build()
            .unwrap();
        Env {
            secret: creds.client_secret().expose_secret().to_owned(),
            sb,
            client,
            tokens: Vec::new(),
        }
    }

    /// Records the token the client holds now (fetching one if it has none).
    async fn note_token(&mut self) {
        let provider = self.client.token_provider().unwrap();
        let token = within(provider.token()).await.unwrap();
        self.tokens.push(token.expose_secret().to_owned());
    }

    async fn rules(&self) -> Result<(), Error> {
        within(self.client.v2().rules()).await.map(|rules| {
            assert!(!rules.allowed_kyc_documents.is_empty());
        })
    }

    async fn verify(&self, record_identifier: &str) -> Result<String, Error> {
        let input = faceki_http::v3::Verification::by_workflow("wf-default")
            .record_identifier(record_identifier)
            .selfie(ImageInput::bytes(JPEG))
            .document_1_front(ImageInput::bytes(JPEG))
            .document_1_back(ImageInput::bytes(JPEG));
        within(self.client.v3().verify(input))
            .await
            .map(|outcome| outcome.request_id.unwrap())
    }

    fn rules_sent(&self) -> u64 {
        self.sb.requests(Endpoint::KycRules)
    }

    fn verifications_sent(&self) -> u64 {
        self.sb.requests(Endpoint::V3Verification)
    }

    /// Nothing shown or traced contains the secret or a token.
    fn assert_clean(&self, err: Option<&Error>) {
        let mut haystacks = vec![("the trace", traced())];
        if let Some(err) = err {
            haystacks.push(("the error", format!("{err} | {err:?} | {err:#?}")));
        }
        for (what, text) in &haystacks {
            assert!(!text.contains(&self.secret), "{what} shows the secret");
            assert!(!text.contains("sbx."), "{what} shows a sandbox token");
            for token in &self.tokens {
                assert!(!text.contains(token.as_str()), "{what} shows a token");
            }
        }
        assert!(
            haystacks[0].1.contains("faceki attempt"),
            "the capture saw no client event, so the scan proves nothing"
        );
    }
}

/// Runs a call under the safety net: a call still running after [`LIMIT`] fails.
async fn within<T>(call: impl Future<Output = T>) -> T {
    tokio::time::timeout(LIMIT, call)
        .await
        .expect("a call hung past its time limit")
}

// ---------------------------------------------------------------------------------
// Token fetch (`POST /auth/api/generate-token`, the default variant): idempotent,
// retried; a failure that outlasts the retries is an auth error, and no API request is
// made.

const TOKEN: Endpoint = Endpoint::GenerateToken;

/// Injects `fault` on the token endpoint `times`, then makes one GET.
async fn token_cell(fault: Fault, times: u32) -> (Env, Result<(), Error>) {
    let env = Env::start().await;
    env.sb.inject_fault(TOKEN, fault, times);
    let result = env.rules().await;
    (env, result)
}

async fn token_recovers(fault: Fault) {
    let (mut env, result) = token_cell(fault, 1).await;
    result.unwrap();
    assert_eq!(env.sb.token_requests(), 2, "one retry of the token request");
    assert_eq!(env.rules_sent(), 1);
    env.note_token().await;
    env.assert_clean(None);
}

async fn token_fails(fault: Fault) -> Error {
    let (env, result) = token_cell(fault, ALWAYS).await;
    let err = result.unwrap_err();
    assert!(err.is_auth(), "{err}");
    assert_eq!(
        err.delivery(),
        Delivery::NotSent,
        "the call itself was not sent: {err}"
    );
    assert_eq!(env.sb.token_requests(), 3, "three attempts, then give up");
    assert_eq!(env.rules_sent(), 0, "no API call without a token");
    env.assert_clean(Some(&err));
    err
}

#[tokio::test]
async fn token_dropped_connection() {
    token_recovers(Fault::drop_connection()).await;
    let err = token_fails(Fault::drop_connection()).await;
    assert!(err.is_transport() && !err.is_timeout(), "{err}");
}

#[tokio::test]
async fn token_timeout() {
    token_recovers(Fault::latency(TOO_SLOW)).await;
    let err = token_fails(Fault::latency(TOO_SLOW)).await;
    assert!(err.is_timeout(), "{err}");
}

#[tokio::test]
async fn token_bad_gateway_html() {
    token_recovers(Fault::bad_gateway_html()).await;
    let err = token_fails(Fault::bad_gateway_html()).await;
    assert_eq!(err.http_status(), Some(502), "{err}");
    assert!(!err.to_string().contains("<html"), "{err}");
}

#[tokio::test]
async fn token_truncated_json() {
    token_recovers(Fault::truncated_body()).await;
    let err = token_fails(Fault::truncated_body()).await;
    assert!(err.is_transport() && !err.is_timeout(), "{err}");
}

#[tokio::test]
async fn token_revoked_then_the_refetch_is_dropped() {
    // The cached token is revoked (the sandbox clock passes its lifetime); the API
    // answers 401, the client refetches, and that refetch itself is faulted once.
    let mut env = Env::start().await;
    env.rules().await.unwrap();
    env.note_token().await;
    env.sb.advance_clock(Duration::from_secs(7200));
    env.sb.inject_fault(TOKEN, Fault::drop_connection(), 1);
    env.rules().await.unwrap();
    assert_eq!(env.sb.token_requests(), 3, "first, dropped, refetched");
    assert_eq!(env.rules_sent(), 3, "ok, 401, ok");
    env.note_token().await;
    assert_ne!(env.tokens[0], env.tokens[1]);
    env.assert_clean(None);
}

#[tokio::test]
async fn token_rate_limited() {
    token_recovers(Fault::rate_limited(1)).await;
    let err = token_fails(Fault::rate_limited(1)).await;
    assert_eq!(err.http_status(), Some(429), "{err}");
}

#[tokio::test]
async fn token_slow_body() {
    token_recovers(Fault::slow_body(TOO_SLOW)).await;
    let err = token_fails(Fault::slow_body(TOO_SLOW)).await;
    assert!(err.is_timeout(), "{err}");
}

// ---------------------------------------------------------------------------------
// GET (`kyc_rules`): retried up to three attempts; then a typed error.

const RULES: Endpoint = Endpoint::KycRules;

async fn get_recovers(fault: Fault) {
    let mut env = Env::start().await;
    env.sb.inject_fault(RULES, fault, 1);
    env.rules().await.unwrap();
    assert_eq!(env.rules_sent(), 2, "one retry");
    assert_eq!(env.sb.token_requests(), 1);
    env.note_token().await;
    env.assert_clean(None);
}

async fn get_fails(fault: Fault) -> Error {
    let mut env = Env::start().await;
    env.sb.inject_fault(RULES, fault, ALWAYS);
    let err = env.rules().await.unwrap_err();
    assert_eq!(env.rules_sent(), 3, "three attempts, then give up");
    assert_eq!(err.endpoint(), Some(RULES));
    // A read's verdict is informative only: nothing it does can be billed.
    let expected = if err.http_status() == Some(429) {
        Delivery::Rejected
    } else {
        Delivery::MaybeProcessed
    };
    assert_eq!(err.delivery(), expected, "{err}");
    assert!(!err.to_string().contains("billed"), "{err}");
    assert!(!err.is_auth(), "{err}");
    env.note_token().await;
    env.assert_clean(Some(&err));
    err
}

#[tokio::test]
async fn get_dropped_connection() {
    get_recovers(Fault::drop_connection()).await;
    let err = get_fails(Fault::drop_connection()).await;
    assert!(err.is_transport() && !err.is_timeout(), "{err}");
    assert_eq!(err.attempts(), Some(3));
}

#[tokio::test]
async fn get_timeout() {
    get_recovers(Fault::latency(TOO_SLOW)).await;
    let err = get_fails(Fault::latency(TOO_SLOW)).await;
    assert!(err.is_timeout() && err.is_transport(), "{err}");
    assert_eq!(err.attempts(), Some(3));
}

#[tokio::test]
async fn get_bad_gateway_html() {
    get_recovers(Fault::bad_gateway_html()).await;
    let err = get_fails(Fault::bad_gateway_html()).await;
    assert_eq!(err.http_status(), Some(502), "{err}");
    assert!(!err.is_api() && !err.is_transport(), "{err}");
    assert!(!err.to_string().contains("<html"), "{err}");
}

#[tokio::test]
async fn get_truncated_json() {
    get_recovers(Fault::truncated_body()).await;
    let err = get_fails(Fault::truncated_body()).await;
    assert!(err.is_transport() && !err.is_timeout(), "{err}");
    assert_eq!(err.attempts(), Some(3));
}

#[tokio::test]
async fn get_token_revoked() {
    let mut env = Env::start().await;
    env.rules().await.unwrap();
    env.note_token().await;
    env.sb.advance_clock(Duration::from_secs(7200));
    env.rules().await.unwrap();
    assert_eq!(env.rules_sent(), 3, "ok, 401, ok with a fresh token");
    assert_eq!(env.sb.token_requests(), 2);
    env.note_token().await;
    assert_ne!(env.tokens[0], env.tokens[1]);

    // Rejected again after the refresh: refreshed once only, then an auth error.
    env.sb.push_outcome(RULES, ResponseCode::from_code(1));
    env.sb.push_outcome(RULES, ResponseCode::from_code(1));
    let err = env.rules().await.unwrap_err();
    assert!(err.is_auth(), "{err}");
    assert_eq!(env.rules_sent(), 5);
    assert_eq!(env.sb.token_requests(), 3);
    env.note_token().await;
    env.assert_clean(Some(&err));
}

#[tokio::test]
async fn get_rate_limited() {
    let started = std::time::Instant::now();
    get_recovers(Fault::rate_limited(1)).await;
    // Retry-After: 1 is clamped to this suite's 150 ms.
    assert!(started.elapsed() >= Duration::from_millis(150));
    let err = get_fails(Fault::rate_limited(1)).await;
    assert_eq!(err.http_status(), Some(429), "{err}");
    // The sandbox's 429 carries a V3 body with code 429.
    assert!(err.is_api() && !err.is_transport(), "{err}");
}

#[tokio::test]
async fn get_slow_body() {
    get_recovers(Fault::slow_body(TOO_SLOW)).await;
    let err = get_fails(Fault::slow_body(TOO_SLOW)).await;
    assert!(err.is_timeout() && err.is_transport(), "{err}");
}

// ---------------------------------------------------------------------------------
// Billed POST (`v3_verification`): never sent a second time once it may have reached
// the server; a lost answer is `outcome_unknown`.

const VERIFY: Endpoint = Endpoint::V3Verification;

/// Injects `fault` once on the verification and checks it was sent exactly once.
async fn billed_fails(fault: Fault) -> (Env, Error) {
    let mut env = Env::start().await;
    env.sb.inject_fault(VERIFY, fault, 1);
    let err = env.verify("cust-fault").await.unwrap_err();
    assert_eq!(env.verifications_sent(), 1, "a billed call is sent once");
    assert_eq!(err.endpoint(), Some(VERIFY));
    assert!(!err.is_auth(), "{err}");
    env.note_token().await;
    env.assert_clean(Some(&err));
    (env, err)
}

/// The lost-answer cells: the verdict is "maybe processed", the client looked the
/// record up by its identifier, found none (the fault answered before the handler
/// ran) and did not send again.
async fn billed_outcome_unknown(fault: Fault) -> Error {
    let (env, err) = billed_fails(fault).await;
    assert_eq!(err.delivery(), Delivery::MaybeProcessed, "{err}");
    assert!(err.outcome_unknown(), "{err}");
    assert_eq!(err.lookup(), Some(&Lookup::NotFound), "{err}");
    assert!(err.to_string().contains("before submitting again"), "{err}");
    assert!(err.to_string().contains("not found"), "{err}");
    assert_eq!(env.sb.record_count(), 0);
    assert_eq!(env.sb.requests(Endpoint::Records), 1, "one lookup");
    err
}

#[tokio::test]
async fn billed_dropped_connection() {
    let err = billed_outcome_unknown(Fault::drop_connection()).await;
    assert!(!err.is_timeout() && err.is_transport(), "{err}");
    assert_eq!(err.attempts(), Some(1));
}

#[tokio::test]
async fn billed_timeout() {
    let err = billed_outcome_unknown(Fault::latency(TOO_SLOW)).await;
    assert!(err.is_timeout(), "{err}");
    assert_eq!(err.attempts(), Some(1));
}

#[tokio::test]
async fn billed_bad_gateway_html() {
    // A gateway's page is no answer from Faceki: the origin may still be working.
    let err = billed_outcome_unknown(Fault::bad_gateway_html()).await;
    assert_eq!(err.http_status(), Some(502), "{err}");
    assert!(!err.is_transport() && !err.is_api(), "{err}");
    assert!(!err.to_string().contains("<html"), "{err}");
}

#[tokio::test]
async fn billed_truncated_json() {
    let err = billed_outcome_unknown(Fault::truncated_body()).await;
    assert!(!err.is_timeout() && err.is_transport(), "{err}");
}

#[tokio::test]
async fn billed_token_revoked() {
    // A 401 means Faceki did not process the call: the client looks the record up by
    // its identifier (with the fresh token), finds none, and resends once; that
    // resend is the only processed request, so exactly one record exists.
    let mut env = Env::start().await;
    env.rules().await.unwrap();
    env.note_token().await;
    env.sb.advance_clock(Duration::from_secs(7200));
    let request_id = env.verify("cust-revoked").await.unwrap();
    assert_eq!(env.verifications_sent(), 2, "401, then the resend");
    assert_eq!(env.sb.record_count(), 1, "billed once");
    assert_eq!(
        env.sb.requests(Endpoint::Records),
        1,
        "the lookup before the resend"
    );
    assert_eq!(env.sb.token_requests(), 2);
    let records = within(
        env.client
            .records()
            .query(RecordsQuery::new().record_identifier("cust-revoked")),
    )
    .await
    .unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records.as_slice()[0].request_id.as_deref(),
        Some(request_id.as_str())
    );
    env.note_token().await;
    env.assert_clean(None);
}

#[tokio::test]
async fn billed_rate_limited() {
    let (env, err) = billed_fails(Fault::rate_limited(1)).await;
    assert_eq!(err.http_status(), Some(429), "{err}");
    assert!(
        err.is_api() && !err.outcome_unknown() && !err.is_transport(),
        "{err}"
    );
    assert_eq!(err.delivery(), Delivery::Rejected, "{err}");
    assert_eq!(env.sb.record_count(), 0);
    assert_eq!(
        env.sb.requests(Endpoint::Records),
        0,
        "a refusal needs no lookup"
    );
}

#[tokio::test]
async fn billed_slow_body() {
    // The sandbox processed the verification, then the answer trickled in too slowly.
    // The client looks the record up by its identifier, finds the one this call
    // created, and returns it as the call's result: billed once, nothing resent.
    let mut env = Env::start().await;
    env.sb.inject_fault(VERIFY, Fault::slow_body(TOO_SLOW), 1);
    let request_id = env.verify("cust-fault").await.unwrap();
    assert_eq!(env.verifications_sent(), 1, "a billed call is sent once");
    assert_eq!(env.sb.record_count(), 1);
    assert_eq!(env.sb.requests(Endpoint::Records), 1, "one lookup");
    let records = within(
        env.client
            .records()
            .query(RecordsQuery::new().record_identifier("cust-fault")),
    )
    .await
    .unwrap();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records.as_slice()[0].request_id.as_deref(),
        Some(request_id.as_str())
    );
    env.note_token().await;
    env.assert_clean(None);
}
