//! Webhook delivery (reference §4): the "EKYC completed" payload after a V3
//! verification, and the portal-style status update on demand.
//!
//! Callbacks are plain HTTP POSTs with a JSON body; each attempt is recorded as a
//! [`Delivery`] for inspection. There is no retry (the reference documents none).

use std::fmt;
use std::time::Duration;

use axum::http::{Request, header};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

/// How long one delivery may take before it is recorded as failed.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// Which of the two §4 payloads was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryKind {
    /// `{requestId, fullName, status, kycData}` after a verification.
    Completed,
    /// `{requestId, fullName, status, modifiedByEmail}` from the "portal".
    PortalUpdate,
}

/// One webhook attempt and its result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Delivery {
    /// The callback URL.
    pub url: String,
    /// Which payload.
    pub kind: DeliveryKind,
    /// The verification the payload is about.
    pub request_id: String,
    /// The `status` field sent.
    pub status: String,
    /// The receiver's HTTP status, when it answered.
    pub http_status: Option<u16>,
    /// Why the delivery failed, when it did (connection refused, timeout, bad URL).
    pub error: Option<String>,
}

/// A small HTTP/1 client for callbacks on loopback.
pub(crate) struct WebhookClient {
    client: Client<HttpConnector, Full<Bytes>>,
}

impl fmt::Debug for WebhookClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("WebhookClient")
    }
}

impl WebhookClient {
    pub(crate) fn new() -> Self {
        WebhookClient {
            client: Client::builder(TokioExecutor::new()).build_http(),
        }
    }

    /// POSTs `payload` as JSON and records the outcome.
    pub(crate) async fn deliver(
        &self,
        url: &str,
        kind: DeliveryKind,
        request_id: &str,
        status: &str,
        payload: &Value,
    ) -> Delivery {
        let result = tokio::time::timeout(DELIVERY_TIMEOUT, self.post(url, payload)).await;
        let (http_status, error) = match result {
            Ok(Ok(code)) => (Some(code), None),
            Ok(Err(e)) => (None, Some(e)),
            Err(_) => (None, Some("timed out".to_owned())),
        };
        Delivery {
            url: url.to_owned(),
            kind,
            request_id: request_id.to_owned(),
            status: status.to_owned(),
            http_status,
            error,
        }
    }

    async fn post(&self, url: &str, payload: &Value) -> Result<u16, String> {
        let body = serde_json::to_vec(payload).map_err(|e| e.to_string())?;
        let request = Request::post(url)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::USER_AGENT, "faceki-sandbox-webhook")
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| format!("invalid callback URL: {e}"))?;
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        // Drain the answer so the connection can be reused; its content is ignored.
        let _ = response.into_body().collect().await;
        Ok(status)
    }
}

/// The §4 "EKYC completed" payload.
pub(crate) fn completed_payload(
    request_id: &str,
    full_name: &str,
    status: &str,
    record: &Value,
) -> Value {
    json!({ "requestId": request_id, "fullName": full_name, "status": status, "kycData": record })
}

/// The §4 "EKYC update from portal" payload.
pub(crate) fn portal_payload(
    request_id: &str,
    full_name: &str,
    status: &str,
    email: &str,
) -> Value {
    json!({
        "requestId": request_id, "fullName": full_name, "status": status,
        "modifiedByEmail": email
    })
}
