//! Hardening: the token variant fallback against a sandbox that answers one route,
//! redirects never followed, the response cap for every transport, and the file
//! checked being the file sent (symlinks and non-regular files refused; a file
//! changed between attempts refused; a file renamed over still streams the checked
//! content).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/fake.rs"]
mod fake;
#[path = "support/server.rs"]
mod server;

use std::time::Duration;

use faceki_http::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use faceki_http::{Client, Delivery, ImageInput, Lookup};
use faceki_sandbox::{Sandbox, TokenRoutes};
use faceki_types::{Endpoint, TokenRequestVariant};
use fake::{Fake, JPEG};

/// A sandbox that answers one token route, and a client with `variant` (or the
/// default) for it.
async fn one_route(
    routes: TokenRoutes,
    variant: Option<TokenRequestVariant>,
) -> (faceki_sandbox::SandboxHandle, Client) {
    let sandbox = Sandbox::builder()
        .token_routes(routes)
        .start()
        .await
        .unwrap();
    let creds = sandbox.credentials();
    let mut builder = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone());
    if let Some(variant) = variant {
        builder = builder.token_request_variant(variant);
    }
    (sandbox, builder.build().unwrap())
}

#[tokio::test]
async fn the_default_client_works_with_a_server_that_offers_only_the_get_variant() {
    let (sandbox, client) = one_route(TokenRoutes::AccessTokenOnly, None).await;
    client.v2().rules().await.unwrap();
    assert_eq!(
        sandbox.requests(Endpoint::GenerateToken),
        1,
        "tried B first"
    );
    assert_eq!(sandbox.requests(Endpoint::AccessToken), 1, "fell back to A");
    // The choice is remembered: a refresh goes straight to A.
    let provider = client.token_provider().unwrap();
    provider.invalidate(&provider.token().await.unwrap());
    client.v2().rules().await.unwrap();
    assert_eq!(sandbox.requests(Endpoint::GenerateToken), 1);
    assert_eq!(sandbox.requests(Endpoint::AccessToken), 2);
    assert_eq!(sandbox.tokens_issued(), 2);
}

#[tokio::test]
async fn a_client_configured_for_get_falls_back_to_the_json_post() {
    let variant = Some(TokenRequestVariant::QueryGet);
    let (sandbox, client) = one_route(TokenRoutes::GenerateTokenOnly, variant).await;
    client.v2().rules().await.unwrap();
    assert_eq!(sandbox.requests(Endpoint::AccessToken), 1);
    assert_eq!(sandbox.requests(Endpoint::GenerateToken), 1);
    assert_eq!(sandbox.tokens_issued(), 1);
}

#[tokio::test]
async fn redirects_are_never_followed() {
    let srv = server::Server::start().await;
    for location in [
        "http://example.invalid/kycrules/api/kycrules",
        &format!("{}/elsewhere", srv.base_url()),
    ] {
        srv.push(server::Answer::json(302, "").header("location", location));
        let client = Client::builder()
            .base_url(srv.base_url())
            .credentials(server::CLIENT_ID, server::CLIENT_SECRET)
            .build()
            .unwrap();
        let before = srv.api_calls().len();
        let err = client.v2().rules().await.unwrap_err();
        assert_eq!(err.http_status(), Some(302), "{err}");
        assert!(
            err.to_string().contains("redirects are never followed"),
            "{err}"
        );
        assert_eq!(err.delivery(), Delivery::Rejected, "{err}");
        assert_eq!(
            srv.api_calls().len(),
            before + 1,
            "the target was not requested"
        );
        assert!(!srv.seen().iter().any(|s| s.path == "/elsewhere"));
    }

    // A billed call redirected after a POST may have been processed (303 See Other):
    // it is looked up, never sent again.
    srv.push(server::Answer::json(303, "").header("location", "/done"))
        .push(server::Answer::json(
            200,
            r#"{"status":true,"code":200,"result":[]}"#,
        ));
    let client = Client::builder()
        .base_url(srv.base_url())
        .credentials(server::CLIENT_ID, server::CLIENT_SECRET)
        .build()
        .unwrap();
    let input = faceki_http::v3::Verification::by_workflow("wf")
        .record_identifier("cust-303")
        .selfie(ImageInput::bytes(JPEG))
        .document_1_front(ImageInput::bytes(JPEG));
    let err = client.v3().verify(input).await.unwrap_err();
    assert_eq!(err.delivery(), Delivery::MaybeProcessed, "{err}");
    assert_eq!(err.lookup(), Some(&Lookup::NotFound), "{err}");
    assert!(!srv.seen().iter().any(|s| s.path == "/done"));
}

/// A transport that ignores the response cap it is given.
#[derive(Debug)]
struct Generous;

