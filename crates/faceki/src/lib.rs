//! Rust SDK for the Faceki identity-verification (KYC) API.
//!
//! ```no_run
//! use faceki::{Client, ImageInput, V3VerificationInput};
//!
//! # async fn quickstart() -> Result<(), faceki::Error> {
//! // FACEKI_CLIENT_ID and FACEKI_CLIENT_SECRET (and optionally FACEKI_BASE_URL).
//! let client = Client::from_env()?;
//!
//! let outcome = client
//!     .v3_verification(
//!         V3VerificationInput::new("your-workflow-id")
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
//!         faceki::Delivery::NotSent | faceki::Delivery::Rejected => eprintln!("not processed: {e}"),
//!         _ => eprintln!("verification failed: {e}"),
//!     },
//! }
//! # Ok(()) }
//! ```
//!
//! What you get:
//!
//! - [`Client`]: a typed async method for every V2 and V3 ("Blaze") endpoint, tokens
//!   cached and refreshed for you, images checked before sending and streamed from
//!   disk, retries that never double-submit a billed verification, one tracing span
//!   per call without secrets or bodies.
//! - [`Error`]: one error type with predicates ([`Error::is_api`],
//!   [`Error::response_code`], ...) and a delivery verdict ([`Error::delivery`]:
//!   not sent, rejected, maybe processed, processed). Billed V3 verifications with a
//!   record identifier are reconciled by a lookup instead of being paid for twice;
//!   [`Client::find_verification`] does the same for calls made earlier.
//! - [`model`]: tolerant response models; [`request`]: request builders;
//!   [`ResponseCode`]: every documented body code.
//! - [`Transport`]: plug in your own HTTP stack (see `examples/custom_transport.rs`);
//!   token providers ([`TokenProvider`], [`StaticTokenProvider`]) for tokens you
//!   manage yourself.
//!
//! # Feature flags
//!
//! | Feature | Default | Enables |
//! |---|---|---|
//! | `reqwest` | yes | the reqwest transport ([`ReqwestTransport`]) |
//! | `rustls` | yes | TLS through rustls |
//! | `native-tls` | no | TLS through the platform library |
//! | `mock` | no | mockall mocks of the public traits |
//! | `webhook` | no | `webhook`: receive webhooks in axum, verified and deduplicated (`examples/webhook_receiver.rs`) |
//! | `redis` | no | `redis`: one token per lifetime for a fleet, through Redis (`ClientBuilder::token_store`) |
//! | `test-util` | no | `test_util`: every kind of [`Error`] and verdict, for your tests |
//!
//! Without default features, pass a transport with [`ClientBuilder::transport`].

pub use faceki_types as types;

pub use faceki_types::{
    ApiError, DecodeError, Delivery, Effect, Endpoint, Image, ImageFormat, ResponseCode,
    RetryClass, Secret, TokenRequestVariant, Wire,
};
pub use faceki_types::{decode, endpoint, model, request};

pub use faceki_auth::{
    AccessToken, AuthError, CachingTokenProvider, Credentials, RefreshPolicy, SharedTokenProvider,
    StaticTokenProvider, TokenFetcher, TokenProvider, TokenScope, TokenStore,
};
#[cfg(feature = "mock")]
pub use faceki_auth::{MockTokenFetcher, MockTokenProvider};
/// A token shared by a whole fleet through Redis (feature `redis`): the
/// `faceki-auth-redis` crate.
#[cfg(feature = "redis")]
pub use faceki_auth_redis as redis;
/// Receiving webhooks in axum (feature `webhook`): the `faceki-webhook` crate. The
/// verifier itself (no I/O) is `faceki::types::webhook`.
#[cfg(feature = "webhook")]
pub use faceki_webhook as webhook;

#[cfg(feature = "reqwest")]
pub use faceki_http::ReqwestTransport;
#[cfg(feature = "test-util")]
pub use faceki_http::test_util;
pub use faceki_http::transport;
#[cfg(feature = "mock")]
pub use faceki_http::transport::MockTransport;
pub use faceki_http::{
    Client, ClientBuilder, Error, HttpRequest, HttpResponse, ImageInput,
    LinkSingleVerificationInput, Lookup, MultiVerificationInput, PdfReport, RECONCILE_CLOCK_SKEW,
    RequestBody, RetryBudget, RetryPolicy, SharedTransport, SingleVerificationInput, Transport,
    TransportError, TransportErrorKind, V3VerificationInput, VerificationLookup, async_trait,
};

/// The README's examples, compiled and run as doctests so they stay true.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
