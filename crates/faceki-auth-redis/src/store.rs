//! [`RedisTokenStore`]: faceki-auth's [`TokenStore`] over Redis.
//!
//! Every operation is one command or one Lua script (so compare-and-delete is
//! atomic), bounded by [`RedisStoreConfig::op_timeout`]. A failure — Redis down,
//! slow, or answering garbage — drops the connection, records a warning in a tracing
//! event (never the URL's password, never a token), and makes the store answer
//! "unavailable" at once for [`RedisStoreConfig::retry_after`]: the provider fetches
//! and caches locally meanwhile, and the store tries Redis again after that.

use std::fmt;
use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime};

use async_trait::async_trait;
use faceki_auth::{Lease, StoreError, StoredToken, TokenScope, TokenStore};
use faceki_types::Secret;
use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, Script};

use crate::keys::scope_keys;
use crate::url::RedisUrl;
use crate::value::{decode, encode};

/// Settings of a [`RedisTokenStore`]; every field has a documented default.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RedisStoreConfig {
    /// Key prefix; default `faceki:token:v1`.
    pub key_prefix: String,
    /// Limit on connecting and on each command; default 500 ms.
    pub op_timeout: Duration,
    /// How long a fetch lock lives if its holder dies; default 10 s. A live holder
    /// renews it every third of that while it fetches; waiters take over after it
    /// expires.
    pub lock_ttl: Duration,
    /// How often a waiter looks for the holder's token; default 50 ms.
    pub poll_interval: Duration,
    /// How long the store answers "unavailable" without trying Redis after a
    /// failure; default 5 s.
    pub retry_after: Duration,
    /// The longest refresh margin of a shared token; default 60 s (the margin is
    /// the smaller of this and 2 % of the token's lifetime).
    pub max_refresh_margin: Duration,
}

impl Default for RedisStoreConfig {
    fn default() -> Self {
        Self {
            key_prefix: "faceki:token:v1".to_owned(),
            op_timeout: Duration::from_millis(500),
            lock_ttl: Duration::from_secs(10),
            poll_interval: Duration::from_millis(50),
            retry_after: Duration::from_secs(5),
            max_refresh_margin: Duration::from_secs(60),
        }
    }
}

