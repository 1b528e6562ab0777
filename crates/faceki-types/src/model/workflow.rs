//! [`WorkflowRules`]: a V3 workflow's configuration (reference §3.8).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::redact::redacted_debug;
use super::{DocumentType, Extra};
use crate::lenient;

/// The `result` of `GET /api/v3/workflows/rules?workflowId=` and of
/// `GET /api/v3/workflows/rulesbylink?link=` (reference §3.8).
///
/// The by-link call is known to send only a subset (`_id`, `branchId`, `workflowId`,
/// `companyId`, `document_optional`, `documents`), so everything is optional.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkflowRules {
    /// Database id (`_id`).
    #[serde(
        rename = "_id",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The company branch.
    #[serde(
        rename = "branchId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub branch_id: Option<String>,
    /// The workflow id.
    #[serde(
        rename = "workflowId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub workflow_id: Option<String>,
    /// The company.
    #[serde(
        rename = "companyId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub company_id: Option<String>,
    /// The documents, in order; verification slot N is the N-th entry.
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub documents: Vec<DocumentType>,
    /// Liveness strictness.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub liveness_type: Option<String>,
    /// Whether only OCR runs (no face match).
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub ocr_only: Option<bool>,
    /// Whether a person may be verified only once.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub user_verify_once: Option<bool>,
    /// Whether the user picks one of the documents.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_optional: Option<bool>,
    /// Whether verification data is stored.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub store_data: Option<bool>,
    /// Whether photos of screens or prints are accepted.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub recaptured_allow: Option<bool>,
    /// Whether geolocation is required.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub geolocation_enforce: Option<bool>,
    /// Whether the UI captures automatically.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub auto_capture: Option<bool>,
    /// Whether a phone check is required.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub sms_verification: Option<bool>,
    /// Whether an e-mail check is required.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub email_verification: Option<bool>,
    /// Minimum selfie match score, 0–100.
    #[serde(
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub face_match_score: Option<f64>,
    /// Minimum age in years.
    #[serde(
        rename = "minAge",
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub min_age: Option<u64>,
    /// Maximum age in years.
    #[serde(
        rename = "maxAge",
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_age: Option<u64>,
    /// Hosted UI theme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    /// Anti-money-laundering screening type.
    #[serde(
        rename = "amlType",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub aml_type: Option<String>,
    /// The webhook URL (reference §4).
    #[serde(
        rename = "callbackURL",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub callback_url: Option<String>,
    /// Processing region.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub region: Option<String>,
    /// Document version (`__v`), a database leftover.
    #[serde(
        rename = "__v",
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<i64>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(WorkflowRules {
    id,
    branch_id,
    workflow_id,
    company_id,
    documents,
    liveness_type,
    ocr_only,
    user_verify_once,
    document_optional,
    store_data,
    recaptured_allow,
    geolocation_enforce,
    auto_capture,
    sms_verification,
    email_verification,
    face_match_score,
    min_age,
    max_age,
    theme,
    aml_type,
    callback_url,
    region,
    version,
    extra
});

impl WorkflowRules {
    /// The 1-based verification slot (`document_N_*`) of a document type: its
    /// position in `documents`.
    pub fn slot_of(&self, doc: &DocumentType) -> Option<usize> {
        self.documents.iter().position(|d| d == doc).map(|i| i + 1)
    }
}

/// `theme`: the hosted UI's look. Empty strings in the example read as `None`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Theme {
    /// Page background colour.
    #[serde(
        rename = "backgroundColor",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub background_color: Option<String>,
    /// Card background colour.
    #[serde(
        rename = "cardBackgroundColor",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub card_background_color: Option<String>,
    /// Icon colour on desktop.
    #[serde(
        rename = "iconColorDesktop",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub icon_color_desktop: Option<String>,
    /// Button colour.
    #[serde(
        rename = "buttonColor",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub button_color: Option<String>,
    /// Heading colour.
    #[serde(
        rename = "headingColor",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub heading_color: Option<String>,
    /// Text colour.
    #[serde(
        rename = "textColor",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub text_color: Option<String>,
    /// Icon colour.
    #[serde(
        rename = "iconColor",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub icon_color: Option<String>,
    /// Selfie guide image URL.
    #[serde(
        rename = "selfieImage",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub selfie_image: Option<String>,
    /// Logo URL.
    #[serde(
        rename = "logoImage",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub logo_image: Option<String>,
    /// Whether the e-mail screen is skipped.
    #[serde(
        rename = "skipEmailScreen",
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub skip_email_screen: Option<bool>,
    /// Whether the result screen is skipped.
    #[serde(
        rename = "skipResult",
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub skip_result: Option<bool>,
    /// Text shown on success.
    #[serde(
        rename = "successText",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub success_text: Option<String>,
    /// Text shown on decline.
    #[serde(
        rename = "declineText",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub decline_text: Option<String>,
    /// Extra image URLs (element shape unknown).
    #[serde(
        rename = "imageUrls",
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub image_urls: Vec<Value>,
    /// UI language, e.g. `"en"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub language: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(Theme {
    background_color,
    card_background_color,
    icon_color_desktop,
    button_color,
    heading_color,
    text_color,
    icon_color,
    selfie_image,
    logo_image,
    skip_email_screen,
    skip_result,
    success_text,
    decline_text,
    image_urls,
    language,
    extra
});
