//! The blocking client (feature `blocking`) against the offline sandbox on 127.0.0.1:
//! every group's calls, the async client's errors, reconciliation of a lost answer,
//! calls from inside an async context, one token for clones on several threads, the
//! caller's tracing subscriber, panics and calls made from inside a call.
//!
//! The sandbox is served by its own runtime ([`Served`]); the blocking client is
//! driven from plain threads, as in synchronous code.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::ops::Deref;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, SystemTime};

use faceki_http::blocking::Client;
use faceki_http::records::{RECONCILE_CLOCK_SKEW, RecordsQuery, VerificationLookup};
use faceki_http::transport::{HttpResponse, TransportError, transport_fn};
use faceki_http::{Delivery, Error, ImageInput, RetryPolicy};
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Fault, PDF_REPORT_PATH, Sandbox, SandboxHandle};
use faceki_types::request::CreateLink;
use faceki_types::{Endpoint, ResponseCode};

/// A sandbox served by a runtime of its own, so that whoever calls the blocking client
/// (a plain thread, or a test's async context that the call blocks) need not drive it.
struct Served {
    handle: Option<SandboxHandle>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Served {
    fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        runtime.spawn(async move {
            let _ = sender.send(Sandbox::builder().start().await);
        });
        let handle = receiver.recv().unwrap().unwrap();
        Self {
            handle: Some(handle),
            runtime: Some(runtime),
        }
    }

    /// Runs an async call to compare with (from a plain thread only).
    fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.as_ref().unwrap().block_on(future)
    }
}

