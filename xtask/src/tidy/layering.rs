//! The layering rules: the protocol layer has no async runtime or HTTP stack, the
//! token layers have no HTTP stack, and the Redis client stays out of every crate
//! but the one that needs it, whatever features are enabled.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use super::Problem;

/// Which crate must not (transitively, through normal dependencies) depend on which.
pub(crate) const RULES: &[(&str, &[&str])] = &[
    (
        "faceki-types",
        &[
            "tokio",
            "reqwest",
            "hyper",
            "async-trait",
            "axum",
            "image",
            "rusqlite",
        ],
    ),
    (
        "faceki-auth",
        &["reqwest", "hyper", "axum", "redis", "rusqlite"],
    ),
    ("faceki-auth-redis", &["reqwest", "hyper", "axum"]),
    ("faceki-http", &["redis", "image", "rusqlite"]),
    ("faceki-image", &["tokio", "reqwest", "hyper", "axum"]),
    // The batch engine is transport-agnostic: the caller passes the client.
    (
        "faceki-batch",
        &["reqwest", "hyper", "axum", "redis", "image"],
    ),
    ("faceki", &["rusqlite", "csv"]),
];

/// The names of the packages `krate` depends on through normal dependencies, with
/// every feature enabled (as `cargo tree -e normal` lists them).
fn normal_dependencies(root: &Path, krate: &str) -> Result<BTreeSet<String>, String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let output = Command::new(cargo)
        .current_dir(root)
        .args([
            "tree",
            "--quiet",
            "-e",
            "normal",
            "--all-features",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p}", "-p", krate])
        .output()
        .map_err(|e| format!("cannot run cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo tree -p {krate} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(parse_tree(&String::from_utf8_lossy(&output.stdout)))
}

/// Package names from `cargo tree --prefix none --format {p}` lines (`name vX.Y.Z …`).
fn parse_tree(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// Problems for each forbidden dependency found, reported against the crate's manifest.
pub(crate) fn check(root: &Path) -> Result<Vec<Problem>, String> {
    let mut problems = Vec::new();
    for (krate, forbidden) in RULES {
        let deps = normal_dependencies(root, krate)?;
        problems.extend(violations(krate, &deps, forbidden));
    }
    Ok(problems)
}

fn violations(krate: &str, deps: &BTreeSet<String>, forbidden: &[&str]) -> Vec<Problem> {
    let manifest = format!("crates/{krate}/Cargo.toml");
    forbidden
        .iter()
        .filter(|name| deps.contains(**name))
        .map(|name| {
            Problem::new(
                Path::new(&manifest),
                1,
                &format!("{krate} must not depend on {name} (layering: see docs/architecture.md)"),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_tree_output_and_flags_forbidden_crates() {
        let deps = parse_tree("faceki-types v0.1.0 (/x)\nserde v1.0.0\ntokio v1.0.0 (*)\n");
        assert!(deps.contains("serde") && deps.contains("tokio"));
        let problems = violations("faceki-types", &deps, &["tokio", "reqwest"]);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("must not depend on tokio"));
        assert!(violations("faceki-types", &deps, &["reqwest"]).is_empty());
    }
}
