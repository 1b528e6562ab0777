//! V3-6, the PDF report, whose path is undocumented (reference §3.7): the caller
//! configures it as a [`PdfReportPath`].

use std::borrow::Cow;

use super::validate::text;
use super::{RequestError, RequestSpec};
use crate::endpoint::Endpoint;

/// Where the PDF report lives. Faceki does not document it, so there is no default.
///
/// A template holding [`PdfReportPath::PLACEHOLDER`] (`{requestId}`) gets the request
/// id substituted, percent-encoded; any other path gets `?requestId=<id>` appended.
///
/// The template must start with `/`, be printable ASCII without spaces, and hold no
/// `?`, `#`, `..`, or braces other than the placeholder.
///
/// ```
/// use faceki_types::request::{PdfReportPath, v3_pdf_report_request};
///
/// let path = PdfReportPath::new("/api/v3/kyc_verification/report/{requestId}").unwrap();
/// let spec = v3_pdf_report_request(&path, "a b/c").unwrap();
/// assert_eq!(spec.path_and_query(), "/api/v3/kyc_verification/report/a%20b%2Fc");
///
/// let path = PdfReportPath::new("/api/v3/kyc_verification/pdf").unwrap();
/// let spec = v3_pdf_report_request(&path, "r-1").unwrap();
/// assert_eq!(spec.path_and_query(), "/api/v3/kyc_verification/pdf?requestId=r-1");
///
/// assert!(PdfReportPath::new("/x/../admin").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PdfReportPath {
    template: String,
}

impl PdfReportPath {
    /// The placeholder replaced by the request id.
    pub const PLACEHOLDER: &'static str = "{requestId}";

    /// Checks a path template.
    pub fn new(template: impl Into<String>) -> Result<Self, RequestError> {
        let template = template.into();
        let invalid = |reason| Err(RequestError::InvalidPath { reason });
        if !template.starts_with('/') {
            return invalid("must start with `/`");
        }
        if !template.bytes().all(|b| b.is_ascii_graphic()) {
            return invalid("must be printable ASCII without spaces");
        }
        if template.contains(['?', '#']) {
            return invalid("must not contain `?` or `#`");
        }
        if template.contains("..") {
            return invalid("must not contain `..`");
        }
        if template.replace(Self::PLACEHOLDER, "").contains(['{', '}']) {
            return invalid("braces are only allowed in `{requestId}`");
        }
        Ok(Self { template })
    }

    /// The template as configured.
    pub fn as_str(&self) -> &str {
        &self.template
    }

    /// Whether the template holds the placeholder.
    pub fn has_placeholder(&self) -> bool {
        self.template.contains(Self::PLACEHOLDER)
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// V3-6: `GET <path>` for the report of `request_id` (non-blank, no control
/// characters; `.` and `..` are refused where they would become path segments).
pub fn v3_pdf_report_request(
    path: &PdfReportPath,
    request_id: &str,
) -> Result<RequestSpec, RequestError> {
    text("requestId", request_id)?;
    if path.has_placeholder() {
        if request_id == "." || request_id == ".." {
            return Err(RequestError::InvalidField {
                field: "requestId",
                reason: "is a dot segment",
            });
        }
        let resolved = path
            .template
            .replace(PdfReportPath::PLACEHOLDER, &encode_segment(request_id));
        Ok(RequestSpec::with_path(
            Endpoint::V3PdfReport,
            Cow::Owned(resolved),
        ))
    } else {
        Ok(
            RequestSpec::with_path(Endpoint::V3PdfReport, Cow::Owned(path.template.clone()))
                .query("requestId", request_id),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::request::Auth;

    #[test]
    fn substitutes_or_appends() {
        let path = PdfReportPath::new("/r/{requestId}/pdf").unwrap();
        let spec = v3_pdf_report_request(&path, "é?#%").unwrap();
        assert_eq!(spec.method(), Method::Get);
        assert_eq!(spec.auth(), Auth::Bearer);
        assert_eq!(spec.endpoint(), Endpoint::V3PdfReport);
        assert_eq!(spec.path_and_query(), "/r/%C3%A9%3F%23%25/pdf");
        let path = PdfReportPath::new("/report").unwrap();
        let spec = v3_pdf_report_request(&path, "a&b").unwrap();
        assert_eq!(spec.path(), "/report");
        assert_eq!(spec.path_and_query(), "/report?requestId=a%26b");
    }

    #[test]
    fn refuses_bad_paths_and_ids() {
        for bad in [
            "report", "/a?b", "/a#b", "/a/../b", "/a b", "/é", "/{x}", "/a\n", "",
        ] {
            assert!(
                matches!(
                    PdfReportPath::new(bad),
                    Err(RequestError::InvalidPath { .. })
                ),
                "{bad:?}"
            );
        }
        let path = PdfReportPath::new("/r/{requestId}").unwrap();
        assert!(v3_pdf_report_request(&path, "..").is_err());
        assert_eq!(
            v3_pdf_report_request(&path, " ").unwrap_err(),
            RequestError::MissingField { field: "requestId" }
        );
        assert_eq!(
            v3_pdf_report_request(&path, "a..b").unwrap().path(),
            "/r/a..b"
        );
    }
}
