//! End to end: a verification in the sandbox → the sandbox's webhook with the
//! portal-style custom header, sent twice, plus an AML update → this receiver → typed
//! events, each handled once; a sandbox configured with the wrong secret is refused
//! with 401.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use faceki_http::{Client, ImageInput};
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Sandbox, SandboxHandle, WebhookMethod, WebhookSettings};
use faceki_types::model::WebhookKind;
use faceki_webhook::{WebhookEvent, WebhookReceiver, WebhookVerifier};

const SECRET: &str = "portal-header-secret-2c7e";

async fn receiver() -> (String, Arc<Mutex<Vec<WebhookEvent>>>) {
    let got = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&got);
    let verifier = WebhookVerifier::new("Authorization", SECRET).unwrap();
    let app = WebhookReceiver::new(verifier, move |event| {
        let sink = Arc::clone(&sink);
        async move { sink.lock().unwrap().push(event) }
    })
    .router("/faceki");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/faceki", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (url, got)
}

async fn verify(sandbox: &SandboxHandle) {
    let creds = sandbox.credentials();
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .build()
        .unwrap();
    client
        .v3()
        .verify(
            faceki_http::v3::Verification::by_workflow("wf-default")
                .record_identifier("cust-webhook")
                .selfie(ImageInput::bytes(JPEG))
                .document_1_front(ImageInput::bytes(JPEG))
                .document_1_back(ImageInput::bytes(PNG)),
        )
        .await
        .unwrap();
}

/// Waits until the sandbox has logged `n` deliveries.
async fn deliveries(sandbox: &SandboxHandle, n: usize) -> Vec<faceki_sandbox::Delivery> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let log = sandbox.webhook_deliveries();
        if log.len() >= n || Instant::now() > deadline {
            return log;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sandbox_webhooks_arrive_typed_once_each_and_forgeries_get_401() {
    let (url, got) = receiver().await;
    let sandbox = Sandbox::builder()
        .webhook(
            WebhookSettings::new(url.clone())
                .method(WebhookMethod::Put)
                .header("Authorization", SECRET)
                .deliver_twice(true)
                .aml_updates(true),
        )
        .start()
        .await
        .unwrap();
    verify(&sandbox).await;
    let log = deliveries(&sandbox, 4).await;
    assert_eq!(log.len(), 4, "completed twice, AML update twice: {log:?}");
    assert!(log.iter().all(|d| d.http_status == Some(200)), "{log:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    {
        let got = got.lock().unwrap();
        // Handlers run on their own tasks: the order they finish in is not fixed.
        let mut kinds: Vec<WebhookKind> = got.iter().map(WebhookEvent::kind).collect();
        kinds.sort_unstable_by_key(|k| k.as_str());
        assert_eq!(
            kinds,
            [WebhookKind::AmlUpdate, WebhookKind::Completed],
            "each once"
        );
        assert!(got[0].request_id().is_some() && got[0].request_id() == got[1].request_id());
    }

    // A sandbox whose header holds the wrong secret: every delivery is refused.
    let forged = Sandbox::builder()
        .webhook(WebhookSettings::new(url).header("Authorization", "not-the-secret"))
        .start()
        .await
        .unwrap();
    verify(&forged).await;
    let log = deliveries(&forged, 1).await;
    assert_eq!(log[0].http_status, Some(401), "{log:?}");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        got.lock().unwrap().len(),
        2,
        "nothing forged reached the handler"
    );
}