/// Why a [`RedisTokenStore`] could not be built. Shows the URL with its password
/// replaced.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedisStoreError {
    /// The URL is not a usable Redis URL.
    #[error("invalid Redis URL `{url}`: {reason}")]
    InvalidUrl {
        /// The URL, password replaced.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// A token shared by a fleet through Redis (or Valkey). Pass it to
/// `faceki::ClientBuilder::token_store`, or build a provider with
/// [`RedisTokenProvider`](crate::RedisTokenProvider).
///
/// ```no_run
/// use faceki_auth_redis::RedisTokenStore;
///
/// # fn demo() -> Result<(), faceki_auth_redis::RedisStoreError> {
/// let store = RedisTokenStore::new("rediss://faceki:password@cache.internal:6380/0")?;
/// # let _ = store;
/// # Ok(()) }
/// ```
pub struct RedisTokenStore {
    client: redis::Client,
    url: RedisUrl,
    config: RedisStoreConfig,
    connection: tokio::sync::Mutex<Option<MultiplexedConnection>>,
    unavailable_until: Mutex<Option<Instant>>,
    scripts: Scripts,
}

/// The Lua scripts, compiled (hashed) once.
struct Scripts {
    publish: Script,
    release: Script,
    renew: Script,
    invalidate: Script,
}

impl Scripts {
    fn new() -> Self {
        Self {
            // KEYS: token, lock. ARGV: value, ttl ms, fence.
            publish: Script::new(
                "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) \
                 if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end \
                 return 1",
            ),
            // KEYS: lock. ARGV: fence.
            release: Script::new(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then \
                 return redis.call('DEL', KEYS[1]) end return 0",
            ),
            // KEYS: lock. ARGV: fence, ttl ms.
            renew: Script::new(
                "if redis.call('GET', KEYS[1]) == ARGV[1] then \
                 return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
            ),
            // KEYS: token. ARGV: the rejected token. The token is the value's last
            // field, after a space, and holds no spaces.
            invalidate: Script::new(
                "local v = redis.call('GET', KEYS[1]) \
                 if v and string.sub(v, -string.len(ARGV[1]) - 1) == ' ' .. ARGV[1] then \
                 return redis.call('DEL', KEYS[1]) end return 0",
            ),
        }
    }
}

impl RedisTokenStore {
    /// A store at `url` (`redis://`, `rediss://` for TLS; credentials as
    /// `user:password@`), with the default [`RedisStoreConfig`]. Nothing is
    /// connected until the first use.
    pub fn new(url: impl Into<RedisUrl>) -> Result<Self, RedisStoreError> {
        Self::with_config(url, RedisStoreConfig::default())
    }

    /// A store with explicit settings.
    pub fn with_config(
        url: impl Into<RedisUrl>,
        config: RedisStoreConfig,
    ) -> Result<Self, RedisStoreError> {
        let url = url.into();
        let client =
            redis::Client::open(url.expose_secret()).map_err(|e| RedisStoreError::InvalidUrl {
                url: url.to_string(),
                reason: format!("{:?}", e.kind()),
            })?;
        Ok(Self {
            client,
            url,
            config,
            connection: tokio::sync::Mutex::new(None),
            unavailable_until: Mutex::new(None),
            scripts: Scripts::new(),
        })
    }

    /// The URL, password replaced.
    pub fn url(&self) -> &RedisUrl {
        &self.url
    }

    /// The settings.
    pub fn config(&self) -> &RedisStoreConfig {
        &self.config
    }

    /// The keys this store uses for `scope` (to inspect or clear them by hand).
    pub fn keys(&self, scope: &TokenScope) -> crate::ScopeKeys {
        scope_keys(&self.config.key_prefix, scope)
    }

    /// Runs `op` on a connection, within the time limit; on failure drops the
    /// connection and backs off.
    async fn run<T, F, Fut>(&self, what: &'static str, op: F) -> Result<T, StoreError>
    where
        F: FnOnce(MultiplexedConnection) -> Fut,
        Fut: Future<Output = redis::RedisResult<T>>,
    {
        if let Some(until) = *lock(&self.unavailable_until) {
            if Instant::now() < until {
                return Err(StoreError::Unavailable(
                    "backing off after a failure".to_owned(),
                ));
            }
        }
        let limit = self.config.op_timeout;
        let outcome = tokio::time::timeout(limit, async {
            let connection = self.connection().await?;
            op(connection).await
        })
        .await;
        match outcome {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(self.failed(what, describe(&error))),
            Err(_) => Err(self.failed(what, format!("no answer within {limit:?}"))),
        }
    }

    /// A connection, opened if there is none.
    async fn connection(&self) -> redis::RedisResult<MultiplexedConnection> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = slot.as_ref() {
            return Ok(connection.clone());
        }
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(self.config.op_timeout))
            .set_response_timeout(Some(self.config.op_timeout));
        let connection = self
            .client
            .get_multiplexed_async_connection_with_config(&config)
            .await?;
        *slot = Some(connection.clone());
        Ok(connection)
    }

    /// Records a failure: warns, drops the connection, backs off.
    fn failed(&self, what: &'static str, reason: String) -> StoreError {
        tracing::warn!(
            redis = %self.url,
            operation = what,
            %reason,
            retry_in_ms = self.config.retry_after.as_millis() as u64,
            "faceki token store unavailable: fetching tokens locally"
        );
        *lock(&self.unavailable_until) = Some(Instant::now() + self.config.retry_after);
        if let Ok(mut slot) = self.connection.try_lock() {
            *slot = None;
        }
        StoreError::Unavailable(reason)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A Redis error in words that hold no URL, password or value.
fn describe(error: &redis::RedisError) -> String {
    if error.is_timeout() {
        "timed out".to_owned()
    } else if error.is_connection_refusal() {
        "connection refused".to_owned()
    } else if error.is_connection_dropped() {
        "connection dropped".to_owned()
    } else {
        format!("{:?}", error.kind())
    }
}

/// Milliseconds, at least 1 (Redis refuses `PX 0`).
fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

#[async_trait]
impl TokenStore for RedisTokenStore {
    async fn load(&self, scope: &TokenScope) -> Result<Option<StoredToken>, StoreError> {
        let key = self.keys(scope).token;
        let value: Option<Vec<u8>> = self
            .run("load", |mut c| async move {
                redis::cmd("GET").arg(&key).query_async(&mut c).await
            })
            .await?;
        let Some(value) = value else { return Ok(None) };
        match decode(&value) {
            Some(token) => Ok(Some(token)),
            None => {
                tracing::warn!(
                    redis = %self.url,
                    "faceki token store: ignoring a shared token that does not parse"
                );
                Ok(None)
            }
        }
    }

    async fn try_lock(&self, scope: &TokenScope) -> Result<Option<Lease>, StoreError> {
        let key = self.keys(scope).lock;
        let fence = format!("{:016x}{:016x}", fastrand::u64(..), fastrand::u64(..));
        let ttl = millis(self.config.lock_ttl);
        let value = fence.clone();
        let won: Option<String> = self
            .run("lock", |mut c| async move {
                redis::cmd("SET")
                    .arg(&key)
                    .arg(&value)
                    .arg("NX")
                    .arg("PX")
                    .arg(ttl)
                    .query_async(&mut c)
                    .await
            })
            .await?;
        Ok(won.map(|_| Lease::new(fence)))
    }

    async fn publish(
        &self,
        scope: &TokenScope,
        token: &StoredToken,
        lease: Lease,
    ) -> Result<(), StoreError> {
        let Some(value) = encode(token) else {
            self.release(scope, lease).await?;
            return Err(StoreError::Invalid(
                "the token cannot be stored (empty, or with spaces or control characters)"
                    .to_owned(),
            ));
        };
        let remaining = token
            .refresh_at()
            .duration_since(SystemTime::now())
            .unwrap_or_default();
        if remaining.is_zero() {
            return self.release(scope, lease).await;
        }
        let keys = self.keys(scope);
        let script = &self.scripts.publish;
        let ttl = millis(remaining);
        self.run("publish", |mut c| async move {
            script
                .key(&keys.token)
                .key(&keys.lock)
                .arg(value)
                .arg(ttl)
                .arg(lease.fence())
                .invoke_async::<i64>(&mut c)
                .await
        })
        .await
        .map(drop)
    }

    async fn release(&self, scope: &TokenScope, lease: Lease) -> Result<(), StoreError> {
        let key = self.keys(scope).lock;
        let script = &self.scripts.release;
        self.run("release", |mut c| async move {
            script
                .key(&key)
                .arg(lease.fence())
                .invoke_async::<i64>(&mut c)
                .await
        })
        .await
        .map(drop)
    }

    async fn renew(&self, scope: &TokenScope, lease: &Lease) -> Result<(), StoreError> {
        let key = self.keys(scope).lock;
        let script = &self.scripts.renew;
        let ttl = millis(self.config.lock_ttl);
        self.run("renew", |mut c| async move {
            script
                .key(&key)
                .arg(lease.fence())
                .arg(ttl)
                .invoke_async::<i64>(&mut c)
                .await
        })
        .await
        .map(drop)
    }

    async fn invalidate(&self, scope: &TokenScope, rejected: &Secret) -> Result<bool, StoreError> {
        let key = self.keys(scope).token;
        let script = &self.scripts.invalidate;
        let token = rejected.expose_secret().to_owned();
        let deleted: i64 = self
            .run("invalidate", |mut c| async move {
                script.key(&key).arg(token).invoke_async(&mut c).await
            })
            .await?;
        Ok(deleted > 0)
    }

    fn refresh_margin(&self, lifetime: Duration) -> Duration {
        (lifetime / 50).min(self.config.max_refresh_margin)
    }

    fn poll_interval(&self) -> Duration {
        self.config.poll_interval
    }

    fn lock_ttl(&self) -> Duration {
        self.config.lock_ttl
    }

    fn max_wait(&self) -> Duration {
        // A dead holder's lock expires after `lock_ttl`; one more poll and a fetch
        // by the next holder fit in the second half. (The provider waits longer for a
        // live holder, which renews its lock.)
        self.config.lock_ttl * 3 / 2
    }
}

impl fmt::Debug for RedisTokenStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisTokenStore")
            .field("url", &self.url)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}
