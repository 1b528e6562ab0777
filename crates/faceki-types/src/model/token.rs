//! [`TokenResponse`]: the `data` of a successful token call (reference §1.2).

use serde::{Deserialize, Serialize};

use super::Extra;
use super::redact::redacted_debug;
use crate::lenient;
use crate::secret::Secret;

/// The `data` object of a successful token call:
/// `{"access_token": "<JWT>", "expires_in": 3600, "token_type": "Bearer"}`.
///
/// The token is treated as opaque (its JWT claims are not read) and kept in a
/// [`Secret`].
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TokenResponse {
    /// The bearer token.
    pub access_token: Secret,
    /// Lifetime in seconds as sent (3600 in every example). `None` when missing or not
    /// a non-negative integer; the token cache then applies its documented default.
    #[serde(
        default,
        deserialize_with = "lenient::opt_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub expires_in: Option<u64>,
    /// `"Bearer"` in every example.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub token_type: Option<String>,
    /// Fields not modelled here.
    #[serde(flatten)]
    pub extra: Extra,
}

redacted_debug!(TokenResponse {
    access_token,
    expires_in,
    token_type,
    extra
});

impl TokenResponse {
    /// A response with the given token and lifetime, for tests and fake servers.
    pub fn new(access_token: impl Into<Secret>, expires_in: Option<u64>) -> Self {
        Self {
            access_token: access_token.into(),
            expires_in,
            token_type: Some("Bearer".to_owned()),
            extra: Extra::new(),
        }
    }
}
