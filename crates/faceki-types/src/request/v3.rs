//! V3 ("Blaze") calls: verification (with a token or through a link), face search,
//! face analysis and workflow rules (reference §3.3, §3.6, §3.8).

use super::validate::{Pair, optional_text, required_image, required_text, text, text_part};
use super::{Body, Part, RequestError, RequestSpec};
use crate::endpoint::Endpoint;
use crate::image::Image;

/// V3-5: search verified records by face (billed), one part `selfie`.
pub fn v3_search_by_face_request<S>(selfie: Image<S>) -> Result<RequestSpec<S>, RequestError> {
    let part = required_image("selfie", Some(selfie))?;
    Ok(RequestSpec::new(Endpoint::V3SearchByFace).body(Body::Multipart(vec![part])))
}

/// V3-10: analyze a face (age range, gender, liveness), one part `selfie`.
pub fn v3_analyze_face_request<S>(selfie: Image<S>) -> Result<RequestSpec<S>, RequestError> {
    let part = required_image("selfie", Some(selfie))?;
    Ok(RequestSpec::new(Endpoint::V3AnalyzeFace).body(Body::Multipart(vec![part])))
}

/// V3-7: `GET /api/v3/workflows/rules?workflowId=<workflow_id>`.
pub fn v3_workflow_rules_request(workflow_id: &str) -> Result<RequestSpec, RequestError> {
    text("workflowId", workflow_id)?;
    Ok(RequestSpec::new(Endpoint::V3WorkflowRules).query("workflowId", workflow_id))
}

/// V3-8: `GET /api/v3/workflows/rulesbylink?link=<link_id>`, no token.
pub fn v3_workflow_rules_by_link_request(link: &str) -> Result<RequestSpec, RequestError> {
    text("link", link)?;
    Ok(RequestSpec::new(Endpoint::V3WorkflowRulesByLink).query("link", link))
}

/// V3-3: verification against a workflow; also V3-9 through a link with
/// [`build_with_link`](Self::build_with_link).
///
/// Rules (reference §3.3 and quirk 10):
///
/// - `selfie`, `workflowId` and `document_1_front` are required;
/// - every back is optional (passports have none);
/// - a back without its front is [`RequestError::DocumentBackWithoutFront`];
/// - slots are positional: document 3 without document 2 is
///   [`RequestError::DocumentOutOfOrder`];
/// - `record_identifier` is optional.
///
/// Parts are sent in this order: text parts `workflowId`, `record_identifier`,
/// `link`, then `selfie`, `document_1_front`, `document_1_back`, `document_2_front`,
/// `document_2_back`, `document_3_front`, `document_3_back`.
///
/// ```
/// use faceki_types::{Image, ImageFormat, request::V3Verification};
///
/// let img = |p: &'static str| Image::new(p, ImageFormat::Jpeg, 2048);
/// let spec = V3Verification::new("wf-1")
///     .selfie(img("selfie.jpg"))
///     .document_1_front(img("passport.jpg"))
///     .record_identifier("customer-42")
///     .build()
///     .unwrap();
/// assert_eq!(spec.path(), "/api/v3/kyc_verification");
/// ```
#[derive(Clone)]
pub struct V3Verification<S> {
    workflow_id: Option<String>,
    record_identifier: Option<String>,
    selfie: Option<Image<S>>,
    document_1_front: Option<Image<S>>,
    document_1_back: Option<Image<S>>,
    document_2_front: Option<Image<S>>,
    document_2_back: Option<Image<S>>,
    document_3_front: Option<Image<S>>,
    document_3_back: Option<Image<S>>,
}

impl<S> std::fmt::Debug for V3Verification<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("V3Verification")
            .field("workflow_id", &self.workflow_id)
            .field(
                "record_identifier",
                &super::shown_id(&self.record_identifier),
            )
            .field("selfie", &self.selfie)
            .field("document_1_front", &self.document_1_front)
            .field("document_1_back", &self.document_1_back)
            .field("document_2_front", &self.document_2_front)
            .field("document_2_back", &self.document_2_back)
            .field("document_3_front", &self.document_3_front)
            .field("document_3_back", &self.document_3_back)
            .finish()
    }
}

macro_rules! image_setters {
    ($($(#[$doc:meta])* $field:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $field(mut self, image: Image<S>) -> Self {
                self.$field = Some(image);
                self
            }
        )*
    };
}

impl<S> V3Verification<S> {
    /// A verification against the workflow `workflow_id` (`workflowId`).
    pub fn new(workflow_id: impl Into<String>) -> Self {
        Self {
            workflow_id: Some(workflow_id.into()),
            ..Self::without_workflow()
        }
    }

