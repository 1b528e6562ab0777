//! Hosted verification links: creating one (V2-6 / V3-2), validating one (V2-L1), and
//! the document types of the link flow (reference §2.7, §2.10, §3.2). The link flow's
//! verifications are built by [`SingleVerification::by_link`](super::SingleVerification::by_link),
//! [`MultiVerification::by_link`](super::MultiVerification::by_link) and
//! [`V3Verification::by_link`](super::V3Verification::by_link).

use serde::Serialize;

use super::validate::{APPLICATION_JSON, CONTENT_TYPE, optional_text, text};
use super::{Body, JsonBody, RequestError, RequestSpec};
use crate::endpoint::Endpoint;

/// V2-6 / V3-2: `POST /kycverify/api/kycverify/kyc-verify-link` with a JSON body.
///
/// Every field is optional on the V2 page; V3 requires `workflowId`. Fields left unset
/// are omitted from the body. `expiryTime` is sent as a JSON number of minutes
/// (reference quirk 9).
///
/// ```
/// use faceki_types::request::{Body, CreateLink};
///
/// let spec = CreateLink::new()
///     .expiry_minutes(30)
///     .application_id("app-7")
///     .workflow_id("wf-1")
///     .build()
///     .unwrap();
/// let Body::Json(json) = spec.body_ref() else { unreachable!() };
/// assert_eq!(json.bytes, br#"{"expiryTime":30,"applicationId":"app-7","workflowId":"wf-1"}"#);
/// assert_eq!(spec.headers()[0].value, "application/json");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct CreateLink {
    expiry_minutes: Option<u64>,
    application_id: Option<String>,
    redirect_url: Option<String>,
    document_optional: Option<bool>,
    require_additional_doc: Option<bool>,
    workflow_id: Option<String>,
}

/// The application id (your reference for a person) shows as present or not.
impl std::fmt::Debug for CreateLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateLink")
            .field("expiry_minutes", &self.expiry_minutes)
            .field("application_id", &super::shown_id(&self.application_id))
            .field("redirect_url", &self.redirect_url)
            .field("document_optional", &self.document_optional)
            .field("require_additional_doc", &self.require_additional_doc)
            .field("workflow_id", &self.workflow_id)
            .finish()
    }
}

#[derive(Serialize)]
struct CreateLinkBody<'a> {
    #[serde(rename = "expiryTime", skip_serializing_if = "Option::is_none")]
    expiry_time: Option<u64>,
    #[serde(rename = "applicationId", skip_serializing_if = "Option::is_none")]
    application_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redirect_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document_optional: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    require_additional_doc: Option<bool>,
    #[serde(rename = "workflowId", skip_serializing_if = "Option::is_none")]
    workflow_id: Option<&'a str>,
}

impl CreateLink {
    /// A link request with no field set.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long the link stays valid, in minutes (`expiryTime`).
    pub fn expiry_minutes(mut self, minutes: u64) -> Self {
        self.expiry_minutes = Some(minutes);
        self
    }

    /// The caller's identifier for the record (`applicationId`); records can later be
    /// fetched by it with [`records_by_reference_request`](super::records_by_reference_request).
    pub fn application_id(mut self, application_id: impl Into<String>) -> Self {
        self.application_id = Some(application_id.into());
        self
    }

    /// Where the user is sent after the verification (`redirect_url`).
    pub fn redirect_url(mut self, redirect_url: impl Into<String>) -> Self {
        self.redirect_url = Some(redirect_url.into());
        self
    }

    /// Whether the user picks one of the workflow's documents (`document_optional`).
    pub fn document_optional(mut self, document_optional: bool) -> Self {
        self.document_optional = Some(document_optional);
        self
    }

    /// Whether an additional proof-of-address document is asked for
    /// (`require_additional_doc`, sent by the Python SDK).
    pub fn require_additional_doc(mut self, require_additional_doc: bool) -> Self {
        self.require_additional_doc = Some(require_additional_doc);
        self
    }

    /// The V3 workflow (`workflowId`), mandatory for V3 accounts.
    pub fn workflow_id(mut self, workflow_id: impl Into<String>) -> Self {
        self.workflow_id = Some(workflow_id.into());
        self
    }

    /// Checks the text fields (non-blank, no control characters) and describes the call.
    pub fn build(self) -> Result<RequestSpec, RequestError> {
        let application_id = optional_text("applicationId", self.application_id)?;
        let redirect_url = optional_text("redirect_url", self.redirect_url)?;
        let workflow_id = optional_text("workflowId", self.workflow_id)?;
        let body = CreateLinkBody {
            expiry_time: self.expiry_minutes,
            application_id: application_id.as_deref(),
            redirect_url: redirect_url.as_deref(),
            document_optional: self.document_optional,
            require_additional_doc: self.require_additional_doc,
            workflow_id: workflow_id.as_deref(),
        };
        let bytes = serde_json::to_vec(&body).map_err(|_| RequestError::InvalidField {
            field: "applicationId",
            reason: "cannot be serialized as JSON",
        })?;
        Ok(RequestSpec::new(Endpoint::CreateLink)
            .header(CONTENT_TYPE, APPLICATION_JSON)
            .body(Body::Json(JsonBody { bytes })))
    }
}

/// V2-L1: `GET /kycverify/api/kycverify/validate-kyc-verify-link?url=<link_id>`, no
/// token; answers with the KYC rules.
pub fn validate_link_request(link_id: &str) -> Result<RequestSpec, RequestError> {
    text("url", link_id)?;
    Ok(RequestSpec::new(Endpoint::ValidateLink).query("url", link_id))
}

/// The document type of a link-flow single verification (`selectedDoc`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SelectedDoc {
    /// `"ID Card"`
    IdCard,
    /// `"Passport"`
    Passport,
    /// `"Driving License"`
    DrivingLicense,
    /// Any other name, sent as it is (must be non-blank).
    Other(String),
}

