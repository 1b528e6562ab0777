//! [`Multipart`]: `multipart/form-data` framing (RFC 7578 / RFC 2046) without I/O.
//!
//! Given a boundary and the parts of a [`Body::Multipart`](super::Body), it computes the
//! exact bytes around every part and the exact total length, so a transport can stream
//! image files from disk behind a known `Content-Length` and rebuild the body for every
//! attempt.
//!
//! ```
//! use faceki_types::request::{Multipart, Part, Segment};
//!
//! let parts: Vec<Part<&[u8]>> = vec![
//!     Part::Text { name: "workflowId", value: "wf-1".into() },
//!     Part::File {
//!         name: "selfie",
//!         file_name: "selfie.jpg".into(),
//!         content_type: "image/jpeg",
//!         len: 3,
//!         source: &[0xFF, 0xD8, 0xFF][..],
//!     },
//! ];
//! let body = Multipart::new("XyZ0123", parts).unwrap();
//! assert_eq!(body.content_type(), "multipart/form-data; boundary=XyZ0123");
//! let mut bytes = Vec::new();
//! for segment in body.segments() {
//!     match segment {
//!         Segment::Bytes(b) => bytes.extend_from_slice(b),
//!         Segment::File { source, .. } => bytes.extend_from_slice(source),
//!         _ => unreachable!(),
//!     }
//! }
//! assert_eq!(bytes.len() as u64, body.content_length());
//! assert!(bytes.starts_with(b"--XyZ0123\r\nContent-Disposition: form-data; name=\"workflowId\"\r\n\r\nwf-1\r\n"));
//! assert!(bytes.ends_with(b"\r\n--XyZ0123--\r\n"));
//! ```

use std::fmt;

use super::{Part, RequestError};
use crate::image::{MAX_FILE_NAME_LEN, is_file_name_byte};

/// The longest boundary RFC 2046 allows.
pub const MAX_BOUNDARY_LEN: usize = 70;

/// One piece of a framed multipart body, in sending order.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Segment<S> {
    /// Bytes to send as they are: delimiters, part headers, text values and the closing
    /// delimiter.
    Bytes(Vec<u8>),
    /// The content of an image, to be read from its source.
    File {
        /// The part's field name.
        name: &'static str,
        /// Where the content comes from.
        source: S,
        /// Exactly how many bytes the source must yield.
        len: u64,
    },
}

impl<S> Segment<S> {
    /// The segment's length in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Segment::Bytes(bytes) => bytes.len() as u64,
            Segment::File { len, .. } => *len,
        }
    }

    /// Whether the segment is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<S> fmt::Debug for Segment<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Text values are personal data: only sizes are shown.
        match self {
            Segment::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            Segment::File { name, len, .. } => f
                .debug_struct("File")
                .field("name", name)
                .field("len", len)
                .finish_non_exhaustive(),
        }
    }
}

/// A framed `multipart/form-data` body: ordered [`Segment`]s, the exact total length
/// and the `Content-Type` header value.
#[derive(Clone, PartialEq, Eq)]
pub struct Multipart<S> {
    boundary: String,
    segments: Vec<Segment<S>>,
    content_length: u64,
}

impl<S> fmt::Debug for Multipart<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Multipart")
            .field("boundary", &self.boundary)
            .field("segments", &self.segments)
            .field("content_length", &self.content_length)
            .finish()
    }
}

/// Checks a boundary against RFC 2046: 1 to 70 characters among letters, digits and
/// `'()+_,-./:=? `, not ending with a space.
///
/// Image contents are not searched for the boundary (that would need I/O): use a
/// random boundary of 30 characters or more, which no image will contain.
pub fn validate_boundary(boundary: &str) -> Result<(), RequestError> {
    if boundary.is_empty() {
        return Err(RequestError::InvalidBoundary { reason: "is empty" });
    }
    if boundary.len() > MAX_BOUNDARY_LEN {
        return Err(RequestError::InvalidBoundary {
            reason: "is longer than 70 characters",
        });
    }
    if !boundary.bytes().all(is_bchar) {
        return Err(RequestError::InvalidBoundary {
            reason: "contains characters RFC 2046 does not allow",
        });
    }
    if boundary.ends_with(' ') {
        return Err(RequestError::InvalidBoundary {
            reason: "ends with a space",
        });
    }
    Ok(())
}

