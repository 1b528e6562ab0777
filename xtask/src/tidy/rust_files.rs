//! Checks on Rust sources: each file opens with a `//!` doc, and no debugging or
//! placeholder macro is left behind.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Problem;

/// Macros that must not be committed. The names are split so that this file does not
/// trip its own check.
const FORBIDDEN_MACROS: [(&str, &str); 2] = [
    (concat!("db", "g"), "a debugging macro left behind"),
    (concat!("to", "do"), "unfinished code"),
];

/// The Rust files of the repository: those git tracks or would track (untracked but
/// not ignored), or, outside a git checkout, those under the usual source folders
/// with `target/` skipped.
pub(crate) fn rust_files(root: &Path) -> Vec<PathBuf> {
    let listed = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
            "*.rs",
        ])
        .output();
    let mut files: Vec<PathBuf> = match listed {
        Ok(output) if output.status.success() => String::from_utf8_lossy(&output.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(|p| root.join(p))
            .filter(|p| p.is_file())
            .collect(),
        _ => {
            let mut found = Vec::new();
            for dir in ["crates", "xtask", "fuzz", "examples", "tests", "benches"] {
                walk(&root.join(dir), &mut found);
            }
            found
        }
    };
    files.sort();
    files.dedup();
    files
}

fn walk(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path
                .file_name()
                .is_some_and(|n| n != "target" && n != ".git")
            {
                walk(&path, into);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The first non-empty line must start with `//!`.
pub(crate) fn check_module_doc(file: &Path, text: &str) -> Option<Problem> {
    let (index, first) = text
        .lines()
        .enumerate()
        .find(|(_, line)| !line.trim().is_empty())?;
    if first.trim_start().starts_with("//!") {
        return None;
    }
    Some(Problem::new(
        file,
        index + 1,
        "the file must open with a `//!` doc comment saying what it is for",
    ))
}

/// Finds calls of the forbidden macros (`name!(`, `name![`, `name!{`, also with a
/// path such as `std::name!`), but not longer names that end the same way.
pub(crate) fn check_forbidden_macros(file: &Path, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        for (name, why) in FORBIDDEN_MACROS {
            let needle = format!("{name}!");
            let mut from = 0;
            while let Some(offset) = line[from..].find(&needle) {
                let start = from + offset;
                let end = start + needle.len();
                let standalone = !line[..start]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                let called = line[end..].trim_start().starts_with(['(', '[', '{']);
                if standalone && called {
                    problems.push(Problem::new(
                        file,
                        index + 1,
                        &format!("`{needle}` is {why}"),
                    ));
                }
                from = end;
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dbg_call() -> String {
        format!("    {}!(x);", FORBIDDEN_MACROS[0].0)
    }

    #[test]
    fn a_missing_module_doc_is_reported_on_its_line() {
        let file = Path::new("src/a.rs");
        assert_eq!(check_module_doc(file, "//! Fine.\nfn f() {}\n"), None);
        assert_eq!(
            check_module_doc(file, "\n\n  //! Indented is fine.\n"),
            None
        );
        assert_eq!(check_module_doc(file, ""), None);
        let problem =
            check_module_doc(file, "\n/// An item doc is not a module doc.\nfn f() {}\n").unwrap();
        assert_eq!(
            problem.to_string(),
            "src/a.rs:2: the file must open with a `//!` doc comment saying what it is for"
        );
        let problem = check_module_doc(file, "#![allow(dead_code)]\n//! Too late.\n").unwrap();
        assert_eq!(problem.line, 1);
    }

    #[test]
    fn forbidden_macros_are_reported_with_their_line() {
        let file = Path::new("src/b.rs");
        let text = format!(
            "//! Doc.\nfn f() {{\n{}\n    let v = {}![];\n}}\n",
            dbg_call(),
            FORBIDDEN_MACROS[1].0
        );
        let found: Vec<String> = check_forbidden_macros(file, &text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                format!(
                    "src/b.rs:3: `{}!` is a debugging macro left behind",
                    FORBIDDEN_MACROS[0].0
                ),
                format!(
                    "src/b.rs:4: `{}!` is unfinished code",
                    FORBIDDEN_MACROS[1].0
                ),
            ]
        );
        let qualified = format!("std::{}!(1)", FORBIDDEN_MACROS[0].0);
        assert_eq!(check_forbidden_macros(file, &qualified).len(), 1);
    }

    #[test]
    fn similar_names_and_prose_pass() {
        let file = Path::new("src/c.rs");
        let text = format!(
            "//! No `{0}!` here.\nmy_{0}!(x);\nlet {0} = 1;\n// {1} later\n",
            FORBIDDEN_MACROS[0].0, FORBIDDEN_MACROS[1].0
        );
        assert_eq!(check_forbidden_macros(file, &text), []);
    }
}
