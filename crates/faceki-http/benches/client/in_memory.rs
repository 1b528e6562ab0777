//! The SDK's own CPU cost per call, with no network: `client.v2().rules()` over a
//! transport that answers from memory, next to the JSON parse a hand-written client
//! does anyway. The difference is what the SDK adds per call (token cache, request
//! building, retry bookkeeping, span, timeout, envelope checks, typed decoding).

use std::time::{Duration, Instant};

use faceki_http::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use faceki_http::{Client, async_trait};

const CALLS: usize = 50_000;
const ROUNDS: usize = 5;

/// Answers the token and rules requests from memory.
#[derive(Debug)]
struct Canned;

#[async_trait]
impl Transport for Canned {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let body = if request.url_without_query().contains("/auth/api/") {
            super::server::TOKEN
        } else {
            super::server::RULES
        };
        Ok(HttpResponse::json(200, body))
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs the measurement and prints its table.
pub(crate) async fn run() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("bench-id", "bench-secret")
        .transport(Canned)
        .build()
        .unwrap();
    let (mut sdk, mut parse) = (Vec::new(), Vec::new());
    for round in 0..=ROUNDS {
        let started = Instant::now();
        for _ in 0..CALLS {
            let rules = client.v2().rules().await.unwrap();
            assert_eq!(rules.allowed_kyc_documents.len(), 3);
        }
        let t_sdk = started.elapsed();
        let started = Instant::now();
        for _ in 0..CALLS {
            let body = bytes::Bytes::from_static(super::server::RULES.as_bytes());
            let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(value["responseCode"], 0);
        }
        let t_parse = started.elapsed();
        if round > 0 {
            // Round 0 is the warm-up.
            sdk.push(t_sdk);
            parse.push(t_parse);
        }
    }
    let per = |d: Duration| d.as_secs_f64() * 1e6 / CALLS as f64;
    let (sdk, parse) = (per(median(sdk)), per(median(parse)));
    println!("## SDK CPU per call, no network (in-memory transport)");
    println!("(median of {ROUNDS} rounds of {CALLS} calls)");
    println!();
    println!("| what | µs/call |");
    println!("|---|---:|");
    println!("| `client.v2().rules()` over an in-memory transport | {sdk:.2} |");
    println!(
        "| `serde_json::from_slice::<Value>` of the same body (the raw side's parse) | {parse:.2} |"
    );
    println!("| added by the SDK | {:.2} |", sdk - parse);
    println!();
}
