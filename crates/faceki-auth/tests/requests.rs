//! What the caching provider asks its fetcher to send, and how it treats odd answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::time::Duration;

use faceki_auth::{AuthError, CachingTokenProvider, Credentials, TokenProvider};
use faceki_types::model::TokenResponse;
use faceki_types::{Method, TokenRequestVariant};
use fake::{FakeFetcher, Seen};

const SECRET: &str = "s3cr&t value/+";

#[tokio::test(start_paused = true)]
async fn variant_a_is_the_default() {
    let p = CachingTokenProvider::new(
        Credentials::new("my-id", SECRET),
        FakeFetcher::tokens(Duration::ZERO, Some(3600)),
    );
    assert_eq!(p.variant(), TokenRequestVariant::QueryGet);
    p.token().await.unwrap();
    assert_eq!(
        p.fetcher().seen(),
        [Seen {
            method: Method::Get,
            path_and_query:
                "/auth/api/access-token?clientId=my-id&clientSecret=s3cr%26t+value%2F%2B".to_owned(),
        }]
    );
}

#[tokio::test(start_paused = true)]
async fn variant_b_is_a_configuration_choice() {
    let p = CachingTokenProvider::new(
        Credentials::new("my-id", SECRET),
        FakeFetcher::tokens(Duration::ZERO, Some(3600)),
    )
    .with_variant(TokenRequestVariant::JsonPost);
    p.token().await.unwrap();
    assert_eq!(
        p.fetcher().seen(),
        [Seen {
            method: Method::Post,
            path_and_query: "/auth/api/generate-token".to_owned(),
        }]
    );
}

#[tokio::test(start_paused = true)]
async fn blank_credentials_fail_without_a_fetch() {
    for (id, secret) in [("", "x"), ("id", "   ")] {
        let p = CachingTokenProvider::new(
            Credentials::new(id, secret),
            FakeFetcher::tokens(Duration::ZERO, Some(3600)),
        );
        let err = p.token().await.unwrap_err();
        assert!(err.is_invalid_credentials(), "{err}");
        assert_eq!(p.fetcher().calls(), 0);
    }
}

#[tokio::test(start_paused = true)]
async fn an_empty_token_in_a_successful_answer_is_an_invalid_response() {
    let p = CachingTokenProvider::new(
        Credentials::new("id", "secret"),
        FakeFetcher::new(Duration::ZERO, |_| Ok(TokenResponse::new("", Some(3600)))),
    );
    let err = p.token().await.unwrap_err();
    assert_eq!(
        err,
        AuthError::invalid_response("the access token is empty")
    );
    // Nothing was cached.
    p.token().await.unwrap_err();
    assert_eq!(p.fetcher().calls(), 2);
}
