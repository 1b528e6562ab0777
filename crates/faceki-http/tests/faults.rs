//! Faults over the real reqwest transport against a scripted server on 127.0.0.1:
//! what is retried, what is sent once, how long 429 waits, and that no error ever
//! shows the secret or the token.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/server.rs"]
mod server;

use std::time::Duration;

use faceki_http::{Client, Delivery, Error, ImageInput, Lookup, RetryPolicy};
use server::{Answer, CLIENT_ID, CLIENT_SECRET, Server};

const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
const OK_RULES: &str = r#"{"status":true,"code":200,"message":"OK","result":{"workflowId":"wf"}}"#;
/// The records lookup's answer when nothing matches (V3: an empty list).
const NO_RECORDS: &str = r#"{"status":true,"code":200,"message":"OK","result":[]}"#;

fn client(server: &Server) -> Client {
    Client::builder()
        .base_url(server.base_url())
        .credentials(CLIENT_ID, CLIENT_SECRET)
        .request_timeout(Duration::from_secs(2))
        .retry_policy(
            RetryPolicy::default()
                .with_backoff(Duration::from_millis(10), Duration::from_millis(50))
                .with_max_retry_after(Duration::from_millis(1500)),
        )
        .build()
        .unwrap()
}

fn verification() -> faceki_http::v3::Verification {
    faceki_http::v3::Verification::by_workflow("wf")
        .record_identifier("cust-1")
        .selfie(ImageInput::bytes(JPEG))
        .document_1_front(ImageInput::bytes(JPEG))
}

fn assert_clean(err: &Error) {
    let shown = format!("{err} | {err:?} | {err:#?}");
    for secret in [CLIENT_SECRET, "srv-token-", "clientSecret"] {
        assert!(!shown.contains(secret), "`{secret}` leaked: {shown}");
    }
}

#[tokio::test]
async fn a_billed_post_under_502_is_sent_exactly_once() {
    let server = Server::start().await;
    server
        .push(Answer::json(502, "<html>Bad Gateway</html>").header("content-type", "text/html"))
        .push(Answer::json(200, NO_RECORDS));
    let err = client(&server)
        .v3()
        .verify(verification())
        .await
        .unwrap_err();
    let calls = server.api_calls();
    assert_eq!(calls.len(), 2, "the verification, then the lookup");
    assert_eq!(calls[0].method, "POST");
    assert_eq!(calls[1].method, "GET");
    assert_eq!(calls[1].path, "/kycverify/api/kycverify/records");
    assert_eq!(err.http_status(), Some(502));
    assert!(
        err.outcome_unknown(),
        "a gateway's page is no answer from Faceki: {err}"
    );
    assert_eq!(err.lookup(), Some(&Lookup::NotFound));
    assert!(!err.to_string().contains("Bad Gateway</html>"), "{err}");
    assert_clean(&err);
}

