//! [`prepare`]: decode once, then both the JPEG to send and the pre-flight report on
//! exactly the pixels sent.

use crate::check::analyse;
use crate::decode::decode;
use crate::error::ImageError;
use crate::grey::{luma, shrink};
use crate::normalise::{NormalisePolicy, Normalised, normalise_decoded};
use crate::policy::CheckPolicy;
use crate::report::{Report, Role};

/// The checks are calibrated on images of at most this size (what Faceki's capture
/// SDKs send); a larger `max_side` is checked at this size.
const CHECK_SIDE: u32 = 1920;

/// An image ready to send, and what the checks found in it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Prepared {
    /// The JPEG to send (its `Debug` shows sizes only, never bytes).
    pub normalised: Normalised,
    /// The checks on the normalised pixels.
    pub report: Report,
}

/// Normalises `input` as [`normalise`](crate::normalise) does and checks the result as
/// [`check`](crate::check) does, decoding it once: the client's one call before an
/// upload.
///
/// ```
/// use faceki_image::{CheckPolicy, FindingKind, NormalisePolicy, Role, prepare};
///
/// // A plain grey "document", 800×600: nothing to read on it.
/// let pixels = image::RgbImage::from_pixel(800, 600, image::Rgb([128, 128, 128]));
/// let mut jpeg = Vec::new();
/// image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90).encode_image(&pixels)?;
///
/// let prepared = prepare(&jpeg, Role::Document, &NormalisePolicy::default(), &CheckPolicy::default())?;
/// assert_eq!(prepared.normalised.after.width, 800);
/// assert!(prepared.report.has(FindingKind::Blurred), "no detail at all");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn prepare(
    input: &[u8],
    role: Role,
    normalise: &NormalisePolicy,
    checks: &CheckPolicy,
) -> Result<Prepared, ImageError> {
    let decoded = decode(input, normalise.max_side)?;
    let (normalised, pixels) = normalise_decoded(input, decoded, normalise)?;
    let grey = shrink(luma(&pixels), CHECK_SIDE);
    drop(pixels);
    let report = analyse(&grey, normalised.before, role, checks)?;
    Ok(Prepared { normalised, report })
}
