//! [`VerificationResult`]: the `data` of a V2 single-document verification
//! (reference §2.4), with its parts.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::define::{model, raw_map};
use super::{DocumentFields, Extra, FieldConfidences};
use crate::lenient;

model! {
    /// The `data` of `POST /kycverify/api/kycverify/kyc-verification` (reference
    /// §2.4), also each document's `data` in a multi-document result (§2.5) and the
    /// `kycResponse` of a face-check match (§2.9).
    ///
    /// The shape is assembled from the field list and vendor SDK types, so everything
    /// is optional and unknown fields are kept in `extra`.
    pub struct VerificationResult {
        /// Faceki's id for this verification.
        pub request_id: Option<String> as "requestId",
        /// Engine response id.
        pub response_id: Option<String> as "responseID",
        /// The overall verdict.
        pub verification: Option<VerificationVerdict>,
        /// Selfie versus document portrait.
        pub face: Option<FaceMatch>,
        /// Per-field OCR confidences, 0..1.
        pub confidence: FieldConfidences,
        /// The OCR'd document fields.
        pub result: Option<DocumentFields>,
        /// Document authenticity checks by name.
        pub authentication: AuthenticationChecks,
        /// Anti-money-laundering hits (element shape unknown).
        pub aml: Vec<Value>,
        /// Stored image references. A V3 record stored under a V2 answer (face check)
        /// sends them as a list; the list is then kept in `extra["items"]`.
        #[with("images_map_or_list")] pub images: Option<VerificationImages>,
        /// Liveness engine output, shape unknown, kept raw.
        pub liveness_response: Option<Value> as "livenessResponse",
        /// The error, present on failure.
        pub error: Option<VerificationError>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl VerificationResult {
    /// The overall pass flag, `verification.passed`.
    pub fn passed(&self) -> Option<bool> {
        self.verification.as_ref().and_then(|v| v.passed)
    }

    /// Whether the selfie matched the document, `face.isIdentical`.
    pub fn face_identical(&self) -> Option<bool> {
        self.face.as_ref().and_then(|f| f.is_identical)
    }
}

model! {
    /// `verification`: the overall verdict of a V2 verification.
    pub struct VerificationVerdict {
        /// The overall pass flag.
        pub passed: Option<bool>,
        /// Individual checks by name (e.g. `face`, `notexpired`), as sent.
        #[debug(numbers)] pub result: Extra,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl VerificationVerdict {
    /// One named check of `result` (e.g. `"notexpired"`), read leniently as a boolean.
    pub fn check(&self, name: &str) -> Option<bool> {
        self.result.get(name).and_then(lenient::value_bool)
    }
}

model! {
    /// `face`: the face-match result of a V2 verification.
    #[serde(rename_all = "camelCase")]
    pub struct FaceMatch {
        /// Whether the selfie and the document portrait are the same person.
        pub is_identical: Option<bool>,
        /// Match confidence, 0..1.
        pub confidence: Option<f64>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

raw_map! {
    /// `authentication`: the document authenticity checks of a V2 verification, by
    /// name (`recapture_check`, `image_quality`, …).
    ///
    /// The raw map is kept (`null` reads as an empty map), so a check sent in an
    /// unexpected shape is not lost; [`AuthenticationChecks::get`] reads one
    /// leniently.
    pub struct AuthenticationChecks;
}

impl AuthenticationChecks {
    /// One check by name. An object decodes as usual; a bare boolean is read as
    /// `{"passed": <bool>}`; anything else is `None`.
    pub fn get(&self, name: &str) -> Option<AuthenticationCheck> {
        match self.0.get(name)? {
            Value::Bool(b) => Some(AuthenticationCheck {
                passed: Some(*b),
                score: None,
                extra: Extra::new(),
            }),
            v @ Value::Object(_) => serde_json::from_value(v.clone()).ok(),
            _ => None,
        }
    }

    /// The names of the checks sent.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// Whether every check that states `passed` says `true` (vacuously true when
    /// there are none).
    pub fn all_passed(&self) -> bool {
        self.names()
            .filter_map(|n| self.get(n).and_then(|c| c.passed))
            .all(|p| p)
    }
}

model! {
    /// One authenticity check: `{passed, score}`.
    pub struct AuthenticationCheck {
        /// Whether the check passed.
        pub passed: Option<bool>,
        /// The check's score, when sent.
        pub score: Option<f64>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

/// `images` as the V2 map, or a list (V3-style records), kept raw under `items`; any
/// other value reads as no images.
fn images_map_or_list<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<VerificationImages>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        Some(value @ Value::Object(_)) => VerificationImages::deserialize(value)
            .map(Some)
            .map_err(serde::de::Error::custom),
        Some(list @ Value::Array(_)) => {
            let mut extra = Extra::new();
            extra.insert("items".to_owned(), list);
            Ok(Some(VerificationImages {
                doc_front_image: None,
                doc_back_image: None,
                selfie_image: None,
                extra,
            }))
        }
        _ => Ok(None),
    }
}

model! {
    /// `images`: where the submitted images were stored.
    pub struct VerificationImages {
        /// Document front: a URL or a storage key.
        pub doc_front_image: Option<String>,
        /// Document back: a URL or a storage key.
        pub doc_back_image: Option<String>,
        /// Selfie: a URL or a storage key.
        pub selfie_image: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

model! {
    /// `error`: `{code, message}`, present on failure. V2 meanings of `code` are
    /// unknown.
    pub struct VerificationError {
        /// Engine error code (0 when there is no error).
        pub code: Option<i64>,
        /// Message meant for the user.
        pub message: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_read_as_a_v2_map_or_a_kept_list() {
        let map: VerificationResult =
            serde_json::from_str(r#"{"images":{"selfie_image":"k1","doc_front_image":""}}"#)
                .unwrap();
        let images = map.images.unwrap();
        assert_eq!(images.selfie_image.as_deref(), Some("k1"));
        assert_eq!(images.doc_front_image, None);

        let list = r#"{"images":[{"documentName":"ID Card","side":"front","key":"k2"}]}"#;
        let v: VerificationResult = serde_json::from_str(list).unwrap();
        let images = v.images.clone().unwrap();
        assert_eq!(images.extra["items"][0]["key"], "k2");
        let again: VerificationResult =
            serde_json::from_value(serde_json::to_value(&v).unwrap()).unwrap();
        assert_eq!(again, v);

        let odd: VerificationResult = serde_json::from_str(r#"{"images":"nope"}"#).unwrap();
        assert_eq!(odd.images, None);
    }
}
