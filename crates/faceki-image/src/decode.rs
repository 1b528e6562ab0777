//! Decoding once for both normalising and checking: JPEG or PNG only, size-limited,
//! truncation refused, EXIF orientation applied, transparency flattened onto white.
//!
//! A JPEG at least twice as large as the size it will be brought to is decoded at a
//! reduced DCT scale (1/2, 1/4 or 1/8, by `jpeg-decoder`): the inverse transform,
//! colour conversion and chroma upsampling then run on a quarter of the pixels or
//! fewer, which is where most of a 12-megapixel decode goes. The scaled inverse DCT
//! averages each 8×8 block's frequencies down, a proper low-pass, not a subsampling.
//! Anything `jpeg-decoder` cannot do at a reduced scale (CMYK, 12-bit, an error) is
//! decoded in full by the `image` crate instead.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

use crate::error::ImageError;
use crate::markers::{is_8bit_dct_grey_or_colour, is_clean_jpeg, is_complete_jpeg};
use crate::normalise::Dimensions;
use crate::resize::fit;

/// The largest image decoded: 100 megapixels (a 12-megapixel phone photo is far
/// below; a decompression bomb is far above).
pub(crate) const MAX_PIXELS: u64 = 100_000_000;

/// Decoded pixels and what is known of the input.
pub(crate) struct Decoded {
    /// RGB pixels the right way up: full size, or at least `target_side` on the
    /// longest side when decoded at a reduced scale.
    pub(crate) pixels: RgbImage,
    /// The input's size as displayed (after orientation), at full scale.
    pub(crate) before: Dimensions,
    /// A clean JPEG (no metadata, so no orientation) within `target_side`: it can be
    /// sent unchanged.
    pub(crate) clean_and_small: bool,
}

/// Decodes `input`; `target_side` is the longest side the caller will bring it to
/// (decoding may stop at a reduced scale that is still at least that large).
pub(crate) fn decode(input: &[u8], target_side: u32) -> Result<Decoded, ImageError> {
    let format = match image::guess_format(input) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png)) => format,
        _ => return Err(ImageError::UnsupportedFormat),
    };
    if format == ImageFormat::Jpeg && !is_complete_jpeg(input) {
        // Decoders fill a cut-off JPEG with grey: refuse it instead of sending that.
        return Err(ImageError::Decode(
            "the JPEG is truncated (no end-of-image marker)".to_owned(),
        ));
    }
    let mut reader = ImageReader::with_format(Cursor::new(input), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooLarge {
            max_pixels: MAX_PIXELS,
        });
    }
    let orientation = decoder.orientation().map_err(decode_error)?;
    let (target_w, target_h) = fit(width, height, target_side.max(1));
    // Decoded even when it will be passed through: a damaged file is refused here,
    // not paid for.
    let reduce = u64::from(width.max(height)) >= u64::from(target_side) * 2;
    let scaled = if format == ImageFormat::Jpeg && reduce && is_8bit_dct_grey_or_colour(input) {
        decode_scaled(input, (width, height), (target_w, target_h))
    } else {
        None
    };
    let mut picture = match scaled {
        Some(rgb) => DynamicImage::ImageRgb8(rgb),
        None => DynamicImage::from_decoder(decoder).map_err(decode_error)?,
    };
    let clean_and_small =
        format == ImageFormat::Jpeg && width.max(height) <= target_side && is_clean_jpeg(input);
    if !clean_and_small {
        // A clean JPEG has no EXIF, so no orientation to apply.
        picture.apply_orientation(orientation);
    }
    let turned = matches!(
        orientation,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    ) && !clean_and_small;
    let (shown_w, shown_h) = if turned {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Decoded {
        pixels: flatten(picture),
        before: Dimensions {
            width: shown_w,
            height: shown_h,
            bytes: input.len(),
        },
        clean_and_small,
    })
}

