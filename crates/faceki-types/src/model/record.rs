//! [`KycRecord`]: a stored V3 verification record (reference §3.4), with its parts
//! other than the per-document data.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::define::model;
use super::{Decision, DocumentData, Extra, FieldConfidences};

model! {
    /// A V3 verification record (reference §3.4): the elements of the records and
    /// face-search results (§3.5, §3.6) and the `kycData` of a completed webhook (§4).
    ///
    /// Field casing is mixed on the wire (quirk §6.7); the Rust names are snake_case
    /// and each field names its wire key.
    pub struct KycRecord {
        /// Database id (`_id`), when sent.
        pub id: Option<String> as "_id",
        /// The link id the verification came through, if any.
        pub link: Option<String>,
        /// The caller's own id sent with the verification.
        pub record_identifier: Option<String>,
        /// Faceki's id for the verification (a UUID v4).
        pub request_id: Option<String> as "requestId",
        /// The OCR'd data of each document.
        pub document_data: Vec<DocumentData>,
        /// Selfie checks.
        pub selfie_data: Option<SelfieData>,
        /// Warnings (element shape unknown).
        pub warnings: Vec<Value>,
        /// Notes (element shape unknown).
        pub notes: Vec<Value>,
        /// Anti-money-laundering hits (element shape unknown).
        pub aml: Vec<Value>,
        /// Summary of the individual verdicts.
        pub verification_summary: Option<VerificationSummary>,
        /// Per-field confidences of each document.
        pub document_data_confidence: Vec<FieldConfidences>,
        /// The verdict: `ACCEPTED`, `DECLINED`, `REVIEW` or another value.
        pub decision: Option<Decision>,
        /// Error codes (presumably integers of reference §5.2).
        #[debug(numbers)] pub error_codes: Vec<Value> as "errorCodes",
        /// The device the verification came from.
        pub device_details: Option<DeviceDetails> as "deviceDetails",
        /// Stored image references. Records of V2 verifications carry the V2 map
        /// `{"doc_front_image": "<url or key>", …}` instead of a list: each entry is
        /// read as one reference whose `document_name` is the map key and `key` the
        /// value.
        #[with("image_refs")] pub images: Vec<ImageRef>,
        /// Identifies the person, for a later face match.
        pub face_id: Option<String>,
        /// Who last updated the record.
        pub update_by: Option<String> as "updateBy",
        /// Creation time (ISO 8601 text).
        pub created_at: Option<String> as "createdAt",
        /// Last update time (ISO 8601 text).
        pub updated_at: Option<String> as "updatedAt",
        /// Document version (`__v`), a database leftover.
        pub version: Option<i64> as "__v",
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

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

model! {
    /// `selfie_data`: selfie checks.
    pub struct SelfieData {
        /// Whether the selfie passed the liveness check.
        pub liveness_pass: Option<bool>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

model! {
    /// `verification_summary`: the individual verdicts of a record.
    pub struct VerificationSummary {
        /// Whether the selfie matched the document.
        pub face_verified: Option<bool>,
        /// Whether the selfie was live.
        pub selfie_liveness_verified: Option<bool>,
        /// Whether the document was verified.
        pub document_verified: Option<bool>,
        /// Whether the workflow rules (age, nationality, …) passed.
        pub verification_rules_passed: Option<bool>,
        /// Whether the document was a live capture, not a recapture.
        pub document_liveness_verified: Option<bool>,
        /// Whether image quality was sufficient.
        pub image_quality: Option<bool>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

model! {
    /// `deviceDetails`: the device the verification came from.
    #[serde(rename_all = "camelCase")]
    pub struct DeviceDetails {
        /// The user agent string.
        pub useragent: Option<String>,
        /// The parsed user agent.
        pub detect_result: Option<DetectResult>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

model! {
    /// `deviceDetails.detectResult`: the parsed user agent.
    pub struct DetectResult {
        /// The client (browser or app).
        pub client: Option<ClientInfo>,
        /// The device.
        pub device: Option<DeviceInfo>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

model! {
    /// `detectResult.client`: the browser or app.
    pub struct ClientInfo {
        /// Client type (wire `type`), e.g. `"browser"`.
        pub kind: Option<String> as "type",
        /// Client name.
        pub name: Option<String>,
        /// Client version.
        pub version: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

model! {
    /// `detectResult.device`: the device.
    pub struct DeviceInfo {
        /// Device id.
        pub id: Option<String>,
        /// Device type (wire `type`), e.g. `"smartphone"`.
        pub kind: Option<String> as "type",
        /// Device brand.
        pub brand: Option<String>,
        /// Device model.
        pub model: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

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

model! {
    /// One element of `images`: a stored image.
    #[serde(rename_all = "camelCase")]
    pub struct ImageRef {
        /// Which document (or the selfie) the image shows.
        pub document_name: Option<String>,
        /// `"front"` or `"back"`.
        pub side: Option<String>,
        /// Storage key.
        pub key: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

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
