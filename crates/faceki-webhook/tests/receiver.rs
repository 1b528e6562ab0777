//! The receiver over real HTTP on 127.0.0.1: events reach the handler once, forged
//! and malformed requests get their status, and nothing logged holds the body or
//! the secret.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use std::collections::HashSet;

use faceki_webhook::{
    DedupeError, DedupeKey, DedupeStore, FirstSeen, WebhookEvent, WebhookReceiver, WebhookVerifier,
};

const SECRET: &str = "receiver-secret-9d3b";
const COMPLETED: &str = r#"{"requestId":"r-7","fullName":"ANA POPESCU","status":"ACCEPTED","kycData":{"decision":"ACCEPTED"}}"#;

/// Serves `receiver` on a free port; returns its URL and what the handler got.
async fn serve(verifier: WebhookVerifier) -> (String, Arc<Mutex<Vec<WebhookEvent>>>) {
    serve_with(
        verifier,
        None::<SharedStore>,
        Arc::new(Mutex::new(Vec::new())),
    )
    .await
}

/// [`serve`] with a duplicate store of the test's and a handler sink that several
/// receivers may share.
async fn serve_with(
    verifier: WebhookVerifier,
    store: Option<impl DedupeStore + 'static>,
    got: Arc<Mutex<Vec<WebhookEvent>>>,
) -> (String, Arc<Mutex<Vec<WebhookEvent>>>) {
    let sink = Arc::clone(&got);
    let receiver = WebhookReceiver::new(verifier, move |event| {
        let sink = Arc::clone(&sink);
        async move { sink.lock().unwrap().push(event) }
    });
    let receiver = match store {
        Some(store) => receiver.dedupe(store),
        None => receiver,
    };
    let app = receiver.router("/hook");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    (format!("http://{addr}/hook"), got)
}

async fn send(
    url: &str,
    method: reqwest::Method,
    secret: Option<&str>,
    body: &str,
) -> (u16, String) {
    let mut request = reqwest::Client::new()
        .request(method, url)
        .header("content-type", "application/json")
        .body(body.to_owned());
    if let Some(secret) = secret {
        request = request.header("Authorization", secret);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn settle() {
    tokio::time::sleep(Duration::from_millis(50)).await;
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new("Authorization", SECRET).unwrap()
}

#[tokio::test]
async fn an_event_reaches_the_handler_once_and_a_duplicate_is_dropped() {
    let (url, got) = serve(verifier()).await;
    assert_eq!(
        send(&url, reqwest::Method::POST, Some(SECRET), COMPLETED)
            .await
            .0,
        200
    );
    let (status, text) = send(&url, reqwest::Method::PUT, Some(SECRET), COMPLETED).await;
    assert_eq!((status, text.as_str()), (200, "duplicate"));
    settle().await;
    let got = got.lock().unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].request_id(), Some("r-7"));
    assert!(got[0].is_final());
}

/// A store shared by several receivers, as a database would be: it answers after a
/// wait (a round trip), by storage key, or fails when told to.
#[derive(Debug, Clone, Default)]
struct SharedStore {
    seen: Arc<Mutex<HashSet<String>>>,
    down: bool,
}

impl DedupeStore for SharedStore {
    fn first_seen<'a>(&'a self, key: &'a DedupeKey) -> FirstSeen<'a> {
        Box::pin(async move {
            tokio::time::sleep(Duration::from_millis(5)).await;
            if self.down {
                return Err(DedupeError::new("connection refused"));
            }
            Ok(self.seen.lock().unwrap().insert(key.storage_key()))
        })
    }
}

#[tokio::test]
async fn receivers_sharing_a_store_handle_an_event_once_between_them() {
    let (store, got) = (SharedStore::default(), Arc::new(Mutex::new(Vec::new())));
    let (a, _) = serve_with(verifier(), Some(store.clone()), Arc::clone(&got)).await;
    let (b, _) = serve_with(verifier(), Some(store), Arc::clone(&got)).await;
    let first = send(&a, reqwest::Method::POST, Some(SECRET), COMPLETED).await;
    let again = send(&b, reqwest::Method::POST, Some(SECRET), COMPLETED).await;
    assert_eq!((first.0, first.1.as_str()), (200, "ok"));
    assert_eq!((again.0, again.1.as_str()), (200, "duplicate"));
    settle().await;
    assert_eq!(got.lock().unwrap().len(), 1, "handled once by the fleet");
}

