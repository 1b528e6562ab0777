//! [`ClientBuilder`]: base URL, credentials or token provider, transport, timeouts,
//! retries and size limits.

use std::fmt;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use faceki_auth::{
    CachingTokenProvider, Credentials, RefreshPolicy, SharedTokenProvider, TokenScope, TokenStore,
};
use faceki_types::preflight::ImagePreflight;
use faceki_types::{Secret, TokenRequestVariant};
use http::HeaderValue;

use super::execute::{Engine, UserAgent};
use super::token::HttpTokenFetcher;
use super::{Client, Inner};
use crate::error::Error;
use crate::image::DEFAULT_MAX_IMAGE_BYTES;
use crate::retry::{RetryBudget, RetryPolicy};
use crate::transport::{DEFAULT_MAX_RESPONSE_BYTES, SharedTransport};

/// Faceki's production host.
pub const DEFAULT_BASE_URL: &str = "https://sdk.faceki.com";
/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time for one whole exchange: generous, because verifications upload several
/// images and run slow engines (the vendor's Android SDK allows 2 minutes).
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// Default time for one token request.
pub const DEFAULT_TOKEN_TIMEOUT: Duration = Duration::from_secs(30);
/// Environment variable of the base URL read by [`ClientBuilder::from_env`].
pub const BASE_URL_VAR: &str = "FACEKI_BASE_URL";

