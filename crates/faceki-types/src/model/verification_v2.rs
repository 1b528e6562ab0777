//! [`VerificationResult`]: the `data` of a V2 single-document verification
//! (reference §2.4), with its parts.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::redact::redacted_debug;
use super::{DocumentFields, Extra, FieldConfidences, field};
use crate::lenient;

/// The `data` of `POST /kycverify/api/kycverify/kyc-verification` (reference §2.4),
/// also each document's `data` in a multi-document result (§2.5) and the
/// `kycResponse` of a face-check match (§2.9).
///
/// The shape is assembled from the field list and vendor SDK types, so everything is
/// optional and unknown fields are kept in `extra`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationResult {
    /// Faceki's id for this verification.
    #[serde(
        rename = "requestId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// Engine response id.
    #[serde(
        rename = "responseID",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub response_id: Option<String>,
    /// The overall verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification: Option<VerificationVerdict>,
    /// Selfie versus document portrait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face: Option<FaceMatch>,
    /// Per-field OCR confidences, 0..1.
    #[serde(
        default,
        deserialize_with = "field::null_as_default",
        skip_serializing_if = "FieldConfidences::is_empty"
    )]
    pub confidence: FieldConfidences,
    /// The OCR'd document fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<DocumentFields>,
    /// Document authenticity checks by name.
    #[serde(
        default,
        deserialize_with = "field::null_as_default",
        skip_serializing_if = "AuthenticationChecks::is_empty"
    )]
    pub authentication: AuthenticationChecks,
    /// Anti-money-laundering hits (element shape unknown).
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub aml: Vec<Value>,
    /// Stored image references. A V3 record stored under a V2 answer (face check)
    /// sends them as a list; the list is then kept in `extra["items"]`.
    #[serde(
        default,
        deserialize_with = "images_map_or_list",
        skip_serializing_if = "Option::is_none"
    )]
    pub images: Option<VerificationImages>,
    /// Liveness engine output, shape unknown, kept raw.
    #[serde(
        rename = "livenessResponse",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub liveness_response: Option<Value>,
    /// The error, present on failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<VerificationError>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(VerificationResult {
    request_id,
    response_id,
    verification,
    face,
    confidence,
    result,
    authentication,
    aml,
    images,
    liveness_response,
    error,
    extra
});

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

/// `verification`: the overall verdict of a V2 verification.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationVerdict {
    /// The overall pass flag.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub passed: Option<bool>,
    /// Individual checks by name (e.g. `face`, `notexpired`), as sent.
    #[serde(
        default,
        deserialize_with = "field::null_as_default",
        skip_serializing_if = "Extra::is_empty"
    )]
    pub result: Extra,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(VerificationVerdict {
    passed,
    result: numbers,
    extra
});

impl VerificationVerdict {
    /// One named check of `result` (e.g. `"notexpired"`), read leniently as a boolean.
    pub fn check(&self, name: &str) -> Option<bool> {
        self.result.get(name).and_then(field::value_bool)
    }
}

/// `face`: the face-match result of a V2 verification.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceMatch {
    /// Whether the selfie and the document portrait are the same person.
    #[serde(
        rename = "isIdentical",
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_identical: Option<bool>,
    /// Match confidence, 0..1.
    #[serde(
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub confidence: Option<f64>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FaceMatch {
    is_identical,
    confidence,
    extra
});

/// `authentication`: the document authenticity checks of a V2 verification, by name
/// (`recapture_check`, `image_quality`, …).
///
/// The raw map is kept, so a check sent in an unexpected shape is not lost;
/// [`AuthenticationChecks::get`] reads one leniently.
#[derive(Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct AuthenticationChecks(Extra);

redacted_debug!(AuthenticationChecks(numbers));

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

    /// The raw map as sent.
    pub fn as_map(&self) -> &Extra {
        &self.0
    }

    /// Whether no check was sent.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<Extra> for AuthenticationChecks {
    fn from(map: Extra) -> Self {
        Self(map)
    }
}

/// One authenticity check: `{passed, score}`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuthenticationCheck {
    /// Whether the check passed.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub passed: Option<bool>,
    /// The check's score, when sent.
    #[serde(
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub score: Option<f64>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(AuthenticationCheck {
    passed,
    score,
    extra
});

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

/// `images`: where the submitted images were stored.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationImages {
    /// Document front: a URL or a storage key.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub doc_front_image: Option<String>,
    /// Document back: a URL or a storage key.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub doc_back_image: Option<String>,
    /// Selfie: a URL or a storage key.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub selfie_image: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(VerificationImages {
    doc_front_image,
    doc_back_image,
    selfie_image,
    extra
});

/// `error`: `{code, message}`, present on failure. V2 meanings of `code` are unknown.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationError {
    /// Engine error code (0 when there is no error).
    #[serde(
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub code: Option<i64>,
    /// Message meant for the user.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub message: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(VerificationError {
    code,
    message,
    extra
});

/// Reads a map; `null` reads as an empty map.
impl<'de> Deserialize<'de> for AuthenticationChecks {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        field::null_as_default(d).map(Self)
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
