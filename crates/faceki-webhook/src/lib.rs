//! Receiving Faceki webhooks in an axum app, safely.
//!
//! The most reported webhook problem across KYC vendors' SDKs is verification failing
//! because the framework parsed the body first; the second is not knowing what to
//! trust. [`WebhookReceiver`] reads the **raw** body itself (capped), checks it with
//! [`WebhookVerifier`] (the shared-secret header in constant time, an optional source
//! allow-list, JSON), drops duplicates ([`DedupeStore`], [`MemoryDedupe`] by default),
//! hands the typed event to your handler, and answers at once: 200 for an event
//! (or a duplicate), 401 for a missing or wrong secret, 403 for a source not allowed,
//! 400 for a body that is not JSON, 413 for one too large. It never logs the body or
//! a secret.
//!
//! ```no_run
//! use faceki_webhook::{WebhookReceiver, WebhookVerifier};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let verifier = WebhookVerifier::new("Authorization", std::env::var("FACEKI_WEBHOOK_SECRET")?)?;
//! let app = WebhookReceiver::new(verifier, |event| async move {
//!     // Enqueue it for your onboarding flow; keep this quick.
//!     println!("{:?} for {:?} (final: {})", event.kind(), event.request_id(), event.is_final());
//! })
//! .router("/faceki/webhook");
//! let listener = tokio::net::TcpListener::bind("0.0.0.0:8443").await?;
//! axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! **Security model**: Faceki's webhooks are not signed. A static header with a long
//! random secret of your choosing, sent over HTTPS, is the only proof of origin;
//! rotate it by listing two secrets ([`WebhookVerifier::with_second_secret`]) while
//! the portal changes over. Add [`WebhookVerifier::allow_sources`] when you know
//! Faceki's networks (it needs the peer address: serve with
//! `into_make_service_with_connect_info::<SocketAddr>()`).

mod receiver;

pub use faceki_types::WebhookEvent;
pub use faceki_types::webhook::{
    DedupeError, DedupeKey, DedupeStore, FirstSeen, MemoryDedupe, Rejection, VerifierError,
    WebhookVerifier,
};
pub use receiver::{Outcome, WebhookReceiver, check};
