//! The V2 hosted-link flow (reference §2.10, V2-L1 … V2-L3): calls made with a link id
//! instead of a token.

use faceki_types::Endpoint;
use faceki_types::model::{KycRules, MultiVerificationResult, VerificationResult};
use faceki_types::request::validate_link_request;

use super::Client;
use super::images::{LinkSingleVerificationInput, MultiVerificationInput};
use crate::error::Error;

impl Client {
    /// V2-L1 `GET /kycverify/api/kycverify/validate-kyc-verify-link?url=`: checks a link
    /// and returns the KYC rules it applies.
    pub async fn validate_link(&self, link_id: &str) -> Result<KycRules, Error> {
        self.call(Endpoint::ValidateLink, validate_link_request(link_id))
            .await
    }

    /// V2-L2 `POST /kycverify/api/kycverify/multiple-kyc-verification`: a
    /// multi-document verification through a link. Billed.
    pub async fn link_multi_verification(
        &self,
        link: &str,
        input: MultiVerificationInput,
    ) -> Result<MultiVerificationResult, Error> {
        let spec = input.into_builder(self).await?.build_with_link(link);
        self.call(Endpoint::LinkMultiVerification, spec).await
    }

    /// V2-L3 `POST /kycverify/api/kycverify/request-kyc`: a single-document
    /// verification through a link. Billed.
    pub async fn link_single_verification(
        &self,
        input: LinkSingleVerificationInput,
    ) -> Result<VerificationResult, Error> {
        let spec = input.into_spec(self).await?;
        self.call(Endpoint::LinkSingleVerification, spec).await
    }
}