impl SelectedDoc {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            SelectedDoc::IdCard => "ID Card",
            SelectedDoc::Passport => "Passport",
            SelectedDoc::DrivingLicense => "Driving License",
            SelectedDoc::Other(other) => other,
        }
    }
}

impl From<&str> for SelectedDoc {
    fn from(value: &str) -> Self {
        match value {
            "ID Card" => SelectedDoc::IdCard,
            "Passport" => SelectedDoc::Passport,
            "Driving License" => SelectedDoc::DrivingLicense,
            other => SelectedDoc::Other(other.to_owned()),
        }
    }
}

impl From<String> for SelectedDoc {
    fn from(value: String) -> Self {
        match SelectedDoc::from(value.as_str()) {
            SelectedDoc::Other(_) => SelectedDoc::Other(value),
            known => known,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::request::Auth;
    use crate::request::testing::{Img, file, jpeg, names, text as text_of};
    use crate::request::{MultiVerification, SingleVerification};

    fn json(spec: &RequestSpec) -> serde_json::Value {
        let Body::Json(json) = spec.body_ref() else {
            panic!("expected JSON")
        };
        serde_json::from_slice(&json.bytes).unwrap()
    }

    #[test]
    fn create_link_sends_only_set_fields() {
        let spec = CreateLink::new().build().unwrap();
        assert_eq!(spec.method(), Method::Post);
        assert_eq!(
            spec.path_and_query(),
            "/kycverify/api/kycverify/kyc-verify-link"
        );
        assert_eq!(spec.auth(), Auth::Bearer);
        assert_eq!(json(&spec), serde_json::json!({}));
        assert_eq!(spec.headers()[0].name, "content-type");
        let spec = CreateLink::new()
            .expiry_minutes(0)
            .application_id("a\"pp")
            .redirect_url("https://example.com/done?x=1")
            .document_optional(false)
            .require_additional_doc(true)
            .workflow_id("wf")
            .build()
            .unwrap();
        assert_eq!(
            json(&spec),
            serde_json::json!({
                "expiryTime": 0, "applicationId": "a\"pp", "redirect_url": "https://example.com/done?x=1",
                "document_optional": false, "require_additional_doc": true, "workflowId": "wf"
            })
        );
        assert_eq!(
            CreateLink::new().workflow_id(" ").build().unwrap_err(),
            RequestError::MissingField {
                field: "workflowId"
            }
        );
        assert!(matches!(
            CreateLink::new()
                .redirect_url("https://x\r\n")
                .build()
                .unwrap_err(),
            RequestError::InvalidField {
                field: "redirect_url",
                ..
            }
        ));
    }

    #[test]
    fn validate_link_uses_url_query() {
        let spec = validate_link_request("bdb2 1481").unwrap();
        assert_eq!(spec.auth(), Auth::None);
        assert_eq!(
            spec.path_and_query(),
            "/kycverify/api/kycverify/validate-kyc-verify-link?url=bdb2+1481"
        );
        assert_eq!(
            validate_link_request("").unwrap_err(),
            RequestError::MissingField { field: "url" }
        );
    }

    #[test]
    fn link_multi_puts_link_first() {
        let spec = MultiVerification::by_link("L1")
            .selfie_image(jpeg("s"))
            .pp_front_image(jpeg("p"))
            .build()
            .unwrap();
        assert_eq!(spec.endpoint(), Endpoint::LinkMultiVerification);
        assert_eq!(
            spec.path(),
            "/kycverify/api/kycverify/multiple-kyc-verification"
        );
        assert_eq!(spec.auth(), Auth::None);
        assert_eq!(names(&spec), ["link", "selfie_image", "pp_front_image"]);
        assert_eq!(text_of(&spec, "link"), Some("L1"));
        let err = MultiVerification::by_link(" ")
            .selfie_image(jpeg("s"))
            .pp_front_image(jpeg("p"))
            .build()
            .unwrap_err();
        assert_eq!(err, RequestError::MissingField { field: "link" });
    }

    #[test]
    fn link_single_sends_text_then_images() {
        let spec = SingleVerification::by_link("L2", "Driving License")
            .selfie_image(jpeg("s"))
            .doc_back_image(jpeg("b"))
            .doc_front_image(jpeg("f"))
            .build()
            .unwrap();
        assert_eq!(spec.path(), "/kycverify/api/kycverify/request-kyc");
        assert_eq!(
            names(&spec),
            [
                "selectedDoc",
                "link",
                "doc_front_image",
                "doc_back_image",
                "selfie_image"
            ]
        );
        assert_eq!(text_of(&spec, "selectedDoc"), Some("Driving License"));
        assert_eq!(
            file(&spec, "selfie_image").map(|f| f.0),
            Some("selfie_image.jpg")
        );
        assert_eq!(SelectedDoc::from("Passport"), SelectedDoc::Passport);
        let other = SingleVerification::by_link("L", SelectedDoc::Other("Residence Permit".into()))
            .selfie_image(jpeg("s"))
            .doc_back_image(jpeg("b"))
            .doc_front_image(jpeg("f"))
            .build()
            .unwrap();
        assert_eq!(text_of(&other, "selectedDoc"), Some("Residence Permit"));
    }

    #[test]
    fn link_single_errors_name_the_field() {
        let err = SingleVerification::<Img>::by_link("L", "")
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            RequestError::MissingField {
                field: "selectedDoc"
            }
        );
        let err = SingleVerification::by_link("L", SelectedDoc::IdCard)
            .doc_front_image(jpeg("f"))
            .doc_back_image(jpeg("b"))
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            RequestError::MissingField {
                field: "selfie_image"
            }
        );
    }
}
