//! Debug redaction: no personal value of a model shows in its `{:?}` or `{:#?}` output.
//!
//! Every model is built from the API fixtures (through the SDK's decoders, as a client
//! reads them) and from hand-written bodies that fill every field, including unknown
//! ones. Every string of the source JSON, minus a short list of vocabulary, must be
//! absent from both Debug forms: as a substring when it has 3 characters or more, and
//! in its quoted `Debug` form at any length. Numbers that are personal (estimated ages,
//! day counts that give away a document's dates) must be absent too.
//!
//! [`Reveal`] must show those same values, and a multipart part's `Debug` must not
//! show its file name.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::fmt::Debug;

use faceki_types::decode::decode_link;
use faceki_types::model::{DocumentFaceMatch, Reveal, WebhookEvent};
use faceki_types::request::Part;
use faceki_types::{
    FaceAnalysis, FaceCheckResult, KycRecord, KycRules, KycSummary, LinkCreated,
    MultiVerificationResult, Records, TokenResponse, VerificationOutcome, VerificationResult,
    WorkflowRules,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

const JSON: Option<&str> = Some("application/json");

/// Fixture strings that are vocabulary, not personal data, and may show: decisions and
/// statuses (printed through their enums), document types, a side name that is also
/// part of field names (`doc_front_image`), and a boolean sent as text.
const VOCABULARY: &[&str] = &[
    "ACCEPTED",
    "APPROVED",
    "ID Card",
    "Passport",
    "Driving License",
    "front",
    "true",
];

/// The fixture directory, `tests/fixtures`.
fn fixtures_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The body of fixture `name` (`tests/fixtures/<name>.json`).
fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(format!("{name}.json"))).expect(name)
}

/// Fixture `name` decoded through `faceki_types::decode`, as a client reads it.
fn decode_fixture<T: DeserializeOwned>(name: &str) -> T {
    faceki_types::decode(200, JSON, &read_fixture(name)).expect(name)
}

/// Every non-empty string leaf of `value`, minus [`VOCABULARY`].
fn personal_strings(value: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::String(s) if !s.is_empty() && !VOCABULARY.contains(&s.as_str()) => {
                out.insert(s.clone());
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            Value::Object(map) => map.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, &mut out);
    out
}

/// Whether `n` appears in `text` as a whole run of digits.
fn contains_number(text: &str, n: u64) -> bool {
    let n = n.to_string();
    text.split(|c: char| !c.is_ascii_digit())
        .any(|run| run == n)
}

/// Both Debug forms of `model`.
fn debug_forms(model: &dyn Debug) -> [String; 2] {
    [format!("{model:?}"), format!("{model:#?}")]
}

/// Asserts that no personal string of `source` and none of `numbers` shows in either
/// Debug form of `model`; returns the compact form for further checks.
fn assert_hides(what: &str, model: &dyn Debug, source: &Value, numbers: &[u64]) -> String {
    let personal = personal_strings(source);
    let forms = debug_forms(model);
    for out in &forms {
        for s in &personal {
            assert!(
                s.chars().count() < 3 || !out.contains(s.as_str()),
                "{what}: {s:?} shows in\n{out}"
            );
            let quoted = format!("{s:?}");
            assert!(!out.contains(&quoted), "{what}: {quoted} shows in\n{out}");
        }
        for n in numbers {
            assert!(!contains_number(out, *n), "{what}: {n} shows in\n{out}");
        }
        assert!(
            out.contains("redacted") || personal.is_empty(),
            "{what}: {out}"
        );
    }
    let [compact, _] = forms;
    compact
}

/// Decodes a whole fixture body through `faceki_types::decode`, as a client would.
fn decoded<T: DeserializeOwned + Debug + 'static>(bytes: &[u8]) -> Box<dyn Debug> {
    Box::new(faceki_types::decode::<T>(200, JSON, bytes).unwrap())
}

/// Decodes the `data` of a failure fixture (which `decode` reports as an API error).
fn failure_data<T: DeserializeOwned + Debug + 'static>(bytes: &[u8]) -> Box<dyn Debug> {
    let body: Value = serde_json::from_slice(bytes).unwrap();
    Box::new(serde_json::from_value::<T>(body["data"].clone()).unwrap())
}

