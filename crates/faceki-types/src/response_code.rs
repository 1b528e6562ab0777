//! [`ResponseCode`]: the body codes of the Faceki API (reference §5, §1.2, §6.1), with
//! what each means, what the caller should do about it, and whether a retry can help.
//!
//! The table itself lives in `docs/response-codes.toml` and is turned into the
//! `generated` submodule (the enum, [`ResponseCode::ALL`] and the rows) by
//! `cargo xtask codegen`; `docs/response-codes.md` is the same table for humans. This
//! file holds the hand-written part: the accessors, [`Category`], [`Generation`],
//! `Display` and serde.
//!
//! Codes are open: a number missing from the table becomes
//! [`ResponseCode::Unknown`] and keeps its value through `code()`, `Display` and serde.

mod generated;

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

pub use generated::ResponseCode;

/// What kind of outcome a code reports, and so who has to act on it.
///
/// ```
/// use faceki_types::ResponseCode;
/// use faceki_types::response_code::Category;
///
/// assert_eq!(ResponseCode::from_code(8019).category(), Category::SelfieRetake);
/// assert_eq!(Category::SelfieRetake.to_string(), "selfie_retake");
/// assert_eq!(ResponseCode::from_code(4242).category(), Category::Unknown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Category {
    /// The call succeeded.
    Success,
    /// The selfie was unusable (no face, too close, blurred, liveness…): the end user
    /// retakes it.
    SelfieRetake,
    /// The document was unusable, expired, or failed verification or the workflow's
    /// rules: the end user checks or replaces it.
    Document,
    /// A verification link is invalid, expired or over its limit: create a new one.
    Link,
    /// The account is out of credit or over a limit: top up or raise the limit.
    QuotaBilling,
    /// Not authorised: refresh the token, check the credentials and the URL.
    Auth,
    /// The request itself is wrong (fields, parts, workflow, identifiers): fix it.
    Request,
    /// The server failed: retry later, then contact support.
    Server,
    /// A code missing from the table ([`ResponseCode::Unknown`]).
    Unknown,
}

impl Category {
    /// The category's name as used in `docs/response-codes.toml` (`selfie_retake`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Success => "success",
            Category::SelfieRetake => "selfie_retake",
            Category::Document => "document",
            Category::Link => "link",
            Category::QuotaBilling => "quota_billing",
            Category::Auth => "auth",
            Category::Request => "request",
            Category::Server => "server",
            Category::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A generation of the Faceki API (reference §1.1).
///
/// ```
/// use faceki_types::ResponseCode;
/// use faceki_types::response_code::Generation;
///
/// assert_eq!(ResponseCode::from_code(1000).generations(), &[Generation::V2]);
/// assert_eq!(ResponseCode::from_code(500).generations(), &[Generation::V3]);
/// assert_eq!(Generation::V3.to_string(), "v3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Generation {
    /// "KYC V2" (`responseCode` envelope).
    V2,
    /// "Blaze 3.0" (`status`/`code` envelope).
    V3,
}

impl Generation {
    /// `"v2"` or `"v3"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Generation::V2 => "v2",
            Generation::V3 => "v3",
        }
    }
}

impl fmt::Display for Generation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the generated table.
#[derive(Debug)]
struct Entry {
    code: i64,
    name: &'static str,
    description: &'static str,
    guidance: &'static str,
    category: Category,
    retryable: bool,
    generations: &'static [Generation],
    source: &'static str,
}

/// What [`ResponseCode::description`] says about an unknown code.
const UNKNOWN_DESCRIPTION: &str = "A code this SDK does not know.";
/// What [`ResponseCode::guidance`] says about an unknown code.
const UNKNOWN_GUIDANCE: &str =
    "Read the server's message; contact Faceki support if the problem persists.";

impl ResponseCode {
    /// The code for a number on the wire. Never fails: a number missing from the table
    /// becomes [`ResponseCode::Unknown`], and a number in the table never does.
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert_eq!(ResponseCode::from_code(5009), ResponseCode::LinkLimitReached);
    /// assert_eq!(ResponseCode::from_code(-7), ResponseCode::Unknown(-7));
    /// ```
    pub const fn from_code(code: i64) -> Self {
        match Self::known(code) {
            Some(known) => known,
            None => Self::Unknown(code),
        }
    }

