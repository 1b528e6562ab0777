//! Luminance statistics of a region: its mean, and the shares of pixels crushed to
//! black or clipped to white. The light checks compare them with the policy.

use image::GrayImage;

use crate::grey::Area;

/// Pixels at or below this luma count as crushed to black.
pub(crate) const BLACK: u8 = 16;
/// Pixels at or above this luma count as clipped to white.
pub(crate) const WHITE: u8 = 250;

/// What the light checks measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Light {
    /// Mean luma, 0–255.
    pub(crate) mean: f32,
    /// Share of pixels at or below [`BLACK`], 0–1.
    pub(crate) black: f32,
    /// Share of pixels at or above [`WHITE`], 0–1.
    pub(crate) white: f32,
}

/// The statistics of `area` in `grey` (all zero for an empty area).
pub(crate) fn measure(grey: &GrayImage, area: Area) -> Light {
    let mut histogram = [0u64; 256];
    for row in area.rows(grey) {
        for &p in row {
            histogram[usize::from(p)] += 1;
        }
    }
    let count: u64 = histogram.iter().sum();
    if count == 0 {
        return Light {
            mean: 0.0,
            black: 0.0,
            white: 0.0,
        };
    }
    let total: u64 = histogram
        .iter()
        .enumerate()
        .map(|(value, n)| value as u64 * n)
        .sum();
    let black: u64 = histogram[..=usize::from(BLACK)].iter().sum();
    let white: u64 = histogram[usize::from(WHITE)..].iter().sum();
    let n = count as f64;
    Light {
        mean: (total as f64 / n) as f32,
        black: (black as f64 / n) as f32,
        white: (white as f64 / n) as f32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_mean() {
        let grey = GrayImage::from_fn(4, 1, |x, _| image::Luma([[0, 100, 200, 255][x as usize]]));
        let light = measure(&grey, Area::all(&grey));
        assert_eq!(light.mean, 138.75);
        assert_eq!((light.black, light.white), (0.25, 0.25));
    }
}
