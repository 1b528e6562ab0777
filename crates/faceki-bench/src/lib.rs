//! The whole-process per-call overhead benchmark: what its client binaries share.
//!
//! `cargo xtask overhead` runs three binaries of this crate, each as a fresh process:
//! `faceki-bench-server` (a loopback server answering the token call and the V2 rules
//! from constants), `faceki-bench-sdk` (a [`faceki_http::Client`] calling the rules)
//! and `faceki-bench-raw` (hand-written reqwest, with or without a 120 s timeout). A
//! client process warms up, times `--calls` calls sequentially or `--concurrency` tasks
//! at a time, and prints one line of JSON: wall-clock µs per call, and the CPU µs per
//! call of all its threads (Linux only):
//!
//! ```text
//! {"side":"sdk","concurrency":1,"calls":3000,"us_per_call":131.204,"cpu_us_per_call":98.113}
//! ```
//!
//! Figures and method: `docs/performance.md` ("Client"). The crate is not published
//! and nothing depends on it.

use std::error::Error;
use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

/// The error type of the client binaries.
pub type BoxError = Box<dyn Error + Send + Sync>;

/// The path of the call measured (V2-2, the KYC rules).
pub const RULES_PATH: &str = "/kycrules/api/kycrules";

/// The V2 rules body the server answers (≈ 900 bytes, the sandbox's shape; the same
/// as the in-process benchmark's, `crates/faceki-http/benches/client/server.rs`).
pub const RULES: &str = r#"{"responseCode":0,"data":{"_id":"5a4d00000000000000000001","companyId":"bench-company","__v":0,"allowedCountries":[],"allowedKycDocuments":["ID Card","Passport","Driving License"],"allowedNationalities":[],"createdAt":"2026-01-01T00:00:00.000Z","dataStorageTime":"FOREVER","declined":{"redirect_url":"https://bench.invalid/declined","message":"Declined!"},"invalid":{"redirect_url":"https://bench.invalid/invalid","message":"Invalid!"},"invalidDocuments":[],"isRecapturedDocumentInvalid":false,"link":"","livenessCheckType":"MODERATE","multiKYCEnabled":true,"status":"ACTIVE","storedData":true,"success":{"redirect_url":"https://bench.invalid/success","message":"Success!"},"updatedAt":"2026-01-01T00:00:00.000Z","validAge":18,"allowSingle":false,"engine_id":"bench","mandatory_geolocation":false,"profile_id":"bench-profile","verify_user_once":false}}"#;

/// The token answer (both token routes).
pub const TOKEN: &str = r#"{"responseCode":0,"data":{"access_token":"bench-token-0123456789","expires_in":3600,"token_type":"Bearer"}}"#;

/// A client process's command line.
#[derive(Debug, Clone)]
pub struct Options {
    /// The server's base URL (`--url http://127.0.0.1:PORT`).
    pub url: String,
    /// Calls timed (`--calls`, default 3000).
    pub calls: usize,
    /// Tasks calling at once (`--concurrency`, default 1: one loop in the main future,
    /// as in a `#[tokio::main]` function).
    pub concurrency: usize,
    /// Untimed calls first, in the same mode (`--warm-up`, default 200), so that the
    /// connections are open and the token cached.
    pub warm_up: usize,
    /// The raw side without any timeout (`--no-timeout`).
    pub no_timeout: bool,
}

impl Options {
    /// Reads the process's arguments.
    pub fn from_args() -> Result<Self, BoxError> {
        Self::parse(std::env::args().skip(1))
    }

    /// Reads `--url`, `--calls`, `--concurrency`, `--warm-up` and `--no-timeout`.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Self, BoxError> {
        let mut options = Self {
            url: String::new(),
            calls: 3000,
            concurrency: 1,
            warm_up: 200,
            no_timeout: false,
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("`{arg}` needs a value"));
            match arg.as_str() {
                "--url" => options.url = value()?,
                "--calls" => options.calls = value()?.parse()?,
                "--concurrency" => options.concurrency = value()?.parse()?,
                "--warm-up" => options.warm_up = value()?.parse()?,
                "--no-timeout" => options.no_timeout = true,
                _ => {
                    return Err(format!(
                        "unknown argument `{arg}`; usage: --url URL [--calls N] \
                         [--concurrency N] [--warm-up N] [--no-timeout]"
                    )
                    .into());
                }
            }
        }
        if options.url.is_empty() {
            return Err("`--url http://127.0.0.1:PORT` is required".into());
        }
        if options.concurrency == 0 || options.calls == 0 {
            return Err("`--calls` and `--concurrency` must be at least 1".into());
        }
        Ok(options)
    }
}

