//! The "processed, then the answer is lost" column of the fault matrix: the sandbox
//! runs the real handler (the record is stored, the call billed) and then answers
//! 401, 502, 504, an HTML page under 200, a reset or a truncated body. For every
//! billed call this counts sends and records and checks the verdict against the
//! delivery table of `docs/reliability.md`:
//!
//! - a billed call with a record identifier (V3, V3 by link) is looked up and its
//!   record returned: **exactly one record**, one send, whatever the loss;
//! - a billed call without one (V2 verifications, face searches) cannot be looked
//!   up: a lost answer is `MaybeProcessed` and not resent (one send); an HTTP 401 is
//!   trusted to mean "not processed" and resent once (two sends: in this artificial
//!   case, where the server did process it, two records — the documented cost of
//!   that trust).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use faceki_http::{Client, Delivery, Error, ImageInput, RetryPolicy};
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Fault, Sandbox, SandboxHandle};
use faceki_types::Endpoint;
use faceki_types::request::CreateLink;

/// The losses, by name.
fn losses() -> Vec<(&'static str, Fault)> {
    vec![
        ("401", Fault::unauthorized()),
        ("502 html", Fault::bad_gateway_html()),
        ("504 html", Fault::gateway_timeout_html()),
        ("200 html", Fault::html_page(200)),
        ("reset", Fault::drop_connection()),
        ("truncated", Fault::truncated_body()),
    ]
}

fn client(sandbox: &SandboxHandle, retry: RetryPolicy) -> Client {
    let creds = sandbox.credentials();
    Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .request_timeout(Duration::from_secs(5))
        .retry_policy(retry.with_backoff(Duration::from_millis(1), Duration::from_millis(5)))
        .build()
        .unwrap()
}

fn v3_input(identifier: &str) -> faceki_http::v3::Verification {
    // The default workflow asks for one ID card: front and back.
    faceki_http::v3::Verification::by_workflow("wf-default")
        .record_identifier(identifier)
        .selfie(ImageInput::bytes(JPEG))
        .document_1_front(ImageInput::bytes(JPEG))
        .document_1_back(ImageInput::bytes(PNG))
}

/// The billed calls of the matrix.
#[derive(Debug, Clone, Copy)]
enum Billed {
    V3,
    V3ByLink,
    V2Single,
    V2Multi,
    FaceCheck,
    V3SearchByFace,
    V3AnalyzeFace,
    LinkSingle,
    LinkMulti,
    CreateLink,
}

impl Billed {
    fn endpoint(self) -> Endpoint {
        match self {
            Billed::V3 => Endpoint::V3Verification,
            Billed::V3ByLink => Endpoint::V3VerificationByLink,
            Billed::V2Single => Endpoint::SingleVerification,
            Billed::V2Multi => Endpoint::MultiVerification,
            Billed::FaceCheck => Endpoint::FaceCheck,
            Billed::V3SearchByFace => Endpoint::V3SearchByFace,
            Billed::V3AnalyzeFace => Endpoint::V3AnalyzeFace,
            Billed::LinkSingle => Endpoint::LinkSingleVerification,
            Billed::LinkMulti => Endpoint::LinkMultiVerification,
            Billed::CreateLink => Endpoint::CreateLink,
        }
    }

    fn has_identifier(self) -> bool {
        matches!(self, Billed::V3 | Billed::V3ByLink)
    }

    /// Whether the sandbox stores a record for the call.
    fn stores_a_record(self) -> bool {
        !matches!(
            self,
            Billed::FaceCheck | Billed::V3SearchByFace | Billed::V3AnalyzeFace | Billed::CreateLink
        )
    }

    /// Whether the call carries a token (a resend after a 401 can only help then).
    fn sends_a_token(self) -> bool {
        !matches!(
            self,
            Billed::V3ByLink | Billed::LinkSingle | Billed::LinkMulti
        )
    }

    /// Prepares what the call needs (a link) before the fault is armed.
    async fn prepare(self, client: &Client) -> Option<String> {
        match self {
            Billed::V3ByLink | Billed::LinkSingle | Billed::LinkMulti => Some(
                client
                    .links()
                    .create(CreateLink::new().workflow_id("wf-default"))
                    .await
                    .unwrap()
                    .link_id,
            ),
            _ => None,
        }
    }

