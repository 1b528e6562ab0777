//! `faceki batch` through the binary, against a sandbox started in the test: a run
//! killed with SIGKILL at random moments three times and resumed, ending with exactly
//! one record per identifier; dry runs that send nothing; invalid manifests refused
//! with exit code 2, naming the row and the column; the budget guard; reports.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use faceki::records::RecordsQuery;
use faceki::types::Endpoint;
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Fault, Sandbox, SandboxHandle};
use serde_json::Value;

const CLIENT_ID: &str = "batch-test-client";
const SECRET: &str = "batch-test-secret-3f9d21";

struct Env {
    sandbox: SandboxHandle,
    client: faceki::Client,
    dir: tempfile::TempDir,
    // Declared last: dropped after the sandbox.
    runtime: tokio::runtime::Runtime,
}

impl Env {
    fn new() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let sandbox = runtime
            .block_on(
                Sandbox::builder()
                    .client_id(CLIENT_ID)
                    .client_secret(SECRET)
                    .start(),
            )
            .unwrap();
        let client = faceki::Client::builder()
            .base_url(sandbox.base_url())
            .credentials(CLIENT_ID, SECRET)
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("img")).unwrap();
        for (name, bytes) in [
            ("img/selfie.jpg", JPEG),
            ("img/front.png", PNG),
            ("img/back.jpg", JPEG),
            ("img/notes.txt", &b"plain text"[..]),
        ] {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        Self {
            sandbox,
            client,
            dir,
            runtime,
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A CSV manifest with `header` and `rows`.
    fn manifest(&self, name: &str, header: &str, rows: &[String]) -> String {
        let mut text = format!("{header}\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        std::fs::write(self.path(name), text).unwrap();
        self.path(name).display().to_string()
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_faceki"));
        cmd.args(args)
            .env_remove("RUST_LOG")
            .env("FACEKI_BASE_URL", self.sandbox.base_url())
            .env("FACEKI_CLIENT_ID", CLIENT_ID)
            .env("FACEKI_CLIENT_SECRET", SECRET)
            .stdin(Stdio::null());
        cmd
    }

    fn run(&self, args: &[&str]) -> Run {
        let Output {
            status,
            stdout,
            stderr,
        } = self.command(args).output().unwrap();
        let run = Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8(stdout).unwrap(),
            stderr: String::from_utf8(stderr).unwrap(),
        };
        assert!(!run.stdout.contains(SECRET) && !run.stderr.contains(SECRET));
        run
    }

    /// How many records the sandbox holds with this identifier.
    fn records_of(&self, identifier: &str) -> usize {
        self.runtime
            .block_on(
                self.client
                    .records()
                    .query(RecordsQuery::new().record_identifier(identifier)),
            )
            .unwrap()
            .len()
    }
}

#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

const HEADER: &str = "record_identifier,workflowId,selfie,document_1_front,document_1_back";

fn row(id: &str) -> String {
    format!("{id},wf-default,img/selfie.jpg,img/front.png,img/back.jpg")
}

/// Row `i` of the big manifest: every 20th fails on its selfie (8006), every 25th
/// is declined; the sandbox reads those outcomes off the identifier.
fn identifier(i: usize) -> String {
    if i % 20 == 0 {
        format!("person-{i}-sandbox-8006")
    } else if i % 25 == 0 {
        format!("person-{i}-sandbox-DECLINED")
    } else {
        format!("person-{i}")
    }
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn killed_three_times_with_sigkill_then_resumed_gives_one_record_per_identifier() {
    let env = Env::new();
    let rows: Vec<String> = (1..=200).map(|i| row(&identifier(i))).collect();
    let manifest = env.manifest("people.csv", HEADER, &rows);
    let args = [
        "batch",
        "run",
        manifest.as_str(),
        "--concurrency",
        "4",
        "--rate",
        "100",
    ];
    // While the runs are killed, every verification is processed (its record stored)
    // and then answered 100 ms late: a kill always finds rows in flight whose record
    // exists, which the next run must find instead of sending them again.
    env.sandbox.inject_fault(
        Endpoint::V3Verification,
        Fault::processed_then(Fault::latency(Duration::from_millis(100))),
        10_000,
    );
    let seed = fastrand::u64(..);
    let mut rng = fastrand::Rng::with_seed(seed);
    eprintln!("kill moments from seed {seed}");
    for kill in 1..=3 {
        let mut child = env
            .command(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A random moment once this run is sending.
        wait_for_requests(&env, env.sandbox.requests(Endpoint::V3Verification) + 1);
        let after = Duration::from_millis(rng.u64(0..600));
        std::thread::sleep(after);
        // `Child::kill` is SIGKILL on Unix: no handler runs, nothing is flushed.
        child.kill().unwrap();
        let status = child.wait().unwrap();
        eprintln!(
            "kill {kill} after {after:?}: {status:?}; {} verifications so far",
            env.sandbox.requests(Endpoint::V3Verification)
        );
        assert_eq!(
            std::os::unix::process::ExitStatusExt::signal(&status),
            Some(9),
            "seed {seed}: the run must still be running when it is killed"
        );
    }
    assert!(
        env.sandbox.requests(Endpoint::V3Verification) > 0,
        "the kills should have interrupted a run that was sending (seed {seed})"
    );

    env.sandbox.clear_scenarios();
    let last = env.run(&args);
    assert_eq!(last.code, 0, "seed {seed}: {last:?}");
    eprintln!("{}", last.stdout);
    assert!(
        last.stdout.contains("left by an earlier run"),
        "{}",
        last.stdout
    );
    assert!(
        last.stdout
            .contains("200 rows: 190 done, 10 failed, 0 unknown, 0 pending"),
        "{}",
        last.stdout
    );

    let report = env.run(&["batch", "report", manifest.as_str(), "--format", "jsonl"]);
    assert_eq!(report.code, 0, "{report:?}");
    let lines = jsonl(&report.stdout);
    assert_eq!(lines.len(), 200);
    assert!(
        report.stderr.contains("FACE_NOT_FOUND (8006): 10 rows"),
        "{}",
        report.stderr
    );
    let mut done = 0;
    for (i, line) in (1..=200).zip(&lines) {
        let id = identifier(i);
        assert_eq!(line["record_identifier"], id.as_str());
        if i % 20 == 0 {
            assert_eq!(line["state"], "failed", "{line}");
            assert_eq!(line["code"], 8006);
            assert_eq!(line["code_name"], "FACE_NOT_FOUND");
            assert_eq!(
                line["guidance"],
                faceki::error::ResponseCode::from_code(8006).guidance()
            );
            // The sandbox stores no record for a verification it fails.
            assert_eq!(env.records_of(&id), 0, "{id}");
        } else {
            done += 1;
            assert_eq!(line["state"], "done", "{line}");
            let decision = if i % 25 == 0 { "DECLINED" } else { "ACCEPTED" };
            assert_eq!(line["decision"], decision, "{line}");
            assert!(line["request_id"].is_string());
            assert_eq!(
                env.records_of(&id),
                1,
                "seed {seed}: {id} has more than one record"
            );
        }
    }
    assert_eq!(env.sandbox.record_count(), done, "seed {seed}");

    // Everything is settled: running again sends nothing.
    let before = env.sandbox.requests(Endpoint::V3Verification);
    let again = env.run(&args);
    assert_eq!(again.code, 0, "{again:?}");
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), before);
}

#[test]
fn a_dry_run_checks_everything_and_sends_nothing() {
    let env = Env::new();
    let rows: Vec<String> = (1..=5).map(|i| row(&format!("d-{i}"))).collect();
    let manifest = env.manifest("dry.csv", HEADER, &rows);
    let run = env.run(&["batch", "run", &manifest, "--dry-run"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.contains("dry run: 5 rows checked"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Nothing was sent"));
    assert_eq!(env.sandbox.total_requests(), 0);
    assert!(
        !env.path("dry.csv.journal").exists(),
        "a dry run creates no journal"
    );

    // Without credentials too: a dry run needs none.
    let out = Command::new(env!("CARGO_BIN_EXE_faceki"))
        .args(["--json", "batch", "run", &manifest, "--dry-run"])
        .env_remove("FACEKI_CLIENT_ID")
        .env_remove("FACEKI_CLIENT_SECRET")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let value: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["rows"], 5);
}

#[test]
fn invalid_manifests_exit_2_naming_the_row_and_the_column_before_any_request() {
    let env = Env::new();
    let cases: [(&str, &str, Vec<String>, &[&str]); 4] = [
        (
            "duplicate.csv",
            HEADER,
            vec![row("a"), row("b"), row("a")],
            &["row 3 (line 4), column `record_identifier`: `a` is a duplicate of row 1 (line 2)"],
        ),
        (
            "missing.csv",
            HEADER,
            vec![
                row("a"),
                "b,wf-default,img/nobody.jpg,img/front.png,img/back.jpg".to_owned(),
            ],
            &["row 2 (line 3), column `selfie`: the image file does not exist (img/nobody.jpg)"],
        ),
        (
            "not-image.csv",
            HEADER,
            vec!["a,wf-default,img/selfie.jpg,img/notes.txt,img/back.jpg".to_owned()],
            &["row 1 (line 2), column `document_1_front`: not a JPEG or PNG image"],
        ),
        (
            "columns.csv",
            "record_identifier,workflowId,selfy,document_1_front,document_1_back,email",
            vec!["a,wf-default,img/selfie.jpg,img/front.png,img/back.jpg,a@example.com".to_owned()],
            &[
                "header (line 1), column `selfy`: unknown column (did you mean `selfie`?)",
                "header (line 1), column `email`: unknown column",
            ],
        ),
    ];
    for (name, header, rows, expected) in cases {
        let manifest = env.manifest(name, header, &rows);
        for dry in [false, true] {
            let mut args = vec!["batch", "run", manifest.as_str()];
            if dry {
                args.push("--dry-run");
            }
            let run = env.run(&args);
            assert_eq!(run.code, 2, "{name}: {run:?}");
            for want in expected {
                assert!(
                    run.stderr.contains(want),
                    "{name}: want {want:?} in\n{}",
                    run.stderr
                );
            }
        }
        assert_eq!(
            env.sandbox.total_requests(),
            0,
            "{name}: nothing may be sent"
        );
    }

    // --skip-invalid sends the valid rows, never the duplicate; unknown columns are
    // still refused.
    let run = env.run(&[
        "batch",
        "run",
        &env.path("duplicate.csv").display().to_string(),
        "--skip-invalid",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("skipped invalid rows (1 problem)"),
        "{}",
        run.stderr
    );
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 2);
    let run = env.run(&[
        "batch",
        "run",
        &env.path("columns.csv").display().to_string(),
        "--skip-invalid",
    ]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn max_billed_stops_after_that_many_and_the_report_goes_to_a_file() {
    let env = Env::new();
    let rows: Vec<String> = (1..=15).map(|i| row(&format!("m-{i}"))).collect();
    let manifest = env.manifest("budget.csv", HEADER, &rows);
    let journal = env.path("elsewhere.journal").display().to_string();
    let run = env.run(&[
        "--json",
        "batch",
        "run",
        &manifest,
        "--journal",
        &journal,
        "--max-billed",
        "10",
        "--concurrency",
        "3",
    ]);
    assert_eq!(run.code, 1, "{run:?}");
    let value: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["run"]["billed"], 10);
    assert_eq!(
        (value["done"].as_u64(), value["pending"].as_u64()),
        (Some(10), Some(5))
    );
    assert!(value["stopped"].as_str().unwrap().contains("budget of 10"));
    assert_eq!(env.sandbox.requests(Endpoint::V3Verification), 10);
    assert!(Path::new(&journal).exists());

    let output = env.path("results.jsonl").display().to_string();
    let report = env.run(&[
        "batch",
        "report",
        "--journal",
        &journal,
        "--output",
        &output,
    ]);
    assert_eq!(report.code, 0, "{report:?}");
    assert!(
        report
            .stdout
            .contains("15 rows: 10 done, 0 failed, 0 unknown, 5 pending"),
        "{}",
        report.stdout
    );
    let lines = jsonl(&std::fs::read_to_string(&output).unwrap());
    assert_eq!(lines.len(), 15);
    assert_eq!(lines[14]["state"], "pending");
    assert!(lines[0]["personal_data"].is_null(), "not asked for");
}

/// Waits until the sandbox has seen `n` verifications (a run is sending).
fn wait_for_requests(env: &Env, n: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while env.sandbox.requests(Endpoint::V3Verification) < n {
        assert!(
            std::time::Instant::now() < deadline,
            "no run started sending"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Sends SIGINT (what Ctrl-C sends) to a child this test started, by its id.
fn interrupt(child: &std::process::Child) {
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn states(env: &Env, manifest: &str) -> std::collections::BTreeMap<String, usize> {
    let report = env.run(&["batch", "report", manifest, "--format", "jsonl"]);
    assert_eq!(report.code, 0, "{report:?}");
    let mut states = std::collections::BTreeMap::new();
    for line in jsonl(&report.stdout) {
        *states
            .entry(line["state"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    states
}

#[test]
fn ctrl_c_finishes_the_rows_in_flight_and_a_second_ctrl_c_aborts() {
    let env = Env::new();
    let rows: Vec<String> = (1..=40).map(|i| row(&format!("i-{i}"))).collect();
    let manifest = env.manifest("interrupt.csv", HEADER, &rows);
    // Processed at once, answered 300 ms later: rows are in flight for a while.
    env.sandbox.inject_fault(
        Endpoint::V3Verification,
        Fault::processed_then(Fault::latency(Duration::from_millis(300))),
        10_000,
    );
    let args = ["batch", "run", manifest.as_str(), "--concurrency", "4"];

    // One Ctrl-C: no new rows; the ones in flight are answered and recorded.
    let child = env
        .command(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_requests(&env, env.sandbox.requests(Endpoint::V3Verification) + 4);
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("stopping: no new rows are sent"),
        "{stderr}"
    );
    assert!(
        stderr.contains("interrupted: the rows in flight were finished"),
        "{stderr}"
    );
    let after_one = states(&env, &manifest);
    assert_eq!(after_one.get("sending"), None, "{after_one:?}");
    assert!(after_one["pending"] > 0, "{after_one:?}");
    assert_eq!(
        after_one["done"] as u64,
        env.sandbox.requests(Endpoint::V3Verification),
        "every request sent was recorded"
    );

    // Two: the rows in flight are abandoned, `sending`, for the next run to look up.
    let child = env
        .command(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_requests(&env, env.sandbox.requests(Endpoint::V3Verification) + 4);
    interrupt(&child);
    std::thread::sleep(Duration::from_millis(50));
    interrupt(&child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("aborted: rows that were in flight stay"),
        "{stderr}"
    );
    let after_two = states(&env, &manifest);
    assert!(
        after_two.get("sending").copied().unwrap_or(0) >= 1,
        "{after_two:?}"
    );

    env.sandbox.clear_scenarios();
    let last = env.run(&args);
    assert_eq!(last.code, 0, "{last:?}");
    assert!(
        last.stdout.contains("left by an earlier run"),
        "{}",
        last.stdout
    );
    for i in 1..=40 {
        assert_eq!(env.records_of(&format!("i-{i}")), 1, "i-{i}");
    }
}
