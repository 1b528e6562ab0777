//! Image pre-flight for Faceki verifications: send a smaller, cleaner image.
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
//! - downscale so the longest side is at most 1920 px ([`NormalisePolicy::max_side`]);
//! - encode JPEG at quality 90 ([`NormalisePolicy::jpeg_quality`]).
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
//! The checks that anticipate Faceki's selfie codes (no face, several faces, too
//! small, blurred, too dark) are the next part of this crate (issue 15).

mod error;
mod markers;
mod normalise;

pub use error::ImageError;
pub use normalise::{Dimensions, NormalisePolicy, Normalised, normalise};
