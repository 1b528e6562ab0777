//! [`VerificationOutcome`]: the `result` of a V3 verification (reference §3.3).

use serde::{Deserialize, Serialize};

use super::redact::redacted_debug;
use super::{Decision, Extra, KycRecord, field};
use crate::lenient;

/// The `result` of `POST /api/v3/kyc_verification` and of the link flow's
/// `…/requestbylink` (reference §3.3, §3.8): an object with the decision.
///
/// The object may also carry the full record fields of §3.4; they are kept in
/// `extra` and [`VerificationOutcome::to_record`] reads the whole thing as a
/// [`KycRecord`].
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VerificationOutcome {
    /// Faceki's id for the verification.
    #[serde(
        rename = "requestId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The verdict: `ACCEPTED`, `DECLINED`, `REVIEW` or another value.
    #[serde(
        default,
        deserialize_with = "field::opt_vocab",
        skip_serializing_if = "Option::is_none"
    )]
    pub decision: Option<Decision>,
    /// The company.
    #[serde(
        rename = "companyId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub company_id: Option<String>,
    /// The workflow used.
    #[serde(
        rename = "workflowId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub workflow_id: Option<String>,
    /// The company branch.
    #[serde(
        rename = "branchId",
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub branch_id: Option<String>,
    /// Fields not modelled here, kept as sent.
    #[serde(flatten)]
    pub extra: Extra,
    /// Not on the wire: `true` when the call's answer was lost (or refused with HTTP
    /// 401) and this outcome is the record the client then found by the call's
    /// `record_identifier`, created since the call started. The verification was
    /// processed (and billed) once.
    #[serde(skip)]
    pub reconciled: bool,
}

redacted_debug!(VerificationOutcome {
    request_id,
    decision,
    company_id,
    workflow_id,
    branch_id,
    extra,
    reconciled
});

impl VerificationOutcome {
    /// Whether the decision is `ACCEPTED`, the vendor SDKs' success test (together
    /// with a success envelope).
    pub fn is_accepted(&self) -> bool {
        self.decision.as_ref().is_some_and(Decision::is_accepted)
    }

    /// The outcome read as a full [`KycRecord`], for servers that send the record
    /// fields here too; `None` if they do not decode as one.
    pub fn to_record(&self) -> Option<KycRecord> {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| serde_json::from_value(v).ok())
    }
}
