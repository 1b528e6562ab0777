//! [`FaceAnalysis`]: the `result` of the V3 analyze-face call (reference §3.8).

use super::Extra;
use super::define::model;

model! {
    /// The `result` of `POST /api/v3/kyc_verification/analyzeFace` (reference §3.8).
    #[serde(rename_all = "camelCase")]
    pub struct FaceAnalysis {
        /// Lower bound of the estimated age.
        #[debug(hidden)] pub min_age: Option<u64>,
        /// Upper bound of the estimated age.
        #[debug(hidden)] pub max_age: Option<u64>,
        /// Estimated gender, e.g. `"Male"`.
        pub gender: Option<String>,
        /// Gender confidence, 0–100.
        pub gender_confidence: Option<f64>,
        /// Face detection confidence, 0–100.
        pub face_detection_confidence: Option<f64>,
        /// Liveness score, 0–1 (vendor SDKs accept > 0.7).
        pub liveness_score: Option<f64>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl FaceAnalysis {
    /// The estimated age range `(min, max)`, when both bounds were sent.
    pub fn age_range(&self) -> Option<(u64, u64)> {
        Some((self.min_age?, self.max_age?))
    }
}
