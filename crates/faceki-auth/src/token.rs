//! [`AccessToken`]: a bearer token and when it expires.

use std::fmt;
use std::time::Duration;

use faceki_types::Secret;
use tokio::time::Instant;

/// A bearer token and the moment it expires.
///
/// `Debug` never shows the token and there is no `Display`; the value is reachable only
/// through [`AccessToken::expose_secret`]. Expiry is an instant on tokio's monotonic
/// clock (so it follows paused time in tests), or `None` for a token whose lifetime is
/// managed elsewhere ([`StaticTokenProvider`](crate::StaticTokenProvider)).
///
/// ```
/// use faceki_auth::AccessToken;
///
/// let token = AccessToken::new("eyJhbGciOi.secret.jwt", None);
/// assert_eq!(token.expose_secret(), "eyJhbGciOi.secret.jwt");
/// assert!(!format!("{token:?}").contains("eyJ"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken {
    value: Secret,
    expires_at: Option<Instant>,
    /// Which token of its provider this is; `invalidate` compares it so that a late
    /// report about an older token cannot discard a newer one. 0 outside a cache.
    generation: u64,
}

impl AccessToken {
    /// A token that expires at `expires_at` (`None`: unknown, never expires here).
    pub fn new(value: impl Into<Secret>, expires_at: Option<Instant>) -> Self {
        Self {
            value: value.into(),
            expires_at,
            generation: 0,
        }
    }

    pub(crate) fn with_generation(mut self, generation: u64) -> Self {
        self.generation = generation;
        self
    }

    /// The token itself, for the `Authorization: Bearer` header. Never log it.
    pub fn expose_secret(&self) -> &str {
        self.value.expose_secret()
    }

    /// The token, still redacted.
    pub fn secret(&self) -> &Secret {
        &self.value
    }

    /// When the token expires, if known.
    pub fn expires_at(&self) -> Option<Instant> {
        self.expires_at
    }

    /// How long the token stays valid from now (`None`: no known expiry; zero when
    /// already expired).
    pub fn remaining(&self) -> Option<Duration> {
        self.expires_at
            .map(|at| at.saturating_duration_since(Instant::now()))
    }

    /// Whether the token has expired at `now`. A token without expiry never has.
    pub fn is_expired_at(&self, now: Instant) -> bool {
        self.expires_at.is_some_and(|at| now >= at)
    }

    /// Whether the token has expired.
    pub fn is_expired(&self) -> bool {
        self.is_expired_at(Instant::now())
    }

    /// Which token of its provider this is (0 for tokens made outside a cache). A
    /// [`CachingTokenProvider`](crate::CachingTokenProvider) numbers its tokens 1, 2, …
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &format_args!("[redacted]"))
            .field("expires_in", &self.remaining())
            .field("generation", &self.generation)
            .finish()
    }
}