#[tokio::test]
async fn a_get_under_two_503s_then_200_succeeds_with_three_requests() {
    let server = Server::start().await;
    server
        .push(Answer::json(503, r#"{"message":"busy"}"#))
        .push(Answer::json(503, ""))
        .push(Answer::json(200, OK_RULES));
    let rules = client(&server).v3().workflow_rules("wf").await.unwrap();
    assert_eq!(rules.workflow_id.as_deref(), Some("wf"));
    assert_eq!(server.api_calls().len(), 3);
    assert_eq!(server.token_calls(), 1);
}

#[tokio::test]
async fn a_get_gives_up_after_max_attempts() {
    let server = Server::start().await;
    for _ in 0..5 {
        server.push(Answer::json(503, ""));
    }
    let err = client(&server).v3().workflow_rules("wf").await.unwrap_err();
    assert_eq!(server.api_calls().len(), 3);
    assert_eq!(err.http_status(), Some(503));
    assert_clean(&err);
}

#[tokio::test]
async fn status_429_waits_for_retry_after_clamped() {
    let server = Server::start().await;
    server
        .push(Answer::json(429, "").header("retry-after", "1"))
        .push(Answer::json(200, OK_RULES));
    let client = client(&server);
    client.v3().workflow_rules("wf").await.unwrap();
    let calls = server.api_calls();
    assert_eq!(calls.len(), 2);
    let waited = calls[1].at - calls[0].at;
    assert!(waited >= Duration::from_millis(950), "waited {waited:?}");

    // A Retry-After far beyond the clamp (1.5 s in these tests) is clamped.
    server
        .push(Answer::json(429, "").header("retry-after", "3600"))
        .push(Answer::json(200, OK_RULES));
    client.v3().workflow_rules("wf").await.unwrap();
    let calls = server.api_calls();
    let waited = calls[3].at - calls[2].at;
    assert!(
        waited >= Duration::from_millis(1400) && waited < Duration::from_secs(3),
        "{waited:?}"
    );

    // A billed call is never retried on 429, and a refusal needs no lookup.
    server.push(Answer::json(429, "").header("retry-after", "1"));
    let err = client.v3().verify(verification()).await.unwrap_err();
    assert_eq!(err.http_status(), Some(429));
    assert_eq!(err.delivery(), Delivery::Rejected);
    assert_eq!(server.api_calls().len(), 5);
}

#[tokio::test]
async fn http_401_refreshes_the_token_once_and_retries_once() {
    let server = Server::start().await;
    server
        .push(Answer::json(
            401,
            r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#,
        ))
        .push(Answer::json(200, NO_RECORDS))
        .push(Answer::json(
            200,
            r#"{"status":true,"code":200,"result":{"requestId":"r-1","decision":"ACCEPTED"}}"#,
        ));
    let outcome = client(&server).v3().verify(verification()).await.unwrap();
    assert_eq!(outcome.request_id.as_deref(), Some("r-1"));
    let calls = server.api_calls();
    assert_eq!(calls.len(), 3, "401, the lookup by identifier, the resend");
    assert_eq!(server.token_calls(), 2);
    assert_eq!(
        calls[0].authorization.as_deref(),
        Some("Bearer srv-token-1")
    );
    for later in &calls[1..] {
        assert_eq!(later.authorization.as_deref(), Some("Bearer srv-token-2"));
    }
    assert_eq!(calls[1].method, "GET");
    assert_eq!(calls[0].body_len, calls[2].body_len);

    let server = Server::start().await;
    for _ in 0..3 {
        server.push(Answer::json(
            401,
            r#"{"status":false,"code":1,"message":"UNAUTHORIZED"}"#,
        ));
    }
    let err = client(&server).v3().workflow_rules("wf").await.unwrap_err();
    assert!(err.is_auth());
    assert_eq!(server.api_calls().len(), 2);
    assert_eq!(server.token_calls(), 2);
    assert_clean(&err);
}

#[tokio::test]
async fn a_billed_post_that_times_out_has_an_unknown_outcome_and_is_not_resent() {
    let server = Server::start().await;
    server
        .push(Answer::json(200, "{}").delay(Duration::from_secs(5)))
        .push(Answer::json(200, NO_RECORDS));
    let client = Client::builder()
        .base_url(server.base_url())
        .credentials(CLIENT_ID, CLIENT_SECRET)
        .request_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let err = client.v3().verify(verification()).await.unwrap_err();
    assert!(err.is_timeout() && err.is_transport(), "{err}");
    assert!(err.outcome_unknown());
    assert!(err.to_string().contains("before submitting again"), "{err}");
    // reqwest keeps the deadline (one timer per attempt); the error still names it.
    assert!(err.to_string().contains("within 300ms"), "{err}");
    assert_eq!(err.lookup(), Some(&Lookup::NotFound), "{err}");
    let calls = server.api_calls();
    assert_eq!(calls.len(), 2, "sent once, then looked up");
    assert_eq!(calls[1].method, "GET");
    assert_clean(&err);
}

/// A transport that never answers and does not enforce timeouts itself.
#[derive(Debug)]
struct Silent;

#[faceki_http::async_trait]
impl faceki_http::transport::Transport for Silent {
    async fn send(
        &self,
        _request: faceki_http::transport::HttpRequest,
    ) -> Result<faceki_http::transport::HttpResponse, faceki_http::transport::TransportError> {
        std::future::pending().await
    }
}

#[tokio::test]
async fn the_client_enforces_the_deadline_for_transports_that_do_not() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .token_provider(faceki_auth::StaticTokenProvider::new("static-token"))
        .transport(Silent)
        .request_timeout(Duration::from_millis(100))
        .retry_policy(RetryPolicy::default().with_max_attempts(1))
        .build()
        .unwrap();
    let started = std::time::Instant::now();
    let err = client.v2().rules().await.unwrap_err();
    assert!(err.is_timeout() && err.is_transport(), "{err}");
    assert!(err.to_string().contains("within 100ms"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5), "no hang");
}

#[tokio::test]
async fn refused_connections_are_retried_even_for_billed_calls() {
    // Bind then drop a listener: the port is (almost certainly) closed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{addr}"))
        .token_provider(faceki_auth::StaticTokenProvider::new("static-token-abc"))
        .retry_policy(
            RetryPolicy::default().with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
        )
        .build()
        .unwrap();
    let err = client.v3().verify(verification()).await.unwrap_err();
    assert!(err.is_transport() && !err.outcome_unknown(), "{err}");
    assert_eq!(err.attempts(), Some(3));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("static-token-abc"), "{shown}");
}

#[tokio::test]
async fn rejected_credentials_are_an_auth_error_without_the_secret() {
    let server = Server::start().await;
    let client = Client::builder()
        .base_url(server.base_url())
        .credentials(CLIENT_ID, "wrong-secret-VALUE")
        .build()
        .unwrap();
    let err = client.v2().rules().await.unwrap_err();
    assert!(err.is_auth(), "{err}");
    assert_eq!(err.http_status(), Some(422));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("wrong-secret-VALUE"), "{shown}");
    assert!(shown.contains("client id is required"), "{shown}");
    assert_eq!(server.api_calls().len(), 0);
}

#[tokio::test]
async fn oversized_responses_are_refused() {
    let server = Server::start().await;
    server.push(Answer::json(
        200,
        &format!(r#"{{"responseCode":0,"data":"{}"}}"#, "x".repeat(10_000)),
    ));
    let client = Client::builder()
        .base_url(server.base_url())
        .credentials(CLIENT_ID, CLIENT_SECRET)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.v2().summary().await.unwrap_err();
    assert!(err.transport_error().unwrap().is_body_too_large(), "{err}");
}
