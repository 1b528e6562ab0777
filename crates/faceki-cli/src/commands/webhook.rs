//! `faceki webhook`: develop against Faceki webhooks locally. `listen` receives
//! them with faceki-webhook's checks (the shared-secret header, duplicates dropped)
//! and `send` plays Faceki's side. This file holds what both share: URLs, the HTTP
//! client and its error reports.

mod event_line;
mod forward;
mod listen;
mod payloads;
mod send;

use std::time::Duration;

use reqwest::Url;

use crate::args::{Global, WebhookCommand};
use crate::exit::{Exit, Failure};
use crate::output::Output;

/// The time limit of one outgoing webhook request, unless `--timeout` says otherwise.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs a `webhook` command; `warnings` are printed where the command allows.
pub(crate) async fn run(
    command: WebhookCommand,
    global: &Global,
    out: &Output,
    warnings: &[String],
) -> Result<(), Failure> {
    match command {
        WebhookCommand::Listen(args) => listen::run(&args, global.timeout, out, warnings).await,
        WebhookCommand::Send(args) => {
            super::print_warnings(warnings);
            send::run(&args, global.timeout, out).await
        }
    }
}

/// The URL given to `--flag`: absolute, http or https. The text itself is not
/// echoed (a URL may carry a token).
fn parse_url(flag: &str, text: &str) -> Result<Url, Failure> {
    let url = Url::parse(text.trim())
        .map_err(|e| Failure::Usage(format!("--{flag}: not a valid URL ({e})")))?;
    match url.scheme() {
        "http" | "https" => Ok(url),
        other => Err(Failure::Usage(format!(
            "--{flag}: `{other}:` URLs are not supported (use http:// or https://)"
        ))),
    }
}

/// The URL without credentials, query or fragment: what may be printed.
fn shown_url(url: &Url) -> String {
    let mut shown = url.clone();
    let _ = shown.set_username("");
    let _ = shown.set_password(None);
    shown.set_query(None);
    shown.set_fragment(None);
    shown.to_string()
}

/// An HTTP client for requests to `url`: redirects are never followed (a secret
/// header must not follow a `Location` to another host), `*_PROXY` is ignored for
/// loopback hosts, and each request has a time limit.
fn http_client(url: &Url, timeout: Option<Duration>) -> Result<reqwest::Client, Failure> {
    let timeout = timeout.unwrap_or(DEFAULT_TIMEOUT);
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .user_agent(concat!("faceki-cli/", env!("CARGO_PKG_VERSION")));
    if is_loopback(url) {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|e| {
        Failure::Other(
            Exit::Network,
            format!("cannot set up the HTTP client: {}", describe(e)),
        )
    })
}

/// Whether the URL's host is `localhost` or a loopback address.
fn is_loopback(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A request error and its causes, without the URL (which may carry a token).
fn describe(error: reqwest::Error) -> String {
    let error = error.without_url();
    let mut text = if error.is_timeout() {
        "timed out".to_owned()
    } else {
        error.to_string()
    };
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.ends_with(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_must_be_http_and_are_shown_without_credentials() {
        assert!(parse_url("to", "ftp://example.com/").is_err());
        assert!(parse_url("to", "not a url").is_err());
        let url = parse_url("to", "https://user:pw@example.com/hook?token=t#f").unwrap();
        assert_eq!(shown_url(&url), "https://example.com/hook");
        assert!(is_loopback(
            &parse_url("to", "http://127.0.0.1:9/").unwrap()
        ));
        assert!(is_loopback(&parse_url("to", "http://[::1]:9/").unwrap()));
        assert!(is_loopback(&parse_url("to", "http://LOCALHOST/").unwrap()));
        assert!(!is_loopback(&url));
    }
}
