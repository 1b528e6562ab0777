//! [`CachingTokenProvider`]: fetches a token once per lifetime, single-flight, and
//! refreshes it ahead of expiry.
//!
//! How it works. One mutex guards the state: the current token with its two deadlines
//! (`refresh_at`, from which a new token is fetched, and `usable_until`, after which
//! the old one is never handed out), the fetch in flight if any, and the back-off after
//! failed refreshes. The mutex is never held across an `.await`.
//!
//! A fetch in flight is a shared `OnceCell`: every caller that needs a new token awaits
//! the same cell, so one fetch serves them all, and its result (token or error) is
//! cloned to each. If the caller driving the fetch is cancelled, the next waiter takes
//! over (that is how `OnceCell::get_or_init` works), so a dropped future never leaves
//! the others hanging.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use faceki_types::model::TokenResponse;
use faceki_types::{TokenRequestVariant, token_request};
use tokio::sync::OnceCell;
use tokio::time::Instant;

use crate::credentials::Credentials;
use crate::error::AuthError;
use crate::fetcher::TokenFetcher;
use crate::policy::RefreshPolicy;
use crate::provider::TokenProvider;
use crate::store::{Lease, StoredToken, TokenScope, TokenStore};
use crate::token::AccessToken;
use faceki_types::Secret;
use std::time::SystemTime;

type FlightResult = Result<AccessToken, AuthError>;
type Flight = Arc<OnceCell<FlightResult>>;

/// A [`TokenProvider`] that fetches tokens through a [`TokenFetcher`] and caches them.
///
/// - **Single-flight**: however many callers find the cache empty or due for refresh,
///   one fetch runs and all of them get its result — the same token, or the same
///   error.
/// - **Refresh ahead**: a token's expiry is measured on tokio's monotonic clock from the
///   moment its request was sent. It is refreshed a margin before expiry (the smaller of
///   5 minutes and 10 % of its lifetime, plus up to 20 % of that at random); while one
///   caller refreshes, the others keep getting the current token.
/// - **Failures**: a failed refresh while the current token is still comfortably valid
///   keeps serving it and tries again after a back-off (1 s doubling up to 30 s); a
///   token is never handed out in the last half of its margin. Errors are not cached:
///   once no usable token is left, every new call tries again.
/// - **Invalidation** after a 401 discards the token only if it is still the current
///   one, so a late report cannot throw away a newer token.
/// - **Timeout**: each fetch is limited to [`RefreshPolicy::fetch_timeout`] (30 s).
///
/// See [`RefreshPolicy`] for every default. Requires a tokio runtime with the time
/// driver enabled. `Debug` shows the client id and the cache state, never the secret or
/// the token.
///
/// ```no_run
/// use faceki_auth::{CachingTokenProvider, Credentials, SharedTokenProvider, TokenFetcher};
/// use faceki_types::TokenRequestVariant;
///
/// # async fn demo(fetcher: impl TokenFetcher + 'static) -> Result<(), faceki_auth::AuthError> {
/// let provider = CachingTokenProvider::new(Credentials::from_env()?, fetcher)
///     .with_variant(TokenRequestVariant::JsonPost);
/// let shared = SharedTokenProvider::new(provider);
/// let token = shared.token().await?;
/// # let _ = token;
/// # Ok(()) }
/// ```
pub struct CachingTokenProvider<F> {
    fetcher: F,
    credentials: Credentials,
    variant: TokenRequestVariant,
    /// Set once the configured variant got HTTP 404/405 and the other one is used for
    /// the provider's lifetime.
    switched: AtomicBool,
    policy: RefreshPolicy,
    /// A token shared with other processes, when configured.
    store: Option<(Arc<dyn TokenStore>, TokenScope)>,
    state: Mutex<State>,
}

/// The cached token and its deadlines.
struct Cached {
    token: AccessToken,
    refresh_at: Instant,
    usable_until: Instant,
}

