//! V3 routes over real HTTP: verification against workflows (rules, 5001/5002/5006),
//! records by every key on both paths, link flow, search by face, analyze face, the
//! PDF report, and webhook delivery to a tiny axum receiver.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::routing::post;
use faceki_sandbox::{DeliveryKind, Sandbox, Workflow};
use helpers::{Ctx, V3_VERIFY, jpeg, unique_selfie, v3_default};
use reqwest::multipart::Form;
use serde_json::{Value, json};

#[tokio::test]
async fn verification_returns_the_record_and_it_can_be_found_by_every_key() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let form = v3_default().text("record_identifier", "customer-42");
    let (s, b) = ctx.post_form(V3_VERIFY, form).await;
    assert_eq!(s, 200);
    assert_eq!(b["status"], true, "{b}");
    assert_eq!(b["code"], 200);
    assert_eq!(b["message"], "OK");
    assert_eq!(b["appVersion"], "v3.0.0");
    let r = &b["result"];
    assert!(r.is_object());
    assert_eq!(r["decision"], "ACCEPTED");
    assert_eq!(r["workflowId"], "wf-default");
    assert_eq!(r["record_identifier"], "customer-42");
    assert_eq!(r["document_data"][0]["full_name"], "SANDBOX TESTER");
    assert_eq!(r["document_data"][0]["document_type"], "I");
    assert_eq!(r["verification_summary"]["face_verified"], true);
    let request_id = r["requestId"].as_str().unwrap().to_owned();
    let face_id = r["face_id"].as_str().unwrap().to_owned();

    for query in [
        format!("requestId={request_id}"),
        format!("face_id={face_id}"),
        "record_identifier=customer-42".to_owned(),
        format!("requestId={request_id}&record_identifier=customer-42"),
    ] {
        for path in [
            "/kycverify/api/kycverify/records",
            "/api/v3/kyc_verification",
        ] {
            let (s, b) = ctx.get(&format!("{path}?{query}")).await;
            assert_eq!(s, 200);
            assert_eq!(b["code"], 200);
            assert!(b["result"].is_array(), "{b}");
            assert_eq!(
                b["result"][0]["requestId"],
                request_id.as_str(),
                "{path}?{query}"
            );
        }
    }
    let (_, b) = ctx
        .get("/kycverify/api/kycverify/records?requestId=nope")
        .await;
    assert_eq!(b["result"], json!([]));
    let (_, b) = ctx.get("/kycverify/api/kycverify/records").await;
    assert_eq!(b["code"], 400);
    assert_eq!(b["status"], false);
}

#[tokio::test]
async fn workflow_rules_decide_which_parts_are_required() {
    let ctx = Ctx::start(
        Sandbox::builder()
            .workflow(Workflow::new("wf-two", ["Passport", "Driving License"]))
            .workflow(Workflow::new("wf-any", ["ID Card", "Passport"]).document_optional(true)),
    )
    .await;
    let cases: Vec<(Form, i64, &str)> = vec![
        (
            Form::new()
                .part("selfie", jpeg("s.jpg"))
                .part("document_1_front", jpeg("f.jpg")),
            5002,
            "workflowId is required",
        ),
        (
            v3_default().text("workflowId2", "x"),
            5002,
            "unknown part name: workflowId2",
        ),
        (
            Form::new()
                .text("workflowId", "wf-default")
                .part("document_1_front", jpeg("f.jpg"))
                .part("document_1_back", jpeg("b.jpg")),
            5002,
            "selfie is required",
        ),
        (
            Form::new()
                .text("workflowId", "wf-default")
                .part("selfie", jpeg("s.jpg"))
                .part("document_1_front", jpeg("f.jpg")),
            5006,
            "document_1_back is required (ID Card)",
        ),
        (
            v3_default().part("document_2_front", jpeg("x.jpg")),
            5002,
            "document_2_front is not expected by workflow wf-default",
        ),
        (
            Form::new()
                .text("workflowId", "wf-two")
                .part("selfie", jpeg("s.jpg"))
                .part("document_1_front", jpeg("pp.jpg")),
            5006,
            "document_2_front is required (Driving License)",
        ),
        (
            Form::new()
                .text("workflowId", "wf-any")
                .part("selfie", jpeg("s.jpg")),
            5006,
            "document_1_front is required (ID Card)",
        ),
        (
            Form::new()
                .text("workflowId", "wf-none")
                .part("selfie", jpeg("s.jpg")),
            5001,
            "WORKFLOW_RULES_MISSING: wf-none",
        ),
    ];
    for (form, code, message) in cases {
        let (s, b) = ctx.post_form(V3_VERIFY, form).await;
        assert_eq!(s, 200);
        assert_eq!(b["status"], false, "{b}");
        assert_eq!(b["code"], code, "{b}");
        assert_eq!(b["message"], message);
        assert_eq!(b["result"], Value::Null);
    }
    // A passport needs no back; a document-optional workflow takes one document.
    let ok_two = Form::new()
        .text("workflowId", "wf-two")
        .part("selfie", jpeg("s.jpg"))
        .part("document_1_front", jpeg("pp.jpg"))
        .part("document_2_front", jpeg("dlf.jpg"))
        .part("document_2_back", jpeg("dlb.jpg"));
    let (_, b) = ctx.post_form(V3_VERIFY, ok_two).await;
    assert_eq!(b["code"], 200, "{b}");
    assert_eq!(b["result"]["document_data"][0]["document_type"], "P");
    assert_eq!(b["result"]["document_data"][1]["document_type"], "D");
    let ok_any = Form::new()
        .text("workflowId", "wf-any")
        .part("selfie", jpeg("s.jpg"))
        .part("document_2_front", jpeg("pp.jpg"));
    let (_, b) = ctx.post_form(V3_VERIFY, ok_any).await;
    assert_eq!(b["code"], 200, "{b}");
    assert_eq!(ctx.sb.record_count(), 2);
}

