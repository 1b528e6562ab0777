//! Helpers shared by the xtask commands.

use std::path::{Path, PathBuf};

/// The workspace root (the parent of this crate's directory).
pub(crate) fn project_root() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    dir.parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.to_path_buf())
}

/// Writes `contents` to `path` unless it is already there. In check mode a difference
/// is an error that tells the developer to run `cargo xtask codegen`.
pub(crate) fn ensure_file_contents(path: &Path, contents: &str, check: bool) -> Result<(), String> {
    let current = std::fs::read_to_string(path).ok();
    if current.as_deref() == Some(contents) {
        return Ok(());
    }
    let shown = path
        .strip_prefix(project_root())
        .unwrap_or(path)
        .display()
        .to_string();
    if check {
        return Err(format!(
            "{shown} is out of date: run `cargo xtask codegen` and commit the result"
        ));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, contents).map_err(|e| format!("cannot write {shown}: {e}"))?;
    eprintln!("updated {shown}");
    Ok(())
}
