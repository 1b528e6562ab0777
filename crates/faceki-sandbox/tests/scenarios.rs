//! Deterministic outcomes: every code of the scenario catalog is produced by each
//! trigger (queued through the Rust API, the header, a marker in an identifier, a
//! marker in a file name), and decisions can be forced.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use faceki_sandbox::{Sandbox, Target};
use faceki_types::{Endpoint, ResponseCode};
use helpers::{Ctx, jpeg, png};
use reqwest::multipart::Form;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Trigger {
    Queued,
    Header,
    Marker,
    FileName,
}

fn endpoint_named(name: &str) -> Endpoint {
    *Endpoint::ALL.iter().find(|e| e.name() == name).unwrap()
}

/// A valid request for the example route, carrying the trigger.
async fn send(ctx: &Ctx, entry: &Value, trigger: Trigger) -> (u16, Value) {
    let code = entry["code"].as_i64().unwrap();
    let ex = &entry["example"];
    let path = ex["path"].as_str().unwrap();
    let endpoint = endpoint_named(ex["endpoint"].as_str().unwrap());
    let header = code.to_string();
    let mut headers: Vec<(&str, &str)> = Vec::new();
    match trigger {
        Trigger::Queued => ctx.sb.push_outcome(endpoint, ResponseCode::from_code(code)),
        Trigger::Header => headers.push(("x-sandbox-outcome", &header)),
        Trigger::Marker | Trigger::FileName => {}
    }
    let selfie_name = if trigger == Trigger::FileName {
        ex["fileName"].as_str().unwrap().to_owned()
    } else {
        "selfie.jpg".to_owned()
    };
    match endpoint {
        Endpoint::SingleVerification => {
            let form = Form::new()
                .part("selfie_image", jpeg(&selfie_name))
                .part("doc_front_image", jpeg("f.jpg"))
                .part("doc_back_image", png("b.png"));
            ctx.post_form_with(path, form, &headers).await
        }
        Endpoint::V3Verification => {
            let mut form = Form::new()
                .text("workflowId", "wf-default")
                .part("selfie", jpeg(&selfie_name))
                .part("document_1_front", jpeg("f.jpg"))
                .part("document_1_back", jpeg("b.jpg"));
            if trigger == Trigger::Marker {
                form = form.text(
                    "record_identifier",
                    ex["marker"].as_str().unwrap().to_owned(),
                );
            }
            ctx.post_form_with(path, form, &headers).await
        }
        Endpoint::AccessToken => {
            let c = ctx.sb.credentials();
            let url = format!(
                "{}?{}",
                ctx.url(path),
                helpers::qs(&[
                    ("clientId", c.client_id()),
                    ("clientSecret", c.client_secret().expose_secret())
                ])
            );
            let mut req = ctx.http.get(url);
            for (k, v) in &headers {
                req = req.header(*k, *v);
            }
            let res = req.send().await.unwrap();
            (res.status().as_u16(), res.json().await.unwrap())
        }
        other => panic!("no example request for {other}"),
    }
}

fn check(entry: &Value, trigger: Trigger, status: u16, body: &Value) {
    let code = entry["code"].as_i64().unwrap();
    let envelope = entry["envelope"].as_str().unwrap();
    let ctx = format!("code {code} via {trigger:?}: HTTP {status} {body}");
    match (envelope, code) {
        (_, 1) => {
            assert_eq!(status, 401, "{ctx}");
            assert_eq!(body["code"], 1, "{ctx}");
            assert_eq!(body["message"], "UNAUTHORIZED", "{ctx}");
        }
        ("token", 422) => {
            assert_eq!(status, 422, "{ctx}");
            assert_eq!(body["statusCode"], 422, "{ctx}");
            assert_eq!(body["status"], false, "{ctx}");
        }
        ("token" | "v2", 0 | 200) => {
            assert_eq!(status, 200, "{ctx}");
            assert_eq!(body["responseCode"], 0, "{ctx}");
        }
        ("token" | "v2", c) => {
            assert_eq!(status, 200, "{ctx}");
            assert_eq!(body["responseCode"], c, "{ctx}");
            assert_eq!(body["data"]["error"]["code"], c, "{ctx}");
            assert_eq!(body["data"]["error"]["message"], entry["name"], "{ctx}");
        }
        ("v3", 0 | 200) => {
            assert_eq!(status, 200, "{ctx}");
            assert_eq!(body["code"], 200, "{ctx}");
            assert_eq!(body["result"]["decision"], "ACCEPTED", "{ctx}");
        }
        ("v3", c) => {
            assert_eq!(status, 200, "{ctx}");
            assert_eq!(body["status"], false, "{ctx}");
            assert_eq!(body["code"], c, "{ctx}");
            assert_eq!(body["message"], entry["name"], "{ctx}");
            assert!(body["result"].is_null(), "{ctx}");
        }
        _ => panic!("unexpected envelope: {ctx}"),
    }
}

