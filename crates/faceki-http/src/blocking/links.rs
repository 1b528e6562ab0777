//! The blocking link calls ([`LinksApi`], from [`Client::links`]): one for one the
//! async [`crate::links::LinksApi`], with the same request type
//! ([`CreateLink`](crate::links::CreateLink)).

use faceki_types::Endpoint;
use faceki_types::model::{KycRules, LinkCreated, WorkflowRules};

use super::Client;
use crate::error::Error;
use crate::links::CreateLink;

/// The blocking link calls, from [`Client::links`]: see [`crate::links::LinksApi`].
#[derive(Debug, Clone, Copy)]
pub struct LinksApi<'a> {
    client: &'a Client,
}

impl Client {
    /// Hosted verification links: create, validate, workflow rules (the blocking
    /// [`crate::Client::links`]).
    pub fn links(&self) -> LinksApi<'_> {
        LinksApi { client: self }
    }
}

impl LinksApi<'_> {
    /// V2-6 / V3-2: a hosted verification link. Not sent again once it may have
    /// reached Faceki. Blocks until the answer; see
    /// [`LinksApi::create`](crate::links::LinksApi::create).
    pub fn create(self, request: CreateLink) -> Result<LinkCreated, Error> {
        self.client.run(Endpoint::CreateLink, |c| async move {
            c.links().create(request).await
        })
    }

    /// V2-L1: checks a link (no token) and returns the KYC rules it applies. Blocks
    /// until the answer; see [`LinksApi::validate`](crate::links::LinksApi::validate).
    pub fn validate(self, link_id: &str) -> Result<KycRules, Error> {
        let link_id = link_id.to_owned();
        self.client.run(Endpoint::ValidateLink, |c| async move {
            c.links().validate(&link_id).await
        })
    }

    /// V3-8: the rules of a link's workflow (no token). Blocks until the answer; see
    /// [`LinksApi::workflow_rules`](crate::links::LinksApi::workflow_rules).
    pub fn workflow_rules(self, link_id: &str) -> Result<WorkflowRules, Error> {
        let link_id = link_id.to_owned();
        self.client
            .run(Endpoint::V3WorkflowRulesByLink, |c| async move {
                c.links().workflow_rules(&link_id).await
            })
    }
}
