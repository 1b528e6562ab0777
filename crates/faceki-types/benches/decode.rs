//! Decoding cost: typed decoding through `faceki_types::decode` versus reading the same
//! bytes into an untyped `serde_json::Value`.
//!
//! Run with `cargo bench -p faceki-types --bench decode`. Prints a table (median and
//! best ns/op over 21 interleaved batches of about 50 ms, after a warm-up) and each
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

/// Times several readings of the same body, interleaved so that every reading sees the
/// same background load: a warm-up of about 200 ms each, then `SAMPLES` rounds in which
/// each reading runs one batch of about 50 ms. Returns, per reading, the median and the
/// fastest batch in ns per call.
fn measure(readings: &mut [Box<dyn FnMut() + '_>]) -> Vec<(f64, f64)> {
    const WARM_UP: Duration = Duration::from_millis(200);
    const BATCH: Duration = Duration::from_millis(50);
    const SAMPLES: usize = 21;
    let batches: Vec<u64> = readings
        .iter_mut()
        .map(|f| {
            let start = Instant::now();
            let mut calls = 0u64;
            while start.elapsed() < WARM_UP {
                f();
                calls += 1;
            }
            let per_call = WARM_UP.as_secs_f64() / calls as f64;
            ((BATCH.as_secs_f64() / per_call) as u64).max(1)
        })
        .collect();
    let mut samples = vec![Vec::with_capacity(SAMPLES); readings.len()];
    for _ in 0..SAMPLES {
        for (i, f) in readings.iter_mut().enumerate() {
            let t = Instant::now();
            for _ in 0..batches[i] {
                f();
            }
            samples[i].push(t.elapsed().as_nanos() as f64 / batches[i] as f64);
        }
    }
    samples
        .into_iter()
        .map(|mut s| {
            s.sort_by(f64::total_cmp);
            (s[SAMPLES / 2], s[0])
        })
        .collect()
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
    let mut readings: Vec<Box<dyn FnMut() + '_>> = vec![
        Box::new(|| {
            black_box(decode::<T>(200, ct, black_box(body)).unwrap());
        }),
        Box::new(|| {
            black_box(serde_json::from_slice::<Value>(black_box(body)).unwrap());
        }),
        Box::new(|| {
            black_box(decode_envelope(200, ct, black_box(body)).unwrap());
        }),
        Box::new(|| {
            black_box(serde_json::from_str::<T>(black_box(&payload)).unwrap());
        }),
        Box::new(|| {
            black_box(serde_json::from_str::<Value>(black_box(&payload)).unwrap());
        }),
        Box::new(|| {
            let mut de = serde_json::Deserializer::from_str(black_box(&payload));
            black_box(serde_path_to_error::deserialize::<_, T>(&mut de).unwrap());
        }),
    ];
    let times = measure(&mut readings);
    let value = times[1];
    let row = |what: &str, (median, best): (f64, f64)| {
        println!(
            "| {case} | {what} | {median:.0} | {best:.0} | {:.2} | {:.2} |",
            median / value.0,
            best / value.1
        );
    };
    let names = [
        "`decode::<T>` (envelope + typed payload)",
        "`serde_json::from_slice::<Value>` of the body",
        "`decode_envelope` alone (the probe pass)",
        "`serde_json::from_str::<T>` of the payload",
        "`serde_json::from_str::<Value>` of the payload",
        "`serde_path_to_error` + `T` of the payload (what every decode paid before)",
    ];
    for (what, time) in names.into_iter().zip(times) {
        row(what, time);
    }
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
