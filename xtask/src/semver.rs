//! Semantic versions (`x.y.z`, optional `-pre.release`, optional `+build`), parsed
//! strictly and ordered by semver precedence.

use std::cmp::Ordering;
use std::fmt;

/// A parsed semantic version. Build metadata is kept for display but ignored when
/// comparing, as the semver specification says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Version {
    pub(crate) major: u64,
    pub(crate) minor: u64,
    pub(crate) patch: u64,
    pre: Vec<Identifier>,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Identifier {
    Numeric(u64),
    Alphanumeric(String),
}

impl Version {
    /// Parses `x.y.z[-pre][+build]`, rejecting leading zeros and empty identifiers.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let bad =
            |why: &str| format!("`{text}` is not a semantic version x.y.z[-pre][+build]: {why}");
        let (rest, build) = match text.split_once('+') {
            Some((rest, build)) => (rest, Some(build)),
            None => (text, None),
        };
        if let Some(build) = build {
            for ident in build.split('.') {
                check_identifier_chars(ident).map_err(|why| bad(&why))?;
            }
        }
        let (core, pre) = match rest.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (rest, None),
        };
        let numbers: Vec<&str> = core.split('.').collect();
        let [major, minor, patch] = numbers.as_slice() else {
            return Err(bad("expected three numbers separated by dots"));
        };
        let number = |part: &str| parse_number(part).map_err(|why| bad(&why));
        let pre = match pre {
            None => Vec::new(),
            Some(pre) => pre
                .split('.')
                .map(|ident| {
                    check_identifier_chars(ident).map_err(|why| bad(&why))?;
                    if ident.bytes().all(|b| b.is_ascii_digit()) {
                        Ok(Identifier::Numeric(number(ident)?))
                    } else {
                        Ok(Identifier::Alphanumeric(ident.to_owned()))
                    }
                })
                .collect::<Result<_, String>>()?,
        };
        Ok(Self {
            major: number(major)?,
            minor: number(minor)?,
            patch: number(patch)?,
            pre,
            text: text.to_owned(),
        })
    }

    /// Compares by semver precedence: numbers first, then a pre-release sorts before
    /// its release, identifiers compared field by field; build metadata is ignored.
    pub(crate) fn precedence(&self, other: &Self) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(other.major, other.minor, other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_pre(&self.pre, &other.pre),
            })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

fn parse_number(part: &str) -> Result<u64, String> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("`{part}` is not a number"));
    }
    if part.len() > 1 && part.starts_with('0') {
        return Err(format!("`{part}` has a leading zero"));
    }
    part.parse().map_err(|_| format!("`{part}` is too large"))
}

fn check_identifier_chars(ident: &str) -> Result<(), String> {
    if ident.is_empty() {
        return Err("empty identifier".to_owned());
    }
    if !ident
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(format!(
            "`{ident}` may only hold ASCII letters, digits and hyphens"
        ));
    }
    Ok(())
}

fn compare_pre(a: &[Identifier], b: &[Identifier]) -> Ordering {
    for (x, y) in a.iter().zip(b) {
        let order = match (x, y) {
            (Identifier::Numeric(x), Identifier::Numeric(y)) => x.cmp(y),
            (Identifier::Numeric(_), Identifier::Alphanumeric(_)) => Ordering::Less,
            (Identifier::Alphanumeric(_), Identifier::Numeric(_)) => Ordering::Greater,
            (Identifier::Alphanumeric(x), Identifier::Alphanumeric(y)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn parses_the_parts() {
        let version = v("1.22.333-rc.1+build.5");
        assert_eq!((version.major, version.minor, version.patch), (1, 22, 333));
        assert_eq!(version.to_string(), "1.22.333-rc.1+build.5");
    }

    #[test]
    fn rejects_malformed_versions() {
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "01.2.3",
            "1.2.x",
            "1.2.3-",
            "1.2.3-a..b",
            "1.2.3+",
            "v1.2.3",
            "1.2.3-é",
            " 1.2.3",
        ] {
            assert!(Version::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn orders_by_precedence() {
        // The example chain from the semver specification, item 11.
        let chain = [
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "1.0.1",
            "1.1.0",
            "2.0.0",
        ];
        for pair in chain.windows(2) {
            assert_eq!(
                v(pair[0]).precedence(&v(pair[1])),
                Ordering::Less,
                "{pair:?}"
            );
            assert_eq!(
                v(pair[1]).precedence(&v(pair[0])),
                Ordering::Greater,
                "{pair:?}"
            );
        }
        assert_eq!(v("1.0.0+a").precedence(&v("1.0.0+b")), Ordering::Equal);
    }
}
