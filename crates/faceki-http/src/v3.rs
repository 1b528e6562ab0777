//! The V3 ("Blaze") API (reference §3): verification against a workflow or through a
//! hosted link, face search, face analysis, workflow rules and the PDF report.
//!
//! ```no_run
//! use faceki_http::{Client, ImageInput, v3::Verification};
//!
//! # async fn demo(client: Client) -> Result<(), faceki_http::Error> {
//! let outcome = client
//!     .v3()
//!     .verify(
//!         Verification::by_workflow("your-workflow-id")
//!             .record_identifier("customer-42")
//!             .selfie(ImageInput::path("selfie.jpg"))
//!             .document_1_front(ImageInput::path("id-front.jpg"))
//!             .document_1_back(ImageInput::path("id-back.jpg")),
//!     )
//!     .await?;
//! println!("{:?}", outcome.decision);
//! # Ok(()) }
//! ```
//!
//! Outputs are in [`model`](faceki_types::model): [`VerificationOutcome`],
//! [`Records`], [`FaceAnalysis`], [`WorkflowRules`]; and [`PdfReport`] here.

use bytes::Bytes;
use faceki_types::Endpoint;
use faceki_types::model::{FaceAnalysis, Records, VerificationOutcome, WorkflowRules};
use faceki_types::request::{
    ImageSlot, v3_analyze_face_request, v3_pdf_report_request, v3_search_by_face_request,
    v3_workflow_rules_request,
};

use crate::client::Client;
use crate::error::Error;
use crate::image::ImageInput;

/// V3-3 verification against a workflow ([`Verification::by_workflow`]), or V3-9
/// through a link ([`Verification::by_link`]); its images are [`ImageInput`]s. The
/// rules and the part order are those of [`faceki_types::request::V3Verification`].
pub type Verification = faceki_types::request::V3Verification<ImageInput>;

/// A downloaded PDF report.
#[derive(Clone)]
#[non_exhaustive]
pub struct PdfReport {
    /// The `Content-Type` Faceki sent, such as `application/pdf`.
    pub content_type: Option<String>,
    /// The document's bytes.
    pub bytes: Bytes,
}

impl std::fmt::Debug for PdfReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The report is personal data: only its size is shown.
        f.debug_struct("PdfReport")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// The V3 calls, from [`Client::v3`].
#[derive(Debug, Clone, Copy)]
pub struct V3Api<'a> {
    client: &'a Client,
}

impl Client {
    /// The V3 ("Blaze") API: verifications, face search and analysis, workflow rules,
    /// PDF reports.
    pub fn v3(&self) -> V3Api<'_> {
        V3Api { client: self }
    }
}

impl<'a> V3Api<'a> {
    /// V3-3 `POST /api/v3/kyc_verification` (with a token) or V3-9
    /// `POST /api/v3/kyc_verification/requestbylink` (through a link, no token): a
    /// verification. Billed; never sent twice once it may have been processed.
    ///
    /// Set a `record_identifier`: then an answer that is lost (a timeout, a reset, a
    /// gateway error) or refused with HTTP 401 is reconciled — the client looks the
    /// record up by that identifier and, if this call created one, returns it as the
    /// result (with [`VerificationOutcome::reconciled`] set) instead of sending again
    /// (see [`RecordsApi::find_verification`](crate::records::RecordsApi::find_verification);
    /// the lookup needs the client's credentials).
    pub async fn verify(self, request: Verification) -> Result<VerificationOutcome, Error> {
        let endpoint = request.endpoint();
        let identifier = request.identifier().map(str::to_owned);
        let request: faceki_types::request::V3Verification<_> =
            self.client.prepare_images(request).await?;
        let (mut outcome, reconciled): (VerificationOutcome, bool) = self
            .client
            .call_identified(endpoint, request.build(), identifier.as_deref())
            .await?;
        outcome.reconciled = reconciled;
        Ok(outcome)
    }

    /// V3-5 `POST /api/v3/kyc_verification/search-by-face`: records whose face
    /// matches the selfie. Billed.
    pub async fn search_by_face(self, selfie: impl Into<ImageInput>) -> Result<Records, Error> {
        let image = self
            .client
            .prepare(ImageSlot::selfie("selfie"), selfie.into())
            .await?;
        self.client
            .call(Endpoint::V3SearchByFace, v3_search_by_face_request(image))
            .await
    }

    /// V3-10 `POST /api/v3/kyc_verification/analyzeFace`: age range, gender and
    /// liveness of a selfie. Treated as billed.
    pub async fn analyze_face(self, selfie: impl Into<ImageInput>) -> Result<FaceAnalysis, Error> {
        let image = self
            .client
            .prepare(ImageSlot::selfie("selfie"), selfie.into())
            .await?;
        self.client
            .call(Endpoint::V3AnalyzeFace, v3_analyze_face_request(image))
            .await
    }

    /// V3-7 `GET /api/v3/workflows/rules?workflowId=`: a workflow's rules. (A link's
    /// workflow rules, V3-8, are
    /// [`LinksApi::workflow_rules`](crate::links::LinksApi::workflow_rules).)
    pub async fn workflow_rules(self, workflow_id: &str) -> Result<WorkflowRules, Error> {
        self.client
            .call(
                Endpoint::V3WorkflowRules,
                v3_workflow_rules_request(workflow_id),
            )
            .await
    }

    /// V3-6: the PDF report of a verification, as raw bytes. Faceki does not document
    /// its path: configure it with
    /// [`ClientBuilder::pdf_report_path`](crate::ClientBuilder::pdf_report_path).
    pub async fn pdf_report(self, request_id: &str) -> Result<PdfReport, Error> {
        let Some(path) = self.client.pdf_report_path() else {
            return Err(Error::config(
                "the PDF report path is not configured (ClientBuilder::pdf_report_path): \
                 Faceki does not document it",
            ));
        };
        let (content_type, bytes) = self
            .client
            .call_raw(
                Endpoint::V3PdfReport,
                v3_pdf_report_request(path, request_id),
            )
            .await?;
        Ok(PdfReport {
            content_type,
            bytes,
        })
    }
}
