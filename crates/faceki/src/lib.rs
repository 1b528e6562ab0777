//! Rust SDK for the Faceki identity-verification (KYC) API.
//!
//! ```no_run
//! use faceki::{Client, Delivery, ImageInput, v3::Verification};
//!
//! # async fn quickstart() -> Result<(), faceki::Error> {
//! // FACEKI_CLIENT_ID and FACEKI_CLIENT_SECRET (and optionally FACEKI_BASE_URL).
//! let client = Client::from_env()?;
//!
//! let outcome = client
//!     .v3()
//!     .verify(
//!         Verification::by_workflow("your-workflow-id")
//!             .record_identifier("customer-42")
//!             .selfie(ImageInput::path("selfie.jpg"))
//!             .document_1_front(ImageInput::path("id-front.jpg"))
//!             .document_1_back(ImageInput::path("id-back.jpg")),
//!     )
//!     .await;
//! match outcome {
//!     Ok(outcome) => println!("decision: {:?}", outcome.decision),
//!     Err(e) if e.outcome_unknown() => {
//!         // The answer was lost and the client's own lookup by record identifier
//!         // found nothing (yet): the verification may still be processing. Do not
//!         // submit it again; look again later.
//!         eprintln!("outcome unknown: {e}");
//!     }
//!     Err(e) => match e.delivery() {
//!         // Nothing was processed: safe to fix and send again.
//!         Delivery::NotSent | Delivery::Rejected => eprintln!("not processed: {e}"),
//!         _ => eprintln!("verification failed: {e}"),
//!     },
//! }
//! # Ok(()) }
//! ```
//!
//! # The calls, by product
//!
//! | group | calls | requests |
//! |---|---|---|
//! | [`Client::v2`] | `rules`, `summary`, `verify`, `verify_multi`, `face_check` | [`v2::SingleVerification`], [`v2::MultiVerification`] |
//! | [`Client::v3`] | `verify`, `search_by_face`, `analyze_face`, `workflow_rules`, `pdf_report` | [`v3::Verification`] |
//! | [`Client::links`] | `create`, `validate`, `workflow_rules` | [`links::CreateLink`] |
//! | [`Client::records`] | `query`, `by_link`, `by_reference`, `find_verification` | [`records::RecordsQuery`] |
//!
//! Each group's module page opens with an example. Verifications through a hosted
//! link are the same requests made with a `by_link` constructor. Outputs are the
//! tolerant response models of [`model`].
//!
//! What you get:
//!
//! - [`Client`]: tokens cached and refreshed for you, images checked before sending
//!   and streamed from disk, retries that never double-submit a billed verification,
//!   one tracing span per call without secrets or bodies. Configure it with
//!   [`ClientBuilder`].
//! - [`Error`]: one error type with predicates ([`Error::is_api`],
//!   [`Error::response_code`], ...) and a delivery verdict ([`Error::delivery`],
//!   a [`Delivery`]: not sent, rejected, maybe processed, processed). Billed V3
//!   verifications with a record identifier are reconciled by a lookup instead of
//!   being paid for twice; [`records::RecordsApi::find_verification`] does the same
//!   for calls made earlier. The details ([`error::ResponseCode`], [`error::Lookup`])
//!   are in [`error`].
//! - [`transport`]: plug in your own HTTP stack, or a closure
//!   ([`transport::transport_fn`]) in your tests; [`auth`]: token providers for
//!   tokens you manage yourself; [`retry`]: the retry policy.
//! - [`types`]: the protocol crate (no I/O) underneath, for decoding and describing
//!   requests yourself.
//!
//! # Feature flags
//!
//! | Feature | Default | Enables |
//! |---|---|---|
//! | `reqwest` | yes | the reqwest transport (`transport::ReqwestTransport`) |
//! | `rustls` | yes | TLS through rustls |
//! | `native-tls` | no | TLS through the platform library |
//! | `blocking` | no | `blocking::Client`: the same calls for sync code (`examples/blocking.rs`) |
//! | `preflight` | no | `preflight`: normalise images and refuse a selfie Faceki would refuse, before it is paid for (`ClientBuilder::preflight`) |
//! | `mock` | no | mockall mocks of the public traits |
//! | `webhook` | no | `webhook`: receive webhooks in axum, verified and deduplicated (`examples/webhook_receiver.rs`) |
//! | `redis` | no | `redis`: one token per lifetime for a fleet, through Redis (`ClientBuilder::token_store`) |
//! | `test-util` | no | `test_util`: every kind of [`Error`] and verdict, for your tests |
//!
//! Without default features, pass a transport with [`ClientBuilder::transport`].

pub use faceki_http::{Client, ClientBuilder, Error, ImageInput};
pub use faceki_types::Delivery;

pub use faceki_http::{links, records, v2, v3};
pub use faceki_types as types;
pub use faceki_types::model;

/// What a failed call says beyond its message: the response code, the delivery
/// verdict's inputs, the reconciliation lookup.
pub mod error {
    pub use faceki_http::PreflightRefusal;
    pub use faceki_http::error::Lookup;
    pub use faceki_types::preflight::PreflightFinding;
    pub use faceki_types::{ApiError, DecodeError, Effect, Endpoint, ResponseCode, Wire};
}

/// Tokens: the provider trait, the caching provider the client uses, credentials,
/// and the store that shares one token across a fleet.
pub mod auth {
    pub use faceki_auth::{
        AccessToken, AuthError, CachingTokenProvider, Credentials, RefreshPolicy,
        SharedTokenProvider, StaticTokenProvider, TokenFetcher, TokenProvider, TokenScope,
        TokenStore,
    };
    #[cfg(feature = "mock")]
    pub use faceki_auth::{MockTokenFetcher, MockTokenProvider};
    pub use faceki_types::{Secret, TokenRequestVariant};
}

/// Plugging in your own HTTP stack: the [`Transport`](transport::Transport) trait,
/// a closure as a transport ([`transport_fn`](transport::transport_fn)), and the
/// default reqwest transport.
pub mod transport {
    #[cfg(feature = "reqwest")]
    pub use faceki_http::ReqwestTransport;
    pub use faceki_http::async_trait;
    pub use faceki_http::transport::*;
}

/// Retries: the policy and the budget shared by a client's clones.
pub mod retry {
    pub use faceki_http::retry::{RetryBudget, RetryPolicy};
}

/// A token shared by a whole fleet through Redis (feature `redis`): the
/// `faceki-auth-redis` crate.
#[cfg(feature = "redis")]
pub use faceki_auth_redis as redis;
/// Image pre-flight (feature `preflight`): the `faceki-image` crate. Pass
/// `preflight::Policy::Normalise` or `Policy::Strict` (or a configured
/// `preflight::Preflight`) to [`ClientBuilder::preflight`]; check files yourself with
/// `preflight::check`.
#[cfg(feature = "preflight")]
pub use faceki_image as preflight;
/// Receiving webhooks in axum (feature `webhook`): the `faceki-webhook` crate. The
/// verifier itself (no I/O) is `faceki::types::webhook`.
#[cfg(feature = "webhook")]
pub use faceki_webhook as webhook;

#[cfg(feature = "test-util")]
pub use faceki_http::test_util;

/// The blocking client for synchronous code (feature `blocking`): the same calls,
/// errors and guarantees as [`Client`], over one runtime thread the client owns.
#[cfg(feature = "blocking")]
pub use faceki_http::blocking;

/// The README's examples, compiled and run as doctests so they stay true.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
