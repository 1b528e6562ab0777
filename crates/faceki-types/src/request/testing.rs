//! Helpers for the builders' unit tests.

use super::{Body, Part, RequestSpec};
use crate::image::{Image, ImageFormat};

/// The image type of the builders' tests.
pub(crate) type Img = Image<&'static str>;

/// A JPEG image whose source is its own tag.
pub(crate) fn jpeg(tag: &'static str) -> Image<&'static str> {
    Image::new(tag, ImageFormat::Jpeg, 10)
}

/// A PNG image whose source is its own tag.
pub(crate) fn png(tag: &'static str) -> Image<&'static str> {
    Image::new(tag, ImageFormat::Png, 20)
}

/// The multipart parts of a spec; panics on another body.
pub(crate) fn parts<S>(spec: &RequestSpec<S>) -> &[Part<S>] {
    match spec.body_ref() {
        Body::Multipart(parts) => parts,
        other => panic!("expected a multipart body, got {other:?}"),
    }
}

/// The part names, in order.
pub(crate) fn names<S>(spec: &RequestSpec<S>) -> Vec<&'static str> {
    parts(spec).iter().map(Part::name).collect()
}

/// The value of a text part.
pub(crate) fn text<'a, S>(spec: &'a RequestSpec<S>, name: &str) -> Option<&'a str> {
    parts(spec).iter().find_map(|p| match p {
        Part::Text { name: n, value } if *n == name => Some(value.as_str()),
        _ => None,
    })
}

/// `(file name, content type, source)` of a file part.
pub(crate) fn file<'a, S>(
    spec: &'a RequestSpec<S>,
    name: &str,
) -> Option<(&'a str, &'static str, &'a S)> {
    parts(spec).iter().find_map(|p| match p {
        Part::File {
            name: n,
            file_name,
            content_type,
            source,
            ..
        } if *n == name => Some((file_name.as_str(), *content_type, source)),
        _ => None,
    })
}
