//! Every endpoint, and the faults that matter, against the offline sandbox on
//! 127.0.0.1 over the real reqwest transport.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use faceki_http::{Client, Error, ImageInput, RetryPolicy};
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Fault, PDF_REPORT_PATH, Sandbox, SandboxHandle, Target};
use faceki_types::Endpoint;
use faceki_types::request::{CreateLink, RecordsQuery};

fn client(sandbox: &SandboxHandle) -> Client {
    let creds = sandbox.credentials();
    Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .pdf_report_path(PDF_REPORT_PATH)
        .request_timeout(Duration::from_secs(5))
        .retry_policy(
            RetryPolicy::default()
                .with_backoff(Duration::from_millis(5), Duration::from_millis(20))
                .with_max_retry_after(Duration::from_millis(1500)),
        )
        .build()
        .unwrap()
}

fn v3_input() -> faceki_http::v3::Verification {
    // The default workflow asks for one ID card: front and back.
    faceki_http::v3::Verification::by_workflow("wf-default")
        .record_identifier("cust-7")
        .selfie(ImageInput::bytes(JPEG))
        .document_1_front(ImageInput::bytes(JPEG))
        .document_1_back(ImageInput::bytes(PNG))
}

fn assert_clean(sandbox: &SandboxHandle, err: &Error) {
    let shown = format!("{err} | {err:?}");
    let secret = sandbox
        .credentials()
        .client_secret()
        .expose_secret()
        .to_owned();
    assert!(!shown.contains(&secret), "the secret leaked: {shown}");
    assert!(!shown.contains("sbx."), "a token leaked: {shown}");
}

#[tokio::test]
async fn every_v2_and_link_flow_endpoint() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let client = client(&sandbox);

    let rules = client.v2().rules().await.unwrap();
    assert_eq!(rules.allowed_kyc_documents.len(), 3);
    client.v2().summary().await.unwrap();

    let single = client
        .v2()
        .verify(
            faceki_http::v2::SingleVerification::new()
                .selfie_image(ImageInput::bytes(JPEG))
                .doc_front_image(ImageInput::bytes(JPEG))
                .doc_back_image(ImageInput::bytes(PNG)),
        )
        .await
        .unwrap();
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
        .await
        .unwrap();
    assert!(multi.id_kyc_data.is_some());

    let records = client
        .records()
        .query(RecordsQuery::new().request_id(&request_id))
        .await
        .unwrap();
    assert_eq!(records.len(), 1);

    let link = client
        .links()
        .create(CreateLink::new().expiry_minutes(30).application_id("app-7"))
        .await
        .unwrap();
    assert!(link.url.is_some());
    client.links().validate(&link.link_id).await.unwrap();
    client
        .v2()
        .verify(
            faceki_http::v2::SingleVerification::by_link(&link.link_id, "Passport")
                .selfie_image(ImageInput::bytes(JPEG))
                .doc_front_image(ImageInput::bytes(JPEG))
                .doc_back_image(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    client
        .v2()
        .verify_multi(
            faceki_http::v2::MultiVerification::by_link(&link.link_id)
                .selfie_image(ImageInput::bytes(JPEG))
                .pp_front_image(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    assert!(
        !sandbox
            .last_request_to(Endpoint::LinkMultiVerification)
            .unwrap()
            .bearer
    );
    let by_link = client.records().by_link(&link.link_id).await.unwrap();
    assert_eq!(by_link.len(), 2);
    let by_reference = client.records().by_reference("app-7").await.unwrap();
    assert_eq!(by_reference.len(), 2);

    let found = client
        .v2()
        .face_check(ImageInput::bytes(JPEG))
        .await
        .unwrap();
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
    assert_eq!(
        sandbox.token_requests(),
        1,
        "one token for the whole session"
    );
}

#[tokio::test]
async fn every_v3_endpoint() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let client = client(&sandbox);

    let wf = client.v3().workflow_rules("wf-default").await.unwrap();
    assert_eq!(wf.workflow_id.as_deref(), Some("wf-default"));
    let outcome = client.v3().verify(v3_input()).await.unwrap();
    assert!(outcome.decision.as_ref().unwrap().is_accepted());
    let request_id = outcome.request_id.clone().unwrap();
    let info = sandbox.last_request_to(Endpoint::V3Verification).unwrap();
    let names: Vec<_> = info.parts.iter().map(|p| p.name.as_str()).collect();
    assert!(
        names.contains(&"workflowId") && names.contains(&"document_1_back"),
        "{names:?}"
    );

    let records = client
        .records()
        .query(RecordsQuery::new().record_identifier("cust-7"))
        .await
        .unwrap();
    assert_eq!(records.len(), 1);
    let found = client
        .v3()
        .search_by_face(ImageInput::bytes(JPEG))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);

    let report = client.v3().pdf_report(&request_id).await.unwrap();
    assert!(report.bytes.starts_with(b"%PDF"));
    assert_eq!(report.content_type.as_deref(), Some("application/pdf"));
    let err = client.v3().pdf_report("no-such-request").await.unwrap_err();
    assert_eq!(err.response_code().unwrap().code(), 8013);

    let link = client
        .links()
        .create(
            CreateLink::new()
                .expiry_minutes(10)
                .application_id("app-v3")
                .workflow_id("wf-default"),
        )
        .await
        .unwrap();
    client.links().workflow_rules(&link.link_id).await.unwrap();
    let by_link = client
        .v3()
        .verify(
            faceki_http::v3::Verification::by_link(&link.link_id)
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(JPEG))
                .document_1_back(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap();
    assert!(by_link.request_id.is_some());
    assert!(
        !sandbox
            .last_request_to(Endpoint::V3VerificationByLink)
            .unwrap()
            .bearer
    );

    let analysis = client
        .v3()
        .analyze_face(ImageInput::bytes(JPEG))
        .await
        .unwrap();
    assert!(analysis.min_age.is_some());

    let err = client.v3().workflow_rules("wf-unknown").await.unwrap_err();
    assert_eq!(err.response_code().unwrap().code(), 5001);
    assert_clean(&sandbox, &err);
    assert_eq!(sandbox.token_requests(), 1);
}

#[tokio::test]
async fn verification_post_under_502_is_sent_exactly_once() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    sandbox.inject_fault(Endpoint::V3Verification, Fault::bad_gateway_html(), 1);
    let err = client(&sandbox).v3().verify(v3_input()).await.unwrap_err();
    assert_eq!(err.http_status(), Some(502));
    assert_eq!(sandbox.requests(Endpoint::V3Verification), 1);
    assert!(!err.to_string().contains("<html>"), "{err}");
    assert_clean(&sandbox, &err);
}

#[tokio::test]
async fn get_under_two_503s_then_200_succeeds_with_three_requests() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    sandbox.inject_fault(
        Endpoint::V3WorkflowRules,
        Fault::status(503, "text/plain", "unavailable"),
        2,
    );
    client(&sandbox)
        .v3()
        .workflow_rules("wf-default")
        .await
        .unwrap();
    assert_eq!(sandbox.requests(Endpoint::V3WorkflowRules), 3);
}

