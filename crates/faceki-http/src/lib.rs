//! The Faceki KYC API client over a pluggable HTTP transport.
//!
//! Most users depend on the `faceki` facade, which re-exports this crate.
//!
//! ```no_run
//! use faceki_http::{Client, ImageInput};
//!
//! # async fn demo() -> Result<(), faceki_http::Error> {
//! let client = Client::builder()
//!     .credentials("my-client-id", "my-client-secret")
//!     .build()?;
//! let analysis = client.v3().analyze_face(ImageInput::path("selfie.jpg")).await?;
//! println!("age {:?}-{:?}", analysis.min_age, analysis.max_age);
//! # Ok(()) }
//! ```
//!
//! - [`Client`]: every endpoint, grouped by product: [`v2`] ([`Client::v2`]),
//!   [`v3`] ([`Client::v3`]), [`links`] ([`Client::links`]) and [`records`]
//!   ([`Client::records`]), each module holding its calls and their request types;
//!   configured by [`ClientBuilder`]; clones share the token cache, the connection
//!   pool and the retry budget.
//! - [`ImageInput`]: images from a path (streamed from disk), bytes, or a reader,
//!   checked before anything is sent and re-read for every attempt.
//! - [`transport`]: the [`Transport`] trait (one request in, status + headers + a
//!   size-capped body out), [`SharedTransport`], and [`TransportError`], which says
//!   whether a failed request may have reached the server.
//! - [`ReqwestTransport`] (default `reqwest` feature): the transport over reqwest.
//!   No reqwest type appears anywhere else in this crate's API.
//! - [`RetryPolicy`]: safe retries with full-jitter backoff and a shared
//!   [`RetryBudget`]; defaults in `docs/reliability.md`.
//! - [`Error`]: one error type with predicates and accessors, free of secrets and
//!   bodies; [`Error::delivery`] says whether a failed call may have been processed
//!   ([`Delivery`]), and billed V3 calls with a record identifier are reconciled by a
//!   lookup instead of being sent twice.
//!
//! # Feature flags
//!
//! | Feature | Default | Enables |
//! |---|---|---|
//! | `reqwest` | yes | [`ReqwestTransport`], the default transport |
//! | `rustls` | yes | TLS through rustls for the reqwest transport |
//! | `native-tls` | no | TLS through the platform library for the reqwest transport |
//! | `mock` | no | `transport::MockTransport` and faceki-auth's mocks (mockall) |
//! | `test-util` | no | `test_util`: build every kind of [`Error`] and verdict in your tests |
//! | `blocking` | no | `blocking::Client`: the same calls for synchronous code, no async runtime in yours |
//!
//! With `default-features = false`, pass your own transport with
//! [`ClientBuilder::transport`].

#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
pub mod error;
mod image;
pub mod links;
pub mod records;
#[cfg(feature = "reqwest")]
mod reqwest_transport;
pub mod retry;
#[cfg(feature = "test-util")]
pub mod test_util;
pub mod transport;
pub mod v2;
pub mod v3;

pub use client::{
    BASE_URL_VAR, Client, ClientBuilder, DEFAULT_BASE_URL, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_REQUEST_TIMEOUT, DEFAULT_TOKEN_TIMEOUT, PreflightRefusal, RECONCILE_CLOCK_SKEW,
    VerificationLookup,
};
pub use error::{Error, Lookup};
pub use faceki_types::delivery::{Delivery, Wire};
pub use faceki_types::{Effect, Endpoint};
pub use image::{DEFAULT_MAX_IMAGE_BYTES, ImageInput};
#[cfg(feature = "reqwest")]
pub use reqwest_transport::ReqwestTransport;
pub use retry::{RetryBudget, RetryPolicy};
pub use transport::{
    HttpRequest, HttpResponse, RequestBody, SharedTransport, Transport, TransportError,
    TransportErrorKind,
};

/// Re-exported so custom transports need not depend on it directly.
pub use async_trait::async_trait;
