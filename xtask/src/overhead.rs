//! `cargo xtask overhead [--pairs 21] [--seq 3000] [--par 20000] [--concurrency 64]
//! [--bin-dir DIR] [--baseline SDK_BINARY] [--wait-idle]`: the SDK's per-call overhead
//! against hand-written reqwest, measured whole-process.
//!
//! Builds the `faceki-bench` binaries in the `bench` profile (or takes them from
//! `--bin-dir`), starts one loopback server, then for each pair and each mode
//! (sequential, and `--concurrency` tasks at once) runs a fresh client process per
//! side, one after another — the SDK, raw reqwest with `ClientBuilder::timeout(120 s)`,
//! raw reqwest with no timeout, and with `--baseline` a second SDK binary (another
//! build, say before a change) — rotating which goes first. Each process warms up,
//! times its calls and prints µs per call (wall clock, and the CPU of its threads).
//! Ratios are taken within a pair (its processes ran within seconds of each other,
//! under the same load); the tables give their median and quartiles. With
//! `--wait-idle` each pair first waits (up to a minute) for a second in which the CPUs
//! were at least 80 % idle, for machines shared with other work. The server is
//! stopped at the end, on error too (and exits by itself if this process dies: its
//! stdin closes). Method and figures: `docs/performance.md` ("Client").

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SERVER: &str = "faceki-bench-server";
const SDK: &str = "faceki-bench-sdk";
const RAW: &str = "faceki-bench-raw";

/// The options of the command.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    pairs: usize,
    seq: usize,
    par: usize,
    concurrency: usize,
    bin_dir: Option<PathBuf>,
    baseline: Option<PathBuf>,
    wait_idle: bool,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut options = Options {
        pairs: 21,
        seq: 3000,
        par: 20_000,
        concurrency: 64,
        bin_dir: None,
        baseline: None,
        wait_idle: false,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("`{arg}` needs a value"));
        let number = |text: &String| {
            text.parse::<usize>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| format!("`{arg}` needs a positive number, not `{text}`"))
        };
        match arg.as_str() {
            "--pairs" => options.pairs = number(value()?)?,
            "--seq" => options.seq = number(value()?)?,
            "--par" => options.par = number(value()?)?,
            "--concurrency" => options.concurrency = number(value()?)?,
            "--bin-dir" => options.bin_dir = Some(PathBuf::from(value()?)),
            "--baseline" => options.baseline = Some(PathBuf::from(value()?)),
            "--wait-idle" => options.wait_idle = true,
            _ => {
                return Err(format!(
                    "unknown option `{arg}`: usage: cargo xtask overhead [--pairs N] [--seq N] \
                     [--par N] [--concurrency N] [--bin-dir DIR] [--baseline SDK_BINARY] [--wait-idle]"
                ));
            }
        }
    }
    Ok(options)
}

/// One client side: a binary and its arguments.
struct Side {
    label: &'static str,
    exe: PathBuf,
    args: &'static [&'static str],
}

/// What one client process reported.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Run {
    wall: f64,
    cpu: Option<f64>,
}

/// One measured mode: how many calls, how many at a time.
struct Mode {
    label: String,
    calls: usize,
    concurrency: usize,
}