/// Configures a [`Client`].
///
/// | Setting | Default |
/// |---|---|
/// | base URL | `https://sdk.faceki.com` (HTTPS; plain HTTP only for loopback hosts) |
/// | token request | variant B, `POST /auth/api/generate-token` (JSON body); once to variant A on 404/405 |
/// | token store | none (per-process cache); see [`ClientBuilder::token_store`] |
/// | transport | [`ReqwestTransport`](crate::ReqwestTransport) (feature `reqwest`) |
/// | connect / request / token timeout | 10 s / 120 s / 30 s |
/// | retries | [`RetryPolicy::default`] (3 attempts, budget of 20 retries) |
/// | max response / image size | 16 MiB / 15 MiB |
/// | user agent | `faceki-rust/<version>` |
///
/// ```no_run
/// use std::time::Duration;
/// use faceki_http::{Client, RetryPolicy};
///
/// let client = Client::builder()
///     .base_url("https://sdk.faceki.com")
///     .credentials("my-client-id", "my-client-secret")
///     .request_timeout(Duration::from_secs(60))
///     .retry_policy(RetryPolicy::default().with_max_attempts(2))
///     .build()?;
/// # Ok::<(), faceki_http::Error>(())
/// ```
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    provider: Option<SharedTokenProvider>,
    variant: TokenRequestVariant,
    refresh_policy: Option<RefreshPolicy>,
    token_store: Option<Arc<dyn TokenStore>>,
    transport: Option<SharedTransport>,
    connect_timeout: Duration,
    request_timeout: Duration,
    token_timeout: Duration,
    retry: RetryPolicy,
    retry_budget: u32,
    max_response_bytes: u64,
    max_image_bytes: u64,
    preflight: Option<Arc<dyn ImagePreflight>>,
    user_agent_suffix: Option<String>,
    pdf_report_path: Option<String>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("provider", &self.provider)
            .field("variant", &self.variant)
            .field("token_store", &self.token_store)
            .field("transport", &self.transport)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("preflight", &self.preflight)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// A builder with every default.
    pub fn new() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            credentials: None,
            provider: None,
            variant: TokenRequestVariant::default(),
            refresh_policy: None,
            token_store: None,
            transport: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            token_timeout: DEFAULT_TOKEN_TIMEOUT,
            retry: RetryPolicy::default(),
            retry_budget: RetryBudget::DEFAULT_CAPACITY,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            max_image_bytes: DEFAULT_MAX_IMAGE_BYTES,
            preflight: None,
            user_agent_suffix: None,
            pdf_report_path: None,
        }
    }

    /// A builder with credentials from `FACEKI_CLIENT_ID` and `FACEKI_CLIENT_SECRET`
    /// and, when set, the base URL from `FACEKI_BASE_URL`.
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`ClientBuilder::from_env`], reading variables through `lookup` (for tests).
    pub fn from_lookup<F>(mut lookup: F) -> Result<Self, Error>
    where
        F: FnMut(&str) -> Option<String>,
    {
        let credentials = Credentials::from_lookup(&mut lookup).map_err(Error::from_auth)?;
        let mut builder = Self::new().credentials_value(credentials);
        if let Some(url) = lookup(BASE_URL_VAR).filter(|u| !u.trim().is_empty()) {
            builder = builder.base_url(url.trim());
        }
        Ok(builder)
    }

    /// The API's base URL, such as a development host or a local sandbox. HTTPS is
    /// required; plain HTTP is accepted only for loopback hosts (`localhost`,
    /// `127.0.0.0/8`, `::1`).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The client id and secret; the client then fetches and caches tokens itself.
    pub fn credentials(
        self,
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        self.credentials_value(Credentials::new(client_id, client_secret))
    }

    /// Credentials as a value (see [`Credentials::from_env`]).
    pub fn credentials_value(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Any token provider, used instead of credentials (a
    /// [`StaticTokenProvider`](faceki_auth::StaticTokenProvider), your own cache...).
    pub fn token_provider(mut self, provider: impl Into<SharedTokenProvider>) -> Self {
        self.provider = Some(provider.into());
        self
    }

    /// Which form of the token call to send (variant B, the JSON `POST`, by default).
    pub fn token_request_variant(mut self, variant: TokenRequestVariant) -> Self {
        self.variant = variant;
        self
    }

    /// Shares the token with other processes through `store` (with credentials
    /// only): for example `faceki_auth_redis::RedisTokenStore`, so a fleet fetches one
    /// token per lifetime instead of one per process. The client keeps its own copy
    /// in front, and fetches locally whenever the store fails (see
    /// [`CachingTokenProvider::with_store`]). The store's entries are keyed by this
    /// builder's base URL and the client id.
    pub fn token_store(self, store: impl TokenStore + 'static) -> Self {
        self.token_store_shared(Arc::new(store))
    }

    /// [`token_store`](Self::token_store) with a store that is already shared.
    pub fn token_store_shared(mut self, store: Arc<dyn TokenStore>) -> Self {
        self.token_store = Some(store);
        self
    }

    /// When cached tokens are refreshed (with credentials only).
    pub fn refresh_policy(mut self, policy: RefreshPolicy) -> Self {
        self.refresh_policy = Some(policy);
        self
    }

    /// The HTTP transport (by default a [`ReqwestTransport`](crate::ReqwestTransport)).
    pub fn transport(mut self, transport: impl Into<SharedTransport>) -> Self {
        self.transport = Some(transport.into());
        self
    }

    /// Time to establish a connection (default transport only).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time for one whole exchange, uploads included.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Time for one token request.
    pub fn token_timeout(mut self, timeout: Duration) -> Self {
        self.token_timeout = timeout;
        self
    }

    /// The retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The retry budget's capacity, shared by the client's clones (each retry costs
    /// [`RetryBudget::RETRY_COST`]).
    pub fn retry_budget(mut self, capacity: u32) -> Self {
        self.retry_budget = capacity;
        self
    }

    /// The largest response body accepted.
    pub fn max_response_bytes(mut self, max: u64) -> Self {
        self.max_response_bytes = max;
        self
    }

    /// The largest image accepted for upload (checked before sending).
    pub fn max_image_bytes(mut self, max: u64) -> Self {
        self.max_image_bytes = max;
        self
    }

    /// An image pre-flight run on every image of every upload before anything is
    /// sent: `faceki::preflight::Policy::Normalise` (send a smaller, cleaner image) or
    /// `Policy::Strict` (also refuse a selfie its checks say Faceki would refuse:
    /// nothing sent, nothing billed; see [`Error::preflight_refusal`]) from the
    /// `faceki-image` crate, or your own [`ImagePreflight`]. None by default: images are
    /// sent as they are.
    pub fn preflight(self, preflight: impl ImagePreflight + 'static) -> Self {
        self.preflight_shared(Arc::new(preflight))
    }

    /// [`preflight`](Self::preflight) with a pre-flight that is already shared.
    pub fn preflight_shared(mut self, preflight: Arc<dyn ImagePreflight>) -> Self {
        self.preflight = Some(preflight);
        self
    }

    /// Text appended to the `faceki-rust/<version>` user agent, such as your
    /// application's name.
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// The path of the V3 PDF report, which Faceki does not document, such as
    /// `/api/v3/kyc_verification/report/{requestId}` (see
    /// [`PdfReportPath`](faceki_types::request::PdfReportPath)).
    pub fn pdf_report_path(mut self, template: impl Into<String>) -> Self {
        self.pdf_report_path = Some(template.into());
        self
    }

    /// Checks the configuration and builds the client. Nothing is sent.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = validate_base_url(&self.base_url)?;
        let transport = match self.transport {
            Some(transport) => transport,
            None => default_transport(self.connect_timeout, base_url_is_loopback(&base_url))?,
        };
        const USER_AGENT: &str = concat!("faceki-rust/", env!("CARGO_PKG_VERSION"));
        let user_agent = match &self.user_agent_suffix {
            None => UserAgent::Static(USER_AGENT),
            Some(suffix) => {
                let text = format!("{USER_AGENT} {}", suffix.trim());
                HeaderValue::from_str(&text).map_err(|_| {
                    Error::config("the user agent suffix is not a valid header value")
                })?;
                UserAgent::Owned(text.into())
            }
        };
        let pdf_report_path = self
            .pdf_report_path
            .map(faceki_types::request::PdfReportPath::new)
            .transpose()
            .map_err(|e| Error::config(format!("PDF report path: {e}")))?;
        let engine = Arc::new(Engine {
            base_url,
            transport,
            user_agent,
            request_timeout: self.request_timeout,
            retry: self.retry,
            budget: RetryBudget::new(self.retry_budget),
            max_response_bytes: self.max_response_bytes,
        });
        let tokens = match (self.provider, self.credentials) {
            (Some(provider), _) => Some(provider),
            (None, Some(credentials)) => {
                let credentials_id = credentials.client_id().to_owned();
                let fetcher = HttpTokenFetcher::new(Arc::clone(&engine), self.token_timeout);
                let mut provider =
                    CachingTokenProvider::new(credentials, fetcher).with_variant(self.variant);
                if let Some(policy) = self.refresh_policy {
                    provider = provider.with_policy(policy);
                }
                if let Some(store) = self.token_store {
                    let scope = TokenScope::new(engine.base_url.clone(), credentials_id);
                    provider = provider.with_store(store, scope);
                }
                Some(SharedTokenProvider::new(provider))
            }
            (None, None) => None,
        };
        Ok(Client {
            inner: Arc::new(Inner {
                engine,
                tokens,
                max_image_bytes: self.max_image_bytes,
                preflight: self.preflight,
                pdf_report_path,
                fixed: Default::default(),
            }),
        })
    }

    /// Checks the configuration and builds a [`blocking::Client`](crate::blocking::Client)
    /// (feature `blocking`), which starts its runtime thread. Nothing is sent.
    #[cfg(feature = "blocking")]
    pub fn build_blocking(self) -> Result<crate::blocking::Client, Error> {
        self.build_blocking_client()
    }
}

