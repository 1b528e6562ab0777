//! "Processed, then the answer is lost": with `Fault::processed_then(..)` the real route
//! runs to completion (record stored, quota used, webhook queued, counters) and the
//! client sees only the inner fault; without the wrapper the same faults never run the
//! route.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use std::time::{Duration, SystemTime};

use faceki_sandbox::{Fault, Sandbox, SandboxBuilder};
use faceki_types::Endpoint;
use helpers::{Ctx, V2_SINGLE, V3_SEARCH, V3_VERIFY, v2_single, v3_default, v3_search};
use reqwest::multipart::Form;
use serde_json::Value;

const UNAUTHORIZED: &str = r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#;

/// What a client sees instead of the real answer.
#[derive(Debug, Clone, Copy)]
enum Seen {
    /// This status, a content type starting like this, a body containing this text.
    Page(u16, &'static str, &'static str),
    /// A connection error without any response.
    Reset,
    /// HTTP 200 whose body stops before its `Content-Length`.
    Cut,
}

/// The answer-losing faults and what each shows.
fn lost_answers() -> Vec<(Fault, Seen)> {
    vec![
        (
            Fault::unauthorized(),
            Seen::Page(401, "application/json", UNAUTHORIZED),
        ),
        (
            Fault::bad_gateway_html(),
            Seen::Page(502, "text/html", "<h1>502 Bad Gateway</h1>"),
        ),
        (
            Fault::gateway_timeout_html(),
            Seen::Page(504, "text/html", "<h1>504 Gateway Timeout</h1>"),
        ),
        (
            Fault::html_page(200),
            Seen::Page(200, "text/html", "<h1>200 OK</h1>"),
        ),
        (Fault::drop_connection(), Seen::Reset),
        (Fault::truncated_body(), Seen::Cut),
    ]
}

async fn assert_seen(res: reqwest::Result<reqwest::Response>, seen: Seen, fault: &Fault) {
    match seen {
        Seen::Page(status, content_type, text) => {
            let res = res.unwrap();
            assert_eq!(res.status(), status, "{fault:?}");
            let ct = res.headers()["content-type"].to_str().unwrap().to_owned();
            assert!(ct.starts_with(content_type), "{fault:?}: {ct}");
            let body = res.text().await.unwrap();
            assert!(body.contains(text), "{fault:?}: {body}");
        }
        Seen::Reset => {
            let err = res.unwrap_err();
            assert!(!err.is_timeout() && err.status().is_none(), "{err}");
        }
        Seen::Cut => {
            let mut res = res.unwrap();
            assert_eq!(res.status(), 200, "{fault:?}");
            let declared: usize = res.headers()["content-length"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            let mut got = Vec::new();
            let err = loop {
                match res.chunk().await {
                    Ok(Some(piece)) => got.extend_from_slice(&piece),
                    Ok(None) => panic!("{fault:?}: the body ended normally"),
                    Err(e) => break e,
                }
            };
            assert!(
                err.is_body() || err.is_decode() || err.is_request(),
                "{err}"
            );
            assert!(got.len() < declared, "{} of {declared}", got.len());
            assert!(got.starts_with(b"{"), "{:?}", String::from_utf8_lossy(&got));
        }
    }
}

/// Which piece of work proves the route ran.
#[derive(Debug, Clone, Copy)]
enum Work {
    /// A verification: one more stored record.
    Record,
    /// A search by face: one more in the summary's `faceSearches`.
    FaceSearch,
}

async fn work_done(ctx: &Ctx, work: Work) -> u64 {
    match work {
        Work::Record => ctx.sb.record_count() as u64,
        Work::FaceSearch => ctx.summary().await["faceSearches"].as_u64().unwrap(),
    }
}

/// Sends `form()` once per answer-losing fault wrapped in `processed_then`: each time
/// the request is counted once, the route's work is done and the client sees only the
/// fault. A last request, unfaulted, answers normally.
async fn lost_after_processing(
    ctx: &Ctx,
    endpoint: Endpoint,
    path: &str,
    form: fn() -> Form,
    work: Work,
) {
    for (fault, seen) in lost_answers() {
        let before = work_done(ctx, work).await;
        let hits = ctx.sb.requests(endpoint);
        ctx.sb
            .inject_fault(endpoint, Fault::processed_then(fault.clone()), 1);
        assert_seen(ctx.send_form(path, form()).await, seen, &fault).await;
        assert_eq!(ctx.sb.requests(endpoint), hits + 1, "{fault:?}");
        assert_eq!(work_done(ctx, work).await, before + 1, "{fault:?}");
    }
    let (status, body) = ctx.post_form(path, form()).await;
    assert_eq!(status, 200, "{body}");
}

/// Sends `form` once with its connection reset after processing; the client sees an
/// error.
async fn reset_after_processing(ctx: &Ctx, endpoint: Endpoint, path: &str, form: Form) {
    ctx.sb
        .inject_fault(endpoint, Fault::processed_then(Fault::drop_connection()), 1);
    assert!(ctx.send_form(path, form).await.is_err());
}

/// A sandbox whose webhooks go to a closed port (each attempt is recorded as failed).
fn with_webhook() -> SandboxBuilder {
    Sandbox::builder().webhook_url("http://127.0.0.1:9/hook")
}

#[tokio::test]
async fn a_v3_verification_is_stored_and_its_webhook_sent_whatever_happens_to_its_answer() {
    let ctx = Ctx::start(with_webhook()).await;
    lost_after_processing(
        &ctx,
        Endpoint::V3Verification,
        V3_VERIFY,
        v3_default,
        Work::Record,
    )
    .await;
    let stored = lost_answers().len() + 1;
    assert_eq!(ctx.sb.record_count(), stored);
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while ctx.sb.webhook_deliveries().len() < stored {
        assert!(std::time::Instant::now() < deadline, "webhooks missing");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_v2_single_verification_is_stored_whatever_happens_to_its_answer() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    lost_after_processing(
        &ctx,
        Endpoint::SingleVerification,
        V2_SINGLE,
        v2_single,
        Work::Record,
    )
    .await;
    let summary = ctx.summary().await;
    assert_eq!(summary["totalVerifications"], lost_answers().len() + 1);
    assert_eq!(summary["accepted"], lost_answers().len() + 1);
}

#[tokio::test]
async fn a_v3_face_search_runs_whatever_happens_to_its_answer() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    lost_after_processing(
        &ctx,
        Endpoint::V3SearchByFace,
        V3_SEARCH,
        v3_search,
        Work::FaceSearch,
    )
    .await;
    assert_eq!(ctx.sb.record_count(), 0);
}

#[tokio::test]
async fn without_the_wrapper_the_same_faults_never_run_the_route() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    for (fault, seen) in lost_answers() {
        ctx.sb
            .inject_fault(Endpoint::V3Verification, fault.clone(), 1);
        assert_seen(ctx.send_form(V3_VERIFY, v3_default()).await, seen, &fault).await;
    }
    assert_eq!(ctx.sb.record_count(), 0);
    assert_eq!(
        ctx.sb.requests(Endpoint::V3Verification),
        lost_answers().len() as u64
    );
    assert_eq!(ctx.summary().await["failed"], 0);
}