impl Deref for Served {
    type Target = SandboxHandle;
    fn deref(&self) -> &SandboxHandle {
        self.handle.as_ref().unwrap()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        drop(self.handle.take());
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn builder(sandbox: &SandboxHandle) -> faceki_http::ClientBuilder {
    let creds = sandbox.credentials();
    Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .pdf_report_path(PDF_REPORT_PATH)
        .request_timeout(Duration::from_secs(5))
        .retry_policy(
            RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(5)),
        )
}

fn client(sandbox: &SandboxHandle) -> Client {
    builder(sandbox).build_blocking().unwrap()
}

fn v3_input(identifier: &str) -> faceki_http::v3::Verification {
    // The default workflow asks for one ID card: front and back.
    faceki_http::v3::Verification::by_workflow("wf-default")
        .record_identifier(identifier)
        .selfie(ImageInput::bytes(JPEG))
        .document_1_front(ImageInput::bytes(JPEG))
        .document_1_back(ImageInput::bytes(PNG))
}

fn v2_single() -> faceki_http::v2::SingleVerification {
    faceki_http::v2::SingleVerification::new()
        .selfie_image(ImageInput::bytes(JPEG))
        .doc_front_image(ImageInput::bytes(JPEG))
        .doc_back_image(ImageInput::bytes(PNG))
}

#[test]
fn every_v2_link_and_record_call() {
    let sandbox = Served::start();
    let client = client(&sandbox);

    let rules = client.v2().rules().unwrap();
    assert_eq!(rules.allowed_kyc_documents.len(), 3);
    client.v2().summary().unwrap();

    let single = client.v2().verify(v2_single()).unwrap();
    let request_id = single.request_id.clone().unwrap();
    let parts = sandbox
        .last_request_to(Endpoint::SingleVerification)
        .unwrap()
        .parts;
    assert_eq!(parts.len(), 3);
    assert_eq!(parts[2].content_type.as_deref(), Some("image/png"));
    assert_eq!(parts[2].size, PNG.len());

    let multi = client
        .v2()
        .verify_multi(
            faceki_http::v2::MultiVerification::new()
                .selfie_image(ImageInput::bytes(JPEG))
                .id_front_image(ImageInput::bytes(JPEG))
                .id_back_image(ImageInput::bytes(JPEG)),
        )
        .unwrap();
    assert!(multi.id_kyc_data.is_some());

    let records = client
        .records()
        .query(RecordsQuery::new().request_id(&request_id))
        .unwrap();
    assert_eq!(records.len(), 1);

    let link = client
        .links()
        .create(CreateLink::new().expiry_minutes(30).application_id("app-7"))
        .unwrap();
    assert!(link.url.is_some());
    client.links().validate(&link.link_id).unwrap();
    client
        .v2()
        .verify(
            faceki_http::v2::SingleVerification::by_link(&link.link_id, "Passport")
                .selfie_image(ImageInput::bytes(JPEG))
                .doc_front_image(ImageInput::bytes(JPEG))
                .doc_back_image(ImageInput::bytes(JPEG)),
        )
        .unwrap();
    client
        .v2()
        .verify_multi(
            faceki_http::v2::MultiVerification::by_link(&link.link_id)
                .selfie_image(ImageInput::bytes(JPEG))
                .pp_front_image(ImageInput::bytes(JPEG)),
        )
        .unwrap();
    assert!(
        !sandbox
            .last_request_to(Endpoint::LinkMultiVerification)
            .unwrap()
            .bearer
    );
    assert_eq!(client.records().by_link(&link.link_id).unwrap().len(), 2);
    assert_eq!(client.records().by_reference("app-7").unwrap().len(), 2);

    let found = client.v2().face_check(ImageInput::bytes(JPEG)).unwrap();
    assert_eq!(found.face_verified, Some(true));

    for endpoint in [
        Endpoint::KycRules,
        Endpoint::KycSummary,
        Endpoint::SingleVerification,
        Endpoint::MultiVerification,
        Endpoint::Records,
        Endpoint::CreateLink,
        Endpoint::ValidateLink,
        Endpoint::LinkSingleVerification,
        Endpoint::LinkMultiVerification,
        Endpoint::RecordsByLink,
        Endpoint::RecordsByReference,
        Endpoint::FaceCheck,
    ] {
        assert_eq!(sandbox.requests(endpoint), 1, "{endpoint}");
    }
    assert_eq!(sandbox.token_requests(), 1, "one token for the session");
}

#[test]
fn every_v3_call_and_the_reconciliation_lookup() {
    let sandbox = Served::start();
    let client = client(&sandbox);
    let started = SystemTime::now() - RECONCILE_CLOCK_SKEW;

    let wf = client.v3().workflow_rules("wf-default").unwrap();
    assert_eq!(wf.workflow_id.as_deref(), Some("wf-default"));
    let outcome = client.v3().verify(v3_input("cust-7")).unwrap();
    assert!(outcome.decision.as_ref().unwrap().is_accepted());
    assert!(!outcome.reconciled);
    let request_id = outcome.request_id.clone().unwrap();

    let records = client
        .records()
        .query(RecordsQuery::new().record_identifier("cust-7"))
        .unwrap();
    assert_eq!(records.len(), 1);
    match client
        .records()
        .find_verification("cust-7", started)
        .unwrap()
    {
        VerificationLookup::Found(record) => {
            assert_eq!(record.request_id.as_deref(), Some(request_id.as_str()));
        }
        other => panic!("expected the record: {other:?}"),
    }
    assert_eq!(
        client
            .records()
            .find_verification("cust-never", started)
            .unwrap(),
        VerificationLookup::NotFound
    );

    let found = client.v3().search_by_face(ImageInput::bytes(JPEG)).unwrap();
    assert_eq!(found.len(), 1);
    let report = client.v3().pdf_report(&request_id).unwrap();
    assert!(report.bytes.starts_with(b"%PDF"));
    assert_eq!(report.content_type.as_deref(), Some("application/pdf"));
    let err = client.v3().pdf_report("no-such-request").unwrap_err();
    assert_eq!(err.response_code().unwrap().code(), 8013);

    let link = client
        .links()
        .create(
            CreateLink::new()
                .expiry_minutes(10)
                .application_id("app-v3")
                .workflow_id("wf-default"),
        )
        .unwrap();
    client.links().workflow_rules(&link.link_id).unwrap();
    let by_link = client
        .v3()
        .verify(
            faceki_http::v3::Verification::by_link(&link.link_id)
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(JPEG))
                .document_1_back(ImageInput::bytes(JPEG)),
        )
        .unwrap();
    assert!(by_link.request_id.is_some());
    assert!(
        !sandbox
            .last_request_to(Endpoint::V3VerificationByLink)
            .unwrap()
            .bearer
    );

