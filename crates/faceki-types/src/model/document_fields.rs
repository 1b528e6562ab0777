//! [`DocumentFields`]: the OCR'd document fields of a V2 verification (reference §2.4).

use super::Extra;
use super::define::model;

model! {
    /// `result`: the OCR'd document fields of a V2 verification.
    ///
    /// The names follow the engine's keys (reference §2.4 notes, partly inferred).
    /// Dates and their parts are text, as sent; `documentType` is a one-letter code
    /// (`"I"`, `"P"`, `"D"`).
    pub struct DocumentFields {
        /// Document number.
        pub document_number: Option<String> as "documentNumber",
        /// First name.
        pub first_name: Option<String> as "firstName",
        /// Middle name.
        pub middle_name: Option<String> as "middleName",
        /// Last name.
        pub last_name: Option<String> as "lastName",
        /// Full name.
        pub full_name: Option<String> as "fullName",
        /// Date of birth, as text.
        pub dob: Option<String>,
        /// Day of birth, as text.
        pub dob_day: Option<String>,
        /// Month of birth, as text.
        pub dob_month: Option<String>,
        /// Year of birth, as text.
        pub dob_year: Option<String>,
        /// Expiry date, as text.
        pub expiry: Option<String>,
        /// Expiry day, as text.
        pub expiry_day: Option<String>,
        /// Expiry month, as text.
        pub expiry_month: Option<String>,
        /// Expiry year, as text.
        pub expiry_year: Option<String>,
        /// Days until expiry (negative once expired).
        #[debug(hidden)] pub days_to_expiry: Option<i64> as "daysToExpiry",
        /// Issue date, as text.
        pub issued: Option<String>,
        /// Issue day, as text.
        pub issued_day: Option<String>,
        /// Issue month, as text.
        pub issued_month: Option<String>,
        /// Issue year, as text.
        pub issued_year: Option<String>,
        /// Days since issue.
        #[debug(hidden)] pub days_from_issue: Option<i64> as "daysFromIssue",
        /// First address line.
        pub address1: Option<String>,
        /// One-letter document code, e.g. `"I"`, `"P"`, `"D"`.
        pub document_type: Option<String> as "documentType",
        /// `"FRONT"` or `"BACK"`.
        pub document_side: Option<String> as "documentSide",
        /// Issuing authority.
        pub issue_authority: Option<String> as "issueAuthority",
        /// Issuing country, full name.
        pub issuer_org_full: Option<String> as "issuerOrg_full",
        /// Issuing country, ISO 3166 alpha-2.
        pub issuer_org_iso2: Option<String> as "issuerOrg_iso2",
        /// Issuing country, ISO 3166 alpha-3.
        pub issuer_org_iso3: Option<String> as "issuerOrg_iso3",
        /// Nationality, full name.
        pub nationality_full: Option<String>,
        /// Nationality, ISO 3166 alpha-2.
        pub nationality_iso2: Option<String>,
        /// Nationality, ISO 3166 alpha-3.
        pub nationality_iso3: Option<String>,
        /// Engine-internal document id.
        pub internal_id: Option<String> as "internalId",
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl DocumentFields {
    /// The year of birth as a number, when `dob_year` parses as one.
    pub fn birth_year(&self) -> Option<i32> {
        self.dob_year.as_deref().and_then(|y| y.trim().parse().ok())
    }
}