/// A server process, killed when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The command line entry point.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let options = parse(args)?;
    let bins = match &options.bin_dir {
        Some(dir) => dir.clone(),
        None => build()?,
    };
    for name in [SERVER, SDK, RAW] {
        if !exe(&bins, name).is_file() {
            return Err(format!("{} is missing", exe(&bins, name).display()));
        }
    }
    // The SDK first: every ratio is the SDK's time over another side's.
    let mut sides = vec![
        Side {
            label: "SDK",
            exe: exe(&bins, SDK),
            args: &[],
        },
        Side {
            label: "raw + 120 s timeout",
            exe: exe(&bins, RAW),
            args: &[],
        },
        Side {
            label: "raw, no timeout",
            exe: exe(&bins, RAW),
            args: &["--no-timeout"],
        },
    ];
    if let Some(baseline) = &options.baseline {
        // Another build of the SDK side (say, before a change), in the same rotation.
        sides.push(Side {
            label: "SDK, baseline build",
            exe: baseline.clone(),
            args: &[],
        });
    }
    let modes = [
        Mode {
            label: "sequential".to_owned(),
            calls: options.seq,
            concurrency: 1,
        },
        Mode {
            label: format!("{}-way", options.concurrency),
            calls: options.par,
            concurrency: options.concurrency,
        },
    ];

    let (server, port) = start_server(&exe(&bins, SERVER))?;
    let url = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let mut loads = Vec::new();
    let mut busy = 0;
    // runs[mode][side][pair]
    let mut runs = vec![vec![Vec::new(); sides.len()]; modes.len()];
    for pair in 0..options.pairs {
        loads.push(load_average());
        for (m, mode) in modes.iter().enumerate() {
            if options.wait_idle && !wait_idle(IDLE_WAIT) {
                busy += 1;
            }
            // Rotate which side goes first, so drift in load is shared.
            for k in 0..sides.len() {
                let s = (pair + k) % sides.len();
                runs[m][s].push(run_client(&sides[s], &url, mode)?);
            }
        }
        eprintln!(
            "overhead: pair {}/{} done ({:.0} s)",
            pair + 1,
            options.pairs,
            started.elapsed().as_secs_f64()
        );
    }
    loads.push(load_average());
    drop(server);

    println!();
    println!(
        "Whole-process per-call overhead: {} pairs per mode (order rotated), each side a \
         fresh process; ratios are SDK ÷ the other side within each pair (median, p25–p75).",
        options.pairs
    );
    let loads: Vec<f64> = loads.into_iter().flatten().collect();
    if let (Some(lo), Some(hi)) = (
        loads.iter().copied().reduce(f64::min),
        loads.iter().copied().reduce(f64::max),
    ) {
        println!("1-minute load average during the run: {lo:.2}–{hi:.2}.");
    }
    if options.wait_idle {
        println!(
            "Each pair waited for a second with the CPUs at least {:.0} % idle; {busy} of {} \
             started without one (after {} s).",
            IDLE * 100.0,
            options.pairs * modes.len(),
            IDLE_WAIT.as_secs()
        );
    }
    for (title, pick) in [
        (
            "Wall clock, µs per call",
            (|r: &Run| Some(r.wall)) as fn(&Run) -> Option<f64>,
        ),
        (
            "CPU time of the client process (all its threads), µs per call",
            |r: &Run| r.cpu,
        ),
    ] {
        println!();
        println!("{}", table(title, &modes, &sides, &runs, pick));
    }
    Ok(())
}

/// A Markdown table of one measure: per mode and side, the median µs per call and
/// the fastest tenth's (the least disturbed runs), then the side's paired ratio to
/// each reference side (every side but the SDK).
fn table(
    title: &str,
    modes: &[Mode],
    sides: &[Side],
    runs: &[Vec<Vec<Run>>],
    pick: fn(&Run) -> Option<f64>,
) -> String {
    let mut out = format!("{title}:\n\n| mode | side | µs/call | p10 |");
    for reference in &sides[1..] {
        out.push_str(&format!(" ÷ {} (p25–p75) |", reference.label));
    }
    out.push_str("\n|---|---|---:|---:|");
    out.push_str(&"---:|".repeat(sides.len() - 1));
    for (m, mode) in modes.iter().enumerate() {
        for (s, side) in sides.iter().enumerate() {
            let values: Vec<f64> = runs[m][s].iter().filter_map(pick).collect();
            let spread = Quartiles::of(values);
            let label = if s == 0 {
                format!("**{}**", side.label)
            } else {
                side.label.to_owned()
            };
            out.push_str(&format!(
                "\n| {} | {label} | {:.1} | {:.1} |",
                mode.label, spread.median, spread.p10
            ));
            for r in 1..sides.len() {
                if r == s {
                    out.push_str(" — |");
                    continue;
                }
                let ratios: Vec<f64> = runs[m][s]
                    .iter()
                    .zip(&runs[m][r])
                    .filter_map(|(a, b)| Some(pick(a)? / pick(b)?))
                    .collect();
                let q = Quartiles::of(ratios);
                let median = if s == 0 {
                    format!("**{:.3}**", q.median)
                } else {
                    format!("{:.3}", q.median)
                };
                out.push_str(&format!(" {median} ({:.3}–{:.3}) |", q.p25, q.p75));
            }
        }
    }
    out
}

/// The path of one of the binaries.
fn exe(bins: &Path, name: &str) -> PathBuf {
    bins.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

/// Builds the binaries; returns the directory they are in.
fn build() -> Result<PathBuf, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(crate::util::project_root())
        .args([
            "build",
            "--profile",
            "bench",
            "-p",
            "faceki-bench",
            "--bins",
            "--message-format",
            "json-render-diagnostics",
        ])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !output.status.success() {
        return Err("cargo build -p faceki-bench failed".to_owned());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    executable_dir(&stdout).ok_or_else(|| "cargo build named no faceki-bench binary".to_owned())
}

/// The directory of the `faceki-bench-server` executable in cargo's JSON messages.
fn executable_dir(messages: &str) -> Option<PathBuf> {
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == SERVER)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
}

/// Starts the server and reads the port it prints.
fn start_server(exe: &Path) -> Result<(Server, u16), String> {
    let mut child = Command::new(exe)
        .arg("--exit-on-eof")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let stdout = child.stdout.take();
    // Owned from here: dropped (killed) on every error below.
    let server = Server(child);
    let mut line = String::new();
    if let Some(stdout) = stdout {
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the server's port: {e}"))?;
    }
    let port = line
        .trim()
        .parse::<u16>()
        .map_err(|_| format!("the server printed `{}`, not a port", line.trim()))?;
    Ok((server, port))
}

