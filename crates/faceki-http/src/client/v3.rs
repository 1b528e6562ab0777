//! The V3 "Blaze" endpoints (reference §3.1, V3-3 … V3-10; V3-2 and V3-4 share V2's
//! [`Client::create_link`] and [`Client::records`]).

use bytes::Bytes;
use faceki_types::Endpoint;
use faceki_types::model::{FaceAnalysis, Records, VerificationOutcome, WorkflowRules};
use faceki_types::request::{
    v3_analyze_face_request, v3_pdf_report_request, v3_search_by_face_request,
    v3_workflow_rules_by_link_request, v3_workflow_rules_request,
};

use super::Client;
use super::images::V3VerificationInput;
use crate::error::Error;
use crate::image::ImageInput;

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

impl Client {
    /// V3-3 `POST /api/v3/kyc_verification`: a verification against a workflow.
    /// Billed; never sent twice once it may have been processed. Set a
    /// `record_identifier`: then an answer that is lost (a timeout, a reset, a
    /// gateway error) or refused with HTTP 401 is reconciled — the client looks the
    /// record up by that identifier and, if this call created one, returns it as the
    /// result instead of sending again (see [`Client::find_verification`]).
    pub async fn v3_verification(
        &self,
        input: V3VerificationInput,
    ) -> Result<VerificationOutcome, Error> {
        let identifier = input.identifier().map(str::to_owned);
        let spec = input.into_builder(self).await?.build();
        let (outcome, reconciled) = self
            .call_identified(Endpoint::V3Verification, spec, identifier.as_deref())
            .await?;
        Ok(mark(outcome, reconciled))
    }

    /// V3-5 `POST /api/v3/kyc_verification/search-by-face`: records whose face matches
    /// the selfie. Billed.
    pub async fn v3_search_by_face(&self, selfie: impl Into<ImageInput>) -> Result<Records, Error> {
        let image = self.prepare("selfie", selfie.into()).await?;
        self.call(Endpoint::V3SearchByFace, v3_search_by_face_request(image))
            .await
    }

    /// V3-6: the PDF report of a verification, as raw bytes. Faceki does not document
    /// its path: configure it with
    /// [`ClientBuilder::pdf_report_path`](crate::ClientBuilder::pdf_report_path).
    pub async fn v3_pdf_report(&self, request_id: &str) -> Result<PdfReport, Error> {
        let endpoint = Endpoint::V3PdfReport;
        let Some(path) = &self.inner.pdf_report_path else {
            return Err(Error::config(
                "the PDF report path is not configured (ClientBuilder::pdf_report_path): \
                 Faceki does not document it",
            ));
        };
        let (content_type, bytes) = self
            .call_raw(endpoint, v3_pdf_report_request(path, request_id))
            .await?;
        Ok(PdfReport {
            content_type,
            bytes,
        })
    }

    /// V3-7 `GET /api/v3/workflows/rules?workflowId=`: a workflow's rules.
    pub async fn v3_workflow_rules(&self, workflow_id: &str) -> Result<WorkflowRules, Error> {
        self.call(
            Endpoint::V3WorkflowRules,
            v3_workflow_rules_request(workflow_id),
        )
        .await
    }

    /// V3-8 `GET /api/v3/workflows/rulesbylink?link=`: the rules of a link's workflow
    /// (no token).
    pub async fn v3_workflow_rules_by_link(&self, link: &str) -> Result<WorkflowRules, Error> {
        self.call(
            Endpoint::V3WorkflowRulesByLink,
            v3_workflow_rules_by_link_request(link),
        )
        .await
    }

    /// V3-9 `POST /api/v3/kyc_verification/requestbylink`: a verification through a
    /// link (no token). Billed; reconciled by `record_identifier` like
    /// [`Client::v3_verification`] (the lookup needs the client's credentials).
    pub async fn v3_verification_by_link(
        &self,
        link: &str,
        input: V3VerificationInput,
    ) -> Result<VerificationOutcome, Error> {
        let identifier = input.identifier().map(str::to_owned);
        let spec = input.into_builder(self).await?.build_with_link(link);
        let (outcome, reconciled) = self
            .call_identified(Endpoint::V3VerificationByLink, spec, identifier.as_deref())
            .await?;
        Ok(mark(outcome, reconciled))
    }

    /// V3-10 `POST /api/v3/kyc_verification/analyzeFace`: age range, gender and
    /// liveness of a selfie. Treated as billed.
    pub async fn v3_analyze_face(
        &self,
        selfie: impl Into<ImageInput>,
    ) -> Result<FaceAnalysis, Error> {
        let image = self.prepare("selfie", selfie.into()).await?;
        self.call(Endpoint::V3AnalyzeFace, v3_analyze_face_request(image))
            .await
    }
}

/// Sets [`VerificationOutcome::reconciled`] on an outcome found by a lookup.
fn mark(mut outcome: VerificationOutcome, reconciled: bool) -> VerificationOutcome {
    outcome.reconciled = reconciled;
    outcome
}
