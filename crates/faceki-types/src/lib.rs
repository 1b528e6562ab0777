//! The protocol layer of the Faceki KYC API: no I/O, only data and pure functions.
//!
//! - [`Endpoint`]: every call of the V2 and V3 ("Blaze") APIs, with its method, path,
//!   authentication and whether it is billed (and so never retried blindly).
//! - [`request`]: request descriptions built by pure functions, validated before
//!   anything is sent, with properly encoded queries and exact multipart part names.
//! - [`model`]: tolerant response and webhook models.
//! - [`ResponseCode`]: every documented body code, with unknown codes kept losslessly.
//! - [`Secret`]: a redacting string for the client secret and the access token.
//!
//! This crate depends on serde, serde_json and thiserror and little else: no async
//! runtime and no HTTP stack. Transports live in `faceki-http`.

pub mod endpoint;
pub mod lenient;
pub mod model;
pub mod request;
pub mod response_code;
pub mod secret;

pub use endpoint::{Endpoint, Method, RetryClass};
pub use model::{
    Decision, DocumentData, DocumentType, FaceAnalysis, FaceCheckResult, KycData, KycRecord,
    KycRules, KycSummary, LinkCreated, MultiVerificationResult, Records, TokenResponse,
    VerificationOutcome, VerificationResult, WebhookEvent, WebhookParseError, WebhookStatus,
    WorkflowRules,
};
pub use request::{RequestError, RequestSpec, TokenRequestVariant, token_request};
pub use response_code::ResponseCode;
pub use secret::Secret;