fn link(bytes: &[u8]) -> Box<dyn Debug> {
    Box::new(decode_link(200, JSON, bytes).unwrap())
}

fn webhook(bytes: &[u8]) -> Box<dyn Debug> {
    Box::new(WebhookEvent::parse(bytes).unwrap())
}

type Builder = fn(&[u8]) -> Box<dyn Debug>;

/// Every fixture that decodes into a model, with its decoder and its personal numbers.
const FIXTURES: &[(&str, Builder, &[u64])] = &[
    ("analyze_face", decoded::<FaceAnalysis>, &[25, 33]),
    ("link_created", link, &[]),
    ("token_success", decoded::<TokenResponse>, &[]),
    ("v2_face_check", decoded::<FaceCheckResult>, &[]),
    (
        "v2_multi_verification",
        decoded::<MultiVerificationResult>,
        &[],
    ),
    ("v2_rules", decoded::<KycRules>, &[]),
    ("v2_single_verification", decoded::<VerificationResult>, &[]),
    ("v2_summary", decoded::<KycSummary>, &[]),
    ("v2_validate_link", decoded::<KycRules>, &[]),
    (
        "v2_verification_failure",
        failure_data::<VerificationResult>,
        &[],
    ),
    ("v3_records", decoded::<Records>, &[]),
    (
        "v3_verification_success",
        decoded::<VerificationOutcome>,
        &[],
    ),
    ("webhook_completed", webhook, &[]),
    ("webhook_portal_update", webhook, &[]),
    ("workflow_rules", decoded::<WorkflowRules>, &[]),
    ("workflow_rules_by_link", decoded::<WorkflowRules>, &[]),
];

/// Fixtures with no model: API errors (their `Debug` is the decoder's concern).
const ERROR_FIXTURES: &[&str] = &["token_error", "v3_verification_failure"];

#[test]
fn no_fixture_value_shows_in_debug() {
    for (name, build, numbers) in FIXTURES {
        let body = read_fixture(name);
        let source: Value = serde_json::from_slice(&body).unwrap();
        assert_hides(name, &*build(&body), &source, numbers);
    }
}

#[test]
fn every_fixture_is_checked() {
    for entry in std::fs::read_dir(fixtures_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        assert!(
            FIXTURES.iter().any(|(n, ..)| *n == name) || ERROR_FIXTURES.contains(&name.as_str()),
            "fixture {name} is not checked for redaction"
        );
    }
}

// ---------------------------------------------------------------------------
// Hand-written bodies that fill every field of every model.

/// Personal numbers in the hand-written bodies: estimated ages and day counts.
const PERSONAL_NUMBERS: &[u64] = &[41, 47, 1234, 2345];

/// One document of [`full_record`], every field set.
fn full_document_data() -> Value {
    json!({
        "reference": "REF-PERSONAL-1", "full_name": "Ana Maria Popescu",
        "first_name": "Ana Maria", "local_name": "Ана Мария", "last_name": "Popescu",
        "middle_name": "Ioana", "nationality": "Romanian", "nationality_iso": "RO",
        "nationality_iso2": "ROU", "issuer": "Romania", "issuer_iso": "RO",
        "issuer_iso2": "ROU", "gender": "F", "dob": "12", "age": "34",
        "expiry": "2031-07-19", "expiryDay": "19", "expiryMonth": "07", "expiryYear": "2031",
        "issued": "2021-07-19", "issuedDay": "18", "issuedMonth": "06", "issuedYear": "2021",
        "documentAdditionalNumber": "ADD-998877", "document_number": "RX1234567",
        "document_type": "I", "document_type_full": "Carte de identitate",
        "mrz": "IDROUPOPESCU<<ANA<MARIA<<<<<<<<<<<<", "passed": false,
        "document_face_match": { "similarity": 12.5, "confidence": 80.25, "note": "match-note-x" },
        "date_of_birth": "1990-04-12", "date_of_birth_day": "12",
        "date_of_birth_month": "04", "date_of_birth_year": "1990",
        "placeOfBirth": "Cluj-Napoca", "personal_number": "2900412123456",
        "unknown_document_field": "doc-extra-secret"
    })
}

