//! [`RedisTokenProvider`]: a [`TokenProvider`] whose token is shared through Redis,
//! for code that brings its own [`TokenFetcher`]. With the Faceki client, pass the
//! store to `ClientBuilder::token_store` instead: it builds this for you.

use std::sync::Arc;

use async_trait::async_trait;
use faceki_auth::{
    AccessToken, AuthError, CachingTokenProvider, Credentials, TokenFetcher, TokenProvider,
    TokenScope,
};

use crate::store::RedisTokenStore;

/// A caching token provider whose token is shared by every process that uses the same
/// Redis, base URL and client id: one fetch per token lifetime for the whole fleet,
/// an in-memory copy in front (a warm call never touches Redis), and local fetching
/// whenever Redis fails.
///
/// ```no_run
/// use std::sync::Arc;
/// use faceki_auth::{Credentials, TokenFetcher, TokenProvider};
/// use faceki_auth_redis::{RedisTokenProvider, RedisTokenStore};
///
/// # async fn demo(fetcher: impl TokenFetcher + 'static) -> Result<(), Box<dyn std::error::Error>> {
/// let store = Arc::new(RedisTokenStore::new("redis://127.0.0.1:6379/0")?);
/// let provider = RedisTokenProvider::new(
///     store,
///     Credentials::from_env()?,
///     "https://sdk.faceki.com",
///     fetcher,
/// );
/// let token = provider.token().await?;
/// # let _ = token;
/// # Ok(()) }
/// ```
pub struct RedisTokenProvider<F> {
    inner: CachingTokenProvider<F>,
}

impl<F> std::fmt::Debug for RedisTokenProvider<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("RedisTokenProvider")
            .field(&self.inner)
            .finish()
    }
}

impl<F: TokenFetcher> RedisTokenProvider<F> {
    /// A provider for `credentials` at `base_url`, fetching through `fetcher` when
    /// the fleet needs a new token.
    pub fn new(
        store: Arc<RedisTokenStore>,
        credentials: Credentials,
        base_url: &str,
        fetcher: F,
    ) -> Self {
        let scope = TokenScope::new(base_url, credentials.client_id());
        Self {
            inner: CachingTokenProvider::new(credentials, fetcher).with_store(store, scope),
        }
    }

    /// The caching provider underneath (its policy, variant and store).
    pub fn caching(&self) -> &CachingTokenProvider<F> {
        &self.inner
    }
}

#[async_trait]
impl<F: TokenFetcher> TokenProvider for RedisTokenProvider<F> {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        self.inner.token().await
    }

    fn invalidate(&self, rejected: &AccessToken) {
        self.inner.invalidate(rejected);
    }
}
