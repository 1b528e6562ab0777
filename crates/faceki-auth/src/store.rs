//! [`TokenStore`]: a token shared by many processes (a fleet), behind a
//! transport-agnostic trait. `faceki-auth-redis` implements it over Redis; the
//! [`CachingTokenProvider`](crate::CachingTokenProvider) uses it through
//! [`with_store`](crate::CachingTokenProvider::with_store).
//!
//! The protocol, run by the caching provider inside its own single flight, so a
//! process asks the store at most once at a time:
//!
//! 1. a token the provider saw rejected is dropped from the store, only if the store
//!    still holds that very token ([`TokenStore::invalidate`], compare-and-delete);
//! 2. [`load`](TokenStore::load): a shared token that is not yet due for refresh is
//!    used as is, with no fetch;
//! 3. otherwise [`try_lock`](TokenStore::try_lock): the winner fetches and
//!    [`publish`](TokenStore::publish)es (which also releases its lock); the others
//!    poll [`load`](TokenStore::load) every [`poll_interval`](TokenStore::poll_interval)
//!    until the token appears or the lock is free again (its holder finished without
//!    a token, or died and the lock expired), and then try again;
//! 4. any store error, and a wait longer than [`max_wait`](TokenStore::max_wait),
//!    makes the provider fetch and cache locally: the store is never a single point of
//!    failure.

use std::fmt;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use faceki_types::Secret;

/// Which token a store entry is: the API's base URL and the client id. A store
/// derives its key from these (hashing the client id); the secret is never part of it.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TokenScope {
    base_url: String,
    client_id: String,
}

impl TokenScope {
    /// The scope of tokens for `client_id` at `base_url`.
    pub fn new(base_url: impl Into<String>, client_id: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            client_id: client_id.into(),
        }
    }

    /// The API's base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
}

impl fmt::Debug for TokenScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenScope")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .finish()
    }
}

/// A token as a store keeps it: the bearer token, when it expires and when the fleet
/// refreshes it (wall-clock times, comparable across machines), and how long it lived
/// in all.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredToken {
    token: Secret,
    expires_at: SystemTime,
    refresh_at: SystemTime,
    lifetime: Duration,
}

impl StoredToken {
    /// A token that expires at `expires_at` after a lifetime of `lifetime`, due for
    /// refresh at `refresh_at` (clamped to `expires_at`).
    pub fn new(
        token: impl Into<Secret>,
        expires_at: SystemTime,
        refresh_at: SystemTime,
        lifetime: Duration,
    ) -> Self {
        Self {
            token: token.into(),
            expires_at,
            refresh_at: refresh_at.min(expires_at),
            lifetime,
        }
    }

    /// When the fleet refreshes it: the store drops it then, and every process's copy
    /// is due.
    pub fn refresh_at(&self) -> SystemTime {
        self.refresh_at
    }

    /// Whether it is still usable and not yet due for refresh at `now`.
    pub fn is_fresh(&self, now: SystemTime) -> bool {
        now < self.refresh_at && !self.token.is_blank()
    }

    /// The bearer token (redacted in `Debug`).
    pub fn token(&self) -> &Secret {
        &self.token
    }

    /// When it expires.
    pub fn expires_at(&self) -> SystemTime {
        self.expires_at
    }

    /// Its whole lifetime, as the token endpoint gave it.
    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// How long it stays valid from `now` (zero once expired).
    pub fn remaining(&self, now: SystemTime) -> Duration {
        self.expires_at.duration_since(now).unwrap_or_default()
    }
}

impl fmt::Debug for StoredToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredToken")
            .field("token", &self.token)
            .field("expires_at", &self.expires_at)
            .field("refresh_at", &self.refresh_at)
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

/// Proof of holding a store's fetch lock: released by [`TokenStore::publish`] or
/// [`TokenStore::release`], only if it is still the holder's (a fencing value).
#[derive(Clone, PartialEq, Eq)]
pub struct Lease {
    fence: String,
}

impl Lease {
    /// A lease with this fencing value (random, unique per attempt).
    pub fn new(fence: impl Into<String>) -> Self {
        Self {
            fence: fence.into(),
        }
    }

    /// The fencing value.
    pub fn fence(&self) -> &str {
        &self.fence
    }
}