    let analysis = client.v3().analyze_face(ImageInput::bytes(JPEG)).unwrap();
    assert!(analysis.min_age.is_some());

    let err = client.v3().workflow_rules("wf-unknown").unwrap_err();
    assert_eq!(err.response_code().unwrap().code(), 5001);
    assert_eq!(sandbox.token_requests(), 1);
}

/// What an error says, compared between the blocking and the async client.
fn facts(err: &Error) -> String {
    format!(
        "{err} | code {:?} | http {:?} | {:?} | {:?} | endpoint {:?} | lookup {:?}",
        err.response_code(),
        err.http_status(),
        err.delivery(),
        err.wire(),
        err.endpoint(),
        err.lookup(),
    )
}

#[test]
fn errors_are_the_async_clients_errors() {
    let sandbox = Served::start();
    let client = client(&sandbox);

    // A forced body code, the same way through both clients.
    sandbox.push_outcome(Endpoint::V3Verification, ResponseCode::from_code(5004));
    let blocking = client.v3().verify(v3_input("cust-a")).unwrap_err();
    sandbox.push_outcome(Endpoint::V3Verification, ResponseCode::from_code(5004));
    let async_err = sandbox
        .block_on(client.as_async().v3().verify(v3_input("cust-a")))
        .unwrap_err();
    assert_eq!(
        blocking.response_code(),
        Some(ResponseCode::from_code(5004))
    );
    assert!(blocking.is_api());
    assert_eq!(facts(&blocking), facts(&async_err));

    // A billed call under a 502 is sent once: the same verdict through both.
    sandbox.inject_fault(Endpoint::SingleVerification, Fault::bad_gateway_html(), 1);
    let blocking = client.v2().verify(v2_single()).unwrap_err();
    sandbox.inject_fault(Endpoint::SingleVerification, Fault::bad_gateway_html(), 1);
    let async_err = sandbox
        .block_on(client.as_async().v2().verify(v2_single()))
        .unwrap_err();
    assert_eq!(blocking.http_status(), Some(502));
    assert_eq!(facts(&blocking), facts(&async_err));
    assert_eq!(sandbox.requests(Endpoint::SingleVerification), 2);
}

#[test]
fn invalid_input_is_refused_before_anything_is_sent() {
    let sandbox = Served::start();
    let client = client(&sandbox);

    let not_an_image = client
        .v3()
        .verify(
            faceki_http::v3::Verification::by_workflow("wf-default")
                .record_identifier("cust-bad")
                .selfie(ImageInput::bytes(b"definitely not an image".to_vec()))
                .document_1_front(ImageInput::bytes(JPEG))
                .document_1_back(ImageInput::bytes(PNG)),
        )
        .unwrap_err();
    assert!(not_an_image.is_invalid_input(), "{not_an_image}");
    assert_eq!(not_an_image.delivery(), Delivery::NotSent);

    let missing = std::env::temp_dir().join("faceki-blocking-no-such-selfie.jpg");
    let err = client
        .v2()
        .face_check(ImageInput::path(missing))
        .unwrap_err();
    assert!(err.is_invalid_input(), "{err}");
    let err = client
        .v3()
        .analyze_face(ImageInput::bytes(Vec::new()))
        .unwrap_err();
    assert!(err.is_invalid_input(), "{err}");

    // No PDF report path configured: refused too.
    let creds = sandbox.credentials();
    let no_report_path = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .build_blocking()
        .unwrap();
    let err = no_report_path.v3().pdf_report("r-1").unwrap_err();
    assert!(err.is_config(), "{err}");

    assert_eq!(sandbox.total_requests(), 0, "nothing was sent");
    assert_eq!(sandbox.token_requests(), 0, "not even a token request");
}

