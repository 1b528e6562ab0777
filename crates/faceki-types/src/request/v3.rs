//! V3 ("Blaze") calls: verification (with a token or through a link), face search,
//! face analysis and workflow rules (reference §3.3, §3.6, §3.8).

use super::uploads::{ImageSlot, Uploads, map_slot};
use super::validate::{Pair, optional_text, required_image, text, text_part};
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

/// V3-3: verification against a workflow ([`by_workflow`](Self::by_workflow)), or
/// V3-9 through a link ([`by_link`](Self::by_link)): which one is chosen when the
/// request is made, so a request without its workflow or its link cannot exist.
///
/// Rules (reference §3.3 and quirk 10):
///
/// - `selfie` and `document_1_front` are required;
/// - every back is optional (passports have none);
/// - a back without its front is [`RequestError::DocumentBackWithoutFront`];
/// - slots are positional: document 3 without document 2 is
///   [`RequestError::DocumentOutOfOrder`];
/// - `record_identifier` is optional, and what makes a lost answer recoverable: set
///   it.
///
/// Parts are sent in this order: text parts `workflowId`, `record_identifier`,
/// `link`, then `selfie`, `document_1_front`, `document_1_back`, `document_2_front`,
/// `document_2_back`, `document_3_front`, `document_3_back`.
///
/// `I` is what fills the image slots: an [`Image`] here; a client's own input type
/// (`faceki::v3::Verification`) before it checks the files.
///
/// ```
/// use faceki_types::{Image, ImageFormat, request::V3Verification};
///
/// let img = |p: &'static str| Image::new(p, ImageFormat::Jpeg, 2048);
/// let spec = V3Verification::by_workflow("wf-1")
///     .selfie(img("selfie.jpg"))
///     .document_1_front(img("passport.jpg"))
///     .record_identifier("customer-42")
///     .build()
///     .unwrap();
/// assert_eq!(spec.path(), "/api/v3/kyc_verification");
/// ```
#[derive(Clone)]
#[must_use]
pub struct V3Verification<I> {
    workflow_id: Option<String>,
    link: Option<String>,
    record_identifier: Option<String>,
    selfie: Option<I>,
    document_1_front: Option<I>,
    document_1_back: Option<I>,
    document_2_front: Option<I>,
    document_2_back: Option<I>,
    document_3_front: Option<I>,
    document_3_back: Option<I>,
}

impl<I: std::fmt::Debug> std::fmt::Debug for V3Verification<I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("V3Verification")
            .field("endpoint", &self.endpoint())
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

const SELFIE: ImageSlot = ImageSlot::selfie("selfie");
const DOCUMENT_1_FRONT: ImageSlot = ImageSlot::document("document_1_front");
const DOCUMENT_1_BACK: ImageSlot = ImageSlot::document("document_1_back");
const DOCUMENT_2_FRONT: ImageSlot = ImageSlot::document("document_2_front");
const DOCUMENT_2_BACK: ImageSlot = ImageSlot::document("document_2_back");
const DOCUMENT_3_FRONT: ImageSlot = ImageSlot::document("document_3_front");
const DOCUMENT_3_BACK: ImageSlot = ImageSlot::document("document_3_back");

impl<I> V3Verification<I> {
    /// V3-3 `POST /api/v3/kyc_verification` with a token, against the workflow
    /// `workflow_id` (`workflowId`).
    pub fn by_workflow(workflow_id: impl Into<String>) -> Self {
        Self::with(Some(workflow_id.into()), None)
    }

    /// V3-9 `POST /api/v3/kyc_verification/requestbylink` through the link `link`
    /// (the link id, no token): the link decides the workflow, and no `workflowId` is
    /// sent.
    pub fn by_link(link: impl Into<String>) -> Self {
        Self::with(None, Some(link.into()))
    }

    /// V3-9 through the link `link`, also sending the `workflowId` the link's rules
    /// name (as the vendor's capture SDKs do after V3-8).
    pub fn by_link_in_workflow(link: impl Into<String>, workflow_id: impl Into<String>) -> Self {
        Self::with(Some(workflow_id.into()), Some(link.into()))
    }

