//! [`DocumentData`]: one document's OCR'd data inside a V3 record (reference §3.4).

use super::Extra;
use super::define::model;

model! {
    /// One document's OCR'd data inside a [`KycRecord`](super::KycRecord)
    /// (`document_data[]`).
    ///
    /// All values are text as sent (quirk §6.14), including `age` and the date parts;
    /// use the helpers to read numbers. Note the swapped code names (quirk §6.7):
    /// `nationality_iso` holds the **2-letter** code and `nationality_iso2` the
    /// **3-letter** one; likewise `issuer_iso` / `issuer_iso2`.
    pub struct DocumentData {
        /// Reference of this document within the record.
        pub reference: Option<String>,
        /// Full name.
        pub full_name: Option<String>,
        /// First name.
        pub first_name: Option<String>,
        /// Name in the local script.
        pub local_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// Middle name.
        pub middle_name: Option<String>,
        /// Nationality, full name.
        pub nationality: Option<String>,
        /// Nationality, **2-letter** code (despite the name).
        pub nationality_iso: Option<String>,
        /// Nationality, **3-letter** code (despite the name).
        pub nationality_iso2: Option<String>,
        /// Issuing country, full name.
        pub issuer: Option<String>,
        /// Issuing country, **2-letter** code.
        pub issuer_iso: Option<String>,
        /// Issuing country, **3-letter** code.
        pub issuer_iso2: Option<String>,
        /// Gender as printed, e.g. `"M"`.
        pub gender: Option<String>,
        /// A partial date of birth (the example has only the day); see `date_of_birth`.
        pub dob: Option<String>,
        /// Age in years, as text; see [`DocumentData::age`].
        pub age: Option<String>,
        /// Expiry date, as text.
        pub expiry: Option<String>,
        /// Expiry day, as text.
        pub expiry_day: Option<String> as "expiryDay",
        /// Expiry month, as text.
        pub expiry_month: Option<String> as "expiryMonth",
        /// Expiry year, as text.
        pub expiry_year: Option<String> as "expiryYear",
        /// Issue date, as text.
        pub issued: Option<String>,
        /// Issue day, as text.
        pub issued_day: Option<String> as "issuedDay",
        /// Issue month, as text.
        pub issued_month: Option<String> as "issuedMonth",
        /// Issue year, as text.
        pub issued_year: Option<String> as "issuedYear",
        /// A secondary document number.
        pub document_additional_number: Option<String> as "documentAdditionalNumber",
        /// Document number.
        pub document_number: Option<String>,
        /// One-letter document code, e.g. `"I"`.
        pub document_type: Option<String>,
        /// Document type in words, e.g. `"Identity Card"`.
        pub document_type_full: Option<String>,
        /// The machine-readable zone, as read.
        pub mrz: Option<String>,
        /// Selfie versus this document's portrait.
        pub document_face_match: Option<DocumentFaceMatch>,
        /// Whether this document passed.
        pub passed: Option<bool>,
        /// Full date of birth, as text.
        pub date_of_birth: Option<String>,
        /// Day of birth, as text.
        pub date_of_birth_day: Option<String>,
        /// Month of birth, as text.
        pub date_of_birth_month: Option<String>,
        /// Year of birth, as text.
        pub date_of_birth_year: Option<String>,
        /// Place of birth.
        pub place_of_birth: Option<String> as "placeOfBirth",
        /// Personal (national) number.
        pub personal_number: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
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

model! {
    /// `document_face_match`: selfie versus document portrait, both 0–100.
    pub struct DocumentFaceMatch {
        /// Similarity, 0–100 (workflows recommend > 95).
        pub similarity: Option<f64>,
        /// Confidence that a face was found, 0–100.
        pub confidence: Option<f64>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}
