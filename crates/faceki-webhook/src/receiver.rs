//! [`WebhookReceiver`]: an axum route that reads the raw body, verifies it,
//! deduplicates and hands the typed event to a handler.

use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use faceki_types::WebhookEvent;
use faceki_types::webhook::{DedupeKey, DedupeStore, MemoryDedupe, Rejection, WebhookVerifier};

type Handler =
    dyn Fn(WebhookEvent) -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync;

/// Receives Faceki webhooks (see the crate docs). Cheap to clone.
#[derive(Clone)]
pub struct WebhookReceiver {
    inner: Arc<Inner>,
}

struct Inner {
    verifier: WebhookVerifier,
    dedupe: Arc<dyn DedupeStore>,
    handler: Arc<Handler>,
}

impl fmt::Debug for WebhookReceiver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookReceiver")
            .field("verifier", &self.inner.verifier)
            .field("dedupe", &self.inner.dedupe)
            .finish_non_exhaustive()
    }
}

impl WebhookReceiver {
    /// A receiver that verifies with `verifier`, drops duplicates with a
    /// [`MemoryDedupe`] and runs `handler` for every new event. The handler runs
    /// on its own task after the 200 is sent: keep it short (enqueue the work).
    pub fn new<F, Fut>(verifier: WebhookVerifier, handler: F) -> Self
    where
        F: Fn(WebhookEvent) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        Self {
            inner: Arc::new(Inner {
                verifier,
                dedupe: Arc::new(MemoryDedupe::default()),
                handler: Arc::new(move |event| Box::pin(handler(event))),
            }),
        }
    }

    /// Replaces the duplicate store (for example one shared by several receivers).
    pub fn dedupe(self, store: impl DedupeStore + 'static) -> Self {
        Self {
            inner: Arc::new(Inner {
                verifier: self.inner.verifier.clone(),
                dedupe: Arc::new(store),
                handler: Arc::clone(&self.inner.handler),
            }),
        }
    }

    /// A router with the receiver at `path`, for any method (the portal may be set
    /// to POST or PUT). Merge it into your app, or serve it alone.
    pub fn router(self, path: &str) -> Router {
        Router::new().route(path, any(receive)).with_state(self)
    }

    /// Handles one request's parts: what the route does, usable from your own
    /// handler if you route differently.
    pub async fn handle(&self, request: Request) -> Response {
        let source = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip());
        let (parts, body) = request.into_parts();
        let limit = self.inner.verifier.body_limit();
        let body = match axum::body::to_bytes(Body::new(body), limit.saturating_add(1)).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return reject(&Rejection::TooLarge {
                    limit,
                    len: limit.saturating_add(1),
                });
            }
        };
        let headers = parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_bytes()));
        let event = match self.inner.verifier.verify(headers, source, &body) {
            Ok(event) => event,
            Err(rejection) => return reject(&rejection),
        };
        let key = DedupeKey::of(&event);
        if !self.inner.dedupe.first_seen(&key) {
            tracing::debug!(kind = %key.kind(), "faceki webhook: duplicate dropped");
            return (StatusCode::OK, "duplicate").into_response();
        }
        tracing::info!(kind = %key.kind(), "faceki webhook received");
        let work = (self.inner.handler)(event);
        tokio::spawn(work);
        (StatusCode::OK, "ok").into_response()
    }
}

async fn receive(State(receiver): State<WebhookReceiver>, request: Request) -> Response {
    receiver.handle(request).await
}

/// The answer to a refused request: its status and a short reason, never the body.
fn reject(rejection: &Rejection) -> Response {
    tracing::warn!(reason = %rejection, "faceki webhook refused");
    let status = StatusCode::from_u16(rejection.http_status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, rejection.to_string()).into_response()
}