/// Runs one client process and returns what it measured.
fn run_client(side: &Side, url: &str, mode: &Mode) -> Result<Run, String> {
    let output = Command::new(&side.exe)
        .args([
            "--url",
            url,
            "--calls",
            &mode.calls.to_string(),
            "--concurrency",
            &mode.concurrency.to_string(),
        ])
        .args(side.args)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", side.exe.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        return Err(format!(
            "{} ({}, {}) failed: {}",
            side.exe.display(),
            side.label,
            mode.label,
            output.status
        ));
    }
    parse_run(&stdout)
        .ok_or_else(|| format!("{} printed no result: `{}`", side.label, stdout.trim()))
}

/// The figures of the last JSON line a client printed.
fn parse_run(stdout: &str) -> Option<Run> {
    stdout
        .lines()
        .rev()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find_map(|v| {
            Some(Run {
                wall: v["us_per_call"].as_f64()?,
                cpu: v["cpu_us_per_call"].as_f64(),
            })
        })
}

/// How idle the machine must be before a pair starts, with `--wait-idle`.
const IDLE: f64 = 0.8;
/// How long a pair waits for that at most.
const IDLE_WAIT: Duration = Duration::from_secs(60);

/// Waits until the CPUs were at least [`IDLE`] idle over one second, at most `limit`;
/// whether they were (also `true` where `/proc/stat` cannot say).
fn wait_idle(limit: Duration) -> bool {
    let started = Instant::now();
    loop {
        let Some((idle_a, total_a)) = cpu_times() else {
            return true;
        };
        std::thread::sleep(Duration::from_secs(1));
        let Some((idle_b, total_b)) = cpu_times() else {
            return true;
        };
        let total = total_b.saturating_sub(total_a).max(1) as f64;
        if idle_b.saturating_sub(idle_a) as f64 / total >= IDLE {
            return true;
        }
        if started.elapsed() >= limit {
            return false;
        }
    }
}

/// Idle and total time of all CPUs so far (`/proc/stat`, in clock ticks).
fn cpu_times() -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string("/proc/stat").ok()?;
    let fields: Vec<u64> = stat
        .lines()
        .next()?
        .strip_prefix("cpu ")?
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    // user nice system idle iowait irq softirq steal …
    let idle = fields.get(3)? + fields.get(4).copied().unwrap_or(0);
    Some((idle, fields.iter().take(8).sum()))
}

/// The 1-minute load average, where `/proc/loadavg` exists.
fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Median, quartiles and the 10th percentile (nearest rank).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Quartiles {
    p10: f64,
    p25: f64,
    median: f64,
    p75: f64,
}

impl Quartiles {
    fn of(mut values: Vec<f64>) -> Self {
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            if values.is_empty() {
                return f64::NAN;
            }
            values[((values.len() - 1) as f64 * q).round() as usize]
        };
        Self {
            p10: at(0.1),
            p25: at(0.25),
            median: at(0.5),
            p75: at(0.75),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_with_defaults() {
        let o = parse(&[]).unwrap();
        assert_eq!(
            (o.pairs, o.seq, o.par, o.concurrency),
            (21, 3000, 20_000, 64)
        );
        let args: Vec<String> = ["--pairs", "3", "--seq", "10"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let o = parse(&args).unwrap();
        assert_eq!((o.pairs, o.seq), (3, 10));
        assert!(parse(&["--pairs".to_owned(), "0".to_owned()]).is_err());
        assert!(parse(&["--bogus".to_owned()]).is_err());
    }

    #[test]
    fn reads_client_lines_and_cargo_messages() {
        let line = r#"{"side":"sdk","concurrency":1,"calls":3,"us_per_call":131.5,"cpu_us_per_call":null}"#;
        let run = Run {
            wall: 131.5,
            cpu: None,
        };
        assert_eq!(parse_run(&format!("noise\n{line}\n")), Some(run));
        assert_eq!(parse_run("nothing"), None);
        let messages = r#"{"reason":"compiler-artifact","target":{"name":"faceki-bench-server"},"executable":"/t/release/faceki-bench-server"}
{"reason":"build-finished","success":true}"#;
        assert_eq!(executable_dir(messages), Some(PathBuf::from("/t/release")));
    }

    #[test]
    fn quartiles_by_nearest_rank() {
        let q = Quartiles::of(vec![5.0, 1.0, 3.0, 2.0, 4.0]);
        assert_eq!((q.p10, q.p25, q.median, q.p75), (1.0, 2.0, 3.0, 4.0));
    }
}
