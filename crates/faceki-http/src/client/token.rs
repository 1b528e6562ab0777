//! [`HttpTokenFetcher`]: faceki-auth's token fetch over any [`Transport`](crate::Transport).
//!
//! The token call goes through the same engine as every other call (so it is retried
//! when safe and traced), but its URL is never logged: the query of variant A holds
//! the client secret, and spans carry only the endpoint's name.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use faceki_auth::{AuthError, TokenFetcher};
use faceki_types::RequestSpec;
use faceki_types::decode::{ResponseError, decode};
use faceki_types::model::TokenResponse;
use tracing::Instrument;

use super::Client;
use super::body::random_boundary;
use super::execute::{Call, Engine};

/// Fetches tokens through the client's engine.
#[derive(Debug)]
pub(crate) struct HttpTokenFetcher {
    engine: Arc<Engine>,
    timeout: Duration,
}

impl HttpTokenFetcher {
    pub(crate) fn new(engine: Arc<Engine>, timeout: Duration) -> Self {
        Self { engine, timeout }
    }
}

#[async_trait]
impl TokenFetcher for HttpTokenFetcher {
    async fn fetch(&self, request: RequestSpec) -> Result<TokenResponse, AuthError> {
        let endpoint = request.endpoint();
        let span = Client::span(endpoint);
        async {
            let call = Call::from_spec(request, self.timeout, random_boundary)
                .map_err(|e| AuthError::invalid_response(e.to_string()))?;
            let answer = self
                .engine
                .execute(&call, None, &span, 1)
                .await
                .map_err(|e| {
                    if e.is_timeout() {
                        AuthError::timeout(Some(self.timeout))
                    } else {
                        // The engine's transport errors never carry a URL.
                        AuthError::transport(e.to_string())
                    }
                })?;
            decode::<TokenResponse>(answer.status, answer.content_type(), &answer.body).map_err(
                |e| match e {
                    ResponseError::Api(api) => {
                        span.record("response_code", api.code().code());
                        let server_failure = matches!(
                            api.code().category(),
                            faceki_types::response_code::Category::Server
                        );
                        if is_verdict_on_credentials(api.http_status()) && !server_failure {
                            AuthError::rejected(
                                Some(api.http_status()),
                                Some(api.code().code()),
                                api.message().map(str::to_owned),
                            )
                        } else {
                            AuthError::unavailable(api.http_status(), Some(api.code().code()))
                        }
                    }
                    ResponseError::Decode(d) if !(200..300).contains(&d.http_status()) => {
                        if is_verdict_on_credentials(d.http_status()) {
                            AuthError::rejected(Some(d.http_status()), None, None)
                        } else {
                            AuthError::unavailable(d.http_status(), None)
                        }
                    }
                    other => AuthError::invalid_response(other.to_string()),
                },
            )
        }
        .instrument(span.clone())
        .await
    }
}

/// Whether an answer under this HTTP status says something about the credentials:
/// not a redirect (3xx, never followed), a missing route (404, 405), a rate limit
/// (429) or a server failure (5xx).
fn is_verdict_on_credentials(status: u16) -> bool {
    !matches!(status, 300..=399 | 404 | 405 | 429 | 500..=599)
}
