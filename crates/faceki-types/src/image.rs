//! [`Image`] and [`ImageFormat`]: what the request builders take for each image part.
//!
//! This module is pure. The I/O layer opens the file (or takes the buffer), sniffs its
//! first bytes with [`ImageFormat::sniff`], measures its length and hands an [`Image`]
//! to a builder; the builder never reads the content, it only refers to it through the
//! caller's source type `S`.
//!
//! File names on the wire default to `<field>.<ext>` (for example `selfie_image.jpg`):
//! deterministic, and free of the personal data a user's path may hold. A file name the
//! user chose is sanitized by [`sanitize_file_name`] so the `Content-Disposition`
//! header is always valid.

use std::fmt;

/// The image formats the Faceki API accepts.
///
/// ```
/// use faceki_types::ImageFormat;
///
/// assert_eq!(ImageFormat::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(ImageFormat::Jpeg));
/// assert_eq!(ImageFormat::Png.content_type(), "image/png");
/// assert_eq!(ImageFormat::Jpeg.extension(), "jpg");
/// assert_eq!(ImageFormat::sniff(b"GIF89a"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageFormat {
    /// JPEG (`image/jpeg`), what the mobile SDKs send.
    Jpeg,
    /// PNG (`image/png`), what the browser SDKs send.
    Png,
}

const JPEG_MAGIC: [u8; 3] = [0xFF, 0xD8, 0xFF];
const PNG_MAGIC: [u8; 8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

impl ImageFormat {
    /// The MIME type sent as the part's `Content-Type`.
    pub const fn content_type(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "image/jpeg",
            ImageFormat::Png => "image/png",
        }
    }

    /// The file extension (without the dot) of the default file name.
    pub const fn extension(self) -> &'static str {
        match self {
            ImageFormat::Jpeg => "jpg",
            ImageFormat::Png => "png",
        }
    }

    /// Recognizes a format from the first bytes of the content (its magic number):
    /// JPEG starts with `FF D8 FF`, PNG with `89 50 4E 47 0D 0A 1A 0A`. Eight bytes are
    /// enough; fewer may give `None`.
    pub fn sniff(head: &[u8]) -> Option<ImageFormat> {
        if head.starts_with(&JPEG_MAGIC) {
            Some(ImageFormat::Jpeg)
        } else if head.starts_with(&PNG_MAGIC) {
            Some(ImageFormat::Png)
        } else {
            None
        }
    }
}

impl fmt::Display for ImageFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.content_type())
    }
}

/// One image for a multipart part: where its content comes from, its format and its
/// exact length. Built by the I/O layer after sniffing the content.
///
/// ```
/// use faceki_types::{Image, ImageFormat};
///
/// let image = Image::new("/home/ana/selfie.jpg", ImageFormat::Jpeg, 48_213);
/// assert_eq!(image.wire_file_name("selfie_image"), "selfie_image.jpg");
/// let named = image.with_file_name("my selfie.jpg");
/// assert_eq!(named.wire_file_name("selfie_image"), "my_selfie.jpg");
/// ```
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Image<S> {
    /// Where the content comes from (a path, a buffer, a handle): opaque to this crate.
    pub source: S,
    /// The sniffed format.
    pub format: ImageFormat,
    /// The exact length of the content in bytes; must not be 0.
    pub len: u64,
    /// A file name chosen by the user; `None` sends `<field>.<ext>`.
    pub file_name: Option<String>,
}

impl<S> Image<S> {
    /// An image with the default wire file name.
    pub fn new(source: S, format: ImageFormat, len: u64) -> Self {
        Self {
            source,
            format,
            len,
            file_name: None,
        }
    }

    /// Sends `file_name` (sanitized) instead of the default `<field>.<ext>`.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// The file name sent in `Content-Disposition` for the part named `field`.
    pub fn wire_file_name(&self, field: &str) -> String {
        match &self.file_name {
            Some(name) => sanitize_file_name(name, field, self.format),
            None => default_file_name(field, self.format),
        }
    }
}

