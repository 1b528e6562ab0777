//! Licence checks: every package's SPDX `license` expression must be satisfiable with
//! the licences in `xtask/licenses.txt`.
//!
//! Expressions are evaluated as SPDX defines them: `WITH` binds tightest, then `AND`,
//! then `OR`; parentheses group. `A OR B` needs one allowed side, `A AND B` needs both,
//! `A WITH E` needs both the licence and the exception listed. The legacy `/` that old
//! crates use is read as `OR`, and `X+` ("X or later") is allowed when `X` is.

use std::collections::BTreeSet;

/// The allowed SPDX licence and exception identifiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AllowList {
    ids: BTreeSet<String>,
}

impl AllowList {
    /// Reads one identifier per line; `#` starts a comment.
    pub(crate) fn parse(text: &str) -> Self {
        let ids = text
            .lines()
            .map(|line| line.split('#').next().unwrap_or_default().trim())
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
            .collect();
        Self { ids }
    }

    fn allows(&self, id: &str) -> bool {
        self.ids.contains(id)
            || id
                .strip_suffix('+')
                .is_some_and(|base| self.ids.contains(base))
    }

    /// Checks an SPDX expression. The error names the identifiers that kept it from
    /// being satisfied, or says why the expression could not be read.
    pub(crate) fn check(&self, expression: &str) -> Result<(), String> {
        let tokens = tokenize(expression);
        let mut parser = Parser {
            tokens: &tokens,
            at: 0,
            allow: self,
        };
        let verdict = parser.or()?;
        if let Some(extra) = tokens.get(parser.at) {
            return Err(format!(
                "cannot read licence expression `{expression}`: unexpected `{extra}`"
            ));
        }
        if verdict.allowed {
            Ok(())
        } else {
            let denied: Vec<&str> = verdict.denied.iter().map(String::as_str).collect();
            Err(format!(
                "licence `{expression}` is not allowed: {} not in xtask/licenses.txt",
                denied.join(", ")
            ))
        }
    }
}

fn tokenize(expression: &str) -> Vec<String> {
    let spaced = expression
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    spaced.split_whitespace().map(str::to_owned).collect()
}

/// Whether a sub-expression is satisfied, and the identifiers that were refused.
struct Verdict {
    allowed: bool,
    denied: BTreeSet<String>,
}

struct Parser<'a> {
    tokens: &'a [String],
    at: usize,
    allow: &'a AllowList,
}

