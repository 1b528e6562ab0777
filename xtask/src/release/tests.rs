//! Release tests against a small fixture workspace written to a temporary directory:
//! `zeta` (no dependencies), `alpha` (needs `zeta`) and `tool` (`publish = false`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::*;

const ROOT_MANIFEST: &str = r#"[workspace]
resolver = "3"
members = ["crates/*", "tool"]

[workspace.package]
version = "0.3.1" # every crate releases in lockstep
edition = "2024"
license = "MIT"

[workspace.dependencies]
# Internal crates: path plus version.
alpha = { path = "crates/alpha", version = "0.3.1" }
zeta = { path = "crates/zeta", version = "0.3.1" } # the base
"#;

const CHANGELOG: &str = "# Changelog

## [Unreleased]

### Added
- Alpha learned a trick.

## [0.3.1] - 2025-01-02

- Older news.
";

const DATE: Date = Date {
    year: 2026,
    month: 3,
    day: 4,
};

/// A fresh copy of the fixture under the system temp dir, with a generated lock file.
struct Fixture {
    dir: PathBuf,
}

impl Fixture {
    fn new(name: &str, changelog: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("xtask-release-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let root = dir.join("ws");
        let member = |name: &str, extra: &str| {
            format!(
                "[package]\nname = \"{name}\"\ndescription = \"The {name} fixture crate\"\nversion.workspace = true\nedition.workspace = true\nlicense.workspace = true\n{extra}"
            )
        };
        let files = [
            ("Cargo.toml", ROOT_MANIFEST.to_owned()),
            ("CHANGELOG.md", changelog.to_owned()),
            ("crates/zeta/Cargo.toml", member("zeta", "")),
            ("crates/alpha/Cargo.toml", member("alpha", "\n[dependencies]\nzeta.workspace = true\n")),
            (
                "tool/Cargo.toml",
                "[package]\nname = \"tool\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nalpha.workspace = true\n".to_owned(),
            ),
            ("crates/zeta/src/lib.rs", "//! Zeta.\n".to_owned()),
            ("crates/alpha/src/lib.rs", "//! Alpha.\n".to_owned()),
            ("tool/src/main.rs", "//! Tool.\nfn main() {}\n".to_owned()),
        ];
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let status = Command::new(cargo)
            .args([
                "generate-lockfile",
                "--offline",
                "--quiet",
                "--manifest-path",
            ])
            .arg(root.join("Cargo.toml"))
            .status()
            .unwrap();
        assert!(status.success());
        Self { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.join("ws")
    }

    fn options(&self, dry_run: bool) -> Options {
        Options {
            dry_run,
            package: true,
            today: DATE,
            target_dir: Some(self.dir.join("target")),
        }
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root().join(path)).unwrap()
    }

    /// Every file of the fixture workspace and its bytes.
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, into);
                } else {
                    into.insert(path.clone(), std::fs::read(&path).unwrap());
                }
            }
        }
        let mut files = BTreeMap::new();
        walk(&self.root(), &mut files);
        files
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_dry_run_changes_nothing_on_disk() {
    let fixture = Fixture::new("dry", CHANGELOG);
    let before = fixture.snapshot();
    assert_eq!(before.len(), 9, "{:?}", before.keys());
    let plan = release(&fixture.root(), "0.4.0-rc.1", &fixture.options(true)).unwrap();
    assert_eq!(fixture.snapshot(), before);
    assert_eq!(plan.tag, "v0.4.0-rc.1");
    assert_eq!(plan.publish_order, ["zeta", "alpha"]);
    let changed: Vec<String> = plan
        .edits
        .iter()
        .map(|e| {
            e.path
                .strip_prefix(fixture.root())
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert_eq!(changed, ["Cargo.toml", "Cargo.lock", "CHANGELOG.md"]);
    // The dry run packaged the crates as they are.
    assert!(fixture.dir.join("target/package/zeta-0.3.1.crate").exists());
    assert!(
        fixture
            .dir
            .join("target/package/alpha-0.3.1.crate")
            .exists()
    );
    let summary = summary(&fixture.root(), &plan, true);
    assert!(
        summary.contains("would change:\n  Cargo.toml\n  Cargo.lock\n  CHANGELOG.md\n"),
        "{summary}"
    );
    assert!(summary.contains("tag: v0.4.0-rc.1\npublish order:\n  1. cargo publish -p zeta\n  2. cargo publish -p alpha"), "{summary}");
}

#[test]
fn a_release_bumps_in_lockstep_and_dates_the_changelog() {
    let fixture = Fixture::new("real", CHANGELOG);
    let lock_before = fixture.read("Cargo.lock");
    let plan = release(&fixture.root(), "0.4.0", &fixture.options(false)).unwrap();
    assert_eq!(plan.publish_order, ["zeta", "alpha"]);
    assert_eq!(
        fixture.read("Cargo.toml"),
        ROOT_MANIFEST.replace("0.3.1", "0.4.0")
    );
    // Only our two published path packages moved in the lock; `tool` kept 0.0.0.
    let lock = fixture.read("Cargo.lock");
    assert_eq!(lock.matches("version = \"0.4.0\"").count(), 2, "{lock}");
    assert_eq!(
        lock,
        lock_before.replace("version = \"0.3.1\"", "version = \"0.4.0\"")
    );
    assert!(
        lock.contains("name = \"tool\"\nversion = \"0.0.0\""),
        "{lock}"
    );
    assert_eq!(
        fixture.read("CHANGELOG.md"),
        "# Changelog

## [Unreleased]

## [0.4.0] - 2026-03-04

### Added
- Alpha learned a trick.

## [0.3.1] - 2025-01-02

- Older news.
"
    );
    assert!(fixture.dir.join("target/package/zeta-0.4.0.crate").exists());
    assert!(
        fixture
            .dir
            .join("target/package/alpha-0.4.0.crate")
            .exists()
    );
    // The same version cannot be released twice.
    let again = release(&fixture.root(), "0.4.0", &fixture.options(false)).unwrap_err();
    assert!(
        again.contains("greater than the current version 0.4.0 (already released)"),
        "{again}"
    );
}

#[test]
fn rejects_versions_that_are_not_newer_or_not_semver() {
    let fixture = Fixture::new("reject", CHANGELOG);
    let before = fixture.snapshot();
    for (version, expected) in [
        (
            "0.3.1",
            "must be greater than the current version 0.3.1 (already released)",
        ),
        ("0.3.0", "must be greater than the current version 0.3.1"),
        ("0.4.0-alpha", ""),
        ("0.4", "not a semantic version"),
        ("v0.4.0", "not a semantic version"),
    ] {
        let result = plan(&fixture.root(), version, DATE);
        if expected.is_empty() {
            assert!(result.is_ok(), "{version}: {result:?}");
        } else {
            let error = result.unwrap_err();
            assert!(error.contains(expected), "{version}: {error}");
        }
    }
    assert_eq!(fixture.snapshot(), before);
}

#[test]
fn the_current_version_can_be_released_once() {
    let fixture = Fixture::new("first", "# Changelog\n\n## [Unreleased]\n\n- Everything.\n");
    let plan = release(&fixture.root(), "0.3.1", &fixture.options(false)).unwrap();
    let changed: Vec<&Path> = plan
        .edits
        .iter()
        .map(|e| e.path.strip_prefix(fixture.root()).unwrap())
        .collect();
    assert_eq!(changed, [Path::new("CHANGELOG.md")]);
    assert_eq!(fixture.read("Cargo.toml"), ROOT_MANIFEST);
    assert_eq!(
        fixture.read("CHANGELOG.md"),
        "# Changelog\n\n## [Unreleased]\n\n## [0.3.1] - 2026-03-04\n\n- Everything.\n"
    );
}

#[test]
fn a_publishable_crate_with_its_own_version_is_refused() {
    let fixture = Fixture::new("own", CHANGELOG);
    let path = fixture.root().join("crates/zeta/Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("version.workspace = true", "version = \"0.3.1\"");
    std::fs::write(&path, text).unwrap();
    let error = plan(&fixture.root(), "0.4.0", DATE).unwrap_err();
    assert!(
        error.contains("crates/zeta/Cargo.toml does not take its version from the workspace"),
        "{error}"
    );
}
