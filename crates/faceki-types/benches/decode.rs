//! Decoding cost: typed decoding through `faceki_types::decode` versus reading the same
//! bytes into an untyped `serde_json::Value`.
//!
//! Run with `cargo bench -p faceki-types --bench decode`. Prints a table (median and
//! best ns/op over 15 timed samples of about 100 ms, after a warm-up) and each
//! reading's ratio to reading the whole body as a `Value`, broken down into the
//! envelope probe and the payload alone; nothing is asserted about speed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use faceki_types::decode::{decode, decode_envelope};
use faceki_types::{Records, VerificationResult};
use serde_json::Value;

/// How many records the V3 list holds: a realistic page of results.
const RECORDS: usize = 50;

/// Runs `f` for about `WARM_UP`, then `SAMPLES` batches of about `SAMPLE` each, and
/// returns the median and the fastest sample in ns per call.
fn measure(mut f: impl FnMut()) -> (f64, f64) {
    const WARM_UP: Duration = Duration::from_millis(300);
    const SAMPLE: Duration = Duration::from_millis(100);
    const SAMPLES: usize = 15;
    let start = Instant::now();
    let mut calls = 0u64;
    while start.elapsed() < WARM_UP {
        f();
        calls += 1;
    }
    let per_call = WARM_UP.as_secs_f64() / calls as f64;
    let batch = ((SAMPLE.as_secs_f64() / per_call) as u64).max(1);
    let mut samples: Vec<f64> = (0..SAMPLES)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                f();
            }
            t.elapsed().as_nanos() as f64 / batch as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[SAMPLES / 2], samples[0])
}

/// The V3 records fixture with its one record repeated `n` times (distinct ids).
fn records_body(n: usize) -> Vec<u8> {
    let mut body: Value =
        serde_json::from_slice(include_bytes!("../tests/fixtures/v3_records.json")).unwrap();
    let record = body["result"][0].clone();
    let list: Vec<Value> = (0..n)
        .map(|i| {
            let mut r = record.clone();
            r["requestId"] = Value::String(format!("request-{i:04}"));
            r
        })
        .collect();
    body["result"] = Value::Array(list);
    serde_json::to_vec(&body).unwrap()
}

/// Times the ways of reading one body into `T`, and prints them as table rows.
fn compare<T: serde::de::DeserializeOwned>(case: &str, body: &[u8]) {
    let ct = Some("application/json");
    let payload = decode_envelope(200, ct, body)
        .unwrap()
        .raw_payload()
        .unwrap()
        .get()
        .to_owned();
    let typed = measure(|| {
        black_box(decode::<T>(200, ct, black_box(body)).unwrap());
    });
    let value = measure(|| {
        black_box(serde_json::from_slice::<Value>(black_box(body)).unwrap());
    });
    let envelope = measure(|| {
        black_box(decode_envelope(200, ct, black_box(body)).unwrap());
    });
    let model_only = measure(|| {
        black_box(serde_json::from_str::<T>(black_box(&payload)).unwrap());
    });
    let value_only = measure(|| {
        black_box(serde_json::from_str::<Value>(black_box(&payload)).unwrap());
    });
    let row = |what: &str, (median, best): (f64, f64)| {
        println!(
            "| {case} | {what} | {median:.0} | {best:.0} | {:.2} | {:.2} |",
            median / value.0,
            best / value.1
        );
    };
    row("`decode::<T>` (envelope + typed payload)", typed);
    row("`serde_json::from_slice::<Value>` of the body", value);
    row("`decode_envelope` alone (the probe pass)", envelope);
    row("`serde_json::from_str::<T>` of the payload", model_only);
    row("`serde_json::from_str::<Value>` of the payload", value_only);
}

fn main() {
    let v2: &[u8] = include_bytes!("../tests/fixtures/v2_single_verification.json");
    let v3 = records_body(RECORDS);

    // Both decode to what the fixtures say before anything is timed.
    let result: VerificationResult = decode(200, Some("application/json"), v2).unwrap();
    assert!(result.request_id.is_some());
    let records: Records = decode(200, Some("application/json"), &v3).unwrap();
    assert_eq!(records.len(), RECORDS);

    println!(
        "| body | reading | ns/op (median) | ns/op (best) | ÷ `Value` (median) | ÷ `Value` (best) |"
    );
    println!("|---|---|---|---|---|---|");
    compare::<VerificationResult>(&format!("V2 single verification, {} B", v2.len()), v2);
    compare::<Records>(&format!("V3 records ×{RECORDS}, {} B", v3.len()), &v3);
}