    /// The first code in table order whose wire name is `name` (exact, case-sensitive).
    /// `INTERNAL_SYSTEM_ERROR` names both 500 (V3) and 1000 (V2); this gives 500.
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert_eq!(ResponseCode::from_name("FACE_BLURR"), Some(ResponseCode::FaceBlurred));
    /// assert_eq!(ResponseCode::from_name("INTERNAL_SYSTEM_ERROR"), Some(ResponseCode::ServerError));
    /// assert_eq!(ResponseCode::from_name("face_blurr"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Self> {
        generated::ENTRIES
            .iter()
            .find(|e| e.name == name)
            .map(|e| Self::from_code(e.code))
    }

    /// The number on the wire.
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert_eq!(ResponseCode::FaceNotFound.code(), 8006);
    /// assert_eq!(ResponseCode::from_code(12345).code(), 12345);
    /// ```
    pub const fn code(self) -> i64 {
        match self {
            Self::Unknown(code) => code,
            known => match known.entry() {
                Some(entry) => entry.code,
                // Unreachable: every known variant has a row (the generator checks it).
                None => 0,
            },
        }
    }

    /// The wire name as documented, misspellings kept (`FACE_BLURR`); `None` for an
    /// unknown code. Code 1 (documented as "UNAUTHORIZED/INVALID URL") is
    /// `UNAUTHORIZED`; 422 has no wire name and is called `VALIDATION_ERROR` here.
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert_eq!(ResponseCode::from_code(8005).name(), Some("FACE_TOO_CLOSED"));
    /// assert_eq!(ResponseCode::from_code(9999).name(), None);
    /// ```
    pub const fn name(self) -> Option<&'static str> {
        match self.entry() {
            Some(entry) => Some(entry.name),
            None => None,
        }
    }

    /// Whether this code is in the table (not [`ResponseCode::Unknown`]).
    pub const fn is_known(self) -> bool {
        self.entry().is_some()
    }

    /// One line for humans: what happened. Unknown codes get a generic line.
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert_eq!(ResponseCode::FaceNotFound.description(), "No face was found in the selfie.");
    /// ```
    pub const fn description(self) -> &'static str {
        match self.entry() {
            Some(entry) => entry.description,
            None => UNKNOWN_DESCRIPTION,
        }
    }

    /// One line for the caller: what to do about it (retake the selfie, check the
    /// document, create a new link, top up the wallet, fix the request, retry later,
    /// contact support…). Unknown codes get a generic line.
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert!(ResponseCode::FaceBlurred.guidance().starts_with("Retake the selfie"));
    /// ```
    pub const fn guidance(self) -> &'static str {
        match self.entry() {
            Some(entry) => entry.guidance,
            None => UNKNOWN_GUIDANCE,
        }
    }

    /// What kind of outcome this is; [`Category::Unknown`] for an unknown code.
    pub const fn category(self) -> Category {
        match self.entry() {
            Some(entry) => entry.category,
            None => Category::Unknown,
        }
    }

    /// Whether a later identical attempt may succeed without changing the input (server
    /// hiccups such as 8003 `PLEASE_TRY_AGAIN` or `INTERNAL_SYSTEM_ERROR`). False for
    /// selfie, document and request problems, and for unknown codes.
    ///
    /// This says nothing about whether the call may safely be repeated: a verification
    /// is billed, so see [`crate::Endpoint::retry_class`] too.
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert!(ResponseCode::PleaseTryAgain.is_retryable());
    /// assert!(!ResponseCode::FaceNotFound.is_retryable());
    /// ```
    pub const fn is_retryable(self) -> bool {
        match self.entry() {
            Some(entry) => entry.retryable,
            None => false,
        }
    }

    /// The API generations that send this code; empty for an unknown code.
    pub const fn generations(self) -> &'static [Generation] {
        match self.entry() {
            Some(entry) => entry.generations,
            None => &[],
        }
    }

    /// Where the entry comes from in the API reference, e.g. `"§5.2 [INF]"`; `None`
    /// for an unknown code.
    pub const fn source(self) -> Option<&'static str> {
        match self.entry() {
            Some(entry) => Some(entry.source),
            None => None,
        }
    }

    /// Whether the code means success: 0 (V2 `SUCCESS`) or 200 (V3 `OK`).
    ///
    /// ```
    /// use faceki_types::ResponseCode;
    ///
    /// assert!(ResponseCode::from_code(0).is_success());
    /// assert!(ResponseCode::from_code(200).is_success());
    /// assert!(!ResponseCode::from_code(8006).is_success());
    /// ```
    pub const fn is_success(self) -> bool {
        matches!(self, Self::Success | Self::Ok)
    }
}

