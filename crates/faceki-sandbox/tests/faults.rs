//! Fault injection as a client sees it: latency (a client timeout fires), a 502 HTML
//! page, a dropped connection, a truncated body, 429 with Retry-After; per route and
//! for the next N requests; and the inspection counters around them.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use std::time::Duration;

use faceki_sandbox::{Fault, Sandbox, Target};
use faceki_types::Endpoint;
use helpers::{Ctx, V3_VERIFY, v3_default};

const RULES: &str = "/kycrules/api/kycrules";

#[tokio::test]
async fn latency_makes_a_client_timeout_fire() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb.inject_fault(
        Endpoint::KycRules,
        Fault::latency(Duration::from_millis(600)),
        1,
    );
    let err = ctx
        .http
        .get(ctx.url(RULES))
        .bearer_auth(&ctx.token)
        .timeout(Duration::from_millis(150))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    let started = std::time::Instant::now();
    assert_eq!(ctx.get(RULES).await.0, 200);
    assert!(started.elapsed() < Duration::from_millis(500));
    assert_eq!(ctx.sb.requests(Endpoint::KycRules), 2);
}

#[tokio::test]
async fn status_fault_sends_a_502_html_page_for_n_requests() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb
        .inject_fault(Target::Any, Fault::bad_gateway_html(), 2);
    for _ in 0..2 {
        let res = ctx
            .http
            .get(ctx.url(RULES))
            .bearer_auth(&ctx.token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 502);
        assert!(
            res.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        assert!(res.text().await.unwrap().contains("502 Bad Gateway"));
    }
    assert_eq!(ctx.get(RULES).await.0, 200);
}

#[tokio::test]
async fn dropped_connection_is_a_connection_error_and_the_post_was_sent_once() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb
        .inject_fault(Endpoint::V3Verification, Fault::drop_connection(), 1);
    let err = ctx
        .http
        .post(ctx.url(V3_VERIFY))
        .bearer_auth(&ctx.token)
        .multipart(v3_default())
        .send()
        .await
        .unwrap_err();
    assert!(!err.is_timeout(), "{err}");
    assert!(err.status().is_none());
    assert_eq!(ctx.sb.requests(Endpoint::V3Verification), 1);
    assert_eq!(ctx.sb.record_count(), 0);
    let (_, b) = ctx.post_form(V3_VERIFY, v3_default()).await;
    assert_eq!(b["code"], 200);
    assert_eq!(ctx.sb.requests(Endpoint::V3Verification), 2);
}

#[tokio::test]
async fn truncated_body_fails_while_reading() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb
        .inject_fault(Endpoint::KycRules, Fault::truncated_body(), 1);
    let res = ctx
        .http
        .get(ctx.url(RULES))
        .bearer_auth(&ctx.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let declared: usize = res.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(declared > 40);
    let err = res.bytes().await.unwrap_err();
    assert!(
        err.is_body() || err.is_decode() || err.is_request(),
        "{err}"
    );
    assert_eq!(ctx.get(RULES).await.0, 200);
}

#[tokio::test]
async fn rate_limit_sends_429_with_retry_after() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb
        .inject_fault(Endpoint::AccessToken, Fault::rate_limited(7), 1);
    let res = ctx
        .http
        .get(ctx.url("/auth/api/access-token"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    assert_eq!(res.headers()["retry-after"], "7");
    // Faults on one route leave the others alone.
    assert_eq!(ctx.get(RULES).await.0, 200);
    assert_eq!(ctx.sb.token_requests(), 2);
}

#[tokio::test]
async fn custom_status_fault_and_inspection_endpoint() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb.inject_fault(
        Endpoint::Records,
        Fault::status(503, "text/plain", "down"),
        1,
    );
    let res = ctx
        .http
        .get(ctx.url("/api/v3/kyc_verification?requestId=1&face_id=2"))
        .bearer_auth(&ctx.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.text().await.unwrap(), "down");
    let last = ctx.sb.last_request().unwrap();
    assert_eq!(last.endpoint, Some(Endpoint::Records));
    assert_eq!(last.query_keys, ["requestId", "face_id"]);
    let snapshot: serde_json::Value = ctx
        .http
        .get(ctx.url("/__sandbox/inspect"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(snapshot["tokenRequests"], 1);
    assert_eq!(snapshot["perEndpoint"]["records"], 1);
    assert_eq!(snapshot["total"], 2);
    assert_eq!(
        snapshot["last"]["queryKeys"],
        serde_json::json!(["requestId", "face_id"])
    );
}

#[tokio::test]
async fn a_fixed_port_works_and_dropping_the_handle_stops_the_server() {
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let sb = Sandbox::builder().port(port).start().await.unwrap();
    assert_eq!(sb.base_url(), format!("http://127.0.0.1:{port}"));
    assert_eq!(sb.addr().port(), port);
    let secret = sb.credentials().client_secret().expose_secret().to_owned();
    assert!(!format!("{:?}", sb.credentials()).contains(&secret));
    let http = reqwest::Client::new();
    let url = format!("{}/__sandbox/scenarios", sb.base_url());
    assert_eq!(http.get(&url).send().await.unwrap().status(), 200);
    drop(sb);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let fresh = reqwest::Client::new();
    assert!(fresh.get(&url).send().await.is_err());
}

#[tokio::test]
async fn run_until_serves_until_the_signal() {
    let sb = Sandbox::builder().start().await.unwrap();
    let url = format!("{}/__sandbox/scenarios", sb.base_url());
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(sb.run_until(rx));
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200);
    tx.send(()).unwrap();
    server.await.unwrap().unwrap();
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(reqwest::Client::new().get(&url).send().await.is_err());
}

#[tokio::test]
async fn slow_body_sends_headers_at_once_and_the_body_over_the_duration() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    ctx.sb.inject_fault(
        Endpoint::KycRules,
        Fault::slow_body(Duration::from_millis(400)),
        1,
    );
    let started = std::time::Instant::now();
    let res = ctx
        .http
        .get(ctx.url(RULES))
        .bearer_auth(&ctx.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "headers came late"
    );
    let body = res.bytes().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(380));
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["responseCode"], 0);

    // A client whose whole-exchange timeout is shorter fails while reading the body.
    ctx.sb.inject_fault(
        Endpoint::KycRules,
        Fault::slow_body(Duration::from_millis(600)),
        1,
    );
    let err = ctx
        .http
        .get(ctx.url(RULES))
        .bearer_auth(&ctx.token)
        .timeout(Duration::from_millis(200))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err}");
    assert_eq!(ctx.sb.requests(Endpoint::KycRules), 2);
}
