//! Record look-ups: by link id, by reference id, and the filtered records query
//! (reference §2.8 and §3.5).
//!
//! The documentation marks `Content-Type: application/json` as a required header of
//! the records calls, so it is sent even though they have no body.

use super::validate::{APPLICATION_JSON, CONTENT_TYPE, optional_text, text};
use super::{RequestError, RequestSpec};
use crate::endpoint::Endpoint;

/// V2-7: `GET /kycverify/api/kycverify/link?linkId=<link_id>`.
pub fn records_by_link_request(link_id: &str) -> Result<RequestSpec, RequestError> {
    text("linkId", link_id)?;
    Ok(RequestSpec::new(Endpoint::RecordsByLink)
        .header(CONTENT_TYPE, APPLICATION_JSON)
        .query("linkId", link_id))
}

/// V2-8: `GET /kycverify/api/kycverify/reference?referenceId=<reference_id>` (the
/// `applicationId` given when the link was created).
pub fn records_by_reference_request(reference_id: &str) -> Result<RequestSpec, RequestError> {
    text("referenceId", reference_id)?;
    Ok(RequestSpec::new(Endpoint::RecordsByReference)
        .header(CONTENT_TYPE, APPLICATION_JSON)
        .query("referenceId", reference_id))
}

/// The filters of the records query, one of which is required.
pub const RECORDS_FILTERS: &[&str] = &["requestId", "face_id", "link", "record_identifier"];

/// V2-9 / V3-4: `GET /kycverify/api/kycverify/records` filtered by `requestId`,
/// `face_id`, `link` and `record_identifier` (sent in that order). At least one filter
/// is required; every filter given must be non-blank.
///
/// ```
/// use faceki_types::request::RecordsQuery;
///
/// let spec = RecordsQuery::new().record_identifier("client 42/a").build().unwrap();
/// assert_eq!(spec.path_and_query(), "/kycverify/api/kycverify/records?record_identifier=client+42%2Fa");
/// assert!(RecordsQuery::new().build().is_err());
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RecordsQuery {
    request_id: Option<String>,
    face_id: Option<String>,
    link: Option<String>,
    record_identifier: Option<String>,
}

/// Shows which filters are set, never their values (ids that identify a person).
impl std::fmt::Debug for RecordsQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordsQuery")
            .field("request_id", &super::shown_id(&self.request_id))
            .field("face_id", &super::shown_id(&self.face_id))
            .field("link", &super::shown_id(&self.link))
            .field(
                "record_identifier",
                &super::shown_id(&self.record_identifier),
            )
            .finish()
    }
}

impl RecordsQuery {
    /// A query without filters: set at least one.
    pub fn new() -> Self {
        Self::default()
    }

    /// Faceki's request id (`requestId`).
    pub fn request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The person's face id from an earlier verification (`face_id`).
    pub fn face_id(mut self, face_id: impl Into<String>) -> Self {
        self.face_id = Some(face_id.into());
        self
    }

    /// A generated link id (`link`).
    pub fn link(mut self, link: impl Into<String>) -> Self {
        self.link = Some(link.into());
        self
    }

    /// The caller's own identifier sent with the verification (`record_identifier`).
    pub fn record_identifier(mut self, record_identifier: impl Into<String>) -> Self {
        self.record_identifier = Some(record_identifier.into());
        self
    }

    /// Checks the filters and describes the call.
    pub fn build(self) -> Result<RequestSpec, RequestError> {
        let filters = [
            ("requestId", optional_text("requestId", self.request_id)?),
            ("face_id", optional_text("face_id", self.face_id)?),
            ("link", optional_text("link", self.link)?),
            (
                "record_identifier",
                optional_text("record_identifier", self.record_identifier)?,
            ),
        ];
        if filters.iter().all(|(_, v)| v.is_none()) {
            return Err(RequestError::MissingOneOf {
                fields: RECORDS_FILTERS,
            });
        }
        let mut spec = RequestSpec::new(Endpoint::Records).header(CONTENT_TYPE, APPLICATION_JSON);
        for (name, value) in filters {
            if let Some(value) = value {
                spec = spec.query(name, value);
            }
        }
        Ok(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::request::Auth;

    #[test]
    fn by_link_and_reference_encode_their_id() {
        let spec = records_by_link_request("a&b=c").unwrap();
        assert_eq!(spec.method(), Method::Get);
        assert_eq!(spec.auth(), Auth::Bearer);
        assert_eq!(
            spec.path_and_query(),
            "/kycverify/api/kycverify/link?linkId=a%26b%3Dc"
        );
        assert_eq!(spec.headers()[0].value, "application/json");
        let spec = records_by_reference_request("app 1").unwrap();
        assert_eq!(
            spec.path_and_query(),
            "/kycverify/api/kycverify/reference?referenceId=app+1"
        );
        assert_eq!(
            records_by_link_request("  ").unwrap_err(),
            RequestError::MissingField { field: "linkId" }
        );
        assert!(matches!(
            records_by_reference_request("a\nb").unwrap_err(),
            RequestError::InvalidField {
                field: "referenceId",
                ..
            }
        ));
    }

    #[test]
    fn records_query_keeps_filter_order() {
        let spec = RecordsQuery::new()
            .record_identifier("r")
            .link("l")
            .face_id("f")
            .request_id("q")
            .build()
            .unwrap();
        assert_eq!(
            spec.path_and_query(),
            "/kycverify/api/kycverify/records?requestId=q&face_id=f&link=l&record_identifier=r"
        );
        assert_eq!(spec.endpoint(), Endpoint::Records);
    }

    #[test]
    fn records_query_needs_a_filter() {
        assert_eq!(
            RecordsQuery::new().build().unwrap_err(),
            RequestError::MissingOneOf {
                fields: RECORDS_FILTERS
            }
        );
        assert_eq!(
            RecordsQuery::new()
                .request_id("q")
                .face_id("")
                .build()
                .unwrap_err(),
            RequestError::MissingField { field: "face_id" }
        );
    }
}
