//! Moves the `Unreleased` section of a Keep a Changelog file under a release heading.

/// Whether the changelog already has a `## [version]` heading.
pub(crate) fn has_release(changelog: &str, version: &str) -> bool {
    changelog
        .lines()
        .any(|line| release_heading_version(line) == Some(version))
}

/// Rewrites `changelog` so the entries under `## [Unreleased]` sit under
/// `## [version] - date`, leaving an empty Unreleased section above them. A
/// `[unreleased]: …/compare/A...HEAD` link, if any, is moved on to the new tag and a
/// link for the release is added below it. Fails when there is no Unreleased section
/// or it is empty (nothing to release).
pub(crate) fn release(changelog: &str, version: &str, date: &str) -> Result<String, String> {
    let lines: Vec<&str> = changelog.lines().collect();
    let start = lines
        .iter()
        .position(|line| is_unreleased_heading(line))
        .ok_or("CHANGELOG.md has no `## [Unreleased]` heading")?;
    let end = lines[start + 1..]
        .iter()
        .position(|line| line.starts_with("## ") || link_definition(line).is_some())
        .map_or(lines.len(), |offset| start + 1 + offset);
    let body = trim_blank_lines(&lines[start + 1..end]);
    if body.is_empty() {
        return Err(
            "the Unreleased section of CHANGELOG.md is empty: there is nothing to release"
                .to_owned(),
        );
    }
    let mut out: Vec<String> = lines[..start].iter().map(|l| (*l).to_owned()).collect();
    out.push("## [Unreleased]".to_owned());
    out.push(String::new());
    out.push(format!("## [{version}] - {date}"));
    out.push(String::new());
    out.extend(body.iter().map(|l| (*l).to_owned()));
    if end < lines.len() {
        out.push(String::new());
    }
    for line in &lines[end..] {
        match link_definition(line) {
            Some((label, url)) if label.eq_ignore_ascii_case("unreleased") => {
                match url
                    .rsplit_once("/compare/")
                    .and_then(|(base, range)| Some((base, range.strip_suffix("...HEAD")?)))
                {
                    Some((base, previous)) => {
                        out.push(format!("[{label}]: {base}/compare/v{version}...HEAD"));
                        out.push(format!(
                            "[{version}]: {base}/compare/{previous}...v{version}"
                        ));
                    }
                    None => out.push((*line).to_owned()),
                }
            }
            _ => out.push((*line).to_owned()),
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    Ok(text)
}

fn is_unreleased_heading(line: &str) -> bool {
    let Some(title) = line.strip_prefix("## ") else {
        return false;
    };
    let title = title.trim();
    let title = title
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(title);
    title.eq_ignore_ascii_case("unreleased")
}

/// The version of a `## [x.y.z] - date` (or `## x.y.z - date`) heading.
fn release_heading_version(line: &str) -> Option<&str> {
    let title = line.strip_prefix("## ")?.trim();
    let title = title.split(" - ").next()?.trim();
    Some(
        title
            .strip_prefix('[')
            .and_then(|t| t.strip_suffix(']'))
            .unwrap_or(title),
    )
}

/// A Markdown link reference definition `[label]: url`.
fn link_definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix('[')?;
    let (label, rest) = rest.split_once("]:")?;
    Some((label, rest.trim()))
}

fn trim_blank_lines<'a>(lines: &'a [&'a str]) -> &'a [&'a str] {
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(first), Some(last)) => &lines[first..=last],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEFORE: &str = "\
# Changelog

All notable changes are documented here.

## [Unreleased]

### Added
- Thing one.

- Thing two.

## [0.1.0] - 2025-01-02

### Added
- First.

[unreleased]: https://example.org/r/compare/v0.1.0...HEAD
[0.1.0]: https://example.org/r/releases/tag/v0.1.0
";

    #[test]
    fn moves_unreleased_entries_under_the_release() {
        let after = release(BEFORE, "0.2.0", "2025-11-26").unwrap();
        let expected = "\
# Changelog

All notable changes are documented here.

## [Unreleased]

## [0.2.0] - 2025-11-26

### Added
- Thing one.

- Thing two.

## [0.1.0] - 2025-01-02

### Added
- First.

[unreleased]: https://example.org/r/compare/v0.2.0...HEAD
[0.2.0]: https://example.org/r/compare/v0.1.0...v0.2.0
[0.1.0]: https://example.org/r/releases/tag/v0.1.0
";
        assert_eq!(after, expected);
        assert!(has_release(&after, "0.2.0"));
        assert!(has_release(&after, "0.1.0"));
        assert!(!has_release(&after, "0.3.0"));
    }

    #[test]
    fn works_when_unreleased_is_the_last_section() {
        let after = release(
            "# Changelog\n\n## Unreleased\n- A.\n",
            "1.0.0-rc.1",
            "2026-01-01",
        )
        .unwrap();
        assert_eq!(
            after,
            "# Changelog\n\n## [Unreleased]\n\n## [1.0.0-rc.1] - 2026-01-01\n\n- A.\n"
        );
    }

    #[test]
    fn refuses_an_empty_or_missing_unreleased_section() {
        let empty = release(
            "# Changelog\n\n## [Unreleased]\n\n\n## [0.1.0] - 2025-01-01\n- A.\n",
            "0.2.0",
            "d",
        );
        assert!(empty.unwrap_err().contains("empty"));
        let missing = release(
            "# Changelog\n\n## [0.1.0] - 2025-01-01\n- A.\n",
            "0.2.0",
            "d",
        );
        assert!(missing.unwrap_err().contains("no `## [Unreleased]`"));
    }
}
