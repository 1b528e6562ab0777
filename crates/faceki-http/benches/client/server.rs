//! The benchmark's local server: a token endpoint, the V2 rules with a fixed body, and
//! a multi-verification endpoint that reads the upload chunk by chunk, discards it and
//! answers a fixed success. Nothing is buffered and nothing is checked, so the server's
//! own cost is as small and as constant as possible.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use futures_util::StreamExt;

/// The V2 rules body, in the shape the sandbox writes (API reference §2.3).
pub(crate) const RULES: &str = r#"{"responseCode":0,"data":{"_id":"5a4d00000000000000000001","companyId":"bench-company","__v":0,"allowedCountries":[],"allowedKycDocuments":["ID Card","Passport","Driving License"],"allowedNationalities":[],"createdAt":"2026-01-01T00:00:00.000Z","dataStorageTime":"FOREVER","declined":{"redirect_url":"https://bench.invalid/declined","message":"Declined!"},"invalid":{"redirect_url":"https://bench.invalid/invalid","message":"Invalid!"},"invalidDocuments":[],"isRecapturedDocumentInvalid":false,"link":"","livenessCheckType":"MODERATE","multiKYCEnabled":true,"status":"ACTIVE","storedData":true,"success":{"redirect_url":"https://bench.invalid/success","message":"Success!"},"updatedAt":"2026-01-01T00:00:00.000Z","validAge":18,"allowSingle":false,"engine_id":"bench","mandatory_geolocation":false,"profile_id":"bench-profile","verify_user_once":false}}"#;

pub(crate) const TOKEN: &str = r#"{"responseCode":0,"data":{"access_token":"bench-token-0123456789","expires_in":3600,"token_type":"Bearer"}}"#;

const MULTI: &str = r#"{"responseCode":0,"data":{"idKycData":{"requestId":"bench-1"}}}"#;

/// Bytes of upload bodies received and discarded so far.
#[derive(Clone, Default)]
pub(crate) struct Received(Arc<AtomicU64>);

impl Received {
    /// The total so far.
    pub(crate) fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

fn json(body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], body)
}

async fn discard(State(received): State<Received>, body: Body) -> impl IntoResponse {
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        match chunk {
            Ok(chunk) => {
                received.0.fetch_add(chunk.len() as u64, Ordering::Relaxed);
            }
            Err(_) => break,
        }
    }
    json(MULTI)
}

/// Starts the server on 127.0.0.1 (a free port) in the current runtime.
pub(crate) async fn start() -> (SocketAddr, Received) {
    let received = Received::default();
    let app = Router::new()
        .route("/auth/api/access-token", get(|| async { json(TOKEN) }))
        .route("/auth/api/generate-token", post(|| async { json(TOKEN) }))
        .route("/kycrules/api/kycrules", get(|| async { json(RULES) }))
        .route(
            "/kycverify/api/kycverify/multi-kyc-verification",
            post(discard),
        )
        .layer(DefaultBodyLimit::disable())
        .with_state(received.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, received)
}
