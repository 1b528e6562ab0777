//! Per-call overhead: `client.v2().rules()` against a hand-written reqwest GET of the
//! same URL with the same bearer header, sequentially and at concurrency 64, in one
//! run.
//!
//! Machine load drifts over seconds, and whole processes differ (the same side runs
//! 25 % faster in one process than in the next), so the sides are compared in many
//! short rounds, their order rotated, and each side's round is divided by the raw
//! side's round next to it: the reported ratio is the median of those paired ratios,
//! with its quartiles.

use std::sync::Arc;
use std::time::{Duration, Instant};

use faceki_http::transport::{HttpRequest, Transport};
use faceki_http::{Client, ReqwestTransport};
use faceki_types::model::KycRules;
use reqwest::header::{ACCEPT, AUTHORIZATION, HeaderMap, HeaderValue, USER_AGENT};

/// Sequential calls per round.
const SEQUENTIAL: usize = 20;
/// Sequential rounds per side.
const SEQUENTIAL_ROUNDS: usize = 150;
/// Concurrent tasks.
const CONCURRENCY: usize = 64;
/// Calls per task per concurrent round.
const PER_TASK: usize = 10;
/// Concurrent rounds per side.
const CONCURRENT_ROUNDS: usize = 150;
/// Warm-up calls per side.
const WARM_UP: usize = 300;

/// What is measured.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// What a user without the SDK would write: reqwest, the body parsed as `Value`.
    Raw,
    /// The same with the SDK's 120 s request timeout (one timer per call).
    RawWithTimeout,
    /// The SDK's transport and typed decoding with a cached token, without the
    /// client's engine: how much of the gap the engine is.
    TransportAndDecode,
    /// `client.v2().rules()`.
    Sdk,
    /// `client.v2().rules()` over the raw side's own `reqwest::Client`.
    SdkSharedClient,
}

const SIDES: [Side; 5] = [
    Side::Raw,
    Side::RawWithTimeout,
    Side::TransportAndDecode,
    Side::Sdk,
    Side::SdkSharedClient,
];

impl Side {
    fn label(self) -> &'static str {
        match self {
            Side::Raw => "raw: reqwest GET + `Value` parse",
            Side::RawWithTimeout => "raw + the SDK's 120 s timeout",
            Side::TransportAndDecode => "SDK transport + typed decode + cached token, no engine",
            Side::Sdk => "**SDK `v2().rules()`**",
            Side::SdkSharedClient => "SDK over the raw side's `reqwest::Client`",
        }
    }
}

#[derive(Clone)]
struct Sides {
    http: reqwest::Client,
    url: Arc<str>,
    bearer: HeaderValue,
    transport: ReqwestTransport,
    sdk: Client,
    sdk_shared: Client,
}

