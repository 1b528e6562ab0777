//! `cargo bench -p faceki-batch --bench batch`: a batch of 10,000 rows against the
//! sandbox at concurrency 32 — verifications per second and peak RSS — and what the
//! journal costs per row.
//!
//! The sandbox runs in a child process (this same binary, `FACEKI_BENCH_ROLE=sandbox`)
//! so its memory (it keeps every record) does not count; each batch runs in a child
//! of its own (`FACEKI_BENCH_ROLE=client`), so its peak RSS (`VmHWM` of
//! `/proc/self/status`) is its own: 1,000 rows then 10,000 rows, to show whether RSS
//! grows with the number of rows. The journal's cost is measured in this process:
//! 10,000 rows through import and a run over a transport that answers at once (no
//! network), with `Durability::Full` and `Normal`: time per row, bytes per row.
//!
//! Environment: `FACEKI_BENCH_ROWS` (default `1000,10000`), `FACEKI_BENCH_CONCURRENCY`
//! (default 32).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use faceki::Client;
use faceki::auth::{SharedTokenProvider, StaticTokenProvider};
use faceki::transport::{HttpResponse, transport_fn};
use faceki_batch::{Batch, Durability, Journal, JournalOptions, Manifest, StopHandle};
use faceki_sandbox::images::{JPEG, PNG};

