//! Plausible synthetic bodies written from the reference: V2 verification data (§2.4),
//! V3 records (§3.4), V2 rules (§2.3). No real personal data: the person is always
//! "SANDBOX TESTER" from the fictional country "XX".

use serde_json::{Value, json};

/// First name of the synthetic person.
pub(crate) const FIRST_NAME: &str = "SANDBOX";
/// Last name of the synthetic person.
pub(crate) const LAST_NAME: &str = "TESTER";
/// Full name of the synthetic person.
pub(crate) const FULL_NAME: &str = "SANDBOX TESTER";

/// `data` of a V2 single verification (§2.4), also stored as the V2 record.
pub(crate) fn v2_data(request_id: &str, document: &str, passed: bool, images: &[&str]) -> Value {
    let image_keys: serde_json::Map<String, Value> = images
        .iter()
        .map(|n| {
            (
                (*n).to_owned(),
                Value::from(format!("sandbox/{request_id}/{n}")),
            )
        })
        .collect();
    json!({
        "requestId": request_id,
        "responseID": format!("resp-{request_id}"),
        "verification": { "passed": passed, "result": { "face": passed, "notexpired": true } },
        "face": { "isIdentical": passed, "confidence": if passed { 0.97 } else { 0.12 } },
        "confidence": {
            "backSideId": 1, "issuerOrg_full": 1, "issuerOrg_iso2": 1, "issuerOrg_iso3": 1,
            "document": 1, "documentName": 1, "documentNumber": 1, "documentSide": 1,
            "documentType": 1, "face": 1, "face0": 1, "firstName": 1, "fullName": 1,
            "internalId": 1, "lastName": 1, "middleName": 1, "nationality_full": 1,
            "reverseId": 1, "signature": 1, "signature0": 1
        },
        "result": {
            "documentNumber": "SBX0000001",
            "firstName": FIRST_NAME, "middleName": "", "lastName": LAST_NAME,
            "fullName": FULL_NAME,
            "dob": "1990/01/01", "dob_day": 1, "dob_month": 1, "dob_year": 1990,
            "expiry": "2035/01/01", "expiry_day": 1, "expiry_month": 1, "expiry_year": 2035,
            "daysToExpiry": 3000,
            "issued": "2025/01/01", "issued_day": 1, "issued_month": 1, "issued_year": 2025,
            "daysFromIssue": 300,
            "address1": "1 SANDBOX STREET",
            "documentType": doc_letter(document), "documentName": document,
            "documentSide": "FRONT",
            "issueAuthority": "SANDBOX AUTHORITY",
            "issuerOrg_full": "Sandbox", "issuerOrg_iso2": "XX", "issuerOrg_iso3": "XXX",
            "nationality_full": "Sandbox", "nationality_iso2": "XX", "nationality_iso3": "XXX",
            "internalId": "0"
        },
        "authentication": {
            "recapture_check": { "passed": true }, "data_visibility": { "passed": true },
            "image_quality": { "passed": true }, "feature_referencing": { "passed": true },
            "exif_check": { "passed": true }, "publicity_check": { "passed": true },
            "text_analysis": { "passed": true }, "biometric_analysis": { "passed": passed },
            "security_feature_check": { "passed": true },
            "score": if passed { 0.98 } else { 0.2 }
        },
        "aml": [],
        "images": image_keys,
        "livenessResponse": { "passed": true, "score": 0.99 },
        "error": { "code": 0, "message": "" }
    })
}

fn doc_letter(document: &str) -> &'static str {
    match document {
        "Passport" => "P",
        "Driving License" => "D",
        _ => "I",
    }
}

/// One `document_data` entry of a V3 record (§3.4).
pub(crate) fn document_data(index: usize, document: &str, passed: bool) -> Value {
    let number = format!("SBX{:07}", index + 1);
    json!({
        "reference": number,
        "full_name": FULL_NAME, "first_name": FIRST_NAME, "local_name": FULL_NAME,
        "last_name": LAST_NAME, "middle_name": "",
        "nationality": "SANDBOX", "nationality_iso": "XX", "nationality_iso2": "XXX",
        "issuer": "Sandbox", "issuer_iso": "XX", "issuer_iso2": "XXX",
        "gender": "X", "dob": "01", "age": "36",
        "expiry": "2035-01-01", "expiryDay": "01", "expiryMonth": "01", "expiryYear": "2035",
        "issued": "2025-01-01", "issuedDay": "01", "issuedMonth": "01", "issuedYear": "2025",
        "documentAdditionalNumber": "",
        "document_number": number,
        "document_type": doc_letter(document),
        "document_type_full": match document {
            "Passport" => "Passport", "Driving License" => "Driving License", _ => "Identity Card",
        },
        "mrz": format!("I<XXX{number}<<<<<<<<<<<<<<<"),
        "document_face_match": {
            "similarity": if passed { 99.5 } else { 12.0 },
            "confidence": 99.9
        },
        "passed": passed,
        "date_of_birth": "1990-01-01",
        "date_of_birth_day": "01", "date_of_birth_month": "01", "date_of_birth_year": "1990"
    })
}

