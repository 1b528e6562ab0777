//! `SandboxBuilder::token_routes`: a sandbox that answers only one token variant of
//! §1.2 (404 for the other path, 405 for the other method) and still counts every
//! token request, so a client's fallback between variants can be tested.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/helpers.rs"]
mod helpers;

use faceki_sandbox::{Sandbox, SandboxHandle, TokenRoutes};
use faceki_types::Endpoint;
use serde_json::{Value, json};

const ACCESS: &str = "/auth/api/access-token";
const GENERATE: &str = "/auth/api/generate-token";

/// A started sandbox and a client.
struct Env {
    sb: SandboxHandle,
    http: reqwest::Client,
}

impl Env {
    async fn start(routes: TokenRoutes) -> Env {
        let sb = Sandbox::builder()
            .token_routes(routes)
            .start()
            .await
            .unwrap();
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        Env { sb, http }
    }

    /// Asks for a token: `GET` with the credentials in the query (variant A style),
    /// `POST` with them in a JSON body (variant B style).
    async fn ask(&self, method: &str, path: &str) -> reqwest::Response {
        let c = self.sb.credentials();
        let (id, secret) = (c.client_id(), c.client_secret().expose_secret());
        let url = format!("{}{path}", self.sb.base_url());
        let req = if method == "GET" {
            let query = helpers::qs(&[("clientId", id), ("clientSecret", secret)]);
            self.http.get(format!("{url}?{query}"))
        } else {
            self.http
                .post(url)
                .json(&json!({ "clientId": id, "clientSecret": secret }))
        };
        req.send().await.unwrap()
    }

    /// The token of a successful answer, checked to open a protected route.
    async fn token_works(&self, res: reqwest::Response) {
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        let token = body["data"]["access_token"].as_str().unwrap();
        let rules = self
            .http
            .get(format!("{}/kycrules/api/kycrules", self.sb.base_url()))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(rules.status(), 200);
    }

    /// Per path, then overall: every hit is counted, refused ones included.
    fn assert_counts(&self, access: u64, generate: u64, issued: u64) {
        assert_eq!(self.sb.requests(Endpoint::AccessToken), access);
        assert_eq!(self.sb.requests(Endpoint::GenerateToken), generate);
        assert_eq!(self.sb.token_requests(), access + generate);
        assert_eq!(self.sb.tokens_issued(), issued);
    }
}

#[tokio::test]
async fn each_setting_answers_only_its_variant_and_counts_every_request() {
    let combos = [
        ("GET", ACCESS),
        ("POST", ACCESS),
        ("GET", GENERATE),
        ("POST", GENERATE),
    ];
    let settings = [
        (TokenRoutes::All, [200, 200, 200, 200]),
        (TokenRoutes::GenerateTokenOnly, [404, 404, 405, 200]),
        (TokenRoutes::AccessTokenOnly, [200, 405, 404, 404]),
    ];
    for (routes, expected) in settings {
        let env = Env::start(routes).await;
        for ((method, path), want) in combos.into_iter().zip(expected) {
            let res = env.ask(method, path).await;
            assert_eq!(res.status(), want, "{routes:?} {method} {path}");
        }
        let issued = expected.iter().filter(|s| **s == 200).count() as u64;
        env.assert_counts(2, 2, issued);
        let snapshot: Value = env
            .http
            .get(format!("{}/__sandbox/inspect", env.sb.base_url()))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(snapshot["tokenRequests"], 4);
        assert_eq!(snapshot["tokensIssued"], issued);
    }
}

#[tokio::test]
async fn refusals_look_like_an_unknown_path_and_a_wrong_method() {
    let env = Env::start(TokenRoutes::AccessTokenOnly).await;
    let unknown: Value = env
        .http
        .get(format!("{}/no/such/path", env.sb.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let res = env.ask("POST", GENERATE).await;
    assert_eq!(res.status(), 404);
    assert_eq!(res.json::<Value>().await.unwrap(), unknown);
    assert_eq!(unknown["code"], 1);
    assert_eq!(unknown["message"], "INVALID URL");

    let res = env.ask("POST", ACCESS).await;
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "GET");
    assert!(res.bytes().await.unwrap().is_empty());

    let env = Env::start(TokenRoutes::GenerateTokenOnly).await;
    let res = env.ask("GET", GENERATE).await;
    assert_eq!(res.status(), 405);
    assert_eq!(res.headers()["allow"], "POST");
}

#[tokio::test]
async fn a_client_falling_back_from_b_to_a_gets_one_token() {
    let env = Env::start(TokenRoutes::AccessTokenOnly).await;
    assert_eq!(env.ask("POST", GENERATE).await.status(), 404);
    env.token_works(env.ask("GET", ACCESS).await).await;
    env.assert_counts(1, 1, 1);
    let last = env.sb.last_request_to(Endpoint::GenerateToken).unwrap();
    assert_eq!(last.method, "POST");
}

#[tokio::test]
async fn a_client_falling_back_from_a_to_b_gets_one_token() {
    let env = Env::start(TokenRoutes::GenerateTokenOnly).await;
    assert_eq!(env.ask("GET", ACCESS).await.status(), 404);
    env.token_works(env.ask("POST", GENERATE).await).await;
    env.assert_counts(1, 1, 1);
}
