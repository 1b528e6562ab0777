//! `faceki webhook listen`: a local receiver on 127.0.0.1. Each request is checked
//! as faceki-webhook's `WebhookReceiver` checks it — the raw body read up to the
//! verifier's limit, `WebhookVerifier::verify`, duplicates dropped by `DedupeKey` in
//! a `MemoryDedupe`, and the same answers (200, 401, 403, 400, 413) — but here every
//! outcome is also reported: events on stdout, rejections and duplicates on stderr.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use faceki_webhook::{MemoryDedupe, Outcome, WebhookVerifier};
use tokio::net::TcpListener;

use super::event_line;
use super::forward::Forwarder;
use crate::args::ListenArgs;
use crate::exit::{Exit, Failure};
use crate::output::Output;

/// The listener's state, shared by every request.
struct Receiver {
    verifier: WebhookVerifier,
    dedupe: MemoryDedupe,
    path: String,
    out: Output,
    forward: Option<Forwarder>,
}

/// Listens on 127.0.0.1:`args.port` until Ctrl-C. The first line on stderr is the
/// address (`listening on http://127.0.0.1:PORT/PATH`); `warnings` follow it.
pub(super) async fn run(
    args: &ListenArgs,
    timeout: Option<Duration>,
    out: &Output,
    warnings: &[String],
) -> Result<(), Failure> {
    let verifier = verifier(args)?;
    let path = checked_path(&args.path)?;
    let forward_to = args
        .forward_to
        .as_deref()
        .map(|url| super::parse_url("forward-to", url))
        .transpose()?;
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, args.port))
        .await
        .map_err(|e| {
            Failure::Other(
                Exit::Usage,
                format!(
                    "cannot listen on 127.0.0.1:{}: {e} (try another --port)",
                    args.port
                ),
            )
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Failure::Other(Exit::Network, format!("cannot read the address: {e}")))?;
    eprintln!("listening on http://{addr}{path}");
    crate::commands::print_warnings(warnings);
    out.note(&format!(
        "checking the `{}` header; Ctrl-C to stop",
        verifier.header_name()
    ));
    let forward = match forward_to {
        Some(url) => {
            out.note(&format!(
                "forwarding verified events to {}",
                super::shown_url(&url)
            ));
            Some(Forwarder::start(url, timeout)?)
        }
        None => None,
    };
    let receiver = Arc::new(Receiver {
        verifier,
        dedupe: MemoryDedupe::default(),
        path,
        out: *out,
        forward,
    });
    let app = Router::new().fallback(receive).with_state(receiver);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(ctrl_c())
    .await
    .map_err(|e| Failure::Other(Exit::Network, format!("the listener stopped: {e}")))
}

/// The verifier of `args`' header and secrets.
fn verifier(args: &ListenArgs) -> Result<WebhookVerifier, Failure> {
    let usage = |e: faceki_webhook::VerifierError| Failure::Usage(e.to_string());
    let verifier = WebhookVerifier::new(&args.header_name, args.secret.as_str()).map_err(usage)?;
    match args.second_secret.as_deref() {
        Some(second) => verifier.with_second_secret(second).map_err(usage),
        None => Ok(verifier),
    }
}

/// `--path`: it must start with `/`.
fn checked_path(path: &str) -> Result<String, Failure> {
    let path = path.trim();
    if path.starts_with('/') {
        Ok(path.to_owned())
    } else {
        Err(Failure::Usage(format!(
            "--path must start with `/` (such as /faceki/webhook), not `{path}`"
        )))
    }
}

/// Resolves on Ctrl-C; never, if the signal cannot be listened for.
async fn ctrl_c() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// Handles one request: the checks and answers of faceki-webhook's receiver, with
/// each outcome reported.
async fn receive(State(receiver): State<Arc<Receiver>>, request: Request) -> Response {
    if request.uri().path() != receiver.path {
        receiver.out.note(&format!(
            "a {} request to another path than {} got 404",
            request.method(),
            receiver.path
        ));
        return StatusCode::NOT_FOUND.into_response();
    }
    let (event, body) =
        match faceki_webhook::check(&receiver.verifier, &receiver.dedupe, request).await {
            Outcome::Event { event, body } => (event, body),
            Outcome::Duplicate { event } => {
                receiver.out.note(&format!(
                    "duplicate dropped: {}",
                    event_line::redacted(&event)
                ));
                return Outcome::Duplicate { event }.response();
            }
            rejected => {
                if let Outcome::Rejected(rejection) = &rejected {
                    eprintln!("rejected ({}): {rejection}", rejection.http_status());
                }
                return rejected.response();
            }
        };
    let line = if receiver.out.is_json() {
        event_line::full(&event, &body)
    } else {
        event_line::redacted(&event)
    };
    receiver.out.stdout(&format!("{line}\n"));
    if let Some(forward) = &receiver.forward {
        forward.forward(body).await;
    }
    (StatusCode::OK, "ok").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_start_with_a_slash() {
        assert_eq!(checked_path(" /hook ").unwrap(), "/hook");
        assert!(checked_path("hook").is_err());
    }
}
