//! The blocking V2 calls ([`V2Api`], from [`Client::v2`]): one for one the async
//! [`crate::v2::V2Api`], with the same request types
//! ([`SingleVerification`](crate::v2::SingleVerification),
//! [`MultiVerification`](crate::v2::MultiVerification)).

use faceki_types::Endpoint;
use faceki_types::model::{
    FaceCheckResult, KycRules, KycSummary, MultiVerificationResult, VerificationResult,
};

use super::Client;
use crate::error::Error;
use crate::image::ImageInput;
use crate::v2::{MultiVerification, SingleVerification};

/// The blocking V2 calls, from [`Client::v2`]: see [`crate::v2::V2Api`].
#[derive(Debug, Clone, Copy)]
pub struct V2Api<'a> {
    client: &'a Client,
}

impl Client {
    /// The V2 API: rules, summary, verifications, face check (the blocking
    /// [`crate::Client::v2`]).
    pub fn v2(&self) -> V2Api<'_> {
        V2Api { client: self }
    }
}

impl V2Api<'_> {
    /// V2-2: the company's KYC rules. Blocks until the answer; see
    /// [`V2Api::rules`](crate::v2::V2Api::rules).
    pub fn rules(self) -> Result<KycRules, Error> {
        self.client
            .run(Endpoint::KycRules, |c| async move { c.v2().rules().await })
    }

    /// V2-5: verification counts. Blocks until the answer; see
    /// [`V2Api::summary`](crate::v2::V2Api::summary).
    pub fn summary(self) -> Result<KycSummary, Error> {
        self.client.run(
            Endpoint::KycSummary,
            |c| async move { c.v2().summary().await },
        )
    }

    /// V2-3 (with a token) or V2-L3 (through a link): a single-document verification.
    /// Billed; never sent twice once it may have been processed. Blocks until the
    /// answer; see [`V2Api::verify`](crate::v2::V2Api::verify).
    pub fn verify(self, request: SingleVerification) -> Result<VerificationResult, Error> {
        self.client.run(request.endpoint(), |c| async move {
            c.v2().verify(request).await
        })
    }

    /// V2-4 (with a token) or V2-L2 (through a link): a multi-document verification.
    /// Billed; never sent twice once it may have been processed. Blocks until the
    /// answer; see [`V2Api::verify_multi`](crate::v2::V2Api::verify_multi).
    pub fn verify_multi(
        self,
        request: MultiVerification,
    ) -> Result<MultiVerificationResult, Error> {
        self.client.run(request.endpoint(), |c| async move {
            c.v2().verify_multi(request).await
        })
    }

    /// V2-10: verified users whose face matches the selfie. Billed. Blocks until the
    /// answer; see [`V2Api::face_check`](crate::v2::V2Api::face_check).
    pub fn face_check(self, selfie_image: impl Into<ImageInput>) -> Result<FaceCheckResult, Error> {
        let image = selfie_image.into();
        self.client.run(Endpoint::FaceCheck, |c| async move {
            c.v2().face_check(image).await
        })
    }
}
