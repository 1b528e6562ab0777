//! The JSON bodies of the three webhook events: the two documented in reference §4 and
//! an illustrative AML-monitoring update (Faceki sends one but documents no shape).

use serde_json::{Value, json};

/// The `amlStatus` of the illustrative AML-monitoring update.
pub(crate) const AML_STATUS: &str = "POTENTIAL_MATCH";

/// The §4 "EKYC completed" payload.
pub(crate) fn completed(request_id: &str, full_name: &str, status: &str, record: &Value) -> Value {
    json!({ "requestId": request_id, "fullName": full_name, "status": status, "kycData": record })
}

/// The §4 "EKYC update from portal" payload.
pub(crate) fn portal(request_id: &str, full_name: &str, status: &str, email: &str) -> Value {
    json!({
        "requestId": request_id, "fullName": full_name, "status": status,
        "modifiedByEmail": email
    })
}

/// The sandbox's illustrative AML-monitoring update: neither `kycData` nor
/// `modifiedByEmail`, so a receiver sees a shape it does not model.
pub(crate) fn aml_update(request_id: &str, checked_at: &str) -> Value {
    json!({
        "event": "aml_monitoring_update",
        "requestId": request_id,
        "amlStatus": AML_STATUS,
        "matches": [{ "source": "SANDBOX-WATCHLIST", "score": 0.87 }],
        "checkedAt": checked_at
    })
}
