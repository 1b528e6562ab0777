//! Makes the test fixtures in `tests/fixtures/` from the 1927 Solvay conference
//! photograph that `rustface` 0.1.7 ships as `test.png` (public domain; see
//! `tests/fixtures/README.md`).
//!
//! That copy has the red face boxes of rustface's demo drawn on it. The photograph
//! itself is grey (R = G = B everywhere else), so each red pixel is restored from the
//! grey neighbours around it, then the crops are cut and stored as 8-bit grey PNG.
//!
//! `cargo run -p faceki-image --example make_fixtures -- ~/.cargo/registry/src/*/rustface-0.1.7/test.png`
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use std::path::Path;

use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::{GrayImage, ImageEncoder, Luma, RgbImage};

/// Name, left, top, width, height in the photograph (1666×1136).
pub const CROPS: &[(&str, u32, u32, u32, u32)] = &[
    // One person each, framed as a selfie (3:4), the face about 40% of the width.
    ("one-face-1", 621, 214, 140, 187),
    ("one-face-2", 826, 206, 140, 187),
    ("one-face-3", 423, 206, 140, 187),
    ("one-face-4", 245, 214, 140, 187),
    ("one-face-5", 1124, 205, 140, 187),
    ("one-face-6", 208, 8, 112, 150),
    ("one-face-7", 872, 63, 105, 140),
    ("one-face-8", 1450, 228, 134, 179),
    // Two people, one behind the other.
    ("two-faces-1", 995, 165, 165, 165),
    ("two-faces-2", 20, 150, 160, 170),
    ("two-faces-3", 1400, 170, 160, 170),
    // Three people: two seated, one standing between them.
    ("three-faces", 600, 185, 340, 255),
    // Nobody's face: suits and hands; legs and the pavement.
    ("no-face-suits", 600, 380, 200, 267),
    ("no-face-pavement", 100, 560, 270, 300),
    // A face at the frame's edge: near its top, and cut by its left edge.
    ("border-near-1", 621, 253, 140, 187),
    ("border-near-2", 1124, 245, 140, 187),
    ("border-cut", 675, 245, 140, 187),
    // The printed caption under the photograph: a stand-in for a document photo.
    ("caption", 40, 880, 760, 250),
];

/// Restores the pixels of the red boxes from their grey neighbours, ring by ring.
fn restore(photo: &RgbImage) -> GrayImage {
    let (w, h) = photo.dimensions();
    let red = |p: &image::Rgb<u8>| i32::from(p.0[0]) - i32::from(p.0[1]) > 20;
    let mut grey = GrayImage::from_fn(w, h, |x, y| Luma([photo.get_pixel(x, y).0[1]]));
    let mut mask: Vec<bool> = photo.pixels().map(red).collect();
    loop {
        let before = mask.clone();
        let mut changed = false;
        for y in 0..h {
            for x in 0..w {
                let i = (y * w + x) as usize;
                if !before[i] {
                    continue;
                }
                let (mut sum, mut n) = (0u32, 0u32);
                for (dx, dy) in (-1i32..=1).flat_map(|dx| (-1i32..=1).map(move |dy| (dx, dy))) {
                    let (xx, yy) = (x as i32 + dx, y as i32 + dy);
                    if xx < 0 || yy < 0 || xx >= w as i32 || yy >= h as i32 {
                        continue;
                    }
                    let j = (yy as u32 * w + xx as u32) as usize;
                    if !before[j] {
                        sum += u32::from(grey.as_raw()[j]);
                        n += 1;
                    }
                }
                if let Some(mean) = sum.checked_div(n) {
                    grey.put_pixel(x, y, Luma([mean as u8]));
                    mask[i] = false;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    grey
}

fn main() {
    let source = std::env::args()
        .nth(1)
        .expect("the path to rustface's test.png");
    let photo = image::open(&source).expect("readable PNG").into_rgb8();
    assert_eq!(
        photo.dimensions(),
        (1666, 1136),
        "rustface 0.1.7's test.png"
    );
    let grey = restore(&photo);
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::create_dir_all(&out).unwrap();
    for &(name, x, y, w, h) in CROPS {
        let crop = image::imageops::crop_imm(&grey, x, y, w, h).to_image();
        let path = out.join(format!("{name}.png"));
        let mut png = Vec::new();
        PngEncoder::new_with_quality(&mut png, CompressionType::Best, PngFilter::Adaptive)
            .write_image(crop.as_raw(), w, h, image::ExtendedColorType::L8)
            .unwrap();
        std::fs::write(&path, png).unwrap();
        println!(
            "{} {}×{} {} bytes",
            path.display(),
            w,
            h,
            std::fs::metadata(&path).unwrap().len()
        );
    }
}
