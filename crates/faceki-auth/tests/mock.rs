//! The `mock` feature: mockall mocks of the public traits, usable in users' tests.
#![cfg(feature = "mock")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use faceki_auth::{
    AccessToken, AuthError, CachingTokenProvider, Credentials, MockTokenFetcher, MockTokenProvider,
    SharedTokenProvider, TokenFetcher, TokenProvider, async_trait,
};
use faceki_types::RequestSpec;
use faceki_types::model::TokenResponse;
use tokio::task::JoinSet;

/// Delays the mock's answer (mockall answers synchronously), so that the callers
/// really wait together for the fetch.
struct Slow(MockTokenFetcher);

#[async_trait]
impl TokenFetcher for Slow {
    async fn fetch(&self, request: RequestSpec) -> Result<TokenResponse, AuthError> {
        tokio::time::sleep(Duration::from_millis(100)).await;
        self.0.fetch(request).await
    }
}

#[tokio::test(start_paused = true)]
async fn a_mock_fetcher_is_called_once_by_a_thousand_cold_callers() {
    let mut fetcher = MockTokenFetcher::new();
    fetcher
        .expect_fetch()
        .withf(|request| request.path() == "/auth/api/generate-token")
        .times(1)
        .returning(|_| Ok(TokenResponse::new("mocked-token", Some(3600))));
    let p = Arc::new(CachingTokenProvider::new(
        Credentials::new("id", "secret"),
        Slow(fetcher),
    ));
    let mut set = JoinSet::new();
    for _ in 0..1000 {
        let p = Arc::clone(&p);
        set.spawn(async move { p.token().await });
    }
    while let Some(result) = set.join_next().await {
        assert_eq!(result.unwrap().unwrap().expose_secret(), "mocked-token");
    }
    // `times(1)` is checked when the mock is dropped.
    drop(Arc::into_inner(p).unwrap());
}

#[tokio::test]
async fn a_mock_provider_stands_in_for_a_real_one() {
    let mut provider = MockTokenProvider::new();
    let mut calls = 0;
    provider.expect_token().times(2).returning(move || {
        calls += 1;
        if calls == 1 {
            Ok(AccessToken::new("first", None))
        } else {
            Err(AuthError::timeout(None))
        }
    });
    provider.expect_invalidate().times(1).return_const(());
    let shared: SharedTokenProvider = provider.into();
    let token = shared.token().await.unwrap();
    shared.invalidate(&token);
    assert!(shared.token().await.unwrap_err().is_timeout());
}
