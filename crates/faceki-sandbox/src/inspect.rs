//! Inspection for tests: request counts per route and the shape of the last request
//! (method, path, query keys, multipart part names, file names, content types, sizes).
//!
//! Only shapes are kept, never values: no credential, token or image byte is stored.

use std::collections::HashMap;

use faceki_types::Endpoint;

/// One multipart part as the sandbox received it (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PartInfo {
    /// The part's field name.
    pub name: String,
    /// The part's file name, if it had one.
    pub file_name: Option<String>,
    /// The part's content type, if it had one.
    pub content_type: Option<String>,
    /// The part's size in bytes.
    pub size: usize,
}

/// The shape of one request as the sandbox received it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestInfo {
    /// The endpoint the path belongs to; `None` for unknown paths.
    pub endpoint: Option<Endpoint>,
    /// `GET` or `POST` (or whatever was sent).
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query parameter names, in order (values are not kept).
    pub query_keys: Vec<String>,
    /// Whether an `Authorization: Bearer …` header was present.
    pub bearer: bool,
    /// The multipart parts, once the route has parsed them (empty otherwise).
    pub parts: Vec<PartInfo>,
}

/// Counters and last requests, behind the sandbox's lock.
#[derive(Debug, Default)]
pub(crate) struct Inspection {
    total: u64,
    per_endpoint: HashMap<Endpoint, u64>,
    last: Option<RequestInfo>,
    last_per_endpoint: HashMap<Endpoint, RequestInfo>,
}

impl Inspection {
    pub(crate) fn record(&mut self, info: RequestInfo) {
        self.total += 1;
        if let Some(e) = info.endpoint {
            *self.per_endpoint.entry(e).or_default() += 1;
            self.last_per_endpoint.insert(e, info.clone());
        }
        self.last = Some(info);
    }

    /// Attaches the parsed parts to the last request of `endpoint`.
    pub(crate) fn set_parts(&mut self, endpoint: Endpoint, parts: Vec<PartInfo>) {
        if let Some(last) = self.last.as_mut().filter(|l| l.endpoint == Some(endpoint)) {
            last.parts = parts.clone();
        }
        if let Some(last) = self.last_per_endpoint.get_mut(&endpoint) {
            last.parts = parts;
        }
    }

    pub(crate) fn total(&self) -> u64 {
        self.total
    }

    pub(crate) fn count(&self, endpoint: Endpoint) -> u64 {
        self.per_endpoint.get(&endpoint).copied().unwrap_or(0)
    }

    pub(crate) fn last(&self) -> Option<RequestInfo> {
        self.last.clone()
    }

    pub(crate) fn last_to(&self, endpoint: Endpoint) -> Option<RequestInfo> {
        self.last_per_endpoint.get(&endpoint).cloned()
    }

    pub(crate) fn as_json(&self) -> serde_json::Value {
        let counts: serde_json::Map<String, serde_json::Value> = self
            .per_endpoint
            .iter()
            .map(|(e, n)| (e.name().to_owned(), (*n).into()))
            .collect();
        serde_json::json!({
            "total": self.total,
            "tokenRequests": self.count(Endpoint::AccessToken) + self.count(Endpoint::GenerateToken),
            "perEndpoint": counts,
            "last": self.last.as_ref().map(request_json),
        })
    }
}

fn request_json(r: &RequestInfo) -> serde_json::Value {
    serde_json::json!({
        "endpoint": r.endpoint.map(Endpoint::name),
        "method": r.method,
        "path": r.path,
        "queryKeys": r.query_keys,
        "bearer": r.bearer,
        "parts": r.parts.iter().map(|p| serde_json::json!({
            "name": p.name, "fileName": p.file_name, "contentType": p.content_type, "size": p.size,
        })).collect::<Vec<_>>(),
    })
}