    /// Makes the call; `Ok(true)` when its result is a record found by a lookup.
    async fn call(self, client: &Client, link: Option<&str>) -> Result<bool, Error> {
        let v3 = |identifier: &str| {
            let input = match link {
                Some(link) => faceki_http::v3::Verification::by_link(link),
                None => faceki_http::v3::Verification::by_workflow("wf-default"),
            };
            input
                .record_identifier(identifier)
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(JPEG))
                .document_1_back(ImageInput::bytes(PNG))
        };
        match self {
            Billed::V3 => Ok(client.v3().verify(v3("cust-lost")).await?.reconciled),
            Billed::V3ByLink => Ok(client.v3().verify(v3("cust-lost-link")).await?.reconciled),
            Billed::V2Single => {
                let input = faceki_http::v2::SingleVerification::new()
                    .selfie_image(ImageInput::bytes(JPEG))
                    .doc_front_image(ImageInput::bytes(JPEG))
                    .doc_back_image(ImageInput::bytes(PNG));
                client.v2().verify(input).await.map(|_| false)
            }
            Billed::V2Multi => {
                let input = faceki_http::v2::MultiVerification::new()
                    .selfie_image(ImageInput::bytes(JPEG))
                    .id_front_image(ImageInput::bytes(JPEG))
                    .id_back_image(ImageInput::bytes(PNG));
                client.v2().verify_multi(input).await.map(|_| false)
            }
            Billed::FaceCheck => client
                .v2()
                .face_check(ImageInput::bytes(JPEG))
                .await
                .map(|_| false),
            Billed::V3SearchByFace => client
                .v3()
                .search_by_face(ImageInput::bytes(JPEG))
                .await
                .map(|_| false),
            Billed::V3AnalyzeFace => client
                .v3()
                .analyze_face(ImageInput::bytes(JPEG))
                .await
                .map(|_| false),
            Billed::LinkSingle => {
                let input = faceki_http::v2::SingleVerification::by_link(
                    link.unwrap_or_default(),
                    "Passport",
                )
                .selfie_image(ImageInput::bytes(JPEG))
                .doc_front_image(ImageInput::bytes(JPEG))
                .doc_back_image(ImageInput::bytes(JPEG));
                client.v2().verify(input).await.map(|_| false)
            }
            Billed::LinkMulti => {
                let input = faceki_http::v2::MultiVerification::by_link(link.unwrap_or_default())
                    .selfie_image(ImageInput::bytes(JPEG))
                    .pp_front_image(ImageInput::bytes(JPEG));
                client.v2().verify_multi(input).await.map(|_| false)
            }
            Billed::CreateLink => client
                .links()
                .create(CreateLink::new().workflow_id("wf-default"))
                .await
                .map(|_| false),
        }
    }
}

/// One cell: a fresh sandbox, the loss injected once after processing, one call.
async fn cell(billed: Billed, loss: &str, fault: Fault) {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let client = client(&sandbox, RetryPolicy::default());
    let link = billed.prepare(&client).await;
    let records_before = sandbox.record_count();
    sandbox.inject_fault(billed.endpoint(), Fault::processed_then(fault), 1);
    let result = tokio::time::timeout(
        Duration::from_secs(20),
        billed.call(&client, link.as_deref()),
    )
    .await
    .expect("the call hung");
    let sends = sandbox.requests(billed.endpoint());
    let records = sandbox.record_count() - records_before;
    let lookups = sandbox.requests(Endpoint::Records);
    let what = format!("{billed:?} × {loss}: {result:?}");
    let per_send = usize::from(billed.stores_a_record());

    if billed.has_identifier() {
        // Reconciled: the record this call created is the result.
        assert!(
            result.unwrap(),
            "the outcome says it was reconciled: {what}"
        );
        assert_eq!(sends, 1, "{what}");
        assert_eq!(records, 1, "exactly one record: {what}");
        assert_eq!(lookups, 1, "one lookup: {what}");
    } else if loss == "401" && !billed.sends_a_token() {
        // No token to refresh: a resend could not help, so none is made.
        let err = result.unwrap_err();
        assert_eq!(err.delivery(), Delivery::Rejected, "{what}");
        assert_eq!(sends, 1, "never resent: {what}");
        assert_eq!(records, per_send, "{what}");
    } else if loss == "401" {
        // Trusted to mean "not processed": resent once, and that resend succeeds.
        assert!(!result.unwrap(), "{what}");
        assert_eq!(sends, 2, "{what}");
        assert_eq!(records, 2 * per_send, "{what}");
        assert_eq!(lookups, 0, "{what}");
    } else {
        let err = result.unwrap_err();
        assert_eq!(err.delivery(), Delivery::MaybeProcessed, "{what}");
        assert!(err.outcome_unknown(), "{what}");
        assert_eq!(err.lookup(), None, "nothing to look up by: {what}");
        assert_eq!(sends, 1, "never resent: {what}");
        assert_eq!(records, per_send, "{what}");
        assert_eq!(lookups, 0, "{what}");
    }
}

