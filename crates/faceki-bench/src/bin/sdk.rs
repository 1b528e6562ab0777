//! `faceki-bench-sdk`: the SDK side of the whole-process overhead benchmark.
//!
//! A [`faceki_http::Client`] with its defaults (the reqwest transport, the 120 s
//! request timeout), pointed at `--url`, calling the KYC rules (V2-2) and decoding them
//! into the SDK's model. Prints one JSON line (see the `faceki_bench` crate docs).
#![allow(clippy::print_stdout)]

use std::sync::Arc;

use faceki_bench::{BoxError, Options, Side};
use faceki_http::Client;

struct Sdk {
    client: Client,
}

impl Side for Sdk {
    async fn call(&self) -> Result<(), BoxError> {
        // The call measured, in one line (the name follows the public API).
        let _rules = self.client.v2().rules().await?;
        Ok(())
    }
}

fn main() -> Result<(), BoxError> {
    let options = Options::from_args()?;
    if options.no_timeout {
        return Err("`--no-timeout` is for the raw side: the SDK always has a timeout".into());
    }
    let client = Client::builder()
        .base_url(&options.url)
        .credentials("bench-id", "bench-secret")
        .build()?;
    let measured = faceki_bench::runtime()?
        .block_on(faceki_bench::measure(Arc::new(Sdk { client }), &options))?;
    println!("{}", faceki_bench::result_line("sdk", &options, measured));
    Ok(())
}
