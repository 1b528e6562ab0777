//! The payloads `webhook send` sends: Faceki's two documented webhook bodies
//! (reference §4) around a small, realistic, made-up V3 record, and an illustrative
//! AML-monitoring update (Faceki sends one but does not document its shape).

use std::time::SystemTime;

use serde_json::{Value, json};

use crate::args::{EventKind, Status};
use crate::commands::token::rfc3339;

/// The made-up applicant's name in every payload.
const FULL_NAME: &str = "JANE SAMPLE";
/// The made-up reviewer of a portal update.
const REVIEWER: &str = "reviewer@example.com";

/// The body of a `kind` event about `request_id` with `status`, at `now`.
pub(super) fn payload(kind: EventKind, status: Status, request_id: &str, now: SystemTime) -> Value {
    let now = rfc3339(now);
    match kind {
        EventKind::Completed => json!({
            "requestId": request_id,
            "fullName": FULL_NAME,
            "status": status.as_str(),
            "kycData": record(status, request_id, &now),
        }),
        EventKind::Update => json!({
            "requestId": request_id,
            "fullName": FULL_NAME,
            "status": status.as_str(),
            "modifiedByEmail": REVIEWER,
        }),
        EventKind::Aml => aml(status, request_id, &now),
    }
}

/// A random id shaped like Faceki's request ids (a version-4 UUID).
pub(super) fn random_request_id() -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-{:x}{:03x}-{:012x}",
        fastrand::u32(..),
        fastrand::u16(..),
        fastrand::u16(..0x1000),
        fastrand::u8(8..12),
        fastrand::u16(..0x1000),
        fastrand::u64(..1 << 48),
    )
}

/// A V3 verification record (reference §3.4) with one identity card.
fn record(status: Status, request_id: &str, now: &str) -> Value {
    let (decision, passed, face) = match status {
        Status::Accepted | Status::Approved => ("ACCEPTED", true, true),
        Status::Review => ("REVIEW", false, true),
        Status::Declined => ("DECLINED", false, false),
    };
    json!({
        "requestId": request_id,
        "record_identifier": format!("cli-{}", request_id.chars().take(8).collect::<String>()),
        "decision": decision,
        "document_data": [{
            "reference": "EX4827193",
            "full_name": FULL_NAME, "first_name": "JANE", "last_name": "SAMPLE",
            "middle_name": "", "local_name": FULL_NAME,
            "nationality": "Exampleland", "nationality_iso": "XX", "nationality_iso2": "XXX",
            "issuer": "Exampleland", "issuer_iso": "XX", "issuer_iso2": "XXX",
            "gender": "F", "dob": "14", "age": "34",
            "date_of_birth": "1991-07-14", "date_of_birth_day": "14",
            "date_of_birth_month": "07", "date_of_birth_year": "1991",
            "expiry": "2031-07-13", "expiryDay": "13", "expiryMonth": "07", "expiryYear": "2031",
            "document_number": "EX4827193",
            "document_type": "I", "document_type_full": "Identity Card",
            "document_face_match": {
                "similarity": if face { 99.2 } else { 23.5 },
                "confidence": 99.9
            },
            "passed": passed
        }],
        "selfie_data": { "liveness_pass": face },
        "verification_summary": {
            "face_verified": face,
            "selfie_liveness_verified": face,
            "document_verified": passed,
            "verification_rules_passed": passed,
            "document_liveness_verified": face,
            "image_quality": true
        },
        "warnings": [],
        "notes": [],
        "aml": [],
        "errorCodes": [],
        "face_id": random_request_id(),
        "createdAt": now,
        "updatedAt": now
    })
}

/// The illustrative AML-monitoring update: `amlStatus` and `matches` follow `status`.
fn aml(status: Status, request_id: &str, now: &str) -> Value {
    let watchlist = |score: f64| {
        json!([{
            "source": "EXAMPLE-SANCTIONS-LIST",
            "name": FULL_NAME,
            "score": score
        }])
    };
    let (aml_status, matches) = match status {
        Status::Accepted | Status::Approved => ("CLEAR", json!([])),
        Status::Review => ("POTENTIAL_MATCH", watchlist(0.87)),
        Status::Declined => ("CONFIRMED_MATCH", watchlist(0.99)),
    };
    json!({
        "event": "aml_monitoring_update",
        "requestId": request_id,
        "amlStatus": aml_status,
        "matches": matches,
        "checkedAt": now
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use faceki::model::{WebhookEvent, WebhookKind};

    fn event(kind: EventKind, status: Status) -> WebhookEvent {
        let body = payload(kind, status, "r-1", SystemTime::UNIX_EPOCH);
        WebhookEvent::from_value(body)
    }

    #[test]
    fn each_payload_is_read_as_its_kind() {
        let completed = event(EventKind::Completed, Status::Accepted);
        assert_eq!(completed.kind(), WebhookKind::Completed);
        assert!(completed.is_final());
        let WebhookEvent::Completed(c) = &completed else {
            unreachable!()
        };
        let record = c.kyc_data.as_ref().and_then(|d| d.record()).unwrap();
        assert_eq!(record.request_id.as_deref(), Some("r-1"));

        let update = event(EventKind::Update, Status::Review);
        assert_eq!(update.kind(), WebhookKind::PortalUpdate);
        assert!(!update.is_final());

        let aml = event(EventKind::Aml, Status::Review);
        assert_eq!(aml.kind(), WebhookKind::AmlUpdate);
        assert_eq!(aml.request_id(), Some("r-1"));
    }

    #[test]
    fn request_ids_look_like_uuids() {
        let id = random_request_id();
        let groups: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
        assert!(id.chars().all(|c| c == '-' || c.is_ascii_hexdigit()));
        assert_eq!(&id[14..15], "4");
        assert_ne!(id, random_request_id());
    }
}