const fn is_bchar(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(
            b,
            b'\''
                | b'('
                | b')'
                | b'+'
                | b'_'
                | b','
                | b'-'
                | b'.'
                | b'/'
                | b':'
                | b'='
                | b'?'
                | b' '
        )
}

/// Whether a boundary character is an HTTP token character (otherwise the
/// `Content-Type` parameter must be quoted).
const fn is_token_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'+' | b'_' | b'-' | b'.')
}

fn check_part_name(name: &'static str) -> Result<(), RequestError> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(RequestError::InvalidField {
            field: name,
            reason: "part name must be ASCII letters, digits, `_` or `-`",
        });
    }
    Ok(())
}

fn check_file_name(field: &'static str, file_name: &str) -> Result<(), RequestError> {
    if file_name.is_empty()
        || file_name.len() > MAX_FILE_NAME_LEN
        || !file_name.bytes().all(is_file_name_byte)
    {
        return Err(RequestError::InvalidField {
            field,
            reason: "file name must be 1 to 64 ASCII letters, digits, `.`, `-` or `_`",
        });
    }
    Ok(())
}

fn check_content_type(field: &'static str, content_type: &str) -> Result<(), RequestError> {
    if content_type.is_empty()
        || !content_type
            .bytes()
            .all(|b| b.is_ascii_graphic() || b == b' ')
    {
        return Err(RequestError::InvalidField {
            field,
            reason: "content type must be printable ASCII",
        });
    }
    Ok(())
}

impl<S> Multipart<S> {
    /// Frames `parts` with `boundary`, in order.
    ///
    /// Errors: an invalid boundary ([`RequestError::InvalidBoundary`]), no parts
    /// ([`RequestError::EmptyMultipart`]), a text value containing `--<boundary>`
    /// ([`RequestError::BoundaryCollision`]), a part name, file name or content type that
    /// would break the part headers, or lengths whose sum overflows
    /// ([`RequestError::InvalidField`]).
    pub fn new(boundary: &str, parts: Vec<Part<S>>) -> Result<Self, RequestError> {
        validate_boundary(boundary)?;
        if parts.is_empty() {
            return Err(RequestError::EmptyMultipart);
        }
        let dash_boundary = format!("--{boundary}");
        let mut segments = Vec::with_capacity(parts.len() * 2 + 1);
        let mut pending: Vec<u8> = Vec::new();
        let mut total: u64 = 0;
        for part in parts {
            pending.extend_from_slice(dash_boundary.as_bytes());
            pending.extend_from_slice(b"\r\n");
            match part {
                Part::Text { name, value } => {
                    check_part_name(name)?;
                    if value.contains(&dash_boundary) {
                        return Err(RequestError::BoundaryCollision { field: name });
                    }
                    pending.extend_from_slice(
                        format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                            .as_bytes(),
                    );
                    pending.extend_from_slice(value.as_bytes());
                    pending.extend_from_slice(b"\r\n");
                }
                Part::File {
                    name,
                    file_name,
                    content_type,
                    len,
                    source,
                } => {
                    check_part_name(name)?;
                    check_file_name(name, &file_name)?;
                    check_content_type(name, content_type)?;
                    pending.extend_from_slice(
                        format!(
                            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                        )
                        .as_bytes(),
                    );
                    total = add(total, pending.len() as u64, name)?;
                    segments.push(Segment::Bytes(std::mem::take(&mut pending)));
                    total = add(total, len, name)?;
                    segments.push(Segment::File { name, source, len });
                    pending.extend_from_slice(b"\r\n");
                }
            }
        }
        pending.extend_from_slice(dash_boundary.as_bytes());
        pending.extend_from_slice(b"--\r\n");
        total = add(total, pending.len() as u64, "multipart")?;
        segments.push(Segment::Bytes(pending));
        Ok(Self {
            boundary: boundary.to_owned(),
            segments,
            content_length: total,
        })
    }

