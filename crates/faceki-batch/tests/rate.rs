//! The token bucket: `rate(20/s)` over a 10-second run keeps the measured rate of
//! billed calls within 10 % of 20 per second (the only timed assertion of the suite).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Env;
use faceki::types::Endpoint;
use faceki_batch::{Batch, ImportOptions, Journal, Rate, StopHandle};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rate_20_per_second_holds_within_ten_percent_over_ten_seconds() {
    let env = Env::start().await;
    let journal = Journal::open(env.path("rate.journal")).unwrap();
    let batch = Batch::builder(env.client.clone(), journal)
        .concurrency(8)
        .rate("20/s".parse::<Rate>().unwrap())
        .build();
    batch
        .import(
            env.inputs("t", 200),
            ImportOptions::new().base_dir(env.dir.path()),
        )
        .unwrap();
    let summary = batch.run(&StopHandle::new()).await.unwrap();
    assert_eq!(summary.counts.done, 200);
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 200);
    let rate = summary.billed_per_second();
    eprintln!(
        "{} billed calls in {:?}: {rate:.2}/s",
        summary.billed, summary.elapsed
    );
    assert!(
        (18.0..=22.0).contains(&rate),
        "measured {rate:.2}/s over {:?}",
        summary.elapsed
    );
}
