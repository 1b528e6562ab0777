//! Normalising on images made here: a clean small JPEG passes through unchanged;
//! EXIF orientation is applied and every metadata byte dropped; large photos are
//! downscaled to 1920 px; PNG (with alpha) becomes JPEG; anything else is refused.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbImage, RgbaImage};

use faceki_image::{ImageError, NormalisePolicy, normalise};

/// A JPEG of `w`×`h` with a gradient, as the `image` crate writes it (JFIF only).
fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

/// An EXIF APP1 segment with an orientation and a text tag (standing in for GPS data).
fn exif_segment(orientation: u16, text: &str) -> Vec<u8> {
    let mut text = text.as_bytes().to_vec();
    text.push(0);
    // TIFF, little endian: header, IFD0 with two entries, the text after it.
    let mut tiff = b"II*\x00\x08\x00\x00\x00".to_vec();
    tiff.extend_from_slice(&2u16.to_le_bytes());
    // 0x010E ImageDescription, ASCII.
    let text_offset = 8 + 2 + 2 * 12 + 4;
    tiff.extend_from_slice(&0x010Eu16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&(text.len() as u32).to_le_bytes());
    tiff.extend_from_slice(&(text_offset as u32).to_le_bytes());
    // 0x0112 Orientation, SHORT, inline.
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(&text);
    let mut payload = b"Exif\x00\x00".to_vec();
    payload.extend_from_slice(&tiff);
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(&payload);
    segment
}

/// `jpeg` with `segment` inserted right after its SOI marker.
fn with_segment(jpeg: &[u8], segment: &[u8]) -> Vec<u8> {
    [&jpeg[..2], segment, &jpeg[2..]].concat()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_clean_small_jpeg_passes_through_unchanged() {
    let input = jpeg(640, 480);
    let out = normalise(&input, &NormalisePolicy::default()).unwrap();
    assert!(!out.reencoded);
    assert_eq!(out.bytes, input, "no second lossy encode");
    assert_eq!((out.after.width, out.after.height), (640, 480));
}

#[test]
fn exif_orientation_is_applied_and_all_metadata_dropped() {
    const GPS: &str = "GPS 48.8566N 2.3522E the customer's home";
    // Orientation 6: the camera was turned; the picture must be rotated 90°.
    let input = with_segment(&jpeg(400, 300), &exif_segment(6, GPS));
    let out = normalise(&input, &NormalisePolicy::default()).unwrap();
    assert!(out.reencoded);
    assert_eq!(
        (out.before.width, out.before.height),
        (300, 400),
        "as displayed"
    );
    assert_eq!((out.after.width, out.after.height), (300, 400));
    assert!(!contains(&out.bytes, b"Exif"), "no EXIF segment");
    assert!(!contains(&out.bytes, GPS.as_bytes()), "no metadata text");
    let decoded = image::load_from_memory(&out.bytes).unwrap();
    assert_eq!((decoded.width(), decoded.height()), (300, 400));
}

#[test]
fn a_phone_sized_photo_is_downscaled_to_1920_and_much_smaller() {
    let input = with_segment(&jpeg(4000, 3000), &exif_segment(1, "camera"));
    let out = normalise(&input, &NormalisePolicy::default()).unwrap();
    assert_eq!((out.after.width, out.after.height), (1920, 1440));
    assert!(out.after.bytes < out.before.bytes, "{out:?}");
    let smaller = normalise(&input, &NormalisePolicy::default().with_max_side(800)).unwrap();
    assert_eq!((smaller.after.width, smaller.after.height), (800, 600));
    // Debug never shows pixels.
    assert!(format!("{out:?}").len() < 300);
}

#[test]
fn png_with_alpha_becomes_a_white_backed_jpeg() {
    let img = RgbaImage::from_fn(64, 48, |x, _| {
        image::Rgba([0, 0, 0, if x < 32 { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), 64, 48, image::ExtendedColorType::Rgba8)
        .unwrap();
    let out = normalise(&png, &NormalisePolicy::default()).unwrap();
    assert!(out.reencoded);
    assert_eq!(
        image::guess_format(&out.bytes).unwrap(),
        image::ImageFormat::Jpeg
    );
    let decoded = image::load_from_memory(&out.bytes).unwrap().into_rgb8();
    assert!(
        decoded.get_pixel(5, 5).0.iter().all(|c| *c > 240),
        "transparent → white"
    );
    assert!(
        decoded.get_pixel(60, 5).0.iter().all(|c| *c < 15),
        "opaque black stays"
    );
}

#[test]
fn anything_else_is_refused_with_a_clear_error() {
    assert_eq!(
        normalise(b"%PDF-1.7", &NormalisePolicy::default()),
        Err(ImageError::UnsupportedFormat)
    );
    let mut truncated = jpeg(200, 200);
    truncated.truncate(truncated.len() / 3);
    let err = normalise(&truncated, &NormalisePolicy::default()).unwrap_err();
    assert!(matches!(err, ImageError::Decode(_)), "{err}");
}
