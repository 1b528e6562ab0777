//! V2 routes over real HTTP: rules, single and multi verification, summary, links
//! (create, validate, expiry, unknown), link-flow verification, records by link and
//! reference, face check, quota, part-name and image checks, body limit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use std::time::Duration;

use faceki_sandbox::Sandbox;
use faceki_types::Endpoint;
use helpers::{Ctx, V2_MULTI, V2_SINGLE, jpeg, png, unique_selfie, v2_single};
use reqwest::multipart::{Form, Part};
use serde_json::json;

#[tokio::test]
async fn rules_have_the_documented_shape() {
    let ctx = Ctx::start(Sandbox::builder().v2_documents(["Passport"])).await;
    let (s, b) = ctx.get("/kycrules/api/kycrules").await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 0);
    let d = &b["data"];
    assert_eq!(d["allowedKycDocuments"], json!(["Passport"]));
    assert_eq!(d["success"]["message"], "Success!");
    assert_eq!(d["livenessCheckType"], "MODERATE");
    assert_eq!(d["allowSingle"], true);
    assert_eq!(d["validAge"], 18);
}

#[tokio::test]
async fn single_verification_succeeds_and_is_stored() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let (s, b) = ctx.post_form(V2_SINGLE, v2_single()).await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 0, "{b}");
    let d = &b["data"];
    assert_eq!(d["verification"]["passed"], true);
    assert_eq!(d["face"]["isIdentical"], true);
    assert_eq!(d["result"]["fullName"], "SANDBOX TESTER");
    assert_eq!(d["error"]["code"], 0);
    let request_id = d["requestId"].as_str().unwrap();
    let (_, rec) = ctx
        .get(&format!(
            "/kycverify/api/kycverify/records?requestId={request_id}"
        ))
        .await;
    assert_eq!(rec["code"], 200);
    assert_eq!(rec["result"][0]["requestId"], request_id);
    assert_eq!(ctx.sb.record_count(), 1);

    let last = ctx
        .sb
        .last_request_to(Endpoint::SingleVerification)
        .unwrap();
    let names: Vec<_> = last.parts.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["selfie_image", "doc_front_image", "doc_back_image"]);
    assert_eq!(last.parts[2].file_name.as_deref(), Some("back.png"));
    assert_eq!(last.parts[2].content_type.as_deref(), Some("image/png"));
    assert_eq!(last.parts[2].size, faceki_sandbox::images::PNG.len());
    assert!(last.bearer);
}

#[tokio::test]
async fn single_verification_refuses_bad_forms_with_8001() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let missing = Form::new()
        .part("selfie_image", jpeg("s.jpg"))
        .part("doc_front_image", jpeg("f.jpg"));
    let (_, b) = ctx.post_form(V2_SINGLE, missing).await;
    assert_eq!(b["responseCode"], 8001);
    assert_eq!(b["data"]["error"]["message"], "doc_back_image is required");

    let unknown = v2_single().part("selfie", jpeg("s.jpg"));
    let (s, b) = ctx.post_form(V2_SINGLE, unknown).await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 8001);
    assert_eq!(b["data"]["error"]["message"], "unknown part name: selfie");

    let gif = Form::new()
        .part(
            "selfie_image",
            Part::bytes(&b"GIF89a...."[..]).file_name("s.gif"),
        )
        .part("doc_front_image", jpeg("f.jpg"))
        .part("doc_back_image", jpeg("b.jpg"));
    let (_, b) = ctx.post_form(V2_SINGLE, gif).await;
    assert_eq!(b["responseCode"], 8001);
    assert!(
        b["data"]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not a JPEG or PNG")
    );

    let res = ctx
        .http
        .post(ctx.url(V2_SINGLE))
        .bearer_auth(&ctx.token)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    let b: serde_json::Value = res.json().await.unwrap();
    assert_eq!(b["responseCode"], 8001);
    assert_eq!(ctx.sb.record_count(), 0);
}

#[tokio::test]
async fn oversized_bodies_answer_413() {
    let ctx = Ctx::start(Sandbox::builder().body_limit(2_048)).await;
    let big = Form::new()
        .part(
            "selfie_image",
            Part::bytes(vec![0xFF; 4_096]).file_name("s.jpg"),
        )
        .part("doc_front_image", jpeg("f.jpg"))
        .part("doc_back_image", jpeg("b.jpg"));
    let (s, _) = ctx.post_form(V2_SINGLE, big).await;
    assert_eq!(s, 413);
    assert_eq!(ctx.post_form(V2_SINGLE, v2_single()).await.0, 200);
}

