//! Format-preserving version edits of `Cargo.toml` and `Cargo.lock` files: comments,
//! key order and spacing stay as the developer wrote them.

use std::collections::BTreeSet;

use toml_edit::{DocumentMut, Item, TableLike, Value};

/// The dependency tables of a manifest that can hold path dependencies.
const DEPENDENCY_TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

fn parse(text: &str, what: &str) -> Result<DocumentMut, String> {
    text.parse::<DocumentMut>()
        .map_err(|e| format!("cannot parse {what}: {e}"))
}

/// The `[workspace.package] version` of a root manifest.
pub(crate) fn workspace_version(root_manifest: &str) -> Result<String, String> {
    let doc = parse(root_manifest, "Cargo.toml")?;
    doc.get("workspace")
        .and_then(|w| w.get("package"))
        .and_then(|p| p.get("version"))
        .and_then(Item::as_str)
        .map(str::to_owned)
        .ok_or_else(|| "Cargo.toml has no `[workspace.package] version`".to_owned())
}

/// Whether a member manifest takes its version from the workspace
/// (`version.workspace = true`).
pub(crate) fn inherits_workspace_version(member_manifest: &str) -> Result<bool, String> {
    let doc = parse(member_manifest, "a member's Cargo.toml")?;
    Ok(doc
        .get("package")
        .and_then(|p| p.get("version"))
        .and_then(Item::as_table_like)
        .and_then(|v| v.get("workspace"))
        .and_then(Item::as_bool)
        == Some(true))
}

/// Sets `[workspace.package] version` to `new` and bumps the `version` of every
/// `[workspace.dependencies]` entry naming one of `internal`. An internal entry
/// without a version is an error: it could not be published.
pub(crate) fn bump_root(
    root_manifest: &str,
    new: &str,
    internal: &BTreeSet<String>,
) -> Result<String, String> {
    let mut doc = parse(root_manifest, "Cargo.toml")?;
    let version = doc
        .get_mut("workspace")
        .and_then(|w| w.get_mut("package"))
        .and_then(|p| p.get_mut("version"))
        .and_then(Item::as_value_mut)
        .ok_or("Cargo.toml has no `[workspace.package] version`")?;
    set_version(version, new);
    if let Some(deps) = doc
        .get_mut("workspace")
        .and_then(|w| w.get_mut("dependencies"))
        .and_then(Item::as_table_like_mut)
    {
        bump_dependencies(deps, new, internal, "[workspace.dependencies]")?;
    }
    Ok(doc.to_string())
}

/// Bumps the `version` of path dependencies naming one of `internal` in a member
/// manifest's dependency tables (including `[target.'cfg'.dependencies]`).
/// Dependencies inherited with `workspace = true` are left to the root manifest.
pub(crate) fn bump_member(
    member_manifest: &str,
    new: &str,
    internal: &BTreeSet<String>,
) -> Result<String, String> {
    let mut doc = parse(member_manifest, "a member's Cargo.toml")?;
    for table in DEPENDENCY_TABLES {
        if let Some(deps) = doc.get_mut(table).and_then(Item::as_table_like_mut) {
            bump_dependencies(deps, new, internal, table)?;
        }
    }
    if let Some(targets) = doc.get_mut("target").and_then(Item::as_table_like_mut) {
        for (_, target) in targets.iter_mut() {
            for table in DEPENDENCY_TABLES {
                if let Some(deps) = target.get_mut(table).and_then(Item::as_table_like_mut) {
                    bump_dependencies(deps, new, internal, table)?;
                }
            }
        }
    }
    Ok(doc.to_string())
}

/// Sets the version of every `[[package]]` of `Cargo.lock` named in `names` that has
/// no `source` (that is, a path package of this workspace).
pub(crate) fn bump_lock(lock: &str, new: &str, names: &BTreeSet<String>) -> Result<String, String> {
    let mut doc = parse(lock, "Cargo.lock")?;
    if let Some(packages) = doc
        .get_mut("package")
        .and_then(Item::as_array_of_tables_mut)
    {
        for package in packages.iter_mut() {
            let ours = package
                .get("name")
                .and_then(Item::as_str)
                .is_some_and(|n| names.contains(n))
                && package.get("source").is_none();
            if ours {
                if let Some(version) = package.get_mut("version").and_then(Item::as_value_mut) {
                    set_version(version, new);
                }
            }
        }
    }
    Ok(doc.to_string())
}