#[faceki_http::async_trait]
impl Transport for Generous {
    async fn send(&self, _request: HttpRequest) -> Result<HttpResponse, TransportError> {
        Ok(HttpResponse::json(
            200,
            format!(r#"{{"responseCode":0,"data":"{}"}}"#, "x".repeat(4096)),
        ))
    }
}

#[tokio::test]
async fn the_response_cap_holds_for_every_transport() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .token_provider(faceki_auth::StaticTokenProvider::new("static"))
        .transport(Generous)
        .max_response_bytes(1024)
        .build()
        .unwrap();
    let err = client.v2().summary().await.unwrap_err();
    assert!(err.transport_error().unwrap().is_body_too_large(), "{err}");
    assert!(err.to_string().contains("1024"), "{err}");
}

fn verification(selfie: ImageInput) -> faceki_http::v3::Verification {
    faceki_http::v3::Verification::by_workflow("wf")
        .selfie(selfie)
        .document_1_front(ImageInput::bytes(JPEG))
}

#[cfg(unix)]
#[tokio::test]
async fn symlinks_and_non_regular_files_are_refused_before_sending() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("selfie.jpg");
    std::fs::write(&real, JPEG).unwrap();
    let link = dir.path().join("link.jpg");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let fake = Fake::new();
    let client = fake::client(&fake);
    for (path, expected) in [
        (link.clone(), "symbolic link"),
        (dir.path().to_path_buf(), "not a regular file"),
        (std::path::PathBuf::from("/dev/null"), "not a regular file"),
    ] {
        let err = client
            .v3()
            .verify(verification(ImageInput::path(&path)))
            .await
            .unwrap_err();
        assert!(err.is_invalid_input(), "{err}");
        assert!(err.to_string().contains(expected), "{err}");
        assert!(
            !err.to_string().contains("link.jpg"),
            "the path is not repeated: {err}"
        );
        assert_eq!(err.delivery(), Delivery::NotSent);
    }
    assert!(
        fake.requests().is_empty(),
        "nothing sent, not even a token call"
    );
}

/// The first attempt fails to connect (nothing sent, so it is retried) after `change`
/// has altered the file; the second attempt must not stream unchecked content.
async fn changed_between_attempts(
    change: impl FnOnce(&std::path::Path) + Send + 'static,
) -> (Fake, Result<(), faceki_http::Error>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("selfie.jpg");
    std::fs::write(&path, [JPEG, b"original-content"].concat()).unwrap();
    let fake = Fake::new();
    let client = fake::client(&fake);
    let target = path.clone();
    fake.reply_with(move || {
        change(&target);
        Err(TransportError::connect("refused"))
    });
    let result = client
        .v3()
        .verify(verification(ImageInput::path(&path)))
        .await
        .map(drop);
    drop(dir);
    (fake, result)
}

#[tokio::test]
async fn a_file_rewritten_in_place_between_attempts_is_refused() {
    // Same size, same first bytes, different content: only the modification time
    // tells (it is set explicitly, as a coarse clock could leave it unchanged).
    let (fake, result) = changed_between_attempts(|path| {
        std::fs::write(path, [JPEG, b"swapped-content!"].concat()).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(std::time::SystemTime::now() + Duration::from_secs(5))
            .unwrap();
    })
    .await;
    let err = result.unwrap_err();
    assert!(err.is_invalid_input(), "{err}");
    assert!(
        err.to_string().contains("modified since it was checked"),
        "{err}"
    );
    assert_eq!(
        fake.api_requests().len(),
        1,
        "only the refused first attempt"
    );

    // A different signature with the same size and time is caught by the first bytes.
    let (_, result) = changed_between_attempts(|path| {
        let before = std::fs::metadata(path).unwrap().modified().unwrap();
        let mut pdf = b"%PDF-1.7".to_vec();
        pdf.resize(JPEG.len() + b"original-content".len(), b'x');
        std::fs::write(path, pdf).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(before).unwrap();
    })
    .await;
    let err = result.unwrap_err();
    assert!(err.to_string().contains("content changed"), "{err}");
}

#[tokio::test]
async fn a_file_renamed_over_between_attempts_still_sends_what_was_checked() {
    let (fake, result) = changed_between_attempts(|path| {
        let other = path.with_file_name("other.jpg");
        std::fs::write(&other, [JPEG, b"replaced-content"].concat()).unwrap();
        std::fs::rename(&other, path).unwrap();
    })
    .await;
    result.unwrap();
    let sent = fake.api_requests();
    assert_eq!(sent.len(), 2);
    let body = String::from_utf8_lossy(&sent[1].body).into_owned();
    assert!(
        body.contains("original-content"),
        "the checked file was sent"
    );
    assert!(!body.contains("replaced-content"));
}