/// The device details of [`full_record`], every field set.
fn full_device_details() -> Value {
    json!({
        "useragent": "Mozilla/5.0 (Ana's iPhone)",
        "detectResult": {
            "client": { "type": "browser", "name": "Safari", "version": "17.4.1", "engine": "WebKit" },
            "device": { "id": "device-serial-42x", "type": "smartphone", "brand": "Apple",
                        "model": "iPhone 15", "owner": "Ana-device-owner" },
            "os": "iOS 17"
        },
        "ip": "203.0.113.77"
    })
}

/// A V3 record with every field set, unknown fields at every level.
fn full_record() -> Value {
    json!({
        "_id": "rec-db-77aa", "link": "link-77aa", "record_identifier": "customer-ana-1990",
        "requestId": "req-77aa-bb", "face_id": "face-77aa", "updateBy": "reviewer.ana@example.com",
        "createdAt": "2024-02-03T04:05:06Z", "updatedAt": "2024-02-04T04:05:06Z", "__v": 3,
        "decision": "DECLINED",
        "document_data": [full_document_data()],
        "selfie_data": { "liveness_pass": false, "selfie_url": "https://cdn.example.com/ana-selfie.jpg" },
        "warnings": ["warning about Ana"], "notes": [{"text": "note about Popescu"}],
        "aml": ["aml hit Popescu"],
        "verification_summary": {
            "face_verified": true, "selfie_liveness_verified": false, "document_verified": true,
            "verification_rules_passed": false, "document_liveness_verified": true,
            "image_quality": false, "summary_note": "summary-extra-secret"
        },
        "document_data_confidence": [{ "reference": "REF-PERSONAL-1", "full_name": 0.75 }],
        "errorCodes": [5004, "code-as-text-x"],
        "deviceDetails": full_device_details(),
        "images": [{ "documentName": "ID Card", "side": "back", "key": "s3/ana/back.jpg", "bucket": "ana-bucket" }],
        "futureField": { "addedBy": "future-extra-secret" }
    })
}

/// A V2 verification result with every field set.
fn full_v2_result() -> Value {
    json!({
        "requestId": "v2-req-5566", "responseID": "v2-resp-5566",
        "verification": { "passed": false, "result": { "face": false, "reason": "verdict-text-x" }, "by": "verdict-extra-x" },
        "face": { "isIdentical": false, "confidence": 0.25, "engine": "face-extra-x" },
        "confidence": { "firstName": 0.5, "reference": "conf-ref-x" },
        "result": {
            "documentNumber": "V2DOC998877", "firstName": "Ion", "middleName": "Vasile",
            "lastName": "Ionescu", "fullName": "Ion Vasile Ionescu", "dob": "1985-11-02",
            "dob_day": "02", "dob_month": "11", "dob_year": "1985", "expiry": "2030-01-15",
            "expiry_day": "15", "expiry_month": "01", "expiry_year": "2030",
            "daysToExpiry": 1234, "issued": "2020-01-15", "issued_day": "15",
            "issued_month": "01", "issued_year": "2020", "daysFromIssue": 2345,
            "address1": "Strada Lunga 12, Brasov", "documentType": "P", "documentSide": "FRONT",
            "issueAuthority": "SPCLEP Brasov", "issuerOrg_full": "Romania",
            "issuerOrg_iso2": "RO", "issuerOrg_iso3": "ROU", "nationality_full": "Romanian",
            "nationality_iso2": "RO", "nationality_iso3": "ROU", "internalId": "int-id-5566",
            "signatureText": "Ionescu-signature"
        },
        "authentication": { "recapture_check": { "passed": true, "score": 0.5, "detail": "auth-detail-x" } },
        "aml": [{ "list": "aml-list-x" }],
        "images": { "doc_front_image": "s3/ion/front.jpg", "doc_back_image": "s3/ion/back.jpg",
                    "selfie_image": "s3/ion/selfie.jpg", "extra_image": "s3/ion/extra.jpg" },
        "livenessResponse": { "sessionId": "liveness-session-x" },
        "error": { "code": 9, "message": "Face of Ion not found", "hint": "error-extra-x" },
        "kycVersion": "v2-extra-x"
    })
}