#[tokio::test]
async fn status_429_with_retry_after_1_waits() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    sandbox.inject_fault(Endpoint::KycRules, Fault::rate_limited(1), 1);
    let client = client(&sandbox);
    client.v2().summary().await.unwrap(); // fetch the token first
    let started = Instant::now();
    client.v2().rules().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(sandbox.requests(Endpoint::KycRules), 2);
}

#[tokio::test]
async fn an_expired_token_is_refreshed_once_and_the_call_retried_once() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let client = client(&sandbox);
    client.v2().rules().await.unwrap();
    // The sandbox's clock moves past the token's hour; the client's cache does not
    // know, so the next call is answered 401.
    sandbox.advance_clock(Duration::from_secs(7200));
    let outcome = client.v3().verify(v3_input()).await.unwrap();
    assert!(outcome.request_id.is_some());
    assert_eq!(sandbox.token_requests(), 2);
    assert_eq!(sandbox.requests(Endpoint::V3Verification), 2);
}

#[tokio::test]
async fn a_dropped_connection_leaves_a_billed_call_unknown_and_unsent_twice() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    sandbox.inject_fault(
        Target::Endpoint(Endpoint::V3Verification),
        Fault::drop_connection(),
        1,
    );
    let err = client(&sandbox).v3().verify(v3_input()).await.unwrap_err();
    assert!(err.outcome_unknown(), "{err}");
    assert!(err.to_string().contains("record identifier"), "{err}");
    // The client looked the record up by its identifier: none (the connection was
    // dropped before the handler ran), so nothing was sent again.
    assert_eq!(err.lookup(), Some(&faceki_http::Lookup::NotFound), "{err}");
    assert_eq!(sandbox.requests(Endpoint::V3Verification), 1);
    assert_eq!(sandbox.requests(Endpoint::Records), 1);
    assert_clean(&sandbox, &err);

    // A read under the same fault is retried.
    sandbox.inject_fault(Endpoint::Records, Fault::drop_connection(), 1);
    let records = client(&sandbox)
        .records()
        .query(RecordsQuery::new().record_identifier("cust-7"))
        .await
        .unwrap();
    assert_eq!(records.len(), 0);
    assert_eq!(sandbox.requests(Endpoint::Records), 3);
}

#[tokio::test]
async fn wrong_credentials_fail_without_showing_the_secret() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(sandbox.credentials().client_id(), "not-the-secret-QQQ")
        .build()
        .unwrap();
    let err = client.v2().rules().await.unwrap_err();
    assert!(err.is_auth(), "{err}");
    assert_eq!(err.http_status(), Some(422));
    assert!(!format!("{err} {err:?}").contains("not-the-secret-QQQ"));
    assert_eq!(sandbox.requests(Endpoint::KycRules), 0);
}