async fn column(billed: Billed) {
    for (loss, fault) in losses() {
        cell(billed, loss, fault).await;
    }
}

#[tokio::test]
async fn v3_verification_is_reconciled_to_exactly_one_record() {
    column(Billed::V3).await;
}

#[tokio::test]
async fn v3_verification_by_link_is_reconciled_to_exactly_one_record() {
    column(Billed::V3ByLink).await;
}

#[tokio::test]
async fn v2_single_verification_is_never_resent_after_a_lost_answer() {
    column(Billed::V2Single).await;
}

#[tokio::test]
async fn v2_multi_verification_is_never_resent_after_a_lost_answer() {
    column(Billed::V2Multi).await;
}

#[tokio::test]
async fn face_check_is_never_resent_after_a_lost_answer() {
    column(Billed::FaceCheck).await;
}

#[tokio::test]
async fn v3_search_by_face_is_never_resent_after_a_lost_answer() {
    column(Billed::V3SearchByFace).await;
}

#[tokio::test]
async fn v3_analyze_face_is_never_resent_after_a_lost_answer() {
    column(Billed::V3AnalyzeFace).await;
}

#[tokio::test]
async fn link_single_verification_is_never_resent() {
    column(Billed::LinkSingle).await;
}

#[tokio::test]
async fn link_multi_verification_is_never_resent() {
    column(Billed::LinkMulti).await;
}

#[tokio::test]
async fn create_link_is_never_resent_after_a_lost_answer() {
    column(Billed::CreateLink).await;
}

/// Code 1 under HTTP 200 and HTTP 403 come after the request reached the
/// application or a firewall: a billed call is never resent on them.
#[tokio::test]
async fn code_1_under_200_and_403_are_never_resent() {
    let code_1 = r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#;
    for (status, verdict) in [(200, Delivery::MaybeProcessed), (403, Delivery::Rejected)] {
        let sandbox = Sandbox::builder().start().await.unwrap();
        let client = client(&sandbox, RetryPolicy::default());
        sandbox.inject_fault(
            Endpoint::SingleVerification,
            Fault::processed_then(Fault::status(status, "application/json", code_1)),
            1,
        );
        let err = Billed::V2Single.call(&client, None).await.unwrap_err();
        assert_eq!(err.delivery(), verdict, "HTTP {status}: {err}");
        assert_eq!(
            sandbox.requests(Endpoint::SingleVerification),
            1,
            "HTTP {status}"
        );
        assert_eq!(sandbox.record_count(), 1, "HTTP {status}");
        // The rejected token was dropped: the next call fetches a fresh one.
        let tokens = sandbox.token_requests();
        client.v2().rules().await.unwrap();
        assert_eq!(sandbox.token_requests(), tokens + 1, "HTTP {status}");
    }
}

/// With retries disabled, an HTTP 401 on a billed call without an identifier is not
/// resent: the error says it was rejected (safe for the caller to send again).
#[tokio::test]
async fn retries_disabled_means_no_resend_even_after_401() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let client = client(&sandbox, RetryPolicy::disabled());
    sandbox.inject_fault(Endpoint::SingleVerification, Fault::unauthorized(), 1);
    let err = Billed::V2Single.call(&client, None).await.unwrap_err();
    assert_eq!(err.delivery(), Delivery::Rejected, "{err}");
    assert_eq!(err.http_status(), Some(401));
    assert_eq!(sandbox.requests(Endpoint::SingleVerification), 1);
    assert_eq!(sandbox.record_count(), 0);

    // With an identifier, the lookup still runs (a read), and finds nothing.
    sandbox.inject_fault(Endpoint::V3Verification, Fault::unauthorized(), 1);
    let err = client
        .v3()
        .verify(v3_input("cust-no-retry"))
        .await
        .unwrap_err();
    assert_eq!(err.delivery(), Delivery::Rejected, "{err}");
    assert_eq!(err.lookup(), Some(&faceki_http::Lookup::NotFound), "{err}");
    assert_eq!(sandbox.requests(Endpoint::V3Verification), 1);
}

/// An exhausted retry budget stops the resend after a 401 too.
#[tokio::test]
async fn an_empty_retry_budget_means_no_resend() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let creds = sandbox.credentials();
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .retry_budget(0)
        .build()
        .unwrap();
    sandbox.inject_fault(Endpoint::SingleVerification, Fault::unauthorized(), 1);
    let err = Billed::V2Single.call(&client, None).await.unwrap_err();
    assert_eq!(err.delivery(), Delivery::Rejected, "{err}");
    assert_eq!(sandbox.requests(Endpoint::SingleVerification), 1);
}
