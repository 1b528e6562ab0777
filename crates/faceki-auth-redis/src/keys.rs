//! The Redis keys of a [`TokenScope`]: derived from the base URL and a hash of the
//! client id, never from the secret.

use faceki_auth::TokenScope;

/// The key of the shared token and the key of its fetch lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeKeys {
    /// Holds the token (see the crate docs for the value's format).
    pub token: String,
    /// Held by the process fetching the next token (`SET … NX PX` with a fencing
    /// value).
    pub lock: String,
}

/// The keys for `scope` under `prefix`: `<prefix>:<sha1(base URL, client id)>` and
/// the same with `:lock`. The hash keeps the client id out of key listings; it is
/// not a secret, and the secret is never part of the key.
pub fn scope_keys(prefix: &str, scope: &TokenScope) -> ScopeKeys {
    let mut hasher = sha1_smol::Sha1::new();
    hasher.update(scope.base_url().trim_end_matches('/').as_bytes());
    hasher.update(b"\n");
    hasher.update(scope.client_id().as_bytes());
    let digest = hasher.digest().to_string();
    let token = format!("{prefix}:{digest}");
    ScopeKeys {
        lock: format!("{token}:lock"),
        token,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_url_and_id_only() {
        let a = scope_keys(
            "faceki:token:v1",
            &TokenScope::new("https://sdk.faceki.com/", "id-1"),
        );
        let b = scope_keys(
            "faceki:token:v1",
            &TokenScope::new("https://sdk.faceki.com", "id-1"),
        );
        let c = scope_keys(
            "faceki:token:v1",
            &TokenScope::new("https://sdk.faceki.com", "id-2"),
        );
        assert_eq!(a, b, "a trailing slash is the same base URL");
        assert_ne!(a.token, c.token);
        assert!(a.token.starts_with("faceki:token:v1:") && !a.token.contains("id-1"));
        assert_eq!(a.lock, format!("{}:lock", a.token));
    }
}