    /// The boundary.
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// The `Content-Type` header value, `multipart/form-data; boundary=…` (the boundary
    /// is quoted when it holds characters outside the HTTP token set).
    pub fn content_type(&self) -> String {
        if self.boundary.bytes().all(is_token_char) {
            format!("multipart/form-data; boundary={}", self.boundary)
        } else {
            format!("multipart/form-data; boundary=\"{}\"", self.boundary)
        }
    }

    /// The exact body length: the sum of every segment's length.
    pub fn content_length(&self) -> u64 {
        self.content_length
    }

    /// The segments, in sending order.
    pub fn segments(&self) -> &[Segment<S>] {
        &self.segments
    }

    /// Takes the segments out, for a transport that consumes the sources.
    pub fn into_segments(self) -> Vec<Segment<S>> {
        self.segments
    }
}

fn add(total: u64, len: u64, field: &'static str) -> Result<u64, RequestError> {
    total.checked_add(len).ok_or(RequestError::InvalidField {
        field,
        reason: "body length overflows",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &'static str, len: u64) -> Part<u64> {
        Part::File {
            name,
            file_name: format!("{name}.jpg"),
            content_type: "image/jpeg",
            len,
            source: len,
        }
    }

    #[test]
    fn frames_text_and_files_exactly() {
        let parts = vec![
            Part::Text {
                name: "link",
                value: "abc".into(),
            },
            file("selfie_image", 5),
            file("doc_front_image", 7),
        ];
        let body = Multipart::new("b0", parts).unwrap();
        let segs = body.segments();
        assert_eq!(segs.len(), 5);
        assert_eq!(
            segs[0],
            Segment::Bytes(
                b"--b0\r\nContent-Disposition: form-data; name=\"link\"\r\n\r\nabc\r\n--b0\r\nContent-Disposition: form-data; name=\"selfie_image\"; filename=\"selfie_image.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".to_vec()
            )
        );
        assert_eq!(
            segs[1],
            Segment::File {
                name: "selfie_image",
                source: 5,
                len: 5
            }
        );
        assert_eq!(
            segs[2],
            Segment::Bytes(
                b"\r\n--b0\r\nContent-Disposition: form-data; name=\"doc_front_image\"; filename=\"doc_front_image.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n".to_vec()
            )
        );
        assert_eq!(segs[4], Segment::Bytes(b"\r\n--b0--\r\n".to_vec()));
        let sum: u64 = segs.iter().map(Segment::len).sum();
        assert_eq!(body.content_length(), sum);
        assert_eq!(body.content_type(), "multipart/form-data; boundary=b0");
    }

    #[test]
    fn boundary_rules() {
        assert!(validate_boundary("").is_err());
        assert!(validate_boundary(&"a".repeat(70)).is_ok());
        assert!(validate_boundary(&"a".repeat(71)).is_err());
        assert!(validate_boundary("ab ").is_err());
        assert!(validate_boundary("a\"b").is_err());
        assert!(validate_boundary("a\r\nb").is_err());
        assert!(validate_boundary("é").is_err());
        let body = Multipart::new("a b:c", vec![file("selfie", 1)]).unwrap();
        assert_eq!(
            body.content_type(),
            "multipart/form-data; boundary=\"a b:c\""
        );
    }

    #[test]
    fn refuses_what_would_break_framing() {
        let collide = vec![Part::<u64>::Text {
            name: "link",
            value: "x--bnd".into(),
        }];
        assert_eq!(
            Multipart::new("bnd", collide),
            Err(RequestError::BoundaryCollision { field: "link" })
        );
        assert_eq!(
            Multipart::<u64>::new("bnd", vec![]),
            Err(RequestError::EmptyMultipart)
        );
        let bad_name = vec![Part::File {
            name: "selfie",
            file_name: "a\"b.jpg".into(),
            content_type: "image/jpeg",
            len: 1,
            source: 1u64,
        }];
        assert!(matches!(
            Multipart::new("bnd", bad_name),
            Err(RequestError::InvalidField {
                field: "selfie",
                ..
            })
        ));
        let overflow = vec![file("a", u64::MAX), file("b", 1)];
        assert!(Multipart::new("bnd", overflow).is_err());
    }
}
