//! README checks: every version requirement written for one of our crates (such as
//! `faceki = "0.1"` or `faceki = { version = "0.1.0", … }`) matches the workspace
//! version.

use std::path::Path;

use super::Problem;

/// Reports each line that gives one of `crates` a version other than `version`. A
/// requirement matches when each component it states equals the workspace's: `0.1`
/// and `0.1.3` both match 0.1.3, `0.1.2` and `0.2` do not. Operators (`=`, `^`, `~`)
/// are ignored.
pub(crate) fn check_versions(
    file: &Path,
    text: &str,
    crates: &[String],
    version: &str,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let Some((name, written)) = requirement(line, crates) else {
            continue;
        };
        if !matches(written, version) {
            problems.push(Problem::new(
                file,
                index + 1,
                &format!(
                    "`{name}` is given version \"{written}\" but the workspace is at {version}"
                ),
            ));
        }
    }
    problems
}

/// The crate and version of a line such as `name = "v"` or
/// `name = { version = "v", … }`, when `name` is one of `crates`.
fn requirement<'a>(line: &'a str, crates: &[String]) -> Option<(&'a str, &'a str)> {
    let (name, value) = line.trim().split_once('=')?;
    let name = name.trim();
    if !crates.iter().any(|c| c == name) {
        return None;
    }
    let value = value.trim();
    let quoted = match value.strip_prefix('{') {
        Some(table) => {
            let at = table.find("version")?;
            table[at + "version".len()..]
                .trim_start()
                .strip_prefix('=')?
                .trim_start()
        }
        None => value,
    };
    let inner = quoted.strip_prefix('"')?;
    Some((name, &inner[..inner.find('"')?]))
}

fn matches(written: &str, version: &str) -> bool {
    let written = written.trim_start_matches(['=', '^', '~', ' ']);
    let actual: Vec<&str> = version.split(['.', '-', '+']).collect();
    let stated: Vec<&str> = written.split(['.', '-', '+']).collect();
    !written.is_empty()
        && stated.len() <= actual.len()
        && stated.iter().zip(&actual).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crates() -> Vec<String> {
        vec!["faceki".to_owned(), "faceki-http".to_owned()]
    }

    fn check(text: &str, version: &str) -> Vec<String> {
        check_versions(Path::new("README.md"), text, &crates(), version)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn matching_requirements_pass() {
        let text = "```toml\n[dependencies]\nfaceki = \"0.1\"\nfaceki-http = { version = \"0.1.3\", default-features = false }\n```\n";
        assert_eq!(check(text, "0.1.3"), Vec::<String>::new());
        assert_eq!(
            check("faceki = \"=0.1.3\"\n", "0.1.3"),
            Vec::<String>::new()
        );
        assert_eq!(
            check("faceki = \"1.0.0-rc.1\"\n", "1.0.0-rc.1"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn stale_requirements_are_reported_on_their_line() {
        let text = "# faceki\n\n```toml\nfaceki = \"0.1\"\nfaceki-http = { version = \"0.1.0\", features = [\"x\"] }\n```\n";
        assert_eq!(
            check(text, "0.2.0"),
            [
                "README.md:4: `faceki` is given version \"0.1\" but the workspace is at 0.2.0",
                "README.md:5: `faceki-http` is given version \"0.1.0\" but the workspace is at 0.2.0",
            ]
        );
        assert_eq!(check("faceki = \"0.1.2\"\n", "0.1.3").len(), 1);
        assert_eq!(check("faceki = \"0.1.3.4\"\n", "0.1.3").len(), 1);
    }

    #[test]
    fn other_crates_and_prose_are_ignored() {
        let text = "tokio = { version = \"1\" }\nserde = \"1.0\"\nMSRV: Rust 1.85.\nfaceki-types = \"9\"\n";
        assert_eq!(check(text, "0.1.0"), Vec::<String>::new());
        assert_eq!(check("", "0.1.0"), Vec::<String>::new());
    }
}
