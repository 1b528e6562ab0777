//! An offline fake Faceki server for demos, tests and users' CI.
//!
//! `faceki-sandbox` is an axum server that speaks every endpoint the SDK supports, in
//! the documented shapes (both envelopes, every path spelling, every token variant, or
//! only one of them with [`TokenRoutes`]), with real in-memory behaviour behind them:
//! records (stamped with the wall-clock `createdAt`), links that expire, a quota, V3
//! workflows and their rules, webhooks sent the way Faceki's portal configures them
//! ([`WebhookSettings`]: method, static headers, optionally every event twice and an
//! illustrative AML-monitoring update). Outcomes are deterministic and any response
//! code can be produced on purpose; faults (latency, error pages, 401, dropped
//! connections, truncated and slow bodies, 429) can be injected per route, either
//! instead of the route or after it has really processed the request
//! ([`Fault::processed_then`]: stored, then the answer is lost); tests can inspect what
//! arrived.
//!
//! The bodies are written from the API reference, never by serializing the client's
//! models: the sandbox is an independent witness for those models. See
//! `docs/sandbox.md` for triggers, routes, faults and defaults.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use faceki_sandbox::{Fault, Sandbox, Target};
//! use faceki_types::{Endpoint, ResponseCode};
//!
//! let sandbox = Sandbox::builder().start().await?;
//! let creds = sandbox.credentials();
//! println!("GET {}/auth/api/access-token?clientId={}&clientSecret=…",
//!     sandbox.base_url(), creds.client_id());
//!
//! // The next V3 verification answers 8006 FACE_NOT_FOUND…
//! sandbox.push_outcome(Endpoint::V3Verification, ResponseCode::from_code(8006));
//! // …and the next two requests of any kind see a 502 HTML page.
//! sandbox.inject_fault(Target::Any, Fault::bad_gateway_html(), 2);
//! // A V2 verification is stored, then its connection is reset before any answer.
//! sandbox.inject_fault(
//!     Endpoint::SingleVerification,
//!     Fault::processed_then(Fault::drop_connection()),
//!     1,
//! );
//! assert_eq!(sandbox.token_requests(), 0);
//! # Ok(()) }
//! ```

mod builder;
mod clock;
mod faults;
mod handle;
mod ids;
pub mod images;
mod inspect;
mod multipart;
mod processed;
mod respond;
mod routes;
mod scenarios;
mod server;
mod state;
mod synth;
mod token_routes;
mod webhook;
mod workflow;

pub use builder::{Sandbox, SandboxBuilder};
pub use faults::{Fault, SLOW_BODY_PIECES, Target};
pub use handle::{Credentials, SandboxHandle};
pub use inspect::{PartInfo, RequestInfo};
pub use routes::{PDF_REPORT_PATH, V3_RECORDS_PATH};
pub use scenarios::OUTCOME_HEADER;
pub use token_routes::TokenRoutes;
pub use webhook::{Delivery, DeliveryKind, WebhookMethod, WebhookSettings};
pub use workflow::Workflow;

/// Locks a mutex, recovering the data if a panicking thread poisoned it (the sandbox's
/// data stays usable: every critical section leaves it consistent).
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
