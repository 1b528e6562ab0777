//! The `faceki` binary against a sandbox started in the test on 127.0.0.1: every
//! command's output and exit code, the `--json` shapes, input errors caught before any
//! request, and the client secret absent from every byte the tool prints.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Fault, Sandbox, SandboxHandle, Workflow};
use serde_json::Value;

const CLIENT_ID: &str = "cli-test-client";
const SECRET: &str = "cli-test-secret-7c1e9a55";
const WORKFLOW: &str = "wf-cli";

/// A sandbox, its runtime and a directory of images.
struct Env {
    sandbox: SandboxHandle,
    dir: tempfile::TempDir,
    // Declared last: dropped after the sandbox.
    _runtime: tokio::runtime::Runtime,
}

impl Env {
    fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let sandbox = runtime
            .block_on(
                Sandbox::builder()
                    .client_id(CLIENT_ID)
                    .client_secret(SECRET)
                    .workflow(Workflow::new(WORKFLOW, ["ID Card"]))
                    .start(),
            )
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in [
            ("selfie.jpg", JPEG),
            ("front.jpg", JPEG),
            ("back.jpg", JPEG),
            ("v3-selfie.png", PNG),
            ("selfie.sandbox-8006.jpg", JPEG),
        ] {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        Self {
            sandbox,
            dir,
            _runtime: runtime,
        }
    }

    fn file(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    /// Runs `faceki args...` with the sandbox's URL and credentials in the environment.
    fn run(&self, args: &[&str]) -> Run {
        run_with(
            args,
            &[
                ("FACEKI_BASE_URL", self.sandbox.base_url()),
                ("FACEKI_CLIENT_ID", CLIENT_ID),
                ("FACEKI_CLIENT_SECRET", SECRET),
            ],
        )
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        run.json()
    }
}

/// What one run printed.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_faceki"))
}

fn command(args: &[&str], vars: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(binary());
    cmd.args(args);
    for var in [
        "FACEKI_BASE_URL",
        "FACEKI_CLIENT_ID",
        "FACEKI_CLIENT_SECRET",
        "RUST_LOG",
    ] {
        cmd.env_remove(var);
    }
    for (name, value) in vars {
        cmd.env(name, value);
    }
    cmd
}

/// Runs the binary and checks that the secret appears nowhere in what it printed.
fn run_with(args: &[&str], vars: &[(&str, &str)]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = command(args, vars).stdin(Stdio::null()).output().unwrap();
    let run = Run {
        code: status.code().unwrap(),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    };
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "{args:?} printed the client secret: {run:?}"
    );
    run
}

