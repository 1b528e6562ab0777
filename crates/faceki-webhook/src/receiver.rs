//! [`WebhookReceiver`]: an axum route that reads the raw body, verifies it,
//! deduplicates and hands the typed event to a handler.

use std::fmt;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
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

    /// Replaces the duplicate store (for example one shared by several receivers,
    /// over your database: see [`DedupeStore`]).
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

    /// Handles one request: what the route does, usable from your own handler if
    /// you route differently.
    pub async fn handle(&self, request: Request) -> Response {
        let outcome = check(&self.inner.verifier, &*self.inner.dedupe, request).await;
        match &outcome {
            Outcome::Event { event, .. } => {
                tracing::info!(kind = %event.kind(), "faceki webhook received");
                tokio::spawn((self.inner.handler)(event.clone()));
            }
            Outcome::Duplicate { event } => {
                tracing::debug!(kind = %event.kind(), "faceki webhook: duplicate dropped");
            }
            Outcome::Rejected(rejection) => {
                tracing::warn!(reason = %rejection, "faceki webhook refused");
            }
            Outcome::Unreadable => {
                tracing::warn!("faceki webhook refused: the body could not be read");
            }
        }
        outcome.response()
    }
}

/// What a webhook request turned out to be. Its `Debug` shows the body's length,
/// never the body.
#[non_exhaustive]
pub enum Outcome {
    /// A verified event seen for the first time, with the raw body it came in.
    Event {
        /// The typed event.
        event: WebhookEvent,
        /// The verified raw body (personal data: never log it).
        body: Bytes,
    },
    /// A verified event already seen.
    Duplicate {
        /// The typed event.
        event: WebhookEvent,
    },
    /// A refused request.
    Rejected(Rejection),
    /// The body could not be read (the connection failed while it was sent).
    Unreadable,
}

impl fmt::Debug for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Event { event, body } => f
                .debug_struct("Event")
                .field("event", event)
                .field("body_len", &body.len())
                .finish(),
            Self::Duplicate { event } => f.debug_struct("Duplicate").field("event", event).finish(),
            Self::Rejected(rejection) => f.debug_tuple("Rejected").field(rejection).finish(),
            Self::Unreadable => f.write_str("Unreadable"),
        }
    }
}

impl Outcome {
    /// The answer: 200 `ok` or `duplicate`, or the rejection's status with its
    /// reason (never the body or a secret).
    pub fn response(&self) -> Response {
        match self {
            Self::Event { .. } => (StatusCode::OK, "ok").into_response(),
            Self::Duplicate { .. } => (StatusCode::OK, "duplicate").into_response(),
            Self::Rejected(rejection) => {
                let status = StatusCode::from_u16(rejection.http_status())
                    .unwrap_or(StatusCode::BAD_REQUEST);
                (status, rejection.to_string()).into_response()
            }
            Self::Unreadable => {
                (StatusCode::BAD_REQUEST, "the body could not be read").into_response()
            }
        }
    }
}

/// The receiver's checks without its handler, in an order that lets no stranger
/// make it buffer anything: the source address (when the server provides
/// `ConnectInfo<SocketAddr>`) and the secret header first, then a `Content-Length`
/// over the limit is refused unread, then the body is read (capped at the limit),
/// checked as JSON, and deduplicated (when the store fails, the event is treated as
/// new: handled, perhaps twice, never dropped). For receivers that act on each
/// outcome themselves (the `faceki webhook listen` command does).
pub async fn check(
    verifier: &WebhookVerifier,
    dedupe: &dyn DedupeStore,
    request: Request,
) -> Outcome {
    let source = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip());
    let (parts, body) = request.into_parts();
    let headers = parts
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()));
    if let Err(rejection) = verifier.check_request(headers, source) {
        return Outcome::Rejected(rejection);
    }
    let limit = verifier.body_limit();
    let declared = parts
        .headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(len) = declared.filter(|len| *len > limit) {
        return Outcome::Rejected(Rejection::TooLarge { limit, len });
    }
    let body = match axum::body::to_bytes(Body::new(body), limit.saturating_add(1)).await {
        Ok(body) => body,
        Err(error) if is_length_limit(&error) => {
            return Outcome::Rejected(Rejection::TooLarge {
                limit,
                len: limit.saturating_add(1),
            });
        }
        Err(_) => return Outcome::Unreadable,
    };
    let event = match verifier.check_body(&body) {
        Err(rejection) => return Outcome::Rejected(rejection),
        Ok(event) => event,
    };
    match dedupe.first_seen(&DedupeKey::of(&event)).await {
        Ok(true) => Outcome::Event { event, body },
        Ok(false) => Outcome::Duplicate { event },
        Err(error) => {
            // Handled anyway: twice is better than never (handlers are idempotent,
            // since Faceki sends no event id).
            tracing::warn!(
                %error,
                kind = %event.kind(),
                "faceki webhook: the duplicate store failed; handling the event, which may \
                 have been handled already"
            );
            Outcome::Event { event, body }
        }
    }
}

/// Whether reading the body stopped at the size limit (rather than failing).
fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = e.source();
    }
    false
}

async fn receive(State(receiver): State<WebhookReceiver>, request: Request) -> Response {
    receiver.handle(request).await
}
