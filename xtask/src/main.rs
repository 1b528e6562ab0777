//! Project automation, run as `cargo xtask <command>` (matklad's xtask convention).
//!
//! - `cargo xtask codegen [--check]`: regenerates the files derived from data files
//!   (the response-code table); with `--check`, fails when any is stale.

#![allow(clippy::print_stdout)]

mod codegen;
mod util;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("codegen") => codegen::run(args[1..].iter().any(|a| a == "--check")),
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
    "usage: cargo xtask codegen [--check]".to_owned()
}