impl fmt::Debug for Lease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Lease(..)")
    }
}

/// Why a store operation failed. Never holds a token, a password or a URL with
/// credentials.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The store could not be reached, timed out, or is backing off after failures.
    #[error("the token store is unavailable: {0}")]
    Unavailable(String),
    /// The store answered with something unusable.
    #[error("the token store answered with something unusable: {0}")]
    Invalid(String),
}

/// A token shared across processes. Implementations must time out their own
/// operations (a slow store must not slow every call down) and must not print
/// tokens or credentials in `Debug` or errors.
#[async_trait]
pub trait TokenStore: Send + Sync + fmt::Debug {
    /// The shared token for `scope`, if there is one that is not due for refresh.
    /// An entry that does not parse is reported as `Ok(None)` (ignored, never trusted).
    async fn load(&self, scope: &TokenScope) -> Result<Option<StoredToken>, StoreError>;

    /// Tries to take the fetch lock for `scope`: `Some` when this caller won it.
    async fn try_lock(&self, scope: &TokenScope) -> Result<Option<Lease>, StoreError>;

    /// Stores `token` for `scope` (to expire from the store when it is due for
    /// refresh) and releases `lease`.
    async fn publish(
        &self,
        scope: &TokenScope,
        token: &StoredToken,
        lease: Lease,
    ) -> Result<(), StoreError>;

    /// Releases `lease` without storing anything (the fetch failed).
    async fn release(&self, scope: &TokenScope, lease: Lease) -> Result<(), StoreError>;

    /// Extends `lease`'s lock to a full [`lock_ttl`](TokenStore::lock_ttl) if it is
    /// still this holder's (called every third of it while the holder fetches). The
    /// default does nothing, for stores whose locks do not expire.
    async fn renew(&self, scope: &TokenScope, lease: &Lease) -> Result<(), StoreError> {
        let _ = (scope, lease);
        Ok(())
    }

    /// Drops the shared token for `scope` if it is still `rejected`
    /// (compare-and-delete), so that a storm of rejections causes one refresh.
    /// Returns whether it was dropped.
    async fn invalidate(&self, scope: &TokenScope, rejected: &Secret) -> Result<bool, StoreError>;

    /// How long before expiry a shared token of this lifetime is refreshed: one
    /// process refreshes for the whole fleet, so the margin only has to cover one
    /// token call and clock differences. The default is the smaller of 60 s and 2 %
    /// of the lifetime (60 s for Faceki's 1 h tokens, which Faceki asks to be renewed
    /// only once they expire).
    fn refresh_margin(&self, lifetime: Duration) -> Duration {
        (lifetime / 50).min(Duration::from_secs(60))
    }

    /// How often a waiting caller looks for the token the lock holder fetches.
    fn poll_interval(&self) -> Duration {
        Duration::from_millis(25)
    }

    /// How long a fetch lock lives without renewal: a dead holder's lock is free
    /// again after this.
    fn lock_ttl(&self) -> Duration {
        Duration::from_secs(10)
    }

    /// The least a caller waits for another process's fetch before fetching itself.
    /// The provider waits at least the holder's whole fetch budget (twice its fetch
    /// timeout, for the token-variant fallback, plus [`lock_ttl`](TokenStore::lock_ttl)),
    /// since a live holder renews its lock.
    fn max_wait(&self) -> Duration {
        Duration::from_secs(15)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_token_or_the_fence() {
        let stored = StoredToken::new(
            "tok-SECRET-123",
            SystemTime::UNIX_EPOCH,
            SystemTime::UNIX_EPOCH + Duration::from_secs(1),
            Duration::from_secs(3600),
        );
        assert_eq!(
            stored.refresh_at(),
            SystemTime::UNIX_EPOCH,
            "clamped to expiry"
        );
        assert!(!stored.is_fresh(SystemTime::UNIX_EPOCH));
        let lease = Lease::new("fence-XYZ");
        let shown = format!("{stored:?} {stored:#?} {lease:?}");
        assert!(!shown.contains("tok-SECRET-123"), "{shown}");
        assert!(!shown.contains("fence-XYZ"), "{shown}");
        assert_eq!(
            stored.remaining(SystemTime::UNIX_EPOCH),
            Duration::from_secs(0)
        );
    }
}
