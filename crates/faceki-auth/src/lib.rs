//! Access tokens for the Faceki KYC API, without an HTTP stack.
//!
//! Every Faceki call except the token call itself carries
//! `Authorization: Bearer <access token>`. A token comes from the token endpoint
//! (client id and client secret in, `access_token` and `expires_in` out) and lives an
//! hour. Fetching one per request is slow and billed, so this crate caches it.
//!
//! - [`TokenProvider`]: the object-safe trait clients use to get a token and to report
//!   one the server rejected; [`SharedTokenProvider`] is its cloneable, type-erased
//!   form that builders accept as `impl Into<SharedTokenProvider>`.
//! - [`CachingTokenProvider`]: single-flight, refresh-ahead caching over any
//!   [`TokenFetcher`] (the transport's part of the job), configured by a
//!   [`RefreshPolicy`]. Token call variant B (`POST /auth/api/generate-token`, the
//!   secret in a JSON body) by default, falling back once to variant A
//!   (`GET /auth/api/access-token`) when the server has no such route.
//! - [`TokenStore`]: a token shared by a fleet of processes
//!   ([`CachingTokenProvider::with_store`]); `faceki-auth-redis` implements it over
//!   Redis.
//! - [`StaticTokenProvider`]: a token you manage yourself.
//! - [`Credentials`] and [`AccessToken`]: redacting types — `Debug` never shows the
//!   secret or the token, there is no `Display`, and the values are reachable only
//!   through methods named `expose_secret`. Credentials load from `FACEKI_CLIENT_ID`
//!   and `FACEKI_CLIENT_SECRET`.
//! - [`AuthError`]: what went wrong, cloneable, never containing a secret, a token or a
//!   URL.
//!
//! The only runtime dependency is tokio's `sync` and `time` features (for the
//! single-flight cell and the monotonic clock); `faceki-http` provides a fetcher over
//! real transports.
//!
//! # Feature flags
//!
//! | Feature | Default | Enables |
//! |---|---|---|
//! | `mock` | no | `MockTokenProvider` and `MockTokenFetcher` (mockall) |
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use std::sync::atomic::{AtomicUsize, Ordering};
//!
//! use async_trait::async_trait;
//! use faceki_auth::{
//!     AuthError, CachingTokenProvider, Credentials, SharedTokenProvider, TokenFetcher,
//! };
//! use faceki_types::RequestSpec;
//! use faceki_types::model::TokenResponse;
//!
//! /// A stand-in for the HTTP fetcher of `faceki-http`.
//! #[derive(Default)]
//! struct FakeFetcher {
//!     calls: AtomicUsize,
//! }
//!
//! #[async_trait]
//! impl TokenFetcher for FakeFetcher {
//!     async fn fetch(&self, request: RequestSpec) -> Result<TokenResponse, AuthError> {
//!         assert_eq!(request.path(), "/auth/api/generate-token");
//!         let n = self.calls.fetch_add(1, Ordering::SeqCst);
//!         Ok(TokenResponse::new(format!("token-{n}"), Some(3600)))
//!     }
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), AuthError> {
//! let fetcher = Arc::new(FakeFetcher::default());
//! let credentials = Credentials::new("my-client-id", "my-client-secret");
//! let provider: SharedTokenProvider =
//!     CachingTokenProvider::new(credentials, Arc::clone(&fetcher)).into();
//!
//! let first = provider.token().await?;
//! let second = provider.token().await?;
//! assert_eq!(first.expose_secret(), "token-0");
//! assert_eq!(second, first); // served from the cache
//! assert_eq!(fetcher.calls.load(Ordering::SeqCst), 1);
//!
//! // The server answered 401: report it, and the next call fetches a new token.
//! provider.invalidate(&first);
//! assert_eq!(provider.token().await?.expose_secret(), "token-1");
//! assert!(!format!("{provider:?}").contains("my-client-secret"));
//! # Ok(()) }
//! ```

mod caching;
mod credentials;
mod error;
mod fetcher;
mod policy;
mod provider;
mod static_provider;
pub mod store;
mod token;

pub use caching::CachingTokenProvider;
pub use credentials::{CLIENT_ID_VAR, CLIENT_SECRET_VAR, Credentials};
pub use error::AuthError;
#[cfg(feature = "mock")]
pub use fetcher::MockTokenFetcher;
pub use fetcher::TokenFetcher;
pub use policy::RefreshPolicy;
#[cfg(feature = "mock")]
pub use provider::MockTokenProvider;
pub use provider::{SharedTokenProvider, TokenProvider};
pub use static_provider::StaticTokenProvider;
pub use store::{Lease, StoreError, StoredToken, TokenScope, TokenStore};
pub use token::AccessToken;

/// Re-exported so implementations of the traits need not depend on it directly.
pub use async_trait::async_trait;