impl<S> fmt::Debug for Image<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The source and a user's file name may hold personal data: not shown.
        f.debug_struct("Image")
            .field("format", &self.format)
            .field("len", &self.len)
            .field("has_file_name", &self.file_name.is_some())
            .finish_non_exhaustive()
    }
}

/// The longest file name sent, in bytes.
pub const MAX_FILE_NAME_LEN: usize = 64;

/// Whether a byte may appear in a wire file name: ASCII letters and digits, `.`, `-`
/// and `_`.
pub const fn is_file_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')
}

fn default_file_name(field: &str, format: ImageFormat) -> String {
    let mut name: String = field
        .bytes()
        .map(|b| if is_file_name_byte(b) { b as char } else { '_' })
        .take(MAX_FILE_NAME_LEN - 4)
        .collect();
    if name.is_empty() {
        name.push_str("image");
    }
    name.push('.');
    name.push_str(format.extension());
    name
}

/// Makes a user's file name safe for `Content-Disposition`.
///
/// Directories are dropped (only what follows the last `/` or `\` is kept), every
/// character other than ASCII letters, digits, `.`, `-` and `_` becomes `_`, and the
/// result is cut to [`MAX_FILE_NAME_LEN`] bytes. A name left without any letter or
/// digit falls back to `<field>.<ext>`, so the result is never empty.
///
/// ```
/// use faceki_types::{ImageFormat, image::sanitize_file_name};
///
/// assert_eq!(sanitize_file_name("C:\\Users\\ana\\pièce \"1\".png", "id_front_image", ImageFormat::Png), "pi_ce__1_.png");
/// assert_eq!(sanitize_file_name("../..", "selfie", ImageFormat::Jpeg), "selfie.jpg");
/// ```
pub fn sanitize_file_name(name: &str, field: &str, format: ImageFormat) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_ascii() && is_file_name_byte(c as u8) {
                c
            } else {
                '_'
            }
        })
        .take(MAX_FILE_NAME_LEN)
        .collect();
    if cleaned.bytes().any(|b| b.is_ascii_alphanumeric()) {
        cleaned
    } else {
        default_file_name(field, format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_magic_numbers() {
        assert_eq!(
            ImageFormat::sniff(&[0xFF, 0xD8, 0xFF]),
            Some(ImageFormat::Jpeg)
        );
        assert_eq!(ImageFormat::sniff(&PNG_MAGIC), Some(ImageFormat::Png));
        assert_eq!(ImageFormat::sniff(&PNG_MAGIC[..7]), None);
        assert_eq!(ImageFormat::sniff(&[0xFF, 0xD8]), None);
        assert_eq!(ImageFormat::sniff(b""), None);
        assert_eq!(ImageFormat::sniff(b"%PDF-1.7"), None);
    }

    #[test]
    fn default_names_carry_no_user_data() {
        let image = Image::new((), ImageFormat::Png, 3);
        assert_eq!(
            image.wire_file_name("document_1_front"),
            "document_1_front.png"
        );
    }

    #[test]
    fn user_names_are_sanitized_and_capped() {
        let long = "a".repeat(200);
        let got = sanitize_file_name(&long, "selfie", ImageFormat::Jpeg);
        assert_eq!(got.len(), MAX_FILE_NAME_LEN);
        assert_eq!(
            sanitize_file_name("/tmp/x\r\ny.jpg", "f", ImageFormat::Jpeg),
            "x__y.jpg"
        );
        assert_eq!(
            sanitize_file_name("", "selfie", ImageFormat::Png),
            "selfie.png"
        );
        assert_eq!(
            sanitize_file_name("dir/", "selfie", ImageFormat::Png),
            "selfie.png"
        );
        assert_eq!(
            sanitize_file_name("😀😀", "selfie", ImageFormat::Png),
            "selfie.png"
        );
    }

    #[test]
    fn debug_hides_source_and_name() {
        let image =
            Image::new("/home/ana/passport.jpg", ImageFormat::Jpeg, 9).with_file_name("ana.jpg");
        let debug = format!("{image:?}");
        assert!(!debug.contains("ana"), "{debug}");
    }
}
