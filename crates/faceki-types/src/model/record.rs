//! [`KycRecord`]: a stored V3 verification record (reference §3.4), with its parts
//! other than the per-document data.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::redact::redacted_debug;
use super::{Decision, DocumentData, Extra, FieldConfidences, field};
use crate::lenient;

/// A V3 verification record (reference §3.4): the elements of the records and
/// face-search results (§3.5, §3.6) and the `kycData` of a completed webhook (§4).
///
/// Field casing is mixed on the wire (quirk §6.7); the Rust names are snake_case and
/// each field names its wire key.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KycRecord {
    /// Database id (`_id`), when sent.
    #[serde(
        rename = "_id",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The link id the verification came through, if any.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub link: Option<String>,
    /// The caller's own id sent with the verification.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub record_identifier: Option<String>,
    /// Faceki's id for the verification (a UUID v4).
    #[serde(
        rename = "requestId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The OCR'd data of each document.
    #[serde(
        default,
        deserialize_with = "field::objects_skip_nulls",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub document_data: Vec<DocumentData>,
    /// Selfie checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selfie_data: Option<SelfieData>,
    /// Warnings (element shape unknown).
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub warnings: Vec<Value>,
    /// Notes (element shape unknown).
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub notes: Vec<Value>,
    /// Anti-money-laundering hits (element shape unknown).
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub aml: Vec<Value>,
    /// Summary of the individual verdicts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_summary: Option<VerificationSummary>,
    /// Per-field confidences of each document.
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub document_data_confidence: Vec<FieldConfidences>,
    /// The verdict: `ACCEPTED`, `DECLINED`, `REVIEW` or another value.
    #[serde(
        default,
        deserialize_with = "field::opt_vocab",
        skip_serializing_if = "Option::is_none"
    )]
    pub decision: Option<Decision>,
    /// Error codes (presumably integers of reference §5.2).
    #[serde(
        rename = "errorCodes",
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub error_codes: Vec<Value>,
    /// The device the verification came from.
    #[serde(
        rename = "deviceDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_details: Option<DeviceDetails>,
    /// Stored image references. Records of V2 verifications carry the V2 map
    /// `{"doc_front_image": "<url or key>", …}` instead of a list: each entry is read
    /// as one reference whose `document_name` is the map key and `key` the value.
    #[serde(
        default,
        deserialize_with = "image_refs",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub images: Vec<ImageRef>,
    /// Identifies the person, for a later face match.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub face_id: Option<String>,
    /// Who last updated the record.
    #[serde(
        rename = "updateBy",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub update_by: Option<String>,
    /// Creation time (ISO 8601 text).
    #[serde(
        rename = "createdAt",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub created_at: Option<String>,
    /// Last update time (ISO 8601 text).
    #[serde(
        rename = "updatedAt",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub updated_at: Option<String>,
    /// Document version (`__v`), a database leftover.
    #[serde(
        rename = "__v",
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<i64>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(KycRecord {
    id,
    link,
    record_identifier,
    request_id,
    document_data,
    selfie_data,
    warnings,
    notes,
    aml,
    verification_summary,
    document_data_confidence,
    decision,
    error_codes: numbers,
    device_details,
    images,
    face_id,
    update_by,
    created_at,
    updated_at,
    version,
    extra
});

impl KycRecord {
    /// Whether the decision is `ACCEPTED`.
    pub fn is_accepted(&self) -> bool {
        self.decision.as_ref().is_some_and(Decision::is_accepted)
    }

    /// The error codes that read as integers (numbers or numeric strings).
    pub fn error_code_numbers(&self) -> Vec<i64> {
        self.error_codes
            .iter()
            .filter_map(|v| match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
            .collect()
    }

    /// The first document's data, where most callers find the name and number.
    pub fn primary_document(&self) -> Option<&DocumentData> {
        self.document_data.first()
    }
}

/// `selfie_data`: selfie checks.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SelfieData {
    /// Whether the selfie passed the liveness check.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub liveness_pass: Option<bool>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(SelfieData {
    liveness_pass,
    extra
});

