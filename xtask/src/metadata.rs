//! What `cargo metadata --format-version 1` says about the workspace: members, whether
//! they publish, their internal dependencies and every package's licence.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// One package of the resolved graph (a workspace member or a dependency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Package {
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) manifest_path: PathBuf,
    /// False when `publish = false` (or an empty registry list).
    pub(crate) publishable: bool,
    /// The SPDX expression of `license`, if any.
    pub(crate) license: Option<String>,
    pub(crate) member: bool,
    pub(crate) dependencies: Vec<Dependency>,
}

/// One declared dependency of a package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dependency {
    /// The depended-on package's name (not its rename).
    pub(crate) name: String,
    /// `None` for normal dependencies, else `"dev"` or `"build"`.
    pub(crate) kind: Option<String>,
}

/// The packages of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub(crate) packages: Vec<Package>,
}

impl Metadata {
    /// Runs `cargo metadata` for the workspace at `root`. With `with_dependencies`,
    /// every package of the graph (all features, all platforms) is listed, not only
    /// the members.
    pub(crate) fn load(root: &Path, with_dependencies: bool) -> Result<Self, String> {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let mut command = Command::new(cargo);
        command
            .arg("metadata")
            .args(["--format-version", "1", "--manifest-path"])
            .arg(root.join("Cargo.toml"));
        if with_dependencies {
            command.arg("--all-features");
        } else {
            command.arg("--no-deps");
        }
        let output = command
            .output()
            .map_err(|e| format!("cannot run cargo metadata: {e}"))?;
        if !output.status.success() {
            return Err(format!(
                "cargo metadata failed: {}",
                String::from_utf8_lossy(&output.stderr).trim()
            ));
        }
        Self::parse(&String::from_utf8_lossy(&output.stdout))
    }