    /// A verification through a link, where the link decides the workflow: for
    /// [`build_with_link`](Self::build_with_link), which then sends no `workflowId`.
    pub fn without_workflow() -> Self {
        Self {
            workflow_id: None,
            record_identifier: None,
            selfie: None,
            document_1_front: None,
            document_1_back: None,
            document_2_front: None,
            document_2_back: None,
            document_3_front: None,
            document_3_back: None,
        }
    }

    /// The caller's own identifier, echoed in records (`record_identifier`).
    pub fn record_identifier(mut self, record_identifier: impl Into<String>) -> Self {
        self.record_identifier = Some(record_identifier.into());
        self
    }

    image_setters! {
        /// The live selfie (`selfie`).
        selfie;
        /// The first document's front (`document_1_front`).
        document_1_front;
        /// The first document's back (`document_1_back`).
        document_1_back;
        /// The second document's front (`document_2_front`).
        document_2_front;
        /// The second document's back (`document_2_back`).
        document_2_back;
        /// The third document's front (`document_3_front`).
        document_3_front;
        /// The third document's back (`document_3_back`).
        document_3_back;
    }

    /// V3-3: `POST /api/v3/kyc_verification` with a token; `workflowId` is required.
    pub fn build(self) -> Result<RequestSpec<S>, RequestError> {
        let workflow_id = required_text("workflowId", self.workflow_id.clone())?;
        let parts = self.into_parts(Some(workflow_id), None)?;
        Ok(RequestSpec::new(Endpoint::V3Verification).body(Body::Multipart(parts)))
    }

    /// V3-9: `POST /api/v3/kyc_verification/requestbylink`, no token, with the text
    /// part `link`; `workflowId` is sent when set.
    pub fn build_with_link(self, link: &str) -> Result<RequestSpec<S>, RequestError> {
        let workflow_id = optional_text("workflowId", self.workflow_id.clone())?;
        let parts = self.into_parts(workflow_id, Some(link))?;
        Ok(RequestSpec::new(Endpoint::V3VerificationByLink).body(Body::Multipart(parts)))
    }