#[test]
fn token_prints_the_expiry_and_the_token_only_on_request() {
    let env = Env::new();
    let run = env.run(&["token"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("token valid for"), "{}", run.stdout);
    assert!(!run.stdout.contains("sbx."), "{}", run.stdout);

    let json = env.json(&["token"]);
    assert_eq!(json["token_type"], "Bearer");
    let secs = json["expires_in_secs"].as_u64().unwrap();
    assert!((3500..=3600).contains(&secs), "{json}");
    assert!(json["expires_at"].as_str().unwrap().ends_with('Z'));
    assert!(json.get("access_token").is_none(), "{json}");

    let revealed = env.json(&["token", "--reveal"]);
    assert!(
        revealed["access_token"]
            .as_str()
            .unwrap()
            .starts_with("sbx.")
    );
    assert_eq!(env.sandbox.token_requests(), 3);
}

#[test]
fn rules_and_summary() {
    let env = Env::new();
    let run = env.run(&["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("ID Card, Passport, Driving License"),
        "{}",
        run.stdout
    );
    let rules = env.json(&["rules"]);
    assert_eq!(rules["allowedKycDocuments"][0], "ID Card");

    let summary = env.json(&["summary"]);
    assert_eq!(summary["totalVerifications"], 0);
    let run = env.run(&["summary"]);
    assert!(run.stdout.contains("totalVerifications"), "{}", run.stdout);
}

#[test]
fn v2_verifications_and_face_search() {
    let env = Env::new();
    let (selfie, front, back) = (
        env.file("selfie.jpg"),
        env.file("front.jpg"),
        env.file("back.jpg"),
    );
    let run = env.run(&[
        "verify", "--selfie", &selfie, "--front", &front, "--back", &back,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("passed                 yes"),
        "{}",
        run.stdout
    );

    let single = env.json(&[
        "verify", "--selfie", &selfie, "--front", &front, "--back", &back,
    ]);
    let request_id = single["requestId"].as_str().unwrap().to_owned();
    assert_eq!(single["verification"]["passed"], true);
    // The file's own name was sent (so sandbox triggers in names work).
    let last = env.sandbox.last_request().unwrap();
    assert!(
        last.parts
            .iter()
            .any(|p| p.file_name.as_deref() == Some("selfie.jpg")),
        "{last:?}"
    );

    let multi = env.json(&[
        "verify-multi",
        "--selfie",
        &selfie,
        "--id-front",
        &front,
        "--id-back",
        &back,
        "--pp-front",
        &front,
    ]);
    assert!(multi["requestId"].is_string(), "{multi}");
    assert_eq!(multi["idKycData"]["responseCode"], 0);
    assert_eq!(multi["ppKycData"]["responseCode"], 0);

    let faces = env.json(&["face-search", "--selfie", &selfie]);
    assert_eq!(faces["face_verified"], true, "{faces}");
    assert_eq!(faces["kyc_records"].as_array().unwrap().len(), 3);
    let run = env.run(&["face-search", "--selfie", &selfie]);
    assert!(
        run.stdout.contains("match                  yes"),
        "{}",
        run.stdout
    );

    let summary = env.json(&["summary"]);
    assert_eq!(summary["totalVerifications"], 3);
    let records = env.json(&["records", "--request-id", &request_id]);
    assert_eq!(records.as_array().unwrap().len(), 1, "{records}");
    assert_eq!(records[0]["requestId"], request_id.as_str());
}

#[test]
fn v3_verification_records_and_rules() {
    let env = Env::new();
    let (selfie, front, back) = (
        env.file("v3-selfie.png"),
        env.file("front.jpg"),
        env.file("back.jpg"),
    );
    let outcome = env.json(&[
        "v3",
        "verify",
        "--workflow-id",
        WORKFLOW,
        "--selfie",
        &selfie,
        "--doc1-front",
        &front,
        "--doc1-back",
        &back,
        "--record-identifier",
        "customer-7",
    ]);
    assert_eq!(outcome["decision"], "ACCEPTED");
    assert_eq!(outcome["workflowId"], WORKFLOW);
    let request_id = outcome["requestId"].as_str().unwrap().to_owned();

    let by_id = env.json(&["records", "--request-id", &request_id]);
    assert_eq!(by_id.as_array().unwrap().len(), 1);
    assert_eq!(by_id[0]["requestId"], request_id.as_str());
    let by_ident = env.json(&["records", "--record-identifier", "customer-7"]);
    assert_eq!(by_ident[0]["requestId"], request_id.as_str());
    let face_id = by_id[0]["face_id"].as_str().unwrap().to_owned();
    let by_face = env.json(&["records", "--face-id", &face_id]);
    assert_eq!(by_face.as_array().unwrap().len(), 1);
    let run = env.run(&["records", "--request-id", &request_id]);
    assert!(run.stdout.starts_with("1 record(s)"), "{}", run.stdout);
    assert!(run.stdout.contains("decision ACCEPTED"), "{}", run.stdout);

    let searched = env.json(&["v3", "face-search", "--selfie", &selfie]);
    assert_eq!(searched[0]["requestId"], request_id.as_str());

    let rules = env.json(&["v3", "rules", "--workflow-id", WORKFLOW]);
    assert_eq!(rules["workflowId"], WORKFLOW);
    assert_eq!(rules["documents"][0], "ID Card");

    let analysis = env.json(&["analyze-face", "--selfie", &selfie]);
    assert!(analysis["minAge"].as_u64().unwrap() <= analysis["maxAge"].as_u64().unwrap());
    let run = env.run(&["analyze-face", "--selfie", &selfie]);
    assert!(run.stdout.starts_with("age "), "{}", run.stdout);
}

#[test]
fn links_and_records_by_link_and_reference() {
    let env = Env::new();
    let created = env.json(&[
        "link",
        "create",
        "--expiry-minutes",
        "30",
        "--application-id",
        "app-9",
        "--redirect-url",
        "https://example.invalid/done",
        "--workflow-id",
        WORKFLOW,
        "--document-optional",
        "--require-additional-doc",
    ]);
    let link_id = created["data"].as_str().unwrap().to_owned();
    assert!(
        created["url"].as_str().unwrap().contains(&link_id),
        "{created}"
    );
    let run = env.run(&["link", "create"]);
    assert!(run.stdout.starts_with("link id "), "{}", run.stdout);

    let none = env.json(&["records", "--link-id", &link_id]);
    assert_eq!(none, Value::Array(Vec::new()));
    // Nothing made with this reference yet: Faceki's DATA_NOT_FOUND, exit 1.
    let run = env.run(&["records", "--reference-id", "app-9"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("DATA_NOT_FOUND (8013)"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_failure_code_exits_1_with_its_name_number_and_description() {
    let env = Env::new();
    let run = env.run(&[
        "verify",
        "--selfie",
        &env.file("selfie.sandbox-8006.jpg"),
        "--front",
        &env.file("front.jpg"),
        "--back",
        &env.file("back.jpg"),
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(
        run.stderr.contains("FACE_NOT_FOUND (8006)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("No face was found in the selfie"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("what to do:"), "{}", run.stderr);
}

#[test]
fn input_errors_exit_2_before_any_request() {
    let env = Env::new();
    let missing = env.dir.path().join("nope.jpg").display().to_string();
    let cases: Vec<Vec<&str>> = vec![
        vec![
            "verify", "--selfie", &missing, "--front", &missing, "--back", &missing,
        ],
        vec!["analyze-face", "--selfie", &missing],
        vec!["face-search", "--selfie", env.dir.path().to_str().unwrap()],
        vec![
            "v3",
            "verify",
            "--workflow-id",
            WORKFLOW,
            "--selfie",
            &missing,
            "--doc1-front",
            &missing,
        ],
        vec!["verify-multi", "--selfie", &missing],
        vec!["records"],
        vec!["records", "--request-id", "a", "--link-id", "b"],
        vec!["verify", "--selfie", &missing],
        vec!["token", "--timeout", "soon"],
        vec!["no-such-command"],
    ];
    for args in cases {
        let run = env.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(!run.stderr.is_empty(), "{args:?}");
    }
    let run = env.run(&[
        "verify", "--selfie", &missing, "--front", &missing, "--back", &missing,
    ]);
    assert!(run.stderr.contains("nope.jpg"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was sent"), "{}", run.stderr);
    // A file that is not an image is refused by the client, still before sending.
    let text = env.dir.path().join("notes.txt");
    std::fs::write(&text, "not an image").unwrap();
    let run = env.run(&["analyze-face", "--selfie", text.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(env.sandbox.total_requests(), 0);
    assert_eq!(env.sandbox.token_requests(), 0);
}

#[test]
fn missing_credentials_are_a_usage_error() {
    let run = run_with(&["rules"], &[("FACEKI_BASE_URL", "http://127.0.0.1:9")]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("FACEKI_CLIENT_ID"), "{}", run.stderr);
    let run = run_with(
        &["rules", "--base-url", "http://example.com"],
        &[("FACEKI_CLIENT_ID", "x"), ("FACEKI_CLIENT_SECRET", SECRET)],
    );
    assert_eq!(run.code, 2, "plain HTTP off loopback: {run:?}");
}

#[test]
fn wrong_credentials_exit_4() {
    let env = Env::new();
    let run = run_with(
        &["rules"],
        &[
            ("FACEKI_BASE_URL", env.sandbox.base_url()),
            ("FACEKI_CLIENT_ID", CLIENT_ID),
            ("FACEKI_CLIENT_SECRET", "not-the-secret"),
        ],
    );
    assert_eq!(run.code, 4, "{run:?}");
    assert!(
        run.stderr.contains("authentication failed"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("not-the-secret"), "{}", run.stderr);
    assert_eq!(env.sandbox.requests(faceki::types::Endpoint::KycRules), 0);
}

#[test]
fn an_unreachable_server_exits_3() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let run = run_with(
        &["rules"],
        &[
            ("FACEKI_BASE_URL", &url),
            ("FACEKI_CLIENT_ID", CLIENT_ID),
            ("FACEKI_CLIENT_SECRET", SECRET),
        ],
    );
    assert_eq!(run.code, 3, "{run:?}");
}

#[test]
fn a_timeout_exits_3() {
    let env = Env::new();
    env.sandbox.inject_fault(
        faceki::types::Endpoint::KycSummary,
        Fault::latency(Duration::from_secs(5)),
        10,
    );
    let run = env.run(&["summary", "--timeout", "300ms"]);
    assert_eq!(run.code, 3, "{run:?}");
}

#[test]
fn the_secret_flag_works_and_warns() {
    let env = Env::new();
    let run = command(
        &["rules", "--client-secret", SECRET],
        &[
            ("FACEKI_BASE_URL", env.sandbox.base_url()),
            ("FACEKI_CLIENT_ID", CLIENT_ID),
        ],
    )
    .output()
    .unwrap();
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(stderr.contains("visible to other processes"), "{stderr}");
    assert!(!stderr.contains(SECRET));
    assert!(!String::from_utf8(run.stdout).unwrap().contains(SECRET));
    // Help shows the variable's name, not its value.
    let help = env.run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(
        help.stdout.contains("FACEKI_CLIENT_SECRET"),
        "{}",
        help.stdout
    );
}

#[test]
fn logs_go_to_stderr_without_secrets() {
    let env = Env::new();
    let run = env.run(&["-vvv", "--json", "token"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("faceki.call"), "{}", run.stderr);
    run.json();
}

#[test]
fn demo_exits_0() {
    let run = run_with(&["demo"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("All 12 steps passed"), "{}", run.stdout);
    assert!(
        run.stdout.contains("FACE_NOT_FOUND (8006)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("POST received"), "{}", run.stdout);

    let run = run_with(&["demo", "--json"], &[]);
    assert_eq!(run.code, 0, "{run:?}");
    let json = run.json();
    assert_eq!(json["ok"], true);
    let steps = json["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 12);
    assert!(steps.iter().all(|s| s["ok"] == true && s["ms"].is_number()));
    assert_eq!(json["webhooks_received"], 2);
}

#[test]
fn the_sandbox_command_serves_until_killed() {
    let mut child = command(
        &["sandbox", "--port", "0", "--token-ttl", "90s", "--json"],
        &[
            ("FACEKI_CLIENT_ID", CLIENT_ID),
            ("FACEKI_CLIENT_SECRET", SECRET),
        ],
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let info: Value = serde_json::from_str(&line).unwrap();
    let base_url = info["base_url"].as_str().unwrap().to_owned();
    assert_eq!(info["client_id"], CLIENT_ID);
    assert!(info.get("client_secret").is_none(), "{info}");
    assert!(!line.contains(SECRET));

    let token = run_with(
        &["--json", "token"],
        &[
            ("FACEKI_BASE_URL", &base_url),
            ("FACEKI_CLIENT_ID", CLIENT_ID),
            ("FACEKI_CLIENT_SECRET", SECRET),
        ],
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(token.code, 0, "{token:?}");
    let secs = token.json()["expires_in_secs"].as_u64().unwrap();
    assert!((80..=90).contains(&secs), "{secs}");
}

#[test]
fn the_sandbox_command_prints_generated_credentials() {
    let mut child = command(&["sandbox", "--port", "0"], &[])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut text = String::new();
    while !text.contains("FACEKI_CLIENT_SECRET") {
        if reader.read_line(&mut text).unwrap() == 0 {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        text.contains("export FACEKI_BASE_URL=http://127.0.0.1:"),
        "{text}"
    );
    assert!(text.contains("export FACEKI_CLIENT_ID="), "{text}");
    assert!(text.contains("throwaway"), "{text}");
}

#[test]
fn image_paths_are_checked_relative_to_the_working_directory() {
    let env = Env::new();
    let run = command(
        &["analyze-face", "--selfie", "selfie.jpg", "--json"],
        &[
            ("FACEKI_BASE_URL", env.sandbox.base_url()),
            ("FACEKI_CLIENT_ID", CLIENT_ID),
            ("FACEKI_CLIENT_SECRET", SECRET),
        ],
    )
    .current_dir(Path::new(env.dir.path()))
    .output()
    .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
}

#[test]
fn links_validate_and_give_their_workflow_rules() {
    let env = Env::new();
    let created = env.json(&["link", "create", "--workflow-id", WORKFLOW]);
    let link_id = created["data"].as_str().unwrap().to_owned();
    let rules = env.json(&["link", "validate", "--link-id", &link_id]);
    assert!(rules["allowedKycDocuments"].is_array(), "{rules}");
    let workflow = env.json(&["v3", "rules", "--link", &link_id]);
    assert_eq!(workflow["workflowId"], WORKFLOW);
    let run = env.run(&["link", "validate", "--link-id", "no-such-link"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("(8014)"), "{}", run.stderr);
    let run = env.run(&["v3", "rules", "--link", &link_id, "--workflow-id", WORKFLOW]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn loopback_hosts_are_reached_directly_behind_a_proxy() {
    let env = Env::new();
    let proxy = "http://127.0.0.1:9";
    let proxied = |args: &[&str]| {
        run_with(
            args,
            &[
                ("FACEKI_BASE_URL", env.sandbox.base_url()),
                ("FACEKI_CLIENT_ID", CLIENT_ID),
                ("FACEKI_CLIENT_SECRET", SECRET),
                ("HTTP_PROXY", proxy),
                ("http_proxy", proxy),
                ("HTTPS_PROXY", proxy),
                ("ALL_PROXY", proxy),
                ("NO_PROXY", ""),
            ],
        )
    };
    let run = proxied(&["rules"]);
    assert_eq!(run.code, 0, "{run:?}");
    let run = proxied(&["demo"]);
    assert_eq!(run.code, 0, "{run:?}");
}

/// The arguments of a V3 verification of this environment's images.
fn v3_verify_args(env: &Env, record_identifier: Option<&str>) -> Vec<String> {
    let mut args = vec![
        "v3".to_owned(),
        "verify".to_owned(),
        "--workflow-id".to_owned(),
        WORKFLOW.to_owned(),
        "--selfie".to_owned(),
        env.file("v3-selfie.png"),
        "--doc1-front".to_owned(),
        env.file("front.jpg"),
        "--doc1-back".to_owned(),
        env.file("back.jpg"),
    ];
    if let Some(id) = record_identifier {
        args.extend(["--record-identifier".to_owned(), id.to_owned()]);
    }
    args
}

#[test]
fn a_lost_answer_is_reconciled_and_exits_0_with_the_record() {
    let env = Env::new();
    // Processed, then the connection is reset: the CLI's client looks the record up.
    env.sandbox.inject_fault(
        faceki::types::Endpoint::V3Verification,
        Fault::processed_then(Fault::drop_connection()),
        1,
    );
    let args = v3_verify_args(&env, Some("customer-lost"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("ACCEPTED"), "{}", run.stdout);
    assert!(
        run.stderr.contains("record found by its record identifier"),
        "{}",
        run.stderr
    );
    assert_eq!(env.sandbox.record_count(), 1, "billed once");
    assert_eq!(
        env.sandbox
            .requests(faceki::types::Endpoint::V3Verification),
        1
    );
}

#[test]
fn an_outcome_still_unknown_exits_5_and_says_what_to_do() {
    let env = Env::new();
    // Not processed, answer lost: the lookup finds nothing, so the outcome stays unknown.
    env.sandbox.inject_fault(
        faceki::types::Endpoint::V3Verification,
        Fault::bad_gateway_html(),
        1,
    );
    let args = v3_verify_args(&env, Some("customer-unknown"));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = env.run(&args);
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stderr.contains("not found"), "{}", run.stderr);
    assert!(
        run.stderr.contains("faceki records --record-identifier"),
        "{}",
        run.stderr
    );
    assert_eq!(
        env.sandbox
            .requests(faceki::types::Endpoint::V3Verification),
        1,
        "not resent"
    );

    // Without an identifier nothing can be looked up: exit 5 with that advice.
    env.sandbox.inject_fault(
        faceki::types::Endpoint::V3Verification,
        Fault::processed_then(Fault::gateway_timeout_html()),
        1,
    );
    let args = v3_verify_args(&env, None);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = env.run(&args);
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stderr.contains("cannot be looked up"), "{}", run.stderr);
    assert!(!run.stderr.contains(SECRET));

    // A gateway page on a read is an API-side failure (1), not an unknown outcome.
    env.sandbox.inject_fault(
        faceki::types::Endpoint::KycRules,
        Fault::bad_gateway_html(),
        10,
    );
    let run = env.run(&["rules"]);
    assert_eq!(
        run.code, 1,
        "a gateway page on a read is an API-side failure: {run:?}"
    );
}

#[test]
fn preflight_strict_refuses_a_faceless_selfie_before_anything_is_sent() {
    let env = Env::new();
    // The sandbox's stock selfie is a few pixels of colour: no face, far too small.
    let mut args = vec!["--preflight", "strict"];
    let verify = v3_verify_args(&env, Some("customer-preflight"));
    args.extend(verify.iter().map(String::as_str));
    let run = env.run(&args);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("pre-flight refused"), "{}", run.stderr);
    assert!(run.stderr.contains("anticipated: FACE_"), "{}", run.stderr);
    assert!(
        run.stderr.contains("nothing was sent or billed"),
        "{}",
        run.stderr
    );
    assert_eq!(
        env.sandbox
            .requests(faceki::types::Endpoint::V3Verification),
        0
    );
    assert_eq!(env.sandbox.record_count(), 0);

    // Normalise sends it (re-encoded) and never refuses.
    let mut args = vec!["--preflight", "normalise"];
    args.extend(verify.iter().map(String::as_str));
    let run = env.run(&args);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(env.sandbox.record_count(), 1);
    let sent = env
        .sandbox
        .last_request_to(faceki::types::Endpoint::V3Verification)
        .unwrap();
    let selfie = sent.parts.iter().find(|p| p.name == "selfie").unwrap();
    assert_eq!(
        selfie.content_type.as_deref(),
        Some("image/jpeg"),
        "the PNG was normalised"
    );
}
