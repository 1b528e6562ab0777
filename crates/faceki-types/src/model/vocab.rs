//! Open vocabularies: [`Decision`], [`WebhookStatus`] and [`DocumentType`].
//!
//! The API documents a handful of values for each (reference §3.3, §4, §2.1) but
//! treats them as plain strings (quirk §6.11), so every enum here keeps an unknown
//! value as its raw text in `Other` and serializes back to exactly what was received.
//! Matching is exact: `"accepted"` is `Other("accepted")`, not `Accepted`.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

macro_rules! open_vocab {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// Any other value, kept as its raw text.
            Other(String),
        }

        impl $name {
            /// The exact text on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Other(raw) => raw,
                }
            }

            /// Whether the value is one the SDK does not know (kept in `Other`).
            pub fn is_other(&self) -> bool {
                matches!(self, Self::Other(_))
            }
        }

        impl From<String> for $name {
            fn from(raw: String) -> Self {
                match raw.as_str() {
                    $( $text => Self::$variant, )+
                    _ => Self::Other(raw),
                }
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                Self::from(raw.to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Self::from)
            }
        }

        /// In an `Option` field: from a string; `null`, a missing field or `""` is
        /// `None`, numbers and booleans keep their text.
        impl $crate::lenient::Optional for $name {
            fn deserialize_optional<'de, D: Deserializer<'de>>(
                d: D,
            ) -> Result<Option<Self>, D::Error> {
                Ok($crate::lenient::opt_string(d)?.map(Self::from))
            }
        }

        /// In a list: each element a string (a `null` element fails the list).
        impl $crate::lenient::Item for $name {}
    };
}

open_vocab! {
    /// The outcome of a V3 verification (`decision`, reference §3.3 and §3.4).
    ///
    /// ```
    /// use faceki_types::Decision;
    ///
    /// assert!(Decision::from("ACCEPTED").is_accepted());
    /// let odd = Decision::from("PENDING");
    /// assert_eq!(odd, Decision::Other("PENDING".to_owned()));
    /// assert_eq!(odd.as_str(), "PENDING");
    /// ```
    Decision {
        /// `"ACCEPTED"`: the only value the vendor SDKs test for.
        Accepted => "ACCEPTED",
        /// `"DECLINED"` (inferred from the webhook statuses).
        Declined => "DECLINED",
        /// `"REVIEW"`: manual review needed (inferred from the webhook statuses).
        Review => "REVIEW",
    }
}

impl Decision {
    /// Whether the decision is `ACCEPTED`, the vendor SDKs' success test.
    pub fn is_accepted(&self) -> bool {
        matches!(self, Self::Accepted)
    }

    /// Whether the decision is `DECLINED`.
    pub fn is_declined(&self) -> bool {
        matches!(self, Self::Declined)
    }

    /// Whether the decision is `REVIEW`.
    pub fn is_review(&self) -> bool {
        matches!(self, Self::Review)
    }
}

open_vocab! {
    /// The `status` of a webhook payload (reference §4): the completed-verification
    /// payload says `ACCEPTED`, the portal-update payload says `APPROVED`.
    ///
    /// ```
    /// use faceki_types::WebhookStatus;
    ///
    /// assert!(WebhookStatus::from("APPROVED").is_accepted());
    /// assert!(WebhookStatus::from("ACCEPTED").is_accepted());
    /// assert_eq!(WebhookStatus::from("ON_HOLD").as_str(), "ON_HOLD");
    /// ```
    WebhookStatus {
        /// `"ACCEPTED"`: verification succeeded (completed payload).
        Accepted => "ACCEPTED",
        /// `"APPROVED"`: a reviewer approved it (portal-update payload).
        Approved => "APPROVED",
        /// `"DECLINED"`: failed or rejected.
        Declined => "DECLINED",
        /// `"REVIEW"`: manual review needed.
        Review => "REVIEW",
    }
}

impl WebhookStatus {
    /// Whether the status is positive: `ACCEPTED` or `APPROVED`, which the two
    /// payloads use for the same meaning.
    pub fn is_accepted(&self) -> bool {
        matches!(self, Self::Accepted | Self::Approved)
    }

    /// Whether the status is `DECLINED`.
    pub fn is_declined(&self) -> bool {
        matches!(self, Self::Declined)
    }

    /// Whether the status is `REVIEW`.
    pub fn is_review(&self) -> bool {
        matches!(self, Self::Review)
    }

    /// Whether the decision is final: accepted, approved or declined. `REVIEW` is
    /// not (a reviewer will decide, and a later webhook will say so), and neither is
    /// a status this SDK does not know.
    ///
    /// ```
    /// use faceki_types::WebhookStatus;
    ///
    /// assert!(WebhookStatus::from("DECLINED").is_final());
    /// assert!(!WebhookStatus::from("REVIEW").is_final());
    /// assert!(!WebhookStatus::from("ON_HOLD").is_final());
    /// ```
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Accepted | Self::Approved | Self::Declined)
    }
}

open_vocab! {
    /// A document type name as used by V2 rules and V3 workflows (reference §2.1).
    ///
    /// These are the display names, not the one-letter OCR codes (`"I"`, `"P"`,
    /// `"D"`) found in `document_type` of a record.
    ///
    /// ```
    /// use faceki_types::DocumentType;
    ///
    /// assert_eq!(DocumentType::from("Driving License"), DocumentType::DrivingLicense);
    /// assert_eq!(DocumentType::Passport.to_string(), "Passport");
    /// ```
    DocumentType {
        /// `"ID Card"` (multipart prefix `id_` in V2).
        IdCard => "ID Card",
        /// `"Passport"` (prefix `pp_`; no back side).
        Passport => "Passport",
        /// `"Driving License"` (prefix `dl_`).
        DrivingLicense => "Driving License",
    }
}

impl DocumentType {
    /// Whether the document has no back side to upload (a passport).
    pub fn is_single_sided(&self) -> bool {
        matches!(self, Self::Passport)
    }
}