/// The JPEG (an 8-bit DCT frame of one or three components) decoded at the smallest
/// DCT scale that still covers the target, or `None` when that scale is the full one
/// or `jpeg-decoder` fails (the caller then decodes in full).
fn decode_scaled(input: &[u8], full: (u32, u32), target: (u32, u32)) -> Option<RgbImage> {
    let ((full_w, full_h), (target_w, target_h)) = (full, target);
    let mut decoder = jpeg_decoder::Decoder::new(input);
    decoder.set_max_decoding_buffer_size(usize::try_from(MAX_PIXELS * 3).ok()?);
    let request = |side: u32| u16::try_from(side).unwrap_or(u16::MAX);
    let (w, h) = decoder.scale(request(target_w), request(target_h)).ok()?;
    let (w, h) = (u32::from(w), u32::from(h));
    // Both sides must cover the target (the decoder only promises one), and the
    // scale must be a reduction, or the `image` crate's decoder does better.
    if w < target_w || h < target_h || (w, h) == (full_w, full_h) {
        return None;
    }
    let pixels = decoder.decode().ok()?;
    match decoder.info()?.pixel_format {
        jpeg_decoder::PixelFormat::RGB24 => RgbImage::from_raw(w, h, pixels),
        jpeg_decoder::PixelFormat::L8 => {
            let rgb = pixels.iter().flat_map(|&l| [l, l, l]).collect();
            RgbImage::from_raw(w, h, rgb)
        }
        _ => None,
    }
}

/// RGB pixels; transparent parts become white (JPEG has no alpha, and a selfie or a
/// document photo on white reads better than on black).
fn flatten(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, px) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = px.0;
        let blend = |c: u8| {
            let c = u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a));
            u8::try_from(c / 255).unwrap_or(u8::MAX)
        };
        out.0 = [blend(r), blend(g), blend(b)];
    }
    rgb
}

fn decode_error(error: image::ImageError) -> ImageError {
    match error {
        image::ImageError::Limits(_) => ImageError::TooLarge {
            max_pixels: MAX_PIXELS,
        },
        other => ImageError::Decode(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use image::GrayImage;
    use image::codecs::jpeg::JpegEncoder;

    use super::*;
    use crate::resize::downscale;
    use crate::test_images::textured;

    fn jpeg<I: image::GenericImageView>(img: &I) -> Vec<u8>
    where
        I::Pixel: image::PixelWithColorType,
    {
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 92)
            .encode_image(img)
            .unwrap();
        out
    }

    #[test]
    fn a_reduced_scale_decode_matches_a_full_decode_averaged_down() {
        let input = jpeg(&textured(2000, 1600));
        let scaled = decode(&input, 960).unwrap();
        assert_eq!(scaled.pixels.dimensions(), (1000, 800), "DCT at 1/2");
        assert_eq!((scaled.before.width, scaled.before.height), (2000, 1600));
        let full = decode(&input, 2000).unwrap();
        assert_eq!(full.pixels.dimensions(), (2000, 1600));
        let averaged = downscale::<3>(full.pixels.as_raw(), 2000, 1600, 1000, 800);
        let diff: u64 = averaged
            .iter()
            .zip(scaled.pixels.as_raw())
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        let mean = diff as f64 / averaged.len() as f64;
        assert!(mean < 3.0, "mean difference {mean}");
    }

    #[test]
    fn a_grey_jpeg_is_decoded_at_reduced_scale_to_grey_rgb() {
        let grey = GrayImage::from_fn(1600, 1200, |x, y| image::Luma([((x * y) % 251) as u8]));
        let decoded = decode(&jpeg(&grey), 400).unwrap();
        assert_eq!(decoded.pixels.dimensions(), (400, 300), "DCT at 1/4");
        assert!(
            decoded
                .pixels
                .pixels()
                .all(|p| p.0[0] == p.0[1] && p.0[1] == p.0[2])
        );
    }

    #[test]
    fn small_clean_jpegs_are_marked_for_passing_through() {
        let input = jpeg(&textured(300, 200));
        assert!(decode(&input, 1920).unwrap().clean_and_small);
        assert!(!decode(&input, 200).unwrap().clean_and_small);
    }
}
