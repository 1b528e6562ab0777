//! [`AuthError`]: why no access token could be obtained.

use std::borrow::Cow;
use std::time::Duration;

use faceki_types::{RequestError, ResponseCode};

/// Why no access token could be obtained.
///
/// Cheap to clone (a single failed fetch is handed to every caller that was waiting for
/// it). No variant ever holds the client secret, an access token, a URL or a response
/// body: fetchers describe transport failures in their own words, and
/// [`CachingTokenProvider`](crate::CachingTokenProvider) additionally scrubs the
/// client secret out of any message before handing the error on.
///
/// ```
/// use faceki_auth::AuthError;
///
/// let err = AuthError::rejected(Some(422), None, Some("client id is required".into()));
/// assert!(err.is_rejected());
/// assert_eq!(err.http_status(), Some(422));
/// assert_eq!(
///     err.to_string(),
///     "the token endpoint rejected the credentials (HTTP 422): client id is required"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The credentials are missing or blank, so nothing was sent.
    #[error("invalid credentials: {reason}")]
    #[non_exhaustive]
    InvalidCredentials {
        /// What is wrong (names the field or variable, never its value).
        reason: Cow<'static, str>,
    },
    /// The token call could not be completed: connection refused, TLS failure, the
    /// connection closed early, and so on.
    #[error("could not fetch an access token: {message}")]
    #[non_exhaustive]
    Transport {
        /// What went wrong, without URL, secret or body.
        message: Cow<'static, str>,
    },
    /// The token call took longer than allowed.
    #[error("fetching an access token timed out{}", after_suffix(*.after))]
    #[non_exhaustive]
    Timeout {
        /// The limit that was exceeded, when known.
        after: Option<Duration>,
    },
    /// The token endpoint answered, but refused to issue a token.
    #[error("the token endpoint rejected the credentials{}{}", status_suffix(*.http_status, *.code), message_suffix(.message.as_deref()))]
    #[non_exhaustive]
    Rejected {
        /// The HTTP status, when known.
        http_status: Option<u16>,
        /// The body code (`responseCode` or `statusCode`), when there was one.
        code: Option<i64>,
        /// The server's message, such as `client id is required`.
        message: Option<String>,
    },
    /// The token endpoint answered with an HTTP status that is no verdict on the
    /// credentials: no such route (404, 405), a rate limit (429), a server or gateway
    /// failure (5xx), or another status without a token.
    #[error("{}", unavailable_text(*.http_status, *.code))]
    #[non_exhaustive]
    Unavailable {
        /// The HTTP status.
        http_status: u16,
        /// The body code, when the answer was a Faceki envelope.
        code: Option<i64>,
    },
    /// The token endpoint answered with something that is not a token response.
    #[error("the token endpoint sent an unusable response: {message}")]
    #[non_exhaustive]
    InvalidResponse {
        /// What is wrong with it (never the body itself).
        message: Cow<'static, str>,
    },
}

fn after_suffix(after: Option<Duration>) -> String {
    match after {
        Some(d) => format!(" after {d:?}"),
        None => String::new(),
    }
}

fn status_suffix(http_status: Option<u16>, code: Option<i64>) -> String {
    match (http_status, code) {
        (None, None) => String::new(),
        (Some(s), None) => format!(" (HTTP {s})"),
        (None, Some(c)) => format!(" (code {c})"),
        (Some(s), Some(c)) => format!(" (HTTP {s}, code {c})"),
    }
}

fn unavailable_text(status: u16, code: Option<i64>) -> String {
    let what = match status {
        404 | 405 => {
            "this server has no such token route (check the base URL; the client \
                      tries the other token variant once)"
        }
        300..=399 => {
            "it redirected the call elsewhere, and redirects are never followed \
                      (check the base URL)"
        }
        429 => "it is rate limiting token requests; try again later",
        500..=599 => {
            "a server or gateway failure, not a verdict on the credentials; try \
                      again later"
        }
        _ => "no token was issued",
    };
    format!(
        "the token endpoint answered{}: {what}",
        status_suffix(Some(status), code)
    )
}

fn message_suffix(message: Option<&str>) -> String {
    match message {
        Some(m) if !m.trim().is_empty() => format!(": {m}"),
        _ => String::new(),
    }
}

impl AuthError {
    /// The credentials are missing or blank. `reason` must not contain their values.
    pub fn invalid_credentials(reason: impl Into<Cow<'static, str>>) -> Self {
        Self::InvalidCredentials {
            reason: reason.into(),
        }
    }

