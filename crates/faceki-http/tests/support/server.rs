//! A tiny scripted HTTP server on 127.0.0.1 for tests over the real reqwest
//! transport: token calls are answered automatically; other calls get the next
//! scripted answer (status, headers, body, delay).
#![allow(dead_code, unreachable_pub)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::Response;

pub const CLIENT_ID: &str = "fault-client-id";
pub const CLIENT_SECRET: &str = "fault-secret-S3CR3T";

/// A scripted answer.
#[derive(Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Answer {
    pub fn json(status: u16, body: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.to_owned(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// What the server saw.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub authorization: Option<String>,
    pub body_len: usize,
    pub at: tokio::time::Instant,
}

#[derive(Default)]
struct Inner {
    script: VecDeque<Answer>,
    seen: Vec<Seen>,
    tokens: u32,
}

#[derive(Clone, Default)]
pub struct Server {
    inner: Arc<Mutex<Inner>>,
    pub addr: Option<SocketAddr>,
}

impl Server {
    pub async fn start() -> Self {
        let mut server = Self::default();
        let app = Router::new().fallback(handle).with_state(server.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        server.addr = Some(listener.local_addr().unwrap());
        tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        server
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr.unwrap())
    }

    pub fn push(&self, answer: Answer) -> &Self {
        self.inner.lock().unwrap().script.push_back(answer);
        self
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.inner.lock().unwrap().seen.clone()
    }

    pub fn api_calls(&self) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| !s.path.starts_with("/auth/"))
            .collect()
    }

    pub fn token_calls(&self) -> usize {
        self.seen()
            .iter()
            .filter(|s| s.path.starts_with("/auth/"))
            .count()
    }
}

async fn handle(State(server): State<Server>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or("").to_owned();
    let authorization = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = axum::body::to_bytes(request.into_body(), 64 * 1024 * 1024)
        .await
        .unwrap_or_default();
    let answer = {
        let mut inner = server.inner.lock().unwrap();
        inner.seen.push(Seen {
            method,
            path: path.clone(),
            authorization,
            body_len: body.len(),
            at: tokio::time::Instant::now(),
        });
        if path.starts_with("/auth/") {
            let expected = format!("clientId={CLIENT_ID}&clientSecret={CLIENT_SECRET}");
            let json = serde_json::from_slice::<serde_json::Value>(&body).ok();
            let json_ok = json
                .as_ref()
                .is_some_and(|v| v["clientId"] == CLIENT_ID && v["clientSecret"] == CLIENT_SECRET);
            if query != expected && !json_ok {
                Answer::json(
                    422,
                    r#"{"status":false,"message":"client id is required","statusCode":422,"data":{}}"#,
                )
            } else {
                inner.tokens += 1;
                Answer::json(
                    200,
                    &format!(
                        r#"{{"responseCode":0,"data":{{"access_token":"srv-token-{}","expires_in":3600,"token_type":"Bearer"}}}}"#,
                        inner.tokens
                    ),
                )
            }
        } else {
            inner
                .script
                .pop_front()
                .unwrap_or_else(|| Answer::json(200, r#"{"responseCode":0,"data":{}}"#))
        }
    };
    if !answer.delay.is_zero() {
        tokio::time::sleep(answer.delay).await;
    }
    let mut response = Response::builder().status(answer.status);
    for (name, value) in &answer.headers {
        response = response.header(*name, value);
    }
    response.body(Body::from(answer.body)).unwrap()
}
