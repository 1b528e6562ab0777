//! `cargo xtask release <version> [--dry-run]`: bumps every publishable crate in
//! lockstep, dates the changelog, checks that the crates package, and prints the tag
//! and the publish order.
//!
//! What a release changes: `[workspace.package] version` and the `version` of internal
//! entries of `[workspace.dependencies]` in the root `Cargo.toml`; versioned path
//! dependencies in member manifests; our path packages in `Cargo.lock`; and the
//! `Unreleased` section of `CHANGELOG.md`, which moves under `## [x.y.z] - YYYY-MM-DD`.
//! Every publishable crate must take its version from the workspace.
//!
//! What the packaging check proves: `cargo package --no-verify` of all publishable
//! crates at once (cargo overlays a local registry, so internal dependencies resolve
//! without being on crates.io): manifests are valid for crates.io, internal
//! dependencies carry versions that resolve, and the files are included. It does not
//! compile the packaged sources (`cargo publish` does that). With `--dry-run` the
//! check runs on the tree as it is and nothing is written outside the target dir.

mod changelog;
mod date;
mod manifest;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) use date::Date;
pub(crate) use manifest::workspace_version;

use crate::metadata::Metadata;
use crate::semver::Version;

/// How to run a release.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Compute and check everything but write no file.
    pub(crate) dry_run: bool,
    /// Run the `cargo package` check.
    pub(crate) package: bool,
    /// The date written into the changelog heading.
    pub(crate) today: Date,
    /// Where `cargo package` puts its output (cargo's default when `None`).
    pub(crate) target_dir: Option<PathBuf>,
}

/// A file a release rewrites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FileEdit {
    pub(crate) path: PathBuf,
    pub(crate) before: String,
    pub(crate) after: String,
}

/// Everything a release does, computed before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    pub(crate) previous: String,
    pub(crate) version: String,
    pub(crate) date: Date,
    pub(crate) tag: String,
    pub(crate) publish_order: Vec<String>,
    pub(crate) edits: Vec<FileEdit>,
}

/// The command line entry point: `release <version> [--dry-run]`.
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let dry_run = args.iter().any(|a| a == "--dry-run");
    let positional: Vec<&String> = args.iter().filter(|a| *a != "--dry-run").collect();
    let [version] = positional.as_slice() else {
        return Err("usage: cargo xtask release <version> [--dry-run]".to_owned());
    };
    if version.starts_with('-') {
        return Err(format!(
            "unknown option `{version}`: usage: cargo xtask release <version> [--dry-run]"
        ));
    }
    let root = crate::util::project_root();
    let options = Options {
        dry_run,
        package: true,
        today: Date::today(),
        target_dir: None,
    };
    let plan = release(&root, version, &options)?;
    println!("{}", summary(&root, &plan, dry_run));
    Ok(())
}

/// Plans the release of `version` for the workspace at `root` and, unless this is a
/// dry run, writes it. With `options.package`, checks that the publishable crates
/// package; if that fails after writing, the files are restored.
pub(crate) fn release(root: &Path, version: &str, options: &Options) -> Result<Plan, String> {
    let plan = plan(root, version, options.today)?;
    if options.dry_run {
        if options.package {
            package(root, &plan.publish_order, options.target_dir.as_deref())?;
        }
        return Ok(plan);
    }
    write_all(&plan.edits, |edit| &edit.after)?;
    if options.package {
        if let Err(error) = package(root, &plan.publish_order, options.target_dir.as_deref()) {
            write_all(&plan.edits, |edit| &edit.before)?;
            return Err(format!("{error}\n(the release edits were undone)"));
        }
    }
    Ok(plan)
}

