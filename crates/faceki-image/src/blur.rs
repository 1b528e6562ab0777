//! Sharpness: the variance of the Laplacian, divided by the variance of the pixels
//! themselves, on a region brought to a fixed size.
//!
//! The Laplacian (4-neighbour, `[0 1 0; 1 -4 1; 0 1 0]`) responds to fine detail;
//! blur removes fine detail first, so its variance falls. Dividing by the region's
//! own variance makes the figure independent of contrast and exposure (a dark but
//! sharp face is not "blurred"), and measuring at a fixed size makes it independent
//! of the camera's resolution: faces at [`FACE_SIDE`] pixels, documents at
//! [`DOCUMENT_SIDE`] on the longest side.

use image::GrayImage;

use crate::grey::{Area, shrink, shrunk};

/// Faces are measured at this width: the resolution of the fine detail (eyes, lips,
/// hair edges) that blur takes away first.
pub(crate) const FACE_SIDE: u32 = 64;
/// Documents are measured with their longest side at this size.
pub(crate) const DOCUMENT_SIDE: u32 = 640;

/// The sharpness of `area` of `grey` brought to at most `side` pixels (never
/// enlarged). A region with almost no variation (a flat area: nothing to judge)
/// scores zero.
pub(crate) fn sharpness(grey: &GrayImage, area: Area, side: u32) -> f32 {
    let region = if area == Area::all(grey) {
        shrunk(grey, side)
    } else {
        shrink(area.crop(grey), side)
    };
    laplacian_ratio(&region)
}

/// var(Laplacian) / var(pixels) over the interior of `grey`.
fn laplacian_ratio(grey: &GrayImage) -> f32 {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let px = grey.as_raw();
    let (mut sum, mut sum_sq) = (0f64, 0f64);
    let (mut lap_sum, mut lap_sq) = (0f64, 0f64);
    let mut n = 0f64;
    for y in 1..h - 1 {
        let (up, row, down) = (
            &px[(y - 1) * w..y * w],
            &px[y * w..(y + 1) * w],
            &px[(y + 1) * w..(y + 2) * w],
        );
        for x in 1..w - 1 {
            let centre = i32::from(row[x]);
            let lap = i32::from(up[x])
                + i32::from(down[x])
                + i32::from(row[x - 1])
                + i32::from(row[x + 1])
                - 4 * centre;
            let (c, l) = (f64::from(centre), f64::from(lap));
            sum += c;
            sum_sq += c * c;
            lap_sum += l;
            lap_sq += l * l;
            n += 1.0;
        }
    }
    let variance = sum_sq / n - (sum / n).powi(2);
    if variance < 4.0 {
        return 0.0;
    }
    let lap_variance = lap_sq / n - (lap_sum / n).powi(2);
    (lap_variance / variance) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkerboard(cell: u32, low: u8, high: u8) -> GrayImage {
        GrayImage::from_fn(64, 64, |x, y| {
            image::Luma([if (x / cell + y / cell) % 2 == 0 {
                low
            } else {
                high
            }])
        })
    }

    #[test]
    fn fine_detail_scores_higher_than_coarse() {
        let fine = checkerboard(2, 0, 255);
        let coarse = checkerboard(16, 0, 255);
        let all = Area::all(&fine);
        assert!(sharpness(&fine, all, 64) > 5.0 * sharpness(&coarse, all, 64));
    }

    #[test]
    fn contrast_does_not_change_the_score() {
        let bright = checkerboard(4, 0, 240);
        let dim = checkerboard(4, 10, 70);
        let all = Area::all(&bright);
        let (a, b) = (sharpness(&bright, all, 64), sharpness(&dim, all, 64));
        assert!((a - b).abs() < 0.02 * a, "{a} {b}");
    }

    #[test]
    fn a_flat_region_scores_zero() {
        let flat = GrayImage::from_pixel(50, 50, image::Luma([200]));
        assert_eq!(sharpness(&flat, Area::all(&flat), 64), 0.0);
    }
}
