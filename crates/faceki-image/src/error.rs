//! [`ImageError`]: why an image could not be normalised or checked, in words that
//! name the problem (never the image's content).

/// Why an image could not be normalised or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImageError {
    /// The bytes are neither JPEG nor PNG (checked by their first bytes).
    #[error("the image is neither JPEG nor PNG (checked by its first bytes)")]
    UnsupportedFormat,
    /// The image's dimensions are over the decoding limit.
    #[error("the image is larger than {max_pixels} pixels, too large to decode safely")]
    TooLarge {
        /// The limit, in pixels.
        max_pixels: u64,
    },
    /// The image could not be decoded (damaged or truncated).
    #[error("the image cannot be decoded: {0}")]
    Decode(String),
    /// The normalised image could not be encoded.
    #[error("the image cannot be encoded as JPEG: {0}")]
    Encode(String),
    /// The face detector could not run (its embedded model did not load, or it
    /// failed on this image). The checks that need no face can still be trusted
    /// elsewhere; this one gives no answer.
    #[error("the face detector failed: {0}")]
    FaceDetector(String),
}