/// The reqwest transport. For a loopback base URL (a sandbox) it ignores
/// `HTTP_PROXY`/`HTTPS_PROXY`/`ALL_PROXY`: a proxy cannot reach this machine's
/// loopback interface, and a local sandbox must work behind one.
#[cfg(feature = "reqwest")]
fn default_transport(connect_timeout: Duration, loopback: bool) -> Result<SharedTransport, Error> {
    crate::reqwest_transport::ReqwestTransport::configured(connect_timeout, !loopback)
        .map(SharedTransport::from)
        .map_err(|e| Error::config(format!("cannot create the HTTP transport: {e}")))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport(
    _connect_timeout: Duration,
    _loopback: bool,
) -> Result<SharedTransport, Error> {
    Err(Error::config(
        "no transport: enable the `reqwest` feature or pass one with `ClientBuilder::transport`",
    ))
}

/// Checks the base URL and returns it without a trailing slash.
pub(crate) fn validate_base_url(url: &str) -> Result<String, Error> {
    let uri: http::Uri = url
        .trim()
        .parse()
        .map_err(|_| Error::config("the base URL is not a valid URL"))?;
    let Some(host) = uri.host() else {
        return Err(Error::config("the base URL has no host"));
    };
    if uri.query().is_some() || url.contains('#') {
        return Err(Error::config(
            "the base URL must not have a query or fragment",
        ));
    }
    match uri.scheme_str() {
        Some("https") => {}
        Some("http") if is_loopback(host) => {}
        Some("http") => {
            return Err(Error::config(
                "the base URL must use HTTPS (plain HTTP is accepted only for loopback hosts \
                 such as 127.0.0.1, ::1 or localhost)",
            ));
        }
        _ => return Err(Error::config("the base URL must start with https://")),
    }
    Ok(url.trim().trim_end_matches('/').to_owned())
}

/// Whether a validated base URL points at this machine.
fn base_url_is_loopback(url: &str) -> bool {
    url.parse::<http::Uri>()
        .ok()
        .and_then(|uri| uri.host().map(is_loopback))
        .unwrap_or(false)
}

fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_base_urls_are_recognised() {
        for yes in [
            "http://127.0.0.1:8080",
            "http://127.1.2.3/x",
            "http://localhost",
            "http://[::1]:3000",
        ] {
            assert!(base_url_is_loopback(yes), "{yes}");
        }
        for no in [
            "https://sdk.faceki.com",
            "http://localhost.evil.com",
            "http://10.0.0.1",
            "http://[::2]",
        ] {
            assert!(!base_url_is_loopback(no), "{no}");
        }
    }

    #[test]
    fn base_urls_need_https_except_on_loopback() {
        assert_eq!(
            validate_base_url("https://sdk.faceki.com/").unwrap(),
            "https://sdk.faceki.com"
        );
        for ok in [
            "http://127.0.0.1:8080",
            "http://127.9.9.9",
            "http://[::1]:3000",
            "http://localhost:1234/prefix",
            "https://apidev.example.org/base/",
        ] {
            assert!(validate_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://sdk.faceki.com",
            "http://10.0.0.1",
            "http://localhost.evil.com",
            "ftp://sdk.faceki.com",
            "sdk.faceki.com",
            "https://sdk.faceki.com/?x=1",
            "",
        ] {
            let err = validate_base_url(bad).unwrap_err();
            assert!(err.is_config(), "{bad}: {err}");
        }
        let err = validate_base_url("http://sdk.faceki.com").unwrap_err();
        assert!(err.to_string().contains("HTTPS"), "{err}");
    }
}