fn bump_dependencies(
    deps: &mut dyn TableLike,
    new: &str,
    internal: &BTreeSet<String>,
    table: &str,
) -> Result<(), String> {
    for (key, dep) in deps.iter_mut() {
        let Some(dep) = dep.as_table_like_mut() else {
            continue;
        };
        let name = dep
            .get("package")
            .and_then(Item::as_str)
            .unwrap_or(key.get())
            .to_owned();
        if dep.get("path").is_none() || !internal.contains(&name) {
            continue;
        }
        let version = dep
            .get_mut("version")
            .and_then(Item::as_value_mut)
            .ok_or_else(|| {
                format!(
                    "{table} {}: a path dependency without a version cannot be published",
                    key.get()
                )
            })?;
        set_version(version, new);
    }
    Ok(())
}

/// Replaces a version string, keeping any requirement operator (`=`, `^`, `~`) and
/// the comments and spacing around the value.
fn set_version(value: &mut Value, new: &str) {
    let operator: String = value
        .as_str()
        .unwrap_or_default()
        .chars()
        .take_while(|c| matches!(c, '=' | '^' | '~' | '>' | '<' | ' '))
        .collect();
    let decor = value.decor().clone();
    let mut replacement = Value::from(format!("{operator}{new}"));
    *replacement.decor_mut() = decor;
    *value = replacement;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    const ROOT: &str = r#"[workspace]
members = ["crates/*"]

[workspace.package]
version = "0.1.0"   # bumped by `cargo xtask release`
edition = "2024"

[workspace.dependencies]
# Internal crates.
alpha = { path = "crates/alpha", version = "0.1.0" }
beta = {path="crates/beta",version="=0.1.0",default-features=false} # pinned
serde = { version = "0.1.0" }
renamed = { package = "alpha", path = "crates/alpha", version = "0.1.0" }

[workspace.dependencies.gamma]
path = "crates/gamma"
version = "0.1.0" # dotted
"#;

    #[test]
    fn bumps_the_workspace_and_internal_dependencies_only() {
        let after = bump_root(ROOT, "0.2.0", &names(&["alpha", "beta", "gamma"])).unwrap();
        let expected = ROOT
            .replace(r#"version = "0.1.0"   #"#, r#"version = "0.2.0"   #"#)
            .replace(
                r#"path = "crates/alpha", version = "0.1.0""#,
                r#"path = "crates/alpha", version = "0.2.0""#,
            )
            .replace(r#"version="=0.1.0""#, r#"version="=0.2.0""#)
            .replace(
                r#"version = "0.1.0" # dotted"#,
                r#"version = "0.2.0" # dotted"#,
            );
        assert_eq!(after, expected);
        // The external `serde` entry kept its version.
        assert!(after.contains(r#"serde = { version = "0.1.0" }"#));
        assert_eq!(workspace_version(&after).unwrap(), "0.2.0");
    }

    #[test]
    fn an_internal_path_dependency_without_version_is_an_error() {
        let root = ROOT.replace(
            r#"alpha = { path = "crates/alpha", version = "0.1.0" }"#,
            r#"alpha = { path = "crates/alpha" }"#,
        );
        let error = bump_root(&root, "0.2.0", &names(&["alpha"])).unwrap_err();
        assert!(error.contains("[workspace.dependencies] alpha"), "{error}");
    }

    #[test]
    fn bumps_member_path_dependencies_in_every_table() {
        let member = r#"[package]
name = "beta"
version.workspace = true

[dependencies]
alpha.workspace = true
gamma = { path = "../gamma", version = "0.1.0" }

[target.'cfg(unix)'.dev-dependencies]
gamma = { path = "../gamma", version = "0.1.0" } # unix only
"#;
        assert!(inherits_workspace_version(member).unwrap());
        assert!(!inherits_workspace_version("[package]\nversion = \"1.0.0\"\n").unwrap());
        let after = bump_member(member, "0.2.0", &names(&["alpha", "gamma"])).unwrap();
        assert_eq!(after, member.replace("0.1.0", "0.2.0"));
    }

    #[test]
    fn bumps_only_our_path_packages_in_the_lock() {
        let lock = r#"version = 4

[[package]]
name = "alpha"
version = "0.1.0"

[[package]]
name = "alpha"
version = "0.1.0"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "tool"
version = "0.0.0"
"#;
        let after = bump_lock(lock, "0.2.0", &names(&["alpha"])).unwrap();
        assert_eq!(after, lock.replacen("0.1.0", "0.2.0", 1));
    }
}
