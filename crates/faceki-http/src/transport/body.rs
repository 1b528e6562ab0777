//! [`RequestBody`] and [`BodyStream`]: a request body that is empty, in memory, or
//! streamed with a length known up front.

use std::fmt;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;

/// The body of an [`HttpRequest`](super::HttpRequest).
#[non_exhaustive]
pub enum RequestBody {
    /// No body.
    Empty,
    /// A body held in memory (JSON, small multipart bodies).
    Bytes(Bytes),
    /// A body streamed in chunks (multipart uploads read from disk).
    Stream(BodyStream),
}

impl RequestBody {
    /// The exact length in bytes: what `Content-Length` says.
    pub fn len(&self) -> u64 {
        match self {
            RequestBody::Empty => 0,
            RequestBody::Bytes(bytes) => bytes.len() as u64,
            RequestBody::Stream(stream) => stream.len(),
        }
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bodies hold secrets (token call) or personal data: only sizes are shown.
        match self {
            RequestBody::Empty => f.write_str("Empty"),
            RequestBody::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            RequestBody::Stream(stream) => write!(f, "Stream({} bytes)", stream.len()),
        }
    }
}

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, io::Error>> + Send>>;

/// A stream of body chunks whose total length is known before the first byte is sent.
///
/// The stream checks itself: if the inner stream yields more or fewer bytes than the
/// announced length (a file changed while it was being sent), it ends with an
/// [`io::ErrorKind::InvalidData`] error instead of sending a body that disagrees with
/// its `Content-Length`.
pub struct BodyStream {
    len: u64,
    sent: u64,
    inner: Chunks,
    done: bool,
}

impl BodyStream {
    /// Wraps a stream of exactly `len` bytes.
    pub fn new(
        len: u64,
        stream: impl Stream<Item = Result<Bytes, io::Error>> + Send + 'static,
    ) -> Self {
        Self {
            len,
            sent: 0,
            inner: Box::pin(stream),
            done: false,
        }
    }

    /// The announced length.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the announced length is zero.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BodyStream")
            .field("len", &self.len)
            .field("sent", &self.sent)
            .finish_non_exhaustive()
    }
}

impl Stream for BodyStream {
    type Item = Result<Bytes, io::Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.inner.as_mut().poll_next(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Some(Ok(chunk))) => {
                self.sent += chunk.len() as u64;
                if self.sent > self.len {
                    self.done = true;
                    return Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the upload grew while it was being sent",
                    ))));
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                self.done = true;
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) => {
                self.done = true;
                if self.sent == self.len {
                    Poll::Ready(None)
                } else {
                    Poll::Ready(Some(Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the upload shrank while it was being sent",
                    ))))
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    async fn drain(mut stream: BodyStream) -> Result<u64, io::Error> {
        let mut n = 0;
        while let Some(chunk) = stream.next().await {
            n += chunk?.len() as u64;
        }
        Ok(n)
    }

    #[tokio::test]
    async fn exact_length_passes_and_mismatches_fail() {
        let chunks = || {
            futures_util::stream::iter(vec![
                Ok(Bytes::from_static(b"abc")),
                Ok(Bytes::from_static(b"de")),
            ])
        };
        assert_eq!(drain(BodyStream::new(5, chunks())).await.unwrap(), 5);
        let short = drain(BodyStream::new(6, chunks())).await.unwrap_err();
        assert_eq!(short.kind(), io::ErrorKind::InvalidData);
        let long = drain(BodyStream::new(4, chunks())).await.unwrap_err();
        assert!(long.to_string().contains("grew"));
    }
}