/// `verification_summary`: the individual verdicts of a record.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationSummary {
    /// Whether the selfie matched the document.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub face_verified: Option<bool>,
    /// Whether the selfie was live.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub selfie_liveness_verified: Option<bool>,
    /// Whether the document was verified.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_verified: Option<bool>,
    /// Whether the workflow rules (age, nationality, …) passed.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub verification_rules_passed: Option<bool>,
    /// Whether the document was a live capture, not a recapture.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_liveness_verified: Option<bool>,
    /// Whether image quality was sufficient.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub image_quality: Option<bool>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(VerificationSummary {
    face_verified,
    selfie_liveness_verified,
    document_verified,
    verification_rules_passed,
    document_liveness_verified,
    image_quality,
    extra
});

/// `deviceDetails`: the device the verification came from.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceDetails {
    /// The user agent string.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub useragent: Option<String>,
    /// The parsed user agent.
    #[serde(
        rename = "detectResult",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub detect_result: Option<DetectResult>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DeviceDetails {
    useragent,
    detect_result,
    extra
});

/// `deviceDetails.detectResult`: the parsed user agent.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DetectResult {
    /// The client (browser or app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientInfo>,
    /// The device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceInfo>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DetectResult {
    client,
    device,
    extra
});

/// `detectResult.client`: the browser or app.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClientInfo {
    /// Client type (wire `type`), e.g. `"browser"`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<String>,
    /// Client name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Client version.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ClientInfo {
    kind,
    name,
    version,
    extra
});

/// `detectResult.device`: the device.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceInfo {
    /// Device id.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Device type (wire `type`), e.g. `"smartphone"`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<String>,
    /// Device brand.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub brand: Option<String>,
    /// Device model.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub model: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DeviceInfo {
    id,
    kind,
    brand,
    model,
    extra
});

/// `images` as the V3 list of objects (nulls skipped) or the V2 map of part name to
/// URL or key; any other value reads as no images.
fn image_refs<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ImageRef>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        Some(Value::Array(items)) => items
            .into_iter()
            .filter(|v| !v.is_null())
            .map(|v| ImageRef::deserialize(v).map_err(serde::de::Error::custom))
            .collect(),
        Some(Value::Object(map)) => Ok(map
            .into_iter()
            .map(|(name, value)| {
                let mut image = ImageRef {
                    document_name: Some(name),
                    side: None,
                    key: None,
                    extra: Extra::new(),
                };
                match value {
                    Value::String(key) if !key.is_empty() => image.key = Some(key),
                    Value::Null => {}
                    Value::String(_) => {}
                    other => {
                        image.extra.insert("value".to_owned(), other);
                    }
                }
                image
            })
            .collect()),
        _ => Ok(Vec::new()),
    }
}

/// One element of `images`: a stored image.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageRef {
    /// Which document (or the selfie) the image shows.
    #[serde(
        rename = "documentName",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_name: Option<String>,
    /// `"front"` or `"back"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub side: Option<String>,
    /// Storage key.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub key: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(ImageRef {
    document_name,
    side,
    key,
    extra
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_read_as_a_v3_list_or_a_v2_map() {
        let v3: KycRecord = serde_json::from_str(
            r#"{"images":[{"documentName":"ID Card","side":"front","key":"k1"},null]}"#,
        )
        .unwrap();
        assert_eq!(v3.images.len(), 1);
        assert_eq!(v3.images[0].key.as_deref(), Some("k1"));
        let v2: KycRecord =
            serde_json::from_str(r#"{"images":{"doc_front_image":"k2","selfie_image":""}}"#)
                .unwrap();
        assert_eq!(v2.images.len(), 2);
        let front = v2
            .images
            .iter()
            .find(|i| i.document_name.as_deref() == Some("doc_front_image"))
            .unwrap();
        assert_eq!(front.key.as_deref(), Some("k2"));
        let odd: KycRecord = serde_json::from_str(r#"{"images":"n/a"}"#).unwrap();
        assert!(odd.images.is_empty());
    }
}
