//! [`StaticTokenProvider`]: a token managed by the caller.

use async_trait::async_trait;
use faceki_types::Secret;
use tokio::time::Instant;

use crate::error::AuthError;
use crate::provider::TokenProvider;
use crate::token::AccessToken;

/// Always returns the same token, for users who obtain and refresh tokens themselves.
///
/// It cannot refresh: [`invalidate`](TokenProvider::invalidate) does nothing, and a
/// token with a known expiry is still returned after it — the server will answer 401
/// and the caller sees that error. Create a new client (or provider) with a new token
/// instead. `Debug` never shows the token.
///
/// ```
/// use faceki_auth::StaticTokenProvider;
///
/// let provider = StaticTokenProvider::new("eyJ-my-token");
/// assert!(!format!("{provider:?}").contains("eyJ"));
/// ```
#[derive(Debug, Clone)]
pub struct StaticTokenProvider {
    token: AccessToken,
}

impl StaticTokenProvider {
    /// A provider of `token`, with no known expiry.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: AccessToken::new(token, None),
        }
    }

    /// A provider of `token`, which expires at `expires_at` (reported through
    /// [`AccessToken::expires_at`]; not enforced).
    pub fn with_expiry(token: impl Into<Secret>, expires_at: Instant) -> Self {
        Self {
            token: AccessToken::new(token, Some(expires_at)),
        }
    }
}

impl From<AccessToken> for StaticTokenProvider {
    fn from(token: AccessToken) -> Self {
        Self { token }
    }
}

#[async_trait]
impl TokenProvider for StaticTokenProvider {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        if self.token.secret().is_blank() {
            return Err(AuthError::invalid_credentials(
                "the static access token is empty",
            ));
        }
        Ok(self.token.clone())
    }

    fn invalidate(&self, _rejected: &AccessToken) {}
}
