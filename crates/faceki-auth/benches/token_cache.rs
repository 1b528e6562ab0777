//! Token cache cost: a cached `CachingTokenProvider::token()` lookup, alone and under
//! concurrent callers, and a cold start with 1,000 concurrent callers against a fake
//! fetcher that takes 50 ms.
//!
//! Run with `cargo bench -p faceki-auth --bench token_cache`. Prints tables; the only
//! checks are of behaviour (one fetch per cold start), never of speed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use faceki_auth::{
    AuthError, CachingTokenProvider, Credentials, TokenFetcher, TokenProvider, async_trait,
};
use faceki_types::RequestSpec;
use faceki_types::model::TokenResponse;
use tokio::task::JoinSet;

/// Counts fetches and answers a one-hour token after `latency` (real time).
struct SlowFetcher {
    calls: AtomicUsize,
    latency: Duration,
}

#[async_trait]
impl TokenFetcher for SlowFetcher {
    async fn fetch(&self, _request: RequestSpec) -> Result<TokenResponse, AuthError> {
        let n = self.calls.fetch_add(1, Ordering::SeqCst);
        if !self.latency.is_zero() {
            tokio::time::sleep(self.latency).await;
        }
        Ok(TokenResponse::new(format!("token-{n}"), Some(3600)))
    }
}

fn provider(latency: Duration) -> Arc<CachingTokenProvider<SlowFetcher>> {
    Arc::new(CachingTokenProvider::new(
        Credentials::new("bench-client", "bench-secret"),
        SlowFetcher {
            calls: AtomicUsize::new(0),
            latency,
        },
    ))
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

/// ns per cached lookup from one task on a current-thread runtime: median and best of
/// 15 samples of about 100 ms, after a warm-up.
fn cached_single() -> (f64, f64) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let p = provider(Duration::ZERO);
    rt.block_on(p.token()).unwrap();
    let run = |n: u64| {
        rt.block_on(async {
            for _ in 0..n {
                black_box(p.token().await.unwrap());
            }
        })
    };
    // Warm-up, then size batches to about 100 ms.
    let t = Instant::now();
    run(100_000);
    let per_call = t.elapsed().as_secs_f64() / 100_000.0;
    let batch = ((0.1 / per_call) as u64).max(1);
    let samples = (0..15)
        .map(|_| {
            let t = Instant::now();
            run(batch);
            t.elapsed().as_nanos() as f64 / batch as f64
        })
        .collect();
    assert_eq!(p.fetcher().calls.load(Ordering::SeqCst), 1);
    let (med, best, _) = median(samples);
    (med, best)
}

/// Wall-clock ns per cached lookup when `tasks` tasks each make `per_task` lookups
/// on a multi-thread runtime with `workers` workers (median of 7 runs).
fn cached_contended(workers: usize, tasks: usize, per_task: usize) -> f64 {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_time()
        .build()
        .unwrap();
    let p = provider(Duration::ZERO);
    rt.block_on(p.token()).unwrap();
    let samples = (0..8)
        .map(|_| {
            rt.block_on(async {
                let t = Instant::now();
                let mut set = JoinSet::new();
                for _ in 0..tasks {
                    let p = Arc::clone(&p);
                    set.spawn(async move {
                        for _ in 0..per_task {
                            black_box(p.token().await.unwrap());
                        }
                    });
                }
                while let Some(r) = set.join_next().await {
                    r.unwrap();
                }
                t.elapsed().as_nanos() as f64 / (tasks * per_task) as f64
            })
        })
        .skip(1) // the first run warms up
        .collect();
    assert_eq!(p.fetcher().calls.load(Ordering::SeqCst), 1);
    median(samples).0
}

/// A cold start: `callers` tasks ask an empty cache at once; the fetch takes 50 ms.
/// Returns the fetch count and the wall time until every caller has its token.
fn cold_start(rt: &tokio::runtime::Runtime, callers: usize) -> (usize, Duration) {
    let p = provider(Duration::from_millis(50));
    rt.block_on(async {
        let t = Instant::now();
        let mut set = JoinSet::new();
        for _ in 0..callers {
            let p = Arc::clone(&p);
            set.spawn(async move { p.token().await });
        }
        let mut served = 0;
        while let Some(r) = set.join_next().await {
            assert_eq!(r.unwrap().unwrap().expose_secret(), "token-0");
            served += 1;
        }
        assert_eq!(served, callers);
        (p.fetcher().calls.load(Ordering::SeqCst), t.elapsed())
    })
}

fn main() {
    let (single, single_best) = cached_single();
    let contended = cached_contended(2, 1_000, 100);

    println!("| cached token() lookup | ns/op |");
    println!("|---|---|");
    println!(
        "| one task, current-thread runtime (median / best) | {single:.0} / {single_best:.0} |"
    );
    println!("| 1,000 tasks × 100 lookups, 2 workers (wall time per lookup) | {contended:.0} |");

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_time()
        .build()
        .unwrap();
    cold_start(&rt, 1_000); // warm-up
    let runs: Vec<(usize, Duration)> = (0..9).map(|_| cold_start(&rt, 1_000)).collect();
    let fetches: Vec<usize> = runs.iter().map(|r| r.0).collect();
    assert!(fetches.iter().all(|&n| n == 1), "fetch counts {fetches:?}");
    let (med, min, max) = median(runs.iter().map(|r| r.1.as_secs_f64() * 1e3).collect());
    println!();
    println!("| cold start, 1,000 concurrent callers, 50 ms fetch, 2 workers | value |");
    println!("|---|---|");
    println!("| fetches per cold start (9 runs) | {fetches:?} |");
    println!(
        "| wall time until all 1,000 have a token (median / min / max) | {med:.1} / {min:.1} / {max:.1} ms |"
    );
    println!(
        "| overhead over the 50 ms fetch (median) | {:.1} ms |",
        med - 50.0
    );
}
