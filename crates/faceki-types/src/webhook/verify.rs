//! [`WebhookVerifier`]: the checks a webhook request passes before its body is
//! trusted, each failure a distinct [`Rejection`] that never holds the body or a
//! secret.

use std::fmt;
use std::net::IpAddr;

use ipnet::IpNet;
use subtle::ConstantTimeEq;

use crate::model::{WebhookEvent, WebhookParseError};
use crate::secret::Secret;

/// The default largest webhook body: 1 MiB (a completed event carries the whole
/// record, without images).
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// Checks webhook requests: the body's size, the source address (when an allow-list
/// is set), the shared-secret header (one or two accepted secrets, compared in
/// constant time), and that the body is JSON.
///
/// ```
/// use faceki_types::webhook::{Rejection, WebhookVerifier};
///
/// let verifier = WebhookVerifier::new("Authorization", "a-long-random-secret")?
///     .with_second_secret("the-next-secret")?;
/// let body = br#"{"requestId":"r-1","fullName":"ANA","status":"ACCEPTED","kycData":{}}"#;
/// let event = verifier.verify([("authorization", &b"the-next-secret"[..])], None, body)?;
/// assert_eq!(event.request_id(), Some("r-1"));
///
/// let forged = verifier.verify([("authorization", &b"guess"[..])], None, body);
/// assert!(matches!(forged, Err(Rejection::WrongSecret)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct WebhookVerifier {
    header_name: String,
    secrets: Vec<Secret>,
    allowed: Vec<IpNet>,
    max_body_bytes: usize,
}

/// Why a [`WebhookVerifier`] could not be built. Names what is wrong, never a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifierError {
    /// The secret is empty or only white space.
    #[error("the webhook secret is empty")]
    EmptySecret,
    /// The header name is not a valid HTTP header name.
    #[error("`{0}` is not a valid header name")]
    InvalidHeaderName(String),
    /// At most two secrets are accepted (the current one and the next, to rotate).
    #[error("at most two webhook secrets can be accepted at once")]
    TooManySecrets,
    /// An allow-list entry is not an address or a CIDR network.
    #[error("`{0}` is not an IP address or a CIDR network (such as 203.0.113.0/24)")]
    InvalidNetwork(String),
}

/// Why a webhook request was refused. Distinct and typed; neither `Display` nor
/// `Debug` ever contains the body or a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The body is larger than the limit.
    #[error("webhook body of {len} bytes is larger than the limit of {limit}")]
    TooLarge {
        /// The limit.
        limit: usize,
        /// The body's length (at least the limit plus one when it was cut off).
        len: usize,
    },
    /// An allow-list is configured and the source address is not in it.
    #[error("webhook source {source_addr} is not in the allowed networks")]
    SourceNotAllowed {
        /// The source address.
        source_addr: IpAddr,
    },
    /// An allow-list is configured and no source address was given to check.
    #[error("webhook source address unknown, and an allow-list is configured")]
    SourceUnknown,
    /// The secret header is missing.
    #[error("webhook header `{header}` is missing")]
    MissingHeader {
        /// The header's name.
        header: String,
    },
    /// The secret header is present more than once (ambiguous; refused).
    #[error("webhook header `{header}` is present more than once")]
    DuplicateHeader {
        /// The header's name.
        header: String,
    },
    /// The secret header does not hold an accepted secret.
    #[error("webhook secret does not match")]
    WrongSecret,
    /// The body is not JSON.
    #[error("{0}")]
    NotJson(#[from] WebhookParseError),
}

impl Rejection {
    /// The HTTP status to answer with: 413 too large, 403 source not allowed, 401
    /// for the secret header, 400 not JSON.
    pub const fn http_status(&self) -> u16 {
        match self {
            Self::TooLarge { .. } => 413,
            Self::SourceNotAllowed { .. } | Self::SourceUnknown => 403,
            Self::MissingHeader { .. } | Self::DuplicateHeader { .. } | Self::WrongSecret => 401,
            Self::NotJson(_) => 400,
        }
    }
}

