//! Builds the SDK client from the global options.

use std::time::Duration;

use faceki::{Client, ClientBuilder, ReqwestTransport, Secret};

use crate::args::Global;
use crate::exit::{Exit, Failure};

/// The SDK's default connect timeout, for the direct transport.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

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
    if let Some(url) = nonblank(global.base_url.as_deref()) {
        builder = builder.base_url(url);
        if is_loopback_url(url) {
            builder = builder.transport(direct_transport(global.timeout)?);
        }
    }
    if let Some(timeout) = global.timeout {
        builder = builder
            .request_timeout(timeout)
            .token_timeout(timeout)
            .connect_timeout(timeout);
    }
    Ok(builder.build()?)
}

/// A builder for a local sandbox at `base_url`.
pub(crate) fn for_sandbox(base_url: &str) -> Result<ClientBuilder, Failure> {
    Ok(Client::builder()
        .base_url(base_url)
        .transport(direct_transport(None)?))
}

/// A transport that ignores `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY`: a proxy cannot
/// reach this machine's loopback interface, and a sandbox must work behind one.
fn direct_transport(timeout: Option<Duration>) -> Result<ReqwestTransport, Failure> {
    reqwest::Client::builder()
        .no_proxy()
        .connect_timeout(timeout.unwrap_or(CONNECT_TIMEOUT))
        .build()
        .map(ReqwestTransport::from_client)
        .map_err(|e| Failure::Other(Exit::Network, format!("cannot create the HTTP client: {e}")))
}

/// Whether `url`'s host is `localhost`, `127.0.0.0/8` or `::1`.
fn is_loopback_url(url: &str) -> bool {
    let rest = url
        .trim()
        .split_once("://")
        .map_or(url.trim(), |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn nonblank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_loopback_urls() {
        for yes in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3/x",
            "http://localhost",
            "http://[::1]:3000/",
        ] {
            assert!(is_loopback_url(yes), "{yes}");
        }
        for no in [
            "https://sdk.faceki.com",
            "http://localhost.evil.com",
            "http://10.0.0.1:80",
            "http://[::2]",
        ] {
            assert!(!is_loopback_url(no), "{no}");
        }
    }
}