#[tokio::test]
async fn every_catalog_code_is_produced_by_every_trigger() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let catalog: Value = ctx
        .http
        .get(ctx.url("/__sandbox/scenarios"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let codes = catalog["codes"].as_array().unwrap();
    assert!(codes.len() >= 39, "catalog too small: {}", codes.len());
    let mut produced = 0;
    for entry in codes {
        let is_token = entry["envelope"] == "token";
        for trigger in [
            Trigger::Queued,
            Trigger::Header,
            Trigger::Marker,
            Trigger::FileName,
        ] {
            let v2 = entry["envelope"] == "v2";
            if (is_token && matches!(trigger, Trigger::Marker | Trigger::FileName))
                || (v2 && trigger == Trigger::Marker)
            {
                continue; // no identifier or file part on these routes
            }
            let (status, body) = send(&ctx, entry, trigger).await;
            check(entry, trigger, status, &body);
            produced += 1;
        }
    }
    assert!(produced >= codes.len() * 3 - 5);
    // Every code of the client's response-code table is in the catalog.
    let listed: Vec<i64> = codes.iter().map(|e| e["code"].as_i64().unwrap()).collect();
    for rc in ResponseCode::ALL {
        assert!(listed.contains(&rc.code()), "{rc} is not in the catalog");
    }
    assert!(catalog["routes"].as_array().unwrap().len() >= 21);
    assert_eq!(catalog["pdfReportPath"], faceki_sandbox::PDF_REPORT_PATH);
}

#[tokio::test]
async fn queued_outcomes_are_consumed_in_order_and_respect_targets() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb
        .push_outcome(Endpoint::V3Verification, ResponseCode::from_code(5004));
    ctx.sb
        .push_outcome(Target::Any, ResponseCode::from_code(8003));
    let (_, b) = ctx
        .post_form(helpers::V2_SINGLE, helpers::v2_single())
        .await;
    // The V3-only outcome is skipped; the "any" outcome applies to the V2 call.
    assert_eq!(b["responseCode"], 8003);
    let (_, b) = ctx
        .post_form(helpers::V3_VERIFY, helpers::v3_default())
        .await;
    assert_eq!(b["code"], 5004);
    let (_, b) = ctx
        .post_form(helpers::V3_VERIFY, helpers::v3_default())
        .await;
    assert_eq!(b["code"], 200);
    assert_eq!(ctx.sb.record_count(), 1);

    ctx.sb
        .push_outcome(Endpoint::KycRules, ResponseCode::from_code(7001));
    let (_, b) = ctx.get("/kycrules/api/kycrules").await;
    assert_eq!(b["responseCode"], 7001);
    assert_eq!(b["data"]["error"]["message"], "NO_RULES_FOR_COMPANY");
    ctx.sb
        .push_outcome(Endpoint::Records, ResponseCode::from_code(8013));
    let (_, b) = ctx.get("/api/v3/kyc_verification?requestId=x").await;
    assert_eq!(b["code"], 8013);
    ctx.sb
        .push_outcome(Endpoint::KycRules, ResponseCode::from_code(1));
    assert_eq!(ctx.get("/kycrules/api/kycrules").await.0, 401);
    ctx.sb
        .push_outcome(Endpoint::KycRules, ResponseCode::from_code(9));
    ctx.sb.clear_scenarios();
    assert_eq!(ctx.get("/kycrules/api/kycrules").await.1["responseCode"], 0);
}

#[tokio::test]
async fn decisions_can_be_forced() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let form = helpers::v3_default().text("record_identifier", "user-1 sandbox:DECLINED");
    let (_, b) = ctx.post_form(helpers::V3_VERIFY, form).await;
    assert_eq!(b["code"], 200);
    assert_eq!(b["result"]["decision"], "DECLINED");
    assert_eq!(b["result"]["verification_summary"]["face_verified"], false);
    ctx.sb.push_decision(Endpoint::V3Verification, "review");
    let (_, b) = ctx
        .post_form(helpers::V3_VERIFY, helpers::v3_default())
        .await;
    assert_eq!(b["result"]["decision"], "REVIEW");
    let (_, b) = ctx
        .post_form_with(
            helpers::V2_SINGLE,
            helpers::v2_single(),
            &[("x-sandbox-outcome", "DECLINED")],
        )
        .await;
    assert_eq!(b["responseCode"], 0);
    assert_eq!(b["data"]["verification"]["passed"], false);
}

#[tokio::test]
async fn markers_work_on_link_creation_and_link_ids() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let (_, b) = ctx
        .post_json(
            "/kycverify/api/kycverify/kyc-verify-link",
            &serde_json::json!({ "applicationId": "sandbox:8016" }),
        )
        .await;
    assert_eq!(b["responseCode"], 8016);
    let (_, b) = ctx
        .get("/kycverify/api/kycverify/validate-kyc-verify-link?url=sandbox:8015")
        .await;
    assert_eq!(b["responseCode"], 8015);
    let (_, b) = ctx
        .get("/api/v3/workflows/rulesbylink?link=sandbox-8015")
        .await;
    assert_eq!(b["code"], 8015);
}