/// A workflow with every field set, theme included.
fn full_workflow() -> Value {
    json!({
        "_id": "wf-db-1", "branchId": "branch-x1", "workflowId": "wf-x1", "companyId": "company-x1",
        "documents": ["ID Card"], "liveness_type": "liveness-x", "ocr_only": false,
        "user_verify_once": true, "document_optional": false, "store_data": true,
        "recaptured_allow": false, "geolocation_enforce": true, "auto_capture": false,
        "sms_verification": true, "email_verification": false, "face_match_score": 95,
        "minAge": 18, "maxAge": 99, "amlType": "aml-type-x",
        "callbackURL": "https://hooks.example.com/ana-company", "region": "region-x", "__v": 1,
        "theme": {
            "backgroundColor": "#a1a1a1", "cardBackgroundColor": "#b2b2b2",
            "iconColorDesktop": "#c3c3c3", "buttonColor": "#d4d4d4", "headingColor": "#e5e5e5",
            "textColor": "#f6f6f6", "iconColor": "#070707",
            "selfieImage": "https://cdn.example.com/selfie-guide.png",
            "logoImage": "https://cdn.example.com/logo.png", "skipEmailScreen": true,
            "skipResult": false, "successText": "Welcome aboard", "declineText": "Sorry, declined",
            "imageUrls": ["https://cdn.example.com/extra.png"], "language": "ro",
            "font": "theme-extra-x"
        },
        "webhookSecret": "workflow-extra-x"
    })
}

/// V2 rules with every field set.
fn full_rules() -> Value {
    json!({
        "_id": "rules-db-1", "companyId": "company-r1", "__v": 2,
        "allowedCountries": ["Romania"], "allowedKycDocuments": ["Passport"],
        "allowedNationalities": ["Romanian"], "createdAt": "2023-01-01T00:00:00Z",
        "updatedAt": "2023-01-02T00:00:00Z", "dataStorageTime": "storage-x",
        "declined": { "redirect_url": "https://example.com/declined-x", "message": "declined-msg-x", "k": "redirect-extra-x" },
        "invalid": { "redirect_url": "https://example.com/invalid-x", "message": "invalid-msg-x", "k": "redirect-extra-y" },
        "success": { "redirect_url": "https://example.com/success-x", "message": "success-msg-x", "k": "redirect-extra-z" },
        "invalidDocuments": ["invalid-doc-x"], "isRecapturedDocumentInvalid": true,
        "link": "rules-link-x", "livenessCheckType": "check-type-x", "multiKYCEnabled": false,
        "status": "status-x", "storedData": false, "validAge": 21, "allowSingle": true,
        "engine_id": "engine-x", "mandatory_geolocation": true, "profile_id": "profile-x",
        "verify_user_once": false, "owner": "rules-extra-x"
    })
}

fn from<T: DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap()
}

/// Asserts that a hand-written body filled every field: no `None` and no empty list
/// or map in the Debug output.
fn assert_full(what: &str, debug: &str) {
    for empty in ["None", "[]", "{}"] {
        assert!(!debug.contains(empty), "{what}: a field is empty: {debug}");
    }
}

fn check_full(what: &str, model: &dyn Debug, source: &Value) {
    let debug = assert_hides(what, model, source, PERSONAL_NUMBERS);
    assert_full(what, &debug);
}

#[test]
fn full_v3_models_hide_every_value() {
    let record = full_record();
    check_full("record", &from::<KycRecord>(&record), &record);
    let records = json!([record.clone(), record]);
    check_full("records", &from::<Records>(&records), &records);
    let outcome = json!({
        "requestId": "out-req-x", "decision": "REVIEW", "companyId": "out-company-x",
        "workflowId": "out-wf-x", "branchId": "out-branch-x", "extraText": "outcome-extra-x"
    });
    check_full("outcome", &from::<VerificationOutcome>(&outcome), &outcome);
    let analysis = json!({
        "minAge": 41, "maxAge": 47, "gender": "Female", "genderConfidence": 98.5,
        "faceDetectionConfidence": 99.25, "livenessScore": 0.875, "ethnicity": "analysis-extra-x"
    });
    check_full("analysis", &from::<FaceAnalysis>(&analysis), &analysis);
    let workflow = full_workflow();
    check_full("workflow", &from::<WorkflowRules>(&workflow), &workflow);
}

