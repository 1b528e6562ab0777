//! [`TokenFetcher`]: the one thing a transport must do for authentication.

use std::sync::Arc;

use async_trait::async_trait;
use faceki_types::RequestSpec;
use faceki_types::model::TokenResponse;

use crate::error::AuthError;

/// Runs a token request and decodes the answer.
///
/// This is how [`CachingTokenProvider`](crate::CachingTokenProvider) stays free of any
/// HTTP stack: it builds the request with [`faceki_types::token_request`] and hands it
/// to a fetcher (`faceki-http` implements one over its transports; tests use a fake).
///
/// Implementations must:
/// - send `request` as described (its path and query carry the client secret for
///   variant A, its JSON body for variant B: never log either);
/// - return [`AuthError::rejected`] when the server refuses (with the HTTP status and
///   the body code when known), [`AuthError::transport`] or [`AuthError::timeout`]
///   when the call did not complete, and [`AuthError::invalid_response`] for an
///   undecodable answer — with messages that contain no URL, secret, token or body.
///
/// ```
/// use async_trait::async_trait;
/// use faceki_auth::{AuthError, TokenFetcher};
/// use faceki_types::RequestSpec;
/// use faceki_types::model::TokenResponse;
///
/// #[derive(Debug)]
/// struct AlwaysTheSame;
///
/// #[async_trait]
/// impl TokenFetcher for AlwaysTheSame {
///     async fn fetch(&self, _request: RequestSpec) -> Result<TokenResponse, AuthError> {
///         Ok(TokenResponse::new("a-test-token", Some(3600)))
///     }
/// }
/// ```
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait TokenFetcher: Send + Sync {
    /// Sends the token request and returns the decoded `data` of a successful answer.
    async fn fetch(&self, request: RequestSpec) -> Result<TokenResponse, AuthError>;
}

#[async_trait]
impl<T: TokenFetcher + ?Sized> TokenFetcher for Arc<T> {
    async fn fetch(&self, request: RequestSpec) -> Result<TokenResponse, AuthError> {
        (**self).fetch(request).await
    }
}

#[async_trait]
impl<T: TokenFetcher + ?Sized> TokenFetcher for Box<T> {
    async fn fetch(&self, request: RequestSpec) -> Result<TokenResponse, AuthError> {
        (**self).fetch(request).await
    }
}
