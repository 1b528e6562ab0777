//! Mocking the token provider in your own tests (feature `mock`): the client takes any
//! [`TokenProvider`](faceki::auth::TokenProvider), so a test can hand it a
//! `MockTokenProvider` with exact expectations, and a closure as the transport
//! ([`transport_fn`](faceki::transport::transport_fn): no struct, no `async_trait`)
//! that checks the bearer token it receives. No network, no credentials.
//!
//! The last check tests the caller's own handling of a verification whose outcome is
//! unknown, with errors built by `faceki::test_util` (feature `test-util`).
//!
//! ```sh
//! cargo run -p faceki --features mock,test-util --example mock_token_provider
//! ```
//!
//! In your crate, the two functions below would be `#[tokio::test]`s.

use faceki::Client;
use faceki::auth::{AccessToken, AuthError, MockTokenProvider};
use faceki::transport::{HttpRequest, HttpResponse, TransportError, transport_fn};

/// Answers the KYC-rules call, and only when the mocked token is presented.
async fn rules_only(request: HttpRequest) -> Result<HttpResponse, TransportError> {
    let bearer = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    if bearer != Some("Bearer test-token") {
        return Ok(HttpResponse::json(
            401,
            r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#,
        ));
    }
    assert!(
        request
            .url_without_query()
            .ends_with("/kycrules/api/kycrules")
    );
    Ok(HttpResponse::json(
        200,
        r#"{"responseCode":0,"data":{"allowedKycDocuments":["Passport"],"validAge":18}}"#,
    ))
}

/// The client asks the provider once and sends its token.
async fn rules_are_fetched_with_the_mocked_token() -> Result<(), faceki::Error> {
    let mut tokens = MockTokenProvider::new();
    tokens
        .expect_token()
        .times(1)
        .returning(|| Ok(AccessToken::new("test-token", None)));
    let client = Client::builder()
        .token_provider(tokens)
        .transport(transport_fn(rules_only))
        .build()?;
    let rules = client.v2().rules().await?;
    assert_eq!(rules.valid_age, Some(18));
    Ok(())
}

/// A provider that cannot get a token makes the call fail as an authentication
/// error, before anything reaches the transport.
async fn a_failing_provider_is_an_auth_error() -> Result<(), faceki::Error> {
    let mut tokens = MockTokenProvider::new();
    tokens
        .expect_token()
        .returning(|| Err(AuthError::rejected(Some(422), None, None)));
    let client = Client::builder()
        .token_provider(tokens)
        .transport(transport_fn(rules_only))
        .build()?;
    let err = client.v2().rules().await.err();
    assert!(err.as_ref().is_some_and(faceki::Error::is_auth), "{err:?}");
    Ok(())
}

/// What your onboarding code might do with a failed verification: the code under
/// test in the check below.
#[derive(Debug, PartialEq)]
enum NextStep {
    /// Nothing was processed: fix the input or retry.
    SendAgain,
    /// It may have been processed: never resubmit; check again later.
    CheckLater,
    /// Faceki decided: show the result to the customer.
    ShowResult,
}

fn next_step(error: &faceki::Error) -> NextStep {
    match error.delivery() {
        faceki::Delivery::NotSent | faceki::Delivery::Rejected => NextStep::SendAgain,
        faceki::Delivery::MaybeProcessed => NextStep::CheckLater,
        _ => NextStep::ShowResult,
    }
}

/// Your handling of every verdict, tested without a server.
fn every_delivery_verdict_is_handled() {
    use faceki::error::{Endpoint, Lookup, Wire};
    use faceki::{Delivery, test_util};

    let unknown =
        test_util::error_with_delivery(Endpoint::V3Verification, Delivery::MaybeProcessed)
            .with_lookup(Lookup::NotFound);
    assert_eq!(next_step(&unknown), NextStep::CheckLater);
    assert!(unknown.to_string().contains("not found"), "{unknown}");
    let refused = test_util::error_with_delivery(Endpoint::V3Verification, Delivery::Rejected);
    assert_eq!(next_step(&refused), NextStep::SendAgain);
    let gateway = test_util::error_for(Endpoint::SingleVerification, Wire::Foreign { status: 504 });
    assert_eq!(next_step(&gateway), NextStep::CheckLater);
    let selfie = test_util::api_error(Endpoint::V3Verification, 8006, 200, Some("FACE_NOT_FOUND"));
    assert_eq!(next_step(&selfie), NextStep::ShowResult);
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), faceki::Error> {
    rules_are_fetched_with_the_mocked_token().await?;
    a_failing_provider_is_an_auth_error().await?;
    every_delivery_verdict_is_handled();
    eprintln!("the mocked-token and delivery-verdict checks passed");
    Ok(())
}