#[tokio::test]
async fn the_unauthorized_fault_is_the_sandbox_s_own_bearer_failure() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let real = ctx
        .http
        .get(ctx.url("/kycrules/api/kycrules"))
        .bearer_auth("sbx.not-a-token")
        .send()
        .await
        .unwrap();
    ctx.sb.inject_fault(
        Endpoint::KycRules,
        Fault::processed_then(Fault::unauthorized()),
        1,
    );
    let faked = ctx
        .http
        .get(ctx.url("/kycrules/api/kycrules"))
        .bearer_auth(&ctx.token)
        .send()
        .await
        .unwrap();
    for res in [real, faked] {
        assert_eq!(res.status(), 401);
        assert_eq!(res.headers()["content-type"], "application/json");
        assert_eq!(res.text().await.unwrap(), UNAUTHORIZED);
    }
}

#[tokio::test]
async fn a_lost_answer_still_uses_the_quota() {
    let ctx = Ctx::start(Sandbox::builder().verification_quota(1)).await;
    reset_after_processing(&ctx, Endpoint::SingleVerification, V2_SINGLE, v2_single()).await;
    assert_eq!(ctx.sb.record_count(), 1);
    let (_, body) = ctx.post_form(V2_SINGLE, v2_single()).await;
    assert_eq!(body["responseCode"], 8017, "{body}");
}

#[tokio::test]
async fn a_late_answer_after_processing_times_the_client_out_with_the_record_stored() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb.inject_fault(
        Endpoint::V3Verification,
        Fault::processed_then(Fault::latency(Duration::from_millis(800))),
        1,
    );
    let err = ctx
        .http
        .post(ctx.url(V3_VERIFY))
        .bearer_auth(&ctx.token)
        .multipart(v3_default())
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!(ctx.sb.record_count(), 1);
}

#[tokio::test]
async fn a_lost_v3_answer_is_reconciled_by_record_identifier_and_creation_time() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let form = || v3_default().text("record_identifier", "order-77");
    let (_, earlier) = ctx.post_form(V3_VERIFY, form()).await;
    assert_eq!(earlier["code"], 200, "{earlier}");
    tokio::time::sleep(Duration::from_millis(20)).await;

    let started = SystemTime::now();
    reset_after_processing(&ctx, Endpoint::V3Verification, V3_VERIFY, form()).await;
    let (_, found) = ctx
        .get("/kycverify/api/kycverify/records?record_identifier=order-77")
        .await;
    let found = found["result"].as_array().unwrap();
    assert_eq!(found.len(), 2);
    let after: Vec<&Value> = found
        .iter()
        .filter(|r| helpers::written_between(helpers::created_at(r), started, SystemTime::now()))
        .collect();
    assert_eq!(after.len(), 1, "{found:?}");
    assert_ne!(after[0]["requestId"], earlier["result"]["requestId"]);
}