    /// Parses the JSON printed by `cargo metadata --format-version 1`.
    pub(crate) fn parse(json: &str) -> Result<Self, String> {
        let root: Value = serde_json::from_str(json)
            .map_err(|e| format!("cargo metadata printed bad JSON: {e}"))?;
        let members: BTreeSet<&str> = root["workspace_members"]
            .as_array()
            .ok_or("cargo metadata: no workspace_members")?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let packages = root["packages"]
            .as_array()
            .ok_or("cargo metadata: no packages")?
            .iter()
            .map(|package| {
                let text = |key: &str| package[key].as_str().map(str::to_owned);
                let name = text("name").ok_or("cargo metadata: a package without a name")?;
                let dependencies = package["dependencies"]
                    .as_array()
                    .map(|deps| {
                        deps.iter()
                            .filter_map(|dep| {
                                Some(Dependency {
                                    name: dep["name"].as_str()?.to_owned(),
                                    kind: dep["kind"].as_str().map(str::to_owned),
                                })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Ok(Package {
                    version: text("version").unwrap_or_default(),
                    manifest_path: PathBuf::from(text("manifest_path").unwrap_or_default()),
                    // `null` means "any registry"; `[]` is what `publish = false` becomes.
                    publishable: package["publish"]
                        .as_array()
                        .is_none_or(|registries| !registries.is_empty()),
                    license: text("license"),
                    member: package["id"]
                        .as_str()
                        .is_some_and(|id| members.contains(id)),
                    dependencies,
                    name,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Self { packages })
    }

    /// The workspace members, sorted by name.
    pub(crate) fn members(&self) -> Vec<&Package> {
        let mut members: Vec<&Package> = self.packages.iter().filter(|p| p.member).collect();
        members.sort_by(|a, b| a.name.cmp(&b.name));
        members
    }

    /// The publishable members in an order in which each comes after every member it
    /// needs to build (normal and build dependencies; dev-dependencies are left out
    /// of the order, as crates.io does not need them to exist). Ties go by name.
    pub(crate) fn publish_order(&self) -> Result<Vec<String>, String> {
        let members = self.members();
        let publishable: BTreeSet<&str> = members
            .iter()
            .filter(|p| p.publishable)
            .map(|p| p.name.as_str())
            .collect();
        let mut needs: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for package in members.iter().filter(|p| p.publishable) {
            let mut wanted = BTreeSet::new();
            for dep in &package.dependencies {
                if dep.kind.as_deref() == Some("dev") {
                    continue;
                }
                if publishable.contains(dep.name.as_str()) {
                    wanted.insert(dep.name.as_str());
                } else if members.iter().any(|m| m.name == dep.name) {
                    return Err(format!(
                        "{} cannot be published: it depends on {}, which has `publish = false`",
                        package.name, dep.name
                    ));
                }
            }
            wanted.remove(package.name.as_str());
            needs.insert(package.name.as_str(), wanted);
        }
        let mut order = Vec::new();
        while !needs.is_empty() {
            let ready = needs
                .iter()
                .find(|(_, wanted)| wanted.is_empty())
                .map(|(name, _)| *name);
            let Some(ready) = ready else {
                let stuck: Vec<&str> = needs.keys().copied().collect();
                return Err(format!("dependency cycle among {}", stuck.join(", ")));
            };
            needs.remove(ready);
            for wanted in needs.values_mut() {
                wanted.remove(ready);
            }
            order.push(ready.to_owned());
        }
        Ok(order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A trimmed `cargo metadata` answer: `zeta` needs nothing, `alpha` needs `zeta`,
    /// `mid` needs `alpha` (and `zeta` only for tests), `tool` does not publish.
    const JSON: &str = r#"{
      "workspace_members": ["path+file:///w/a#alpha@1.0.0", "path+file:///w/z#zeta@1.0.0",
                            "path+file:///w/m#mid@1.0.0", "path+file:///w/t#tool@0.0.0"],
      "packages": [
        {"id": "path+file:///w/a#alpha@1.0.0", "name": "alpha", "version": "1.0.0",
         "manifest_path": "/w/a/Cargo.toml", "publish": null, "license": "MIT",
         "dependencies": [{"name": "zeta", "kind": null}]},
        {"id": "path+file:///w/m#mid@1.0.0", "name": "mid", "version": "1.0.0",
         "manifest_path": "/w/m/Cargo.toml", "publish": null, "license": "MIT",
         "dependencies": [{"name": "alpha", "kind": "build"}, {"name": "zeta", "kind": "dev"}]},
        {"id": "path+file:///w/z#zeta@1.0.0", "name": "zeta", "version": "1.0.0",
         "manifest_path": "/w/z/Cargo.toml", "publish": null, "license": "MIT",
         "dependencies": [{"name": "serde", "kind": null}]},
        {"id": "path+file:///w/t#tool@0.0.0", "name": "tool", "version": "0.0.0",
         "manifest_path": "/w/t/Cargo.toml", "publish": [], "license": null,
         "dependencies": [{"name": "alpha", "kind": null}]},
        {"id": "registry+https://github.com/rust-lang/crates.io-index#serde@1.0.0",
         "name": "serde", "version": "1.0.0", "manifest_path": "/r/serde/Cargo.toml",
         "publish": null, "license": "MIT OR Apache-2.0", "dependencies": []}
      ]
    }"#;

    #[test]
    fn reads_members_and_publishability() {
        let metadata = Metadata::parse(JSON).unwrap();
        let members: Vec<(&str, bool)> = metadata
            .members()
            .iter()
            .map(|p| (p.name.as_str(), p.publishable))
            .collect();
        assert_eq!(
            members,
            [
                ("alpha", true),
                ("mid", true),
                ("tool", false),
                ("zeta", true)
            ]
        );
        let serde = metadata
            .packages
            .iter()
            .find(|p| p.name == "serde")
            .unwrap();
        assert_eq!(serde.license.as_deref(), Some("MIT OR Apache-2.0"));
        assert!(!serde.member);
    }

    #[test]
    fn orders_publishing_by_dependencies_not_by_name() {
        let metadata = Metadata::parse(JSON).unwrap();
        assert_eq!(metadata.publish_order().unwrap(), ["zeta", "alpha", "mid"]);
    }

    #[test]
    fn refuses_to_publish_a_crate_that_needs_an_unpublished_one() {
        let json = JSON
            .replace(
                r#""publish": [], "license": null"#,
                r#""publish": null, "license": null"#,
            )
            .replace(
                r#"[{"name": "zeta", "kind": null}]"#,
                r#"[{"name": "zeta", "kind": null}, {"name": "tool", "kind": null}]"#,
            );
        let mut metadata = Metadata::parse(&json).unwrap();
        for package in &mut metadata.packages {
            if package.name == "tool" {
                package.publishable = false;
                package.dependencies.clear();
            }
        }
        let error = metadata.publish_order().unwrap_err();
        assert!(
            error.contains("alpha cannot be published: it depends on tool"),
            "{error}"
        );
    }

    #[test]
    fn reports_cycles() {
        let json = JSON.replace(
            r#"[{"name": "serde", "kind": null}]"#,
            r#"[{"name": "mid", "kind": null}]"#,
        );
        let error = Metadata::parse(&json).unwrap().publish_order().unwrap_err();
        assert_eq!(error, "dependency cycle among alpha, mid, zeta");
    }
}