#[tokio::test]
async fn workflow_rules_routes() {
    let ctx = Ctx::start(Sandbox::builder().workflow(Workflow::new("wf-pp", ["Passport"]))).await;
    let (_, b) = ctx
        .get("/api/v3/workflows/rules?workflowId=wf-default")
        .await;
    assert_eq!(b["code"], 200);
    assert_eq!(b["result"]["workflowId"], "wf-default");
    assert_eq!(b["result"]["documents"], json!(["ID Card"]));
    assert_eq!(b["result"]["theme"]["language"], "en");
    assert_eq!(b["result"]["face_match_score"], 95);
    let (_, b) = ctx.get("/api/v3/workflows/rules?workflowId=nope").await;
    assert_eq!(b["code"], 5001);
    assert!(b["result"].is_null());

    let link = ctx
        .create_link(json!({ "expiryTime": 30, "applicationId": "a", "redirect_url": "", "workflowId": "wf-pp" }))
        .await;
    let res = ctx
        .http
        .get(ctx.url(&format!("/api/v3/workflows/rulesbylink?link={link}")))
        .send()
        .await
        .unwrap();
    let b: Value = res.json().await.unwrap();
    assert_eq!(b["result"]["workflowId"], "wf-pp");
    assert_eq!(b["result"]["documents"], json!(["Passport"]));
    let (_, b) = ctx.get("/api/v3/workflows/rulesbylink?link=nope").await;
    assert_eq!(b["code"], 8014);
    let (_, b) = ctx
        .post_json(
            "/kycverify/api/kycverify/kyc-verify-link",
            &json!({ "workflowId": "wf-missing" }),
        )
        .await;
    assert_eq!(b["responseCode"], 8016);
}

