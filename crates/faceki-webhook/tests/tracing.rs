//! Everything the receiver traces, at every level, holds neither the body nor the
//! secret. Its own test binary: tracing caches which callsites are enabled
//! process-wide, so a capture must not share a process with other tests' threads.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use faceki_webhook::{WebhookReceiver, WebhookVerifier};

const SECRET: &str = "receiver-secret-9d3b";
const COMPLETED: &str = r#"{"requestId":"r-7","fullName":"ANA POPESCU","status":"ACCEPTED","kycData":{"decision":"ACCEPTED"}}"#;

async fn post(url: &str, secret: &str, body: &str) {
    reqwest::Client::new()
        .post(url)
        .header("Authorization", secret)
        .body(body.to_owned())
        .send()
        .await
        .unwrap();
}

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The runtime is single-threaded, so the thread's subscriber sees every task.
#[tokio::test(flavor = "current_thread")]
async fn nothing_traced_holds_the_body_or_the_secret() {
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let app = WebhookReceiver::new(
        WebhookVerifier::new("Authorization", SECRET).unwrap(),
        |_| async {},
    )
    .router("/hook");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    post(&url, SECRET, COMPLETED).await;
    post(&url, SECRET, COMPLETED).await;
    post(&url, "forged-guess", COMPLETED).await;
    post(&url, SECRET, "not json ANA").await;
    tokio::time::sleep(Duration::from_millis(50)).await;
    let log = String::from_utf8_lossy(&buffer.0.lock().unwrap()).into_owned();
    assert!(
        log.contains("faceki webhook received") && log.contains("refused"),
        "{log}"
    );
    for secret in [SECRET, "forged-guess", "ANA", "POPESCU"] {
        assert!(!log.contains(secret), "`{secret}` was traced: {log}");
    }
}
