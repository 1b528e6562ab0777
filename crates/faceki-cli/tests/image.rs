//! `faceki image prepare`: writes the normalised image and reports before/after;
//! unreadable input is exit 2 with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

use image::RgbImage;
use image::codecs::jpeg::JpegEncoder;

fn faceki(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_faceki"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn prepare_writes_a_smaller_jpeg_and_reports_before_and_after() {
    let dir = tempfile::tempdir().unwrap();
    let img = RgbImage::from_fn(2600, 1200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut photo = Vec::new();
    JpegEncoder::new_with_quality(&mut photo, 98)
        .encode_image(&img)
        .unwrap();
    let input = dir.path().join("customer-photo.jpg");
    let output = dir.path().join("prepared.jpg");
    std::fs::write(&input, &photo).unwrap();
    let run = faceki(&[
        "image",
        "prepare",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        stdout.contains("2600×1200") && stdout.contains("1920×886"),
        "{stdout}"
    );
    assert!(stdout.contains("re-encoded"), "{stdout}");
    let written = image::load_from_memory(&std::fs::read(&output).unwrap()).unwrap();
    assert_eq!((written.width(), written.height()), (1920, 886));

    let json = faceki(&[
        "--json",
        "image",
        "prepare",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["after"]["width"], 1920);
    assert_eq!(value["reencoded"], true);
}

#[test]
fn unreadable_input_is_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("scan-of-ana.pdf");
    let output = dir.path().join("out.jpg");
    std::fs::write(&input, b"%PDF-1.7 not an image").unwrap();
    let run = faceki(&[
        "image",
        "prepare",
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("neither JPEG nor PNG"), "{stderr}");
    assert!(
        !stderr.contains("scan-of-ana"),
        "the path is not repeated: {stderr}"
    );
    assert!(!output.exists());
}
