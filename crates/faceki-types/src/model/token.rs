//! [`TokenResponse`]: the `data` of a successful token call (reference §1.2).

use super::Extra;
use super::define::model;
use crate::secret::Secret;

model! {
    /// The `data` object of a successful token call:
    /// `{"access_token": "<JWT>", "expires_in": 3600, "token_type": "Bearer"}`.
    ///
    /// The token is treated as opaque (its JWT claims are not read) and kept in a
    /// [`Secret`].
    pub struct TokenResponse {
        /// The bearer token.
        #[required] pub access_token: Secret,
        /// Lifetime in seconds as sent (3600 in every example). `None` when missing or
        /// not a non-negative integer; the token cache then applies its documented
        /// default.
        pub expires_in: Option<u64>,
        /// `"Bearer"` in every example.
        pub token_type: Option<String>,
        /// Fields not modelled here.
        #[serde(flatten)] pub extra: Extra,
    }
}

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
