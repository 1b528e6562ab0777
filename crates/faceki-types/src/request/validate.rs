//! Shared checks of the request builders: ids and text fields, image parts, document
//! pairs. Every error names the wire field, never the value.

use super::{Part, RequestError};
use crate::image::Image;

/// `Content-Type` header name, lower-case like every header of a [`super::RequestSpec`].
pub(crate) const CONTENT_TYPE: &str = "content-type";
/// The JSON media type.
pub(crate) const APPLICATION_JSON: &str = "application/json";

/// A mandatory id or text value: not blank ([`RequestError::MissingField`]) and free of
/// control characters such as CR and LF ([`RequestError::InvalidField`]).
pub(crate) fn text(field: &'static str, value: &str) -> Result<(), RequestError> {
    if value.trim().is_empty() {
        return Err(RequestError::MissingField { field });
    }
    if value.chars().any(char::is_control) {
        return Err(RequestError::InvalidField {
            field,
            reason: "contains control characters",
        });
    }
    Ok(())
}

/// An optional text value: when given, it must pass [`text`].
pub(crate) fn optional_text(
    field: &'static str,
    value: Option<String>,
) -> Result<Option<String>, RequestError> {
    if let Some(v) = &value {
        text(field, v)?;
    }
    Ok(value)
}

/// A validated text part.
pub(crate) fn text_part<S>(name: &'static str, value: String) -> Result<Part<S>, RequestError> {
    text(name, &value)?;
    Ok(Part::Text { name, value })
}

/// The file part for an image: refuses empty content and picks the wire file name.
pub(crate) fn image_part<S>(name: &'static str, image: Image<S>) -> Result<Part<S>, RequestError> {
    if image.len == 0 {
        return Err(RequestError::EmptyImage { field: name });
    }
    let file_name = image.wire_file_name(name);
    Ok(Part::File {
        name,
        file_name,
        content_type: image.format.content_type(),
        len: image.len,
        source: image.source,
    })
}

/// A mandatory image.
pub(crate) fn required_image<S>(
    name: &'static str,
    image: Option<Image<S>>,
) -> Result<Part<S>, RequestError> {
    image_part(
        name,
        image.ok_or(RequestError::MissingField { field: name })?,
    )
}

/// One document's front and back parts.
pub(crate) struct Pair<S> {
    pub(crate) front_name: &'static str,
    pub(crate) front: Option<Image<S>>,
    pub(crate) back_name: &'static str,
    pub(crate) back: Option<Image<S>>,
}

impl<S> Pair<S> {
    /// A document's two slots and what fills them.
    pub(crate) fn new(
        front_slot: super::ImageSlot,
        front: Option<Image<S>>,
        back_slot: super::ImageSlot,
        back: Option<Image<S>>,
    ) -> Self {
        Self {
            front_name: front_slot.name,
            front,
            back_name: back_slot.name,
            back,
        }
    }

    /// Whether any side was given.
    pub(crate) fn is_given(&self) -> bool {
        self.front.is_some() || self.back.is_some()
    }

    /// Appends the pair's parts (front, then back). A back without its front is
    /// [`RequestError::DocumentBackWithoutFront`]; a front without its back is
    /// [`RequestError::MissingField`] naming the back when `back_required`.
    pub(crate) fn push_to(
        self,
        back_required: bool,
        parts: &mut Vec<Part<S>>,
    ) -> Result<(), RequestError> {
        match (self.front, self.back) {
            (None, None) => Ok(()),
            (None, Some(_)) => Err(RequestError::DocumentBackWithoutFront {
                field: self.back_name,
                front: self.front_name,
            }),
            (Some(front), back) => {
                parts.push(image_part(self.front_name, front)?);
                match back {
                    Some(back) => parts.push(image_part(self.back_name, back)?),
                    None if back_required => {
                        return Err(RequestError::MissingField {
                            field: self.back_name,
                        });
                    }
                    None => {}
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::image::ImageFormat;

    #[test]
    fn text_rules() {
        assert_eq!(
            text("link", " \t"),
            Err(RequestError::MissingField { field: "link" })
        );
        assert!(matches!(
            text("link", "a\r\nb"),
            Err(RequestError::InvalidField { field: "link", .. })
        ));
        assert_eq!(text("link", "ünïcode ok"), Ok(()));
    }

    #[test]
    fn empty_image_is_refused() {
        let err = image_part("selfie", Image::new((), ImageFormat::Jpeg, 0)).unwrap_err();
        assert_eq!(err, RequestError::EmptyImage { field: "selfie" });
    }
}
