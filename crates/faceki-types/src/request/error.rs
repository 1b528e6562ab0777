//! [`RequestError`]: a request that cannot be built, reported before anything is sent.

/// Why a request description could not be built. Nothing was sent.
///
/// Messages name the offending field but never echo its value: values may be
/// secrets or personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RequestError {
    /// A mandatory field or part is missing or blank.
    #[error("missing required field `{field}`")]
    MissingField {
        /// The wire name of the field or multipart part.
        field: &'static str,
    },
    /// A text field holds something the API cannot accept.
    #[error("invalid value for `{field}`: {reason}")]
    InvalidField {
        /// The wire name of the field.
        field: &'static str,
        /// What is wrong with it (never the value itself).
        reason: &'static str,
    },
    /// An image part has no content (its length is 0).
    #[error("image `{field}` is empty")]
    EmptyImage {
        /// The wire name of the image part.
        field: &'static str,
    },
    /// The back of a document was given without its front.
    #[error("`{field}` was given without `{front}`")]
    DocumentBackWithoutFront {
        /// The wire name of the back part.
        field: &'static str,
        /// The wire name of the missing front part.
        front: &'static str,
    },
    /// A numbered document was given while an earlier slot is empty (V3 slots are
    /// positional: document 3 needs document 2).
    #[error("`{field}` was given without `{previous}`")]
    DocumentOutOfOrder {
        /// The wire name of the part given.
        field: &'static str,
        /// The wire name of the missing earlier part.
        previous: &'static str,
    },
    /// None of several alternative fields was given; at least one is required.
    #[error("at least one of {} is required", list(fields))]
    MissingOneOf {
        /// The wire names of the alternatives.
        fields: &'static [&'static str],
    },
    /// A multipart boundary that RFC 2046 does not allow.
    #[error("invalid multipart boundary: {reason}")]
    InvalidBoundary {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A text part's value contains the multipart boundary delimiter.
    #[error("value of `{field}` contains the multipart boundary")]
    BoundaryCollision {
        /// The wire name of the text part.
        field: &'static str,
    },
    /// A multipart body without any part.
    #[error("a multipart body needs at least one part")]
    EmptyMultipart,
    /// A configured path (the PDF report's) that cannot be used.
    #[error("invalid path: {reason}")]
    InvalidPath {
        /// What is wrong with it (never the path itself).
        reason: &'static str,
    },
}

fn list(fields: &[&str]) -> String {
    let quoted: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_fields() {
        let err = RequestError::MissingOneOf {
            fields: &["requestId", "face_id"],
        };
        assert_eq!(
            err.to_string(),
            "at least one of `requestId`, `face_id` is required"
        );
        let err = RequestError::DocumentBackWithoutFront {
            field: "document_2_back",
            front: "document_2_front",
        };
        assert_eq!(
            err.to_string(),
            "`document_2_back` was given without `document_2_front`"
        );
        let err = RequestError::EmptyImage { field: "selfie" };
        assert_eq!(err.to_string(), "image `selfie` is empty");
    }
}
