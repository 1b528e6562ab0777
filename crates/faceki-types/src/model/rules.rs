//! [`KycRules`]: the company's V2 KYC configuration (reference §2.3), also the `data`
//! of the hosted-link validation call (§2.10).

use serde_json::Value;

use super::define::model;
use super::{DocumentType, Extra};

model! {
    /// The `data` of `GET /kycrules/api/kycrules` (reference §2.3) and of
    /// `GET …/validate-kyc-verify-link?url=<linkId>` (§2.10).
    ///
    /// Every field is optional: the documented example, the fields vendor SDKs decode
    /// (`allowSingle`, `engine_id`, …) and anything else lands in `extra`.
    pub struct KycRules {
        /// Database id (`_id`).
        pub id: Option<String> as "_id",
        /// The company these rules belong to.
        pub company_id: Option<String> as "companyId",
        /// Document version (`__v`), a database leftover.
        pub version: Option<i64> as "__v",
        /// Allowed issuing countries; empty means no restriction.
        pub allowed_countries: Vec<String> as "allowedCountries",
        /// Document types the user may submit.
        pub allowed_kyc_documents: Vec<DocumentType> as "allowedKycDocuments",
        /// Allowed nationalities; empty means no restriction.
        pub allowed_nationalities: Vec<String> as "allowedNationalities",
        /// Creation time (ISO 8601 text).
        pub created_at: Option<String> as "createdAt",
        /// Last update time (ISO 8601 text).
        pub updated_at: Option<String> as "updatedAt",
        /// How long data is kept, e.g. `"FOREVER"`.
        pub data_storage_time: Option<String> as "dataStorageTime",
        /// Where to send the user, and what to say, when declined.
        pub declined: Option<RedirectMessage>,
        /// Where to send the user, and what to say, when invalid.
        pub invalid: Option<RedirectMessage>,
        /// Where to send the user, and what to say, on success.
        pub success: Option<RedirectMessage>,
        /// Documents refused outright (element shape unknown).
        pub invalid_documents: Vec<Value> as "invalidDocuments",
        /// Whether photos of screens or prints are refused.
        pub is_recaptured_document_invalid: Option<bool> as "isRecapturedDocumentInvalid",
        /// A configured link (empty in the example).
        pub link: Option<String>,
        /// Liveness strictness, e.g. `"MODERATE"`.
        pub liveness_check_type: Option<String> as "livenessCheckType",
        /// Whether several documents may be verified at once.
        pub multi_kyc_enabled: Option<bool> as "multiKYCEnabled",
        /// Rules status, e.g. `"ACTIVE"`.
        pub status: Option<String>,
        /// Whether verification data is stored.
        pub stored_data: Option<bool> as "storedData",
        /// Minimum age in years.
        pub valid_age: Option<u64> as "validAge",
        /// Whether the user picks one document (single vs multi verification).
        pub allow_single: Option<bool> as "allowSingle",
        /// Verification engine id.
        pub engine_id: Option<String>,
        /// Whether geolocation is required.
        pub mandatory_geolocation: Option<bool>,
        /// Profile id.
        pub profile_id: Option<String>,
        /// Whether a person may be verified only once.
        pub verify_user_once: Option<bool>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl KycRules {
    /// Whether the user picks a single document (`allowSingle`), which selects the
    /// single rather than the multi-document verification call; `false` when absent.
    pub fn allows_single(&self) -> bool {
        self.allow_single.unwrap_or(false)
    }
}

model! {
    /// A `{redirect_url, message}` pair of [`KycRules`] (`success`, `declined`,
    /// `invalid`).
    pub struct RedirectMessage {
        /// Where the hosted flow sends the user.
        pub redirect_url: Option<String>,
        /// Text shown to the user.
        pub message: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}