impl Parser<'_> {
    fn peek_is(&self, keyword: &str) -> bool {
        self.tokens
            .get(self.at)
            .is_some_and(|t| t.eq_ignore_ascii_case(keyword))
    }

    fn or(&mut self) -> Result<Verdict, String> {
        let mut verdict = self.and()?;
        while self.peek_is("OR") {
            self.at += 1;
            let right = self.and()?;
            verdict.allowed |= right.allowed;
            verdict.denied.extend(right.denied);
        }
        Ok(verdict)
    }

    fn and(&mut self) -> Result<Verdict, String> {
        let mut verdict = self.with()?;
        while self.peek_is("AND") {
            self.at += 1;
            let right = self.with()?;
            verdict.allowed &= right.allowed;
            verdict.denied.extend(right.denied);
        }
        Ok(verdict)
    }

    fn with(&mut self) -> Result<Verdict, String> {
        let mut verdict = self.primary()?;
        if self.peek_is("WITH") {
            self.at += 1;
            let exception = self.identifier()?;
            if !self.allow.allows(&exception) {
                verdict.allowed = false;
                verdict.denied.insert(exception);
            }
        }
        Ok(verdict)
    }

    fn primary(&mut self) -> Result<Verdict, String> {
        if self.peek_is("(") {
            self.at += 1;
            let verdict = self.or()?;
            if !self.peek_is(")") {
                return Err(format!(
                    "cannot read licence expression `{}`: missing `)`",
                    self.tokens.join(" ")
                ));
            }
            self.at += 1;
            return Ok(verdict);
        }
        let id = self.identifier()?;
        let allowed = self.allow.allows(&id);
        let denied = if allowed {
            BTreeSet::new()
        } else {
            BTreeSet::from([id])
        };
        Ok(Verdict { allowed, denied })
    }

    fn identifier(&mut self) -> Result<String, String> {
        match self.tokens.get(self.at) {
            Some(token)
                if !["(", ")"].contains(&token.as_str())
                    && !["AND", "OR", "WITH"]
                        .iter()
                        .any(|k| token.eq_ignore_ascii_case(k)) =>
            {
                self.at += 1;
                Ok(token.clone())
            }
            found => Err(format!(
                "cannot read licence expression `{}`: expected a licence identifier, found {}",
                self.tokens.join(" "),
                found.map_or("the end".to_owned(), |t| format!("`{t}`"))
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow() -> AllowList {
        AllowList::parse(
            "# permissive\nMIT\nApache-2.0  # with patent grant\n\nLLVM-exception\nBSD-3-Clause\n",
        )
    }

    #[test]
    fn reads_the_allow_list() {
        let list = allow();
        assert!(list.allows("MIT") && list.allows("Apache-2.0") && list.allows("LLVM-exception"));
        assert!(!list.allows("# permissive") && !list.allows("GPL-3.0-only"));
    }

    #[test]
    fn single_licences() {
        assert_eq!(allow().check("MIT"), Ok(()));
        assert_eq!(allow().check("MIT+"), Ok(()));
        let error = allow().check("GPL-3.0-only").unwrap_err();
        assert_eq!(
            error,
            "licence `GPL-3.0-only` is not allowed: GPL-3.0-only not in xtask/licenses.txt"
        );
    }

    #[test]
    fn or_needs_one_allowed_side() {
        assert_eq!(allow().check("MIT OR Apache-2.0"), Ok(()));
        assert_eq!(allow().check("GPL-2.0-only OR MIT"), Ok(()));
        assert_eq!(allow().check("MIT/Apache-2.0"), Ok(()));
        let error = allow().check("GPL-2.0-only OR LGPL-3.0-only").unwrap_err();
        assert!(
            error.contains("GPL-2.0-only, LGPL-3.0-only not in"),
            "{error}"
        );
    }

    #[test]
    fn and_needs_every_side() {
        assert_eq!(allow().check("MIT AND BSD-3-Clause"), Ok(()));
        let error = allow().check("MIT AND GPL-3.0-or-later").unwrap_err();
        assert!(error.contains(": GPL-3.0-or-later not in"), "{error}");
    }

    #[test]
    fn precedence_and_parentheses() {
        // AND binds tighter than OR: (MIT AND GPL) OR Apache-2.0 is satisfiable.
        assert_eq!(allow().check("MIT AND GPL-3.0-only OR Apache-2.0"), Ok(()));
        // The parentheses make GPL mandatory.
        assert!(
            allow()
                .check("(MIT OR Apache-2.0) AND GPL-3.0-only")
                .is_err()
        );
        assert_eq!(
            allow().check("(MIT OR Apache-2.0) AND Unicode-3.0 OR BSD-3-Clause"),
            Ok(())
        );
        assert_eq!(
            allow().check("(MIT OR Apache-2.0) AND (BSD-3-Clause)"),
            Ok(())
        );
    }

    #[test]
    fn with_needs_the_exception_too() {
        assert_eq!(allow().check("Apache-2.0 WITH LLVM-exception"), Ok(()));
        assert!(
            allow()
                .check("GPL-2.0-only WITH Classpath-exception-2.0")
                .is_err()
        );
        assert!(allow().check("Apache-2.0 WITH Some-exception").is_err());
        assert_eq!(
            allow().check("Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"),
            Ok(())
        );
    }

    #[test]
    fn malformed_expressions_are_errors() {
        for bad in [
            "",
            "MIT OR",
            "(MIT",
            "MIT)",
            "AND MIT",
            "MIT WITH",
            "MIT Apache-2.0",
        ] {
            let error = allow().check(bad).unwrap_err();
            assert!(
                error.starts_with("cannot read licence expression"),
                "{bad:?}: {error}"
            );
        }
    }
}
