//! [`WorkflowRules`]: a V3 workflow's configuration (reference §3.8).

use serde_json::Value;

use super::define::model;
use super::{DocumentType, Extra};

model! {
    /// The `result` of `GET /api/v3/workflows/rules?workflowId=` and of
    /// `GET /api/v3/workflows/rulesbylink?link=` (reference §3.8).
    ///
    /// The by-link call is known to send only a subset (`_id`, `branchId`,
    /// `workflowId`, `companyId`, `document_optional`, `documents`), so everything is
    /// optional.
    pub struct WorkflowRules {
        /// Database id (`_id`).
        pub id: Option<String> as "_id",
        /// The company branch.
        pub branch_id: Option<String> as "branchId",
        /// The workflow id.
        pub workflow_id: Option<String> as "workflowId",
        /// The company.
        pub company_id: Option<String> as "companyId",
        /// The documents, in order; verification slot N is the N-th entry.
        pub documents: Vec<DocumentType>,
        /// Liveness strictness.
        pub liveness_type: Option<String>,
        /// Whether only OCR runs (no face match).
        pub ocr_only: Option<bool>,
        /// Whether a person may be verified only once.
        pub user_verify_once: Option<bool>,
        /// Whether the user picks one of the documents.
        pub document_optional: Option<bool>,
        /// Whether verification data is stored.
        pub store_data: Option<bool>,
        /// Whether photos of screens or prints are accepted.
        pub recaptured_allow: Option<bool>,
        /// Whether geolocation is required.
        pub geolocation_enforce: Option<bool>,
        /// Whether the UI captures automatically.
        pub auto_capture: Option<bool>,
        /// Whether a phone check is required.
        pub sms_verification: Option<bool>,
        /// Whether an e-mail check is required.
        pub email_verification: Option<bool>,
        /// Minimum selfie match score, 0–100.
        pub face_match_score: Option<f64>,
        /// Minimum age in years.
        pub min_age: Option<u64> as "minAge",
        /// Maximum age in years.
        pub max_age: Option<u64> as "maxAge",
        /// Hosted UI theme.
        pub theme: Option<Theme>,
        /// Anti-money-laundering screening type.
        pub aml_type: Option<String> as "amlType",
        /// The webhook URL (reference §4).
        pub callback_url: Option<String> as "callbackURL",
        /// Processing region.
        pub region: Option<String>,
        /// Document version (`__v`), a database leftover.
        pub version: Option<i64> as "__v",
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl WorkflowRules {
    /// The 1-based verification slot (`document_N_*`) of a document type: its
    /// position in `documents`.
    pub fn slot_of(&self, doc: &DocumentType) -> Option<usize> {
        self.documents.iter().position(|d| d == doc).map(|i| i + 1)
    }
}

model! {
    /// `theme`: the hosted UI's look. Empty strings in the example read as `None`.
    #[serde(rename_all = "camelCase")]
    pub struct Theme {
        /// Page background colour.
        pub background_color: Option<String>,
        /// Card background colour.
        pub card_background_color: Option<String>,
        /// Icon colour on desktop.
        pub icon_color_desktop: Option<String>,
        /// Button colour.
        pub button_color: Option<String>,
        /// Heading colour.
        pub heading_color: Option<String>,
        /// Text colour.
        pub text_color: Option<String>,
        /// Icon colour.
        pub icon_color: Option<String>,
        /// Selfie guide image URL.
        pub selfie_image: Option<String>,
        /// Logo URL.
        pub logo_image: Option<String>,
        /// Whether the e-mail screen is skipped.
        pub skip_email_screen: Option<bool>,
        /// Whether the result screen is skipped.
        pub skip_result: Option<bool>,
        /// Text shown on success.
        pub success_text: Option<String>,
        /// Text shown on decline.
        pub decline_text: Option<String>,
        /// Extra image URLs (element shape unknown).
        pub image_urls: Vec<Value>,
        /// UI language, e.g. `"en"`.
        pub language: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}
