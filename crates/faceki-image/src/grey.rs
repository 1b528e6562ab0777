//! Grey (luma) images for the checks: BT.601 weights in 8-bit fixed point, and the
//! shrinking and cropping the checks need.

use image::{GrayImage, RgbImage};

use crate::resize::{downscale, fit};

/// The luma of each pixel: (77 R + 150 G + 29 B) / 256, BT.601 as JPEG uses it.
pub(crate) fn luma(rgb: &RgbImage) -> GrayImage {
    let grey = rgb
        .as_raw()
        .chunks_exact(3)
        .map(|px| {
            let y = 77 * u32::from(px[0]) + 150 * u32::from(px[1]) + 29 * u32::from(px[2]);
            ((y + 128) >> 8).min(255) as u8
        })
        .collect();
    GrayImage::from_raw(rgb.width(), rgb.height(), grey)
        .unwrap_or_else(|| GrayImage::new(rgb.width(), rgb.height()))
}

/// `grey` with its longest side at most `max_side` (itself when it fits).
pub(crate) fn shrink(grey: GrayImage, max_side: u32) -> GrayImage {
    let (w, h) = fit(grey.width(), grey.height(), max_side);
    if (w, h) == grey.dimensions() {
        return grey;
    }
    resampled(&grey, w, h)
}

/// A copy of `grey` with its longest side at most `max_side`.
pub(crate) fn shrunk(grey: &GrayImage, max_side: u32) -> GrayImage {
    let (w, h) = fit(grey.width(), grey.height(), max_side);
    if (w, h) == grey.dimensions() {
        return grey.clone();
    }
    resampled(grey, w, h)
}

fn resampled(grey: &GrayImage, w: u32, h: u32) -> GrayImage {
    let out = downscale::<1>(grey.as_raw(), grey.width(), grey.height(), w, h);
    GrayImage::from_raw(w, h, out).unwrap_or_else(|| GrayImage::new(w, h))
}

/// A rectangle of whole pixels inside an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Area {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) width: u32,
    pub(crate) height: u32,
}

impl Area {
    /// The whole of `grey`.
    pub(crate) fn all(grey: &GrayImage) -> Self {
        Self {
            x: 0,
            y: 0,
            width: grey.width(),
            height: grey.height(),
        }
    }

    /// The part of the box (`left`, `top`, `width`, `height`; may reach outside) that
    /// lies inside a `bounds_w`×`bounds_h` image; `None` when nothing does.
    pub(crate) fn clipped(
        (left, top, width, height): (f32, f32, f32, f32),
        bounds_w: u32,
        bounds_h: u32,
    ) -> Option<Self> {
        let x0 = left.max(0.0).floor() as u32;
        let y0 = top.max(0.0).floor() as u32;
        let x1 = ((left + width).ceil().max(0.0) as u32).min(bounds_w);
        let y1 = ((top + height).ceil().max(0.0) as u32).min(bounds_h);
        (x1 > x0 && y1 > y0).then(|| Self {
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        })
    }

    /// The rows of this area in `grey`, each `width` pixels.
    pub(crate) fn rows<'a>(&self, grey: &'a GrayImage) -> impl Iterator<Item = &'a [u8]> + 'a {
        let stride = grey.width() as usize;
        let (x, width) = (self.x as usize, self.width as usize);
        grey.as_raw()
            .chunks_exact(stride.max(1))
            .skip(self.y as usize)
            .take(self.height as usize)
            .filter_map(move |row| row.get(x..x + width))
    }

    /// This area of `grey` copied out.
    pub(crate) fn crop(&self, grey: &GrayImage) -> GrayImage {
        let mut pixels = Vec::with_capacity(self.width as usize * self.height as usize);
        for row in self.rows(grey) {
            pixels.extend_from_slice(row);
        }
        GrayImage::from_raw(self.width, self.height, pixels)
            .unwrap_or_else(|| GrayImage::new(self.width, self.height))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luma_weights_sum_to_white() {
        let rgb = RgbImage::from_fn(3, 1, |x, _| match x {
            0 => image::Rgb([255, 255, 255]),
            1 => image::Rgb([0, 0, 0]),
            _ => image::Rgb([0, 255, 0]),
        });
        assert_eq!(luma(&rgb).as_raw(), &[255, 0, 149]);
    }

    #[test]
    fn areas_are_clipped_to_the_image() {
        let grey = GrayImage::from_fn(10, 8, |x, y| image::Luma([(y * 10 + x) as u8]));
        let area = Area::clipped((-3.0, 6.0, 5.0, 5.0), 10, 8).unwrap();
        assert_eq!((area.x, area.y, area.width, area.height), (0, 6, 2, 2));
        assert_eq!(area.crop(&grey).as_raw(), &[60, 61, 70, 71]);
        assert_eq!(Area::clipped((12.0, 0.0, 4.0, 4.0), 10, 8), None);
    }
}
