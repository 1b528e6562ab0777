//! Response and webhook models for every Faceki endpoint.
//!
//! Every model tolerates unknown fields, missing optional fields and empty strings.
//! Fields the SDK does not model are kept in an `extra` map, so nothing the server
//! sent is lost. Open vocabularies keep unknown values as their raw text.
//!
//! Tolerance rules (reference §6.7, §6.14):
//! - `""` and `null` read as a missing value (`None`);
//! - numbers sent as strings (`"26"`) are read as numbers where the model holds a
//!   number, and `null` lists read as empty;
//! - values the API sends as text (`age`, date parts) stay text, with parse helpers
//!   such as [`DocumentData::age`];
//! - Rust names are snake_case; every field is renamed to its exact wire key, which
//!   the API mixes (`full_name` next to `expiryDay`, `_id`, `__v`).
//!
//! Serializing a model writes the wire names and omits absent fields, so
//! model → JSON → model gives the same model back.
//!
//! Models hold personal data, so their `Debug` output is redacted: it shows every
//! field name, but only the values that are not personal (booleans, scores, counts,
//! vocabularies such as [`Decision`]); text, ids, URLs, dates and raw JSON print as
//! `<redacted>`. [`Reveal`] prints a model in full, on purpose.
//!
//! | Call (reference) | Model of `data` / `result` |
//! |---|---|
//! | token (§1.2) | [`TokenResponse`] |
//! | V2 rules, validate link (§2.3, §2.10) | [`KycRules`] |
//! | V2 single verification (§2.4) | [`VerificationResult`] |
//! | V2 multi verification (§2.5) | [`MultiVerificationResult`] |
//! | V2 summary (§2.6) | [`KycSummary`] |
//! | generate link (§2.7, §3.2) | [`LinkCreated`] (from the envelope's `data` + `url`) |
//! | V2 face check (§2.9) | [`FaceCheckResult`] |
//! | V3 verification (§3.3) | [`VerificationOutcome`] |
//! | records, face search (§2.8, §3.5, §3.6) | [`Records`] of [`KycRecord`] |
//! | workflow rules, by link (§3.8) | [`WorkflowRules`] |
//! | analyze face (§3.8) | [`FaceAnalysis`] |
//! | webhooks (§4) | [`WebhookEvent`] |

mod analyze;
mod confidence;
mod define;
mod document_data;
mod document_fields;
mod face_check;
mod link;
mod multi;
mod record;
mod records;
mod redact;
mod rules;
mod summary;
mod token;
mod verification_v2;
mod verification_v3;
mod vocab;
mod webhook;
mod workflow;

pub use analyze::FaceAnalysis;
pub use confidence::FieldConfidences;
pub use document_data::{DocumentData, DocumentFaceMatch};
pub use document_fields::DocumentFields;
pub use face_check::{FaceCheckRecord, FaceCheckResult};
pub use link::LinkCreated;
pub use multi::{DocumentKycData, MultiVerificationResult};
pub use record::{
    ClientInfo, DetectResult, DeviceDetails, DeviceInfo, ImageRef, KycRecord, SelfieData,
    VerificationSummary,
};
pub use records::Records;
pub use redact::{Reveal, Revealable};
pub use rules::{KycRules, RedirectMessage};
pub use summary::KycSummary;
pub use token::TokenResponse;
pub use verification_v2::{
    AuthenticationCheck, AuthenticationChecks, FaceMatch, VerificationError, VerificationImages,
    VerificationResult, VerificationVerdict,
};
pub use verification_v3::VerificationOutcome;
pub use vocab::{Decision, DocumentType, WebhookStatus};
pub use webhook::{
    KycData, WebhookCompleted, WebhookEvent, WebhookKind, WebhookParseError, WebhookPortalUpdate,
};
pub use workflow::{Theme, WorkflowRules};

/// Raw JSON fields that a model does not name, kept losslessly.
pub type Extra = serde_json::Map<String, serde_json::Value>;

#[cfg(test)]
mod tests;