#[derive(Default)]
struct State {
    current: Option<Cached>,
    flight: Option<Flight>,
    /// Whether some caller is running the fetch of `flight` right now.
    driving: bool,
    /// Consecutive failed fetches.
    failures: u32,
    /// No refresh before this instant (back-off after a failed refresh).
    retry_at: Option<Instant>,
    /// The generation of the last token stored.
    generation: u64,
    /// A token this process saw rejected, to drop from the shared store (if it still
    /// holds it) at the next fetch.
    rejected: Option<Secret>,
}

/// What a caller should do, decided under the lock.
enum Plan {
    Serve(AccessToken),
    Await(Flight),
}

impl<F: TokenFetcher> CachingTokenProvider<F> {
    /// A provider for `credentials` that fetches through `fetcher`, with token variant
    /// B (`POST /auth/api/generate-token`, the credentials in a JSON body) and the
    /// default [`RefreshPolicy`].
    pub fn new(credentials: Credentials, fetcher: F) -> Self {
        Self {
            fetcher,
            credentials,
            variant: TokenRequestVariant::default(),
            switched: AtomicBool::new(false),
            policy: RefreshPolicy::default(),
            store: None,
            state: Mutex::new(State::default()),
        }
    }

    /// Chooses the form of the token call (variant A is
    /// `GET /auth/api/access-token` with the credentials in the query, where proxies
    /// and access logs may record them). When the server answers HTTP 404 or 405 to
    /// the chosen variant, the provider tries the other one once and keeps it.
    pub fn with_variant(mut self, variant: TokenRequestVariant) -> Self {
        self.variant = variant;
        self.switched = AtomicBool::new(false);
        self
    }

    /// Shares the token with other processes through `store` (for example
    /// `faceki-auth-redis`), under `scope` (the API's base URL and this client id).
    ///
    /// The provider keeps its own copy in front: with a warm copy a call costs what it
    /// costs without a store. Only when the copy is due does the provider's single
    /// flight ask the store: a fresh shared token is taken as is; otherwise one
    /// process in the fleet wins the store's lock and fetches, and the others wait for
    /// its token. Any store failure makes the provider fetch and cache locally (see
    /// [`TokenStore`]).
    pub fn with_store(mut self, store: Arc<dyn TokenStore>, scope: TokenScope) -> Self {
        self.store = Some((store, scope));
        self
    }

    /// The shared store and scope, when configured.
    pub fn store(&self) -> Option<(&dyn TokenStore, &TokenScope)> {
        self.store.as_ref().map(|(s, scope)| (&**s, scope))
    }

