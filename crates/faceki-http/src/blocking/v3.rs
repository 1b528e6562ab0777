//! The blocking V3 ("Blaze") calls ([`V3Api`], from [`Client::v3`]): one for one the
//! async [`crate::v3::V3Api`], with the same request type
//! ([`Verification`](crate::v3::Verification)) and [`PdfReport`].

use faceki_types::Endpoint;
use faceki_types::model::{FaceAnalysis, Records, VerificationOutcome, WorkflowRules};

use super::Client;
use crate::error::Error;
use crate::image::ImageInput;
use crate::v3::{PdfReport, Verification};

/// The blocking V3 calls, from [`Client::v3`]: see [`crate::v3::V3Api`].
#[derive(Debug, Clone, Copy)]
pub struct V3Api<'a> {
    client: &'a Client,
}

impl Client {
    /// The V3 ("Blaze") API: verifications, face search and analysis, workflow rules,
    /// PDF reports (the blocking [`crate::Client::v3`]).
    pub fn v3(&self) -> V3Api<'_> {
        V3Api { client: self }
    }
}

impl V3Api<'_> {
    /// V3-3 (with a token) or V3-9 (through a link): a verification. Billed; never
    /// sent twice once it may have been processed; with a `record_identifier`, a lost
    /// or refused answer is reconciled by a lookup
    /// ([`VerificationOutcome::reconciled`]). Blocks until the answer; see
    /// [`V3Api::verify`](crate::v3::V3Api::verify).
    pub fn verify(self, request: Verification) -> Result<VerificationOutcome, Error> {
        self.client.run(request.endpoint(), |c| async move {
            c.v3().verify(request).await
        })
    }

    /// V3-5: records whose face matches the selfie. Billed. Blocks until the answer;
    /// see [`V3Api::search_by_face`](crate::v3::V3Api::search_by_face).
    pub fn search_by_face(self, selfie: impl Into<ImageInput>) -> Result<Records, Error> {
        let image = selfie.into();
        self.client.run(Endpoint::V3SearchByFace, |c| async move {
            c.v3().search_by_face(image).await
        })
    }

    /// V3-10: age range, gender and liveness of a selfie. Treated as billed. Blocks
    /// until the answer; see [`V3Api::analyze_face`](crate::v3::V3Api::analyze_face).
    pub fn analyze_face(self, selfie: impl Into<ImageInput>) -> Result<FaceAnalysis, Error> {
        let image = selfie.into();
        self.client.run(Endpoint::V3AnalyzeFace, |c| async move {
            c.v3().analyze_face(image).await
        })
    }

    /// V3-7: a workflow's rules. Blocks until the answer; see
    /// [`V3Api::workflow_rules`](crate::v3::V3Api::workflow_rules).
    pub fn workflow_rules(self, workflow_id: &str) -> Result<WorkflowRules, Error> {
        let workflow_id = workflow_id.to_owned();
        self.client.run(Endpoint::V3WorkflowRules, |c| async move {
            c.v3().workflow_rules(&workflow_id).await
        })
    }

    /// V3-6: the PDF report of a verification (its path configured with
    /// [`ClientBuilder::pdf_report_path`](crate::ClientBuilder::pdf_report_path)).
    /// Blocks until the answer; see [`V3Api::pdf_report`](crate::v3::V3Api::pdf_report).
    pub fn pdf_report(self, request_id: &str) -> Result<PdfReport, Error> {
        let request_id = request_id.to_owned();
        self.client.run(Endpoint::V3PdfReport, |c| async move {
            c.v3().pdf_report(&request_id).await
        })
    }
}
