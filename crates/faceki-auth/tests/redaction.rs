//! Every secret-bearing type: neither `{:?}` nor any error string shows the client
//! secret or the access token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::time::Duration;

use faceki_auth::{
    AccessToken, AuthError, CachingTokenProvider, Credentials, SharedTokenProvider,
    StaticTokenProvider, TokenProvider,
};
use faceki_types::model::TokenResponse;
use fake::FakeFetcher;

const SECRET: &str = "SeCrEt-v@lue 42/+";
const SECRET_FORM: &str = "SeCrEt-v%40lue+42%2F%2B";
const SECRET_PCT: &str = "SeCrEt-v%40lue%2042%2F%2B";
const TOKEN: &str = "eyJhbGciOiJSUzI1NiJ9.PAYLOAD.SIGNATURE";

fn assert_clean(text: &str) {
    for needle in [
        SECRET,
        SECRET_FORM,
        SECRET_PCT,
        "SeCrEt",
        TOKEN,
        "eyJhbGci",
        "SIGNATURE",
    ] {
        assert!(!text.contains(needle), "{needle:?} leaked in {text:?}");
    }
}

fn all_formats<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}\n{value:#?}")
}

#[test]
fn credentials() {
    let creds = Credentials::new("client-id-visible", SECRET);
    let text = all_formats(&creds);
    assert_clean(&text);
    assert!(text.contains("client-id-visible"), "{text}");
    assert_eq!(creds.client_secret().expose_secret(), SECRET);

    let lookup = |name: &str| match name {
        "FACEKI_CLIENT_ID" => Some("id".to_owned()),
        _ => Some(format!("  {SECRET}  ")),
    };
    assert_clean(&all_formats(&Credentials::from_lookup(lookup).unwrap()));
    let err = Credentials::from_lookup(|name| {
        (name == "FACEKI_CLIENT_SECRET").then(|| SECRET.to_owned())
    })
    .unwrap_err();
    assert_clean(&err.to_string());
    assert_clean(&all_formats(&err));
}

#[tokio::test(start_paused = true)]
async fn access_token() {
    let token = AccessToken::new(TOKEN, Some(tokio::time::Instant::now()));
    let text = all_formats(&token);
    assert_clean(&text);
    assert!(text.contains("[redacted]"), "{text}");
    assert_eq!(token.expose_secret(), TOKEN);
}

/// A fetcher that fails the way a careless transport would: echoing the URL (with the
/// secret in its query) and the request into its messages.
fn leaky_errors() -> Vec<AuthError> {
    let url = format!(
        "https://sdk.faceki.com/auth/api/access-token?clientId=id&clientSecret={SECRET_FORM}"
    );
    vec![
        AuthError::transport(format!("error sending request for url ({url})")),
        AuthError::transport(format!("raw {SECRET} and percent {SECRET_PCT}")),
        AuthError::rejected(
            Some(422),
            Some(422),
            Some(format!("bad clientSecret {SECRET}")),
        ),
        AuthError::invalid_response(format!("cannot decode answer to {url}")),
    ]
}

#[tokio::test(start_paused = true)]
async fn auth_error_from_the_caching_provider() {
    for leaky in leaky_errors() {
        let p = CachingTokenProvider::new(
            Credentials::new("id", SECRET),
            FakeFetcher::new(Duration::ZERO, move |_| Err(leaky.clone())),
        );
        let err = p.token().await.unwrap_err();
        assert_clean(&err.to_string());
        assert_clean(&all_formats(&err));
        assert!(err.to_string().contains("[redacted]"), "{err}");
        assert_clean(&all_formats(&p));
    }
    // Timeouts and invalid credentials carry no free text from outside.
    assert_clean(&AuthError::timeout(Some(Duration::from_secs(30))).to_string());
    let p = CachingTokenProvider::new(
        Credentials::new(" ", SECRET),
        FakeFetcher::tokens(Duration::ZERO, Some(3600)),
    );
    let err = p.token().await.unwrap_err();
    assert!(err.is_invalid_credentials());
    assert_clean(&err.to_string());
}

#[tokio::test(start_paused = true)]
async fn caching_provider_debug() {
    let p = CachingTokenProvider::new(
        Credentials::new("client-id-visible", SECRET),
        FakeFetcher::new(Duration::ZERO, |_| {
            Ok(TokenResponse::new(TOKEN, Some(3600)))
        }),
    );
    assert_clean(&all_formats(&p));
    let token = p.token().await.unwrap();
    assert_eq!(token.expose_secret(), TOKEN);
    let text = all_formats(&p);
    assert_clean(&text);
    assert!(text.contains("client-id-visible"), "{text}");
    assert!(text.contains("generation: 1"), "{text}");
    let shared = SharedTokenProvider::new(p);
    assert_clean(&all_formats(&shared));
}

#[tokio::test(start_paused = true)]
async fn static_provider_debug() {
    let p = StaticTokenProvider::new(TOKEN);
    assert_clean(&all_formats(&p));
    assert_clean(&all_formats(&SharedTokenProvider::new(p.clone())));
    assert_eq!(p.token().await.unwrap().expose_secret(), TOKEN);
}