#[tokio::test]
async fn multi_verification_nests_one_result_per_document() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let form = Form::new()
        .part("selfie_image", jpeg("s.jpg"))
        .part("id_front_image", jpeg("idf.jpg"))
        .part("id_back_image", jpeg("idb.jpg"))
        .part("pp_front_image", jpeg("ppf.jpg"));
    let (s, b) = ctx.post_form(V2_MULTI, form).await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 0, "{b}");
    assert_eq!(b["data"]["idKycData"]["responseCode"], 0);
    assert_eq!(
        b["data"]["ppKycData"]["data"]["result"]["documentType"],
        "P"
    );
    assert!(b["data"].get("dlKycData").is_none());

    let half = Form::new()
        .part("selfie_image", jpeg("s.jpg"))
        .part("dl_front_image", jpeg("dlf.jpg"));
    let (_, b) = ctx.post_form(V2_MULTI, half).await;
    assert_eq!(b["responseCode"], 8001);
    assert_eq!(b["data"]["error"]["message"], "dl_back_image is required");

    let selfie_only = Form::new().part("selfie_image", jpeg("s.jpg"));
    assert_eq!(
        ctx.post_form(V2_MULTI, selfie_only).await.1["responseCode"],
        8001
    );
    let wrong_name = Form::new()
        .part("selfie_image", jpeg("s.jpg"))
        .part("doc_front_image", jpeg("f.jpg"));
    let (_, b) = ctx.post_form(V2_MULTI, wrong_name).await;
    assert_eq!(
        b["data"]["error"]["message"],
        "unknown part name: doc_front_image"
    );
}

#[tokio::test]
async fn summary_counts_what_happened() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.post_form(V2_SINGLE, v2_single()).await;
    ctx.post_form(V2_SINGLE, v2_single()).await;
    ctx.post_form_with(V2_SINGLE, v2_single(), &[("x-sandbox-outcome", "8006")])
        .await;
    ctx.post_form_with(V2_SINGLE, v2_single(), &[("x-sandbox-outcome", "DECLINED")])
        .await;
    ctx.create_link(json!({})).await;
    let (_, b) = ctx.get("/kycverify/api/kycverify/kyc-verify-summary").await;
    assert_eq!(b["responseCode"], 0);
    assert_eq!(
        b["data"],
        json!({
            "totalVerifications": 3, "accepted": 2, "declined": 1, "review": 0,
            "failed": 1, "linksCreated": 1, "faceSearches": 0
        })
    );
}

#[tokio::test]
async fn quota_answers_8017_once_reached() {
    let ctx = Ctx::start(Sandbox::builder().verification_quota(2)).await;
    assert_eq!(
        ctx.post_form(V2_SINGLE, v2_single()).await.1["responseCode"],
        0
    );
    assert_eq!(
        ctx.post_form(V2_SINGLE, v2_single()).await.1["responseCode"],
        0
    );
    let (s, b) = ctx.post_form(V2_SINGLE, v2_single()).await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 8017);
    assert_eq!(
        b["data"]["error"]["message"],
        "KYC_VERIFICATION_LIMIT_REACHED"
    );
    let (_, b) = ctx
        .post_form(helpers::V3_VERIFY, helpers::v3_default())
        .await;
    assert_eq!(b["code"], 8017);
    assert_eq!(b["status"], false);
    assert_eq!(ctx.sb.record_count(), 2);
}

