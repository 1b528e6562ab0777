//! [`Secret`]: a string that never shows up in `Debug` output, logs or error messages.
//!
//! The client secret and the access token are carried in this type from the moment they
//! enter the SDK. It has no `Display` implementation, its `Debug` prints `[redacted]`,
//! and the value is reachable only through [`Secret::expose_secret`], a name that stands
//! out in review.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A redacted string: a client secret or an access token.
///
/// ```
/// use faceki_types::Secret;
///
/// let secret = Secret::new("s3cr3t-value");
/// assert_eq!(format!("{secret:?}"), "Secret([redacted])");
/// assert_eq!(secret.expose_secret(), "s3cr3t-value");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value that must never be printed.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// Returns the secret value. Call this only where the value goes on the wire.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty (or only white space), which is never a usable secret.
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }

    /// The length in bytes; safe to log.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// Serializes the plain value: serialization is an explicit act (for the wire or a
/// fixture), unlike `Debug`, which happens by accident in logs.
impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("hunter2-very-secret");
        let debug = format!("{secret:?} {:?} {:#?}", Some(&secret), vec![secret.clone()]);
        assert!(!debug.contains("hunter2"), "{debug}");
        assert!(debug.contains("[redacted]"));
    }

    #[test]
    fn blank_detection() {
        assert!(Secret::new("  ").is_blank());
        assert!(!Secret::new("x").is_blank());
    }
}
