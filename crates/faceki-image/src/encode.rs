//! JPEG encoding of the normalised pixels: baseline JPEG by `jpeg-encoder` (a port of
//! libjpeg-turbo's forward DCT and colour conversion, AVX2 when the processor has it,
//! chosen at run time), chroma subsampled as [`NormalisePolicy::chroma`] says.
//!
//! The `image` crate's encoder took 84–129 ms for a 1920×1440 photo at quality 90
//! (4:4:4, scalar); this takes a fraction of that (figures in `docs/preflight.md`).

use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder, SamplingFactor};

use crate::error::ImageError;
use crate::normalise::{Chroma, NormalisePolicy};

/// `pixels` as a baseline JPEG at the policy's quality and chroma sampling; nothing
/// but the pixels is written (a JFIF header, no EXIF, no ICC profile, no comment).
pub(crate) fn encode(pixels: &RgbImage, policy: &NormalisePolicy) -> Result<Vec<u8>, ImageError> {
    let side = |v: u32| {
        u16::try_from(v).map_err(|_| {
            ImageError::Encode(format!(
                "{}×{} pixels: a JPEG side is at most 65535",
                pixels.width(),
                pixels.height()
            ))
        })
    };
    let (width, height) = (side(pixels.width())?, side(pixels.height())?);
    // About a tenth of the raw pixels is what a quality-90 photo takes: one growth
    // at most for ordinary pictures.
    let mut out = Vec::with_capacity(pixels.as_raw().len() / 8);
    let mut encoder = Encoder::new(&mut out, policy.jpeg_quality.clamp(1, 100));
    encoder.set_sampling_factor(match policy.chroma {
        Chroma::Subsampled => SamplingFactor::R_4_2_0,
        Chroma::Full => SamplingFactor::R_4_4_4,
    });
    encoder
        .encode(pixels.as_raw(), width, height, ColorType::Rgb)
        .map_err(|e| ImageError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_images::textured;

    /// The component sampling factors of the frame header (SOF0), per component.
    fn sampling(jpeg: &[u8]) -> Vec<u8> {
        let sof = jpeg
            .windows(2)
            .position(|w| w == [0xFF, 0xC0])
            .expect("a baseline frame header");
        let components = usize::from(jpeg[sof + 9]);
        (0..components).map(|c| jpeg[sof + 11 + 3 * c]).collect()
    }

    #[test]
    fn the_output_decodes_to_the_same_picture_at_both_samplings() {
        let pixels = textured(301, 203);
        for chroma in [Chroma::Subsampled, Chroma::Full] {
            let policy = NormalisePolicy::default().with_chroma(chroma);
            let jpeg = encode(&pixels, &policy).unwrap();
            let back = image::load_from_memory(&jpeg).unwrap().into_rgb8();
            assert_eq!(back.dimensions(), (301, 203));
            let diff: u64 = back
                .as_raw()
                .iter()
                .zip(pixels.as_raw())
                .map(|(a, b)| u64::from(a.abs_diff(*b)))
                .sum();
            let mean = diff as f64 / pixels.as_raw().len() as f64;
            assert!(mean < 6.0, "{chroma:?}: mean difference {mean}");
        }
    }

    #[test]
    fn chroma_is_subsampled_two_by_two_or_kept_whole_as_asked() {
        let pixels = textured(64, 48);
        let subsampled = encode(&pixels, &NormalisePolicy::default()).unwrap();
        assert_eq!(sampling(&subsampled), [0x22, 0x11, 0x11], "4:2:0");
        let full = NormalisePolicy::default().with_chroma(Chroma::Full);
        assert_eq!(
            sampling(&encode(&pixels, &full).unwrap()),
            [0x11, 0x11, 0x11]
        );
    }

    #[test]
    fn nothing_but_the_pixels_is_written() {
        let jpeg = encode(&textured(64, 48), &NormalisePolicy::default()).unwrap();
        assert!(crate::markers::is_clean_jpeg(&jpeg), "JFIF header only");
    }

    #[test]
    fn a_side_over_the_jpeg_limit_is_an_error_that_names_the_size() {
        let wide = RgbImage::new(70_000, 1);
        let error = encode(&wide, &NormalisePolicy::default()).unwrap_err();
        assert!(error.to_string().contains("70000×1"), "{error}");
    }
}
