//! Fault injection: latency, canned statuses, dropped connections, truncated bodies,
//! slow bodies and rate limiting, per route and for the next N requests.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use faceki_types::Endpoint;
use hyper::body::Frame;
use tokio::sync::Notify;

/// A transport-level misbehaviour the sandbox can show a client.
///
/// ```
/// use std::time::Duration;
/// use faceki_sandbox::Fault;
///
/// let slow = Fault::latency(Duration::from_millis(300));
/// let gateway = Fault::bad_gateway_html();
/// let limited = Fault::rate_limited(7);
/// let trickle = Fault::slow_body(Duration::from_millis(500));
/// # let _ = (slow, gateway, limited, trickle, Fault::drop_connection(), Fault::truncated_body());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// Answer with this HTTP status, content type and body, whatever the request.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The `Content-Type` header.
        content_type: String,
        /// The body bytes.
        body: Vec<u8>,
    },
    /// Close the connection without sending any response.
    Drop,
    /// Send headers with a `Content-Length` larger than the bytes that follow, then
    /// close the connection.
    Truncate,
    /// Answer normally, with headers and an exact `Content-Length` at once, but send
    /// the body in [`SLOW_BODY_PIECES`] pieces, one after each equal pause, so that the
    /// last byte arrives this long after the headers.
    SlowBody(Duration),
    /// HTTP 429 with a `Retry-After` header (seconds) and a small JSON body.
    RateLimit {
        /// The `Retry-After` value in seconds.
        retry_after: u64,
    },
}

impl Fault {
    /// [`Fault::Latency`].
    pub fn latency(delay: Duration) -> Self {
        Fault::Latency(delay)
    }

    /// [`Fault::Status`] with any status, content type and body.
    pub fn status(status: u16, content_type: impl Into<String>, body: impl Into<Vec<u8>>) -> Self {
        Fault::Status {
            status,
            content_type: content_type.into(),
            body: body.into(),
        }
    }

    /// A 502 with an HTML page, as a load balancer in front of the API would send.
    pub fn bad_gateway_html() -> Self {
        Fault::status(
            502,
            "text/html; charset=utf-8",
            "<html><head><title>502 Bad Gateway</title></head>\
             <body><h1>502 Bad Gateway</h1></body></html>",
        )
    }

    /// [`Fault::Drop`].
    pub fn drop_connection() -> Self {
        Fault::Drop
    }

    /// [`Fault::Truncate`].
    pub fn truncated_body() -> Self {
        Fault::Truncate
    }

    /// [`Fault::SlowBody`]: the body trickles in over `over`.
    pub fn slow_body(over: Duration) -> Self {
        Fault::SlowBody(over)
    }

    /// [`Fault::RateLimit`].
    pub fn rate_limited(retry_after_secs: u64) -> Self {
        Fault::RateLimit {
            retry_after: retry_after_secs,
        }
    }
}

/// Which requests a fault or scenario applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// Every route (the admin routes under `/__sandbox/` excepted).
    Any,
    /// One endpoint, under every path spelling it has.
    Endpoint(Endpoint),
}

impl From<Endpoint> for Target {
    fn from(e: Endpoint) -> Self {
        Target::Endpoint(e)
    }
}

impl Target {
    fn matches(self, endpoint: Option<Endpoint>) -> bool {
        match self {
            Target::Any => true,
            Target::Endpoint(e) => endpoint == Some(e),
        }
    }
}

/// A queued fault and how many more requests it hits.
#[derive(Debug)]
pub(crate) struct FaultRule {
    pub(crate) target: Target,
    pub(crate) fault: Fault,
    pub(crate) remaining: u32,
}

/// Takes the first fault that applies to a request, counting it down.
pub(crate) fn take(rules: &mut Vec<FaultRule>, endpoint: Option<Endpoint>) -> Option<Fault> {
    let i = rules
        .iter()
        .position(|r| r.remaining > 0 && r.target.matches(endpoint))?;
    let rule = &mut rules[i];
    rule.remaining -= 1;
    let fault = rule.fault.clone();
    if rule.remaining == 0 {
        rules.remove(i);
    }
    Some(fault)
}

/// Lets a handler ask the connection task to close the socket without answering.
#[derive(Debug, Clone, Default)]
pub(crate) struct ConnControl {
    pub(crate) abort: Arc<Notify>,
}

