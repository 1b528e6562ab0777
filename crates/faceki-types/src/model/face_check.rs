//! [`FaceCheckResult`]: the `data` of the V2 face match (reference §2.9).

use serde::{Deserialize, Serialize};

use super::redact::redacted_debug;
use super::{Extra, VerificationResult, field};
use crate::lenient;

/// The `data` of `POST /facelink/api/face-check` (reference §2.9): the verified
/// people whose KYC face matches the selfie.
///
/// No match is either `face_verified: false` with empty lists or a non-zero body
/// code; both are tolerated.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceCheckResult {
    /// Whether at least one verified face matched.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub face_verified: Option<bool>,
    /// The ids of every matching face.
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub all_face_ids: Vec<String>,
    /// The matching people's stored KYC records.
    #[serde(
        default,
        deserialize_with = "field::objects_skip_nulls",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub kyc_records: Vec<FaceCheckRecord>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FaceCheckResult {
    face_verified,
    all_face_ids,
    kyc_records,
    extra
});

impl FaceCheckResult {
    /// Whether a face matched: `face_verified`, or, when absent, a non-empty list.
    pub fn matched(&self) -> bool {
        self.face_verified
            .unwrap_or(!self.all_face_ids.is_empty() || !self.kyc_records.is_empty())
    }
}

/// One element of `kyc_records`: a stored record with its V2 verification data.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceCheckRecord {
    /// Database id (`_id`).
    #[serde(
        rename = "_id",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The stored verification data (as reference §2.4).
    #[serde(
        rename = "kycResponse",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub kyc_response: Option<VerificationResult>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(FaceCheckRecord {
    id,
    kyc_response,
    extra
});