#[tokio::test]
async fn a_failing_store_lets_every_delivery_through_rather_than_drop_one() {
    let store = SharedStore {
        down: true,
        ..SharedStore::default()
    };
    let got = Arc::new(Mutex::new(Vec::new()));
    let (url, _) = serve_with(verifier(), Some(store), Arc::clone(&got)).await;
    for _ in 0..2 {
        let (status, text) = send(&url, reqwest::Method::POST, Some(SECRET), COMPLETED).await;
        assert_eq!((status, text.as_str()), (200, "ok"));
    }
    settle().await;
    assert_eq!(got.lock().unwrap().len(), 2, "handled twice, never lost");
}

#[tokio::test]
async fn forged_malformed_and_oversized_requests_get_their_status() {
    let (url, got) = serve(verifier().max_body_bytes(512)).await;
    let post = reqwest::Method::POST;
    let cases = [
        (Some("forged"), COMPLETED.to_owned(), 401),
        (None, COMPLETED.to_owned(), 401),
        (Some(SECRET), "<html>not json</html>".to_owned(), 400),
        (
            Some(SECRET),
            format!(r#"{{"requestId":"{}","kycData":{{}}}}"#, "x".repeat(600)),
            413,
        ),
    ];
    for (secret, body, expected) in cases {
        let (status, text) = send(&url, post.clone(), secret, &body).await;
        assert_eq!(status, expected, "{text}");
        assert!(
            !text.contains(SECRET) && !text.contains("ANA") && !text.contains("xxxx"),
            "{text}"
        );
    }
    settle().await;
    assert!(
        got.lock().unwrap().is_empty(),
        "nothing refused reaches the handler"
    );
}

#[tokio::test]
async fn a_source_outside_the_allow_list_is_forbidden() {
    let (url, got) = serve(verifier().allow_sources(["203.0.113.0/24"]).unwrap()).await;
    let (status, _) = send(&url, reqwest::Method::POST, Some(SECRET), COMPLETED).await;
    assert_eq!(status, 403, "127.0.0.1 is not in 203.0.113.0/24");
    let (url, _) = serve(verifier().allow_sources(["127.0.0.0/8"]).unwrap()).await;
    assert_eq!(
        send(&url, reqwest::Method::POST, Some(SECRET), COMPLETED)
            .await
            .0,
        200
    );
    settle().await;
    assert!(got.lock().unwrap().is_empty());
}

#[tokio::test]
async fn strangers_are_refused_before_their_body_is_read() {
    let (url, _) = serve(
        verifier()
            .max_body_bytes(64)
            .allow_sources(["203.0.113.0/24"])
            .unwrap(),
    )
    .await;
    // A disallowed source with a huge body: 403 (its size is never looked at).
    let big = format!(r#"{{"requestId":"{}","kycData":{{}}}}"#, "x".repeat(10_000));
    assert_eq!(
        send(&url, reqwest::Method::POST, Some(SECRET), &big)
            .await
            .0,
        403
    );
    let (url, _) = serve(verifier().max_body_bytes(64)).await;
    // A wrong secret with a huge body: 401, not 413.
    assert_eq!(
        send(&url, reqwest::Method::POST, Some("forged"), &big)
            .await
            .0,
        401
    );
    // The right secret: 413 from the declared length.
    assert_eq!(
        send(&url, reqwest::Method::POST, Some(SECRET), &big)
            .await
            .0,
        413
    );
}

#[tokio::test]
async fn an_outcome_s_debug_shows_the_body_s_length_only() {
    let request = axum::http::Request::builder()
        .method("POST")
        .header("Authorization", SECRET)
        .body(axum::body::Body::from(COMPLETED))
        .unwrap();
    let store = faceki_webhook::MemoryDedupe::default();
    let outcome = faceki_webhook::check(&verifier(), &store, request).await;
    let shown = format!("{outcome:?} {outcome:#?}");
    assert!(shown.contains("body_len"), "{shown}");
    assert!(
        !shown.contains("ANA") && !shown.contains("POPESCU"),
        "{shown}"
    );
}
