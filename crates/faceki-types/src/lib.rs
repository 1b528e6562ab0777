//! The protocol layer of the Faceki KYC API: no I/O, only data and pure functions.
//!
//! - [`Endpoint`]: every call of the V2 and V3 ("Blaze") APIs, with its method, path,
//!   authentication and [`Effect`] (read-only, creates state, billed).
//! - [`delivery`]: the verdict after a failure — not sent, rejected, maybe processed
//!   or processed — from the endpoint's effect and what happened on the wire.
//! - [`request`]: request descriptions built by pure functions, validated before
//!   anything is sent, with properly encoded queries and exact multipart part names,
//!   and [`Multipart`] framing with an exact `Content-Length`.
//! - [`Image`] and [`ImageFormat`]: what the builders take for each image.
//! - [`model`]: tolerant response and webhook models.
//! - [`decode()`]: one entry point that reads any response by its envelope shape into a
//!   typed payload, a typed [`ApiError`] (even under HTTP 200) or a [`DecodeError`].
//! - [`ResponseCode`]: every documented body code, with unknown codes kept losslessly.
//! - [`Secret`]: a redacting string for the client secret and the access token.
//! - [`preflight`]: the contract of an image pre-flight (checks that anticipate
//!   Faceki's selfie and document codes), implemented by the `faceki-image` crate.
//! - [`webhook`]: verifying and deduplicating webhook requests (a shared-secret
//!   header compared in constant time, an optional source allow-list, a body cap).
//!
//! This crate depends on serde, serde_json and thiserror and little else: no async
//! runtime and no HTTP stack. Transports live in `faceki-http`.

pub mod decode;
pub mod delivery;
pub mod endpoint;
pub mod image;
pub mod lenient;
pub mod model;
pub mod preflight;
pub mod request;
pub mod response_code;
pub mod secret;
pub mod timestamp;
pub mod webhook;

pub use decode::{ApiError, DecodeError, ResponseError, decode};
pub use delivery::{Delivery, Wire};
pub use endpoint::{Effect, Endpoint, Method, RetryClass};
pub use image::{Image, ImageFormat};
pub use model::{
    Decision, DocumentData, DocumentType, FaceAnalysis, FaceCheckResult, KycData, KycRecord,
    KycRules, KycSummary, LinkCreated, MultiVerificationResult, Records, TokenResponse,
    VerificationOutcome, VerificationResult, WebhookEvent, WebhookParseError, WebhookStatus,
    WorkflowRules,
};
pub use request::{
    CreateLink, MultiVerification, Multipart, PdfReportPath, RecordsQuery, RequestError,
    RequestSpec, SelectedDoc, SingleVerification, TokenRequestVariant, V3Verification,
    token_request,
};
pub use response_code::ResponseCode;
pub use secret::Secret;
