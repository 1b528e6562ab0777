//! [`Credentials`]: the client id and client secret, with the secret redacted.

use std::fmt;

use faceki_types::Secret;

use crate::error::AuthError;

/// The environment variable holding the client id.
pub const CLIENT_ID_VAR: &str = "FACEKI_CLIENT_ID";
/// The environment variable holding the client secret.
pub const CLIENT_SECRET_VAR: &str = "FACEKI_CLIENT_SECRET";

/// A Faceki client id and client secret.
///
/// `Debug` shows the client id (it identifies the account, and is no secret) but never
/// the secret; there is no `Display`. The secret is reachable only through
/// [`Credentials::client_secret`] followed by [`Secret::expose_secret`].
///
/// ```
/// use faceki_auth::Credentials;
///
/// let creds = Credentials::new("my-client-id", "my-client-secret");
/// let debug = format!("{creds:?}");
/// assert!(debug.contains("my-client-id"));
/// assert!(!debug.contains("my-client-secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    client_id: String,
    client_secret: Secret,
}

impl Credentials {
    /// Credentials from values already in hand. Blank values are accepted here and
    /// refused when a token is requested ([`AuthError::InvalidCredentials`]); use
    /// [`Credentials::validated`] to refuse them now.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<Secret>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }

    /// Like [`Credentials::new`], but refuses a blank client id or secret.
    pub fn validated(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Result<Self, AuthError> {
        let creds = Self::new(client_id, client_secret);
        if creds.client_id.trim().is_empty() {
            return Err(AuthError::invalid_credentials("the client id is empty"));
        }
        if creds.client_secret.is_blank() {
            return Err(AuthError::invalid_credentials("the client secret is empty"));
        }
        Ok(creds)
    }

    /// Reads [`FACEKI_CLIENT_ID`](CLIENT_ID_VAR) and
    /// [`FACEKI_CLIENT_SECRET`](CLIENT_SECRET_VAR) from the process environment.
    ///
    /// A variable that is missing, not valid Unicode, or empty (after trimming white
    /// space, which is removed from both values) is an
    /// [`AuthError::InvalidCredentials`] naming the variable.
    pub fn from_env() -> Result<Self, AuthError> {
        Self::from_source(|name| match std::env::var(name) {
            Ok(value) => Var::Set(value),
            Err(std::env::VarError::NotPresent) => Var::Missing,
            Err(std::env::VarError::NotUnicode(_)) => Var::NotUnicode,
        })
    }

    /// Like [`Credentials::from_env`], but reads variables through `lookup`, so the
    /// rules can be used (and tested) without touching the process environment.
    ///
    /// ```
    /// use faceki_auth::Credentials;
    ///
    /// let creds = Credentials::from_lookup(|name| match name {
    ///     "FACEKI_CLIENT_ID" => Some("id-123".to_owned()),
    ///     "FACEKI_CLIENT_SECRET" => Some("  s3cret\n".to_owned()),
    ///     _ => None,
    /// })
    /// .unwrap();
    /// assert_eq!(creds.client_id(), "id-123");
    /// assert_eq!(creds.client_secret().expose_secret(), "s3cret");
    ///
    /// let err = Credentials::from_lookup(|_| None).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid credentials: FACEKI_CLIENT_ID is not set");
    /// ```
    pub fn from_lookup<F>(mut lookup: F) -> Result<Self, AuthError>
    where
        F: FnMut(&str) -> Option<String>,
    {
        Self::from_source(|name| lookup(name).map_or(Var::Missing, Var::Set))
    }

    fn from_source<F>(mut source: F) -> Result<Self, AuthError>
    where
        F: FnMut(&str) -> Var,
    {
        let client_id = read_var(&mut source, CLIENT_ID_VAR)?;
        let client_secret = read_var(&mut source, CLIENT_SECRET_VAR)?;
        Ok(Self::new(client_id, Secret::new(client_secret)))
    }

    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret, still redacted; call [`Secret::expose_secret`] where it goes
    /// on the wire.
    pub fn client_secret(&self) -> &Secret {
        &self.client_secret
    }
}

/// One variable as read from its source.
enum Var {
    Set(String),
    Missing,
    NotUnicode,
}

fn read_var<F>(source: &mut F, name: &'static str) -> Result<String, AuthError>
where
    F: FnMut(&str) -> Var,
{
    match source(name) {
        Var::Missing => Err(AuthError::invalid_credentials(format!("{name} is not set"))),
        Var::NotUnicode => Err(AuthError::invalid_credentials(format!(
            "{name} is not valid Unicode"
        ))),
        Var::Set(value) => {
            let trimmed = value.trim();
            if trimmed.is_empty() {
                Err(AuthError::invalid_credentials(format!("{name} is empty")))
            } else {
                Ok(trimmed.to_owned())
            }
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup<'a>(
        id: Option<&'a str>,
        secret: Option<&'a str>,
    ) -> impl FnMut(&str) -> Option<String> + 'a {
        move |name| match name {
            CLIENT_ID_VAR => id.map(str::to_owned),
            CLIENT_SECRET_VAR => secret.map(str::to_owned),
            other => panic!("unexpected variable {other}"),
        }
    }

    #[test]
    fn missing_and_empty_values_name_the_variable() {
        let err = Credentials::from_lookup(lookup(Some("id"), None)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid credentials: FACEKI_CLIENT_SECRET is not set"
        );
        let err = Credentials::from_lookup(lookup(Some(" \t"), Some("x"))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid credentials: FACEKI_CLIENT_ID is empty"
        );
        let err = Credentials::from_lookup(lookup(Some("id"), Some(""))).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid credentials: FACEKI_CLIENT_SECRET is empty"
        );
        assert!(err.is_invalid_credentials());
    }

    #[test]
    fn a_variable_that_is_not_unicode_is_named() {
        let err = Credentials::from_source(|name| match name {
            CLIENT_ID_VAR => Var::Set("id".to_owned()),
            _ => Var::NotUnicode,
        })
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid credentials: FACEKI_CLIENT_SECRET is not valid Unicode"
        );
    }

    #[test]
    fn values_are_trimmed() {
        let creds = Credentials::from_lookup(lookup(Some(" id\n"), Some("\tsec "))).unwrap();
        assert_eq!(creds, Credentials::new("id", "sec"));
    }

    #[test]
    fn validated_refuses_blank_values() {
        assert!(
            Credentials::validated("", "x")
                .unwrap_err()
                .is_invalid_credentials()
        );
        assert!(
            Credentials::validated("id", " ")
                .unwrap_err()
                .is_invalid_credentials()
        );
        assert_eq!(Credentials::validated("id", "x").unwrap().client_id(), "id");
    }
}
