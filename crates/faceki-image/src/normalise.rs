//! [`normalise`]: orientation applied, metadata dropped, downscaled, re-encoded as
//! JPEG — or passed through when the JPEG is already clean and small enough.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

use crate::error::ImageError;
use crate::markers::{is_clean_jpeg, is_complete_jpeg};

/// The largest image decoded: 100 megapixels (a 12-megapixel phone photo is far
/// below; a decompression bomb is far above).
const MAX_PIXELS: u64 = 100_000_000;

/// How to normalise.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NormalisePolicy {
    /// The longest side after downscaling, in pixels; default 1920 (what Faceki's
    /// capture SDKs send).
    pub max_side: u32,
    /// JPEG quality, 1–100; default 90.
    pub jpeg_quality: u8,
}

impl Default for NormalisePolicy {
    fn default() -> Self {
        Self {
            max_side: 1920,
            jpeg_quality: 90,
        }
    }
}

impl NormalisePolicy {
    /// Sets [`max_side`](Self::max_side) (at least 64).
    pub fn with_max_side(mut self, max_side: u32) -> Self {
        self.max_side = max_side.max(64);
        self
    }

    /// Sets [`jpeg_quality`](Self::jpeg_quality) (clamped to 1–100).
    pub fn with_jpeg_quality(mut self, quality: u8) -> Self {
        self.jpeg_quality = quality.clamp(1, 100);
        self
    }
}

/// An image's size in pixels and bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dimensions {
    /// Width in pixels (as displayed, after orientation).
    pub width: u32,
    /// Height in pixels (as displayed, after orientation).
    pub height: u32,
    /// Size of the encoded file.
    pub bytes: usize,
}

/// A normalised image: JPEG bytes ready to upload, and what changed.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Normalised {
    /// The JPEG to send.
    pub bytes: Vec<u8>,
    /// The input's size (pixels as displayed).
    pub before: Dimensions,
    /// The output's size.
    pub after: Dimensions,
    /// `false` when the input was passed through unchanged.
    pub reencoded: bool,
}

impl std::fmt::Debug for Normalised {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The pixels are a person's face or document: never printed.
        f.debug_struct("Normalised")
            .field("before", &self.before)
            .field("after", &self.after)
            .field("reencoded", &self.reencoded)
            .finish_non_exhaustive()
    }
}

/// Normalises a JPEG or PNG (see the crate docs). Memory: the decoded image (at most
/// twice, while resizing) plus the output.
pub fn normalise(input: &[u8], policy: &NormalisePolicy) -> Result<Normalised, ImageError> {
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
    // Decoded in full even when it will be passed through: a damaged file is
    // refused here, not paid for.
    let mut picture = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    let fits = width.max(height) <= policy.max_side;
    if format == ImageFormat::Jpeg && fits && is_clean_jpeg(input) {
        // Clean (no EXIF, so no orientation to apply) and small enough: unchanged.
        let same = Dimensions {
            width,
            height,
            bytes: input.len(),
        };
        return Ok(Normalised {
            bytes: input.to_vec(),
            before: same,
            after: same,
            reencoded: false,
        });
    }
    picture.apply_orientation(orientation);
    let before = Dimensions {
        width: picture.width(),
        height: picture.height(),
        bytes: input.len(),
    };
    let longest = picture.width().max(picture.height());
    if longest > policy.max_side {
        picture = if longest >= policy.max_side * 2 {
            // A large reduction: area averaging (fast, integer) is as sharp as a
            // filter at this scale, at a fraction of the time.
            picture.thumbnail(policy.max_side, policy.max_side)
        } else {
            picture.resize(policy.max_side, policy.max_side, FilterType::Triangle)
        };
    }
    let rgb = flatten(picture);
    let mut bytes = Vec::with_capacity(input.len().min(4 * 1024 * 1024));
    JpegEncoder::new_with_quality(&mut bytes, policy.jpeg_quality.clamp(1, 100))
        .encode_image(&rgb)
        .map_err(|e| ImageError::Encode(e.to_string()))?;
    Ok(Normalised {
        after: Dimensions {
            width: rgb.width(),
            height: rgb.height(),
            bytes: bytes.len(),
        },
        bytes,
        before,
        reencoded: true,
    })
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