    /// The token endpoint answered with a status that is no verdict on the credentials
    /// (404/405, 429, 5xx...).
    pub fn unavailable(http_status: u16, code: Option<i64>) -> Self {
        Self::Unavailable { http_status, code }
    }

    /// Whether the token route does not exist at this URL: HTTP 404 or 405 without a
    /// Faceki body, or with code 1 (`UNAUTHORIZED/INVALID URL`). The server may offer
    /// the other token variant. Any other Faceki answer under 404 is not a missing
    /// route, and does not make the client send the secret another way.
    pub fn is_no_such_route(&self) -> bool {
        matches!(
            self,
            Self::Unavailable {
                http_status: 404 | 405,
                code: None | Some(1),
            }
        )
    }

    /// A transport failure. `message` must not contain the URL (variant A carries the
    /// secret in its query), a token or a body.
    pub fn transport(message: impl Into<Cow<'static, str>>) -> Self {
        Self::Transport {
            message: message.into(),
        }
    }

    /// The token call timed out (after `after`, when known).
    pub fn timeout(after: Option<Duration>) -> Self {
        Self::Timeout { after }
    }

    /// The server refused to issue a token.
    pub fn rejected(http_status: Option<u16>, code: Option<i64>, message: Option<String>) -> Self {
        Self::Rejected {
            http_status,
            code,
            message,
        }
    }

    /// The server's answer could not be understood as a token response.
    pub fn invalid_response(message: impl Into<Cow<'static, str>>) -> Self {
        Self::InvalidResponse {
            message: message.into(),
        }
    }

    /// Whether the fetch timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Self::Timeout { .. })
    }

    /// Whether the fetch failed in transport (not counting timeouts).
    pub fn is_transport(&self) -> bool {
        matches!(self, Self::Transport { .. })
    }

    /// Whether the server refused to issue a token.
    pub fn is_rejected(&self) -> bool {
        matches!(self, Self::Rejected { .. })
    }

    /// Whether the credentials were unusable before anything was sent.
    pub fn is_invalid_credentials(&self) -> bool {
        matches!(self, Self::InvalidCredentials { .. })
    }

    /// Whether the server sent something that is not a token response.
    pub fn is_invalid_response(&self) -> bool {
        matches!(self, Self::InvalidResponse { .. })
    }

    /// Whether trying again later may succeed: transport failures, timeouts, unusable
    /// responses and server-side (5xx) rejections. Wrong credentials stay wrong.
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Transport { .. } | Self::Timeout { .. } | Self::InvalidResponse { .. } => true,
            Self::Rejected { http_status, .. } => http_status.is_some_and(|s| s >= 500 || s == 429),
            Self::Unavailable { http_status, .. } => *http_status >= 500 || *http_status == 429,
            Self::InvalidCredentials { .. } => false,
        }
    }

    /// The HTTP status of a rejection, when known.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Self::Rejected { http_status, .. } => *http_status,
            Self::Unavailable { http_status, .. } => Some(*http_status),
            _ => None,
        }
    }

    /// The body code of a rejection, when there was one.
    pub fn response_code(&self) -> Option<ResponseCode> {
        match self {
            Self::Rejected { code, .. } | Self::Unavailable { code, .. } => {
                code.map(ResponseCode::from_code)
            }
            _ => None,
        }
    }

    /// Replaces every occurrence of `secret` (and of its URL-encoded forms) in the
    /// free-text parts of this error with `[redacted]`: a last line of defence against a
    /// fetcher that echoes a URL or a request.
    pub(crate) fn scrub(self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        let forms = secret_forms(secret);
        let clean = |text: Cow<'static, str>| -> Cow<'static, str> {
            if forms.iter().any(|f| text.contains(f.as_str())) {
                Cow::Owned(redact_all(&text, &forms))
            } else {
                text
            }
        };
        match self {
            Self::InvalidCredentials { reason } => Self::InvalidCredentials {
                reason: clean(reason),
            },
            Self::Transport { message } => Self::Transport {
                message: clean(message),
            },
            Self::InvalidResponse { message } => Self::InvalidResponse {
                message: clean(message),
            },
            Self::Rejected {
                http_status,
                code,
                message,
            } => Self::Rejected {
                http_status,
                code,
                message: message.map(|m| clean(Cow::Owned(m)).into_owned()),
            },
            other @ (Self::Timeout { .. } | Self::Unavailable { .. }) => other,
        }
    }
}