    fn into_parts(
        self,
        workflow_id: Option<String>,
        link: Option<&str>,
    ) -> Result<Vec<Part<S>>, RequestError> {
        let mut parts = Vec::with_capacity(10);
        if let Some(workflow_id) = workflow_id {
            parts.push(text_part("workflowId", workflow_id)?);
        }
        if let Some(record_identifier) = optional_text("record_identifier", self.record_identifier)?
        {
            parts.push(Part::Text {
                name: "record_identifier",
                value: record_identifier,
            });
        }
        if let Some(link) = link {
            parts.push(text_part("link", link.to_owned())?);
        }
        parts.push(required_image("selfie", self.selfie)?);
        let documents = [
            Pair {
                front_name: "document_1_front",
                front: self.document_1_front,
                back_name: "document_1_back",
                back: self.document_1_back,
            },
            Pair {
                front_name: "document_2_front",
                front: self.document_2_front,
                back_name: "document_2_back",
                back: self.document_2_back,
            },
            Pair {
                front_name: "document_3_front",
                front: self.document_3_front,
                back_name: "document_3_back",
                back: self.document_3_back,
            },
        ];
        let mut previous_given = true;
        let mut previous_front = "";
        for (index, pair) in documents.into_iter().enumerate() {
            let given = pair.is_given();
            if index == 0 && !given {
                return Err(RequestError::MissingField {
                    field: "document_1_front",
                });
            }
            if given && !previous_given {
                return Err(RequestError::DocumentOutOfOrder {
                    field: pair.front_name,
                    previous: previous_front,
                });
            }
            previous_given = given;
            previous_front = pair.front_name;
            pair.push_to(false, &mut parts)?;
        }
        Ok(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::request::Auth;
    use crate::request::testing::{file, jpeg, names, png, text as text_of};

    #[test]
    fn single_image_calls() {
        let spec = v3_search_by_face_request(jpeg("s")).unwrap();
        assert_eq!(spec.method(), Method::Post);
        assert_eq!(spec.path(), "/api/v3/kyc_verification/search-by-face");
        assert_eq!(names(&spec), ["selfie"]);
        assert_eq!(
            file(&spec, "selfie"),
            Some(("selfie.jpg", "image/jpeg", &"s"))
        );
        let spec = v3_analyze_face_request(png("s")).unwrap();
        assert_eq!(spec.path(), "/api/v3/kyc_verification/analyzeFace");
        assert_eq!(spec.auth(), Auth::Bearer);
        assert_eq!(
            file(&spec, "selfie"),
            Some(("selfie.png", "image/png", &"s"))
        );
    }

    #[test]
    fn workflow_rules_queries() {
        let spec = v3_workflow_rules_request("wf/1 +").unwrap();
        assert_eq!(
            spec.path_and_query(),
            "/api/v3/workflows/rules?workflowId=wf%2F1+%2B"
        );
        assert_eq!(spec.auth(), Auth::Bearer);
        let spec = v3_workflow_rules_by_link_request("L").unwrap();
        assert_eq!(
            spec.path_and_query(),
            "/api/v3/workflows/rulesbylink?link=L"
        );
        assert_eq!(spec.auth(), Auth::None);
        assert_eq!(
            v3_workflow_rules_request("").unwrap_err(),
            RequestError::MissingField {
                field: "workflowId"
            }
        );
    }

    #[test]
    fn verification_orders_parts() {
        let spec = V3Verification::new("wf")
            .document_2_front(jpeg("d2f"))
            .document_1_back(jpeg("d1b"))
            .selfie(jpeg("s"))
            .record_identifier("rid")
            .document_1_front(jpeg("d1f"))
            .build()
            .unwrap();
        assert_eq!(spec.endpoint(), Endpoint::V3Verification);
        assert_eq!(spec.auth(), Auth::Bearer);
        assert_eq!(
            names(&spec),
            [
                "workflowId",
                "record_identifier",
                "selfie",
                "document_1_front",
                "document_1_back",
                "document_2_front"
            ]
        );
        assert_eq!(text_of(&spec, "workflowId"), Some("wf"));
        assert_eq!(
            file(&spec, "document_2_front"),
            Some(("document_2_front.jpg", "image/jpeg", &"d2f"))
        );
    }

    #[test]
    fn verification_by_link() {
        let spec = V3Verification::without_workflow()
            .selfie(jpeg("s"))
            .document_1_front(jpeg("f"))
            .build_with_link("LINK")
            .unwrap();
        assert_eq!(spec.path(), "/api/v3/kyc_verification/requestbylink");
        assert_eq!(spec.auth(), Auth::None);
        assert_eq!(names(&spec), ["link", "selfie", "document_1_front"]);
        let spec = V3Verification::new("wf")
            .selfie(jpeg("s"))
            .document_1_front(jpeg("f"))
            .build_with_link("LINK")
            .unwrap();
        assert_eq!(
            names(&spec),
            ["workflowId", "link", "selfie", "document_1_front"]
        );
        let err = V3Verification::without_workflow()
            .selfie(jpeg("s"))
            .document_1_front(jpeg("f"))
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            RequestError::MissingField {
                field: "workflowId"
            }
        );
    }

    #[test]
    fn verification_errors_name_the_field() {
        let base = || V3Verification::new("wf").selfie(jpeg("s"));
        assert_eq!(
            base().build().unwrap_err(),
            RequestError::MissingField {
                field: "document_1_front"
            }
        );
        assert_eq!(
            V3Verification::new("wf")
                .document_1_front(jpeg("f"))
                .build()
                .unwrap_err(),
            RequestError::MissingField { field: "selfie" }
        );
        assert_eq!(
            base().document_1_back(jpeg("b")).build().unwrap_err(),
            RequestError::DocumentBackWithoutFront {
                field: "document_1_back",
                front: "document_1_front"
            }
        );
        assert_eq!(
            base()
                .document_1_front(jpeg("f"))
                .document_2_back(jpeg("b"))
                .build()
                .unwrap_err(),
            RequestError::DocumentBackWithoutFront {
                field: "document_2_back",
                front: "document_2_front"
            }
        );
        assert_eq!(
            base()
                .document_1_front(jpeg("f"))
                .document_3_front(jpeg("3"))
                .build()
                .unwrap_err(),
            RequestError::DocumentOutOfOrder {
                field: "document_3_front",
                previous: "document_2_front"
            }
        );
        assert!(matches!(
            V3Verification::new("wf\u{0}")
                .selfie(jpeg("s"))
                .document_1_front(jpeg("f"))
                .build()
                .unwrap_err(),
            RequestError::InvalidField {
                field: "workflowId",
                ..
            }
        ));
        assert_eq!(
            base()
                .document_1_front(jpeg("f"))
                .record_identifier("")
                .build()
                .unwrap_err(),
            RequestError::MissingField {
                field: "record_identifier"
            }
        );
    }
}
