//! `cargo xtask fuzz --seconds N [--target T]`: seeds the corpora from the response
//! fixtures and runs each fuzz target of `fuzz/` for `N` seconds, failing on a crash.
//!
//! Installs nothing: it needs `cargo fuzz` (`cargo install cargo-fuzz`). There is no
//! nightly toolchain here, so it sets `RUSTC_BOOTSTRAP=1` for the sanitizer flags
//! cargo-fuzz passes to a stable compiler. Corpora (`fuzz/corpus/<target>`) and crash
//! artifacts (`fuzz/artifacts/<target>`) are generated, and ignored by git.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// The fuzz targets, in the order they run.
pub(crate) const TARGETS: [&str; 2] = ["decode_response", "build_requests"];

/// Where the seed bodies come from, relative to the project root.
const FIXTURES: &str = "crates/faceki-types/tests/fixtures";

/// The parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    pub(crate) seconds: u64,
    pub(crate) targets: Vec<&'static str>,
}

/// Reads `--seconds N [--target T]`.
pub(crate) fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut seconds = None;
    let mut targets = TARGETS.to_vec();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seconds" => {
                let value = args.next().ok_or("--seconds needs a number")?;
                let n: u64 = value
                    .parse()
                    .map_err(|_| format!("--seconds: `{value}` is not a whole number"))?;
                if n == 0 {
                    return Err("--seconds must be at least 1".to_owned());
                }
                seconds = Some(n);
            }
            "--target" => {
                let value = args.next().ok_or("--target needs a target name")?;
                let target = TARGETS
                    .iter()
                    .find(|t| **t == value.as_str())
                    .ok_or_else(|| {
                        format!(
                            "unknown fuzz target `{value}` (known: {})",
                            TARGETS.join(", ")
                        )
                    })?;
                targets = vec![*target];
            }
            other => return Err(format!("fuzz: unexpected argument `{other}`")),
        }
    }
    let seconds = seconds.ok_or("usage: cargo xtask fuzz --seconds N [--target T]")?;
    Ok(Options { seconds, targets })
}

/// What one run found.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Outcome {
    target: &'static str,
    seconds: u64,
    runs: Option<u64>,
    corpus: usize,
    crashed: bool,
}

/// The command line entry point.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let options = parse_args(args)?;
    let root = crate::util::project_root();
    check_cargo_fuzz()?;
    let mut outcomes = Vec::new();
    for target in &options.targets {
        let corpus = root.join("fuzz/corpus").join(target);
        let seeded = seed(&root.join(FIXTURES), &corpus, target)?;
        eprintln!("fuzz: {target}: {seeded} seed files in fuzz/corpus/{target}");
        outcomes.push(run_target(&root, target, options.seconds)?);
    }
    println!("\n| target | seconds | executions | corpus files | crashes |");
    println!("|---|---|---|---|---|");
    for o in &outcomes {
        println!(
            "| {} | {} | {} | {} | {} |",
            o.target,
            o.seconds,
            o.runs.map_or("?".to_owned(), |r| r.to_string()),
            o.corpus,
            u8::from(o.crashed)
        );
    }
    let crashed: Vec<&str> = outcomes
        .iter()
        .filter(|o| o.crashed)
        .map(|o| o.target)
        .collect();
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzzing found a crash in {} (inputs in fuzz/artifacts/)",
            crashed.join(", ")
        ))
    }
}

fn check_cargo_fuzz() -> Result<(), String> {
    let found = Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if found {
        Ok(())
    } else {
        Err("`cargo fuzz` is not installed: run `cargo install cargo-fuzz` first".to_owned())
    }
}

/// The bytes a `decode_response` input starts with: HTTP status (big-endian) and the
/// content-type selector (1 is `application/json`), as the target reads them.
fn decode_header(status: u16) -> [u8; 3] {
    let [hi, lo] = status.to_be_bytes();
    [hi, lo, 1]
}