fn main() {
    match std::env::var("FACEKI_BENCH_ROLE").as_deref() {
        Ok("sandbox") => sandbox(),
        Ok("client") => client(),
        _ => orchestrate(),
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Serves a sandbox until stdin closes; its address and credentials on the first line.
fn sandbox() {
    let rt = runtime();
    rt.block_on(async {
        let sb = faceki_sandbox::Sandbox::builder().start().await.unwrap();
        let creds = sb.credentials();
        println!(
            "{} {} {}",
            sb.base_url(),
            creds.client_id(),
            creds.client_secret().expose_secret()
        );
        std::io::stdout().flush().unwrap();
        tokio::task::spawn_blocking(|| {
            let mut sink = String::new();
            while std::io::stdin()
                .read_line(&mut sink)
                .map(|n| n > 0)
                .unwrap_or(false)
            {}
        })
        .await
        .unwrap();
        drop(sb);
    });
}

/// Peak resident set size of this process, in KiB.
fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Writes a manifest of `rows` rows (the same three image files for every row).
fn write_manifest(dir: &Path, rows: usize) -> std::path::PathBuf {
    std::fs::write(dir.join("selfie.jpg"), JPEG).unwrap();
    std::fs::write(dir.join("front.png"), PNG).unwrap();
    std::fs::write(dir.join("back.jpg"), JPEG).unwrap();
    let path = dir.join("people.csv");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(
        out,
        "record_identifier,workflowId,selfie,document_1_front,document_1_back"
    )
    .unwrap();
    for i in 0..rows {
        writeln!(
            out,
            "customer-{i:07},wf-default,selfie.jpg,front.png,back.jpg"
        )
        .unwrap();
    }
    out.flush().unwrap();
    path
}

fn file_len(path: &Path, suffix: &str) -> u64 {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    std::fs::metadata(name).map(|m| m.len()).unwrap_or(0)
}

/// One batch against the sandbox named in the environment; one JSON line of figures.
fn client() {
    let rows: usize = std::env::var("FACEKI_BENCH_N").unwrap().parse().unwrap();
    let concurrency: usize = std::env::var("FACEKI_BENCH_CONCURRENCY")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(32);
    let url = std::env::var("FACEKI_BENCH_URL").unwrap();
    let id = std::env::var("FACEKI_BENCH_ID").unwrap();
    let secret = std::env::var("FACEKI_BENCH_SECRET").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let manifest_path = write_manifest(dir.path(), rows);
    let rss_before = vm_hwm_kib();
    let rt = runtime();
    let figures = rt.block_on(async {
        let client = Client::builder()
            .base_url(url)
            .credentials(id, secret)
            .build()
            .unwrap();
        let manifest = Manifest::open(&manifest_path).unwrap();
        let journal_path = manifest.default_journal_path();
        let journal = Journal::open(&journal_path).unwrap();
        let batch = Batch::builder(client, journal)
            .concurrency(concurrency)
            .build();
        let started = Instant::now();
        let imported = tokio::task::block_in_place(|| {
            batch.import(manifest.rows().unwrap(), manifest.import_options())
        })
        .unwrap();
        let import_time = started.elapsed();
        let summary = batch.run(&StopHandle::new()).await.unwrap();
        assert_eq!(summary.counts.done as usize, rows, "{summary:?}");
        assert_eq!(imported.added as usize, rows);
        let stats = batch.journal().stats();
        drop(batch);
        let journal_bytes = file_len(&journal_path, "") + file_len(&journal_path, "-wal");
        serde_json::json!({
            "rows": rows,
            "concurrency": concurrency,
            "import_seconds": import_time.as_secs_f64(),
            "run_seconds": summary.elapsed.as_secs_f64(),
            "verifications_per_second": rows as f64 / summary.elapsed.as_secs_f64(),
            "peak_rss_kib": vm_hwm_kib(),
            "rss_before_runtime_kib": rss_before,
            "journal_bytes": journal_bytes,
            "journal_busy_seconds": stats.busy.as_secs_f64(),
            "journal_commits": stats.commits,
            "journal_transitions": stats.transitions,
        })
    });
    println!("{figures}");
}

fn orchestrate() {
    let exe = std::env::current_exe().unwrap();
    let mut sandbox = Command::new(&exe)
        .env("FACEKI_BENCH_ROLE", "sandbox")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(sandbox.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let mut parts = line.split_whitespace();
    let (url, id, secret) = (
        parts.next().unwrap().to_owned(),
        parts.next().unwrap().to_owned(),
        parts.next().unwrap().to_owned(),
    );
    let sizes = std::env::var("FACEKI_BENCH_ROWS").unwrap_or_else(|_| "1000,10000".to_owned());
    println!(
        "batch against the sandbox (a separate process), on {} cores:",
        cores()
    );
    for rows in sizes.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let out = Command::new(&exe)
            .env("FACEKI_BENCH_ROLE", "client")
            .env("FACEKI_BENCH_N", rows)
            .env("FACEKI_BENCH_URL", &url)
            .env("FACEKI_BENCH_ID", &id)
            .env("FACEKI_BENCH_SECRET", &secret)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let n = v["rows"].as_f64().unwrap_or(1.0);
        let f = |key: &str| v[key].as_f64().unwrap_or(0.0);
        println!(
            "  {:>6} rows, concurrency {}: {:.0} verifications/s ({:.2} s; import {:.2} s), \
             peak RSS {:.1} MiB; journal {:.0} bytes/row, busy {:.0} µs/row, {:.1} transitions \
             per commit",
            v["rows"],
            v["concurrency"],
            f("verifications_per_second"),
            f("run_seconds"),
            f("import_seconds"),
            f("peak_rss_kib") / 1024.0,
            f("journal_bytes") / n,
            f("journal_busy_seconds") * 1e6 / n,
            f("journal_transitions") / f("journal_commits").max(1.0),
        );
    }
    drop(sandbox.stdin.take());
    let _ = sandbox.wait();

    println!(
        "journal cost per row (10,000 rows, a transport that answers at once, concurrency 32):"
    );
    for durability in [Durability::Full, Durability::Normal] {
        journal_cost(durability, 10_000);
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Import and run `rows` rows over a transport that answers every verification at
/// once: what is left is the engine and, mostly, the journal.
fn journal_cost(durability: Durability, rows: usize) {
    let dir = tempfile::tempdir().unwrap();
    let manifest_path = write_manifest(dir.path(), rows);
    let rt = runtime();
    rt.block_on(async {
        let answer = r#"{"status":true,"code":200,"message":"OK","result":{"requestId":"0f0e0d0c-0000-4000-8000-000000000000","decision":"ACCEPTED"}}"#;
        let transport = transport_fn(move |_request| async move { Ok(HttpResponse::json(200, answer)) });
        let client = Client::builder()
            .base_url("http://127.0.0.1:9")
            .token_provider(SharedTokenProvider::new(StaticTokenProvider::new("bench")))
            .transport(transport)
            .build()
            .unwrap();
        let manifest = Manifest::open(&manifest_path).unwrap();
        let path = manifest.default_journal_path();
        let journal = Journal::open_with(&path, JournalOptions::new().durability(durability)).unwrap();
        let batch = Batch::builder(client, journal).concurrency(32).build();
        let started = Instant::now();
        tokio::task::block_in_place(|| batch.import(manifest.rows().unwrap(), manifest.import_options()))
            .unwrap();
        let import = started.elapsed();
        let imported = batch.journal().stats();
        let summary = batch.run(&StopHandle::new()).await.unwrap();
        assert_eq!(summary.counts.done as usize, rows);
        let stats = batch.journal().stats();
        let wal = file_len(&path, "-wal");
        drop(batch);
        let bytes = file_len(&path, "");
        let per_row = |d: Duration| d.as_secs_f64() * 1e6 / rows as f64;
        println!(
            "  {durability:?}: import {:.1} µs/row wall (image checks included; journal thread \
             {:.1} µs/row); run {:.1} µs/row wall ({:.0} rows/s), journal thread {:.1} µs/row \
             ({} transitions in {} commits); file {:.0} bytes/row (WAL peak {:.1} MiB, \
             checkpointed on close)",
            per_row(import),
            per_row(imported.busy),
            per_row(summary.elapsed),
            rows as f64 / summary.elapsed.as_secs_f64(),
            per_row(stats.busy.saturating_sub(imported.busy)),
            stats.transitions,
            stats.commits,
            bytes as f64 / rows as f64,
            wal as f64 / (1024.0 * 1024.0),
        );
    });
}
