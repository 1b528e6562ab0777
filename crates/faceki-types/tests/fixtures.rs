//! Fixture tests: every example body of the API reference (plus a few inferred ones)
//! decodes into its model with the documented values.
//!
//! Success bodies go through the SDK's envelope decoder (`decode_envelope`), exactly
//! as a client reads them; failure bodies must decode to the documented API error.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use faceki_types::ResponseError;
use faceki_types::decode::{Shape, decode_envelope, decode_link};
use faceki_types::model::{
    DocumentKycData, DocumentType, Extra, KycData, WebhookCompleted, WebhookPortalUpdate,
};
use faceki_types::{
    Decision, FaceAnalysis, FaceCheckResult, KycRecord, KycRules, KycSummary, LinkCreated,
    MultiVerificationResult, Records, ResponseCode, TokenResponse, VerificationOutcome,
    VerificationResult, WebhookEvent, WebhookStatus, WorkflowRules,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> Value {
    serde_json::from_slice(&fixture_bytes(name)).unwrap()
}

/// Decodes `value` into `T` and checks that re-encoding and decoding again gives the
/// same model.
fn decode<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(value: &Value) -> T {
    let model: T = serde_json::from_value(value.clone()).unwrap();
    round_trip(model)
}

fn round_trip<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(model: T) -> T {
    let again: T = serde_json::from_value(serde_json::to_value(&model).unwrap()).unwrap();
    assert_eq!(model, again, "round trip changed the model");
    model
}

/// Decodes a whole fixture body through the SDK's envelope decoder, as a client would.
fn through_envelope<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(
    name: &str,
    shape: Shape,
) -> T {
    let bytes = fixture_bytes(name);
    let envelope = decode_envelope(200, Some("application/json"), &bytes)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(envelope.shape(), shape, "{name}");
    round_trip(envelope.payload().unwrap_or_else(|e| panic!("{name}: {e}")))
}

fn data<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(name: &str) -> T {
    through_envelope(name, Shape::V2)
}

fn result<T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug>(name: &str) -> T {
    through_envelope(name, Shape::V3)
}

/// The API error a failure fixture decodes to.
fn api_error(name: &str) -> faceki_types::ApiError {
    match faceki_types::decode::<Value>(200, Some("application/json"), &fixture_bytes(name)) {
        Err(ResponseError::Api(e)) => e,
        other => panic!("{name}: expected an API error, got {other:?}"),
    }
}

fn approx(a: Option<f64>, b: f64) {
    let a = a.expect("value missing");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn token_success() {
    let t: TokenResponse = data("token_success");
    assert_eq!(t.expires_in, Some(3600));
    assert_eq!(t.token_type.as_deref(), Some("Bearer"));
    assert!(t.access_token.expose_secret().starts_with("eyJ"));
    assert!(t.extra.is_empty());
}

#[test]
fn token_error_is_not_a_token() {
    let e = api_error("token_error");
    assert_eq!(e.shape(), Shape::TokenError);
    assert_eq!(e.code().code(), 422);
    assert_eq!(e.message(), Some("client id is required"));
    let body = fixture("token_error");
    assert_eq!(body["statusCode"], json!(422));
    assert_eq!(body["message"], json!("client id is required"));
    assert!(serde_json::from_value::<TokenResponse>(body["data"].clone()).is_err());
}

#[test]
fn v2_rules() {
    let r: KycRules = data("v2_rules");
    assert_eq!(r.id.as_deref(), Some("123"));
    assert_eq!(r.company_id.as_deref(), Some("1234"));
    assert_eq!(r.version, Some(0));
    assert_eq!(r.allowed_kyc_documents, vec![DocumentType::Passport]);
    assert!(r.allowed_countries.is_empty());
    assert_eq!(r.data_storage_time.as_deref(), Some("FOREVER"));
    let declined = r.declined.as_ref().unwrap();
    assert_eq!(declined.message.as_deref(), Some("Declined!"));
    assert_eq!(
        declined.redirect_url.as_deref(),
        Some("https://www.faceki.com")
    );
    assert_eq!(
        r.success.as_ref().unwrap().message.as_deref(),
        Some("Success!")
    );
    assert_eq!(
        r.invalid.as_ref().unwrap().message.as_deref(),
        Some("Invalid!")
    );
    assert_eq!(r.is_recaptured_document_invalid, Some(false));
    assert_eq!(r.link, None, "empty string reads as missing");
    assert_eq!(r.liveness_check_type.as_deref(), Some("MODERATE"));
    assert_eq!(r.multi_kyc_enabled, Some(true));
    assert_eq!(r.stored_data, Some(true));
    assert_eq!(r.valid_age, Some(18));
    assert_eq!(r.created_at.as_deref(), Some("2023-06-08T06:50:21.354Z"));
    assert!(!r.allows_single());
    assert!(r.extra.is_empty(), "unexpected extra: {:?}", r.extra);
}

#[test]
fn v2_validate_link_reads_sdk_fields_leniently() {
    let r: KycRules = data("v2_validate_link");
    assert!(r.allows_single());
    assert_eq!(
        r.allowed_kyc_documents,
        vec![
            DocumentType::IdCard,
            DocumentType::Passport,
            DocumentType::DrivingLicense
        ]
    );
    assert_eq!(r.multi_kyc_enabled, Some(true), "\"true\" reads as true");
    assert_eq!(r.verify_user_once, Some(true), "1 reads as true");
    assert_eq!(r.valid_age, Some(21), "\"21\" reads as 21");
    assert_eq!(r.engine_id.as_deref(), Some("engine-7"));
    assert_eq!(r.profile_id, None);
    assert_eq!(r.mandatory_geolocation, Some(false));
    assert_eq!(
        r.success.unwrap().redirect_url.as_deref(),
        Some("https://example.com/ok")
    );
}

#[test]
fn v2_single_verification() {
    let v: VerificationResult = data("v2_single_verification");
    assert_eq!(v.request_id.as_deref(), Some("uuid"));
    assert_eq!(v.response_id.as_deref(), Some("string"));
    assert_eq!(v.passed(), Some(true));
    let verdict = v.verification.as_ref().unwrap();
    assert_eq!(verdict.check("notexpired"), Some(true));
    assert_eq!(verdict.check("face"), Some(true));
    assert_eq!(v.face_identical(), Some(true));
    approx(v.face.as_ref().unwrap().confidence, 0.93);
    assert_eq!(v.confidence.len(), 20);
    approx(v.confidence.get("documentNumber"), 1.0);
    approx(v.confidence.get("signature0"), 1.0);
    let ocr = v.result.as_ref().unwrap();
    assert_eq!(ocr.document_number.as_deref(), Some("930813316"));
    assert_eq!(ocr.first_name.as_deref(), Some("NAME"));
    assert_eq!(ocr.extra.get("..."), Some(&json!("OCR fields")));
    assert_eq!(v.authentication.names().count(), 9);
    assert_eq!(
        v.authentication.get("recapture_check").unwrap().passed,
        Some(true)
    );
    assert!(v.authentication.all_passed());
    assert!(v.aml.is_empty());
    let images = v.images.as_ref().unwrap();
    assert_eq!(images.selfie_image.as_deref(), Some("url-or-key"));
    assert_eq!(v.liveness_response, Some(json!({})));
    let err = v.error.as_ref().unwrap();
    assert_eq!((err.code, err.message.as_deref()), (Some(0), None));
}

#[test]
fn v2_verification_failure() {
    let e = api_error("v2_verification_failure");
    assert_eq!(e.code().name(), Some("FACE_NOT_FOUND"));
    assert_eq!(e.message(), Some("Face not found in the selfie"));
    let body = fixture("v2_verification_failure");
    assert_eq!(
        ResponseCode::from_code(body["responseCode"].as_i64().unwrap()).code(),
        8006
    );
    let v: VerificationResult = decode(&body["data"]);
    assert_eq!(v.passed(), Some(false));
    assert_eq!(v.verification.as_ref().unwrap().check("face"), Some(false));
    assert_eq!(v.face_identical(), Some(false));
    approx(v.face.as_ref().unwrap().confidence, 0.0);
    let err = v.error.unwrap();
    assert_eq!(err.code, Some(9), "\"9\" reads as 9");
    assert_eq!(err.message.as_deref(), Some("Face not found in the selfie"));
}

#[test]
fn v2_multi_verification() {
    let m: MultiVerificationResult = data("v2_multi_verification");
    assert_eq!(m.request_id.as_deref(), Some("uuid"));
    let id: &DocumentKycData = m.for_document(&DocumentType::IdCard).unwrap();
    assert_eq!(id.response_code, Some(ResponseCode::from_code(0)));
    assert_eq!(id.is_success(), Some(true));
    let id_data = id.data.as_ref().unwrap();
    assert_eq!(id_data.passed(), Some(true));
    assert_eq!(
        id_data.result.as_ref().unwrap().document_type.as_deref(),
        Some("I")
    );
    assert!(m.dl_kyc_data.as_ref().unwrap().data.is_some());
    let docs: Vec<DocumentType> = m.documents().map(|(t, _)| t).collect();
    assert_eq!(
        docs,
        vec![
            DocumentType::IdCard,
            DocumentType::DrivingLicense,
            DocumentType::Passport
        ]
    );
    // The response code is written back as the integer.
    assert_eq!(serde_json::to_value(id).unwrap()["responseCode"], json!(0));
}

#[test]
fn v2_multi_with_unknown_nested_code_and_missing_document() {
    let m: MultiVerificationResult = decode(&json!({
        "requestId": "r",
        "ppKycData": {"responseCode": "8012", "data": null}
    }));
    assert!(m.id_kyc_data.is_none());
    let pp = m.pp_kyc_data.unwrap();
    assert_eq!(pp.response_code.map(ResponseCode::code), Some(8012));
    assert_eq!(pp.data, None);
}

#[test]
fn v2_summary() {
    let s: KycSummary = data("v2_summary");
    assert_eq!(s.count("total"), Some(42));
    assert_eq!(
        s.count("declined"),
        Some(9),
        "numeric string reads as a count"
    );
    assert_eq!(s.count("period"), None);
    assert_eq!(s.get("period"), Some(&json!("all-time")));
    assert_eq!(s.counts().count(), 4);
}

#[test]
fn link_created_from_envelope_parts() {
    let body = fixture("link_created");
    let url = body["url"].as_str().map(str::to_owned);
    let link = LinkCreated::from_parts(body["data"].clone(), url).unwrap();
    assert_eq!(link.link_id, "bdb21481-7873-45d5-0000-18df4a7bf778");
    assert_eq!(
        link.url.as_deref(),
        Some("https://apps.faceki.com/kycverify/bdb21481-7873-45d5-0000-18df4a7bf778")
    );
    // Through the SDK's link decoder.
    let decoded = decode_link(
        201,
        Some("application/json"),
        &fixture_bytes("link_created"),
    )
    .unwrap();
    assert_eq!(decoded, link);
    // The whole body also decodes directly (wire names `data` and `url`).
    let direct: LinkCreated = decode(&body);
    assert_eq!(direct.link_id, link.link_id);
    assert_eq!(direct.url, link.url);
    assert_eq!(direct.extra.get("responseCode"), Some(&json!(0)));
}

#[test]
fn link_created_tolerates_other_data_shapes() {
    assert_eq!(LinkCreated::from_parts(json!(""), None), None);
    assert_eq!(LinkCreated::from_parts(Value::Null, None), None);
    assert_eq!(
        LinkCreated::from_parts(json!(12), None).unwrap().link_id,
        "12"
    );
    let nested = LinkCreated::from_parts(
        json!({"linkId": "abc", "url": "https://x/abc", "expiresAt": "later"}),
        None,
    )
    .unwrap();
    assert_eq!(nested.link_id, "abc");
    assert_eq!(nested.url.as_deref(), Some("https://x/abc"));
    assert_eq!(nested.extra.get("expiresAt"), Some(&json!("later")));
    let envelope_url_wins =
        LinkCreated::from_parts(json!({"id": "abc", "url": "inner"}), Some("outer".into()))
            .unwrap();
    assert_eq!(envelope_url_wins.url.as_deref(), Some("outer"));
    assert_eq!(envelope_url_wins.extra.get("url"), Some(&json!("inner")));
}

#[test]
fn v2_face_check() {
    let f: FaceCheckResult = data("v2_face_check");
    assert_eq!(f.face_verified, Some(true));
    assert!(f.matched());
    assert_eq!(f.all_face_ids, vec!["2f1ebdb7-e6d1-448e-9b2c-3ddfe97672d7"]);
    let rec = &f.kyc_records[0];
    assert_eq!(rec.id.as_deref(), Some("644b7cff16cc73de26ff9b9c"));
    let ocr = rec.kyc_response.as_ref().unwrap().result.as_ref().unwrap();
    assert_eq!(ocr.document_number.as_deref(), Some("930813316"));
    assert_eq!(ocr.first_name.as_deref(), Some("Name"));
}

#[test]
fn v2_face_check_no_match_with_null_lists() {
    let f: FaceCheckResult =
        decode(&json!({"face_verified": false, "all_face_ids": null, "kyc_records": null}));
    assert!(!f.matched());
    assert!(f.all_face_ids.is_empty() && f.kyc_records.is_empty());
}

#[test]
fn v3_verification_success() {
    let o: VerificationOutcome = result("v3_verification_success");
    assert_eq!(o.request_id.as_deref(), Some("uuid"));
    assert_eq!(o.decision, Some(Decision::Accepted));
    assert!(o.is_accepted());
    assert_eq!(o.company_id.as_deref(), Some("string"));
    assert_eq!(o.workflow_id.as_deref(), Some("string"));
    assert_eq!(o.branch_id.as_deref(), Some("string"));
    let rec = o.to_record().unwrap();
    assert_eq!(rec.request_id.as_deref(), Some("uuid"));
    assert!(rec.is_accepted());
    assert_eq!(rec.extra.get("companyId"), Some(&json!("string")));
}

#[test]
fn v3_verification_failure() {
    let e = api_error("v3_verification_failure");
    assert_eq!(e.code().name(), Some("SELFIE_LIVENESS_FAILED"));
    assert_eq!(e.shape(), Shape::V3);
    let body = fixture("v3_verification_failure");
    assert_eq!(body["status"], json!(false));
    assert_eq!(
        ResponseCode::from_code(body["code"].as_i64().unwrap()).code(),
        5004
    );
    assert_eq!(body["message"], json!("SELFIE_LIVENESS_FAILED"));
    // A null `result` is an empty record list.
    let records: Records = decode(&body["result"]);
    assert!(records.is_empty());
}

#[test]
fn v3_decision_keeps_unknown_text() {
    let o: VerificationOutcome = decode(&json!({"decision": "ON_HOLD"}));
    assert_eq!(o.decision, Some(Decision::Other("ON_HOLD".into())));
    assert!(!o.is_accepted());
    assert_eq!(
        serde_json::to_value(&o).unwrap(),
        json!({"decision": "ON_HOLD"})
    );
}

#[test]
fn v3_records() {
    let records: Records = result("v3_records");
    assert_eq!(records.len(), 1);
    let r: &KycRecord = &records.as_slice()[0];
    assert_eq!(r.link.as_deref(), Some("unique-val"));
    assert_eq!(r.record_identifier.as_deref(), Some("unique-val"));
    assert_eq!(r.request_id.as_deref(), Some("uuid-v4"));
    assert_eq!(r.decision, Some(Decision::Accepted));
    assert!(r.is_accepted());
    assert_eq!(r.face_id.as_deref(), Some("uuid"));
    assert_eq!(r.version, Some(0));
    assert!(r.warnings.is_empty() && r.notes.is_empty() && r.error_codes.is_empty());

    let d = r.primary_document().unwrap();
    assert_eq!(d.nationality_iso.as_deref(), Some("XX"));
    assert_eq!(d.nationality_alpha2(), Some("XX"));
    assert_eq!(d.nationality_alpha3(), Some("XXX"));
    assert_eq!(d.issuer_alpha2(), Some("BH"));
    assert_eq!(d.issuer_alpha3(), Some("BHR"));
    assert_eq!(d.age.as_deref(), Some("26"));
    assert_eq!(d.age(), Some(26));
    assert_eq!(d.dob.as_deref(), Some("03"));
    assert_eq!(d.expiry_day.as_deref(), Some("30"));
    assert_eq!(d.expiry_ymd(), None, "XX parts do not parse");
    assert_eq!(d.middle_name, None);
    assert_eq!(d.issued, None);
    assert_eq!(d.document_additional_number, None);
    assert_eq!(d.document_type.as_deref(), Some("I"));
    assert_eq!(d.document_type_full.as_deref(), Some("Identity Card"));
    assert_eq!(d.passed, Some(true));
    assert_eq!(d.date_of_birth_month.as_deref(), Some("03"));
    let m = d.document_face_match.as_ref().unwrap();
    approx(m.similarity, 99.98751831054688);
    assert!((m.similarity.unwrap() - 99.987).abs() < 1e-3);
    approx(m.confidence, 99.99876403808594);

    assert_eq!(r.selfie_data.as_ref().unwrap().liveness_pass, Some(true));
    let s = r.verification_summary.as_ref().unwrap();
    assert_eq!(
        (
            s.face_verified,
            s.document_liveness_verified,
            s.image_quality
        ),
        (Some(true), Some(true), Some(true))
    );
    let c = &r.document_data_confidence[0];
    assert_eq!(c.reference(), Some("XXXXXXXXX"));
    approx(c.get("full_name"), 0.99);
    approx(c.get("personal_number"), 0.5);
    let dev = r.device_details.as_ref().unwrap();
    assert_eq!(dev.useragent.as_deref(), Some("string"));
    let det = dev.detect_result.as_ref().unwrap();
    assert_eq!(det.client.as_ref().unwrap().kind.as_deref(), Some("string"));
    assert_eq!(
        det.device.as_ref().unwrap().model.as_deref(),
        Some("string")
    );
    assert_eq!(r.images[0].side.as_deref(), Some("front"));
    assert_eq!(r.images[0].document_name.as_deref(), Some("string"));
    assert_eq!(r.created_at.as_deref(), Some("ISO-8601"));
    assert_eq!(r.update_by.as_deref(), Some("string"));

    // The unknown field added to the fixture is kept, nested value and all.
    assert_eq!(
        r.extra.get("futureField"),
        Some(&json!({"addedBy": "a later API version", "weight": 2}))
    );
    assert_eq!(r.extra.len(), 1);
    // And written back.
    let back = serde_json::to_value(&records).unwrap();
    assert_eq!(back[0]["futureField"]["weight"], json!(2));
    assert_eq!(back[0]["document_data"][0]["expiryDay"], json!("30"));
}

#[test]
fn records_accept_one_object() {
    let body = fixture("v3_records");
    let one: Records = decode(&body["result"][0]);
    assert_eq!(one.len(), 1);
    assert_eq!(one.as_slice()[0].request_id.as_deref(), Some("uuid-v4"));
}

#[test]
fn record_lenient_values() {
    let r: KycRecord = decode(&json!({
        "document_data": [{"age": 26, "expiryDay": "05", "expiryMonth": "7", "expiryYear": "2031"}],
        "errorCodes": [5004, "5010", "x"],
        "warnings": null,
        "decision": "",
        "__v": "3"
    }));
    let d = r.primary_document().unwrap();
    assert_eq!(
        d.age.as_deref(),
        Some("26"),
        "a number in a text field keeps its text"
    );
    assert_eq!(d.age(), Some(26));
    assert_eq!(d.expiry_ymd(), Some((2031, 7, 5)));
    assert_eq!(r.error_code_numbers(), vec![5004, 5010]);
    assert!(r.warnings.is_empty());
    assert_eq!(r.decision, None);
    assert_eq!(r.version, Some(3));
}

#[test]
fn workflow_rules() {
    let w: WorkflowRules = result("workflow_rules");
    assert_eq!(
        w.documents,
        vec![
            DocumentType::IdCard,
            DocumentType::Passport,
            DocumentType::DrivingLicense
        ]
    );
    assert_eq!(w.slot_of(&DocumentType::Passport), Some(2));
    assert_eq!(w.liveness_type.as_deref(), Some("string"));
    assert_eq!(w.ocr_only, Some(false));
    assert_eq!(w.store_data, Some(true));
    assert_eq!(w.auto_capture, Some(true));
    approx(w.face_match_score, 95.0);
    assert_eq!((w.min_age, w.max_age), (Some(18), Some(100)));
    assert_eq!(w.callback_url.as_deref(), Some("https://..."));
    assert_eq!(w.aml_type.as_deref(), Some("string"));
    assert_eq!(w.version, Some(0));
    let theme = w.theme.as_ref().unwrap();
    assert_eq!(
        theme.background_color, None,
        "empty colour reads as missing"
    );
    assert_eq!(theme.language.as_deref(), Some("en"));
    assert_eq!(theme.skip_result, Some(false));
    assert!(theme.image_urls.is_empty());
    assert!(w.extra.is_empty() && theme.extra.is_empty());
}

#[test]
fn workflow_rules_by_link() {
    let w: WorkflowRules = result("workflow_rules_by_link");
    assert_eq!(w.id.as_deref(), Some("652f1c0e9b1d8a0012345678"));
    assert_eq!(w.workflow_id.as_deref(), Some("wf-123"));
    assert_eq!(w.document_optional, Some(true));
    assert_eq!(
        w.documents,
        vec![DocumentType::Passport, DocumentType::IdCard]
    );
    assert_eq!(w.theme, None);
    assert_eq!(w.min_age, None);
}

#[test]
fn analyze_face() {
    let a: FaceAnalysis = result("analyze_face");
    assert_eq!(a.age_range(), Some((25, 33)));
    assert_eq!(a.gender.as_deref(), Some("Male"));
    approx(a.gender_confidence, 100.0);
    approx(a.face_detection_confidence, 99.999);
    approx(a.liveness_score, 0.999);
}

fn webhook(name: &str) -> WebhookEvent {
    let bytes = serde_json::to_vec(&fixture(name)).unwrap();
    let event = WebhookEvent::parse(&bytes).unwrap();
    let again: WebhookEvent =
        serde_json::from_value(serde_json::to_value(&event).unwrap()).unwrap();
    assert_eq!(event, again);
    event
}

#[test]
fn webhook_completed() {
    let event = webhook("webhook_completed");
    assert_eq!(
        event.request_id(),
        Some("973f1bb2-c4a6-424c-ae61-d220202b0611")
    );
    assert_eq!(event.status(), Some(&WebhookStatus::Accepted));
    let WebhookEvent::Completed(c) = event else {
        panic!("expected Completed, got {event:?}")
    };
    let c: WebhookCompleted = c;
    assert_eq!(c.full_name.as_deref(), Some("JOHN"));
    let rec = c.kyc_data.as_ref().and_then(KycData::record).unwrap();
    assert_eq!(rec.request_id, None);
    assert!(rec.extra.is_empty());
}

#[test]
fn webhook_completed_with_full_record() {
    let mut body = fixture("webhook_completed");
    body["kycData"] = fixture("v3_records")["result"][0].clone();
    let event = WebhookEvent::parse(&serde_json::to_vec(&body).unwrap()).unwrap();
    let WebhookEvent::Completed(c) = event else {
        panic!("expected Completed")
    };
    let rec = c.kyc_data.as_ref().and_then(KycData::record).unwrap();
    assert_eq!(
        rec.primary_document().unwrap().nationality_iso.as_deref(),
        Some("XX")
    );
}

#[test]
fn webhook_portal_update() {
    let event = webhook("webhook_portal_update");
    assert_eq!(event.status(), Some(&WebhookStatus::Approved));
    assert!(event.status().unwrap().is_accepted());
    let WebhookEvent::PortalUpdate(p) = event else {
        panic!("expected PortalUpdate, got {event:?}")
    };
    let p: WebhookPortalUpdate = p;
    assert_eq!(p.request_id.as_deref(), Some("uuid"));
    assert_eq!(p.full_name.as_deref(), Some("JOHN"));
    assert_eq!(p.modified_by_email.as_deref(), Some("reviewer@example.com"));
}

#[test]
fn webhook_unknown_and_invalid() {
    let e = WebhookEvent::parse(br#"{"requestId": "r", "status": "ACCEPTED"}"#).unwrap();
    assert_eq!(
        e,
        WebhookEvent::Unknown(json!({"requestId": "r", "status": "ACCEPTED"}))
    );
    let e = WebhookEvent::parse(b"[1, 2]").unwrap();
    assert!(matches!(e, WebhookEvent::Unknown(Value::Array(_))));
    let raw = WebhookEvent::parse(br#"{"kycData": "not a record", "status": "HOLD"}"#).unwrap();
    let WebhookEvent::Completed(c) = raw else {
        panic!("expected Completed")
    };
    assert_eq!(c.kyc_data, Some(KycData::Raw(json!("not a record"))));
    assert_eq!(c.status, Some(WebhookStatus::Other("HOLD".into())));

    let err = WebhookEvent::parse(br#"{"fullName": "JANE SECRETNAME""#).unwrap_err();
    assert!(err.eof);
    let text = err.to_string();
    assert!(
        !text.contains("SECRETNAME"),
        "error must not echo the body: {text}"
    );
    assert!(WebhookEvent::parse(b"").is_err());
}

#[test]
fn unknown_fields_reach_extra_everywhere() {
    let extra = |v: &Value| -> Extra { v.as_object().unwrap().clone() };
    let marker = json!({"zz_new": [1, "two", null]});
    let r: KycRules = decode(&marker);
    assert_eq!(r.extra, extra(&marker));
    let v: VerificationResult = decode(&marker);
    assert_eq!(v.extra, extra(&marker));
    let o: VerificationOutcome = decode(&marker);
    assert_eq!(o.extra, extra(&marker));
    let a: FaceAnalysis = decode(&marker);
    assert_eq!(a.extra, extra(&marker));
}

#[test]
fn null_elements_in_object_lists_are_skipped() {
    let r: KycRecord = decode(&json!({
        "document_data": [null, {"age": "30"}],
        "images": [null],
        "document_data_confidence": [null, {"full_name": 0.5}]
    }));
    assert_eq!(r.document_data.len(), 1);
    assert_eq!(r.primary_document().unwrap().age(), Some(30));
    assert!(r.images.is_empty());
    assert!(r.document_data_confidence[0].is_empty());
    approx(r.document_data_confidence[1].get("full_name"), 0.5);
    let records: Records = decode(&json!([null, {"requestId": "a"}]));
    assert_eq!(records.len(), 1);
}

#[test]
fn every_fixture_file_is_exercised() {
    let source = include_str!("fixtures.rs");
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        assert!(
            source.contains(&format!("\"{name}\"")),
            "fixture {name}.json is not used by any test"
        );
        // Every fixture is valid JSON.
        serde_json::from_slice::<Value>(&std::fs::read(&path).unwrap()).unwrap();
        names += 1;
    }
    assert!(names >= 18, "only {names} fixtures found");
}
