//! Builds the SDK client from the global options.

use faceki::auth::Secret;
use faceki::{Client, ClientBuilder};

use faceki_image::Policy;

use crate::args::{Global, PreflightMode};
use crate::exit::Failure;

/// The client for `global`'s base URL, credentials and timeout. Nothing is sent.
pub(crate) fn build(global: &Global) -> Result<Client, Failure> {
    let client_id = nonblank(global.client_id.as_deref()).ok_or_else(|| {
        Failure::Usage("no client id: set FACEKI_CLIENT_ID or pass --client-id".to_owned())
    })?;
    let client_secret = nonblank(global.client_secret.as_deref())
        .ok_or_else(|| Failure::Usage("no client secret: set FACEKI_CLIENT_SECRET".to_owned()))?;
    let mut builder = Client::builder()
        .credentials(client_id, Secret::new(client_secret))
        .user_agent_suffix(concat!("faceki-cli/", env!("CARGO_PKG_VERSION")));
    // For a loopback base URL (a sandbox) the SDK's transport ignores *_PROXY.
    if let Some(url) = nonblank(global.base_url.as_deref()) {
        builder = builder.base_url(url);
    }
    if let Some(url) = nonblank(global.token_cache.as_deref()) {
        builder = with_token_cache(builder, url)?;
    }
    if let Some(timeout) = global.timeout {
        builder = builder
            .request_timeout(timeout)
            .token_timeout(timeout)
            .connect_timeout(timeout);
    }
    builder = match global.preflight {
        PreflightMode::Off => builder,
        PreflightMode::Normalise => builder.preflight(Policy::Normalise),
        PreflightMode::Strict => builder.preflight(Policy::Strict),
    };
    Ok(builder.build()?)
}

/// Shares the token through the Redis at `url`.
#[cfg(feature = "redis")]
fn with_token_cache(builder: ClientBuilder, url: &str) -> Result<ClientBuilder, Failure> {
    let store = faceki::redis::RedisTokenStore::new(url)
        .map_err(|e| Failure::Usage(format!("--token-cache: {e}")))?;
    Ok(builder.token_store(store))
}

/// Without Redis support, a token cache is a usage error.
#[cfg(not(feature = "redis"))]
fn with_token_cache(_builder: ClientBuilder, _url: &str) -> Result<ClientBuilder, Failure> {
    Err(Failure::Usage(
        "--token-cache needs a faceki built with the `redis` feature".to_owned(),
    ))
}

/// A builder for a local sandbox at `base_url`.
pub(crate) fn for_sandbox(base_url: &str) -> ClientBuilder {
    Client::builder().base_url(base_url)
}

fn nonblank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}
