//! The V2 API (reference §2): KYC rules, verification counts, single and
//! multi-document verification (with a token, or through a hosted link), and the
//! face check.
//!
//! ```no_run
//! use faceki_http::{Client, ImageInput, v2::SingleVerification};
//!
//! # async fn demo(client: Client) -> Result<(), faceki_http::Error> {
//! let rules = client.v2().rules().await?;
//! let result = client
//!     .v2()
//!     .verify(
//!         SingleVerification::new()
//!             .selfie_image(ImageInput::path("selfie.jpg"))
//!             .doc_front_image(ImageInput::path("id-front.jpg"))
//!             .doc_back_image(ImageInput::path("id-back.jpg")),
//!     )
//!     .await?;
//! println!("{:?}", result.verification);
//! # let _ = rules;
//! # Ok(()) }
//! ```
//!
//! Outputs are in [`model`](faceki_types::model): [`KycRules`], [`KycSummary`],
//! [`VerificationResult`], [`MultiVerificationResult`], [`FaceCheckResult`].

use faceki_types::Endpoint;
use faceki_types::model::{
    FaceCheckResult, KycRules, KycSummary, MultiVerificationResult, VerificationResult,
};
use faceki_types::request::{face_check_request, kyc_rules_request, kyc_summary_request};

pub use faceki_types::request::SelectedDoc;

use crate::client::Client;
use crate::error::Error;
use crate::image::ImageInput;

/// V2-3 single-document verification, or V2-L3 through a link
/// ([`SingleVerification::by_link`]); its images are [`ImageInput`]s. The rules and
/// the part order are those of
/// [`faceki_types::request::SingleVerification`].
pub type SingleVerification = faceki_types::request::SingleVerification<ImageInput>;

/// V2-4 multi-document verification, or V2-L2 through a link
/// ([`MultiVerification::by_link`]); its images are [`ImageInput`]s. The rules and
/// the part order are those of [`faceki_types::request::MultiVerification`].
pub type MultiVerification = faceki_types::request::MultiVerification<ImageInput>;

/// The V2 calls, from [`Client::v2`].
#[derive(Debug, Clone, Copy)]
pub struct V2Api<'a> {
    client: &'a Client,
}

impl Client {
    /// The V2 API: rules, summary, verifications, face check.
    pub fn v2(&self) -> V2Api<'_> {
        V2Api { client: self }
    }
}

impl<'a> V2Api<'a> {
    /// V2-2 `GET /kycrules/api/kycrules`: the company's KYC rules.
    pub async fn rules(self) -> Result<KycRules, Error> {
        self.client
            .call_fixed(Endpoint::KycRules, |f| &f.kyc_rules, kyc_rules_request)
            .await
    }

    /// V2-5 `GET /kycverify/api/kycverify/kyc-verify-summary`: verification counts.
    pub async fn summary(self) -> Result<KycSummary, Error> {
        self.client
            .call_fixed(
                Endpoint::KycSummary,
                |f| &f.kyc_summary,
                kyc_summary_request,
            )
            .await
    }

    /// V2-3 `POST /kycverify/api/kycverify/kyc-verification` (with a token), or V2-L3
    /// `POST /kycverify/api/kycverify/request-kyc` (through a link, no token): a
    /// single-document verification. Billed; never sent twice once it may have been
    /// processed. Every image is checked before anything is sent.
    pub async fn verify(self, request: SingleVerification) -> Result<VerificationResult, Error> {
        let endpoint = request.endpoint();
        let request: faceki_types::request::SingleVerification<_> =
            self.client.prepare_images(request).await?;
        self.client.call(endpoint, request.build()).await
    }

    /// V2-4 `POST /kycverify/api/kycverify/multi-kyc-verification` (with a token), or
    /// V2-L2 `POST /kycverify/api/kycverify/multiple-kyc-verification` (through a
    /// link, no token): a multi-document verification. Billed; never sent twice once
    /// it may have been processed.
    pub async fn verify_multi(
        self,
        request: MultiVerification,
    ) -> Result<MultiVerificationResult, Error> {
        let endpoint = request.endpoint();
        let request: faceki_types::request::MultiVerification<_> =
            self.client.prepare_images(request).await?;
        self.client.call(endpoint, request.build()).await
    }

    /// V2-10 `POST /facelink/api/face-check`: verified users whose face matches the
    /// selfie. Billed.
    pub async fn face_check(
        self,
        selfie_image: impl Into<ImageInput>,
    ) -> Result<FaceCheckResult, Error> {
        let slot = faceki_types::request::ImageSlot::selfie("selfie_image");
        let image = self.client.prepare(slot, selfie_image.into()).await?;
        self.client
            .call(Endpoint::FaceCheck, face_check_request(image))
            .await
    }
}
