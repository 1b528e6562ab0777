//! Using the sandbox in your own integration test: start `faceki-sandbox` on
//! 127.0.0.1, point the client at it, drive the outcome you want to test (here a
//! forced failure code and a webhook), and check what the server saw.
//!
//! ```toml
//! [dev-dependencies]
//! faceki-sandbox = "0.1"
//! tokio = { version = "1", features = ["macros", "rt-multi-thread"] }
//! ```
//!
//! ```sh
//! cargo run -p faceki --example sandbox_test
//! ```
//!
//! In your crate, `verification_flow` would be a `#[tokio::test]`.

use faceki::error::{Endpoint, ResponseCode};
use faceki::v3::Verification;
use faceki::{Client, ImageInput};
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Sandbox, Workflow};

async fn verification_flow() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::builder()
        .workflow(Workflow::new("wf-test", ["Passport"]))
        .start()
        .await?;
    let credentials = sandbox.credentials();
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(credentials.client_id(), credentials.client_secret().clone())
        .build()?;

    // The happy path: a passport needs only its front.
    let input = || {
        Verification::by_workflow("wf-test")
            .record_identifier("customer-1")
            .selfie(ImageInput::bytes(PNG))
            .document_1_front(ImageInput::bytes(JPEG))
    };
    let outcome = client.v3().verify(input()).await?;
    assert!(outcome.is_accepted());

    // Force the next verification to fail with a code your application handles.
    sandbox.push_outcome(Endpoint::V3Verification, ResponseCode::from_code(5004));
    let err = client
        .v3()
        .verify(input())
        .await
        .err()
        .ok_or("the forced failure succeeded")?;
    assert_eq!(err.response_code(), Some(ResponseCode::from_code(5004)));

    // The server's side: one token for both calls, one record, what was uploaded.
    assert_eq!(sandbox.token_requests(), 1);
    assert_eq!(sandbox.record_count(), 1);
    let last = sandbox
        .last_request_to(Endpoint::V3Verification)
        .ok_or("no request seen")?;
    assert!(last.parts.iter().any(|p| p.name == "document_1_front"));
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    verification_flow().await?;
    eprintln!("the sandbox flow behaved as expected");
    Ok(())
}
