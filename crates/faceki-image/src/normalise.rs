//! [`normalise`]: orientation applied, metadata dropped, downscaled, re-encoded as
//! JPEG — or passed through when the JPEG is already clean and small enough.

use image::RgbImage;

use crate::decode::{Decoded, decode};
use crate::encode::encode;
use crate::error::ImageError;
use crate::resize::{downscale_owned, fit};

/// How to normalise.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NormalisePolicy {
    /// The longest side after downscaling, in pixels; default 1920 (what Faceki's
    /// capture SDKs send).
    pub max_side: u32,
    /// JPEG quality, 1–100; default 90.
    pub jpeg_quality: u8,
    /// How colour is sampled in the JPEG; default [`Chroma::Subsampled`], as phone
    /// cameras write their photos.
    pub chroma: Chroma,
}

/// How the JPEG samples colour (the chroma planes; brightness is always kept whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Chroma {
    /// Colour at half the resolution both ways (4:2:0): what phone cameras and the
    /// platforms' encoders write, and what the eye and a face matcher barely see. The
    /// file is about a quarter smaller and encodes about 1.7× faster.
    #[default]
    Subsampled,
    /// Colour at full resolution (4:4:4).
    Full,
}

impl Default for NormalisePolicy {
    fn default() -> Self {
        Self {
            max_side: 1920,
            jpeg_quality: 90,
            chroma: Chroma::Subsampled,
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

    /// Sets [`chroma`](Self::chroma).
    pub fn with_chroma(mut self, chroma: Chroma) -> Self {
        self.chroma = chroma;
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

/// Normalises a JPEG or PNG (see the crate docs). Memory: the decoded image, the
/// resized one and a few rows while resizing, and the output.
pub fn normalise(input: &[u8], policy: &NormalisePolicy) -> Result<Normalised, ImageError> {
    let decoded = decode(input, policy.max_side)?;
    normalise_decoded(input, decoded, policy).map(|(normalised, _)| normalised)
}

/// Normalises pixels decoded by [`decode`] (with `policy.max_side` as the target);
/// also returns the pixels as sent, for the checks.
pub(crate) fn normalise_decoded(
    input: &[u8],
    decoded: Decoded,
    policy: &NormalisePolicy,
) -> Result<(Normalised, RgbImage), ImageError> {
    let Decoded {
        pixels,
        before,
        clean_and_small,
    } = decoded;
    if clean_and_small {
        // Clean (no EXIF, so no orientation to apply) and small enough: unchanged.
        let normalised = Normalised {
            bytes: input.to_vec(),
            before,
            after: before,
            reencoded: false,
        };
        return Ok((normalised, pixels));
    }
    let rgb = shrink(pixels, policy.max_side)?;
    let bytes = encode(&rgb, policy)?;
    let normalised = Normalised {
        after: Dimensions {
            width: rgb.width(),
            height: rgb.height(),
            bytes: bytes.len(),
        },
        bytes,
        before,
        reencoded: true,
    };
    Ok((normalised, rgb))
}

/// `pixels` with the longest side brought to at most `max_side`, in their own memory
/// (see [`downscale_owned`]).
pub(crate) fn shrink(pixels: RgbImage, max_side: u32) -> Result<RgbImage, ImageError> {
    let (w, h) = fit(pixels.width(), pixels.height(), max_side);
    if (w, h) == pixels.dimensions() {
        return Ok(pixels);
    }
    let (width, height) = pixels.dimensions();
    let out = downscale_owned::<3>(pixels.into_raw(), width, height, w, h);
    // The resampler always returns `w`×`h` pixels; were it not to, the image is
    // refused rather than anything else sent in its place.
    RgbImage::from_raw(w, h, out)
        .ok_or_else(|| ImageError::Encode(format!("resizing to {w}×{h} pixels failed")))
}
