//! Token endpoint (§1.2) in every variant, the 422 token error, bearer validation with
//! the 401 body, and token expiry through the advanceable clock.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use std::time::Duration;

use faceki_sandbox::Sandbox;
use faceki_types::Endpoint;
use helpers::Ctx;
use serde_json::{Value, json};

async fn read(res: reqwest::Response) -> (u16, Value) {
    (res.status().as_u16(), res.json().await.unwrap())
}

fn assert_token(status: u16, body: &Value, lifetime: u64) {
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["responseCode"], 0);
    assert!(body["data"]["access_token"].as_str().unwrap().len() > 20);
    assert_eq!(body["data"]["expires_in"], lifetime);
    assert_eq!(body["data"]["token_type"], "Bearer");
}

#[tokio::test]
async fn every_variant_issues_a_token() {
    let sb = Sandbox::builder().start().await.unwrap();
    let http = reqwest::Client::new();
    let c = sb.credentials();
    let (id, secret) = (c.client_id(), c.client_secret().expose_secret());
    for path in ["/auth/api/access-token", "/auth/api/generate-token"] {
        let url = format!("{}{path}", sb.base_url());
        let with_query = format!(
            "{url}?{}",
            helpers::qs(&[("clientId", id), ("clientSecret", secret)])
        );
        let (s, b) = read(http.get(&with_query).send().await.unwrap()).await;
        assert_token(s, &b, 3600);
        let (s, b) = read(http.post(&with_query).send().await.unwrap()).await;
        assert_token(s, &b, 3600);
        let body = json!({ "clientId": id, "clientSecret": secret });
        let (s, b) = read(http.post(&url).json(&body).send().await.unwrap()).await;
        assert_token(s, &b, 3600);
        let (s, b) = read(
            http.get(&url)
                .header("clientId", id)
                .header("clientSecret", secret)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_token(s, &b, 3600);
        let body = json!({ "client_id": id, "client_secret": secret });
        let (s, b) = read(http.post(&url).json(&body).send().await.unwrap()).await;
        assert_token(s, &b, 3600);
    }
    assert_eq!(sb.token_requests(), 10);
    assert_eq!(sb.requests(Endpoint::GenerateToken), 5);
    let last = sb.last_request_to(Endpoint::AccessToken).unwrap();
    assert!(last.query_keys.is_empty());
    assert_eq!(last.method, "POST");
}

#[tokio::test]
async fn missing_or_wrong_credentials_answer_the_422_shape() {
    let sb = Sandbox::builder()
        .client_id("id-1")
        .client_secret("secret-1")
        .start()
        .await
        .unwrap();
    let http = reqwest::Client::new();
    let url = format!("{}/auth/api/generate-token", sb.base_url());
    let cases = [
        (json!({ "clientSecret": "" }), "client id is required"),
        (json!({ "clientId": "id-1" }), "client secret is required"),
        (
            json!({ "clientId": "id-1", "clientSecret": "nope" }),
            "invalid client credentials",
        ),
        (
            json!({ "clientId": "other", "clientSecret": "secret-1" }),
            "invalid client credentials",
        ),
    ];
    for (body, message) in cases {
        let (s, b) = read(http.post(&url).json(&body).send().await.unwrap()).await;
        assert_eq!(s, 422);
        assert_eq!(
            b,
            json!({ "status": false, "message": message, "statusCode": 422, "data": {} })
        );
    }
    let (s, b) = read(
        http.get(format!(
            "{}/auth/api/access-token?clientId=id-1&clientSecret=secret-1",
            sb.base_url()
        ))
        .send()
        .await
        .unwrap(),
    )
    .await;
    assert_token(s, &b, 3600);
}

#[tokio::test]
async fn bearer_missing_unknown_or_expired_answers_401() {
    let ctx = Ctx::start(Sandbox::builder().token_lifetime(Duration::from_secs(60))).await;
    let rules = ctx.url("/kycrules/api/kycrules");
    let unauthorized = json!({ "status": false, "code": 1, "message": "UNAUTHORIZED" });

    let (s, b) = read(ctx.http.get(&rules).send().await.unwrap()).await;
    assert_eq!((s, &b), (401, &unauthorized));
    let (s, b) = read(
        ctx.http
            .get(&rules)
            .bearer_auth("sbx.forged")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!((s, &b), (401, &unauthorized));

    let (s, b) = ctx.get("/kycrules/api/kycrules").await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 0);

    ctx.sb.advance_clock(Duration::from_secs(59));
    assert_eq!(ctx.get("/kycrules/api/kycrules").await.0, 200);
    ctx.sb.advance_clock(Duration::from_secs(2));
    let (s, b) = ctx.get("/kycrules/api/kycrules").await;
    assert_eq!((s, &b), (401, &unauthorized));
    // A V3 route answers the same.
    let (s, b) = ctx
        .get("/api/v3/workflows/rules?workflowId=wf-default")
        .await;
    assert_eq!((s, &b), (401, &unauthorized));
    assert_eq!(ctx.sb.token_requests(), 1);
}

#[tokio::test]
async fn tokens_expire_after_the_configured_lifetime_in_real_time() {
    let ctx = Ctx::start(Sandbox::builder().token_lifetime(Duration::from_millis(300))).await;
    assert_eq!(ctx.get("/kycrules/api/kycrules").await.0, 200);
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(ctx.get("/kycrules/api/kycrules").await.0, 401);
}

#[tokio::test]
async fn link_routes_need_no_token() {
    let ctx = Ctx::start(Sandbox::builder()).await;
    let link = ctx
        .create_link(json!({ "expiryTime": 10, "applicationId": "app-1" }))
        .await;
    let res = ctx
        .http
        .get(ctx.url(&format!(
            "/kycverify/api/kycverify/validate-kyc-verify-link?url={link}"
        )))
        .send()
        .await
        .unwrap();
    let (s, b) = read(res).await;
    assert_eq!(s, 200);
    assert_eq!(b["responseCode"], 0);
    assert!(b["data"]["allowedKycDocuments"].is_array());
}

#[tokio::test]
async fn debug_output_never_shows_the_secret_or_a_token() {
    let builder = Sandbox::builder().client_secret("very-secret-value");
    assert!(!format!("{builder:?}").contains("very-secret-value"));
    let ctx = Ctx::start(builder).await;
    for shown in [
        format!("{:?}", ctx.sb),
        format!("{:?}", ctx.sb.credentials()),
    ] {
        assert!(!shown.contains("very-secret-value"), "{shown}");
        assert!(!shown.contains(&ctx.token), "{shown}");
    }
    assert_eq!(
        ctx.sb.credentials().client_secret().expose_secret(),
        "very-secret-value"
    );
}
