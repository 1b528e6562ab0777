//! [`KycRules`]: the company's V2 KYC configuration (reference §2.3), also the `data`
//! of the hosted-link validation call (§2.10).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::redact::redacted_debug;
use super::{DocumentType, Extra};
use crate::lenient;

/// The `data` of `GET /kycrules/api/kycrules` (reference §2.3) and of
/// `GET …/validate-kyc-verify-link?url=<linkId>` (§2.10).
///
/// Every field is optional: the documented example, the fields vendor SDKs decode
/// (`allowSingle`, `engine_id`, …) and anything else lands in `extra`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KycRules {
    /// Database id (`_id`).
    #[serde(
        rename = "_id",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The company these rules belong to.
    #[serde(
        rename = "companyId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub company_id: Option<String>,
    /// Document version (`__v`), a database leftover.
    #[serde(
        rename = "__v",
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<i64>,
    /// Allowed issuing countries; empty means no restriction.
    #[serde(
        rename = "allowedCountries",
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allowed_countries: Vec<String>,
    /// Document types the user may submit.
    #[serde(
        rename = "allowedKycDocuments",
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allowed_kyc_documents: Vec<DocumentType>,
    /// Allowed nationalities; empty means no restriction.
    #[serde(
        rename = "allowedNationalities",
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub allowed_nationalities: Vec<String>,
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
    /// How long data is kept, e.g. `"FOREVER"`.
    #[serde(
        rename = "dataStorageTime",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub data_storage_time: Option<String>,
    /// Where to send the user, and what to say, when declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declined: Option<RedirectMessage>,
    /// Where to send the user, and what to say, when invalid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invalid: Option<RedirectMessage>,
    /// Where to send the user, and what to say, on success.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<RedirectMessage>,
    /// Documents refused outright (element shape unknown).
    #[serde(
        rename = "invalidDocuments",
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub invalid_documents: Vec<Value>,
    /// Whether photos of screens or prints are refused.
    #[serde(
        rename = "isRecapturedDocumentInvalid",
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub is_recaptured_document_invalid: Option<bool>,
    /// A configured link (empty in the example).
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub link: Option<String>,
    /// Liveness strictness, e.g. `"MODERATE"`.
    #[serde(
        rename = "livenessCheckType",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub liveness_check_type: Option<String>,
    /// Whether several documents may be verified at once.
    #[serde(
        rename = "multiKYCEnabled",
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub multi_kyc_enabled: Option<bool>,
    /// Rules status, e.g. `"ACTIVE"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<String>,
    /// Whether verification data is stored.
    #[serde(
        rename = "storedData",
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub stored_data: Option<bool>,
    /// Minimum age in years.
    #[serde(
        rename = "validAge",
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub valid_age: Option<u64>,
    /// Whether the user picks one document (single vs multi verification).
    #[serde(
        rename = "allowSingle",
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub allow_single: Option<bool>,
    /// Verification engine id.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub engine_id: Option<String>,
    /// Whether geolocation is required.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub mandatory_geolocation: Option<bool>,
    /// Profile id.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub profile_id: Option<String>,
    /// Whether a person may be verified only once.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub verify_user_once: Option<bool>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(KycRules {
    id,
    company_id,
    version,
    allowed_countries,
    allowed_kyc_documents,
    allowed_nationalities,
    created_at,
    updated_at,
    data_storage_time,
    declined,
    invalid,
    success,
    invalid_documents,
    is_recaptured_document_invalid,
    link,
    liveness_check_type,
    multi_kyc_enabled,
    status,
    stored_data,
    valid_age,
    allow_single,
    engine_id,
    mandatory_geolocation,
    profile_id,
    verify_user_once,
    extra
});

impl KycRules {
    /// Whether the user picks a single document (`allowSingle`), which selects the
    /// single rather than the multi-document verification call; `false` when absent.
    pub fn allows_single(&self) -> bool {
        self.allow_single.unwrap_or(false)
    }
}

/// A `{redirect_url, message}` pair of [`KycRules`] (`success`, `declined`, `invalid`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RedirectMessage {
    /// Where the hosted flow sends the user.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub redirect_url: Option<String>,
    /// Text shown to the user.
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

redacted_debug!(RedirectMessage {
    redirect_url,
    message,
    extra
});
