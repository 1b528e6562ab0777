//! Pictures for the unit tests: made on the spot, never read from disk.

use image::RgbImage;

/// A `w`×`h` colour picture with texture in every channel (stripes, a checker-like
/// pattern): something a JPEG encoder and a resampler have to work on.
pub(crate) fn textured(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let t = ((x / 3) ^ (y / 5)) % 37;
        image::Rgb([
            (x % 200 + t) as u8,
            (y % 180 + t) as u8,
            ((x + y) % 150) as u8,
        ])
    })
}
