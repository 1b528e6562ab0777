//! Image pre-flight, as a contract: a check (and possible rewrite) of each image a
//! client runs before uploading it, so that a picture Faceki would refuse is not paid
//! for. The checks themselves (a face detector, light and blur statistics, resizing)
//! live in the `faceki-image` crate; the client only knows this trait, so neither the
//! protocol layer nor the HTTP layer carries an image stack.

use std::fmt;

use crate::request::ImageSlot;
use crate::response_code::ResponseCode;

/// One problem found in an image, named by the Faceki code it anticipates.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreflightFinding {
    /// The multipart field of the image, such as `selfie`.
    pub field: &'static str,
    /// The code Faceki would likely answer with, such as `FACE_NOT_FOUND` (8006).
    pub code: ResponseCode,
    /// A sentence for a person: what is wrong and what to do.
    pub message: String,
}

impl PreflightFinding {
    /// A finding for `field`.
    pub fn new(field: &'static str, code: ResponseCode, message: impl Into<String>) -> Self {
        Self {
            field,
            code,
            message: message.into(),
        }
    }
}

/// Findings name a field, a code and a fixed sentence: no pixel, no personal data.
impl fmt::Debug for PreflightFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PreflightFinding")
            .field("field", &self.field)
            .field("code", &self.code)
            .field("message", &self.message)
            .finish()
    }
}

impl fmt::Display for PreflightFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}`: {} ({})", self.field, self.message, self.code)
    }
}

/// What a pre-flight made of one image.
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Preflighted {
    /// The image to send instead of the original (normalised), or `None` to send
    /// the original unchanged.
    pub replacement: Option<Vec<u8>>,
    /// What the checks found; empty when nothing was.
    pub findings: Vec<PreflightFinding>,
    /// Whether the call must be refused before sending because of the findings.
    pub refuse: bool,
}

impl Preflighted {
    /// Nothing changed, nothing found.
    pub fn unchanged() -> Self {
        Self::default()
    }
}

/// The image's bytes are personal data: only their length is shown.
impl fmt::Debug for Preflighted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Preflighted")
            .field("replacement_len", &self.replacement.as_ref().map(Vec::len))
            .field("findings", &self.findings)
            .field("refuse", &self.refuse)
            .finish()
    }
}

/// A pre-flight of images: called once per image of an upload, with the whole image
/// in memory, before anything is sent. Implementations are CPU-bound and
/// synchronous; the client runs them off its async threads.
///
/// ```
/// use faceki_types::preflight::{ImagePreflight, Preflighted, PreflightFinding};
/// use faceki_types::request::ImageSlot;
/// use faceki_types::ResponseCode;
///
/// /// Refuses selfies under 10 KB: a stand-in for a real check.
/// #[derive(Debug)]
/// struct TooSmall;
///
/// impl ImagePreflight for TooSmall {
///     fn preflight(&self, slot: ImageSlot, image: &[u8]) -> Result<Preflighted, String> {
///         if image.len() >= 10_000 {
///             return Ok(Preflighted::unchanged());
///         }
///         let finding = PreflightFinding::new(
///             slot.name,
///             ResponseCode::from_code(8008),
///             "the picture is too small to show a face",
///         );
///         let mut checked = Preflighted::unchanged();
///         checked.findings.push(finding);
///         checked.refuse = true;
///         Ok(checked)
///     }
/// }
/// # let _ = TooSmall.preflight(ImageSlot::selfie("selfie"), b"tiny").unwrap();
/// ```
pub trait ImagePreflight: Send + Sync + fmt::Debug {
    /// Checks (and possibly rewrites) one image. An `Err` says the image cannot be
    /// read at all (not JPEG or PNG, damaged): the client refuses the call with that
    /// sentence, which must not contain the image's content.
    fn preflight(&self, slot: ImageSlot, image: &[u8]) -> Result<Preflighted, String>;

    /// Whether this pre-flight does anything at all; `false` spares the client
    /// reading the image into memory (a policy switched off). `true` by default.
    fn is_active(&self) -> bool {
        true
    }
}
