//! The store protocol of `CachingTokenProvider::with_store`, against an in-memory
//! store that behaves like a shared one (a lock with expiry, compare-and-delete) and
//! can be switched off: fleet-wide single flight, one refresh for a storm of
//! rejections, a dead lock holder taken over, and local fetching when the store fails.
//! Redis itself is tested in `faceki-auth-redis`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use faceki_auth::{
    CachingTokenProvider, Credentials, Lease, StoreError, StoredToken, TokenProvider, TokenScope,
    TokenStore, async_trait,
};
use faceki_types::Secret;
use fake::FakeFetcher;

#[derive(Debug, Default)]
struct Memory {
    token: Option<StoredToken>,
    lock: Option<(String, Instant)>,
}

/// A shared store in memory: what Redis does for the fleet, minus the network.
#[derive(Debug)]
struct MemoryStore {
    state: Mutex<Memory>,
    down: AtomicBool,
    lock_ttl: Duration,
    fences: AtomicUsize,
    /// When set, the lock holder "dies": its publish and release are lost.
    holder_dies: AtomicBool,
}

impl MemoryStore {
    fn new(lock_ttl: Duration) -> Arc<Self> {
        Arc::new(Self {
            state: Mutex::default(),
            down: AtomicBool::new(false),
            lock_ttl,
            fences: AtomicUsize::new(0),
            holder_dies: AtomicBool::new(false),
        })
    }

    fn check(&self) -> Result<(), StoreError> {
        if self.down.load(Ordering::SeqCst) {
            Err(StoreError::Unavailable("switched off by the test".into()))
        } else {
            Ok(())
        }
    }
}

#[async_trait]
impl TokenStore for MemoryStore {
    async fn load(&self, _: &TokenScope) -> Result<Option<StoredToken>, StoreError> {
        self.check()?;
        Ok(self.state.lock().unwrap().token.clone())
    }

    async fn try_lock(&self, _: &TokenScope) -> Result<Option<Lease>, StoreError> {
        self.check()?;
        let mut st = self.state.lock().unwrap();
        let now = Instant::now();
        if st.lock.as_ref().is_some_and(|(_, until)| now < *until) {
            return Ok(None);
        }
        let fence = format!("fence-{}", self.fences.fetch_add(1, Ordering::SeqCst));
        st.lock = Some((fence.clone(), now + self.lock_ttl));
        Ok(Some(Lease::new(fence)))
    }

    async fn publish(
        &self,
        _: &TokenScope,
        token: &StoredToken,
        lease: Lease,
    ) -> Result<(), StoreError> {
        self.check()?;
        if self.holder_dies.swap(false, Ordering::SeqCst) {
            return Err(StoreError::Unavailable("the holder died".into()));
        }
        let mut st = self.state.lock().unwrap();
        st.token = Some(token.clone());
        if st.lock.as_ref().is_some_and(|(f, _)| f == lease.fence()) {
            st.lock = None;
        }
        Ok(())
    }

    async fn release(&self, _: &TokenScope, lease: Lease) -> Result<(), StoreError> {
        self.check()?;
        let mut st = self.state.lock().unwrap();
        if st.lock.as_ref().is_some_and(|(f, _)| f == lease.fence()) {
            st.lock = None;
        }
        Ok(())
    }

    async fn invalidate(&self, _: &TokenScope, rejected: &Secret) -> Result<bool, StoreError> {
        self.check()?;
        let mut st = self.state.lock().unwrap();
        if st.token.as_ref().is_some_and(|t| t.token() == rejected) {
            st.token = None;
            return Ok(true);
        }
        Ok(false)
    }

    fn poll_interval(&self) -> Duration {
        Duration::from_millis(2)
    }

    fn max_wait(&self) -> Duration {
        self.lock_ttl * 3
    }
}

fn fleet(
    n: usize,
    store: &Arc<MemoryStore>,
    fetcher: &Arc<FakeFetcher>,
) -> Vec<Arc<CachingTokenProvider<Arc<FakeFetcher>>>> {
    (0..n)
        .map(|_| {
            Arc::new(
                CachingTokenProvider::new(
                    Credentials::new("fleet-id", "fleet-secret"),
                    Arc::clone(fetcher),
                )
                .with_store(
                    store.clone(),
                    TokenScope::new("https://sdk.faceki.com", "fleet-id"),
                ),
            )
        })
        .collect()
}