/// Writes one seed per fixture (for `decode_response`, under HTTP 200 and, for the
/// error paths, 500). Returns how many files were written.
fn seed(fixtures: &Path, corpus: &Path, target: &str) -> Result<usize, String> {
    std::fs::create_dir_all(corpus)
        .map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures)
        .map_err(|e| format!("cannot read {}: {e}", fixtures.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut written = 0;
    for file in files {
        let body =
            std::fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let seeds: Vec<(String, Vec<u8>)> = if target == "decode_response" {
            [200u16, 500]
                .iter()
                .map(|status| {
                    let mut input = decode_header(*status).to_vec();
                    input.extend_from_slice(&body);
                    (format!("seed-{stem}-{status}"), input)
                })
                .collect()
        } else {
            vec![(format!("seed-{stem}"), body)]
        };
        for (name, input) in seeds {
            let path = corpus.join(name);
            std::fs::write(&path, input)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            written += 1;
        }
    }
    Ok(written)
}

/// Runs one target, echoing libFuzzer's output and reading its final run count.
fn run_target(root: &Path, target: &'static str, seconds: u64) -> Result<Outcome, String> {
    let mut command = Command::new("cargo");
    command
        .current_dir(root)
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "run", "--fuzz-dir", "fuzz", target, "--"])
        .arg(format!("-max_total_time={seconds}"))
        .arg("-print_final_stats=1");
    if target == "decode_response" {
        command.arg("-dict=fuzz/json.dict");
    }
    // Build first, so the run's time is fuzzing time only.
    let built = Command::new("cargo")
        .current_dir(root)
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "build", "--fuzz-dir", "fuzz", target])
        .status()
        .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
    if !built.success() {
        return Err(format!("cargo fuzz build {target} failed"));
    }
    eprintln!("fuzz: running {target} for {seconds} s");
    let started = Instant::now();
    let mut child = command
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
    let mut runs = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if let Some(n) = done_runs(&line) {
                runs = Some(n);
            }
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("cargo fuzz did not finish: {e}"))?;
    let corpus = std::fs::read_dir(root.join("fuzz/corpus").join(target))
        .map(|d| d.count())
        .unwrap_or(0);
    Ok(Outcome {
        target,
        seconds: started.elapsed().as_secs(),
        runs,
        corpus,
        crashed: !status.success(),
    })
}

/// The run count libFuzzer prints at the end (`-print_final_stats=1`), crash or not:
/// `stat::number_of_executed_units: 123`, or the closing `Done 123 runs in 60 second(s)`.
fn done_runs(line: &str) -> Option<u64> {
    if let Some(n) = line.strip_prefix("stat::number_of_executed_units:") {
        return n.trim().parse().ok();
    }
    line.strip_prefix("Done ")?
        .split_once(" runs in ")?
        .0
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn parses_seconds_and_target() {
        assert_eq!(
            parse_args(&args(&["--seconds", "30"])),
            Ok(Options {
                seconds: 30,
                targets: TARGETS.to_vec()
            })
        );
        assert_eq!(
            parse_args(&args(&["--target", "build_requests", "--seconds", "5"])),
            Ok(Options {
                seconds: 5,
                targets: vec!["build_requests"]
            })
        );
        assert!(parse_args(&args(&[])).is_err());
        assert!(parse_args(&args(&["--seconds", "0"])).is_err());
        assert!(parse_args(&args(&["--seconds", "x"])).is_err());
        let unknown = parse_args(&args(&["--seconds", "1", "--target", "nope"])).unwrap_err();
        assert!(unknown.contains("decode_response"), "{unknown}");
    }

    #[test]
    fn reads_libfuzzer_run_count() {
        assert_eq!(
            done_runs("Done 1234567 runs in 601 second(s)"),
            Some(1_234_567)
        );
        assert_eq!(done_runs("stat::number_of_executed_units: 899"), Some(899));
        assert_eq!(done_runs("#1024 pulse cov: 12"), None);
    }

    #[test]
    fn every_target_has_a_source_file() {
        let root = crate::util::project_root();
        for target in TARGETS {
            let path = root.join(format!("fuzz/fuzz_targets/{target}.rs"));
            assert!(path.is_file(), "{}", path.display());
            let manifest = std::fs::read_to_string(root.join("fuzz/Cargo.toml")).unwrap();
            assert!(
                manifest.contains(&format!("name = \"{target}\"")),
                "{target}"
            );
        }
    }

    #[test]
    fn seeds_fixtures_with_the_decode_header() {
        let root = crate::util::project_root();
        let dir = std::env::temp_dir().join(format!("xtask-fuzz-seed-{}", std::process::id()));
        let n = seed(&root.join(FIXTURES), &dir, "decode_response").unwrap();
        let fixture = std::fs::read(root.join(FIXTURES).join("token_success.json")).unwrap();
        let seeded = std::fs::read(dir.join("seed-token_success-200")).unwrap();
        assert_eq!(&seeded[..3], &[0, 200, 1]);
        assert_eq!(&seeded[3..], &fixture[..]);
        let fixtures = std::fs::read_dir(root.join(FIXTURES)).unwrap().count();
        assert_eq!(n, 2 * fixtures);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
