//! `cargo xtask tidy`: repository-wide checks that keep the project publishable and
//! consistent. Each problem is reported as `file:line: what is wrong`.
//!
//! - Every Rust file opens with a `//!` doc comment.
//! - No debugging or placeholder macro calls are committed.
//! - Every path dependency also carries a `version` (root and member manifests).
//! - Every package in the dependency graph (all features, all platforms) has a licence
//!   expression satisfiable with `xtask/licenses.txt`.
//! - Layering: `faceki-types` pulls in no async runtime or HTTP stack, `faceki-auth`
//!   no HTTP stack (`cargo tree -e normal`, all features).
//! - Version requirements for our crates in `README.md` match the workspace version.
//!
//! A `#[test]` runs all of it against the repository, so `cargo test -p xtask` fails
//! when the tree is untidy.

mod layering;
mod licenses;
mod manifests;
mod readme;
mod rust_files;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::metadata::Metadata;

/// One thing that is wrong, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) file: PathBuf,
    pub(crate) line: usize,
    pub(crate) message: String,
}

impl Problem {
    fn new(file: &Path, line: usize, message: &str) -> Self {
        Self {
            file: file.to_path_buf(),
            line,
            message: message.to_owned(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
    }
}

/// The command line entry point: prints every problem and fails if there is one.
pub(crate) fn run() -> Result<(), String> {
    let problems = check(&crate::util::project_root())?;
    for problem in &problems {
        println!("{problem}");
    }
    match problems.len() {
        0 => Ok(()),
        n => Err(format!(
            "tidy found {n} problem{}",
            if n == 1 { "" } else { "s" }
        )),
    }
}

/// Runs every check on the workspace at `root`. Paths in problems are relative to it.
pub(crate) fn check(root: &Path) -> Result<Vec<Problem>, String> {
    let relative = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let read = |path: &Path| {
        std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", relative(path).display()))
    };
    let mut problems = Vec::new();

    for file in rust_files::rust_files(root) {
        let text = read(&file)?;
        let shown = relative(&file);
        problems.extend(rust_files::check_module_doc(&shown, &text));
        problems.extend(rust_files::check_forbidden_macros(&shown, &text));
    }

    let metadata = Metadata::load(root, true)?;
    let root_manifest = read(&root.join("Cargo.toml"))?;
    problems.extend(manifests::check_path_dependencies(
        Path::new("Cargo.toml"),
        &root_manifest,
    ));
    for member in metadata.members() {
        let text = read(&member.manifest_path)?;
        problems.extend(manifests::check_path_dependencies(
            &relative(&member.manifest_path),
            &text,
        ));
    }

    let allow = licenses::AllowList::parse(&read(&root.join("xtask/licenses.txt"))?);
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    let mut packages: Vec<_> = metadata.packages.iter().collect();
    packages.sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    for package in packages {
        let verdict = match &package.license {
            Some(expression) => allow.check(expression),
            None => Err("no SPDX `license` expression (only a licence file, or none)".to_owned()),
        };
        if let Err(why) = verdict {
            let (file, line) = match lock_line(&lock, &package.name, &package.version) {
                Some(line) => (PathBuf::from("Cargo.lock"), line),
                None => (relative(&package.manifest_path), 1),
            };
            problems.push(Problem::new(
                &file,
                line,
                &format!("{} {}: {why}", package.name, package.version),
            ));
        }
    }

    problems.extend(layering::check(root)?);

    let readme = root.join("README.md");
    if readme.exists() {
        let version = crate::release::workspace_version(&root_manifest)?;
        let crates: Vec<String> = metadata
            .members()
            .iter()
            .filter(|p| p.publishable)
            .map(|p| p.name.clone())
            .collect();
        problems.extend(readme::check_versions(
            Path::new("README.md"),
            &read(&readme)?,
            &crates,
            &version,
        ));
    }
    Ok(problems)
}

/// The line of `name = "…"` of the package's entry in `Cargo.lock`.
fn lock_line(lock: &str, name: &str, version: &str) -> Option<usize> {
    let lines: Vec<&str> = lock.lines().collect();
    let name_line = format!("name = \"{name}\"");
    let version_line = format!("version = \"{version}\"");
    lines
        .windows(2)
        .position(|pair| pair[0] == name_line && pair[1] == version_line)
        .map(|index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_is_tidy() {
        let problems = check(&crate::util::project_root()).unwrap();
        let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(
            problems.is_empty(),
            "run `cargo xtask tidy`:\n{}",
            listed.join("\n")
        );
    }

    #[test]
    fn finds_the_lock_entry_of_a_package() {
        let lock = "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n\n[[package]]\nname = \"a\"\nversion = \"2.0.0\"\n";
        assert_eq!(lock_line(lock, "a", "2.0.0"), Some(8));
        assert_eq!(lock_line(lock, "a", "3.0.0"), None);
    }

    #[test]
    fn the_allow_list_refuses_copyleft_and_accepts_our_dual_licence() {
        let allow = licenses::AllowList::parse(
            &std::fs::read_to_string(crate::util::project_root().join("xtask/licenses.txt"))
                .unwrap(),
        );
        assert_eq!(allow.check("MIT OR Apache-2.0"), Ok(()));
        assert_eq!(allow.check("(MIT OR Apache-2.0) AND Unicode-3.0"), Ok(()));
        assert!(allow.check("GPL-3.0-only").is_err());
        assert!(allow.check("AGPL-3.0-or-later").is_err());
        assert!(allow.check("MIT AND LGPL-2.1-only").is_err());
    }
}