#[test]
fn full_v2_models_hide_every_value() {
    let result = full_v2_result();
    check_full("v2 result", &from::<VerificationResult>(&result), &result);
    let kyc = |data: &Value| json!({ "responseCode": 0, "data": data, "note": "multi-extra-x" });
    let multi = json!({
        "requestId": "multi-req-x", "idKycData": kyc(&result), "dlKycData": kyc(&result),
        "ppKycData": kyc(&result), "batch": "multi-top-extra-x"
    });
    check_full("multi", &from::<MultiVerificationResult>(&multi), &multi);
    let face_check = json!({
        "face_verified": true, "all_face_ids": ["face-id-a1", "face-id-b2"],
        "kyc_records": [{ "_id": "fc-db-1", "kycResponse": result, "score": "fc-extra-x" }],
        "searchedBy": "face-check-extra-x"
    });
    check_full(
        "face check",
        &from::<FaceCheckResult>(&face_check),
        &face_check,
    );
    let rules = full_rules();
    check_full("rules", &from::<KycRules>(&rules), &rules);
    let summary = json!({ "total": 7, "period": "summary-text-x" });
    check_full("summary", &from::<KycSummary>(&summary), &summary);
}

#[test]
fn webhooks_hide_every_value() {
    let completed = json!({
        "requestId": "hook-req-x", "fullName": "Ana Maria Popescu", "status": "DECLINED",
        "kycData": full_record(), "deliveryId": "hook-extra-x"
    });
    let portal = json!({
        "requestId": "hook-req-y", "fullName": "Ion Ionescu", "status": "REVIEW",
        "modifiedByEmail": "reviewer.ion@example.com", "comment": "hook-extra-y"
    });
    let raw_kyc = json!({ "requestId": "hook-req-z", "kycData": ["raw kyc text of Ana"] });
    let unknown = json!({ "someone": "Ana Maria Popescu", "passport": "RX1234567" });
    for (what, body) in [
        ("completed", completed),
        ("portal update", portal),
        ("raw kycData", raw_kyc),
        ("unknown", unknown),
    ] {
        let event = WebhookEvent::parse(body.to_string().as_bytes()).unwrap();
        assert_hides(what, &event, &body, &[]);
    }
}

#[test]
fn token_and_link_hide_their_values() {
    let jwt = "eyJhbGciOiJSUzI1NiJ9.secret-claims.sig";
    let token = TokenResponse::new(jwt, Some(3600));
    let debug = assert_hides("token", &token, &json!([jwt]), &[]);
    assert!(
        debug.contains("access_token: Secret([redacted])"),
        "{debug}"
    );
    assert!(debug.contains("expires_in: Some(3600)"), "{debug}");

    let data = json!({ "linkId": "link-id-x", "url": "https://kyc.example.com/link-id-x", "owner": "link-extra-x" });
    let link = LinkCreated::from_parts(data.clone(), None).unwrap();
    let debug = assert_hides("link", &link, &data, &[]);
    assert_full("link", &debug);
}

// ---------------------------------------------------------------------------
// What stays visible.

