//! The blocking record calls ([`RecordsApi`], from [`Client::records`]): one for one
//! the async [`crate::records::RecordsApi`], with the same query type
//! ([`RecordsQuery`](crate::records::RecordsQuery)) and lookup result
//! ([`VerificationLookup`](crate::records::VerificationLookup)).

use std::time::SystemTime;

use faceki_types::Endpoint;
use faceki_types::model::Records;

use super::Client;
use crate::error::Error;
use crate::records::{RecordsQuery, VerificationLookup};

/// The blocking record calls, from [`Client::records`]: see
/// [`crate::records::RecordsApi`].
#[derive(Debug, Clone, Copy)]
pub struct RecordsApi<'a> {
    client: &'a Client,
}

impl Client {
    /// Records: queries, by link, by reference, and the reconciliation lookup (the
    /// blocking [`crate::Client::records`]).
    pub fn records(&self) -> RecordsApi<'_> {
        RecordsApi { client: self }
    }
}

impl RecordsApi<'_> {
    /// V2-9 / V3-4: records by request id, face id, link or record identifier. Blocks
    /// until the answer; see [`RecordsApi::query`](crate::records::RecordsApi::query).
    pub fn query(self, query: RecordsQuery) -> Result<Records, Error> {
        self.client.run(Endpoint::Records, |c| async move {
            c.records().query(query).await
        })
    }

    /// V2-7: records made through a link. Blocks until the answer; see
    /// [`RecordsApi::by_link`](crate::records::RecordsApi::by_link).
    pub fn by_link(self, link_id: &str) -> Result<Records, Error> {
        let link_id = link_id.to_owned();
        self.client.run(Endpoint::RecordsByLink, |c| async move {
            c.records().by_link(&link_id).await
        })
    }

    /// V2-8: records by your reference (the link's application id). Blocks until the
    /// answer; see [`RecordsApi::by_reference`](crate::records::RecordsApi::by_reference).
    pub fn by_reference(self, reference_id: &str) -> Result<Records, Error> {
        let reference_id = reference_id.to_owned();
        self.client
            .run(Endpoint::RecordsByReference, |c| async move {
                c.records().by_reference(&reference_id).await
            })
    }

    /// Whether a verification with your `record_identifier` was recorded at or after
    /// `created_after` (read-only): the lookup to make before submitting again a
    /// verification whose outcome is unknown. Blocks until the answer; see
    /// [`RecordsApi::find_verification`](crate::records::RecordsApi::find_verification).
    pub fn find_verification(
        self,
        record_identifier: &str,
        created_after: SystemTime,
    ) -> Result<VerificationLookup, Error> {
        let record_identifier = record_identifier.to_owned();
        self.client.run(Endpoint::Records, |c| async move {
            c.records()
                .find_verification(&record_identifier, created_after)
                .await
        })
    }
}
