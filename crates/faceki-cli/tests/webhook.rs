//! `faceki webhook send` into `faceki webhook listen`, both as real processes on
//! 127.0.0.1: every event kind printed (redacted, or whole with `--json`), forged
//! requests rejected, duplicates dropped, forwarding to an app started here, the
//! exit codes of `send`, and the secret absent from every byte either prints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method};
use serde_json::Value;

const HEADER: &str = "X-Faceki-Secret";
const SECRET: &str = "whsec-cli-test-3f9a61c2";
const NEXT_SECRET: &str = "whsec-cli-next-8b27d4e0";
/// The made-up applicant's name in `send`'s payloads.
const NAME: &str = "JANE SAMPLE";
/// How long to wait for a line or a request.
const WAIT: Duration = Duration::from_secs(15);

fn faceki(args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faceki"));
    cmd.args(args).stdin(Stdio::null());
    for var in [
        "FACEKI_WEBHOOK_SECRET",
        "FACEKI_WEBHOOK_SECOND_SECRET",
        "FACEKI_CLIENT_SECRET",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in [SECRET, NEXT_SECRET] {
        assert!(!text.contains(secret), "{what} printed a secret: {text}");
    }
}

/// Lines of a child's pipe, read on a thread.
fn lines(pipe: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// A running `faceki webhook listen`; killed when dropped.
struct Listener {
    child: Child,
    url: String,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
}

/// What a listener printed, once stopped.
#[derive(Debug)]
struct Printed {
    stdout: Vec<String>,
    stderr: Vec<String>,
}

impl Printed {
    fn stderr_has(&self, text: &str) -> bool {
        self.stderr.iter().any(|l| l.contains(text))
    }
}

impl Listener {
    /// Listens on a free port with the secret in `FACEKI_WEBHOOK_SECRET`.
    fn start(extra: &[&str]) -> Self {
        let mut args = vec!["webhook", "listen", "--port", "0", "--header-name", HEADER];
        args.extend_from_slice(extra);
        let mut child = faceki(&args)
            .env("FACEKI_WEBHOOK_SECRET", SECRET)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = lines(child.stdout.take().unwrap());
        let stderr = lines(child.stderr.take().unwrap());
        let first = stderr.recv_timeout(WAIT).unwrap();
        let url = first
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first stderr line: {first}"))
            .to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Self {
            child,
            url,
            stdout,
            stderr,
        }
    }

    /// The next event line on stdout.
    fn next_event(&self) -> String {
        self.stdout.recv_timeout(WAIT).unwrap()
    }

    /// Waits for a stderr line containing `text`.
    fn wait_stderr(&self, text: &str) -> String {
        loop {
            let line = self.stderr.recv_timeout(WAIT).unwrap();
            if line.contains(text) {
                return line;
            }
        }
    }

    /// Stops the listener and returns everything else it printed, checked for secrets.
    fn stop(mut self) -> Printed {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        let printed = Printed {
            stdout: self.stdout.iter().collect(),
            stderr: self.stderr.iter().collect(),
        };
        assert_no_secret("listen", &format!("{printed:?}"));
        printed
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one `faceki` run printed.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `faceki webhook send --to url ...`, checked for secrets.
fn send(url: &str, args: &[&str]) -> Run {
    let mut all = vec!["webhook", "send", "--to", url];
    all.extend_from_slice(args);
    let output = faceki(&all).output().unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert_no_secret("send", &format!("{run:?}"));
    run
}

fn secret_header(secret: &str) -> String {
    format!("{HEADER}: {secret}")
}

/// Sends a `kind` event with `status` and the right secret; expects 200.
fn send_ok(url: &str, kind: &str, status: &str, extra: &[&str]) -> Run {
    let header = secret_header(SECRET);
    let mut args = vec!["--event", kind, "--status", status, "--header", &header];
    args.extend_from_slice(extra);
    let run = send(url, &args);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "200 OK\n", "{run:?}");
    run
}

/// One request the test app received.
#[derive(Debug)]
struct Received {
    method: Method,
    headers: HeaderMap,
    body: Bytes,
}

/// A tiny axum app on 127.0.0.1:0 that answers 204 and hands over every request.
struct App {
    url: String,
    received: mpsc::Receiver<Received>,
    _runtime: tokio::runtime::Runtime,
}

impl App {
    fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (tx, received) = mpsc::channel();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let addr = listener.local_addr().unwrap();
        let app = Router::new()
            .fallback(
                |State(tx): State<mpsc::Sender<Received>>,
                 method: Method,
                 headers: HeaderMap,
                 body: Bytes| async move {
                    let _ = tx.send(Received {
                        method,
                        headers,
                        body,
                    });
                    axum::http::StatusCode::NO_CONTENT
                },
            )
            .with_state(tx);
        runtime.spawn(async move { axum::serve(listener, app).await });
        Self {
            url: format!("http://{addr}/app/webhook"),
            received,
            _runtime: runtime,
        }
    }

    fn next(&self) -> Received {
        self.received.recv_timeout(WAIT).unwrap()
    }
}

#[test]
fn each_event_kind_is_printed_redacted_by_default() {
    let listener = Listener::start(&[]);
    let cases = [
        (
            "completed",
            "ACCEPTED",
            "kind=completed",
            "status=\"ACCEPTED\" final=yes",
        ),
        (
            "update",
            "REVIEW",
            "kind=portal_update",
            "status=\"REVIEW\" final=no",
        ),
        ("aml", "REVIEW", "kind=aml_update", "status=- final=no"),
    ];
    for (i, (kind, status, shown_kind, shown_status)) in cases.into_iter().enumerate() {
        let id = format!("req-{i}");
        let run = send_ok(&listener.url, kind, status, &["--request-id", &id]);
        assert!(run.stderr.contains(&id), "{run:?}");
        let line = listener.next_event();
        assert!(line.starts_with(shown_kind), "{line}");
        assert!(line.contains(&format!("request_id=\"{id}\"")), "{line}");
        assert!(line.contains(shown_status), "{line}");
        for personal in ["JANE", "SAMPLE", "reviewer@", "1991"] {
            assert!(!line.contains(personal), "{line}");
        }
    }
    let printed = listener.stop();
    assert!(printed.stdout.is_empty(), "{printed:?}");
}

#[test]
fn with_json_each_payload_is_printed_whole() {
    let listener = Listener::start(&["--json"]);
    send_ok(
        &listener.url,
        "completed",
        "DECLINED",
        &["--request-id", "r-c"],
    );
    let completed: Value = serde_json::from_str(&listener.next_event()).unwrap();
    assert_eq!(completed["requestId"], "r-c");
    assert_eq!(completed["fullName"], NAME);
    assert_eq!(completed["status"], "DECLINED");
    let record = &completed["kycData"];
    assert_eq!(record["decision"], "DECLINED");
    assert_eq!(record["document_data"][0]["full_name"], NAME);
    assert_eq!(record["verification_summary"]["face_verified"], false);

    send_ok(
        &listener.url,
        "update",
        "APPROVED",
        &["--request-id", "r-u"],
    );
    let update: Value = serde_json::from_str(&listener.next_event()).unwrap();
    assert_eq!(update["status"], "APPROVED");
    assert_eq!(update["modifiedByEmail"], "reviewer@example.com");

    send_ok(&listener.url, "aml", "REVIEW", &[]);
    let aml: Value = serde_json::from_str(&listener.next_event()).unwrap();
    assert_eq!(aml["event"], "aml_monitoring_update");
    assert_eq!(aml["amlStatus"], "POTENTIAL_MATCH");
    assert_eq!(aml["matches"][0]["name"], NAME);
    assert!(aml["checkedAt"].as_str().unwrap().ends_with('Z'), "{aml}");
    // The default request id looks like a UUID.
    let id = aml["requestId"].as_str().unwrap();
    assert_eq!(id.len(), 36, "{id}");
    listener.stop();
}

#[test]
fn a_forged_secret_is_rejected_with_401_and_its_reason() {
    let listener = Listener::start(&[]);
    let forged = secret_header("not-the-secret");
    let run = send(
        &listener.url,
        &[
            "--event",
            "completed",
            "--status",
            "ACCEPTED",
            "-H",
            &forged,
        ],
    );
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "401 Unauthorized\n");
    assert!(run.stderr.contains("401"), "{run:?}");
    assert!(!run.stderr.contains("not-the-secret"), "{run:?}");
    let line = listener.wait_stderr("rejected");
    assert_eq!(line, "rejected (401): webhook secret does not match");

    let run = send(&listener.url, &["--event", "update", "--status", "REVIEW"]);
    assert_eq!(run.code, 1, "{run:?}");
    let line = listener.wait_stderr("rejected");
    assert_eq!(
        line,
        "rejected (401): webhook header `x-faceki-secret` is missing"
    );

    // Then a real one: the only line on stdout.
    send_ok(
        &listener.url,
        "update",
        "DECLINED",
        &["--request-id", "real"],
    );
    assert!(listener.next_event().contains("\"real\""));
    let printed = listener.stop();
    assert!(printed.stdout.is_empty(), "{printed:?}");
}

#[test]
fn the_same_event_twice_is_printed_once() {
    let listener = Listener::start(&[]);
    let args = ["--request-id", "r-dup"];
    send_ok(&listener.url, "completed", "REVIEW", &args);
    send_ok(&listener.url, "completed", "REVIEW", &args);
    let line = listener.wait_stderr("duplicate");
    assert!(line.contains("dropped"), "{line}");
    assert!(line.contains("request_id=\"r-dup\""), "{line}");
    // A new status for the same verification is a new event.
    send_ok(&listener.url, "completed", "ACCEPTED", &args);
    let printed = listener.stop();
    let events: Vec<_> = printed
        .stdout
        .iter()
        .filter(|l| l.contains("r-dup"))
        .collect();
    assert_eq!(events.len(), 2, "{printed:?}");
    assert!(events[0].contains("REVIEW") && events[1].contains("ACCEPTED"));
}

#[test]
fn forward_to_delivers_the_verified_body_to_an_app() {
    let app = App::start();
    let listener = Listener::start(&["--json", "--forward-to", &app.url]);
    let note = listener.wait_stderr("forwarding verified events to");
    assert!(note.contains(&app.url), "{note}");
    send_ok(
        &listener.url,
        "completed",
        "ACCEPTED",
        &["--request-id", "r-fw"],
    );
    let printed: Value = serde_json::from_str(&listener.next_event()).unwrap();
    let received = app.next();
    assert_eq!(received.method, Method::POST);
    assert_eq!(received.headers["content-type"], "application/json");
    // Only the body travels on: not the secret header.
    assert!(received.headers.get(HEADER).is_none(), "{received:?}");
    let forwarded: Value = serde_json::from_slice(&received.body).unwrap();
    assert_eq!(forwarded, printed);
    assert_eq!(forwarded["requestId"], "r-fw");
    listener.wait_stderr("forwarded: your app answered 204");

    // A forged request and a duplicate are not forwarded.
    let forged = secret_header("forged");
    send(
        &listener.url,
        &["--event", "update", "--status", "REVIEW", "-H", &forged],
    );
    send_ok(
        &listener.url,
        "completed",
        "ACCEPTED",
        &["--request-id", "r-fw"],
    );
    send_ok(
        &listener.url,
        "update",
        "REVIEW",
        &["--request-id", "r-fw2"],
    );
    let next: Value = serde_json::from_slice(&app.next().body).unwrap();
    assert_eq!(next["requestId"], "r-fw2");
    listener.stop();
}

#[test]
fn forwarding_failures_are_reported_and_the_listener_carries_on() {
    // Port 1 on loopback is closed: the connection is refused.
    let listener = Listener::start(&["--forward-to", "http://127.0.0.1:1/app"]);
    send_ok(&listener.url, "update", "APPROVED", &["--request-id", "a"]);
    listener.wait_stderr("forwarding failed");
    send_ok(&listener.url, "update", "APPROVED", &["--request-id", "b"]);
    let printed = listener.stop();
    assert!(
        printed.stdout.iter().any(|l| l.contains("\"b\"")),
        "{printed:?}"
    );
}

#[test]
fn a_second_secret_is_accepted_during_rotation() {
    let listener = Listener::start(&["--second-secret", NEXT_SECRET, "--path", "/faceki"]);
    assert!(listener.url.ends_with("/faceki"), "{}", listener.url);
    // The flag is visible to other processes: a warning, after the address.
    let warning = listener.wait_stderr("warning:");
    assert!(
        warning.contains("FACEKI_WEBHOOK_SECOND_SECRET"),
        "{warning}"
    );
    let next = secret_header(NEXT_SECRET);
    let args = ["--event", "update", "--status", "REVIEW", "--header", &next];
    let run = send(&listener.url, &args);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(listener.next_event().contains("kind=portal_update"));
    // Another path is not the webhook.
    let elsewhere = listener.url.replace("/faceki", "/other");
    let run = send(&elsewhere, &args);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(run.stdout, "404 Not Found\n");
    let printed = listener.stop();
    assert!(printed.stdout.is_empty(), "{printed:?}");
    assert!(printed.stderr_has("got 404"), "{printed:?}");
}

#[test]
fn send_uses_the_method_and_headers_and_sends_json() {
    let app = App::start();
    let secret = secret_header(SECRET);
    let run = send(
        &app.url,
        &[
            "--event",
            "completed",
            "--status",
            "accepted",
            "--method",
            "PUT",
            "-H",
            &secret,
            "-H",
            "X-Extra: 1",
            "--request-id",
            "r-put",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "204 No Content\n");
    let received = app.next();
    assert_eq!(received.method, Method::PUT);
    assert_eq!(received.headers[HEADER], SECRET);
    assert_eq!(received.headers["x-extra"], "1");
    assert_eq!(received.headers["content-type"], "application/json");
    let body: Value = serde_json::from_slice(&received.body).unwrap();
    assert_eq!(body["requestId"], "r-put");
    assert_eq!(body["status"], "ACCEPTED");

    let json = send(
        &app.url,
        &[
            "--json", "--event", "aml", "--status", "DECLINED", "-H", &secret,
        ],
    );
    assert_eq!(json.code, 0, "{json:?}");
    let result: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(result["http_status"], 204);
    assert!(result["request_id"].is_string(), "{result}");
}

#[test]
fn send_exit_codes_for_usage_errors_and_unreachable_receivers() {
    let bare = format!("{HEADER} {SECRET}");
    let base = ["--event", "completed", "--status", "REVIEW"];
    let with_header = [&base[..], &["--header", &bare]].concat();

    let run = send("http://127.0.0.1:1/", &with_header);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("NAME: VALUE"), "{run:?}");

    for url in ["not a url", "ftp://127.0.0.1/"] {
        let run = send(url, &base);
        assert_eq!(run.code, 2, "{url}: {run:?}");
        assert!(run.stdout.is_empty(), "{run:?}");
    }

    let run = send("http://127.0.0.1:1/", &base);
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stderr.contains("could not be sent"), "{run:?}");

    let run = send(
        "http://127.0.0.1:1/",
        &["--event", "completed", "--status", "MAYBE"],
    );
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn listen_needs_a_secret_and_never_shows_it_in_help() {
    let output = faceki(&["webhook", "listen", "--port", "0", "--header-name", HEADER])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));

    let output = faceki(&["webhook", "listen", "--help"])
        .env("FACEKI_WEBHOOK_SECRET", SECRET)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let help = String::from_utf8(output.stdout).unwrap();
    assert!(help.contains("FACEKI_WEBHOOK_SECRET"), "{help}");
    assert_no_secret("help", &help);

    let output = faceki(&[
        "webhook",
        "listen",
        "--port",
        "0",
        "--header-name",
        "bad name",
    ])
    .env("FACEKI_WEBHOOK_SECRET", SECRET)
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_no_secret("listen", &String::from_utf8_lossy(&output.stderr));
}
