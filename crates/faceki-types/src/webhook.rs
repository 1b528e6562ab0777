//! Receiving Faceki webhooks safely, with no I/O: [`WebhookVerifier`] checks a
//! request (size, source network, the shared-secret header, JSON) and yields a typed
//! [`WebhookEvent`](crate::WebhookEvent) or a typed [`Rejection`]; [`DedupeStore`]
//! and [`MemoryDedupe`] drop the copies of an event that arrives more than once.
//!
//! **The security model.** Faceki's webhooks are not signed. In the portal you set
//! the URL, the HTTP method and static custom headers; one of them, carrying a secret
//! of your choosing (for example `Authorization: <secret>`), is the only proof that a
//! request comes from Faceki. So: serve the receiver over HTTPS only, choose a long
//! random secret, compare it in constant time (this module does), optionally allow
//! only Faceki's source networks, and rotate by listing two secrets while the portal
//! changes over. Nothing in the payload authenticates it.
//!
//! A web framework must not parse the body first: the verifier takes the raw bytes.
//! `faceki-webhook` wires this into axum.

mod dedupe;
mod verify;

pub use dedupe::{DedupeError, DedupeKey, DedupeStore, FirstSeen, MemoryDedupe};
pub use verify::{DEFAULT_MAX_BODY_BYTES, Rejection, VerifierError, WebhookVerifier};
