//! Reconciliation: finding out, by the caller's record identifier, whether a billed
//! verification whose answer was lost (or refused) was recorded, instead of paying
//! for it twice. [`RecordsApi::find_verification`](crate::records::RecordsApi::find_verification)
//! is the same lookup for calls made earlier.

use std::time::{Duration, SystemTime};

use faceki_types::model::KycRecord;
use faceki_types::request::RecordsQuery;
use faceki_types::timestamp::parse_timestamp;

use super::Client;
use crate::error::Error;

/// How far before a call's start a record's `createdAt` may lie and still count as
/// created by that call: allowance for the difference between this machine's clock
/// and Faceki's. Kept short, because a second verification of the same person
/// shortly after a first would otherwise be mistaken for it.
pub const RECONCILE_CLOCK_SKEW: Duration = Duration::from_secs(10);

/// What [`RecordsApi::find_verification`](crate::records::RecordsApi::find_verification)
/// found.
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum VerificationLookup {
    /// The one record with the identifier created at or after the given time.
    Found(Box<KycRecord>),
    /// No record with the identifier was created at or after the given time:
    /// Faceki's empty list (V3) or code 8013 `DATA_NOT_FOUND` (V2).
    NotFound,
    /// Records with the identifier exist, but none says when it was created
    /// (`createdAt` missing or unreadable), so an earlier verification cannot be told
    /// apart from the one asked about.
    Undated {
        /// How many such records.
        records: usize,
    },
    /// More than one record with the identifier was created at or after the given
    /// time: which one a call made cannot be told (use an identifier unique per
    /// submission to avoid this).
    Several {
        /// How many.
        records: usize,
    },
}

impl std::fmt::Debug for VerificationLookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // The record is personal data: its own Debug redacts it.
            Self::Found(record) => f.debug_tuple("Found").field(record).finish(),
            Self::NotFound => f.write_str("NotFound"),
            Self::Undated { records } => {
                f.debug_struct("Undated").field("records", records).finish()
            }
            Self::Several { records } => {
                f.debug_struct("Several").field("records", records).finish()
            }
        }
    }
}

impl Client {
    /// The lookup behind
    /// [`RecordsApi::find_verification`](crate::records::RecordsApi::find_verification)
    /// (documented there), also made by the client itself to reconcile a billed call.
    pub(crate) async fn find_verification(
        &self,
        record_identifier: &str,
        created_after: SystemTime,
    ) -> Result<VerificationLookup, Error> {
        let query = RecordsQuery::new().record_identifier(record_identifier);
        // Boxed: a billed call reconciles through this lookup, which is itself a call.
        let records = match Box::pin(self.records_query(query)).await {
            Ok(records) => records.into_vec(),
            Err(e) if e.response_code().is_some_and(|c| c.code() == 8013) => Vec::new(),
            Err(e) => return Err(e),
        };
        Ok(select(records, record_identifier, created_after))
    }
}

/// Picks this call's record among the ones the server returned for the identifier.
fn select(
    records: Vec<KycRecord>,
    identifier: &str,
    created_after: SystemTime,
) -> VerificationLookup {
    let mut undated = 0;
    let mut found: Vec<KycRecord> = Vec::new();
    for record in records {
        // The server filters by identifier; only a record that says it is ours counts
        // (another customer's record must never be returned as this call's).
        if record.record_identifier.as_deref() != Some(identifier) {
            continue;
        }
        match record.created_at.as_deref().and_then(parse_timestamp) {
            None => undated += 1,
            Some(at) if at < created_after => {}
            Some(_) => found.push(record),
        }
    }
    match found.len() {
        1 => VerificationLookup::Found(Box::new(found.remove(0))),
        0 if undated > 0 => VerificationLookup::Undated { records: undated },
        0 => VerificationLookup::NotFound,
        n => VerificationLookup::Several { records: n },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(identifier: Option<&str>, created_at: Option<&str>, request_id: &str) -> KycRecord {
        let mut value = serde_json::json!({ "requestId": request_id });
        if let Some(id) = identifier {
            value["record_identifier"] = id.into();
        }
        if let Some(at) = created_at {
            value["createdAt"] = at.into();
        }
        serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"))
    }

    fn at(text: &str) -> SystemTime {
        parse_timestamp(text).unwrap_or_else(|| panic!("{text}"))
    }

    #[test]
    fn the_one_record_created_since_the_call_is_found() {
        let since = at("2026-12-01T10:00:00Z");
        let found = select(
            vec![
                record(Some("c-1"), Some("2026-12-01T09:59:59Z"), "old"),
                record(Some("c-1"), Some("2026-12-01T10:00:01Z"), "this-call"),
                record(Some("c-2"), Some("2026-12-01T10:00:00Z"), "other-customer"),
                record(None, Some("2026-12-01T10:00:02Z"), "no-identifier"),
            ],
            "c-1",
            since,
        );
        let VerificationLookup::Found(r) = found else {
            panic!("expected a record")
        };
        assert_eq!(r.request_id.as_deref(), Some("this-call"));
    }

    #[test]
    fn two_in_the_window_are_several_and_never_guessed() {
        let since = at("2026-12-01T10:00:00Z");
        assert_eq!(
            select(
                vec![
                    record(Some("c-1"), Some("2026-12-01T10:00:05Z"), "a"),
                    record(Some("c-1"), Some("2026-12-01T10:00:01Z"), "b"),
                ],
                "c-1",
                since
            ),
            VerificationLookup::Several { records: 2 }
        );
    }

    #[test]
    fn only_older_or_foreign_records_mean_not_found_and_undated_ones_are_unclear() {
        let since = at("2026-12-01T10:00:00Z");
        let old = || record(Some("c-1"), Some("2026-11-30T10:00:00Z"), "old");
        assert_eq!(
            select(vec![old()], "c-1", since),
            VerificationLookup::NotFound
        );
        assert_eq!(
            select(Vec::new(), "c-1", since),
            VerificationLookup::NotFound
        );
        assert_eq!(
            select(
                vec![record(None, Some("2026-12-01T10:00:00Z"), "x")],
                "c-1",
                since
            ),
            VerificationLookup::NotFound,
            "a record without the identifier is not ours"
        );
        assert_eq!(
            select(
                vec![old(), record(Some("c-1"), Some("not a date"), "x")],
                "c-1",
                since
            ),
            VerificationLookup::Undated { records: 1 }
        );
        // A dated record of this call wins over an undated one.
        assert!(matches!(
            select(
                vec![
                    record(Some("c-1"), None, "x"),
                    record(Some("c-1"), Some("2026-12-01T10:00:00Z"), "y")
                ],
                "c-1",
                since
            ),
            VerificationLookup::Found(_)
        ));
    }
}
