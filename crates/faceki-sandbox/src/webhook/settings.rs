//! [`WebhookSettings`] and [`WebhookMethod`]: how callbacks are sent, the way Faceki's
//! portal configures them (URL, method, static custom headers), plus two sandbox-only
//! switches (every event twice, AML-monitoring updates). Checked when the sandbox starts.

use std::fmt;
use std::io;

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use faceki_types::Secret;

/// Headers the sandbox sets itself (or the HTTP layer owns): configuring them is refused.
fn is_reserved(name: &HeaderName) -> bool {
    [
        header::CONTENT_TYPE,
        header::CONTENT_LENGTH,
        header::TRANSFER_ENCODING,
        header::CONNECTION,
        header::HOST,
    ]
    .contains(name)
}

/// The HTTP method of webhook callbacks: the two Faceki's portal offers.
///
/// A small enum rather than `http::Method`, so that only what the portal can configure
/// is expressible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum WebhookMethod {
    /// `POST` (the default).
    #[default]
    Post,
    /// `PUT`.
    Put,
}

impl WebhookMethod {
    /// The method's name on the wire: `"POST"` or `"PUT"`.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookMethod::Post => "POST",
            WebhookMethod::Put => "PUT",
        }
    }

    pub(crate) fn to_http(self) -> Method {
        match self {
            WebhookMethod::Post => Method::POST,
            WebhookMethod::Put => Method::PUT,
        }
    }
}

impl fmt::Display for WebhookMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where and how the sandbox sends webhooks; give it to
/// [`SandboxBuilder::webhook`](crate::SandboxBuilder::webhook).
///
/// Faceki webhooks are not signed: the customer configures a URL, the method and static
/// custom headers (typically `Authorization: <a shared secret>`) in the portal. Header
/// values are treated as secrets: `Debug` shows their names only. Names and values are
/// checked when the sandbox starts ([`start`](crate::SandboxBuilder::start) fails with
/// `InvalidInput`, naming the header but never showing its value).
///
/// ```
/// use faceki_sandbox::{WebhookMethod, WebhookSettings};
///
/// let settings = WebhookSettings::new("http://127.0.0.1:9000/hook")
///     .method(WebhookMethod::Put)
///     .header("Authorization", "my-shared-secret")
///     .deliver_twice(true)
///     .aml_updates(true);
/// assert!(!format!("{settings:?}").contains("my-shared-secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookSettings {
    url: String,
    method: WebhookMethod,
    headers: Vec<(String, Secret)>,
    deliver_twice: bool,
    aml_updates: bool,
}

impl WebhookSettings {
    /// Callbacks to `url`, sent with `POST`, no custom header, each event once, no AML
    /// updates.
    pub fn new(url: impl Into<String>) -> Self {
        WebhookSettings {
            url: url.into(),
            method: WebhookMethod::Post,
            headers: Vec::new(),
            deliver_twice: false,
            aml_updates: false,
        }
    }

    /// The HTTP method (default [`WebhookMethod::Post`]).
    pub fn method(mut self, method: WebhookMethod) -> Self {
        self.method = method;
        self
    }

    /// Adds a static header sent with every callback. May be called any number of times;
    /// a repeated name sends every value. The value is never shown by `Debug`.
    /// `Content-Type` (always `application/json`), `Content-Length`,
    /// `Transfer-Encoding`, `Connection` and `Host` are refused at start.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), Secret::new(value.into())));
        self
    }

    /// When true, every event is sent twice with identical bytes (the second attempt is
    /// recorded with [`Delivery::duplicate`](crate::Delivery::duplicate) set), to
    /// exercise a receiver's dedupe: Faceki documents no event id and no retry policy.
    pub fn deliver_twice(mut self, twice: bool) -> Self {
        self.deliver_twice = twice;
        self
    }

    /// When true, each "EKYC completed" event is followed by an AML-monitoring update
    /// of an illustrative shape (Faceki does not document it; see `docs/sandbox.md`).
    pub fn aml_updates(mut self, enabled: bool) -> Self {
        self.aml_updates = enabled;
        self
    }

    /// Checks the headers and fixes the settings for a running sandbox.
    pub(crate) fn prepare(&self) -> io::Result<WebhookConfig> {
        let mut headers = HeaderMap::new();
        for (name, value) in &self.headers {
            let (name, value) = checked_header(name, value)?;
            headers.append(name, value);
        }
        Ok(WebhookConfig {
            url: Some(self.url.clone()),
            method: self.method,
            headers,
            deliver_twice: self.deliver_twice,
            aml_updates: self.aml_updates,
        })
    }
}

impl fmt::Debug for WebhookSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<_> = self
            .headers
            .iter()
            .map(|(name, _)| (name.as_str(), "[redacted]"))
            .collect();
        f.debug_struct("WebhookSettings")
            .field("url", &self.url)
            .field("method", &self.method)
            .field("headers", &headers)
            .field("deliver_twice", &self.deliver_twice)
            .field("aml_updates", &self.aml_updates)
            .finish()
    }
}

/// A validated header; errors name the header and never show the value.
fn checked_header(name: &str, value: &Secret) -> io::Result<(HeaderName, HeaderValue)> {
    let refuse = |why: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("webhook header {name:?}: {why}"),
        )
    };
    let parsed =
        HeaderName::from_bytes(name.as_bytes()).map_err(|_| refuse("invalid header name"))?;
    if is_reserved(&parsed) {
        return Err(refuse("set by the sandbox, cannot be configured"));
    }
    let mut value = HeaderValue::from_str(value.expose_secret())
        .map_err(|_| refuse("invalid header value (not shown)"))?;
    value.set_sensitive(true);
    Ok((parsed, value))
}

/// The settings of a running sandbox: validated headers, and no URL when none is
/// configured (a workflow's callback URL may still apply). `Debug` shows header names only.
#[derive(Clone, Default)]
pub(crate) struct WebhookConfig {
    pub(crate) url: Option<String>,
    pub(crate) method: WebhookMethod,
    pub(crate) headers: HeaderMap,
    pub(crate) deliver_twice: bool,
    pub(crate) aml_updates: bool,
}

impl WebhookConfig {
    /// The configured header names, in order, each once.
    pub(crate) fn header_names(&self) -> Vec<String> {
        self.headers.keys().map(|k| k.as_str().to_owned()).collect()
    }
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("url", &self.url)
            .field("method", &self.method)
            .field("header_names", &self.header_names())
            .field("deliver_twice", &self.deliver_twice)
            .field("aml_updates", &self.aml_updates)
            .finish()
    }
}
