//! [`MultiVerificationResult`]: the `data` of a V2 multi-document verification
//! (reference §2.5).

use serde::{Deserialize, Serialize};

use super::redact::redacted_debug;
use super::{DocumentType, Extra, VerificationResult, field};
use crate::lenient;
use crate::response_code::ResponseCode;

/// The `data` of `POST …/multi-kyc-verification` and of the link flow's
/// `…/multiple-kyc-verification` (reference §2.5, §2.10): one nested V2 result per
/// submitted document.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MultiVerificationResult {
    /// Faceki's id for this verification.
    #[serde(
        rename = "requestId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The ID card's result, when one was submitted.
    #[serde(rename = "idKycData", default, skip_serializing_if = "Option::is_none")]
    pub id_kyc_data: Option<DocumentKycData>,
    /// The driving licence's result, when one was submitted.
    #[serde(rename = "dlKycData", default, skip_serializing_if = "Option::is_none")]
    pub dl_kyc_data: Option<DocumentKycData>,
    /// The passport's result, when one was submitted.
    #[serde(rename = "ppKycData", default, skip_serializing_if = "Option::is_none")]
    pub pp_kyc_data: Option<DocumentKycData>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(MultiVerificationResult {
    request_id,
    id_kyc_data,
    dl_kyc_data,
    pp_kyc_data,
    extra
});

impl MultiVerificationResult {
    /// The result for one document type, if that document was submitted.
    pub fn for_document(&self, doc: &DocumentType) -> Option<&DocumentKycData> {
        match doc {
            DocumentType::IdCard => self.id_kyc_data.as_ref(),
            DocumentType::DrivingLicense => self.dl_kyc_data.as_ref(),
            DocumentType::Passport => self.pp_kyc_data.as_ref(),
            DocumentType::Other(_) => None,
        }
    }

    /// The submitted documents' results, in the order ID card, driving licence,
    /// passport.
    pub fn documents(&self) -> impl Iterator<Item = (DocumentType, &DocumentKycData)> {
        [
            (DocumentType::IdCard, self.id_kyc_data.as_ref()),
            (DocumentType::DrivingLicense, self.dl_kyc_data.as_ref()),
            (DocumentType::Passport, self.pp_kyc_data.as_ref()),
        ]
        .into_iter()
        .filter_map(|(t, d)| d.map(|d| (t, d)))
    }
}

/// One document's nested `{responseCode, data}` inside a [`MultiVerificationResult`].
///
/// Whether `responseCode` can be non-zero while the outer code is 0 is unknown, so
/// check [`DocumentKycData::is_success`] for each document.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentKycData {
    /// This document's body code.
    #[serde(
        rename = "responseCode",
        default,
        deserialize_with = "field::opt_response_code",
        serialize_with = "field::ser_opt_response_code",
        skip_serializing_if = "Option::is_none"
    )]
    pub response_code: Option<ResponseCode>,
    /// This document's verification data (as §2.4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<VerificationResult>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(DocumentKycData {
    response_code,
    data,
    extra
});

impl DocumentKycData {
    /// Whether this document's code is a success code (`None` when absent).
    pub fn is_success(&self) -> Option<bool> {
        self.response_code.map(ResponseCode::is_success)
    }
}
