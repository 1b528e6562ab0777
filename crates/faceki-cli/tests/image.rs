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

/// The first component's sampling factors in the JPEG's baseline frame header:
/// 0x22 when colour is subsampled 4:2:0, 0x11 when it is kept whole.
fn luma_sampling(jpeg: &[u8]) -> u8 {
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame header");
    jpeg[sof + 11]
}

#[test]
fn prepare_subsamples_colour_unless_asked_to_keep_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let img = RgbImage::from_fn(2400, 1000, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x ^ y) % 256) as u8])
    });
    let mut photo = Vec::new();
    JpegEncoder::new_with_quality(&mut photo, 95)
        .encode_image(&img)
        .unwrap();
    let input = dir.path().join("in.jpg");
    std::fs::write(&input, &photo).unwrap();
    let mut sizes = Vec::new();
    for (flag, expected) in [(None, 0x22), (Some("--full-chroma"), 0x11)] {
        let output = dir.path().join("out.jpg");
        let mut args = vec![
            "image",
            "prepare",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ];
        args.extend(flag);
        let run = faceki(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let written = std::fs::read(&output).unwrap();
        assert_eq!(luma_sampling(&written), expected, "{flag:?}");
        sizes.push(written.len());
    }
    assert!(sizes[0] < sizes[1], "4:2:0 is the smaller file: {sizes:?}");
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

/// A crop of the pre-flight test set (the 1927 Solvay photograph, see
/// `crates/faceki-image/tests/fixtures/README.md`) enlarged to a 1920-px JPEG.
fn selfie_from_fixture(name: &str, dir: &std::path::Path) -> std::path::PathBuf {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../faceki-image/tests/fixtures")
        .join(format!("{name}.png"));
    let grey = image::open(&fixture).unwrap().into_luma8();
    let scale = 1920.0 / grey.width().max(grey.height()) as f32;
    let (w, h) = (
        (grey.width() as f32 * scale) as u32,
        (grey.height() as f32 * scale) as u32,
    );
    let big = image::imageops::resize(&grey, w, h, image::imageops::FilterType::CatmullRom);
    let rgb = image::DynamicImage::ImageLuma8(big).into_rgb8();
    let mut jpeg = Vec::new();
    JpegEncoder::new_with_quality(&mut jpeg, 92)
        .encode_image(&rgb)
        .unwrap();
    let path = dir.join(format!("{name}.jpg"));
    std::fs::write(&path, jpeg).unwrap();
    path
}

#[test]
fn check_exits_0_for_a_good_selfie_1_with_findings_and_2_when_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let good = selfie_from_fixture("one-face-1", dir.path());
    let faceless = selfie_from_fixture("no-face-pavement", dir.path());
    let broken = dir.path().join("broken.jpg");
    std::fs::write(&broken, b"\xFF\xD8\xFF not really").unwrap();

    let run = faceki(&["image", "check", good.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(run.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(": ok (selfie ") && stdout.contains("1920 px, 1 face"),
        "{stdout}"
    );

    let run = faceki(&[
        "--json",
        "image",
        "check",
        good.to_str().unwrap(),
        faceless.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(value[0]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(value[1]["findings"][0]["kind"], "no_face");
    assert_eq!(value[1]["findings"][0]["code"], 8006);
    assert_eq!(value[1]["findings"][0]["code_name"], "FACE_NOT_FOUND");
    assert!(String::from_utf8_lossy(&run.stderr).contains("1 of 2 images have findings"));

    let run = faceki(&[
        "image",
        "check",
        "--document",
        good.to_str().unwrap(),
        broken.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("broken.jpg: unreadable"), "{stdout}");
    assert!(
        !stdout.contains("not really"),
        "the content is not echoed: {stdout}"
    );
}
