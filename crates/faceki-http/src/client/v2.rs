//! The V2 endpoints (reference §2.1, V2-2 … V2-10).

use faceki_types::Endpoint;
use faceki_types::decode::decode_envelope;
use faceki_types::model::{
    FaceCheckResult, KycRules, KycSummary, LinkCreated, MultiVerificationResult, Records,
    VerificationResult,
};
use faceki_types::request::{
    CreateLink, RecordsQuery, face_check_request, kyc_rules_request, kyc_summary_request,
    records_by_link_request, records_by_reference_request,
};

use tracing::Instrument;

use super::Client;
use super::execute::Answer;
use super::images::{MultiVerificationInput, SingleVerificationInput};
use crate::error::Error;
use crate::image::ImageInput;

impl Client {
    /// V2-2 `GET /kycrules/api/kycrules`: the company's KYC rules.
    pub async fn kyc_rules(&self) -> Result<KycRules, Error> {
        self.call_fixed(Endpoint::KycRules, |f| &f.kyc_rules, kyc_rules_request)
            .await
    }

    /// V2-3 `POST /kycverify/api/kycverify/kyc-verification`: a single-document
    /// verification. Billed; never retried once it may have reached Faceki.
    pub async fn single_verification(
        &self,
        input: SingleVerificationInput,
    ) -> Result<VerificationResult, Error> {
        let spec = input.into_spec(self).await?;
        self.call(Endpoint::SingleVerification, spec).await
    }

    /// V2-4 `POST /kycverify/api/kycverify/multi-kyc-verification`: a multi-document
    /// verification. Billed; never retried once it may have reached Faceki.
    pub async fn multi_verification(
        &self,
        input: MultiVerificationInput,
    ) -> Result<MultiVerificationResult, Error> {
        let spec = input.into_builder(self).await?.build();
        self.call(Endpoint::MultiVerification, spec).await
    }

    /// V2-5 `GET /kycverify/api/kycverify/kyc-verify-summary`: verification counts.
    pub async fn kyc_summary(&self) -> Result<KycSummary, Error> {
        self.call_fixed(
            Endpoint::KycSummary,
            |f| &f.kyc_summary,
            kyc_summary_request,
        )
        .await
    }

    /// V2-6 / V3-2 `POST /kycverify/api/kycverify/kyc-verify-link`: a hosted
    /// verification link (set `workflow_id` for V3). Creates a link, so it is not
    /// retried once it may have reached Faceki.
    pub async fn create_link(&self, link: CreateLink) -> Result<LinkCreated, Error> {
        let endpoint = Endpoint::CreateLink;
        let span = Self::span(endpoint);
        async {
            let call = self.prepare_call(link.build(), endpoint)?;
            self.send_effectful(&call, &span, None, |answer| read_link(&span, answer))
                .await
                .map(|(link, _)| link)
        }
        .instrument(span.clone())
        .await
    }

    /// V2-7 `GET /kycverify/api/kycverify/link?linkId=`: records made through a link.
    pub async fn records_by_link(&self, link_id: &str) -> Result<Records, Error> {
        self.call(Endpoint::RecordsByLink, records_by_link_request(link_id))
            .await
    }

    /// V2-8 `GET /kycverify/api/kycverify/reference?referenceId=`: records by your
    /// reference (the link's application id).
    pub async fn records_by_reference(&self, reference_id: &str) -> Result<Records, Error> {
        self.call(
            Endpoint::RecordsByReference,
            records_by_reference_request(reference_id),
        )
        .await
    }

    /// V2-9 / V3-4 `GET /kycverify/api/kycverify/records`: records by request id,
    /// face id, link or record identifier. The way to find out whether a verification
    /// whose outcome was unknown was recorded.
    pub async fn records(&self, query: RecordsQuery) -> Result<Records, Error> {
        self.call(Endpoint::Records, query.build()).await
    }

    /// V2-10 `POST /facelink/api/face-check`: verified users whose face matches the
    /// selfie. Billed.
    pub async fn face_check(
        &self,
        selfie_image: impl Into<ImageInput>,
    ) -> Result<FaceCheckResult, Error> {
        let image = self.prepare("selfie_image", selfie_image.into()).await?;
        self.call(Endpoint::FaceCheck, face_check_request(image))
            .await
    }
}

/// Reads the answer to `create_link`: the link id in `data` and the URL beside it.
fn read_link(span: &tracing::Span, answer: &Answer) -> Result<LinkCreated, Error> {
    let endpoint = Endpoint::CreateLink;
    let envelope = decode_envelope(answer.status, answer.content_type(), &answer.body);
    super::record_code(span, &envelope);
    let envelope = envelope.map_err(|e| Error::from_response(endpoint, e))?;
    let data: serde_json::Value = envelope.payload().map_err(|e| Error::decode(endpoint, e))?;
    match LinkCreated::from_parts(data, envelope.url().map(str::to_owned)) {
        Some(created) => Ok(created),
        None => match envelope.payload::<NoLinkId>() {
            Err(e) => Err(Error::decode(endpoint, e)),
            Ok(never) => match never {},
        },
    }
}

/// A payload that never decodes: turns "no link id in `data`" into a decode error
/// that names the path.
enum NoLinkId {}

impl<'de> serde::Deserialize<'de> for NoLinkId {
    fn deserialize<D: serde::Deserializer<'de>>(_: D) -> Result<Self, D::Error> {
        Err(serde::de::Error::custom("no link id"))
    }
}
