//! [`transport_fn`]: a closure as a [`Transport`], so a unit test can stand in for
//! the network without a struct or `async_trait` (the pattern of oauth2-rs's
//! `AsyncHttpClient` for closures).

use std::fmt;

use super::{HttpRequest, HttpResponse, Transport, TransportError};

/// A [`Transport`] that calls a closure for every request: see [`transport_fn`].
#[derive(Clone)]
pub struct TransportFn<F> {
    send: F,
}

impl<F> fmt::Debug for TransportFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportFn").finish_non_exhaustive()
    }
}

/// A transport that answers every request with `send(request).await`.
///
/// The client enforces its own timeouts around it (the closure need not), and
/// everything the client does with a transport's answer (size cap, status, decoding,
/// retries, reconciliation) applies unchanged.
///
/// ```
/// use faceki_http::Client;
/// use faceki_http::transport::{HttpResponse, TransportError, transport_fn};
///
/// # async fn demo() -> Result<(), faceki_http::Error> {
/// let client = Client::builder()
///     .credentials("id", "secret")
///     .transport(transport_fn(|request| async move {
///         let body = if request.url_without_query().contains("/auth/api/") {
///             r#"{"responseCode":0,"data":{"access_token":"t","expires_in":3600}}"#
///         } else {
///             r#"{"responseCode":0,"data":{"allowedKycDocuments":["Passport"]}}"#
///         };
///         Ok::<_, TransportError>(HttpResponse::json(200, body))
///     }))
///     .build()?;
/// let rules = client.v2().rules().await?;
/// assert_eq!(rules.allowed_kyc_documents.len(), 1);
/// # Ok(()) }
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(demo()).unwrap();
/// ```
pub fn transport_fn<F, Fut>(send: F) -> TransportFn<F>
where
    F: Fn(HttpRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<HttpResponse, TransportError>> + Send + 'static,
{
    TransportFn { send }
}

#[async_trait::async_trait]
impl<F, Fut> Transport for TransportFn<F>
where
    F: Fn(HttpRequest) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<HttpResponse, TransportError>> + Send + 'static,
{
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (self.send)(request).await
    }
}
