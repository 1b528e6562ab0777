//! [`RedisUrl`]: the Redis connection URL, kept whole for connecting and shown with
//! its password replaced everywhere else (`Debug`, `Display`, errors).

use std::fmt;

use faceki_types::Secret;

/// A `redis://` or `rediss://` (TLS) URL, possibly with AUTH/ACL credentials
/// (`redis://user:password@host:6379/0`). Its `Debug` and `Display` show
/// `redis://user:***@host:6379/0`: the password never reaches a log.
///
/// ```
/// use faceki_auth_redis::RedisUrl;
///
/// let url = RedisUrl::new("rediss://app:s3cr3t@cache.internal:6380/2");
/// assert_eq!(url.to_string(), "rediss://app:***@cache.internal:6380/2");
/// assert!(!format!("{url:?}").contains("s3cr3t"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RedisUrl {
    full: Secret,
    shown: String,
}

impl RedisUrl {
    /// Wraps a URL. It is checked when the store is built.
    pub fn new(url: impl Into<String>) -> Self {
        let full: String = url.into();
        let shown = redact(&full);
        Self {
            full: Secret::new(full),
            shown,
        }
    }

    /// The URL with its password, for connecting only.
    pub fn expose_secret(&self) -> &str {
        self.full.expose_secret()
    }

    /// Whether the connection uses TLS (`rediss://`).
    pub fn is_tls(&self) -> bool {
        self.full
            .expose_secret()
            .get(..9)
            .is_some_and(|s| s.eq_ignore_ascii_case("rediss://"))
    }
}

impl From<&str> for RedisUrl {
    fn from(url: &str) -> Self {
        Self::new(url)
    }
}

impl From<String> for RedisUrl {
    fn from(url: String) -> Self {
        Self::new(url)
    }
}

impl fmt::Display for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.shown)
    }
}

impl fmt::Debug for RedisUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RedisUrl").field(&self.shown).finish()
    }
}

/// The URL with its password replaced by `***`: the user information (everything
/// between `scheme://` and the **last** `@`, so an unencoded `/` or `@` in a password
/// changes nothing; a lone part there, `redis://secret@host`, counts as a password),
/// and the value of a `pass=` or `password=` query parameter (`redis+unix://`).
fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        // Not a URL: it cannot be shown safely.
        return "<unparsable Redis URL>".to_owned();
    };
    let (scheme, rest) = url.split_at(scheme_end + 3);
    let rest = match rest.rfind('@') {
        Some(at) => {
            let user = match rest[..at].split_once(':') {
                Some((user, _password)) if !user.contains('/') => format!("{user}:***"),
                _ => "***".to_owned(),
            };
            format!("{user}@{}", &rest[at + 1..])
        }
        None => rest.to_owned(),
    };
    let rest = match rest.split_once('?') {
        Some((path, query)) => {
            let query: Vec<String> = query
                .split('&')
                .map(|pair| match pair.split_once('=') {
                    Some((key, _)) if matches!(key, "pass" | "password") => format!("{key}=***"),
                    _ => pair.to_owned(),
                })
                .collect();
            format!("{path}?{}", query.join("&"))
        }
        None => rest,
    };
    format!("{scheme}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        for (url, shown) in [
            ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379"),
            ("redis://:pw@h:1/0", "redis://:***@h:1/0"),
            ("redis://u:p@ss:w@rd@h/3?x=1", "redis://u:***@h/3?x=1"),
            ("redis://u:ab/cd@h:6379/0", "redis://u:***@h:6379/0"),
            ("redis://u:a?b#c@h/0", "redis://u:***@h/0"),
            (
                "redis+unix:///run/redis.sock?db=2&pass=pw",
                "redis+unix:///run/redis.sock?db=2&pass=***",
            ),
            ("redis://lonely-secret@h", "redis://***@h"),
            ("rediss://u:pw@h:6380", "rediss://u:***@h:6380"),
            ("not a url pw", "<unparsable Redis URL>"),
        ] {
            let url = RedisUrl::new(url);
            assert_eq!(url.to_string(), shown);
            let debug = format!("{url:?}");
            for secret in ["pw", "p@ss", "lonely-secret", "ab/cd", "a?b#c"] {
                assert!(!debug.contains(secret) || shown.contains(secret), "{debug}");
            }
        }
        assert!(RedisUrl::new("rediss://h").is_tls());
        assert!(!RedisUrl::new("redis://h").is_tls());
    }
}
