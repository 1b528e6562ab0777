//! [`DocumentFields`]: the OCR'd document fields of a V2 verification (reference §2.4).

use serde::{Deserialize, Serialize};

use super::Extra;
use super::redact::redacted_debug;
use crate::lenient;

/// `result`: the OCR'd document fields of a V2 verification.
///
/// The names follow the engine's keys (reference §2.4 notes, partly inferred). Dates
/// and their parts are text, as sent; `documentType` is a one-letter code (`"I"`,
/// `"P"`, `"D"`).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentFields {
    /// Document number.
    #[serde(
        rename = "documentNumber",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_number: Option<String>,
    /// First name.
    #[serde(
        rename = "firstName",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<String>,
    /// Middle name.
    #[serde(
        rename = "middleName",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub middle_name: Option<String>,
    /// Last name.
    #[serde(
        rename = "lastName",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<String>,
    /// Full name.
    #[serde(
        rename = "fullName",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_name: Option<String>,
    /// Date of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub dob: Option<String>,
    /// Day of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub dob_day: Option<String>,
    /// Month of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub dob_month: Option<String>,
    /// Year of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub dob_year: Option<String>,
    /// Expiry date, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry: Option<String>,
    /// Expiry day, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_day: Option<String>,
    /// Expiry month, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_month: Option<String>,
    /// Expiry year, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_year: Option<String>,
    /// Days until expiry (negative once expired).
    #[serde(
        rename = "daysToExpiry",
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub days_to_expiry: Option<i64>,
    /// Issue date, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued: Option<String>,
    /// Issue day, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_day: Option<String>,
    /// Issue month, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_month: Option<String>,
    /// Issue year, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_year: Option<String>,
    /// Days since issue.
    #[serde(
        rename = "daysFromIssue",
        default,
        deserialize_with = "lenient::opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub days_from_issue: Option<i64>,
    /// First address line.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub address1: Option<String>,
    /// One-letter document code, e.g. `"I"`, `"P"`, `"D"`.
    #[serde(
        rename = "documentType",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_type: Option<String>,
    /// `"FRONT"` or `"BACK"`.
    #[serde(
        rename = "documentSide",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_side: Option<String>,
    /// Issuing authority.
    #[serde(
        rename = "issueAuthority",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issue_authority: Option<String>,
    /// Issuing country, full name.
    #[serde(
        rename = "issuerOrg_full",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuer_org_full: Option<String>,
    /// Issuing country, ISO 3166 alpha-2.
    #[serde(
        rename = "issuerOrg_iso2",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuer_org_iso2: Option<String>,
    /// Issuing country, ISO 3166 alpha-3.
    #[serde(
        rename = "issuerOrg_iso3",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuer_org_iso3: Option<String>,
    /// Nationality, full name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub nationality_full: Option<String>,
    /// Nationality, ISO 3166 alpha-2.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub nationality_iso2: Option<String>,
    /// Nationality, ISO 3166 alpha-3.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub nationality_iso3: Option<String>,
    /// Engine-internal document id.
    #[serde(
        rename = "internalId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub internal_id: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DocumentFields {
    document_number,
    first_name,
    middle_name,
    last_name,
    full_name,
    dob,
    dob_day,
    dob_month,
    dob_year,
    expiry,
    expiry_day,
    expiry_month,
    expiry_year,
    days_to_expiry: hidden,
    issued,
    issued_day,
    issued_month,
    issued_year,
    days_from_issue: hidden,
    address1,
    document_type,
    document_side,
    issue_authority,
    issuer_org_full,
    issuer_org_iso2,
    issuer_org_iso3,
    nationality_full,
    nationality_iso2,
    nationality_iso3,
    internal_id,
    extra
});

impl DocumentFields {
    /// The year of birth as a number, when `dob_year` parses as one.
    pub fn birth_year(&self) -> Option<i32> {
        self.dob_year.as_deref().and_then(|y| y.trim().parse().ok())
    }
}