    /// Replaces the refresh policy.
    pub fn with_policy(mut self, policy: RefreshPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The credentials used.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The form of the token call in use: the configured one, or the other one after
    /// the server answered 404/405 to it.
    pub fn variant(&self) -> TokenRequestVariant {
        if self.switched.load(Ordering::Relaxed) {
            other_variant(self.variant)
        } else {
            self.variant
        }
    }

    /// One token call with the variant in use; on a 404/405 to the configured variant,
    /// one more with the other variant, which is then kept.
    async fn fetch_once(&self) -> Result<TokenResponse, AuthError> {
        let first = self.variant();
        let outcome = self.fetch_with(first).await;
        match outcome {
            Err(err) if err.is_no_such_route() && first == self.variant => {
                let other = other_variant(first);
                let retried = self.fetch_with(other).await;
                if retried.is_ok() {
                    self.switched.store(true, Ordering::Relaxed);
                }
                retried
            }
            other => other,
        }
    }

    async fn fetch_with(&self, variant: TokenRequestVariant) -> Result<TokenResponse, AuthError> {
        match token_request(
            variant,
            self.credentials.client_id(),
            self.credentials.client_secret(),
        ) {
            Err(err) => Err(AuthError::from(err)),
            Ok(request) => {
                let limit = self.policy.fetch_timeout;
                match tokio::time::timeout(limit, self.fetcher.fetch(request)).await {
                    Ok(result) => result,
                    Err(_elapsed) => Err(AuthError::timeout(Some(limit))),
                }
            }
        }
    }

    /// The refresh policy.
    pub fn policy(&self) -> &RefreshPolicy {
        &self.policy
    }

    /// The fetcher.
    pub fn fetcher(&self) -> &F {
        &self.fetcher
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // The state stays consistent at every point a panic could occur, so a
        // poisoned lock is safe to reuse.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn plan(&self) -> Plan {
        let mut st = self.lock();
        let now = Instant::now();
        if let Some(cached) = &st.current {
            if now < cached.refresh_at {
                return Plan::Serve(cached.token.clone());
            }
            if now < cached.usable_until {
                let backing_off = st.retry_at.is_some_and(|at| now < at);
                let someone_refreshing = st.flight.is_some() && st.driving;
                if backing_off || someone_refreshing {
                    return Plan::Serve(cached.token.clone());
                }
            }
        }
        Plan::Await(
            st.flight
                .get_or_insert_with(|| Arc::new(OnceCell::new()))
                .clone(),
        )
    }

    /// Runs one fetch and records its outcome. Called through the flight's
    /// `get_or_init`, so at most one runs per flight at a time.
    async fn run_flight(&self, flight: &Flight) -> FlightResult {
        let _driving = DrivingGuard::start(self);
        let secret = self.credentials.client_secret();
        let sent = Instant::now();
        let outcome = match &self.store {
            None => self
                .fetch_once()
                .await
                .and_then(check_response)
                .map(Obtained::Fetched),
            Some((store, scope)) => {
                let rejected = self.lock().rejected.take();
                self.through_store(store, scope, rejected)
                    .await
                    .map(Obtained::Shared)
            }
        };
        let outcome = outcome.map_err(|err| err.scrub(secret.expose_secret()));

        let mut st = self.lock();
        if st.flight.as_ref().is_some_and(|f| Arc::ptr_eq(f, flight)) {
            st.flight = None;
        }
        let now = Instant::now();
        match outcome {
            Ok(obtained) => {
                st.generation += 1;
                let cached = match obtained {
                    Obtained::Fetched(response) => self.cache_entry(response, sent, st.generation),
                    Obtained::Shared(stored) => shared_entry(&stored, st.generation),
                };
                let token = cached.token.clone();
                st.current = Some(cached);
                st.failures = 0;
                st.retry_at = None;
                Ok(token)
            }
            Err(err) => {
                st.failures = st.failures.saturating_add(1);
                let still_usable = st.current.as_ref().is_some_and(|c| now < c.usable_until);
                st.retry_at = still_usable.then(|| now + self.policy.backoff(st.failures));
                Err(err)
            }
        }
    }

    fn cache_entry(&self, response: TokenResponse, sent: Instant, generation: u64) -> Cached {
        let policy = &self.policy;
        let lifetime = policy.lifetime(response.expires_in);
        let margin = policy.margin(lifetime);
        let jitter = random_up_to(policy.max_jitter(margin));
        let expires_at = sent + lifetime;
        let refresh_at = expires_at.checked_sub(margin + jitter).unwrap_or(sent);
        let usable_until = expires_at.checked_sub(policy.floor(margin)).unwrap_or(sent);
        Cached {
            token: AccessToken::new(response.access_token, Some(expires_at))
                .with_generation(generation),
            refresh_at,
            usable_until,
        }
    }
}

/// What a flight obtained: a token fetched here (timed from `sent`), or one shared
/// through the store (timed by its wall-clock deadlines).
enum Obtained {
    Fetched(TokenResponse),
    Shared(StoredToken),
}

impl<F: TokenFetcher> CachingTokenProvider<F> {
    /// The store protocol (see [`TokenStore`]): drop a rejected token, take a fresh
    /// shared one, or fetch under the store's lock, or wait for the process that
    /// holds it; fetch locally when the store fails or the wait runs out.
    async fn through_store(
        &self,
        store: &Arc<dyn TokenStore>,
        scope: &TokenScope,
        rejected: Option<Secret>,
    ) -> Result<StoredToken, AuthError> {
        if let Some(rejected) = rejected {
            if store.invalidate(scope, &rejected).await.is_err() {
                // Try the compare-and-delete again at the next fetch.
                self.lock().rejected = Some(rejected);
                return self.fetch_stored(&**store).await;
            }
        }
        // A live holder renews its lock for as long as its fetch may take (two
        // variants, each within the fetch timeout); only past that, or when the lock
        // expires because the holder died, does a waiter stop waiting.
        let wait_limit = store
            .max_wait()
            .max(self.policy.fetch_timeout * 2 + store.lock_ttl());
        let waiting_since = Instant::now();
        loop {
            match store.load(scope).await {
                Ok(Some(token)) if self.trustworthy(&token) => return Ok(token),
                Ok(_) => {}
                Err(_) => return self.fetch_stored(&**store).await,
            }
            match store.try_lock(scope).await {
                Ok(Some(lease)) => return self.fetch_holding(store, scope, lease).await,
                Ok(None) if waiting_since.elapsed() < wait_limit => {
                    tokio::time::sleep(store.poll_interval()).await;
                }
                Ok(None) | Err(_) => return self.fetch_stored(&**store).await,
            }
        }
    }

