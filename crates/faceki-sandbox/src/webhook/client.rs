//! [`WebhookClient`]: a small HTTP/1 client that sends one callback and reports the
//! receiver's status (or why there is none).

use std::fmt;
use std::time::Duration;

use axum::http::{HeaderMap, HeaderValue, Request, header};
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use super::WebhookMethod;

/// How long one delivery may take before it is recorded as failed.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// The `User-Agent` sent unless the settings configure one.
const USER_AGENT: &str = "faceki-sandbox-webhook";

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

    /// Sends `body` as JSON with the method and custom headers; the receiver's HTTP
    /// status, or why there is none (bad URL, connection refused, timeout).
    pub(crate) async fn send(
        &self,
        method: WebhookMethod,
        url: &str,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<u16, String> {
        tokio::time::timeout(DELIVERY_TIMEOUT, self.request(method, url, headers, body))
            .await
            .unwrap_or_else(|_| Err("timed out".to_owned()))
    }

    async fn request(
        &self,
        method: WebhookMethod,
        url: &str,
        headers: &HeaderMap,
        body: Bytes,
    ) -> Result<u16, String> {
        let mut request = Request::builder()
            .method(method.to_http())
            .uri(url)
            .body(Full::new(body))
            .map_err(|e| format!("invalid callback URL: {e}"))?;
        let sent = request.headers_mut();
        sent.clone_from(headers);
        sent.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        sent.entry(header::USER_AGENT)
            .or_insert(HeaderValue::from_static(USER_AGENT));
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
