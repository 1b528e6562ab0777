//! Single-flight: many callers, one fetch, one shared result (token or error).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::sync::Arc;
use std::time::Duration;

use faceki_auth::{AuthError, CachingTokenProvider, Credentials, TokenProvider};
use fake::{FakeFetcher, token};
use tokio::task::JoinSet;
use tokio::time::Instant;

const H: u64 = 3600;

fn provider(fetcher: FakeFetcher) -> Arc<CachingTokenProvider<FakeFetcher>> {
    Arc::new(CachingTokenProvider::new(
        Credentials::new("client-id", "client-secret"),
        fetcher,
    ))
}

#[tokio::test(start_paused = true)]
async fn a_thousand_cold_callers_cause_exactly_one_fetch() {
    let p = provider(FakeFetcher::tokens(Duration::from_millis(200), Some(H)));
    let mut set = JoinSet::new();
    for _ in 0..1000 {
        let p = Arc::clone(&p);
        set.spawn(async move { p.token().await });
    }
    let mut n = 0;
    while let Some(result) = set.join_next().await {
        let token = result.unwrap().unwrap();
        assert_eq!(token.expose_secret(), "token-0");
        assert_eq!(token.generation(), 1);
        n += 1;
    }
    assert_eq!(n, 1000);
    assert_eq!(p.fetcher().calls(), 1);
    // And the cache serves later callers without fetching.
    assert_eq!(p.token().await.unwrap().expose_secret(), "token-0");
    assert_eq!(p.fetcher().calls(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_error_fans_out_to_every_waiter_and_is_not_cached() {
    let rejected = AuthError::rejected(Some(422), None, Some("client id is required".into()));
    let expected = rejected.clone();
    let p = provider(FakeFetcher::new(Duration::from_secs(1), move |n| {
        if n == 0 {
            Err(rejected.clone())
        } else {
            Ok(token(n, Some(H)))
        }
    }));
    let mut set = JoinSet::new();
    for _ in 0..100 {
        let p = Arc::clone(&p);
        set.spawn(async move { p.token().await });
    }
    let mut errors = 0;
    while let Some(result) = set.join_next().await {
        assert_eq!(result.unwrap().unwrap_err(), expected);
        errors += 1;
    }
    assert_eq!(errors, 100);
    assert_eq!(p.fetcher().calls(), 1);

    // The very next call tries again, and succeeds.
    let token = p.token().await.unwrap();
    assert_eq!(token.expose_secret(), "token-1");
    assert_eq!(p.fetcher().calls(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_fetch_is_taken_over_by_a_waiter() {
    let p = provider(FakeFetcher::tokens(Duration::from_secs(10), Some(H)));
    let driver = {
        let p = Arc::clone(&p);
        tokio::spawn(async move { p.token().await })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    let waiter = {
        let p = Arc::clone(&p);
        tokio::spawn(async move { p.token().await })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(p.fetcher().calls(), 1);
    driver.abort();
    assert!(driver.await.unwrap_err().is_cancelled());

    let start = Instant::now();
    let token = waiter.await.unwrap().unwrap();
    // The waiter ran its own fetch (the first was dropped with its driver).
    assert_eq!(token.expose_secret(), "token-1");
    assert_eq!(p.fetcher().calls(), 2);
    assert_eq!(start.elapsed(), Duration::from_secs(10));
}

#[tokio::test(start_paused = true)]
async fn while_one_caller_refreshes_the_others_get_the_current_token_at_once() {
    let p = Arc::new(
        CachingTokenProvider::new(
            Credentials::new("client-id", "client-secret"),
            FakeFetcher::tokens(Duration::from_secs(10), Some(H)),
        )
        .with_policy(faceki_auth::RefreshPolicy::default().with_jitter_percent(0)),
    );
    let first = p.token().await.unwrap();
    assert_eq!(first.expose_secret(), "token-0");
    // The token was sent at t=0 and expires at t=3600; refresh starts at t=3300.
    tokio::time::sleep(Duration::from_secs(H - 300 - 10)).await;
    let refresher = {
        let p = Arc::clone(&p);
        tokio::spawn(async move { p.token().await })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    let start = Instant::now();
    let meanwhile = p.token().await.unwrap();
    assert_eq!(
        start.elapsed(),
        Duration::ZERO,
        "did not wait for the refresh"
    );
    assert_eq!(meanwhile, first);
    assert_eq!(refresher.await.unwrap().unwrap().expose_secret(), "token-1");
    assert_eq!(p.fetcher().calls(), 2);
    assert_eq!(p.token().await.unwrap().expose_secret(), "token-1");
}

#[tokio::test(start_paused = true)]
async fn a_cancelled_refresh_ahead_is_restarted_by_the_next_caller() {
    let p = Arc::new(
        CachingTokenProvider::new(
            Credentials::new("client-id", "client-secret"),
            FakeFetcher::tokens(Duration::from_secs(10), Some(H)),
        )
        .with_policy(faceki_auth::RefreshPolicy::default().with_jitter_percent(0)),
    );
    let first = p.token().await.unwrap();
    tokio::time::sleep(Duration::from_secs(H - 300 - 10)).await;
    let refresher = {
        let p = Arc::clone(&p);
        tokio::spawn(async move { p.token().await })
    };
    tokio::time::sleep(Duration::from_secs(1)).await;
    refresher.abort();
    assert!(refresher.await.unwrap_err().is_cancelled());
    assert_eq!(p.fetcher().calls(), 2);
    // Nobody is refreshing any more: the next caller takes the refresh over (and waits
    // for it) instead of being served the old token until it is nearly expired.
    let start = Instant::now();
    let token = p.token().await.unwrap();
    assert_eq!(token.expose_secret(), "token-2");
    assert_ne!(token, first);
    assert_eq!(start.elapsed(), Duration::from_secs(10));
    assert_eq!(p.fetcher().calls(), 3);
}
