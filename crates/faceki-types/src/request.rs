//! Request descriptions: what to send for each call, built by pure functions.
//!
//! A [`RequestSpec`] says which [`Endpoint`](crate::Endpoint) is called and holds the
//! method, path, URL-encoded query, headers and body. It never holds an image's bytes:
//! a multipart body refers to each image through a caller-chosen source type `S` (a
//! file path, a buffer, a reader), so the transport can stream it. Everything that can
//! be checked without I/O is checked while the description is built, and reported as a
//! [`RequestError`] that names the field, before anything is sent.
//!
//! One builder or function per call:
//!
//! | Call | Builder |
//! |---|---|
//! | token | [`token_request`] |
//! | V2-2 KYC rules | [`kyc_rules_request`] |
//! | V2-3 single verification | [`SingleVerification`] |
//! | V2-4 multi verification | [`MultiVerification::new`] |
//! | V2-5 summary | [`kyc_summary_request`] |
//! | V2-6 / V3-2 create link | [`CreateLink`] |
//! | V2-7 records by link | [`records_by_link_request`] |
//! | V2-8 records by reference | [`records_by_reference_request`] |
//! | V2-9 / V3-4 records | [`RecordsQuery`] |
//! | V2-10 face check | [`face_check_request`] |
//! | V2-L1 validate link | [`validate_link_request`] |
//! | V2-L2 multi verification by link | [`MultiVerification::by_link`] |
//! | V2-L3 single verification by link | [`SingleVerification::by_link`] |
//! | V3-3 verification | [`V3Verification::by_workflow`] |
//! | V3-5 search by face | [`v3_search_by_face_request`] |
//! | V3-6 PDF report | [`v3_pdf_report_request`] with a [`PdfReportPath`] |
//! | V3-7 workflow rules | [`v3_workflow_rules_request`] |
//! | V3-8 workflow rules by link | [`v3_workflow_rules_by_link_request`] |
//! | V3-9 verification by link | [`V3Verification::by_link`] |
//! | V3-10 analyze face | [`v3_analyze_face_request`] |
//!
//! The upload builders are generic over what fills their image slots ([`Uploads`]):
//! [`Image`](crate::Image)s to be described, or a client's own input type, mapped
//! slot by slot ([`ImageSlot`]) into images once the client has checked them.
//!
//! Multipart parts carry text values first (in the order the vendor SDKs send them),
//! then images in a fixed documented order. A transport frames them with
//! [`Multipart`], which gives the exact `Content-Length`.

#[cfg(test)]
mod coverage;
mod error;
mod link_flow;
mod multipart;
mod pdf_report;
mod records;
mod spec;
#[cfg(test)]
mod testing;
mod token;
mod uploads;
mod v2;
mod v3;
mod validate;

/// How an identifier the caller chose (a customer id, an application id) shows in a
/// request's `Debug`: present or not, never its value (it may name a person).
pub(crate) fn shown_id(id: &Option<String>) -> Option<&'static str> {
    id.as_ref().map(|_| "<redacted>")
}

pub use error::RequestError;
pub use link_flow::{CreateLink, SelectedDoc, validate_link_request};
pub use multipart::{MAX_BOUNDARY_LEN, Multipart, Segment, validate_boundary};
pub use pdf_report::{PdfReportPath, v3_pdf_report_request};
pub use records::{
    RECORDS_FILTERS, RecordsQuery, records_by_link_request, records_by_reference_request,
};
pub use spec::{Auth, Body, Header, JsonBody, Part, QueryParam, RequestSpec};
pub use token::{TokenRequestVariant, token_request};
pub use uploads::{ImageRole, ImageSlot, Uploads};
pub use v2::{
    MULTI_DOCUMENT_FRONTS, MultiVerification, SingleVerification, face_check_request,
    kyc_rules_request, kyc_summary_request,
};
pub use v3::{
    V3Verification, v3_analyze_face_request, v3_search_by_face_request,
    v3_workflow_rules_by_link_request, v3_workflow_rules_request,
};