#[tokio::test]
async fn links_are_created_validated_and_expire() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let (s, b) = ctx
        .post_json(
            "/kycverify/api/kycverify/kyc-verify-link",
            &json!({ "expiryTime": "5", "applicationId": "app-7", "redirect_url": "https://example.invalid",
                     "document_optional": false, "require_additional_doc": null }),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 0);
    let link = b["data"].as_str().unwrap().to_owned();
    assert!(
        b["url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/kycverify/{link}"))
    );

    let validate = |id: &str| format!("/kycverify/api/kycverify/validate-kyc-verify-link?url={id}");
    let (_, b) = ctx.get(&validate(&link)).await;
    assert_eq!(b["responseCode"], 0);
    assert!(b["data"]["success"].is_object());
    let (_, b) = ctx.get(&validate("no-such-link")).await;
    assert_eq!(b["responseCode"], 8014);
    assert_eq!(b["data"]["error"]["message"], "INVALID_VERIFICATION_LINK");

    // Verify through the link, then find the record by link and by reference.
    let form = v2_single()
        .text("selectedDoc", "Passport")
        .text("link", link.clone());
    let (_, b) = ctx
        .post_form("/kycverify/api/kycverify/request-kyc", form)
        .await;
    assert_eq!(b["responseCode"], 0, "{b}");
    let request_id = b["data"]["requestId"].as_str().unwrap().to_owned();
    let (_, b) = ctx
        .get(&format!("/kycverify/api/kycverify/link?linkId={link}"))
        .await;
    assert_eq!(b["responseCode"], 0);
    assert_eq!(b["data"][0]["requestId"], request_id.as_str());
    let (_, b) = ctx
        .get("/kycverify/api/kycverify/reference?referenceId=app-7")
        .await;
    assert_eq!(b["data"][0]["requestId"], request_id.as_str());
    let (_, b) = ctx
        .get("/kycverify/api/kycverify/reference?referenceId=app-none")
        .await;
    assert_eq!(b["responseCode"], 8013);
    let (_, b) = ctx
        .get("/kycverify/api/kycverify/link?linkId=unknown")
        .await;
    assert_eq!(b["responseCode"], 8014);

    // Five minutes later the link is expired everywhere.
    ctx.sb.advance_clock(Duration::from_secs(5 * 60));
    let (_, b) = ctx.get(&validate(&link)).await;
    assert_eq!(b["responseCode"], 8015);
    assert_eq!(b["data"]["error"]["message"], "VERIFICATION_LINK_EXPIRED");
    let form = v2_single()
        .text("selectedDoc", "ID Card")
        .text("link", link.clone());
    let (_, b) = ctx
        .post_form("/kycverify/api/kycverify/request-kyc", form)
        .await;
    assert_eq!(b["responseCode"], 8015);
    let (_, b) = ctx
        .get(&format!("/api/v3/workflows/rulesbylink?link={link}"))
        .await;
    assert_eq!(b["code"], 8015);
}

#[tokio::test]
async fn link_multi_verification_and_unknown_links() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let link = ctx
        .create_link(json!({ "expiryTime": 0, "applicationId": "app-m" }))
        .await;
    let form = Form::new()
        .part("selfie_image", jpeg("s.jpg"))
        .part("id_front_image", jpeg("f.jpg"))
        .part("id_back_image", jpeg("b.jpg"))
        .text("link", link.clone());
    // The link flow needs no token.
    let res = ctx
        .http
        .post(ctx.url("/kycverify/api/kycverify/multiple-kyc-verification"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let b: serde_json::Value = res.json().await.unwrap();
    assert_eq!(b["responseCode"], 0, "{b}");
    assert_eq!(b["data"]["idKycData"]["responseCode"], 0);

    let form = Form::new()
        .part("selfie_image", jpeg("s.jpg"))
        .part("id_front_image", jpeg("f.jpg"))
        .part("id_back_image", jpeg("b.jpg"))
        .text("link", "not-a-link");
    let (_, b) = ctx
        .post_form("/kycverify/api/kycverify/multiple-kyc-verification", form)
        .await;
    assert_eq!(b["responseCode"], 8014);
    let (_, b) = ctx
        .post_form(
            "/kycverify/api/kycverify/request-kyc",
            v2_single().text("selectedDoc", "ID Card"),
        )
        .await;
    assert_eq!(b["responseCode"], 8014);
}

#[tokio::test]
async fn face_check_finds_records_of_the_same_selfie() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let form = Form::new()
        .part("selfie_image", unique_selfie(7))
        .part("doc_front_image", jpeg("f.jpg"))
        .part("doc_back_image", png("b.png"));
    let (_, b) = ctx.post_form(V2_SINGLE, form).await;
    let request_id = b["data"]["requestId"].as_str().unwrap().to_owned();

    let (_, b) = ctx
        .post_form(
            "/facelink/api/face-check",
            Form::new().part("selfie_image", unique_selfie(7)),
        )
        .await;
    assert_eq!(b["responseCode"], 0);
    assert_eq!(b["data"]["face_verified"], true);
    assert_eq!(b["data"]["all_face_ids"].as_array().unwrap().len(), 1);
    assert_eq!(
        b["data"]["kyc_records"][0]["kycResponse"]["requestId"],
        request_id.as_str()
    );
    assert_eq!(
        b["data"]["kyc_records"][0]["kycResponse"]["result"]["firstName"],
        "SANDBOX"
    );

    let (_, b) = ctx
        .post_form(
            "/facelink/api/face-check",
            Form::new().part("selfie_image", unique_selfie(8)),
        )
        .await;
    assert_eq!(b["data"]["face_verified"], false);
    assert_eq!(b["data"]["kyc_records"], json!([]));
    let (_, b) = ctx
        .post_form(
            "/facelink/api/face-check",
            Form::new().part("selfie", jpeg("s.jpg")),
        )
        .await;
    assert_eq!(b["responseCode"], 8001);
}

#[tokio::test]
async fn unknown_paths_answer_404() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let (s, b) = ctx.get("/kycverify/api/kycverify/nope").await;
    assert_eq!(s, 404);
    assert_eq!(b["code"], 1);
}