impl WebhookVerifier {
    /// A verifier that accepts requests whose header `header_name` holds `secret`.
    /// An empty or white-space secret is refused.
    pub fn new(header_name: &str, secret: impl Into<Secret>) -> Result<Self, VerifierError> {
        let name = header_name.trim();
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
        if !valid {
            return Err(VerifierError::InvalidHeaderName(header_name.to_owned()));
        }
        let secret = checked(secret.into())?;
        Ok(Self {
            header_name: name.to_ascii_lowercase(),
            secrets: vec![secret],
            allowed: Vec::new(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        })
    }

    /// Also accepts `secret`, so the portal's header can change without downtime:
    /// list the new secret, change the portal, then drop the old one.
    pub fn with_second_secret(mut self, secret: impl Into<Secret>) -> Result<Self, VerifierError> {
        if self.secrets.len() >= 2 {
            return Err(VerifierError::TooManySecrets);
        }
        self.secrets.push(checked(secret.into())?);
        Ok(self)
    }

    /// Accepts requests only from these networks (`203.0.113.7`, `203.0.113.0/24`,
    /// `2001:db8::/32`). Without it, any source is accepted.
    pub fn allow_sources<I, S>(mut self, networks: I) -> Result<Self, VerifierError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for network in networks {
            let text = network.as_ref().trim();
            let parsed = text
                .parse::<IpNet>()
                .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| VerifierError::InvalidNetwork(text.to_owned()))?;
            self.allowed.push(parsed);
        }
        Ok(self)
    }

    /// Sets the largest accepted body (default [`DEFAULT_MAX_BODY_BYTES`]).
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// The largest accepted body: a receiver stops reading past it.
    pub fn body_limit(&self) -> usize {
        self.max_body_bytes
    }

    /// The secret header's name (lower case).
    pub fn header_name(&self) -> &str {
        &self.header_name
    }

    /// Checks a request: `headers` are its header (name, value) pairs in any case
    /// (only the secret header is read), `source` its peer address, `body` the raw
    /// bytes. Order: source, header, size, JSON — [`check_request`](Self::check_request)
    /// then [`check_body`](Self::check_body).
    pub fn verify<'a, H>(
        &self,
        headers: H,
        source: Option<IpAddr>,
        body: &[u8],
    ) -> Result<WebhookEvent, Rejection>
    where
        H: IntoIterator<Item = (&'a str, &'a [u8])>,
    {
        self.check_request(headers, source)?;
        self.check_body(body)
    }

    /// The checks that need no body: the source address and the secret header. A
    /// receiver runs them before reading the body, so a stranger cannot make it
    /// buffer anything.
    pub fn check_request<'a, H>(&self, headers: H, source: Option<IpAddr>) -> Result<(), Rejection>
    where
        H: IntoIterator<Item = (&'a str, &'a [u8])>,
    {
        self.check_source(source)?;
        self.check_header(headers)
    }

    /// The body's checks, after [`check_request`](Self::check_request): its size, and
    /// that it is JSON; then the typed event.
    pub fn check_body(&self, body: &[u8]) -> Result<WebhookEvent, Rejection> {
        if body.len() > self.max_body_bytes {
            return Err(Rejection::TooLarge {
                limit: self.max_body_bytes,
                len: body.len(),
            });
        }
        Ok(WebhookEvent::parse(body)?)
    }

    fn check_source(&self, source: Option<IpAddr>) -> Result<(), Rejection> {
        if self.allowed.is_empty() {
            return Ok(());
        }
        let Some(addr) = source else {
            return Err(Rejection::SourceUnknown);
        };
        // An IPv4 peer seen through an IPv6 socket (::ffff:a.b.c.d) is that IPv4 peer.
        let addr = match addr {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
            v4 => v4,
        };
        if self.allowed.iter().any(|net| net.contains(&addr)) {
            Ok(())
        } else {
            Err(Rejection::SourceNotAllowed { source_addr: addr })
        }
    }

    fn check_header<'a, H>(&self, headers: H) -> Result<(), Rejection>
    where
        H: IntoIterator<Item = (&'a str, &'a [u8])>,
    {
        let mut found: Option<&[u8]> = None;
        for (name, value) in headers {
            if name.eq_ignore_ascii_case(&self.header_name) {
                if found.is_some() {
                    return Err(Rejection::DuplicateHeader {
                        header: self.header_name.clone(),
                    });
                }
                found = Some(value);
            }
        }
        let Some(value) = found else {
            return Err(Rejection::MissingHeader {
                header: self.header_name.clone(),
            });
        };
        let value = value.trim_ascii();
        // Every secret is compared, whatever the first comparison said. The
        // comparison takes the same time for every value of the same length; the
        // secret's length itself is not hidden (choose a long one).
        let mut matched = subtle::Choice::from(0u8);
        for secret in &self.secrets {
            matched |= value.ct_eq(secret.expose_secret().as_bytes());
        }
        if bool::from(matched) {
            Ok(())
        } else {
            Err(Rejection::WrongSecret)
        }
    }
}

fn checked(secret: Secret) -> Result<Secret, VerifierError> {
    if secret.is_blank() {
        Err(VerifierError::EmptySecret)
    } else {
        Ok(Secret::new(secret.expose_secret().trim()))
    }
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("header_name", &self.header_name)
            .field("secrets", &self.secrets.len())
            .field("allowed", &self.allowed)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}
