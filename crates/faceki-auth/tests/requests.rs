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
async fn variant_b_is_the_default() {
    let p = CachingTokenProvider::new(
        Credentials::new("my-id", SECRET),
        FakeFetcher::tokens(Duration::ZERO, Some(3600)),
    );
    assert_eq!(p.variant(), TokenRequestVariant::JsonPost);
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
async fn variant_a_is_a_configuration_choice() {
    let p = CachingTokenProvider::new(
        Credentials::new("my-id", SECRET),
        FakeFetcher::tokens(Duration::ZERO, Some(3600)),
    )
    .with_variant(TokenRequestVariant::QueryGet);
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

/// A server that offers one token route and answers `status` on the other.
struct OneRoute {
    path: &'static str,
    status: u16,
    calls: std::sync::Mutex<Vec<String>>,
}

#[async_trait::async_trait]
impl faceki_auth::TokenFetcher for OneRoute {
    async fn fetch(&self, request: faceki_types::RequestSpec) -> Result<TokenResponse, AuthError> {
        self.calls.lock().unwrap().push(request.path().to_owned());
        if request.path() == self.path {
            Ok(TokenResponse::new("t", Some(3600)))
        } else {
            Err(AuthError::unavailable(self.status, None))
        }
    }
}

fn one_route(path: &'static str, status: u16) -> OneRoute {
    OneRoute {
        path,
        status,
        calls: std::sync::Mutex::new(Vec::new()),
    }
}

#[tokio::test(start_paused = true)]
async fn a_missing_route_falls_back_once_to_the_other_variant_and_keeps_it() {
    for (configured, offered, status) in [
        (TokenRequestVariant::JsonPost, "/auth/api/access-token", 404),
        (TokenRequestVariant::JsonPost, "/auth/api/access-token", 405),
        (
            TokenRequestVariant::QueryGet,
            "/auth/api/generate-token",
            404,
        ),
    ] {
        let p =
            CachingTokenProvider::new(Credentials::new("id", SECRET), one_route(offered, status))
                .with_variant(configured);
        p.token().await.unwrap();
        p.invalidate(&p.token().await.unwrap());
        p.token().await.unwrap();
        let calls = p.fetcher().calls.lock().unwrap().clone();
        assert_eq!(calls.len(), 3, "{calls:?}");
        assert_ne!(calls[0], offered);
        assert_eq!(&calls[1..], [offered, offered], "remembered: {calls:?}");
        assert_ne!(p.variant(), configured);
    }
}

#[tokio::test(start_paused = true)]
async fn other_failures_do_not_switch_variants() {
    let p = CachingTokenProvider::new(Credentials::new("id", SECRET), one_route("/nowhere", 502));
    let err = p.token().await.unwrap_err();
    assert_eq!(err.http_status(), Some(502));
    assert!(!err.to_string().contains("rejected"), "{err}");
    assert_eq!(p.fetcher().calls.lock().unwrap().len(), 1);
    assert_eq!(p.variant(), TokenRequestVariant::JsonPost);
    // Both routes missing: one fallback try, then the error, and no switch.
    let p = CachingTokenProvider::new(Credentials::new("id", SECRET), one_route("/nowhere", 404));
    let err = p.token().await.unwrap_err();
    assert!(err.is_no_such_route(), "{err}");
    assert_eq!(p.fetcher().calls.lock().unwrap().len(), 2);
    assert_eq!(p.variant(), TokenRequestVariant::JsonPost);
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
