//! [`TokenProvider`], the source of access tokens, and its shareable form
//! [`SharedTokenProvider`].

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use async_trait::async_trait;

use crate::error::AuthError;
use crate::token::AccessToken;

/// A source of access tokens.
///
/// Object-safe: clients hold one as a [`SharedTokenProvider`]. Implementations must be
/// cheap to call on every request (cache the token) and must not print secrets in
/// `Debug`.
///
/// ```
/// use async_trait::async_trait;
/// use faceki_auth::{AccessToken, AuthError, SharedTokenProvider, TokenProvider};
///
/// #[derive(Debug)]
/// struct FromVault;
///
/// #[async_trait]
/// impl TokenProvider for FromVault {
///     async fn token(&self) -> Result<AccessToken, AuthError> {
///         Ok(AccessToken::new("token-from-my-vault", None))
///     }
///     fn invalidate(&self, _rejected: &AccessToken) {}
/// }
///
/// let shared: SharedTokenProvider = FromVault.into();
/// # let _ = shared;
/// ```
#[cfg_attr(feature = "mock", mockall::automock)]
#[async_trait]
pub trait TokenProvider: Send + Sync + fmt::Debug {
    /// Returns a token that is valid now (and, for caching providers, not about to
    /// expire).
    async fn token(&self) -> Result<AccessToken, AuthError>;

    /// Reports that the server rejected `rejected` (HTTP 401, or body code 1). A
    /// caching provider discards it if it is still the current token, so the next
    /// [`token`](TokenProvider::token) call fetches a new one; a report about a token
    /// that was already replaced is ignored.
    fn invalidate(&self, rejected: &AccessToken);
}

/// A cheaply cloneable, type-erased [`TokenProvider`].
///
/// Builders take `impl Into<SharedTokenProvider>`, so any provider can be passed
/// directly. It dereferences to `dyn TokenProvider`.
///
/// ```
/// use faceki_auth::{SharedTokenProvider, StaticTokenProvider};
///
/// # async fn demo() -> Result<(), faceki_auth::AuthError> {
/// let provider = SharedTokenProvider::new(StaticTokenProvider::new("my-token"));
/// let token = provider.token().await?;
/// assert_eq!(token.expose_secret(), "my-token");
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct SharedTokenProvider(Arc<dyn TokenProvider>);

impl SharedTokenProvider {
    /// Wraps a provider.
    pub fn new(provider: impl TokenProvider + 'static) -> Self {
        Self(Arc::new(provider))
    }

    /// Wraps a provider that is already shared.
    pub fn from_arc(provider: Arc<dyn TokenProvider>) -> Self {
        Self(provider)
    }
}

impl Deref for SharedTokenProvider {
    type Target = dyn TokenProvider;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl fmt::Debug for SharedTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedTokenProvider").field(&self.0).finish()
    }
}

impl<T: TokenProvider + 'static> From<T> for SharedTokenProvider {
    fn from(provider: T) -> Self {
        Self::new(provider)
    }
}

#[async_trait]
impl<T: TokenProvider + ?Sized> TokenProvider for Arc<T> {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        (**self).token().await
    }

    fn invalidate(&self, rejected: &AccessToken) {
        (**self).invalidate(rejected);
    }
}
