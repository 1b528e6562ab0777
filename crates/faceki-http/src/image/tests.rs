//! Tests of image checks and per-attempt streams.

use super::*;

const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6];
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0];

async fn collect(mut stream: ChunkStream) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk.unwrap());
    }
    out
}

#[tokio::test]
async fn bytes_and_files_are_checked_and_reopened_per_attempt() {
    let prepared = ImageInput::bytes(JPEG)
        .prepare("selfie", 100)
        .await
        .unwrap();
    assert_eq!(prepared.format, ImageFormat::Jpeg);
    assert_eq!(prepared.len, JPEG.len() as u64);
    for _ in 0..2 {
        assert_eq!(
            collect(prepared.source.open("selfie").await.unwrap()).await,
            JPEG
        );
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ana-passport.png");
    std::fs::write(&path, PNG).unwrap();
    let prepared = ImageInput::path(&path).prepare("doc", 100).await.unwrap();
    assert_eq!(prepared.format, ImageFormat::Png);
    for _ in 0..2 {
        assert_eq!(
            collect(prepared.source.open("doc").await.unwrap()).await,
            PNG
        );
    }
    std::fs::write(&path, [PNG, PNG].concat()).unwrap();
    let Err(err) = prepared.source.open("doc").await else {
        panic!("a changed file must be refused")
    };
    assert!(err.to_string().contains("changed size"), "{err}");
}

#[tokio::test]
async fn bad_images_are_refused_without_naming_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("ana-secret-name.jpg");
    let err = ImageInput::path(&missing)
        .prepare("selfie", 100)
        .await
        .unwrap_err();
    assert!(err.is_invalid_input());
    let shown = format!("{err} {err:?}");
    assert!(
        shown.contains("`selfie`") && shown.contains("not found"),
        "{shown}"
    );
    assert!(!shown.contains("ana-secret-name"), "{shown}");

    let empty = dir.path().join("empty.jpg");
    std::fs::write(&empty, b"").unwrap();
    let err = ImageInput::path(&empty)
        .prepare("selfie", 100)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");

    let err = ImageInput::path(dir.path())
        .prepare("selfie", 100)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not a regular file"), "{err}");

    let err = ImageInput::bytes(JPEG)
        .prepare("selfie", 5)
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("more than the maximum of 5"),
        "{err}"
    );

    let err = ImageInput::bytes(&b"%PDF-1.7 not an image"[..])
        .prepare("selfie", 100)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("neither JPEG nor PNG"), "{err}");
}

#[tokio::test]
async fn a_reader_is_sent_once_then_refused() {
    let prepared = ImageInput::reader(JPEG, JPEG.len() as u64)
        .prepare("selfie", 100)
        .await
        .unwrap();
    assert_eq!(
        collect(prepared.source.open("selfie").await.unwrap()).await,
        JPEG
    );
    let Err(err) = prepared.source.open("selfie").await else {
        panic!("a used reader must be refused")
    };
    assert!(err.is_invalid_input());
    assert!(err.to_string().contains("sent only once"), "{err}");
}
