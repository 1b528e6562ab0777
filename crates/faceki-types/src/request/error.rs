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
}
