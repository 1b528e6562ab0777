//! `cargo xtask codegen [--check]`: regenerates the files derived from data files.
//!
//! Today there is one generator: the response-code table, from
//! `docs/response-codes.toml` to `crates/faceki-types/src/response_code/generated.rs`
//! and `docs/response-codes.md` (see [`response_codes`]). In check mode nothing is
//! written and a stale file is an error that says to run `cargo xtask codegen`; a test
//! below runs that check so `cargo test --workspace` fails on stale output.

mod response_codes;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{ensure_file_contents, project_root};

/// Runs every generator; in check mode only verifies.
pub(crate) fn run(check: bool) -> Result<(), String> {
    let root = project_root();
    let data_path = root.join(response_codes::DATA_FILE);
    let data = std::fs::read_to_string(&data_path)
        .map_err(|e| format!("cannot read {}: {e}", response_codes::DATA_FILE))?;
    let table = response_codes::parse(&data)?;

    let rust = rustfmt(&response_codes::render_rust(&table), &root)?;
    ensure_file_contents(&root.join(response_codes::RUST_FILE), &rust, check)?;

    let markdown = response_codes::render_markdown(&table);
    ensure_file_contents(&root.join(response_codes::MARKDOWN_FILE), &markdown, check)?;
    Ok(())
}

/// Formats Rust source with `rustfmt` (or `$RUSTFMT`), run from the project root so it
/// sees the same configuration as `cargo fmt`. Generated files are part of the crates,
/// so they must come out exactly as `cargo fmt --all` would leave them.
fn rustfmt(source: &str, root: &Path) -> Result<String, String> {
    let program = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&program)
        .args(["--edition", "2024", "--emit", "stdout"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            format!(
                "cannot run {}: {e} (install it with `rustup component add rustfmt`)",
                program.to_string_lossy()
            )
        })?;
    // Write on another thread so a large output cannot deadlock against our input.
    let mut stdin = child.stdin.take().ok_or("rustfmt: no stdin")?;
    let input = source.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("rustfmt failed: {e}"))?;
    match writer.join() {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("cannot feed rustfmt: {e}")),
        Err(_) => return Err("the thread feeding rustfmt panicked".to_owned()),
    }
    if !output.status.success() {
        return Err(format!(
            "rustfmt rejected the generated code ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt printed invalid UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    //! Keeps generated files honest: `cargo test --workspace` fails when they are stale.

    #[test]
    fn generated_files_are_up_to_date() {
        if let Err(message) = super::run(true) {
            panic!("{message}");
        }
    }

    #[test]
    fn rustfmt_formats_and_reports_errors() {
        let root = crate::util::project_root();
        let formatted = super::rustfmt("fn  main(){let x=1;}", &root).unwrap();
        assert_eq!(formatted, "fn main() {\n    let x = 1;\n}\n");
        let err = super::rustfmt("fn main( {", &root).unwrap_err();
        assert!(err.contains("rustfmt rejected"), "{err}");
    }
}
