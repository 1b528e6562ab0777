//! The Faceki KYC API client over a pluggable HTTP transport.
//!
//! - [`transport`]: the [`Transport`] trait (one request in, status + headers + a
//!   size-capped body out), [`SharedTransport`], and [`TransportError`], which says
//!   whether a failed request may have reached the server.
//! - [`ReqwestTransport`] (default `reqwest` feature): the transport over reqwest.
//! - [`RetryPolicy`]: safe retries with full-jitter backoff and a shared budget.
//! - [`Error`]: one error type with predicates.

mod client;
pub mod error;
mod image;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
pub mod retry;
pub mod transport;

pub use client::{
    BASE_URL_VAR, Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_REQUEST_TIMEOUT, DEFAULT_TOKEN_TIMEOUT, LinkSingleVerificationInput,
    MultiVerificationInput, PdfReport, SingleVerificationInput, V3VerificationInput,
};
pub use error::Error;
pub use image::{DEFAULT_MAX_IMAGE_BYTES, ImageInput, ImageSource};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;
pub use retry::{RetryBudget, RetryPolicy};
pub use transport::{
    HttpRequest, HttpResponse, RequestBody, SharedTransport, Transport, TransportError,
    TransportErrorKind,
};

/// Re-exported so custom transports need not depend on it directly.
pub use async_trait::async_trait;
