//! `invalidate` after a 401: discards the current token only, never a newer one.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::time::Duration;

use faceki_auth::{
    AccessToken, CachingTokenProvider, Credentials, RefreshPolicy, SharedTokenProvider,
    StaticTokenProvider, TokenProvider,
};
use faceki_types::model::TokenResponse;
use fake::FakeFetcher;
use tokio::time::Instant;

const H: u64 = 3600;

fn provider() -> CachingTokenProvider<FakeFetcher> {
    CachingTokenProvider::new(
        Credentials::new("client-id", "client-secret"),
        FakeFetcher::tokens(Duration::ZERO, Some(H)),
    )
    .with_policy(RefreshPolicy::default().with_jitter_percent(0))
}

#[tokio::test(start_paused = true)]
async fn invalidating_the_current_token_makes_the_next_call_fetch() {
    let p = provider();
    let first = p.token().await.unwrap();
    p.invalidate(&first);
    let second = p.token().await.unwrap();
    assert_eq!(second.expose_secret(), "token-1");
    assert_eq!(second.generation(), first.generation() + 1);
    assert_eq!(p.fetcher().calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_late_invalidate_with_a_stale_token_keeps_the_fresh_one() {
    let p = provider();
    let stale = p.token().await.unwrap();
    p.invalidate(&stale);
    let fresh = p.token().await.unwrap();
    // A second request that also failed with the old token reports it late.
    p.invalidate(&stale);
    assert_eq!(p.token().await.unwrap(), fresh);
    assert_eq!(p.fetcher().calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn an_invalidate_racing_a_refresh_ahead_keeps_the_refreshed_token() {
    let p = provider();
    let start = Instant::now();
    let old = p.token().await.unwrap();
    // A request holding `old` is in flight while the cache refreshes ahead of expiry.
    tokio::time::sleep_until(start + Duration::from_secs(H - 300)).await;
    let refreshed = p.token().await.unwrap();
    assert_ne!(refreshed, old);
    // That request now comes back 401 and reports `old`.
    p.invalidate(&old);
    assert_eq!(p.token().await.unwrap(), refreshed);
    assert_eq!(p.fetcher().calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_foreign_token_with_the_same_generation_is_not_mistaken_for_the_current_one() {
    let p = provider();
    let current = p.token().await.unwrap();
    let other = CachingTokenProvider::new(
        Credentials::new("other-id", "other-secret"),
        FakeFetcher::new(Duration::ZERO, |_| {
            Ok(TokenResponse::new("other-value", Some(H)))
        }),
    );
    let foreign = other.token().await.unwrap();
    assert_eq!(foreign.generation(), current.generation());
    p.invalidate(&foreign);
    // A token made outside any cache (generation 0) with the same value is no match
    // either.
    p.invalidate(&AccessToken::new(
        current.secret().clone(),
        current.expires_at(),
    ));
    assert_eq!(p.token().await.unwrap(), current);
    assert_eq!(p.fetcher().calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn static_provider_serves_its_token_and_ignores_invalidate() {
    let provider = SharedTokenProvider::from(StaticTokenProvider::new("my-own-token"));
    let token = provider.token().await.unwrap();
    assert_eq!(token.expose_secret(), "my-own-token");
    assert_eq!(token.expires_at(), None);
    provider.invalidate(&token);
    assert_eq!(provider.token().await.unwrap(), token);

    let at = Instant::now() + Duration::from_secs(60);
    let with_expiry = StaticTokenProvider::with_expiry("t", at);
    assert_eq!(with_expiry.token().await.unwrap().expires_at(), Some(at));

    let blank = StaticTokenProvider::new(" ");
    assert!(blank.token().await.unwrap_err().is_invalid_credentials());
    let from_token = StaticTokenProvider::from(AccessToken::new("x", None));
    assert_eq!(from_token.token().await.unwrap().expose_secret(), "x");
}