#[test]
fn a_lost_answer_is_reconciled_to_exactly_one_record() {
    let sandbox = Served::start();
    let client = client(&sandbox);
    client.v2().rules().unwrap(); // the token first

    let records_before = sandbox.record_count();
    sandbox.inject_fault(
        Endpoint::V3Verification,
        Fault::processed_then(Fault::drop_connection()),
        1,
    );
    let outcome = client.v3().verify(v3_input("cust-lost")).unwrap();
    assert!(outcome.reconciled, "{outcome:?}");
    assert_eq!(sandbox.requests(Endpoint::V3Verification), 1, "sent once");
    assert_eq!(
        sandbox.record_count() - records_before,
        1,
        "exactly one record"
    );
    assert_eq!(sandbox.requests(Endpoint::Records), 1, "one lookup");

    // Without an identifier there is nothing to look up by: unknown, never resent.
    let records_before = sandbox.record_count();
    sandbox.inject_fault(
        Endpoint::SingleVerification,
        Fault::processed_then(Fault::bad_gateway_html()),
        1,
    );
    let err = client.v2().verify(v2_single()).unwrap_err();
    assert!(err.outcome_unknown(), "{err}");
    assert_eq!(err.delivery(), Delivery::MaybeProcessed);
    assert_eq!(err.lookup(), None);
    assert_eq!(sandbox.requests(Endpoint::SingleVerification), 1);
    assert_eq!(sandbox.record_count() - records_before, 1);
}

/// Builds, calls and drops a blocking client inside an async context.
async fn inside_an_async_context() {
    let sandbox = Served::start();
    let client = client(&sandbox);
    client.v2().rules().unwrap();
    let outcome = client.v3().verify(v3_input("cust-async")).unwrap();
    assert!(outcome.request_id.is_some());
    // The async client it drives works here too, on the caller's runtime.
    client.as_async().v2().summary().await.unwrap();
    let clone = client.clone();
    drop(client);
    clone.v2().summary().unwrap();
    drop(clone); // the last clone: its runtime stops without a panic
    assert_eq!(sandbox.token_requests(), 1);
    drop(sandbox);
}