    /// Holding the fleet's lock: fetch (renewing the lock meanwhile), publish. The
    /// lease is released however this ends, cancellation included.
    async fn fetch_holding(
        &self,
        store: &Arc<dyn TokenStore>,
        scope: &TokenScope,
        lease: Lease,
    ) -> Result<StoredToken, AuthError> {
        let mut guard = LeaseGuard {
            store: Arc::clone(store),
            scope: scope.clone(),
            lease: Some(lease.clone()),
        };
        // Someone may have published between the load and the lock.
        if let Ok(Some(token)) = store.load(scope).await {
            if self.trustworthy(&token) {
                if let Some(lease) = guard.lease.take() {
                    let _ = store.release(scope, lease).await;
                }
                return Ok(token);
            }
        }
        let renew = async {
            loop {
                tokio::time::sleep(store.lock_ttl() / 3).await;
                let _ = store.renew(scope, &lease).await;
            }
        };
        let fetched = tokio::select! {
            fetched = self.fetch_stored(&**store) => fetched,
            never = renew => match never {},
        };
        if let Some(lease) = guard.lease.take() {
            // A failed publish or release only costs the fleet a fetch: the lock
            // expires, and the token is cached here either way.
            let _ = match &fetched {
                Ok(token) => store.publish(scope, token, lease).await,
                Err(_) => store.release(scope, lease).await,
            };
        }
        fetched
    }

    /// Whether a shared token can be used: fresh, and with deadlines that fit its
    /// lifetime (a writer with a wrong clock, or a tampered value, is not trusted).
    fn trustworthy(&self, token: &StoredToken) -> bool {
        let now = SystemTime::now();
        let plausible_end = now + token.lifetime() + Duration::from_secs(60);
        token.is_fresh(now)
            && token.expires_at() <= plausible_end
            && token.lifetime() <= self.policy.max_lifetime
    }

    /// Fetches a token here and describes it as the store keeps it.
    async fn fetch_stored(&self, store: &dyn TokenStore) -> Result<StoredToken, AuthError> {
        let sent = SystemTime::now();
        let response = self.fetch_once().await.and_then(check_response)?;
        let lifetime = self.policy.lifetime(response.expires_in);
        let expires_at = sent + lifetime;
        let refresh_at = expires_at
            .checked_sub(store.refresh_margin(lifetime))
            .unwrap_or(sent);
        Ok(StoredToken::new(
            response.access_token,
            expires_at,
            refresh_at,
            lifetime,
        ))
    }
}

/// Releases a lease whose holder was cancelled before it could (a dropped caller
/// future): the fleet must not wait for the lock to expire.
struct LeaseGuard {
    store: Arc<dyn TokenStore>,
    scope: TokenScope,
    lease: Option<Lease>,
}

impl Drop for LeaseGuard {
    fn drop(&mut self) {
        let Some(lease) = self.lease.take() else {
            return;
        };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let store = Arc::clone(&self.store);
            let scope = self.scope.clone();
            runtime.spawn(async move {
                let _ = store.release(&scope, lease).await;
            });
        }
    }
}