/// The secret as sent raw, form-encoded (`+` for spaces) and percent-encoded.
fn secret_forms(secret: &str) -> Vec<String> {
    let form: String = form_encode(secret, true);
    let percent: String = form_encode(secret, false);
    let mut forms = vec![secret.to_owned(), form, percent];
    forms.sort();
    forms.dedup();
    // Longest first, so a longer form is not half-replaced by a shorter one.
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    forms
}

fn form_encode(value: &str, plus_for_space: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(char::from(byte));
            }
            b' ' if plus_for_space => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn redact_all(text: &str, forms: &[String]) -> String {
    let mut out = text.to_owned();
    for form in forms {
        if !form.is_empty() {
            out = out.replace(form.as_str(), "[redacted]");
        }
    }
    out
}

impl From<RequestError> for AuthError {
    fn from(err: RequestError) -> Self {
        // RequestError names the field and never its value.
        Self::invalid_credentials(err.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_says_what_happened() {
        assert_eq!(
            AuthError::timeout(Some(Duration::from_secs(30))).to_string(),
            "fetching an access token timed out after 30s"
        );
        assert_eq!(
            AuthError::rejected(None, Some(1), None).to_string(),
            "the token endpoint rejected the credentials (code 1)"
        );
        assert_eq!(
            AuthError::rejected(Some(401), Some(1), Some(" ".into())).to_string(),
            "the token endpoint rejected the credentials (HTTP 401, code 1)"
        );
        assert_eq!(
            AuthError::transport("connection refused").to_string(),
            "could not fetch an access token: connection refused"
        );
        let gateway = AuthError::unavailable(502, None).to_string();
        assert!(
            gateway.contains("HTTP 502") && gateway.contains("not a verdict"),
            "{gateway}"
        );
        assert!(!gateway.contains("rejected"), "{gateway}");
        let limited = AuthError::unavailable(429, Some(429)).to_string();
        assert!(
            limited.contains("rate limiting") && !limited.contains("rejected"),
            "{limited}"
        );
        assert!(
            AuthError::unavailable(404, None)
                .to_string()
                .contains("no such token route")
        );
    }

    #[test]
    fn scrub_removes_raw_and_encoded_secret() {
        let secret = "p&ss word/+";
        let err = AuthError::transport(format!(
            "error sending request for url (https://h/auth/api/access-token?clientId=a&clientSecret=p%26ss+word%2F%2B) raw={secret} pct=p%26ss%20word%2F%2B"
        ))
        .scrub(secret);
        let text = err.to_string();
        assert!(!text.contains("p&ss"), "{text}");
        assert!(!text.contains("p%26ss"), "{text}");
        assert_eq!(text.matches("[redacted]").count(), 3, "{text}");
        let err = AuthError::rejected(Some(422), None, Some(format!("bad secret {secret}")))
            .scrub(secret);
        assert_eq!(
            err.to_string(),
            "the token endpoint rejected the credentials (HTTP 422): bad secret [redacted]"
        );
    }

    #[test]
    fn predicates() {
        assert!(AuthError::timeout(None).is_timeout());
        assert!(AuthError::timeout(None).is_transient());
        assert!(!AuthError::rejected(Some(422), None, None).is_transient());
        assert!(AuthError::rejected(Some(503), None, None).is_transient());
        assert!(AuthError::unavailable(503, None).is_transient());
        assert!(AuthError::unavailable(429, None).is_transient());
        assert!(!AuthError::unavailable(404, None).is_transient());
        assert!(AuthError::unavailable(405, None).is_no_such_route());
        assert!(
            !AuthError::unavailable(404, Some(8013)).is_no_such_route(),
            "a Faceki answer is not a missing route"
        );
        assert!(
            AuthError::unavailable(302, None)
                .to_string()
                .contains("redirect")
        );
        assert!(!AuthError::unavailable(502, None).is_no_such_route());
        assert_eq!(AuthError::unavailable(502, None).http_status(), Some(502));
        assert_eq!(
            AuthError::rejected(None, Some(1), None).response_code(),
            Some(ResponseCode::from_code(1))
        );
        assert!(
            AuthError::from(RequestError::MissingField { field: "clientId" })
                .is_invalid_credentials()
        );
    }
}