/// Everything a V3 record needs besides the documents.
pub(crate) struct V3Record<'a> {
    pub(crate) request_id: &'a str,
    pub(crate) workflow_id: &'a str,
    pub(crate) record_identifier: &'a str,
    pub(crate) link: &'a str,
    pub(crate) face_id: &'a str,
    pub(crate) decision: &'a str,
    pub(crate) documents: &'a [String],
    pub(crate) images: &'a [(String, String)],
    pub(crate) now: &'a str,
}

/// A full V3 verification record (§3.4).
pub(crate) fn v3_record(r: &V3Record<'_>) -> Value {
    let passed = r.decision == "ACCEPTED";
    let docs: Vec<Value> = r
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| document_data(i, d, passed))
        .collect();
    let confidence: Vec<Value> = r
        .documents
        .iter()
        .enumerate()
        .map(|(i, _)| {
            json!({
                "reference": format!("SBX{:07}", i + 1), "full_name": 0.99, "first_name": 0.99,
                "last_name": 0.99, "document_number": 0.99, "dob": 0.98, "expiry": 0.98,
                "placeOfBirth": 0.9, "personal_number": 0.9
            })
        })
        .collect();
    let images: Vec<Value> = r
        .images
        .iter()
        .map(|(doc, side)| {
            json!({
                "documentName": doc, "side": side,
                "key": format!("sandbox/{}/{doc}-{side}", r.request_id)
            })
        })
        .collect();
    json!({
        "link": r.link,
        "record_identifier": r.record_identifier,
        "requestId": r.request_id,
        "workflowId": r.workflow_id,
        "companyId": "sandbox-company",
        "branchId": "sandbox-branch",
        "document_data": docs,
        "selfie_data": { "liveness_pass": passed },
        "warnings": [],
        "notes": [],
        "aml": [],
        "verification_summary": {
            "face_verified": passed,
            "selfie_liveness_verified": passed,
            "document_verified": passed,
            "verification_rules_passed": passed,
            "document_liveness_verified": passed,
            "image_quality": true
        },
        "document_data_confidence": confidence,
        "decision": r.decision,
        "errorCodes": [],
        "deviceDetails": {
            "useragent": "faceki-sandbox",
            "detectResult": {
                "client": { "type": "library", "name": "faceki-sandbox", "version": env!("CARGO_PKG_VERSION") },
                "device": { "id": "sandbox", "type": "server", "brand": "", "model": "" }
            }
        },
        "images": images,
        "face_id": r.face_id,
        "updateBy": "",
        "createdAt": r.now,
        "updatedAt": r.now,
        "__v": 0
    })
}

/// The §2.3 V2 rules object, with the extra fields SDKs decode.
pub(crate) fn v2_rules(documents: &[String], now: &str) -> Value {
    json!({
        "_id": "5a4d00000000000000000001",
        "companyId": "sandbox-company",
        "__v": 0,
        "allowedCountries": [],
        "allowedKycDocuments": documents,
        "allowedNationalities": [],
        "createdAt": now,
        "dataStorageTime": "FOREVER",
        "declined": { "redirect_url": "https://sandbox.invalid/declined", "message": "Declined!" },
        "invalid": { "redirect_url": "https://sandbox.invalid/invalid", "message": "Invalid!" },
        "invalidDocuments": [],
        "isRecapturedDocumentInvalid": false,
        "link": "",
        "livenessCheckType": "MODERATE",
        "multiKYCEnabled": documents.len() > 1,
        "status": "ACTIVE",
        "storedData": true,
        "success": { "redirect_url": "https://sandbox.invalid/success", "message": "Success!" },
        "updatedAt": now,
        "validAge": 18,
        "allowSingle": documents.len() <= 1,
        "engine_id": "sandbox",
        "mandatory_geolocation": false,
        "profile_id": "sandbox-profile",
        "verify_user_once": false
    })
}

/// The §3.8 V3-10 analyze-face result.
pub(crate) fn analyze_face() -> Value {
    json!({
        "minAge": 25, "maxAge": 33, "gender": "Male", "genderConfidence": 100,
        "faceDetectionConfidence": 99.999, "livenessScore": 0.999
    })
}