/// The cache entry of a shared token: due when the fleet refreshes it, served until
/// halfway between that moment and its expiry.
fn shared_entry(stored: &StoredToken, generation: u64) -> Cached {
    let now = Instant::now();
    let wall = SystemTime::now();
    let expires_at = now + stored.remaining(wall);
    let refresh_at = now + stored.refresh_at().duration_since(wall).unwrap_or_default();
    let usable_until = refresh_at + (expires_at - refresh_at) / 2;
    Cached {
        token: AccessToken::new(stored.token().clone(), Some(expires_at))
            .with_generation(generation),
        refresh_at,
        usable_until,
    }
}

/// Refuses a "successful" response without a token.
fn check_response(response: TokenResponse) -> Result<TokenResponse, AuthError> {
    if response.access_token.is_blank() {
        return Err(AuthError::invalid_response("the access token is empty"));
    }
    Ok(response)
}

fn random_up_to(max: Duration) -> Duration {
    let max_nanos = u64::try_from(max.as_nanos()).unwrap_or(u64::MAX);
    if max_nanos == 0 {
        return Duration::ZERO;
    }
    Duration::from_nanos(fastrand::u64(0..=max_nanos))
}

/// Marks the flight as being driven, and unmarks it however the fetch ends
/// (including cancellation, when the next waiter takes over).
struct DrivingGuard<'a> {
    state: &'a Mutex<State>,
}

impl<'a> DrivingGuard<'a> {
    fn start<F: TokenFetcher>(provider: &'a CachingTokenProvider<F>) -> Self {
        provider.lock().driving = true;
        Self {
            state: &provider.state,
        }
    }
}

impl Drop for DrivingGuard<'_> {
    fn drop(&mut self) {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .driving = false;
    }
}

#[async_trait]
impl<F: TokenFetcher> TokenProvider for CachingTokenProvider<F> {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        let flight = match self.plan() {
            Plan::Serve(token) => return Ok(token),
            Plan::Await(flight) => flight,
        };
        let result = flight
            .get_or_init(|| self.run_flight(&flight))
            .await
            .clone();
        match result {
            Ok(token) => Ok(token),
            Err(err) => {
                // A failed refresh: the old token is served while it is still usable.
                let st = self.lock();
                match &st.current {
                    Some(cached) if Instant::now() < cached.usable_until => {
                        Ok(cached.token.clone())
                    }
                    _ => Err(err),
                }
            }
        }
    }

    fn invalidate(&self, rejected: &AccessToken) {
        let mut st = self.lock();
        let is_current = st.current.as_ref().is_some_and(|c| {
            c.token.generation() == rejected.generation() && c.token.secret() == rejected.secret()
        });
        if is_current {
            st.current = None;
            st.retry_at = None;
            if self.store.is_some() {
                st.rejected = Some(rejected.secret().clone());
            }
        }
    }
}

impl<F> fmt::Debug for CachingTokenProvider<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("CachingTokenProvider");
        d.field("credentials", &self.credentials)
            .field("variant", &self.variant)
            .field("policy", &self.policy)
            .field("store", &self.store)
            .field("fetcher", &std::any::type_name::<F>());
        match self.state.try_lock() {
            Ok(st) => d
                .field("token", &st.current.as_ref().map(|c| &c.token))
                .field("fetch_in_flight", &st.flight.is_some())
                .field("failures", &st.failures),
            Err(_) => d.field("state", &format_args!("<locked>")),
        };
        d.finish()
    }
}

/// The token variant that is not `variant`.
fn other_variant(variant: TokenRequestVariant) -> TokenRequestVariant {
    match variant {
        TokenRequestVariant::QueryGet => TokenRequestVariant::JsonPost,
        _ => TokenRequestVariant::QueryGet,
    }
}
