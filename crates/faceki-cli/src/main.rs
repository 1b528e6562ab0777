//! The `faceki` command-line tool.
//!
//! Status: not implemented yet (tracked by the CLI issue). It will cover every
//! endpoint and run `faceki demo` against the embedded sandbox. Until then it only
//! says so and exits with status 2.

use std::process::ExitCode;

fn main() -> ExitCode {
    eprintln!(
        "faceki {}: the command-line tool is not implemented yet",
        env!("CARGO_PKG_VERSION")
    );
    ExitCode::from(2)
}
