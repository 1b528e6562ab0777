//! Image pre-flight for Faceki verifications: send a smaller, cleaner image, and
//! catch a failing selfie before it is paid for.
//!
//! # Normalising
//!
//! Faceki's own capture SDKs resize to at most 1920 px and re-encode JPEG at quality
//! 90 before upload; server-side integrations send what the phone produced (4–8 MB,
//! EXIF orientation the server may ignore, GPS coordinates in the metadata).
//! [`normalise`] does what the capture SDKs do:
//!
//! - decode JPEG or PNG (nothing else), refusing images over 100 megapixels;
//! - apply the EXIF orientation, so the server sees the picture the right way up;
//! - drop every piece of metadata (EXIF, GPS, XMP, ICC profiles, comments): only the
//!   pixels are re-encoded;
//! - downscale so the longest side is at most 1920 px ([`NormalisePolicy::max_side`]),
//!   with an area-averaging and triangle filter (no aliasing);
//! - encode JPEG at quality 90 ([`NormalisePolicy::jpeg_quality`]), colour
//!   subsampled 4:2:0 as phone cameras write it ([`NormalisePolicy::chroma`]).
//!
//! A JPEG that is already clean (no metadata segment but the JFIF header) and within
//! the limits is passed through unchanged: no second lossy encode.
//!
//! ```
//! use faceki_image::{NormalisePolicy, normalise};
//!
//! # fn demo(photo: &[u8]) -> Result<(), faceki_image::ImageError> {
//! let prepared = normalise(photo, &NormalisePolicy::default())?;
//! println!("{} → {} bytes", prepared.before.bytes, prepared.bytes.len());
//! # Ok(()) }
//! ```
//!
//! # Checking
//!
//! [`check`] anticipates the answers Faceki gives to a bad selfie, each [`Finding`]
//! naming the [`ResponseCode`](faceki_types::ResponseCode) it expects:
//!
//! | check | selfie | document | code |
//! |---|---|---|---|
//! | image too small ([`CheckPolicy::min_side`]) | ✓ | ✓ | FACE_TOO_SMALL (8008) |
//! | no face / several faces (a real face detector) | ✓ | | FACE_NOT_FOUND (8006) / SELFIE_MULTIPLE_FACES (8018) |
//! | face too small / too close in the frame | ✓ | | FACE_TOO_SMALL (8008) / FACE_TOO_CLOSED (8005) |
//! | face near / cut by the border | ✓ | | FACE_CLOSED_TO_BORDER (8007) / FACE_CROPPED (8004) |
//! | too dark / overexposed (luma statistics) | ✓ (face) | ✓ (whole) | POOR_LIGHT (8009) |
//! | blurred (variance of the Laplacian) | ✓ (face) | ✓ (whole) | FACE_BLURR (8019) |
//!
//! For a document every finding anticipates DOCUMENT_VERIFY_FAILED (8002). The
//! checks anticipate; Faceki decides: a clear report does not promise acceptance, and
//! the thresholds ([`CheckPolicy`]) are calibrated on a small test set
//! (`docs/preflight.md` gives the measured hit and false-alarm rates).
//!
//! Faces are found by SeetaFace's frontal cascade (the `rustface` crate, its model
//! embedded: nothing is downloaded); it finds upright, roughly frontal faces at least
//! 40 px in a copy reduced to [`CheckPolicy::detect_side`] (8% of the longest side
//! by default).
//!
//! [`prepare`] decodes once and returns both the JPEG to send and the report on the
//! pixels sent: the call to make before an upload.
//!
//! ```
//! use faceki_image::{CheckPolicy, NormalisePolicy, Role, prepare};
//!
//! # fn demo(selfie: &[u8]) -> Result<(), faceki_image::ImageError> {
//! let prepared = prepare(selfie, Role::Selfie, &NormalisePolicy::default(), &CheckPolicy::default())?;
//! if let Some(first) = prepared.report.findings.first() {
//!     // Faceki would likely answer `first.code`: ask for another picture instead.
//!     eprintln!("{}", first.message);
//! } else {
//!     // Upload `prepared.normalised.bytes`.
//! }
//! # Ok(()) }
//! ```
//!
//! Nothing here prints or logs pixels: the `Debug` output of every type shows sizes
//! and figures only.
//!
//! # Licences
//!
//! JPEG encoding is done by code based in part on the work of the Independent JPEG
//! Group (the `jpeg-encoder` crate, `(MIT OR Apache-2.0) AND IJG`); a program that
//! ships this crate must say so in its documentation, as the IJG licence asks.

mod blur;
mod check;
mod decode;
mod detect;
mod encode;
mod error;
mod faces;
mod grey;
mod light;
mod markers;
mod normalise;
mod policy;
mod preflight;
mod prepare;
mod report;
mod resize;
#[cfg(test)]
mod test_images;

pub use check::check;
pub use error::ImageError;
pub use normalise::{Chroma, Dimensions, NormalisePolicy, Normalised, normalise};
pub use policy::CheckPolicy;
pub use preflight::{Policy, Preflight};
pub use prepare::{Prepared, prepare};
pub use report::{Face, Finding, FindingKind, Measurements, Report, Role};
