//! [`Workflow`]: a V3 workflow held by the sandbox, and its rules object (§3.8 shape).

use serde_json::{Value, json};

/// A V3 workflow: which documents a verification must carry.
///
/// ```
/// use faceki_sandbox::Workflow;
///
/// let wf = Workflow::new("wf-passport", ["Passport"]).document_optional(false);
/// assert_eq!(wf.id(), "wf-passport");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Workflow {
    id: String,
    documents: Vec<String>,
    document_optional: bool,
    callback_url: Option<String>,
}

impl Workflow {
    /// The id of the workflow every sandbox starts with.
    pub const DEFAULT_ID: &'static str = "wf-default";

    /// A workflow requiring these documents (`"ID Card"`, `"Passport"`,
    /// `"Driving License"`), in slot order.
    pub fn new<I, S>(id: impl Into<String>, documents: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Workflow {
            id: id.into(),
            documents: documents.into_iter().map(Into::into).collect(),
            document_optional: false,
            callback_url: None,
        }
    }

    /// The pre-configured workflow: `wf-default` requiring an `"ID Card"`.
    pub fn default_workflow() -> Self {
        Workflow::new(Self::DEFAULT_ID, ["ID Card"])
    }

    /// When true, one of the workflow's documents is enough.
    pub fn document_optional(mut self, optional: bool) -> Self {
        self.document_optional = optional;
        self
    }

    /// A webhook URL for this workflow (overrides the sandbox-wide one).
    pub fn callback_url(mut self, url: impl Into<String>) -> Self {
        self.callback_url = Some(url.into());
        self
    }

    /// The workflow id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The required documents, in slot order.
    pub fn documents(&self) -> &[String] {
        &self.documents
    }

    pub(crate) fn is_document_optional(&self) -> bool {
        self.document_optional
    }

    pub(crate) fn webhook(&self) -> Option<&str> {
        self.callback_url.as_deref()
    }

    /// The §3.8 V3-7 rules object.
    pub(crate) fn rules_json(&self, fallback_callback: Option<&str>) -> Value {
        json!({
            "_id": format!("5a4d0000{:016x}", fnv(self.id.as_bytes())),
            "branchId": "sandbox-branch",
            "workflowId": self.id,
            "companyId": "sandbox-company",
            "documents": self.documents,
            "liveness_type": "MODERATE",
            "ocr_only": false,
            "user_verify_once": false,
            "document_optional": self.document_optional,
            "store_data": true,
            "recaptured_allow": false,
            "geolocation_enforce": false,
            "auto_capture": true,
            "sms_verification": false,
            "email_verification": false,
            "face_match_score": 95,
            "minAge": 18,
            "maxAge": 100,
            "theme": {
                "backgroundColor": "", "cardBackgroundColor": "", "iconColorDesktop": "",
                "buttonColor": "", "headingColor": "", "textColor": "", "iconColor": "",
                "selfieImage": "", "logoImage": "", "skipEmailScreen": false,
                "skipResult": false, "successText": "", "declineText": "",
                "imageUrls": [], "language": "en"
            },
            "amlType": "NONE",
            "callbackURL": self.callback_url.as_deref().or(fallback_callback).unwrap_or(""),
            "region": "sandbox",
            "__v": 0
        })
    }
}

/// FNV-1a, for stable ids and for recognising identical selfies.
pub(crate) fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
