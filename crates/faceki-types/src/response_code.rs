//! PLACEHOLDER, replaced by the generated response-code table.
//! [`ResponseCode`]: the API's body codes.

use std::fmt;

/// A body response code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseCode {
    /// 0
    Success,
    /// 200
    Ok,
    /// 1
    Unauthorized,
    /// Any other code, kept as sent.
    Unknown(i64),
}

impl ResponseCode {
    /// From the number on the wire.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Self::Success,
            200 => Self::Ok,
            1 => Self::Unauthorized,
            n => Self::Unknown(n),
        }
    }
    /// The number on the wire.
    pub fn code(self) -> i64 {
        match self {
            Self::Success => 0,
            Self::Ok => 200,
            Self::Unauthorized => 1,
            Self::Unknown(n) => n,
        }
    }
    /// The wire name.
    pub fn name(self) -> Option<&'static str> {
        match self {
            Self::Success => Some("SUCCESS"),
            Self::Ok => Some("OK"),
            Self::Unauthorized => Some("UNAUTHORIZED/INVALID URL"),
            Self::Unknown(_) => None,
        }
    }
    /// Whether the code means success.
    pub fn is_success(self) -> bool {
        matches!(self, Self::Success | Self::Ok)
    }
}

impl fmt::Display for ResponseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(n) => write!(f, "{n} ({})", self.code()),
            None => write!(f, "unknown code {}", self.code()),
        }
    }
}
