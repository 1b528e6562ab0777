//! Hosted verification links (reference §2.7, §2.10, §3.2, §3.8): creating one,
//! checking one, and reading the rules of its workflow.
//!
//! ```no_run
//! use faceki_http::{Client, links::CreateLink};
//!
//! # async fn demo(client: Client) -> Result<(), faceki_http::Error> {
//! let link = client
//!     .links()
//!     .create(CreateLink::new().workflow_id("your-workflow-id").expiry_minutes(60))
//!     .await?;
//! println!("send the customer to {:?}", link.url);
//! # Ok(()) }
//! ```
//!
//! The verifications made through a link (no token) are built with `by_link`
//! constructors and sent like the others:
//! [`v2::SingleVerification::by_link`](crate::v2::SingleVerification) (V2-L3),
//! [`v2::MultiVerification::by_link`](crate::v2::MultiVerification) (V2-L2) and
//! [`v3::Verification::by_link`](crate::v3::Verification) (V3-9). Records made
//! through a link are [`RecordsApi::by_link`](crate::records::RecordsApi::by_link).

use faceki_types::Endpoint;
use faceki_types::decode::decode_envelope;
use faceki_types::model::{KycRules, LinkCreated, WorkflowRules};
use faceki_types::request::{v3_workflow_rules_by_link_request, validate_link_request};
use tracing::Instrument;

pub use faceki_types::request::CreateLink;

use crate::client::{Answer, Client, record_code};
use crate::error::Error;

/// The link calls, from [`Client::links`].
#[derive(Debug, Clone, Copy)]
pub struct LinksApi<'a> {
    client: &'a Client,
}

impl Client {
    /// Hosted verification links: create, validate, workflow rules.
    pub fn links(&self) -> LinksApi<'_> {
        LinksApi { client: self }
    }
}

impl<'a> LinksApi<'a> {
    /// V2-6 / V3-2 `POST /kycverify/api/kycverify/kyc-verify-link`: a hosted
    /// verification link (set `workflow_id` for V3). Creates a link, so it is not
    /// sent again once it may have reached Faceki.
    pub async fn create(self, request: CreateLink) -> Result<LinkCreated, Error> {
        let client = self.client;
        let endpoint = Endpoint::CreateLink;
        let span = Client::span(endpoint);
        async {
            let call = client.prepare_call(request.build(), endpoint)?;
            client
                .send_effectful(&call, &span, None, |answer| read_link(&span, answer))
                .await
                .map(|(link, _)| link)
        }
        .instrument(span.clone())
        .await
    }

    /// V2-L1 `GET /kycverify/api/kycverify/validate-kyc-verify-link?url=`: checks a
    /// link (no token) and returns the KYC rules it applies.
    pub async fn validate(self, link_id: &str) -> Result<KycRules, Error> {
        self.client
            .call(Endpoint::ValidateLink, validate_link_request(link_id))
            .await
    }

    /// V3-8 `GET /api/v3/workflows/rulesbylink?link=`: the rules of a link's workflow
    /// (no token).
    pub async fn workflow_rules(self, link_id: &str) -> Result<WorkflowRules, Error> {
        self.client
            .call(
                Endpoint::V3WorkflowRulesByLink,
                v3_workflow_rules_by_link_request(link_id),
            )
            .await
    }
}

/// Reads the answer to `create`: the link id in `data` and the URL beside it.
fn read_link(span: &tracing::Span, answer: &Answer) -> Result<LinkCreated, Error> {
    let endpoint = Endpoint::CreateLink;
    let envelope = decode_envelope(answer.status, answer.content_type(), &answer.body);
    record_code(span, &envelope);
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
