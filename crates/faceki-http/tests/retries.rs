//! Retry budget shared by clones, retry counts per class, token variant B, over the
//! recording fake transport.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;

use std::time::Duration;

use faceki_http::transport::TransportError;
use faceki_http::{Client, ImageInput, RetryPolicy};
use faceki_types::TokenRequestVariant;
use fake::{Fake, JPEG};

fn quick() -> RetryPolicy {
    RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

#[tokio::test]
async fn clones_share_one_retry_budget() {
    let fake = Fake::new();
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("id", "secret")
        .transport(fake.clone())
        .retry_policy(quick().with_max_attempts(10))
        .retry_budget(10) // two retries' worth
        .build()
        .unwrap();
    for _ in 0..10 {
        fake.reply(503, "");
    }
    let err = client.v2().summary().await.unwrap_err();
    assert_eq!(err.http_status(), Some(503));
    assert_eq!(
        fake.api_requests().len(),
        3,
        "first attempt + two budgeted retries"
    );

    let clone = client.clone();
    let err = clone.v2().summary().await.unwrap_err();
    assert_eq!(err.http_status(), Some(503));
    assert_eq!(
        fake.api_requests().len(),
        4,
        "the clone found the shared budget empty and did not retry"
    );
    assert_eq!(fake.token_requests(), 1, "clones share the token cache too");
}

#[tokio::test]
async fn billed_posts_retry_only_connect_failures() {
    let fake = Fake::new();
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("id", "secret")
        .transport(fake.clone())
        .retry_policy(quick())
        .build()
        .unwrap();
    fake.reply_with(|| Err(TransportError::connect("refused")));
    fake.reply(200, r#"{"responseCode":0,"data":{"face_verified":false}}"#);
    let found = client
        .v2()
        .face_check(ImageInput::bytes(JPEG))
        .await
        .unwrap();
    assert_eq!(found.face_verified, Some(false));
    let sent = fake.api_requests();
    // The fake records the first attempt too (it drained the body before failing).
    assert_eq!(sent.len(), 2);
    assert_eq!(
        sent[0].body, sent[1].body,
        "the retry re-sent the same image"
    );

    fake.reply_with(|| Err(TransportError::io("connection reset by peer")));
    let err = client
        .v2()
        .face_check(ImageInput::bytes(JPEG))
        .await
        .unwrap_err();
    assert!(err.outcome_unknown(), "{err}");
    assert_eq!(
        fake.api_requests().len(),
        3,
        "not retried after it may have been sent"
    );

    fake.reply_with(|| Err(TransportError::timeout("slow")));
    fake.reply(200, r#"{"responseCode":0,"data":{}}"#);
    client.v2().summary().await.unwrap();
    assert_eq!(
        fake.api_requests().len(),
        5,
        "a read is retried after a timeout"
    );
}

#[tokio::test]
async fn token_variant_b_posts_json() {
    let fake = Fake::new();
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("my-id", "my-secret-VALUE")
        .token_request_variant(TokenRequestVariant::JsonPost)
        .transport(fake.clone())
        .build()
        .unwrap();
    client.v2().summary().await.unwrap();
    let token = fake.requests().into_iter().find(|r| r.is_token()).unwrap();
    assert_eq!(token.method.as_str(), "POST");
    assert_eq!(token.path_and_query(), "/auth/api/generate-token");
    assert_eq!(token.header("content-type"), Some("application/json"));
    let json: serde_json::Value = serde_json::from_slice(&token.body).unwrap();
    assert_eq!(json["clientId"], "my-id");
    assert_eq!(json["clientSecret"], "my-secret-VALUE");
    assert_eq!(fake.last().header("authorization"), Some("Bearer tok-1"));
}