/// Computes the release of `version` without writing anything.
pub(crate) fn plan(root: &Path, version: &str, today: Date) -> Result<Plan, String> {
    let read = |path: &Path| {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", shown(root, path)))
    };
    let root_manifest_path = root.join("Cargo.toml");
    let root_manifest = read(&root_manifest_path)?;
    let previous = manifest::workspace_version(&root_manifest)?;
    let current = Version::parse(&previous).map_err(|e| format!("the workspace version: {e}"))?;
    let next = Version::parse(version)?;
    if next.precedence(&current) == Ordering::Less {
        return Err(format!(
            "{version} must be greater than the current version {previous}"
        ));
    }
    let changelog_path = root.join("CHANGELOG.md");
    let changelog = read(&changelog_path)?;
    match next.precedence(&current) {
        Ordering::Greater => {}
        Ordering::Equal if !changelog::has_release(&changelog, &previous) => {}
        _ => {
            return Err(format!(
                "{version} must be greater than the current version {previous}{}",
                if changelog::has_release(&changelog, &previous) {
                    " (already released)"
                } else {
                    ""
                }
            ));
        }
    }
    if changelog::has_release(&changelog, version) {
        return Err(format!("CHANGELOG.md already has a section for {version}"));
    }

    let metadata = Metadata::load(root, false)?;
    let publish_order = metadata.publish_order()?;
    let mut bumped = BTreeSet::new();
    let mut members = Vec::new();
    for member in metadata.members() {
        let text = read(&member.manifest_path)?;
        if manifest::inherits_workspace_version(&text)? {
            bumped.insert(member.name.clone());
        } else if member.publishable {
            return Err(format!(
                "{} does not take its version from the workspace: set `version.workspace = true` so all crates release in lockstep",
                shown(root, &member.manifest_path)
            ));
        }
        members.push((member.manifest_path.clone(), text));
    }

    let mut edits = vec![FileEdit {
        after: manifest::bump_root(&root_manifest, version, &bumped)?,
        path: root_manifest_path,
        before: root_manifest,
    }];
    for (path, text) in members {
        let after = manifest::bump_member(&text, version, &bumped)
            .map_err(|e| format!("{}: {e}", shown(root, &path)))?;
        edits.push(FileEdit {
            path,
            before: text,
            after,
        });
    }
    let lock_path = root.join("Cargo.lock");
    if lock_path.exists() {
        let lock = read(&lock_path)?;
        edits.push(FileEdit {
            after: manifest::bump_lock(&lock, version, &bumped)?,
            path: lock_path,
            before: lock,
        });
    }
    edits.push(FileEdit {
        after: changelog::release(&changelog, version, &today.to_string())?,
        path: changelog_path,
        before: changelog,
    });
    edits.retain(|edit| edit.before != edit.after);
    Ok(Plan {
        previous,
        version: version.to_owned(),
        date: today,
        tag: format!("v{version}"),
        publish_order,
        edits,
    })
}

fn write_all(edits: &[FileEdit], contents: impl Fn(&FileEdit) -> &String) -> Result<(), String> {
    for edit in edits {
        std::fs::write(&edit.path, contents(edit))
            .map_err(|e| format!("cannot write {}: {e}", edit.path.display()))?;
    }
    Ok(())
}

/// `cargo package --no-verify` of all `crates` together, offline and locked.
fn package(root: &Path, crates: &[String], target_dir: Option<&Path>) -> Result<(), String> {
    if crates.is_empty() {
        return Ok(());
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command
        .arg("package")
        .arg("--manifest-path")
        .arg(root.join("Cargo.toml"))
        .args([
            "--offline",
            "--locked",
            "--allow-dirty",
            "--no-verify",
            "--quiet",
        ]);
    if let Some(dir) = target_dir {
        command.arg("--target-dir").arg(dir);
    }
    for name in crates {
        command.args(["--package", name]);
    }
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo package: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "cargo package failed:\n{}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))
    }
}

/// What the command prints: the changed files, the tag and the publish order.
pub(crate) fn summary(root: &Path, plan: &Plan, dry_run: bool) -> String {
    let mut out = String::new();
    let verb = if dry_run { "would change" } else { "changed" };
    let _ = writeln!(
        out,
        "release {} (was {}), dated {}",
        plan.version, plan.previous, plan.date
    );
    let _ = writeln!(out, "{verb}:");
    for edit in &plan.edits {
        let _ = writeln!(out, "  {}", shown(root, &edit.path));
    }
    let _ = writeln!(
        out,
        "packaged (cargo package --no-verify{}): {}",
        if dry_run {
            ", at the current version"
        } else {
            ""
        },
        plan.publish_order.join(", ")
    );
    let _ = writeln!(out, "tag: {}", plan.tag);
    let _ = writeln!(out, "publish order:");
    for (index, name) in plan.publish_order.iter().enumerate() {
        let _ = writeln!(out, "  {}. cargo publish -p {name}", index + 1);
    }
    if !dry_run {
        let _ = write!(
            out,
            "next: review the diff, then `git commit -am \"Release {}\"` and `git tag {}`",
            plan.version, plan.tag
        );
    }
    out.trim_end().to_owned()
}

fn shown(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}