    fn with(workflow_id: Option<String>, link: Option<String>) -> Self {
        Self {
            workflow_id,
            link,
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

    /// The endpoint this request goes to.
    pub fn endpoint(&self) -> Endpoint {
        match self.link {
            None => Endpoint::V3Verification,
            Some(_) => Endpoint::V3VerificationByLink,
        }
    }

    /// Your own identifier for the record (`record_identifier`), echoed in records:
    /// set it, so that a verification whose outcome is unknown can be looked up.
    pub fn record_identifier(mut self, record_identifier: impl Into<String>) -> Self {
        self.record_identifier = Some(record_identifier.into());
        self
    }

    /// The record identifier, if set.
    pub fn identifier(&self) -> Option<&str> {
        self.record_identifier.as_deref()
    }

    /// The live selfie (`selfie`).
    pub fn selfie(mut self, image: impl Into<I>) -> Self {
        self.selfie = Some(image.into());
        self
    }

    /// The first document's front (`document_1_front`).
    pub fn document_1_front(mut self, image: impl Into<I>) -> Self {
        self.document_1_front = Some(image.into());
        self
    }

    /// The first document's back (`document_1_back`); omit it for a passport.
    pub fn document_1_back(mut self, image: impl Into<I>) -> Self {
        self.document_1_back = Some(image.into());
        self
    }

    /// The second document's front (`document_2_front`).
    pub fn document_2_front(mut self, image: impl Into<I>) -> Self {
        self.document_2_front = Some(image.into());
        self
    }

    /// The second document's back (`document_2_back`).
    pub fn document_2_back(mut self, image: impl Into<I>) -> Self {
        self.document_2_back = Some(image.into());
        self
    }

    /// The third document's front (`document_3_front`).
    pub fn document_3_front(mut self, image: impl Into<I>) -> Self {
        self.document_3_front = Some(image.into());
        self
    }

    /// The third document's back (`document_3_back`).
    pub fn document_3_back(mut self, image: impl Into<I>) -> Self {
        self.document_3_back = Some(image.into());
        self
    }
}

impl<I> Uploads<I> for V3Verification<I> {
    type With<J> = V3Verification<J>;

    fn try_map_images<J, E>(
        self,
        mut f: impl FnMut(ImageSlot, I) -> Result<J, E>,
    ) -> Result<V3Verification<J>, E> {
        Ok(V3Verification {
            workflow_id: self.workflow_id,
            link: self.link,
            record_identifier: self.record_identifier,
            selfie: map_slot(SELFIE, self.selfie, &mut f)?,
            document_1_front: map_slot(DOCUMENT_1_FRONT, self.document_1_front, &mut f)?,
            document_1_back: map_slot(DOCUMENT_1_BACK, self.document_1_back, &mut f)?,
            document_2_front: map_slot(DOCUMENT_2_FRONT, self.document_2_front, &mut f)?,
            document_2_back: map_slot(DOCUMENT_2_BACK, self.document_2_back, &mut f)?,
            document_3_front: map_slot(DOCUMENT_3_FRONT, self.document_3_front, &mut f)?,
            document_3_back: map_slot(DOCUMENT_3_BACK, self.document_3_back, &mut f)?,
        })
    }
}

impl<S> V3Verification<Image<S>> {
    /// Checks every field and describes the call.
    pub fn build(self) -> Result<RequestSpec<S>, RequestError> {
        let endpoint = self.endpoint();
        let mut parts = Vec::with_capacity(10);
        if let Some(workflow_id) = self.workflow_id {
            parts.push(text_part("workflowId", workflow_id)?);
        }
        if let Some(record_identifier) = optional_text("record_identifier", self.record_identifier)?
        {
            parts.push(Part::Text {
                name: "record_identifier",
                value: record_identifier,
            });
        }
        if let Some(link) = self.link {
            parts.push(text_part("link", link)?);
        }
        parts.push(required_image(SELFIE.name, self.selfie)?);
        let documents = [
            Pair::new(
                DOCUMENT_1_FRONT,
                self.document_1_front,
                DOCUMENT_1_BACK,
                self.document_1_back,
            ),
            Pair::new(
                DOCUMENT_2_FRONT,
                self.document_2_front,
                DOCUMENT_2_BACK,
                self.document_2_back,
            ),
            Pair::new(
                DOCUMENT_3_FRONT,
                self.document_3_front,
                DOCUMENT_3_BACK,
                self.document_3_back,
            ),
        ];
        let mut previous_given = true;
        let mut previous_front = "";
        for (index, pair) in documents.into_iter().enumerate() {
            let given = pair.is_given();
            if index == 0 && !given {
                return Err(RequestError::MissingField {
                    field: DOCUMENT_1_FRONT.name,
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
        Ok(RequestSpec::new(endpoint).body(Body::Multipart(parts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::request::Auth;
    use crate::request::testing::{Img, file, jpeg, names, png, text as text_of};

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
        let spec = V3Verification::by_workflow("wf")
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
        let spec = V3Verification::by_link("LINK")
            .selfie(jpeg("s"))
            .document_1_front(jpeg("f"))
            .build()
            .unwrap();
        assert_eq!(spec.path(), "/api/v3/kyc_verification/requestbylink");
        assert_eq!(spec.auth(), Auth::None);
        assert_eq!(names(&spec), ["link", "selfie", "document_1_front"]);
        let spec = V3Verification::by_link_in_workflow("LINK", "wf")
            .selfie(jpeg("s"))
            .document_1_front(jpeg("f"))
            .build()
            .unwrap();
        assert_eq!(
            names(&spec),
            ["workflowId", "link", "selfie", "document_1_front"]
        );
        let err = V3Verification::by_workflow(" ")
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
        assert_eq!(
            V3Verification::<Img>::by_link("L").endpoint(),
            Endpoint::V3VerificationByLink
        );
    }

    #[test]
    fn verification_errors_name_the_field() {
        let base = || V3Verification::by_workflow("wf").selfie(jpeg("s"));
        assert_eq!(
            base().build().unwrap_err(),
            RequestError::MissingField {
                field: "document_1_front"
            }
        );
        assert_eq!(
            V3Verification::by_workflow("wf")
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
            V3Verification::by_workflow("wf\u{0}")
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
