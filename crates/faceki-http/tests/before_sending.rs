//! Bad input is refused before any request — token call included — is sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use faceki_http::ImageInput;
use fake::{Fake, JPEG};

#[tokio::test]
async fn bad_images_and_missing_parts_send_nothing() {
    let fake = Fake::new();
    let client = faceki_http::Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("id", "secret")
        .transport(fake.clone())
        .max_image_bytes(1024)
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    let big = dir.path().join("big.jpg");
    std::fs::write(&big, [JPEG, &[0u8; 2048]].concat()).unwrap();
    let pdf = dir.path().join("scan.jpg");
    std::fs::write(&pdf, b"%PDF-1.7 this is not an image").unwrap();

    let cases: Vec<(faceki_http::v3::Verification, &str)> = vec![
        (
            faceki_http::v3::Verification::by_workflow("wf")
                .selfie(ImageInput::path(dir.path().join("missing.jpg")))
                .document_1_front(ImageInput::bytes(JPEG)),
            "not found",
        ),
        (
            faceki_http::v3::Verification::by_workflow("wf")
                .selfie(ImageInput::path(&empty))
                .document_1_front(ImageInput::bytes(JPEG)),
            "empty",
        ),
        (
            faceki_http::v3::Verification::by_workflow("wf")
                .selfie(ImageInput::path(&big))
                .document_1_front(ImageInput::bytes(JPEG)),
            "maximum of 1024",
        ),
        (
            faceki_http::v3::Verification::by_workflow("wf")
                .selfie(ImageInput::path(&pdf))
                .document_1_front(ImageInput::bytes(JPEG)),
            "neither JPEG nor PNG",
        ),
        (
            faceki_http::v3::Verification::by_workflow("wf")
                .document_1_front(ImageInput::bytes(JPEG)),
            "`selfie`",
        ),
        (
            faceki_http::v3::Verification::by_workflow("  ")
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(JPEG)),
            "workflowId",
        ),
    ];
    for (input, expected) in cases {
        let err = client.v3().verify(input).await.unwrap_err();
        assert!(err.is_invalid_input(), "{err}");
        assert!(
            err.to_string().contains(expected),
            "{err} should mention {expected}"
        );
        assert!(!err.outcome_unknown());
    }
    let err = client
        .v2()
        .verify(
            faceki_http::v2::SingleVerification::new()
                .selfie_image(ImageInput::bytes(JPEG))
                .doc_front_image(ImageInput::bytes(JPEG)),
        )
        .await
        .unwrap_err();
    assert!(
        err.is_invalid_input() && err.to_string().contains("doc_back_image"),
        "{err}"
    );
    let err = client.records().by_link(" ").await.unwrap_err();
    assert!(err.is_invalid_input(), "{err}");
    assert_eq!(
        fake.requests().len(),
        0,
        "nothing may be sent, not even a token call"
    );
}

#[tokio::test]
async fn invalid_configuration_is_refused_at_build() {
    let err = faceki_http::Client::builder()
        .base_url("http://sdk.faceki.com")
        .transport(Fake::new())
        .build()
        .unwrap_err();
    assert!(err.is_config());
    assert!(err.to_string().contains("HTTPS"), "{err}");

    // A client without credentials can still use the link flow, and says clearly why
    // a token call is impossible.
    let fake = Fake::new();
    let client = faceki_http::Client::builder()
        .base_url("http://localhost:9")
        .transport(fake.clone())
        .build()
        .unwrap();
    let err = client.v2().rules().await.unwrap_err();
    assert!(
        err.is_config() && err.to_string().contains("no credentials"),
        "{err}"
    );
    assert!(fake.requests().is_empty());
}

#[test]
fn from_env_reads_credentials_and_base_url() {
    let vars = |name: &str| match name {
        "FACEKI_CLIENT_ID" => Some("id".to_owned()),
        "FACEKI_CLIENT_SECRET" => Some("secret".to_owned()),
        "FACEKI_BASE_URL" => Some("http://127.0.0.1:4000/".to_owned()),
        _ => None,
    };
    let client = faceki_http::ClientBuilder::from_lookup(vars)
        .unwrap()
        .transport(Fake::new())
        .build()
        .unwrap();
    assert_eq!(client.base_url(), "http://127.0.0.1:4000");
    assert!(client.token_provider().is_some());
    let missing = faceki_http::ClientBuilder::from_lookup(|_| None).unwrap_err();
    assert!(missing.is_auth() || missing.is_config(), "{missing}");
    assert!(
        missing.to_string().contains("FACEKI_CLIENT_ID"),
        "{missing}"
    );
}