#[test]
fn non_personal_values_stay_visible() {
    let records: Records = decode_fixture("v3_records");
    let debug = format!("{records:?}");
    for shown in [
        "Records([KycRecord {",
        "decision: Some(Accepted)",
        "passed: Some(true)",
        "similarity: Some(99.98751831054688)",
        "liveness_pass: Some(true)",
        "full_name: Some(<redacted>)",
        "middle_name: None",
        "version: Some(0)",
        "warnings: []",
        "\"full_name\": 0.99",
        "\"reference\": <redacted>",
        "extra: {1 redacted}",
    ] {
        assert!(debug.contains(shown), "{shown} missing from {debug}");
    }

    let face: FaceCheckResult = decode_fixture("v2_face_check");
    let debug = format!("{face:?}");
    assert!(debug.contains("all_face_ids: [1 redacted]"), "{debug}");
    assert!(debug.contains("face_verified: Some(true)"), "{debug}");

    let analysis: FaceAnalysis = decode_fixture("analyze_face");
    let debug = format!("{analysis:?}");
    assert!(debug.contains("min_age: Some(<redacted>)"), "{debug}");
    assert!(debug.contains("liveness_score: Some(0.999)"), "{debug}");

    let summary: KycSummary = decode_fixture("v2_summary");
    assert!(
        format!("{summary:?}").contains("\"total\": 42"),
        "{summary:?}"
    );

    let rules: WorkflowRules = decode_fixture("workflow_rules");
    let debug = format!("{rules:?}");
    assert!(
        debug.contains("documents: [IdCard, Passport, DrivingLicense]"),
        "{debug}"
    );
    assert!(debug.contains("min_age: Some(18)"), "{debug}");
}

#[test]
fn debug_prints_the_type_and_every_field_name() {
    let m: DocumentFaceMatch =
        serde_json::from_value(json!({ "similarity": 99.5, "vendor": "x" })).unwrap();
    assert_eq!(
        format!("{m:?}"),
        "DocumentFaceMatch { similarity: Some(99.5), confidence: None, extra: {1 redacted} }"
    );
    assert_eq!(
        format!("{m:#?}"),
        "DocumentFaceMatch {\n    similarity: Some(\n        99.5,\n    ),\n    confidence: None,\n    extra: {1 redacted},\n}"
    );
    let event = WebhookEvent::parse(br#"{"someone": "x"}"#).unwrap();
    assert_eq!(format!("{event:?}"), "Unknown({1 redacted})");
}

// ---------------------------------------------------------------------------
// Reveal and multipart parts.

#[test]
fn reveal_shows_every_value() {
    let result: Value = decode_fixture("v3_records");
    let records: Records = decode_fixture("v3_records");
    let compact = Reveal(&records).to_string();
    let pretty = format!("{:#?}", Reveal(&records));
    assert!(!compact.contains('\n') && pretty.contains('\n'));
    assert_eq!(format!("{:?}", Reveal(&records)), compact);
    for out in [&compact, &pretty] {
        for s in personal_strings(&result) {
            assert!(out.contains(&s), "{s:?} missing from {out}");
        }
    }
    let event = WebhookEvent::parse(&read_fixture("webhook_portal_update")).unwrap();
    assert!(Reveal(&event).to_string().contains("reviewer@example.com"));
}

#[test]
fn part_debug_drops_the_file_name() {
    let part: Part<&[u8]> = Part::File {
        name: "document_1_front",
        file_name: "ana-popescu-passport.jpg".into(),
        content_type: "image/jpeg",
        len: 3,
        source: &[0xFF, 0xD8, 0xFF][..],
    };
    for out in debug_forms(&part) {
        assert!(!out.contains("ana-popescu"), "{out}");
        assert!(
            out.contains("document_1_front") && out.contains("image/jpeg"),
            "{out}"
        );
        assert!(out.contains("len: 3"), "{out}");
    }
    let text: Part<&[u8]> = Part::Text {
        name: "workflowId",
        value: "Ana Maria Popescu".into(),
    };
    assert!(!format!("{text:?}").contains("Ana"));
}

#[test]
fn request_descriptions_hide_the_caller_s_identifiers() {
    use faceki_types::request::{CreateLink, RecordsQuery};
    let query = RecordsQuery::new()
        .record_identifier("customer-ana-42")
        .request_id("req-ana-1");
    let link = CreateLink::new()
        .application_id("app-ana-7")
        .workflow_id("wf-1");
    let verification = faceki_types::V3Verification::<()>::by_workflow("wf-1")
        .record_identifier("customer-ana-42");
    for shown in [
        format!("{query:?} {query:#?}"),
        format!("{link:?} {link:#?}"),
        format!("{verification:?} {verification:#?}"),
    ] {
        assert!(!shown.contains("ana"), "{shown}");
        assert!(shown.contains("<redacted>"), "presence is kept: {shown}");
    }
}
