//! Reading records (reference §2.8, §3.4): by request id, face id, link or your own
//! record identifier, and the reconciliation lookup that says whether a verification
//! whose outcome was unknown was recorded.
//!
//! ```no_run
//! use std::time::{Duration, SystemTime};
//! use faceki_http::Client;
//! use faceki_http::records::{RecordsQuery, VerificationLookup};
//!
//! # async fn demo(client: Client) -> Result<(), faceki_http::Error> {
//! let records = client
//!     .records()
//!     .query(RecordsQuery::new().request_id("65f0c0ffee"))
//!     .await?;
//! let since = SystemTime::now() - Duration::from_secs(3600);
//! match client.records().find_verification("customer-42", since).await? {
//!     VerificationLookup::Found(record) => println!("decision {:?}", record.decision),
//!     VerificationLookup::NotFound => println!("not recorded: safe to submit"),
//!     other => println!("cannot tell: {other:?}"),
//! }
//! # let _ = records;
//! # Ok(()) }
//! ```

use std::time::SystemTime;

use faceki_types::Endpoint;
use faceki_types::model::Records;
use faceki_types::request::{records_by_link_request, records_by_reference_request};

pub use crate::client::{RECONCILE_CLOCK_SKEW, VerificationLookup};
pub use faceki_types::request::RecordsQuery;

use crate::client::Client;
use crate::error::Error;

/// The record calls, from [`Client::records`].
#[derive(Debug, Clone, Copy)]
pub struct RecordsApi<'a> {
    client: &'a Client,
}

impl Client {
    /// Records: queries, by link, by reference, and the reconciliation lookup.
    pub fn records(&self) -> RecordsApi<'_> {
        RecordsApi { client: self }
    }
}

impl<'a> RecordsApi<'a> {
    /// V2-9 / V3-4 `GET /kycverify/api/kycverify/records`: records by request id,
    /// face id, link or record identifier.
    pub async fn query(self, query: RecordsQuery) -> Result<Records, Error> {
        self.client.records_query(query).await
    }

    /// V2-7 `GET /kycverify/api/kycverify/link?linkId=`: records made through a link.
    pub async fn by_link(self, link_id: &str) -> Result<Records, Error> {
        self.client
            .call(Endpoint::RecordsByLink, records_by_link_request(link_id))
            .await
    }

    /// V2-8 `GET /kycverify/api/kycverify/reference?referenceId=`: records by your
    /// reference (the link's application id).
    pub async fn by_reference(self, reference_id: &str) -> Result<Records, Error> {
        self.client
            .call(
                Endpoint::RecordsByReference,
                records_by_reference_request(reference_id),
            )
            .await
    }

    /// Whether a verification with your `record_identifier` was recorded at or after
    /// `created_after`: the lookup to make before submitting again a verification
    /// whose outcome is unknown ([`Error::outcome_unknown`]). Read-only (V3-4 records
    /// by `record_identifier`); an empty list and code 8013 both mean "not recorded".
    /// Only records that carry exactly this identifier count; two or more in the
    /// window are reported as [`VerificationLookup::Several`], never guessed between.
    ///
    /// The client makes this lookup itself for a V3 verification with a record
    /// identifier; use this for calls made earlier, for example after a crash. Allow
    /// for clock differences: pass a time a little before the call started (the
    /// client's own lookups use [`RECONCILE_CLOCK_SKEW`]).
    pub async fn find_verification(
        self,
        record_identifier: &str,
        created_after: SystemTime,
    ) -> Result<VerificationLookup, Error> {
        self.client
            .find_verification(record_identifier, created_after)
            .await
    }
}
