//! [`FaceAnalysis`]: the `result` of the V3 analyze-face call (reference §3.8).

use serde::{Deserialize, Serialize};

use super::Extra;
use super::redact::redacted_debug;
use crate::lenient;

/// The `result` of `POST /api/v3/kyc_verification/analyzeFace` (reference §3.8).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceAnalysis {
    /// Lower bound of the estimated age.
    #[serde(
        rename = "minAge",
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_age: Option<u64>,
    /// Upper bound of the estimated age.
    #[serde(
        rename = "maxAge",
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_age: Option<u64>,
    /// Estimated gender, e.g. `"Male"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub gender: Option<String>,
    /// Gender confidence, 0–100.
    #[serde(
        rename = "genderConfidence",
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub gender_confidence: Option<f64>,
    /// Face detection confidence, 0–100.
    #[serde(
        rename = "faceDetectionConfidence",
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub face_detection_confidence: Option<f64>,
    /// Liveness score, 0–1 (vendor SDKs accept > 0.7).
    #[serde(
        rename = "livenessScore",
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub liveness_score: Option<f64>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FaceAnalysis {
    min_age: hidden,
    max_age: hidden,
    gender,
    gender_confidence,
    face_detection_confidence,
    liveness_score,
    extra
});

impl FaceAnalysis {
    /// The estimated age range `(min, max)`, when both bounds were sent.
    pub fn age_range(&self) -> Option<(u64, u64)> {
        Some((self.min_age?, self.max_age?))
    }
}
