//! Fleet benchmarks against a `redis-server` started here on a free loopback port:
//!
//! - the cost of `token()` with a warm local copy, with and without the Redis store
//!   (the goal: equal within noise, since a warm call never touches Redis);
//! - the time for a cold fleet of 32 providers (each with its own store and
//!   connection) to all hold a token, against a fetcher that answers after 50 ms (a
//!   token call over the internet), and how many fetches it made.
//!
//! `cargo bench -p faceki-auth-redis --bench fleet`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

#[path = "../tests/support/redis_server.rs"]
mod redis_server;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use faceki_auth::{
    AuthError, CachingTokenProvider, Credentials, TokenFetcher, TokenProvider, TokenScope,
    async_trait,
};
use faceki_auth_redis::RedisTokenStore;
use faceki_types::RequestSpec;
use faceki_types::model::TokenResponse;

/// Answers every token call after `latency`, counting them.
#[derive(Default)]
struct Fetcher {
    calls: AtomicUsize,
    latency: Duration,
}

#[async_trait]
impl TokenFetcher for Fetcher {
    async fn fetch(&self, _request: RequestSpec) -> Result<TokenResponse, AuthError> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(self.latency).await;
        Ok(TokenResponse::new(format!("bench-token-{n}"), Some(3600)))
    }
}

fn credentials() -> Credentials {
    Credentials::new("bench-client", "bench-secret")
}

fn scope() -> TokenScope {
    TokenScope::new("https://sdk.faceki.com", "bench-client")
}

async fn per_call(provider: &dyn TokenProvider, calls: u32) -> f64 {
    let started = Instant::now();
    for _ in 0..calls {
        std::hint::black_box(provider.token().await.unwrap());
    }
    started.elapsed().as_nanos() as f64 / f64::from(calls)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let redis = redis_server::RedisServer::start();

    // Warm per-call cost, the two sides interleaved round by round.
    let plain = CachingTokenProvider::new(credentials(), Fetcher::default());
    let shared = CachingTokenProvider::new(credentials(), Fetcher::default()).with_store(
        Arc::new(RedisTokenStore::new(redis.url()).unwrap()),
        scope(),
    );
    plain.token().await.unwrap();
    shared.token().await.unwrap();
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..15 {
        a.push(per_call(&plain, 200_000).await);
        b.push(per_call(&shared, 200_000).await);
    }
    let (a, b) = (median(a), median(b));
    println!("## Warm token() per call (median of 15 interleaved rounds of 200,000 calls)\n");
    println!("| provider | ns/call |\n|---|---:|");
    println!("| CachingTokenProvider | {a:.1} |");
    println!("| CachingTokenProvider + RedisTokenStore | {b:.1} |");
    println!("| ratio | {:.3} |\n", b / a);

    // Cold fleet start.
    println!("## Cold start of 32 providers, one store and connection each\n");
    println!("| run | time to all ready (ms) | fetches |\n|---|---:|---:|");
    for run in 1..=5 {
        redis.command(&["FLUSHALL"]);
        let fetcher = Arc::new(Fetcher {
            calls: AtomicUsize::new(0),
            latency: Duration::from_millis(50),
        });
        let providers: Vec<_> = (0..32)
            .map(|_| {
                Arc::new(
                    CachingTokenProvider::new(credentials(), Arc::clone(&fetcher)).with_store(
                        Arc::new(RedisTokenStore::new(redis.url()).unwrap()),
                        scope(),
                    ),
                )
            })
            .collect();
        let started = Instant::now();
        let mut set = tokio::task::JoinSet::new();
        for p in providers {
            set.spawn(async move { p.token().await.map(drop) });
        }
        while let Some(r) = set.join_next().await {
            r.unwrap().unwrap();
        }
        println!(
            "| {run} | {:.1} | {} |",
            started.elapsed().as_secs_f64() * 1000.0,
            fetcher.calls.load(Ordering::SeqCst)
        );
    }
}
