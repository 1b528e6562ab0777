//! [`FaceCheckResult`]: the `data` of the V2 face match (reference §2.9).

use super::define::model;
use super::{Extra, VerificationResult};

model! {
    /// The `data` of `POST /facelink/api/face-check` (reference §2.9): the verified
    /// people whose KYC face matches the selfie.
    ///
    /// No match is either `face_verified: false` with empty lists or a non-zero body
    /// code; both are tolerated.
    pub struct FaceCheckResult {
        /// Whether at least one verified face matched.
        pub face_verified: Option<bool>,
        /// The ids of every matching face.
        pub all_face_ids: Vec<String>,
        /// The matching people's stored KYC records.
        pub kyc_records: Vec<FaceCheckRecord>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl FaceCheckResult {
    /// Whether a face matched: `face_verified`, or, when absent, a non-empty list.
    pub fn matched(&self) -> bool {
        self.face_verified
            .unwrap_or(!self.all_face_ids.is_empty() || !self.kyc_records.is_empty())
    }
}

model! {
    /// One element of `kyc_records`: a stored record with its V2 verification data.
    pub struct FaceCheckRecord {
        /// Database id (`_id`).
        pub id: Option<String> as "_id",
        /// The stored verification data (as reference §2.4).
        pub kyc_response: Option<VerificationResult> as "kycResponse",
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}
