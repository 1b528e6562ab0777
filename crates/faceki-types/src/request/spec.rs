//! [`RequestSpec`] and its parts: a transport-neutral description of one HTTP request.

use std::borrow::Cow;
use std::fmt;

use crate::endpoint::{Endpoint, Method};

/// How the request authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Auth {
    /// No `Authorization` header (token calls and the link flow).
    None,
    /// `Authorization: Bearer <access token>`, added by the client.
    Bearer,
}

/// One query parameter, stored decoded; [`RequestSpec::path_and_query`] encodes it.
#[derive(Clone, PartialEq, Eq)]
pub struct QueryParam {
    /// The parameter name.
    pub name: &'static str,
    /// The decoded value.
    pub value: String,
    /// Whether the value is a secret (the client secret of token variant A); `Debug`
    /// prints `[redacted]` for it.
    pub sensitive: bool,
}

impl fmt::Debug for QueryParam {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sensitive {
            write!(f, "{}=[redacted]", self.name)
        } else {
            write!(f, "{}={:?}", self.name, self.value)
        }
    }
}

/// One request header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Lower-case header name.
    pub name: &'static str,
    /// The header value; never secret (the bearer token is added by the client).
    pub value: String,
}

/// A JSON body, already serialized.
#[derive(Clone, PartialEq, Eq)]
pub struct JsonBody {
    /// The serialized JSON.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for JsonBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bodies may hold the client secret or personal data: only their size is shown.
        write!(f, "JsonBody({} bytes)", self.bytes.len())
    }
}

/// One multipart part. File parts refer to their content through `S`.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Part<S> {
    /// A text field such as `workflowId` or `link`.
    Text {
        /// The exact field name.
        name: &'static str,
        /// The value.
        value: String,
    },
    /// An image.
    File {
        /// The exact field name, such as `selfie_image` or `document_1_front`.
        name: &'static str,
        /// The file name sent in `Content-Disposition` (already sanitized).
        file_name: String,
        /// The MIME type, such as `image/jpeg`.
        content_type: &'static str,
        /// The exact length in bytes of the content.
        len: u64,
        /// Where the content comes from.
        source: S,
    },
}

impl<S> Part<S> {
    /// The part's field name.
    pub fn name(&self) -> &'static str {
        match self {
            Part::Text { name, .. } | Part::File { name, .. } => name,
        }
    }
}

impl<S> fmt::Debug for Part<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Part::Text { name, value } => f
                .debug_struct("Text")
                .field("name", name)
                .field("len", &value.len())
                .finish(),
            // The file name may name the person (`ana-passport.jpg`): it is left out.
            Part::File {
                name,
                content_type,
                len,
                ..
            } => f
                .debug_struct("File")
                .field("name", name)
                .field("content_type", content_type)
                .field("len", len)
                .finish_non_exhaustive(),
        }
    }
}

/// The body of a request.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Body<S> {
    /// No body.
    Empty,
    /// `application/json`.
    Json(JsonBody),
    /// `multipart/form-data`, as an ordered list of parts.
    Multipart(Vec<Part<S>>),
}

impl<S> fmt::Debug for Body<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Body::Empty => f.write_str("Empty"),
            Body::Json(json) => json.fmt(f),
            Body::Multipart(parts) => f.debug_tuple("Multipart").field(parts).finish(),
        }
    }
}

/// A transport-neutral description of one request.
///
/// `S` is the image source type of multipart bodies; calls without images use the
/// default `()`.
///
/// ```
/// use faceki_types::{Endpoint, Method, Secret, TokenRequestVariant, token_request};
///
/// let spec = token_request(TokenRequestVariant::QueryGet, "my-id", &Secret::new("p&ss word")).unwrap();
/// assert_eq!(spec.endpoint(), Endpoint::AccessToken);
/// assert_eq!(spec.method(), Method::Get);
/// assert_eq!(spec.path_and_query(), "/auth/api/access-token?clientId=my-id&clientSecret=p%26ss+word");
/// assert!(!format!("{spec:?}").contains("p&ss"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RequestSpec<S = ()> {
    endpoint: Endpoint,
    path: Cow<'static, str>,
    query: Vec<QueryParam>,
    headers: Vec<Header>,
    body: Body<S>,
}

impl<S> RequestSpec<S> {
    /// A request for an endpoint with a documented path, no query and no body.
    ///
    /// # Panics
    /// Never for endpoints with a documented path; the PDF report, whose path is
    /// configured, is built with [`RequestSpec::with_path`].
    pub(crate) fn new(endpoint: Endpoint) -> Self {
        Self::with_path(endpoint, Cow::Borrowed(endpoint.path().unwrap_or("/")))
    }

    /// A request whose path was chosen by the caller (already validated).
    pub(crate) fn with_path(endpoint: Endpoint, path: Cow<'static, str>) -> Self {
        Self {
            endpoint,
            path,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    pub(crate) fn query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push(QueryParam {
            name,
            value: value.into(),
            sensitive: false,
        });
        self
    }

    pub(crate) fn secret_query(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push(QueryParam {
            name,
            value: value.into(),
            sensitive: true,
        });
        self
    }

    pub(crate) fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push(Header {
            name,
            value: value.into(),
        });
        self
    }

    pub(crate) fn body(mut self, body: Body<S>) -> Self {
        self.body = body;
        self
    }

    /// The endpoint being called.
    pub fn endpoint(&self) -> Endpoint {
        self.endpoint
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.endpoint.method()
    }

    /// How the request authenticates.
    pub fn auth(&self) -> Auth {
        if self.endpoint.requires_auth() {
            Auth::Bearer
        } else {
            Auth::None
        }
    }

    /// The path, starting with `/`, without the query.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters, decoded, in order.
    pub fn query_params(&self) -> &[QueryParam] {
        &self.query
    }

    /// The headers to send besides `Authorization` and `User-Agent`, which the client
    /// adds. A JSON body's `content-type` is listed here; a multipart body's comes from
    /// [`Multipart::content_type`](super::Multipart::content_type), with its boundary.
    pub fn headers(&self) -> &[Header] {
        &self.headers
    }

    /// The body.
    pub fn body_ref(&self) -> &Body<S> {
        &self.body
    }

    /// Takes the body out, for a transport that consumes it.
    pub fn into_body(self) -> Body<S> {
        self.body
    }

    /// The path followed by the `application/x-www-form-urlencoded` query, ready to be
    /// appended to the base URL. Contains the client secret for token variant A: never
    /// log it.
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            return self.path.to_string();
        }
        let mut ser = form_urlencoded::Serializer::new(String::new());
        for q in &self.query {
            ser.append_pair(q.name, &q.value);
        }
        format!("{}?{}", self.path, ser.finish())
    }

    /// Whether the request carries a secret in its query or body (the token call):
    /// such a request's URL must never reach an error message or a log.
    pub fn carries_secret(&self) -> bool {
        self.endpoint.is_token()
    }
}

impl<S> fmt::Debug for RequestSpec<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestSpec")
            .field("endpoint", &self.endpoint)
            .field("method", &self.method())
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("body", &self.body)
            .finish()
    }
}