/// One side of the comparison: a call of the rules, checked.
pub trait Side: Send + Sync + 'static {
    /// One call, body read and decoded.
    fn call(&self) -> impl Future<Output = Result<(), BoxError>> + Send;
}

/// The multi-threaded runtime `#[tokio::main]` builds (one worker per core).
pub fn runtime() -> Result<tokio::runtime::Runtime, BoxError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?)
}

/// What a client process measured.
#[derive(Debug, Clone, Copy)]
pub struct Measured {
    /// Wall-clock µs per call.
    pub us_per_call: f64,
    /// CPU µs per call spent by the process's threads (all of them, runtime workers
    /// included), where Linux's `/proc/self/task/*/schedstat` can say.
    pub cpu_us_per_call: Option<f64>,
}

/// Runs the warm-up, then times `options.calls` calls.
pub async fn measure<S: Side>(side: Arc<S>, options: &Options) -> Result<Measured, BoxError> {
    run(&side, options.warm_up, options.concurrency).await?;
    let cpu_before = cpu_time_ns();
    let started = Instant::now();
    run(&side, options.calls, options.concurrency).await?;
    let elapsed = started.elapsed();
    let cpu = cpu_before
        .zip(cpu_time_ns())
        .map(|(a, b)| b.saturating_sub(a));
    let calls = options.calls as f64;
    Ok(Measured {
        us_per_call: elapsed.as_secs_f64() * 1e6 / calls,
        cpu_us_per_call: cpu.map(|ns| ns as f64 / 1e3 / calls),
    })
}

/// The CPU time of this process's live threads, in ns (the first field of each
/// thread's `schedstat`); `None` off Linux.
fn cpu_time_ns() -> Option<u64> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(total)
}

/// `calls` calls, one after another or spread over `concurrency` spawned tasks.
async fn run<S: Side>(side: &Arc<S>, calls: usize, concurrency: usize) -> Result<(), BoxError> {
    if concurrency == 1 {
        for _ in 0..calls {
            side.call().await?;
        }
        return Ok(());
    }
    let tasks: Vec<_> = (0..concurrency)
        .map(|task| {
            let side = Arc::clone(side);
            let share = calls / concurrency + usize::from(task < calls % concurrency);
            tokio::spawn(async move {
                for _ in 0..share {
                    side.call().await?;
                }
                Ok::<(), BoxError>(())
            })
        })
        .collect();
    for task in tasks {
        task.await??;
    }
    Ok(())
}

/// The line a client process prints.
pub fn result_line(side: &str, options: &Options, measured: Measured) -> String {
    let cpu = match measured.cpu_us_per_call {
        Some(cpu) => format!("{cpu:.3}"),
        None => "null".to_owned(),
    };
    format!(
        "{{\"side\":\"{side}\",\"concurrency\":{},\"calls\":{},\"us_per_call\":{:.3},\"cpu_us_per_call\":{cpu}}}",
        options.concurrency, options.calls, measured.us_per_call
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_the_command_line() {
        let o = Options::parse(args(&["--url", "http://127.0.0.1:1", "--calls", "5"])).unwrap();
        assert_eq!((o.calls, o.concurrency, o.no_timeout), (5, 1, false));
        let o =
            Options::parse(args(&["--url", "u", "--concurrency", "64", "--no-timeout"])).unwrap();
        assert_eq!((o.concurrency, o.no_timeout), (64, true));
        assert!(Options::parse(args(&["--calls", "5"])).is_err());
        assert!(Options::parse(args(&["--url", "u", "--bogus"])).is_err());
        let measured = Measured {
            us_per_call: 1.5,
            cpu_us_per_call: None,
        };
        assert_eq!(
            result_line("raw", &o, measured),
            r#"{"side":"raw","concurrency":64,"calls":3000,"us_per_call":1.500,"cpu_us_per_call":null}"#
        );
        assert!(cpu_time_ns().is_none_or(|ns| ns > 0));
    }
}
