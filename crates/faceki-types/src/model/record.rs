//! [`KycRecord`]: a stored V3 verification record (reference §3.4), and [`Records`],
//! a list of them that also accepts a single object or `null`.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::{Decision, Extra, FieldConfidences, field};
use crate::lenient;

/// A V3 verification record (reference §3.4): the elements of the records and
/// face-search results (§3.5, §3.6) and the `kycData` of a completed webhook (§4).
///
/// Field casing is mixed on the wire (quirk §6.7); the Rust names are snake_case and
/// each field names its wire key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KycRecord {
    /// Database id (`_id`), when sent.
    #[serde(
        rename = "_id",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// The link id the verification came through, if any.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub link: Option<String>,
    /// The caller's own id sent with the verification.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub record_identifier: Option<String>,
    /// Faceki's id for the verification (a UUID v4).
    #[serde(
        rename = "requestId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The OCR'd data of each document.
    #[serde(
        default,
        deserialize_with = "field::objects_skip_nulls",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub document_data: Vec<DocumentData>,
    /// Selfie checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selfie_data: Option<SelfieData>,
    /// Warnings (element shape unknown).
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub warnings: Vec<Value>,
    /// Notes (element shape unknown).
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub notes: Vec<Value>,
    /// Anti-money-laundering hits (element shape unknown).
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub aml: Vec<Value>,
    /// Summary of the individual verdicts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_summary: Option<VerificationSummary>,
    /// Per-field confidences of each document.
    #[serde(
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub document_data_confidence: Vec<FieldConfidences>,
    /// The verdict: `ACCEPTED`, `DECLINED`, `REVIEW` or another value.
    #[serde(
        default,
        deserialize_with = "field::opt_vocab",
        skip_serializing_if = "Option::is_none"
    )]
    pub decision: Option<Decision>,
    /// Error codes (presumably integers of reference §5.2).
    #[serde(
        rename = "errorCodes",
        default,
        deserialize_with = "lenient::null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub error_codes: Vec<Value>,
    /// The device the verification came from.
    #[serde(
        rename = "deviceDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub device_details: Option<DeviceDetails>,
    /// Stored image references.
    #[serde(
        default,
        deserialize_with = "field::objects_skip_nulls",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub images: Vec<ImageRef>,
    /// Identifies the person, for a later face match.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub face_id: Option<String>,
    /// Who last updated the record.
    #[serde(
        rename = "updateBy",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub update_by: Option<String>,
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

impl KycRecord {
    /// Whether the decision is `ACCEPTED`.
    pub fn is_accepted(&self) -> bool {
        self.decision.as_ref().is_some_and(Decision::is_accepted)
    }

    /// The error codes that read as integers (numbers or numeric strings).
    pub fn error_code_numbers(&self) -> Vec<i64> {
        self.error_codes
            .iter()
            .filter_map(|v| match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            })
            .collect()
    }

    /// The first document's data, where most callers find the name and number.
    pub fn primary_document(&self) -> Option<&DocumentData> {
        self.document_data.first()
    }
}

/// One document's OCR'd data inside a [`KycRecord`] (`document_data[]`).
///
/// All values are text as sent (quirk §6.14), including `age` and the date parts; use
/// the helpers to read numbers. Note the swapped code names (quirk §6.7):
/// `nationality_iso` holds the **2-letter** code and `nationality_iso2` the
/// **3-letter** one; likewise `issuer_iso` / `issuer_iso2`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// `selfie_data`: selfie checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SelfieData {
    /// Whether the selfie passed the liveness check.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub liveness_pass: Option<bool>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `verification_summary`: the individual verdicts of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationSummary {
    /// Whether the selfie matched the document.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub face_verified: Option<bool>,
    /// Whether the selfie was live.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub selfie_liveness_verified: Option<bool>,
    /// Whether the document was verified.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_verified: Option<bool>,
    /// Whether the workflow rules (age, nationality, …) passed.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub verification_rules_passed: Option<bool>,
    /// Whether the document was a live capture, not a recapture.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_liveness_verified: Option<bool>,
    /// Whether image quality was sufficient.
    #[serde(
        default,
        deserialize_with = "lenient::opt_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub image_quality: Option<bool>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `deviceDetails`: the device the verification came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceDetails {
    /// The user agent string.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub useragent: Option<String>,
    /// The parsed user agent.
    #[serde(
        rename = "detectResult",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub detect_result: Option<DetectResult>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `deviceDetails.detectResult`: the parsed user agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DetectResult {
    /// The client (browser or app).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<ClientInfo>,
    /// The device.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceInfo>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `detectResult.client`: the browser or app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ClientInfo {
    /// Client type (wire `type`), e.g. `"browser"`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<String>,
    /// Client name.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<String>,
    /// Client version.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub version: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `detectResult.device`: the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeviceInfo {
    /// Device id.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub id: Option<String>,
    /// Device type (wire `type`), e.g. `"smartphone"`.
    #[serde(
        rename = "type",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<String>,
    /// Device brand.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub brand: Option<String>,
    /// Device model.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub model: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// One element of `images`: a stored image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageRef {
    /// Which document (or the selfie) the image shows.
    #[serde(
        rename = "documentName",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub document_name: Option<String>,
    /// `"front"` or `"back"`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub side: Option<String>,
    /// Storage key.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub key: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A list of [`KycRecord`]s: the `result` of the records and face-search calls
/// (reference §3.5, §3.6).
///
/// Decodes from an array, a single object (one record) or `null` (no records), because
/// the API's `result` is object-or-array (quirk §6.6); `null` elements are skipped.
/// Serializes as an array.
///
/// ```
/// use faceki_types::Records;
///
/// let many: Records = serde_json::from_str(r#"[{"requestId": "a"}, {"requestId": "b"}]"#).unwrap();
/// let one: Records = serde_json::from_str(r#"{"requestId": "a"}"#).unwrap();
/// let none: Records = serde_json::from_str("null").unwrap();
/// assert_eq!((many.len(), one.len(), none.len()), (2, 1, 0));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct Records(Vec<KycRecord>);

impl Records {
    /// A list of the given records.
    pub fn new(records: Vec<KycRecord>) -> Self {
        Self(records)
    }

    /// The records as a slice.
    pub fn as_slice(&self) -> &[KycRecord] {
        &self.0
    }

    /// The records, by value.
    pub fn into_vec(self) -> Vec<KycRecord> {
        self.0
    }

    /// The number of records.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// An iterator over the records.
    pub fn iter(&self) -> std::slice::Iter<'_, KycRecord> {
        self.0.iter()
    }
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            Many(Vec<Option<KycRecord>>),
            One(Box<KycRecord>),
        }
        Ok(match Option::<OneOrMany>::deserialize(d)? {
            None => Self::default(),
            Some(OneOrMany::Many(v)) => Self(v.into_iter().flatten().collect()),
            Some(OneOrMany::One(r)) => Self(vec![*r]),
        })
    }
}

impl From<Vec<KycRecord>> for Records {
    fn from(records: Vec<KycRecord>) -> Self {
        Self(records)
    }
}

impl From<Records> for Vec<KycRecord> {
    fn from(records: Records) -> Self {
        records.0
    }
}

impl IntoIterator for Records {
    type Item = KycRecord;
    type IntoIter = std::vec::IntoIter<KycRecord>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Records {
    type Item = &'a KycRecord;
    type IntoIter = std::slice::Iter<'a, KycRecord>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
