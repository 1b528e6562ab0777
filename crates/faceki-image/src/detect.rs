//! Face detection: SeetaFace's funnel-structured cascade (`rustface`), its frontal
//! model embedded in the binary (`model/seeta_fd_frontal_v1.0.bin`, 1.2 MB), parsed
//! once per process.
//!
//! The detector needs `&mut self` and is not `Send`, so each call clones the parsed
//! model into a detector of its own (about 1 ms, measured by `benches/check.rs`):
//! detection is thread-safe without a lock and runs on the caller's thread.
//!
//! The cascade slides a 40-pixel window over an image pyramid that starts at full
//! size, so the smallest face found is 40 pixels in the image it is given: the caller
//! chooses the scale (see [`CheckPolicy::detect_side`](crate::CheckPolicy)).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::LazyLock;

use image::GrayImage;
use rustface::{ImageData, Model};

use crate::error::ImageError;

/// SeetaFace's frontal face model, as `rustface` 0.1.7 ships it (BSD-2-Clause; see
/// `model/README.md`).
static MODEL_BYTES: &[u8] = include_bytes!("../model/seeta_fd_frontal_v1.0.bin");

static MODEL: LazyLock<Result<Model, String>> =
    LazyLock::new(|| rustface::read_model(MODEL_BYTES).map_err(|e| e.to_string()));

/// The detector's window: the smallest face it finds, in pixels of its input.
pub(crate) const WINDOW: u32 = 40;

/// A face as found, in pixels of the detector's input; the box is square and may
/// reach past the image's edges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    pub(crate) x: f32,
    pub(crate) y: f32,
    pub(crate) size: f32,
    pub(crate) score: f32,
}

/// The faces in `grey` scoring at least `min_score`, best first. An image smaller
/// than the window has none.
pub(crate) fn detect(grey: &GrayImage, min_score: f64) -> Result<Vec<Found>, ImageError> {
    if grey.width() < WINDOW || grey.height() < WINDOW {
        return Ok(Vec::new());
    }
    let model = MODEL
        .as_ref()
        .map_err(|e| ImageError::FaceDetector(format!("the embedded model does not load: {e}")))?;
    let mut detector = rustface::create_detector_with_model(model.clone());
    detector.set_min_face_size(20);
    detector.set_score_thresh(min_score.max(0.01));
    // rustface's defaults: a step of 5 or 6 is a third faster, and moves the boxes
    // enough to change a border or size finding in 1 case of the test set out of 30.
    detector.set_pyramid_scale_factor(0.8);
    detector.set_slide_window_step(4, 4);
    // The detector asserts on its inputs (checked above); a panic in it must not
    // take the caller down with it.
    let faces = catch_unwind(AssertUnwindSafe(|| {
        detector.detect(&ImageData::new(grey.as_raw(), grey.width(), grey.height()))
    }))
    .map_err(|_| ImageError::FaceDetector("the detector failed on this image".to_owned()))?;
    let mut found: Vec<Found> = faces
        .iter()
        .map(|face| {
            let b = face.bbox();
            Found {
                x: b.x() as f32,
                y: b.y() as f32,
                size: b.width().max(b.height()) as f32,
                score: face.score() as f32,
            }
        })
        .collect();
    found.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads() {
        assert!(MODEL.is_ok());
    }

    #[test]
    fn images_smaller_than_the_window_have_no_face() {
        assert!(detect(&GrayImage::new(39, 300), 2.0).unwrap().is_empty());
        assert!(detect(&GrayImage::new(300, 20), 2.0).unwrap().is_empty());
    }

    #[test]
    fn a_flat_image_has_no_face() {
        let grey = GrayImage::from_pixel(200, 150, image::Luma([128]));
        assert!(detect(&grey, 2.0).unwrap().is_empty());
    }
}
