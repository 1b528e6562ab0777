//! [`MultiVerificationResult`]: the `data` of a V2 multi-document verification
//! (reference §2.5).

use super::define::model;
use super::{DocumentType, Extra, VerificationResult};
use crate::response_code::ResponseCode;

model! {
    /// The `data` of `POST …/multi-kyc-verification` and of the link flow's
    /// `…/multiple-kyc-verification` (reference §2.5, §2.10): one nested V2 result per
    /// submitted document.
    #[serde(rename_all = "camelCase")]
    pub struct MultiVerificationResult {
        /// Faceki's id for this verification.
        pub request_id: Option<String>,
        /// The ID card's result, when one was submitted.
        pub id_kyc_data: Option<DocumentKycData>,
        /// The driving licence's result, when one was submitted.
        pub dl_kyc_data: Option<DocumentKycData>,
        /// The passport's result, when one was submitted.
        pub pp_kyc_data: Option<DocumentKycData>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

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

model! {
    /// One document's nested `{responseCode, data}` inside a
    /// [`MultiVerificationResult`].
    ///
    /// Whether `responseCode` can be non-zero while the outer code is 0 is unknown, so
    /// check [`DocumentKycData::is_success`] for each document.
    #[serde(rename_all = "camelCase")]
    pub struct DocumentKycData {
        /// This document's body code, from an integer or a numeric string.
        pub response_code: Option<ResponseCode>,
        /// This document's verification data (as §2.4).
        pub data: Option<VerificationResult>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
    }
}

impl DocumentKycData {
    /// Whether this document's code is a success code (`None` when absent).
    pub fn is_success(&self) -> Option<bool> {
        self.response_code.map(ResponseCode::is_success)
    }
}