/// Builds the response of a fault that answers (everything but latency and drop).
pub(crate) fn respond(fault: &Fault) -> Response {
    match fault {
        Fault::Status {
            status,
            content_type,
            body,
        } => {
            let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::BAD_GATEWAY);
            let mut res = (status, body.clone()).into_response();
            if let Ok(v) = HeaderValue::from_str(content_type) {
                res.headers_mut().insert(header::CONTENT_TYPE, v);
            }
            res
        }
        Fault::RateLimit { retry_after } => {
            let mut res = (
                StatusCode::TOO_MANY_REQUESTS,
                axum::Json(serde_json::json!({
                    "status": false, "code": 429, "message": "TOO_MANY_REQUESTS"
                })),
            )
                .into_response();
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            res
        }
        Fault::Truncate => truncated(),
        Fault::Latency(_) | Fault::Drop | Fault::SlowBody(_) => {
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

const TRUNCATED_PREFIX: &[u8] = br#"{"responseCode":0,"data":{"requestId":"#;

fn truncated() -> Response {
    let mut res = Response::new(Body::new(Truncated {
        sent: false,
        pause: Box::pin(tokio::time::sleep(Duration::from_millis(50))),
    }));
    let declared = TRUNCATED_PREFIX.len() * 4;
    res.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(declared));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// A body that yields a prefix, pauses (so the server flushes headers and prefix),
/// then fails so the server closes the connection.
struct Truncated {
    sent: bool,
    pause: Pin<Box<tokio::time::Sleep>>,
}

impl hyper::body::Body for Truncated {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if self.sent {
            std::task::ready!(self.pause.as_mut().poll(cx));
            Poll::Ready(Some(Err(std::io::Error::other("sandbox: truncated body"))))
        } else {
            self.sent = true;
            Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(TRUNCATED_PREFIX)))))
        }
    }
}

/// How many pieces a [`Fault::SlowBody`] body is cut into.
pub const SLOW_BODY_PIECES: usize = 10;

/// Re-sends a normal answer's body slowly ([`Fault::SlowBody`]). The body is read
/// whole first (the sandbox's answers are small JSON documents or a one-page PDF).
pub(crate) async fn slow(res: Response, over: Duration) -> Response {
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = http_body_util::BodyExt::collect(body).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let bytes = bytes.to_bytes();
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
    let piece = bytes.len().div_ceil(SLOW_BODY_PIECES).max(1);
    let pieces: std::collections::VecDeque<Bytes> = (0..bytes.len())
        .step_by(piece)
        .map(|start| bytes.slice(start..(start + piece).min(bytes.len())))
        .collect();
    let pause = over / u32::try_from(pieces.len().max(1)).unwrap_or(1);
    Response::from_parts(
        parts,
        Body::new(Trickle {
            pieces,
            pause,
            sleep: None,
        }),
    )
}

/// A body that sends each piece after a pause.
struct Trickle {
    pieces: std::collections::VecDeque<Bytes>,
    pause: Duration,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl hyper::body::Body for Trickle {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if self.pieces.is_empty() {
            return Poll::Ready(None);
        }
        let pause = self.pause;
        let sleep = self
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(pause)));
        std::task::ready!(sleep.as_mut().poll(cx));
        self.sleep = None;
        Poll::Ready(self.pieces.pop_front().map(|b| Ok(Frame::data(b))))
    }

    fn is_end_stream(&self) -> bool {
        self.pieces.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_count_down_and_respect_targets() {
        let mut rules = vec![FaultRule {
            target: Target::Endpoint(Endpoint::KycRules),
            fault: Fault::Drop,
            remaining: 2,
        }];
        assert_eq!(take(&mut rules, Some(Endpoint::Records)), None);
        assert_eq!(
            take(&mut rules, Some(Endpoint::KycRules)),
            Some(Fault::Drop)
        );
        assert_eq!(
            take(&mut rules, Some(Endpoint::KycRules)),
            Some(Fault::Drop)
        );
        assert_eq!(take(&mut rules, Some(Endpoint::KycRules)), None);
        assert!(rules.is_empty());
    }

    #[tokio::test]
    async fn a_slow_body_arrives_whole_in_pieces_spread_over_the_duration() {
        use http_body_util::BodyExt as _;

        let text: String = (0..95).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let res = slow(text.clone().into_response(), Duration::from_millis(200)).await;
        assert_eq!(
            res.headers()[header::CONTENT_LENGTH],
            HeaderValue::from(95_usize)
        );
        let started = std::time::Instant::now();
        let mut body = res.into_body();
        let mut got = Vec::new();
        let mut arrivals = Vec::new();
        while let Some(frame) = body.frame().await {
            let data = frame.unwrap().into_data().unwrap();
            got.extend_from_slice(&data);
            arrivals.push(started.elapsed());
        }
        assert_eq!(got, text.as_bytes());
        assert_eq!(arrivals.len(), SLOW_BODY_PIECES);
        assert!(arrivals[0] >= Duration::from_millis(15), "{arrivals:?}");
        assert!(arrivals[9] >= Duration::from_millis(190), "{arrivals:?}");
        assert!(arrivals[9] < Duration::from_secs(2), "{arrivals:?}");
    }
}
