//! A fake in-memory transport that records every request (body drained chunk by
//! chunk) and answers from a script; token calls are answered automatically.
#![allow(dead_code, unreachable_pub)]

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use faceki_http::transport::{HttpRequest, HttpResponse, RequestBody, Transport, TransportError};
use futures_util::StreamExt;
use http::HeaderMap;

/// One recorded request.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: http::Method,
    pub url: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub max_chunk: usize,
}

impl Recorded {
    pub fn path_and_query(&self) -> &str {
        let after_scheme = self.url.split_once("://").map_or(&*self.url, |(_, r)| r);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    pub fn path(&self) -> &str {
        let pq = self.path_and_query();
        pq.split('?').next().unwrap_or(pq)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn is_token(&self) -> bool {
        self.path().starts_with("/auth/api/")
    }
}

type ReplyFn = Box<dyn FnOnce() -> Result<HttpResponse, TransportError> + Send>;

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    script: VecDeque<ReplyFn>,
    tokens: u32,
}

/// The fake transport. Clones share state.
#[derive(Clone, Default)]
pub struct Fake {
    state: Arc<Mutex<State>>,
}

impl std::fmt::Debug for Fake {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fake")
    }
}

impl Fake {
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a JSON answer for the next non-token request.
    pub fn reply(&self, status: u16, body: &str) -> &Self {
        let body = body.to_owned();
        self.reply_with(move || Ok(HttpResponse::json(status, body)))
    }

    /// Queues any answer for the next non-token request.
    pub fn reply_with(
        &self,
        f: impl FnOnce() -> Result<HttpResponse, TransportError> + Send + 'static,
    ) -> &Self {
        self.state.lock().unwrap().script.push_back(Box::new(f));
        self
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn api_requests(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| !r.is_token())
            .collect()
    }

    pub fn token_requests(&self) -> usize {
        self.requests().iter().filter(|r| r.is_token()).count()
    }

    pub fn last(&self) -> Recorded {
        self.api_requests().pop().expect("no request was sent")
    }
}

#[async_trait::async_trait]
impl Transport for Fake {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut body = Vec::new();
        let mut max_chunk = 0;
        let declared = request.body.len();
        match request.body {
            RequestBody::Empty => {}
            RequestBody::Bytes(bytes) => {
                max_chunk = bytes.len();
                body.extend_from_slice(&bytes);
            }
            RequestBody::Stream(mut stream) => {
                while let Some(chunk) = stream.next().await {
                    let chunk = chunk.map_err(|e| TransportError::io(e.to_string()))?;
                    max_chunk = max_chunk.max(chunk.len());
                    body.extend_from_slice(&chunk);
                }
            }
            _ => panic!("unknown body kind"),
        }
        assert_eq!(
            body.len() as u64,
            declared,
            "body length differs from its declared length"
        );
        let recorded = Recorded {
            method: request.method,
            url: request.url,
            headers: request.headers,
            body,
            max_chunk,
        };
        let is_token = recorded.is_token();
        let mut state = self.state.lock().unwrap();
        state.requests.push(recorded);
        if is_token {
            state.tokens += 1;
            let n = state.tokens;
            return Ok(HttpResponse::json(
                200,
                format!(
                    r#"{{"responseCode":0,"data":{{"access_token":"tok-{n}","expires_in":3600,"token_type":"Bearer"}}}}"#
                ),
            ));
        }
        match state.script.pop_front() {
            Some(reply) => {
                drop(state);
                reply()
            }
            None => Ok(HttpResponse::json(200, r#"{"responseCode":0,"data":{}}"#)),
        }
    }
}

/// One parsed multipart part.
#[derive(Debug, Clone, PartialEq)]
pub struct PartInfo {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// A small multipart/form-data parser for assertions.
pub fn parse_multipart(content_type: &str, body: &[u8]) -> Vec<PartInfo> {
    let boundary = content_type
        .split("boundary=")
        .nth(1)
        .expect("no boundary")
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let text = body;
    let mut parts = Vec::new();
    let positions: Vec<usize> = find_all(text, delimiter.as_bytes());
    assert!(positions.len() >= 2, "no parts");
    for pair in positions.windows(2) {
        let start = pair[0] + delimiter.len() + 2; // skip delimiter and CRLF
        let end = pair[1] - 2; // strip the CRLF before the next delimiter
        let chunk = &text[start..end];
        let split = find_all(chunk, b"\r\n\r\n")[0];
        let head = std::str::from_utf8(&chunk[..split]).unwrap();
        let data = chunk[split + 4..].to_vec();
        let mut info = PartInfo {
            name: String::new(),
            file_name: None,
            content_type: None,
            data,
        };
        for line in head.split("\r\n") {
            if let Some(rest) = line.strip_prefix("Content-Disposition: form-data; ") {
                for attr in rest.split("; ") {
                    if let Some(v) = attr.strip_prefix("name=") {
                        info.name = v.trim_matches('"').to_owned();
                    } else if let Some(v) = attr.strip_prefix("filename=") {
                        info.file_name = Some(v.trim_matches('"').to_owned());
                    }
                }
            } else if let Some(v) = line.strip_prefix("Content-Type: ") {
                info.content_type = Some(v.to_owned());
            }
        }
        parts.push(info);
    }
    let last = *positions.last().unwrap();
    assert_eq!(&text[last..], format!("{delimiter}--\r\n").as_bytes());
    parts
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        if &haystack[i..i + needle.len()] == needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

pub const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F', 0, 1];
pub const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

/// A client over `fake` with test credentials.
pub fn client(fake: &Fake) -> faceki_http::Client {
    faceki_http::Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("test-client-id", "test-client-secret-XYZ")
        .transport(fake.clone())
        .retry_policy(faceki_http::RetryPolicy::default().with_backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(5),
        ))
        .build()
        .unwrap()
}