#[tokio::test]
async fn verification_by_link_uses_the_link_workflow_and_stores_the_link() {
    let ctx = Ctx::start(Sandbox::builder().workflow(Workflow::new("wf-pp", ["Passport"]))).await;
    let link = ctx
        .create_link(json!({ "expiryTime": 1, "workflowId": "wf-pp" }))
        .await;
    let form = Form::new()
        .text("link", link.clone())
        .part("selfie", jpeg("s.jpg"))
        .part("document_1_front", jpeg("pp.jpg"));
    let res = ctx
        .http
        .post(ctx.url("/api/v3/kyc_verification/requestbylink"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let b: Value = res.json().await.unwrap();
    assert_eq!(b["code"], 200, "{b}");
    assert_eq!(b["result"]["link"], link.as_str());
    assert_eq!(b["result"]["workflowId"], "wf-pp");
    let (_, r) = ctx
        .get(&format!("/kycverify/api/kycverify/records?link={link}"))
        .await;
    assert_eq!(r["result"].as_array().unwrap().len(), 1);

    ctx.sb.advance_clock(Duration::from_secs(61));
    let form = Form::new()
        .text("link", link)
        .part("selfie", jpeg("s.jpg"))
        .part("document_1_front", jpeg("pp.jpg"));
    let (_, b) = ctx
        .post_form("/api/v3/kyc_verification/requestbylink", form)
        .await;
    assert_eq!(b["code"], 8015);
    let form = Form::new()
        .text("link", "nope")
        .part("selfie", jpeg("s.jpg"));
    let (_, b) = ctx
        .post_form("/api/v3/kyc_verification/requestbylink", form)
        .await;
    assert_eq!(b["code"], 8014);
}

#[tokio::test]
async fn search_by_face_and_analyze_face() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let form = Form::new()
        .text("workflowId", "wf-default")
        .part("selfie", unique_selfie(3))
        .part("document_1_front", jpeg("f.jpg"))
        .part("document_1_back", jpeg("b.jpg"));
    let (_, b) = ctx.post_form(V3_VERIFY, form).await;
    let request_id = b["result"]["requestId"].as_str().unwrap().to_owned();

    let search = "/api/v3/kyc_verification/search-by-face";
    let (_, b) = ctx
        .post_form(search, Form::new().part("selfie", unique_selfie(3)))
        .await;
    assert_eq!(b["code"], 200);
    assert_eq!(b["result"].as_array().unwrap().len(), 1);
    assert_eq!(b["result"][0]["requestId"], request_id.as_str());
    let (_, b) = ctx
        .post_form(search, Form::new().part("selfie", unique_selfie(4)))
        .await;
    assert_eq!(b["result"], json!([]));
    let (_, b) = ctx
        .post_form(search, Form::new().part("selfie_image", jpeg("s.jpg")))
        .await;
    assert_eq!(b["code"], 5002);

    let analyze = "/api/v3/kyc_verification/analyzeFace";
    let (_, b) = ctx
        .post_form(analyze, Form::new().part("selfie", jpeg("s.jpg")))
        .await;
    assert_eq!(b["code"], 200);
    assert_eq!(b["result"]["minAge"], 25);
    assert_eq!(b["result"]["livenessScore"], 0.999);
    let (_, b) = ctx.post_form(analyze, Form::new()).await;
    assert_eq!(b["code"], 5002);
}

#[tokio::test]
async fn pdf_report_is_a_pdf() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let (_, b) = ctx.post_form(V3_VERIFY, v3_default()).await;
    let request_id = b["result"]["requestId"].as_str().unwrap().to_owned();
    let res = ctx
        .http
        .get(ctx.url(&format!(
            "{}?requestId={request_id}",
            faceki_sandbox::PDF_REPORT_PATH
        )))
        .bearer_auth(&ctx.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-1.4"));
    assert!(bytes.ends_with(b"%%EOF\n"));
    let (_, b) = ctx
        .get(&format!(
            "{}?requestId=nope",
            faceki_sandbox::PDF_REPORT_PATH
        ))
        .await;
    assert_eq!(b["code"], 8013);
}

type Received = Arc<Mutex<Vec<Value>>>;

async fn receiver() -> (String, Received, tokio::task::JoinHandle<()>) {
    async fn hook(State(got): State<Received>, Json(body): Json<Value>) -> &'static str {
        got.lock().unwrap().push(body);
        "ok"
    }
    let got: Received = Arc::default();
    let app = axum::Router::new()
        .route("/hook", post(hook))
        .with_state(got.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let task = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (url, got, task)
}

async fn wait_for(got: &Received, n: usize) -> Vec<Value> {
    for _ in 0..200 {
        if got.lock().unwrap().len() >= n {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    got.lock().unwrap().clone()
}

#[tokio::test]
async fn webhooks_are_delivered_after_v3_verifications_and_on_portal_updates() {
    let (url, got, _task) = receiver().await;
    let ctx = Ctx::start(Sandbox::builder().webhook_url(url.clone())).await;
    let (_, b) = ctx
        .post_form_with(V3_VERIFY, v3_default(), &[("x-sandbox-outcome", "REVIEW")])
        .await;
    let record = b["result"].clone();
    let request_id = record["requestId"].as_str().unwrap().to_owned();
    let received = wait_for(&got, 1).await;
    assert_eq!(received.len(), 1);
    assert_eq!(received[0]["requestId"], request_id.as_str());
    assert_eq!(received[0]["fullName"], "SANDBOX TESTER");
    assert_eq!(received[0]["status"], "REVIEW");
    assert_eq!(received[0]["kycData"], record);

    let delivery = ctx
        .sb
        .send_portal_update(&request_id, "APPROVED", "reviewer@example.invalid")
        .await;
    assert_eq!(delivery.http_status, Some(200));
    assert_eq!(delivery.kind, DeliveryKind::PortalUpdate);
    let received = wait_for(&got, 2).await;
    assert_eq!(
        received[1],
        json!({ "requestId": request_id, "fullName": "SANDBOX TESTER", "status": "APPROVED",
                "modifiedByEmail": "reviewer@example.invalid" })
    );
    let deliveries = ctx.sb.webhook_deliveries();
    assert_eq!(deliveries.len(), 2);
    assert_eq!(deliveries[0].kind, DeliveryKind::Completed);
    assert_eq!(deliveries[0].http_status, Some(200));
    assert_eq!(deliveries[0].url, url);
    // V2 verifications send no webhook.
    ctx.post_form(helpers::V2_SINGLE, helpers::v2_single())
        .await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(got.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_workflow_callback_wins_and_failed_deliveries_are_recorded() {
    let (url, got, _task) = receiver().await;
    let ctx = Ctx::start(
        Sandbox::builder()
            .webhook_url("http://127.0.0.1:9/unreachable")
            .workflow(Workflow::new("wf-cb", ["Passport"]).callback_url(url)),
    )
    .await;
    let form = Form::new()
        .text("workflowId", "wf-cb")
        .part("selfie", jpeg("s.jpg"))
        .part("document_1_front", jpeg("pp.jpg"));
    ctx.post_form(V3_VERIFY, form).await;
    assert_eq!(wait_for(&got, 1).await.len(), 1);
    ctx.post_form(V3_VERIFY, v3_default()).await;
    let mut deliveries = Vec::new();
    for _ in 0..200 {
        deliveries = ctx.sb.webhook_deliveries();
        if deliveries.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(deliveries.len(), 2);
    let failed = deliveries
        .iter()
        .find(|d| d.url.ends_with("/unreachable"))
        .unwrap();
    assert_eq!(failed.http_status, None);
    assert!(failed.error.is_some());
}
