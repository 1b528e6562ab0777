//! `cargo xtask codegen`: PLACEHOLDER, the response-code generator lands here.

/// Runs every generator; in check mode only verifies.
pub(crate) fn run(_check: bool) -> Result<(), String> {
    let _ = crate::util::ensure_file_contents;
    let _ = crate::util::project_root;
    Ok(())
}