async fn all_tokens(providers: &[Arc<CachingTokenProvider<Arc<FakeFetcher>>>]) -> Vec<String> {
    let mut set = tokio::task::JoinSet::new();
    for p in providers {
        let p = Arc::clone(p);
        set.spawn(async move { p.token().await.unwrap().expose_secret().to_owned() });
    }
    let mut tokens = Vec::new();
    while let Some(t) = set.join_next().await {
        tokens.push(t.unwrap());
    }
    tokens
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cold_fleet_fetches_once_and_a_warm_copy_asks_nothing() {
    let store = MemoryStore::new(Duration::from_secs(2));
    let fetcher = Arc::new(FakeFetcher::tokens(Duration::from_millis(30), Some(3600)));
    let providers = fleet(32, &store, &fetcher);
    let tokens = all_tokens(&providers).await;
    assert_eq!(fetcher.calls(), 1, "one fetch for the whole fleet");
    assert!(tokens.iter().all(|t| t == "token-0"));
    // Warm copies: the store is not asked (switching it off changes nothing).
    store.down.store(true, Ordering::SeqCst);
    all_tokens(&providers).await;
    assert_eq!(fetcher.calls(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_rejections_causes_one_refresh() {
    let store = MemoryStore::new(Duration::from_secs(2));
    let fetcher = Arc::new(FakeFetcher::tokens(Duration::from_millis(10), Some(3600)));
    let providers = fleet(32, &store, &fetcher);
    all_tokens(&providers).await;
    for p in &providers {
        let token = p.token().await.unwrap();
        p.invalidate(&token);
    }
    let tokens = all_tokens(&providers).await;
    assert_eq!(fetcher.calls(), 2, "one refresh for 32 rejections");
    assert!(tokens.iter().all(|t| t == "token-1"), "{tokens:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_lock_holder_is_taken_over_after_the_lock_expires() {
    let lock_ttl = Duration::from_millis(300);
    let store = MemoryStore::new(lock_ttl);
    // The first holder fetches, then dies before publishing or releasing.
    store.holder_dies.store(true, Ordering::SeqCst);
    let fetcher = Arc::new(FakeFetcher::tokens(Duration::from_millis(10), Some(3600)));
    let first = fleet(1, &store, &fetcher);
    first[0].token().await.unwrap();
    let others = fleet(8, &store, &fetcher);
    let started = Instant::now();
    let tokens = all_tokens(&others).await;
    let waited = started.elapsed();
    assert_eq!(fetcher.calls(), 2, "one takeover fetch, not eight");
    assert!(tokens.iter().all(|t| t == "token-1"), "{tokens:?}");
    assert!(
        waited < lock_ttl * 3 + Duration::from_millis(500),
        "bounded wait: {waited:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_store_means_local_fetches_and_sharing_resumes_after() {
    let store = MemoryStore::new(Duration::from_secs(2));
    store.down.store(true, Ordering::SeqCst);
    let fetcher = Arc::new(FakeFetcher::tokens(Duration::ZERO, Some(3600)));
    let providers = fleet(4, &store, &fetcher);
    all_tokens(&providers).await;
    assert_eq!(
        fetcher.calls(),
        4,
        "each process on its own while the store is down"
    );
    store.down.store(false, Ordering::SeqCst);
    let later = fleet(4, &store, &fetcher);
    all_tokens(&later).await;
    assert_eq!(
        fetcher.calls(),
        5,
        "shared again: one fetch for the new four"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_token_due_for_refresh_is_not_used() {
    let store = MemoryStore::new(Duration::from_secs(2));
    let now = SystemTime::now();
    store.state.lock().unwrap().token = Some(StoredToken::new(
        "stale-token",
        now + Duration::from_secs(30),
        now - Duration::from_secs(1),
        Duration::from_secs(3600),
    ));
    let fetcher = Arc::new(FakeFetcher::tokens(Duration::ZERO, Some(3600)));
    let providers = fleet(1, &store, &fetcher);
    let token = providers[0].token().await.unwrap();
    assert_eq!(token.expose_secret(), "token-0");
    assert_eq!(fetcher.calls(), 1);
}
