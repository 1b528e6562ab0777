//! `faceki-bench-raw`: the hand-written side of the whole-process overhead benchmark.
//!
//! What a careful user writes without the SDK: one `reqwest::Client` with
//! `ClientBuilder::timeout(120 s)` (the SDK's default request timeout; `--no-timeout`
//! leaves it out), a token fetched once, then per call a GET with the bearer and
//! `Accept` headers, the whole body read and parsed with
//! `serde_json::from_slice::<serde_json::Value>`, the body code checked. Prints one
//! JSON line (see the `faceki_bench` crate docs).
#![allow(clippy::print_stdout)]

use std::sync::Arc;
use std::time::Duration;

use faceki_bench::{BoxError, Options, RULES_PATH, Side};
use reqwest::header::ACCEPT;

/// The SDK's default request timeout (`faceki_http::DEFAULT_REQUEST_TIMEOUT`).
const TIMEOUT: Duration = Duration::from_secs(120);

struct Raw {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl Side for Raw {
    async fn call(&self) -> Result<(), BoxError> {
        let response = self
            .http
            .get(&self.url)
            .bearer_auth(&self.token)
            .header(ACCEPT, "application/json")
            .send()
            .await?
            .error_for_status()?;
        let body = response.bytes().await?;
        let value: serde_json::Value = serde_json::from_slice(&body)?;
        if value["responseCode"] != 0 {
            return Err("the rules call failed".into());
        }
        Ok(())
    }
}

/// The token, fetched once (outside the timed calls), as the SDK does by default.
async fn token(http: &reqwest::Client, base: &str) -> Result<String, BoxError> {
    let body = http
        .post(format!("{base}/auth/api/generate-token"))
        .header(ACCEPT, "application/json")
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(r#"{"clientId":"bench-id","clientSecret":"bench-secret"}"#)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    let value: serde_json::Value = serde_json::from_slice(&body)?;
    let token = value["data"]["access_token"]
        .as_str()
        .ok_or("the token answer has no access_token")?;
    Ok(token.to_owned())
}

fn main() -> Result<(), BoxError> {
    let options = Options::from_args()?;
    let mut builder = reqwest::Client::builder();
    if !options.no_timeout {
        builder = builder.timeout(TIMEOUT);
    }
    let http = builder.build()?;
    let side = if options.no_timeout {
        "raw-no-timeout"
    } else {
        "raw"
    };
    let measured = faceki_bench::runtime()?.block_on(async {
        let token = token(&http, &options.url).await?;
        let raw = Raw {
            url: format!("{}{RULES_PATH}", options.url),
            http,
            token,
        };
        faceki_bench::measure(Arc::new(raw), &options).await
    })?;
    println!("{}", faceki_bench::result_line(side, &options, measured));
    Ok(())
}
