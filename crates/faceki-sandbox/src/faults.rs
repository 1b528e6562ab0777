//! Fault injection: latency, canned statuses, dropped connections, truncated bodies,
//! slow bodies and rate limiting, per route and for the next N requests; and the same
//! after the real handler has processed the request ([`Fault::ProcessedThen`]).

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
/// // The verification is stored, then the client sees a 504 page instead of the answer.
/// let lost = Fault::processed_then(Fault::gateway_timeout_html());
/// # let _ = (slow, gateway, limited, trickle, lost, Fault::drop_connection(), Fault::truncated_body());
/// ```
///
/// [`Fault::Status`], [`Fault::Drop`], [`Fault::Truncate`] and [`Fault::RateLimit`]
/// answer *instead of* the route: the handler never runs, so nothing is stored and no
/// quota is used. Wrap one in [`Fault::processed_then`] to have the request processed
/// first and only its answer lost.
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
    /// Run the request through the real route to completion (bearer check, record
    /// stored, quota used, webhook queued, counters, exactly as for a normal answer),
    /// then replace the answer with the inner fault's behaviour:
    ///
    /// * [`Fault::Status`] / [`Fault::RateLimit`]: that answer instead of the real one;
    /// * [`Fault::Drop`]: the connection closes without any response;
    /// * [`Fault::Truncate`]: the real answer's status and headers, a `Content-Length`
    ///   of its full size, then only the first half of its body and a closed connection;
    /// * [`Fault::Latency`]: the real answer, that much later (a client timeout fires
    ///   after the work is done);
    /// * [`Fault::SlowBody`]: the same as without the wrapper.
    ///
    /// Build it with [`Fault::processed_then`], which also flattens nesting (a nested
    /// `ProcessedThen` behaves as its innermost fault).
    ProcessedThen(Box<Fault>),
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
        Fault::html_page(502)
    }

    /// A 504 with an HTML page, as a load balancer whose upstream took too long would
    /// send.
    pub fn gateway_timeout_html() -> Self {
        Fault::html_page(504)
    }

    /// An HTML page under any status, titled with the status and its reason phrase
    /// (`text/html; charset=utf-8`): e.g. `html_page(200)` for what a WAF or a captive
    /// portal sends instead of JSON, `html_page(403)` for a blocked request.
    ///
    /// ```
    /// use faceki_sandbox::Fault;
    ///
    /// let Fault::Status { status, body, .. } = Fault::html_page(504) else { unreachable!() };
    /// assert_eq!(status, 504);
    /// assert!(String::from_utf8(body).unwrap().contains("<h1>504 Gateway Timeout</h1>"));
    /// ```
    pub fn html_page(status: u16) -> Self {
        let title = match StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
        {
            Some(reason) => format!("{status} {reason}"),
            None => status.to_string(),
        };
        Fault::status(
            status,
            "text/html; charset=utf-8",
            format!(
                "<html><head><title>{title}</title></head><body><h1>{title}</h1></body></html>"
            ),
        )
    }

    /// HTTP 401 with the body the sandbox answers a missing, unknown or expired bearer
    /// token with: `{"status":false,"code":1,"message":"UNAUTHORIZED"}`
    /// (`application/json`).
    pub fn unauthorized() -> Self {
        Fault::status(401, "application/json", crate::respond::UNAUTHORIZED_BODY)
    }

    /// [`Fault::ProcessedThen`]: the request is really processed, then its answer is
    /// replaced by `inner` (nesting is flattened).
    ///
    /// ```
    /// use faceki_sandbox::Fault;
    ///
    /// let reset_after_storing = Fault::processed_then(Fault::drop_connection());
    /// assert_eq!(
    ///     Fault::processed_then(reset_after_storing.clone()),
    ///     reset_after_storing
    /// );
    /// ```
    pub fn processed_then(inner: Fault) -> Self {
        match inner {
            nested @ Fault::ProcessedThen(_) => nested,
            other => Fault::ProcessedThen(Box::new(other)),
        }
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
        Fault::Latency(_) | Fault::Drop | Fault::SlowBody(_) | Fault::ProcessedThen(_) => {
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Closes the connection without answering ([`Fault::Drop`]).
pub(crate) async fn close(ctrl: Option<ConnControl>) -> Response {
    if let Some(ctrl) = ctrl {
        ctrl.abort.notify_one();
        // The connection task closes the socket; this future is dropped with it.
        return std::future::pending().await;
    }
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

const TRUNCATED_PREFIX: &[u8] = br#"{"responseCode":0,"data":{"requestId":"#;

/// The fixed truncated answer of [`Fault::Truncate`].
fn truncated() -> Response {
    let (mut parts, _) = Response::new(()).into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    cut(
        parts,
        Bytes::from_static(TRUNCATED_PREFIX),
        TRUNCATED_PREFIX.len() * 4,
    )
}

/// The real answer cut in half: its status and headers, a `Content-Length` of its
/// full size, then the first half of its body and a closed connection.
pub(crate) async fn truncate(res: Response) -> Response {
    let (parts, bytes) = match collect(res).await {
        Ok(collected) => collected,
        Err(failed) => return failed,
    };
    let half = bytes.len() / 2;
    cut(parts, bytes.slice(..half), bytes.len().max(half + 1))
}

/// Headers announcing `declared` bytes, then `prefix`, then a failed body.
fn cut(mut parts: axum::http::response::Parts, prefix: Bytes, declared: usize) -> Response {
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(declared));
    Response::from_parts(
        parts,
        Body::new(Truncated {
            prefix: Some(prefix),
            pause: Box::pin(tokio::time::sleep(Duration::from_millis(50))),
        }),
    )
}

/// Reads an answer's body whole (the sandbox's answers are small JSON documents or a
/// one-page PDF); a body that fails to read becomes a 500.
async fn collect(res: Response) -> Result<(axum::http::response::Parts, Bytes), Response> {
    let (parts, body) = res.into_parts();
    match http_body_util::BodyExt::collect(body).await {
        Ok(bytes) => Ok((parts, bytes.to_bytes())),
        Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    }
}

/// A body that yields a prefix, pauses (so the server flushes headers and prefix),
/// then fails so the server closes the connection.
struct Truncated {
    prefix: Option<Bytes>,
    pause: Pin<Box<tokio::time::Sleep>>,
}

impl hyper::body::Body for Truncated {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        if let Some(prefix) = self.prefix.take() {
            return Poll::Ready(Some(Ok(Frame::data(prefix))));
        }
        std::task::ready!(self.pause.as_mut().poll(cx));
        Poll::Ready(Some(Err(std::io::Error::other("sandbox: truncated body"))))
    }
}

/// How many pieces a [`Fault::SlowBody`] body is cut into.
pub const SLOW_BODY_PIECES: usize = 10;

/// Re-sends a normal answer's body slowly ([`Fault::SlowBody`]). The body is read
/// whole first.
pub(crate) async fn slow(res: Response, over: Duration) -> Response {
    let (mut parts, bytes) = match collect(res).await {
        Ok(collected) => collected,
        Err(failed) => return failed,
    };
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

    #[test]
    fn html_pages_are_titled_with_the_status_and_its_reason() {
        let body = |f: Fault| match f {
            Fault::Status { body, .. } => String::from_utf8(body).unwrap(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            body(Fault::bad_gateway_html()),
            "<html><head><title>502 Bad Gateway</title></head>\
             <body><h1>502 Bad Gateway</h1></body></html>"
        );
        assert!(body(Fault::gateway_timeout_html()).contains("<title>504 Gateway Timeout</title>"));
        assert!(body(Fault::html_page(599)).contains("<h1>599</h1>"));
        assert_eq!(
            Fault::unauthorized(),
            Fault::status(401, "application/json", crate::respond::UNAUTHORIZED_BODY)
        );
    }

    #[tokio::test]
    async fn a_real_answer_is_cut_in_half_under_its_full_length() {
        use http_body_util::BodyExt as _;

        let res = truncate("0123456789".into_response()).await;
        assert_eq!(
            res.headers()[header::CONTENT_LENGTH],
            HeaderValue::from(10_usize)
        );
        let mut body = res.into_body();
        let first = body.frame().await.unwrap().unwrap().into_data().unwrap();
        assert_eq!(&first[..], b"01234");
        assert!(body.frame().await.unwrap().is_err());
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
