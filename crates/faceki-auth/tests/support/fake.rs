//! A scripted [`TokenFetcher`] for the integration tests: counts calls, records the
//! requests it was given, waits a configurable latency (on tokio's clock, so paused
//! time applies) and answers from a closure of the call index.

// Each test file uses a different part of the fake.
#![allow(dead_code)]

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use faceki_auth::{AuthError, TokenFetcher, async_trait};
use faceki_types::model::TokenResponse;
use faceki_types::{Method, RequestSpec};

type Script = dyn Fn(usize) -> Result<TokenResponse, AuthError> + Send + Sync;

/// What a recorded request looked like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    pub(crate) method: Method,
    pub(crate) path_and_query: String,
}

pub(crate) struct FakeFetcher {
    calls: AtomicUsize,
    latency: Duration,
    script: Box<Script>,
    seen: Mutex<Vec<Seen>>,
}

impl FakeFetcher {
    /// Answers call `n` (0-based) with `script(n)` after `latency`.
    pub(crate) fn new(
        latency: Duration,
        script: impl Fn(usize) -> Result<TokenResponse, AuthError> + Send + Sync + 'static,
    ) -> Self {
        Self {
            calls: AtomicUsize::new(0),
            latency,
            script: Box::new(script),
            seen: Mutex::new(Vec::new()),
        }
    }

    /// Always succeeds with `token-<n>` living `expires_in` seconds.
    pub(crate) fn tokens(latency: Duration, expires_in: Option<u64>) -> Self {
        Self::new(latency, move |n| Ok(token(n, expires_in)))
    }

    /// How many fetches were started.
    pub(crate) fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The requests seen so far.
    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// The response `token-<n>` with the given lifetime.
pub(crate) fn token(n: usize, expires_in: Option<u64>) -> TokenResponse {
    TokenResponse::new(format!("token-{n}"), expires_in)
}

#[async_trait]
impl TokenFetcher for FakeFetcher {
    async fn fetch(&self, request: RequestSpec) -> Result<TokenResponse, AuthError> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        self.seen.lock().unwrap().push(Seen {
            method: request.method(),
            path_and_query: request.path_and_query(),
        });
        if !self.latency.is_zero() {
            tokio::time::sleep(self.latency).await;
        }
        (self.script)(n)
    }
}