impl Sides {
    async fn call(&self, side: Side) {
        match side {
            Side::Raw | Side::RawWithTimeout => {
                let mut request = self
                    .http
                    .get(&*self.url)
                    .header(AUTHORIZATION, self.bearer.clone())
                    .header(ACCEPT, "application/json");
                if side == Side::RawWithTimeout {
                    request = request.timeout(faceki_http::DEFAULT_REQUEST_TIMEOUT);
                }
                let res = request.send().await.unwrap();
                assert!(res.status().is_success());
                let body = res.bytes().await.unwrap();
                let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
                assert_eq!(value["responseCode"], 0);
            }
            Side::TransportAndDecode => {
                let token = self.sdk.token_provider().unwrap().token().await.unwrap();
                let mut bearer =
                    HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())).unwrap();
                bearer.set_sensitive(true);
                let mut headers = HeaderMap::with_capacity(4);
                headers.insert(USER_AGENT, HeaderValue::from_static("faceki-rust"));
                headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
                headers.insert(AUTHORIZATION, bearer);
                let request = HttpRequest::new(http::Method::GET, self.url.to_string())
                    .with_headers(headers)
                    .with_timeout(Some(faceki_http::DEFAULT_REQUEST_TIMEOUT))
                    .with_max_response_bytes(u64::MAX);
                let res = self.transport.send(request).await.unwrap();
                let rules: KycRules = faceki_types::decode::decode(
                    res.status.as_u16(),
                    res.content_type(),
                    &res.body,
                )
                .unwrap();
                assert_eq!(rules.allowed_kyc_documents.len(), 3);
            }
            Side::Sdk | Side::SdkSharedClient => {
                let client = if side == Side::Sdk {
                    &self.sdk
                } else {
                    &self.sdk_shared
                };
                let rules = client.v2().rules().await.unwrap();
                assert_eq!(rules.allowed_kyc_documents.len(), 3);
            }
        }
    }

    async fn sequential(&self, side: Side, n: usize) -> Duration {
        let started = Instant::now();
        for _ in 0..n {
            self.call(side).await;
        }
        started.elapsed()
    }

    async fn concurrent(&self, side: Side) -> Duration {
        let started = Instant::now();
        let tasks: Vec<_> = (0..CONCURRENCY)
            .map(|_| {
                let sides = self.clone();
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
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

/// Prints one mode's table from per-side round durations (`rounds[side][round]`).
fn table(mode: &str, calls_per_round: usize, rounds: &[Vec<Duration>]) {
    println!(
        "### {mode} ({calls_per_round} calls per round, {} rounds per side)",
        rounds[0].len()
    );
    println!();
    println!("| side | µs/call (median round) | ÷ raw: median | p25 | p75 |");
    println!("|---|---:|---:|---:|---:|");
    let raw = &rounds[0];
    for (i, side) in SIDES.iter().enumerate() {
        let mut per_call: Vec<f64> = rounds[i]
            .iter()
            .map(|d| d.as_secs_f64() * 1e6 / calls_per_round as f64)
            .collect();
        per_call.sort_by(f64::total_cmp);
        let mut ratios: Vec<f64> = rounds[i]
            .iter()
            .zip(raw)
            .map(|(a, b)| a.as_secs_f64() / b.as_secs_f64())
            .collect();
        ratios.sort_by(f64::total_cmp);
        println!(
            "| {} | {:.1} | {:.3} | {:.3} | {:.3} |",
            side.label(),
            quantile(&per_call, 0.5),
            quantile(&ratios, 0.5),
            quantile(&ratios, 0.25),
            quantile(&ratios, 0.75),
        );
    }
    println!();
}

/// Runs the comparison and prints its tables.
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
    let http = reqwest::Client::new();
    let sdk_shared = Client::builder()
        .base_url(&base)
        .credentials("bench-id", "bench-secret")
        .transport(ReqwestTransport::from_client(http.clone()))
        .build()
        .unwrap();
    sdk_shared.v2().rules().await.unwrap();
    let sides = Sides {
        transport: ReqwestTransport::from_client(http.clone()),
        http,
        url: format!("{base}/kycrules/api/kycrules").into(),
        bearer: HeaderValue::from_str(&format!("Bearer {}", token.expose_secret())).unwrap(),
        sdk,
        sdk_shared,
    };

    for side in SIDES {
        sides.sequential(side, WARM_UP).await;
        sides.concurrent(side).await;
    }
    let mut seq: Vec<Vec<Duration>> = vec![Vec::new(); SIDES.len()];
    for round in 0..SEQUENTIAL_ROUNDS {
        // Rotate which side goes first, so drift in machine load is shared.
        for k in 0..SIDES.len() {
            let i = (round + k) % SIDES.len();
            seq[i].push(sides.sequential(SIDES[i], SEQUENTIAL).await);
        }
    }
    let mut con: Vec<Vec<Duration>> = vec![Vec::new(); SIDES.len()];
    for round in 0..CONCURRENT_ROUNDS {
        for k in 0..SIDES.len() {
            let i = (round + k) % SIDES.len();
            con[i].push(sides.concurrent(SIDES[i]).await);
        }
    }

    println!("## Per-call overhead: client.v2().rules() vs hand-written reqwest GET");
    println!(
        "(local axum server with a fixed body; {WARM_UP} warm-up calls and one concurrent \
         round per side; each round's time divided by the raw round beside it)"
    );
    println!();
    table("sequential", SEQUENTIAL, &seq);
    table("concurrency 64", CONCURRENCY * PER_TASK, &con);
}
