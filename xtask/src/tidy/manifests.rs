//! Manifest checks: every path dependency also carries a `version`, so the crates can
//! be published (crates.io drops `path` and needs the version).

use std::path::Path;

use toml_edit::{Document, Item, Table};

use super::Problem;

/// The dependency tables that can hold path dependencies.
const DEPENDENCY_TABLES: [&str; 3] = ["dependencies", "dev-dependencies", "build-dependencies"];

/// Reports every path dependency without a version, in `[workspace.dependencies]`,
/// the dependency tables and the `[target.'cfg'.*]` dependency tables.
pub(crate) fn check_path_dependencies(file: &Path, text: &str) -> Vec<Problem> {
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(error) => return vec![Problem::new(file, 1, &format!("cannot parse: {error}"))],
    };
    let mut problems = Vec::new();
    let mut check = |table: Option<&Item>, label: &str| {
        let Some(table) = table.and_then(Item::as_table_like) else {
            return;
        };
        for (name, dep) in table.iter() {
            let Some(dep) = dep.as_table_like() else {
                continue;
            };
            if dep.get("path").is_some() && dep.get("version").is_none() {
                let offset = table
                    .get_key_value(name)
                    .and_then(|(key, _)| key.span())
                    .map_or(0, |span| span.start);
                let line = text[..offset.min(text.len())].matches('\n').count() + 1;
                problems.push(Problem::new(
                    file,
                    line,
                    &format!(
                        "{label} `{name}` has a `path` but no `version`: it could not be published"
                    ),
                ));
            }
        }
    };
    let root: &Table = doc.as_table();
    check(
        root.get("workspace").and_then(|w| w.get("dependencies")),
        "[workspace.dependencies]",
    );
    for table in DEPENDENCY_TABLES {
        check(root.get(table), &format!("[{table}]"));
    }
    if let Some(targets) = root.get("target").and_then(Item::as_table_like) {
        for (cfg, target) in targets.iter() {
            for table in DEPENDENCY_TABLES {
                check(target.get(table), &format!("[target.{cfg}.{table}]"));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_dependency_without_version_is_reported_on_its_line() {
        let text = r#"[workspace.dependencies]
good = { path = "crates/good", version = "0.1.0" }
bad = { path = "crates/bad" }
serde = "1"

[dependencies]
good.workspace = true
local = { path = "../local" }

[dependencies.dotted]
path = "../dotted"

[target.'cfg(unix)'.dev-dependencies]
unixy = { path = "../unixy", version = "1" }
helper = { path = "../helper" }
"#;
        let found: Vec<String> = check_path_dependencies(Path::new("Cargo.toml"), text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "Cargo.toml:3: [workspace.dependencies] `bad` has a `path` but no `version`: it could not be published",
                "Cargo.toml:8: [dependencies] `local` has a `path` but no `version`: it could not be published",
                "Cargo.toml:10: [dependencies] `dotted` has a `path` but no `version`: it could not be published",
                "Cargo.toml:15: [target.cfg(unix).dev-dependencies] `helper` has a `path` but no `version`: it could not be published",
            ]
        );
    }

    #[test]
    fn versioned_path_dependencies_pass() {
        let text = "[dependencies]\na = { path = \"a\", version = \"1\" }\nb = \"2\"\n";
        assert_eq!(check_path_dependencies(Path::new("Cargo.toml"), text), []);
    }
}