impl From<i64> for ResponseCode {
    fn from(code: i64) -> Self {
        Self::from_code(code)
    }
}

impl From<ResponseCode> for i64 {
    fn from(code: ResponseCode) -> Self {
        code.code()
    }
}

/// `FACE_NOT_FOUND (8006)`, or `unknown code 12345`.
impl fmt::Display for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", self.code()),
            None => write!(f, "unknown code {}", self.code()),
        }
    }
}

/// Serializes as the integer on the wire.
impl Serialize for ResponseCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.code())
    }
}

/// Deserializes from an integer, or from a string holding one (surrounding blanks
/// allowed), losslessly for every `i64`. A float is accepted only when it is a whole
/// number within range (`8006.0`). Anything else is an error.
///
/// ```
/// use faceki_types::ResponseCode;
///
/// let code: ResponseCode = serde_json::from_str("\"8006\"").unwrap();
/// assert_eq!(code, ResponseCode::FaceNotFound);
/// assert_eq!(serde_json::to_string(&code).unwrap(), "8006");
/// ```
impl<'de> Deserialize<'de> for ResponseCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CodeVisitor)
    }
}

struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = ResponseCode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer response code or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(ResponseCode::from_code(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(ResponseCode::from_code)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // -2^63 is exact as an f64; 2^63 is the first value out of range.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if v.fract() == 0.0 && (-LIMIT..LIMIT).contains(&v) {
            Ok(ResponseCode::from_code(v as i64))
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.trim()
            .parse::<i64>()
            .map(ResponseCode::from_code)
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    //! Specific codes from the reference, and the hand-written behaviour around them.

    use super::*;

    #[test]
    fn face_not_found_is_a_selfie_retake_and_not_retryable() {
        let code = ResponseCode::from_code(8006);
        assert_eq!(code, ResponseCode::FaceNotFound);
        assert_eq!(code.name(), Some("FACE_NOT_FOUND"));
        assert_eq!(code.category(), Category::SelfieRetake);
        assert!(!code.is_retryable());
        assert!(!code.is_success());
        assert_eq!(code.generations(), &[Generation::V2, Generation::V3]);
        assert_eq!(code.to_string(), "FACE_NOT_FOUND (8006)");
    }

    #[test]
    fn misspelled_wire_names_are_kept() {
        assert_eq!(ResponseCode::from_code(8019).name(), Some("FACE_BLURR"));
        assert_eq!(
            ResponseCode::from_code(8005).name(),
            Some("FACE_TOO_CLOSED")
        );
        assert_eq!(
            ResponseCode::from_code(8007).name(),
            Some("FACE_CLOSED_TO_BORDER")
        );
        let link = ResponseCode::from_code(5009);
        assert_eq!(link, ResponseCode::LinkLimitReached);
        assert_eq!(link.name(), Some("LINK_LIMIT_REACH"));
        assert_eq!(link.category(), Category::Link);
    }

    #[test]
    fn zero_and_two_hundred_succeed_and_nothing_else_does() {
        assert!(ResponseCode::from_code(0).is_success());
        assert!(ResponseCode::from_code(200).is_success());
        assert_eq!(ResponseCode::from_code(0).category(), Category::Success);
        assert_eq!(ResponseCode::from_code(200).name(), Some("OK"));
        let successes: Vec<i64> = ResponseCode::ALL
            .iter()
            .filter(|c| c.is_success())
            .map(|c| c.code())
            .collect();
        assert_eq!(successes, vec![0, 200]);
        assert!(
            ResponseCode::ALL
                .iter()
                .all(|c| c.is_success() == (c.category() == Category::Success))
        );
    }

    #[test]
    fn internal_system_error_has_two_numbers() {
        let v2 = ResponseCode::from_code(1000);
        let v3 = ResponseCode::from_code(500);
        assert_eq!(v2, ResponseCode::InternalSystemError);
        assert_eq!(v3, ResponseCode::ServerError);
        assert_eq!(v2.name(), v3.name());
        assert!(v2.is_retryable() && v3.is_retryable());
        assert_eq!(v2.category(), Category::Server);
        assert_eq!(v2.generations(), &[Generation::V2]);
        assert_eq!(v3.generations(), &[Generation::V3]);
    }

    #[test]
    fn documented_codes_are_all_present() {
        let mut expected: Vec<i64> = vec![0, 1, 200, 400, 422, 500, 1000, 7001];
        expected.extend(5001..=5012);
        expected.extend(8001..=8019);
        expected.sort_unstable();
        let codes: Vec<i64> = ResponseCode::ALL.iter().map(|c| c.code()).collect();
        assert_eq!(codes, expected);
    }

    #[test]
    fn retryable_codes_are_exactly_the_server_hiccups() {
        let retryable: Vec<i64> = ResponseCode::ALL
            .iter()
            .filter(|c| c.is_retryable())
            .map(|c| c.code())
            .collect();
        assert_eq!(retryable, vec![500, 1000, 8003, 8016]);
        assert!(
            ResponseCode::ALL
                .iter()
                .filter(|c| c.category() == Category::SelfieRetake)
                .all(|c| !c.is_retryable())
        );
    }

    #[test]
    fn inferred_and_special_entries_say_so() {
        assert_eq!(
            ResponseCode::from_code(5012).name(),
            Some("DOCUMENT_LIVENESS_FAILED")
        );
        assert_eq!(ResponseCode::from_code(5012).source(), Some("§5.2 [INF]"));
        assert_eq!(ResponseCode::from_code(1).name(), Some("UNAUTHORIZED"));
        assert_eq!(ResponseCode::from_code(1).category(), Category::Auth);
        assert_eq!(ResponseCode::from_code(422).category(), Category::Request);
        assert_eq!(
            ResponseCode::from_code(5003).category(),
            Category::QuotaBilling
        );
    }

    #[test]
    fn unknown_codes_are_kept_and_described_generically() {
        let code = ResponseCode::from_code(12345);
        assert_eq!(code, ResponseCode::Unknown(12345));
        assert_eq!(code.code(), 12345);
        assert_eq!(code.name(), None);
        assert!(!code.is_known());
        assert_eq!(code.category(), Category::Unknown);
        assert!(!code.is_retryable());
        assert!(code.generations().is_empty());
        assert_eq!(code.description(), UNKNOWN_DESCRIPTION);
        assert_eq!(code.to_string(), "unknown code 12345");
    }

    #[test]
    fn serde_reads_numbers_and_numeric_strings() {
        let read = |s: &str| serde_json::from_str::<ResponseCode>(s);
        assert_eq!(read("8006").unwrap(), ResponseCode::FaceNotFound);
        assert_eq!(read("\" 8006 \"").unwrap(), ResponseCode::FaceNotFound);
        assert_eq!(read("8006.0").unwrap(), ResponseCode::FaceNotFound);
        assert_eq!(
            read("-9223372036854775808").unwrap(),
            ResponseCode::Unknown(i64::MIN)
        );
        assert_eq!(
            read("\"9223372036854775807\"").unwrap(),
            ResponseCode::Unknown(i64::MAX)
        );
        assert!(read("9223372036854775808").is_err());
        assert!(read("8006.5").is_err());
        assert!(read("\"FACE_NOT_FOUND\"").is_err());
        assert!(read("null").is_err());
        assert!(read("true").is_err());
        assert_eq!(serde_json::to_string(&ResponseCode::Ok).unwrap(), "200");
        assert_eq!(
            serde_json::to_string(&ResponseCode::Unknown(-3)).unwrap(),
            "-3"
        );
    }

    #[test]
    fn category_and_generation_display() {
        assert_eq!(Category::QuotaBilling.to_string(), "quota_billing");
        assert_eq!(Category::Unknown.to_string(), "unknown");
        assert_eq!(Generation::V2.to_string(), "v2");
    }
}
