//! One Faceki token per lifetime for a whole fleet: faceki-auth's
//! [`TokenStore`](faceki_auth::TokenStore) over Redis (or Valkey).
//!
//! Faceki asks that tokens be renewed only once they expire, and bills extra for
//! high token volumes; a per-process cache still fetches one token per process. With
//! [`RedisTokenStore`], every process that uses the same Redis, base URL and client
//! id shares one token:
//!
//! ```no_run
//! use faceki_auth_redis::RedisTokenStore;
//!
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = faceki_http::Client::builder()
//!     .credentials("client-id", "client-secret")
//!     .token_store(RedisTokenStore::new("rediss://faceki:password@cache.internal:6380/0")?)
//!     .build()?;
//! # let _ = client;
//! # Ok(()) }
//! ```
//!
//! - **Keys**: `faceki:token:v1:<sha1(base URL, client id)>` holds
//!   `v1 <expires_at_ms> <refresh_at_ms> <lifetime_ms> <token>`, expiring from Redis
//!   when the fleet refreshes it (its remaining lifetime minus the refresh margin, the
//!   smaller of 60 s and 2 % of its lifetime); `…:lock` is the fetch lock. The secret
//!   is never part of a key or value.
//! - **Fleet-wide single flight**: when the shared token is missing or due, one
//!   process wins the lock (`SET … NX PX` with a random fencing value, released by a
//!   compare-and-delete script) and fetches; the others poll for its token every
//!   50 ms (bounded polling, chosen over pub/sub: no second connection, and a lost
//!   message cannot strand a waiter). The holder renews its lock every third of its
//!   10 s while it fetches, and releases it even if its caller is cancelled. The
//!   others fetch themselves only if the holder dies (its lock then expires within
//!   10 s) or the wait passes the holder's whole fetch budget (twice the fetch
//!   timeout plus the lock's life: 70 s by default).
//! - **Invalidation**: a token rejected in one process is deleted from Redis only if
//!   it is still the stored one (compare-and-delete), so 40 rejections cause one
//!   refresh.
//! - **Never a single point of failure**: each Redis operation is limited to 500 ms;
//!   a failure (down, slow, garbage) is a tracing warning, and the process fetches
//!   and caches locally, trying Redis again 5 s later. A stored value that does not
//!   parse is ignored.
//! - **A warm call never touches Redis**: each process keeps its copy in memory.
//!
//! # Security
//!
//! The stored token is a bearer credential: protect the Redis instance as you
//! protect the service's own secrets (network access, AUTH/ACL, TLS). Use
//! `rediss://` for TLS and `redis://user:password@host` for AUTH/ACL credentials;
//! [`RedisUrl`] shows the URL with its password replaced in every `Debug`, `Display`
//! and error. The value is not encrypted in Redis (anyone who can read the key can
//! use the token until it expires).
//!
//! Requires a tokio runtime. Tests start their own `redis-server` on a free
//! loopback port.

mod keys;
mod provider;
mod store;
mod url;
mod value;

pub use keys::{ScopeKeys, scope_keys};
pub use provider::RedisTokenProvider;
pub use store::{RedisStoreConfig, RedisStoreError, RedisTokenStore};
pub use url::RedisUrl;
