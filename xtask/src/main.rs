//! Project automation, run as `cargo xtask <command>` (matklad's xtask convention).
//!
//! - `cargo xtask codegen [--check]`: regenerates the files derived from data files
//!   (the response-code table); with `--check`, fails when any is stale.
//! - `cargo xtask tidy`: checks module docs, leftover debugging macros, versions on
//!   path dependencies, dependency licences and README versions.
//! - `cargo xtask release <version> [--dry-run]`: bumps every publishable crate in
//!   lockstep, dates the changelog, checks packaging, prints the tag and publish order.
//! - `cargo xtask fuzz --seconds N [--target T]`: seeds the fuzz corpora from the
//!   response fixtures and runs each target of `fuzz/` for `N` seconds (needs
//!   `cargo install cargo-fuzz`); fails on a crash.
//! - `cargo xtask overhead [--pairs 21] [--seq 3000] [--par 20000]`: the SDK's
//!   per-call overhead against hand-written reqwest, whole-process (`faceki-bench`);
//!   prints a Markdown table of the paired ratios.

#![allow(clippy::print_stdout)]

mod codegen;
mod fuzz;
mod metadata;
mod overhead;
mod release;
mod semver;
mod tidy;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(rest.iter().any(|a| a == "--check")),
        Some("tidy") if rest.is_empty() => tidy::run(),
        Some("release") => release::run(rest),
        Some("fuzz") => fuzz::run(rest),
        Some("overhead") => overhead::run(rest),
        Some("help" | "--help" | "-h") => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        _ => Err(usage()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> String {
    "usage:
  cargo xtask codegen [--check]          regenerate derived files (--check: fail if stale)
  cargo xtask tidy                       run the repository checks
  cargo xtask release <version> [--dry-run]
                                         bump all publishable crates, date the changelog,
                                         check packaging, print the tag and publish order
  cargo xtask fuzz --seconds N [--target T]
                                         seed the corpora and run each fuzz target for N
                                         seconds (needs `cargo install cargo-fuzz`)
  cargo xtask overhead [--pairs 21] [--seq 3000] [--par 20000] [--concurrency 64]
                     [--bin-dir DIR] [--baseline SDK_BINARY] [--wait-idle]
                                         SDK vs hand-written reqwest per call, whole-process
                                         (alternated fresh processes; median paired ratios)"
        .to_owned()
}
