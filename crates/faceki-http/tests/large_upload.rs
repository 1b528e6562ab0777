//! A 64 MiB image is streamed in bounded chunks, never held whole in memory.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::Mutex;

use faceki_http::transport::{HttpRequest, HttpResponse, RequestBody, Transport, TransportError};
use faceki_http::{Client, ImageInput};
use futures_util::StreamExt;

const SIZE: u64 = 64 * 1024 * 1024;

/// Discards every chunk, remembering only sizes.
#[derive(Debug, Default)]
struct Discard {
    seen: Mutex<Vec<(u64, u64, usize, usize)>>, // (declared, received, max chunk, chunks)
}

#[async_trait::async_trait]
impl Transport for Discard {
    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        if request.url_without_query().contains("/auth/api/") {
            return Ok(HttpResponse::json(
                200,
                r#"{"responseCode":0,"data":{"access_token":"t","expires_in":3600}}"#,
            ));
        }
        let declared: u64 = request.headers["content-length"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        let RequestBody::Stream(mut stream) = request.body else {
            panic!("an upload must be streamed");
        };
        let (mut received, mut max_chunk, mut chunks) = (0u64, 0usize, 0usize);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.unwrap();
            received += chunk.len() as u64;
            max_chunk = max_chunk.max(chunk.len());
            chunks += 1;
        }
        self.seen
            .lock()
            .unwrap()
            .push((declared, received, max_chunk, chunks));
        Ok(HttpResponse::json(
            200,
            r#"{"status":true,"code":200,"result":{"minAge":1}}"#,
        ))
    }
}

#[tokio::test]
async fn a_64_mib_file_streams_in_64_kib_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jpg");
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(&[0xFF, 0xD8, 0xFF, 0xE0]).unwrap();
    let block = vec![0x5Au8; 1024 * 1024];
    let mut written = 4u64;
    while written < SIZE {
        let n = (SIZE - written).min(block.len() as u64) as usize;
        file.write_all(&block[..n]).unwrap();
        written += n as u64;
    }
    drop(file);

    let transport = std::sync::Arc::new(Discard::default());
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .credentials("id", "secret")
        .transport(std::sync::Arc::clone(&transport))
        .max_image_bytes(SIZE)
        .build()
        .unwrap();
    client
        .v3()
        .analyze_face(ImageInput::path(&path))
        .await
        .unwrap();

    let seen = transport.seen.lock().unwrap();
    let (declared, received, max_chunk, chunks) = seen[0];
    assert_eq!(declared, received, "Content-Length matches the bytes sent");
    assert!(received > SIZE && received < SIZE + 1024, "{received}");
    // No chunk is larger than the 64 KiB read buffer: the file is never in memory whole.
    assert!(max_chunk <= 64 * 1024, "largest chunk {max_chunk} bytes");
    assert!(chunks >= (SIZE / (64 * 1024)) as usize, "{chunks} chunks");
}
