//! [`DocumentData`]: one document's OCR'd data inside a V3 record (reference §3.4).

use serde::{Deserialize, Serialize};

use super::Extra;
use super::redact::redacted_debug;
use crate::lenient;

/// One document's OCR'd data inside a [`KycRecord`](super::KycRecord) (`document_data[]`).
///
/// All values are text as sent (quirk §6.14), including `age` and the date parts; use
/// the helpers to read numbers. Note the swapped code names (quirk §6.7):
/// `nationality_iso` holds the **2-letter** code and `nationality_iso2` the
/// **3-letter** one; likewise `issuer_iso` / `issuer_iso2`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentData {
    /// Reference of this document within the record.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub reference: Option<String>,
    /// Full name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub full_name: Option<String>,
    /// First name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub first_name: Option<String>,
    /// Name in the local script.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub local_name: Option<String>,
    /// Last name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_name: Option<String>,
    /// Middle name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub middle_name: Option<String>,
    /// Nationality, full name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub nationality: Option<String>,
    /// Nationality, **2-letter** code (despite the name).
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub nationality_iso: Option<String>,
    /// Nationality, **3-letter** code (despite the name).
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub nationality_iso2: Option<String>,
    /// Issuing country, full name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuer: Option<String>,
    /// Issuing country, **2-letter** code.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuer_iso: Option<String>,
    /// Issuing country, **3-letter** code.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issuer_iso2: Option<String>,
    /// Gender as printed, e.g. `"M"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub gender: Option<String>,
    /// A partial date of birth (the example has only the day); see `date_of_birth`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub dob: Option<String>,
    /// Age in years, as text; see [`DocumentData::age`].
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub age: Option<String>,
    /// Expiry date, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry: Option<String>,
    /// Expiry day, as text.
    #[serde(
        rename = "expiryDay",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_day: Option<String>,
    /// Expiry month, as text.
    #[serde(
        rename = "expiryMonth",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_month: Option<String>,
    /// Expiry year, as text.
    #[serde(
        rename = "expiryYear",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub expiry_year: Option<String>,
    /// Issue date, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued: Option<String>,
    /// Issue day, as text.
    #[serde(
        rename = "issuedDay",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_day: Option<String>,
    /// Issue month, as text.
    #[serde(
        rename = "issuedMonth",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_month: Option<String>,
    /// Issue year, as text.
    #[serde(
        rename = "issuedYear",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub issued_year: Option<String>,
    /// A secondary document number.
    #[serde(
        rename = "documentAdditionalNumber",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_additional_number: Option<String>,
    /// Document number.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_number: Option<String>,
    /// One-letter document code, e.g. `"I"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_type: Option<String>,
    /// Document type in words, e.g. `"Identity Card"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_type_full: Option<String>,
    /// The machine-readable zone, as read.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub mrz: Option<String>,
    /// Selfie versus this document's portrait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_face_match: Option<DocumentFaceMatch>,
    /// Whether this document passed.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub passed: Option<bool>,
    /// Full date of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth: Option<String>,
    /// Day of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth_day: Option<String>,
    /// Month of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth_month: Option<String>,
    /// Year of birth, as text.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub date_of_birth_year: Option<String>,
    /// Place of birth.
    #[serde(
        rename = "placeOfBirth",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub place_of_birth: Option<String>,
    /// Personal (national) number.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub personal_number: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DocumentData {
    reference,
    full_name,
    first_name,
    local_name,
    last_name,
    middle_name,
    nationality,
    nationality_iso,
    nationality_iso2,
    issuer,
    issuer_iso,
    issuer_iso2,
    gender,
    dob,
    age,
    expiry,
    expiry_day,
    expiry_month,
    expiry_year,
    issued,
    issued_day,
    issued_month,
    issued_year,
    document_additional_number,
    document_number,
    document_type,
    document_type_full,
    mrz,
    document_face_match,
    passed,
    date_of_birth,
    date_of_birth_day,
    date_of_birth_month,
    date_of_birth_year,
    place_of_birth,
    personal_number,
    extra
});

fn parse_text<T: std::str::FromStr>(s: Option<&String>) -> Option<T> {
    s.and_then(|s| s.trim().parse().ok())
}

impl DocumentData {
    /// The age in years, when `age` parses as a number.
    ///
    /// ```
    /// # use faceki_types::model::DocumentData;
    /// let d: DocumentData = serde_json::from_str(r#"{"age": "26"}"#).unwrap();
    /// assert_eq!(d.age(), Some(26));
    /// ```
    pub fn age(&self) -> Option<u32> {
        parse_text(self.age.as_ref())
    }

    /// The 2-letter nationality code (wire `nationality_iso`).
    pub fn nationality_alpha2(&self) -> Option<&str> {
        self.nationality_iso.as_deref()
    }

    /// The 3-letter nationality code (wire `nationality_iso2`).
    pub fn nationality_alpha3(&self) -> Option<&str> {
        self.nationality_iso2.as_deref()
    }

    /// The 2-letter issuing-country code (wire `issuer_iso`).
    pub fn issuer_alpha2(&self) -> Option<&str> {
        self.issuer_iso.as_deref()
    }

    /// The 3-letter issuing-country code (wire `issuer_iso2`).
    pub fn issuer_alpha3(&self) -> Option<&str> {
        self.issuer_iso2.as_deref()
    }

    /// The expiry date parts `(year, month, day)` as numbers, when all three parse.
    pub fn expiry_ymd(&self) -> Option<(i32, u32, u32)> {
        Some((
            parse_text(self.expiry_year.as_ref())?,
            parse_text(self.expiry_month.as_ref())?,
            parse_text(self.expiry_day.as_ref())?,
        ))
    }

    /// The date-of-birth parts `(year, month, day)` as numbers, when all three parse.
    pub fn date_of_birth_ymd(&self) -> Option<(i32, u32, u32)> {
        Some((
            parse_text(self.date_of_birth_year.as_ref())?,
            parse_text(self.date_of_birth_month.as_ref())?,
            parse_text(self.date_of_birth_day.as_ref())?,
        ))
    }
}

/// `document_face_match`: selfie versus document portrait, both 0–100.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentFaceMatch {
    /// Similarity, 0–100 (workflows recommend > 95).
    #[serde(
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub similarity: Option<f64>,
    /// Confidence that a face was found, 0–100.
    #[serde(
        default,
        deserialize_with = "lenient::opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub confidence: Option<f64>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DocumentFaceMatch {
    similarity,
    confidence,
    extra
});
