//! Logs to stderr, only when asked for with `-v` or `RUST_LOG`. The SDK's spans carry
//! endpoint names, statuses and codes, never secrets or bodies.

use tracing_subscriber::EnvFilter;

/// Installs the stderr logger when `-v` was given or `RUST_LOG` is set.
pub(crate) fn init(verbose: u8) {
    let from_env = std::env::var("RUST_LOG")
        .ok()
        .filter(|v| !v.trim().is_empty());
    let directives = match (verbose, from_env) {
        (0, None) => return,
        (0, Some(env)) => env,
        (1, _) => "faceki=info,faceki_http=info".to_owned(),
        (2, _) => "faceki=debug,faceki_http=debug,faceki_auth=debug".to_owned(),
        _ => "faceki=trace,faceki_http=trace,faceki_auth=trace,faceki_sandbox=debug".to_owned(),
    };
    let filter = EnvFilter::try_new(directives).unwrap_or_else(|_| EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(true)
        .try_init();
}
