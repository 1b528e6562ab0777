//! A tiny webhook receiver on 127.0.0.1 for the demo: accepts HTTP/1.1 POSTs, answers
//! 200 and hands each body over a channel.

use std::io;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// Largest body accepted.
const MAX_BODY: usize = 1 << 20;
/// Largest header block accepted.
const MAX_HEAD: usize = 64 << 10;

/// A running receiver; stops when dropped.
pub(crate) struct Receiver {
    url: String,
    bodies: mpsc::Receiver<Vec<u8>>,
    task: JoinHandle<()>,
}

impl Receiver {
    /// Listens on a free port of 127.0.0.1.
    pub(crate) async fn start() -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let (tx, bodies) = mpsc::channel(16);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let tx = tx.clone();
                tokio::spawn(async move {
                    if let Ok(body) = serve(stream).await {
                        let _ = tx.send(body).await;
                    }
                });
            }
        });
        Ok(Self {
            url: format!("http://{addr}/faceki-webhook"),
            bodies,
            task,
        })
    }

    /// The URL to give the sandbox.
    pub(crate) fn url(&self) -> &str {
        &self.url
    }

    /// The next body received within `wait`.
    pub(crate) async fn next(&mut self, wait: Duration) -> Option<Vec<u8>> {
        tokio::time::timeout(wait, self.bodies.recv())
            .await
            .ok()
            .flatten()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request, answers 200 and returns its body.
async fn serve(mut stream: TcpStream) -> io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > MAX_HEAD {
            return Err(io::ErrorKind::InvalidData.into());
        }
    };
    let len = content_length(&String::from_utf8_lossy(&buf[..head_end])).min(MAX_BODY);
    while buf.len() < head_end + len {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    stream
        .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        .await?;
    let _ = stream.shutdown().await;
    Ok(buf[head_end..head_end + len].to_vec())
}

fn content_length(head: &str) -> usize {
    head.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_content_length_header() {
        assert_eq!(
            content_length("POST / HTTP/1.1\r\nContent-Length: 42\r\n"),
            42
        );
        assert_eq!(content_length("POST / HTTP/1.1\r\ncontent-length:7\r\n"), 7);
        assert_eq!(content_length("POST / HTTP/1.1\r\nHost: x\r\n"), 0);
    }

    #[tokio::test]
    async fn hands_over_the_posted_body() {
        let mut receiver = Receiver::start().await.unwrap();
        let addr = receiver
            .url()
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap()
            .to_owned();
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"POST /faceki-webhook HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello")
            .await
            .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        let body = receiver.next(Duration::from_secs(5)).await.unwrap();
        assert_eq!(body, b"hello");
    }
}