#[tokio::test(flavor = "current_thread")]
async fn calls_and_drops_inside_a_current_thread_runtime() {
    inside_an_async_context().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_and_drops_inside_a_multi_thread_runtime() {
    inside_an_async_context().await;
}

#[test]
fn clones_on_several_threads_share_one_token() {
    let sandbox = Served::start();
    let client = client(&sandbox);
    let threads = 4;
    let barrier = Arc::new(Barrier::new(threads));
    let workers: Vec<_> = (0..threads)
        .map(|i| {
            let client = client.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait(); // every thread's first call needs the token at once
                client.v2().rules().unwrap();
                client.v2().summary().unwrap();
                client
                    .records()
                    .query(RecordsQuery::new().record_identifier(format!("cust-{i}")))
                    .unwrap();
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(sandbox.requests(Endpoint::KycRules), threads as u64);
    assert_eq!(sandbox.requests(Endpoint::KycSummary), threads as u64);
    assert_eq!(sandbox.token_requests(), 1, "one token for every clone");

    // A second blocking client over the same async client shares it too.
    let other = Client::from_async(client.as_async().clone()).unwrap();
    other.v2().rules().unwrap();
    drop(client);
    other.v2().summary().unwrap();
    assert_eq!(sandbox.token_requests(), 1);
}

/// Records the names and fields of the spans created through it.
#[derive(Clone, Default)]
struct Capture {
    log: Arc<Mutex<String>>,
    next: Arc<std::sync::atomic::AtomicU64>,
}

struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut log = self.log.lock().unwrap();
        let _ = write!(log, "\nspan {}", span.metadata().name());
        span.record(&mut Fields(&mut log));
        tracing::span::Id::from_u64(self.next.fetch_add(1, Ordering::SeqCst) + 1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, _: &tracing::Event<'_>) {}
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn spans_go_to_the_callers_subscriber() {
    let sandbox = Served::start();
    let client = client(&sandbox);
    let capture = Capture::default();
    {
        // A subscriber for this thread only: the call runs on the runtime thread.
        let _guard = tracing::subscriber::set_default(capture.clone());
        client.v2().rules().unwrap();
    }
    let log = capture.log.lock().unwrap().clone();
    assert!(
        log.contains("span faceki.call endpoint=\"kyc_rules\""),
        "{log}"
    );
    let secret = sandbox
        .credentials()
        .client_secret()
        .expose_secret()
        .to_owned();
    assert!(!log.contains(&secret), "{log}");
}

/// Answers the token call and the KYC rules, like Faceki.
fn fake_answer(url: &str) -> HttpResponse {
    if url.contains("token") {
        HttpResponse::json(
            200,
            r#"{"responseCode":0,"data":{"access_token":"t","expires_in":3600}}"#,
        )
    } else {
        HttpResponse::json(
            200,
            r#"{"responseCode":0,"data":{"allowedKycDocuments":["Passport"]}}"#,
        )
    }
}

#[test]
fn a_panic_in_a_call_is_resumed_on_the_caller_and_the_client_survives() {
    let panic_now = Arc::new(AtomicBool::new(true));
    let flag = Arc::clone(&panic_now);
    let client = Client::builder()
        .credentials("id", "secret")
        .transport(transport_fn(move |request| {
            let panic = flag.load(Ordering::SeqCst);
            async move {
                assert!(!panic, "the transport panicked");
                Ok::<_, TransportError>(fake_answer(request.url_without_query()))
            }
        }))
        .build_blocking()
        .unwrap();
    let caught =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| client.v2().rules())).unwrap_err();
    let message = caught
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| caught.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    assert!(message.contains("the transport panicked"), "{message}");

    panic_now.store(false, Ordering::SeqCst);
    let rules = client.v2().rules().unwrap();
    assert_eq!(rules.allowed_kyc_documents.len(), 1);
}

#[test]
fn a_call_from_inside_its_own_transport_fails_instead_of_deadlocking() {
    let slot: Arc<Mutex<Option<Client>>> = Arc::default();
    let nested: Arc<Mutex<Option<Result<(), Error>>>> = Arc::default();
    let (in_transport, seen) = (Arc::clone(&slot), Arc::clone(&nested));
    let client = Client::builder()
        .credentials("id", "secret")
        .transport(transport_fn(move |request| {
            let url = request.url_without_query().to_owned();
            if url.contains("kycrules") {
                let inner = in_transport.lock().unwrap().clone();
                if let Some(inner) = inner {
                    let result = inner.v2().summary().map(|_| ());
                    *seen.lock().unwrap() = Some(result);
                }
            }
            async move { Ok::<_, TransportError>(fake_answer(&url)) }
        }))
        .build_blocking()
        .unwrap();
    *slot.lock().unwrap() = Some(client.clone());

    let (sender, receiver) = std::sync::mpsc::channel();
    let caller = client.clone();
    std::thread::spawn(move || {
        let _ = sender.send(caller.v2().rules().map(|_| ()));
    });
    let outer = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("the nested call deadlocked");
    outer.unwrap();
    let inner = nested.lock().unwrap().take().expect("the transport ran");
    let err = inner.unwrap_err();
    assert!(err.is_config(), "{err}");
    assert_eq!(err.delivery(), Delivery::NotSent);
    // Break the client -> transport -> client cycle.
    slot.lock().unwrap().take();
}
