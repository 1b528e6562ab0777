//! [`VerificationOutcome`]: the `result` of a V3 verification (reference §3.3).

use super::define::model;
use super::{Decision, Extra, KycRecord};

model! {
    /// The `result` of `POST /api/v3/kyc_verification` and of the link flow's
    /// `…/requestbylink` (reference §3.3, §3.8): an object with the decision.
    ///
    /// The object may also carry the full record fields of §3.4; they are kept in
    /// `extra` and [`VerificationOutcome::to_record`] reads the whole thing as a
    /// [`KycRecord`].
    #[serde(rename_all = "camelCase")]
    pub struct VerificationOutcome {
        /// Faceki's id for the verification.
        pub request_id: Option<String>,
        /// The verdict: `ACCEPTED`, `DECLINED`, `REVIEW` or another value.
        pub decision: Option<Decision>,
        /// The company.
        pub company_id: Option<String>,
        /// The workflow used.
        pub workflow_id: Option<String>,
        /// The company branch.
        pub branch_id: Option<String>,
        /// Fields not modelled here, kept as sent.
        #[serde(flatten)] pub extra: Extra,
        /// Not on the wire: `true` when the call's answer was lost (or refused with
        /// HTTP 401) and this outcome is the record the client then found by the
        /// call's `record_identifier`, created since the call started. The
        /// verification was processed (and billed) once.
        #[serde(skip)] pub reconciled: bool,
    }
}

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
