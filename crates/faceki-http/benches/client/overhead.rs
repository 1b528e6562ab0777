//! Per-call overhead: `Client::kyc_rules()` against a hand-written reqwest GET of the
//! same URL with the same bearer header, sequentially and at concurrency 64, in
//! alternating rounds; the median round is reported.

use std::sync::Arc;
use std::time::{Duration, Instant};

use faceki_http::Client;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderValue};

/// Sequential calls per round.
const SEQUENTIAL: usize = 2_000;
/// Concurrent tasks.
const CONCURRENCY: usize = 64;
/// Calls per concurrent task per round.
const PER_TASK: usize = 100;
/// Rounds (the median is reported).
const ROUNDS: usize = 9;
/// Warm-up calls per side.
const WARM_UP: usize = 300;

/// The raw baseline: what a user without the SDK would write.
#[derive(Clone)]
struct Raw {
    http: reqwest::Client,
    url: Arc<str>,
    bearer: HeaderValue,
    /// A per-request timeout, as the SDK sets one (120 s by default).
    timeout: Option<Duration>,
}

impl Raw {
    async fn call(&self) {
        let mut request = self
            .http
            .get(&*self.url)
            .header(AUTHORIZATION, self.bearer.clone())
            .header(ACCEPT, "application/json");
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        let res = request.send().await.unwrap();
        assert!(res.status().is_success());
        let body = res.bytes().await.unwrap();
        let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(value["responseCode"], 0);
    }
}

async fn sdk_call(client: &Client) {
    let rules = client.kyc_rules().await.unwrap();
    assert_eq!(rules.allowed_kyc_documents.len(), 3);
}

/// What is measured: the SDK, or the raw baseline with or without a timeout.
#[derive(Clone, Copy)]
enum Side {
    Sdk,
    Raw,
    RawWithTimeout,
    SdkSharedClient,
}

const SIDES: [Side; 4] = [
    Side::Sdk,
    Side::Raw,
    Side::RawWithTimeout,
    Side::SdkSharedClient,
];

/// The two raw clients share one connection pool; only the timeout differs.
#[derive(Clone)]
struct Sides {
    sdk: Client,
    sdk_shared: Client,
    raw: Raw,
    raw_timeout: Raw,
}

impl Sides {
    async fn call(&self, side: Side) {
        match side {
            Side::Sdk => sdk_call(&self.sdk).await,
            Side::Raw => self.raw.call().await,
            Side::RawWithTimeout => self.raw_timeout.call().await,
            Side::SdkSharedClient => sdk_call(&self.sdk_shared).await,
        }
    }
}

async fn sequential(sides: &Sides, side: Side, n: usize) -> Duration {
    let started = Instant::now();
    for _ in 0..n {
        sides.call(side).await;
    }
    started.elapsed()
}

async fn concurrent(sides: &Sides, side: Side) -> Duration {
    let started = Instant::now();
    let tasks: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let sides = sides.clone();
            tokio::spawn(async move {
                for _ in 0..PER_TASK {
                    sides.call(side).await;
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    started.elapsed()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs the comparison and prints its table.
pub(crate) async fn run() {
    let (addr, _) = super::server::start().await;
    let base = format!("http://{addr}");
    let sdk = Client::builder()
        .base_url(&base)
        .credentials("bench-id", "bench-secret")
        .build()
        .unwrap();
    // The token once, through the SDK; the raw side reuses it.
    let token = sdk.token_provider().unwrap().token().await.unwrap();
    let raw = Raw {
        http: reqwest::Client::new(),
        url: format!("{base}/kycrules/api/kycrules").into(),
        bearer: HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())).unwrap(),
        timeout: None,
    };
    let raw_timeout = Raw {
        timeout: Some(faceki_http::DEFAULT_REQUEST_TIMEOUT),
        ..raw.clone()
    };
    let sdk_shared = Client::builder()
        .base_url(&base)
        .credentials("bench-id", "bench-secret")
        .transport(faceki_http::ReqwestTransport::from_client(raw.http.clone()))
        .build()
        .unwrap();
    sdk_shared.kyc_rules().await.unwrap();
    let sides = Sides {
        sdk,
        sdk_shared,
        raw,
        raw_timeout,
    };

    for side in SIDES {
        sequential(&sides, side, WARM_UP).await;
        concurrent(&sides, side).await;
    }
    let mut seq: [Vec<Duration>; 4] = Default::default();
    let mut con: [Vec<Duration>; 4] = Default::default();
    for round in 0..ROUNDS {
        // Rotate which side goes first, so drift in machine load is shared.
        for k in 0..SIDES.len() {
            let i = (round + k) % SIDES.len();
            seq[i].push(sequential(&sides, SIDES[i], SEQUENTIAL).await);
        }
        for k in 0..SIDES.len() {
            let i = (round + k) % SIDES.len();
            con[i].push(concurrent(&sides, SIDES[i]).await);
        }
    }

    println!("## Per-call overhead: Client::kyc_rules() vs hand-written reqwest GET");
    println!(
        "(median of {ROUNDS} rotating rounds; local axum server with a fixed body; \
         {WARM_UP} warm-up calls and one concurrent run per side; raw+t = raw with the \
         SDK's 120 s request timeout)"
    );
    println!();
    println!(
        "| mode | calls | SDK ms | SDK µs/call | raw ms | raw µs/call | SDK/raw \
         | raw+t ms | raw+t µs/call | SDK/raw+t |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let rows = [
        ("sequential", SEQUENTIAL, seq),
        ("concurrency 64", CONCURRENCY * PER_TASK, con),
    ];
    for (mode, calls, [sdk, raw, raw_t, shared]) in rows {
        let (sdk, raw, raw_t, shared) = (median(sdk), median(raw), median(raw_t), median(shared));
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let per = |d: Duration| d.as_secs_f64() * 1e6 / calls as f64;
        println!(
            "| {mode} | {calls} | {:.1} | {:.1} | {:.1} | {:.1} | {:.3} | {:.1} | {:.1} | {:.3} |",
            ms(sdk),
            per(sdk),
            ms(raw),
            per(raw),
            sdk.as_secs_f64() / raw.as_secs_f64(),
            ms(raw_t),
            per(raw_t),
            sdk.as_secs_f64() / raw_t.as_secs_f64(),
        );
        println!(
            "|  ↳ SDK over the raw side's reqwest::Client | {calls} | {:.1} | {:.1} | | | {:.3} | | | {:.3} |",
            ms(shared),
            per(shared),
            shared.as_secs_f64() / raw.as_secs_f64(),
            shared.as_secs_f64() / raw_t.as_secs_f64(),
        );
    }
    println!();
}
