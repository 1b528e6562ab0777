//! V2 calls: KYC rules, summary, single and multi-document verification (with a
//! token, or through a link: V2-L2, V2-L3), face check (reference §2.3–§2.6, §2.9,
//! §2.10).

use std::fmt;

use super::link_flow::SelectedDoc;
use super::uploads::{ImageSlot, Uploads, map_slot};
use super::validate::{APPLICATION_JSON, CONTENT_TYPE, Pair, required_image, text_part};
use super::{Body, RequestError, RequestSpec};
use crate::endpoint::Endpoint;
use crate::image::Image;

/// V2-2: `GET /kycrules/api/kycrules`, with the `Content-Type: application/json`
/// header the documentation marks as required.
pub fn kyc_rules_request() -> RequestSpec {
    RequestSpec::new(Endpoint::KycRules).header(CONTENT_TYPE, APPLICATION_JSON)
}

/// V2-5: `GET /kycverify/api/kycverify/kyc-verify-summary`.
pub fn kyc_summary_request() -> RequestSpec {
    RequestSpec::new(Endpoint::KycSummary)
}

/// V2-10: face match against verified users (billed), one part `selfie_image`.
pub fn face_check_request<S>(selfie_image: Image<S>) -> Result<RequestSpec<S>, RequestError> {
    let part = required_image("selfie_image", Some(selfie_image))?;
    Ok(RequestSpec::new(Endpoint::FaceCheck).body(Body::Multipart(vec![part])))
}

/// V2-3: single-document verification, or V2-L3 through a link
/// ([`by_link`](Self::by_link)). All three images are required.
///
/// With a token the parts are sent as `selfie_image`, `doc_front_image`,
/// `doc_back_image`. Through a link (no token) they are sent as the vendor SDK sends
/// them: text parts `selectedDoc` and `link`, then `doc_front_image`,
/// `doc_back_image`, `selfie_image`.
///
/// A passport has no back: the vendor's SDK sends the front again as
/// `doc_back_image`, and so can you.
///
/// `I` is what fills the image slots: an [`Image`] here; a client's own input type
/// (`faceki::v2::SingleVerification`) before it checks the files.
///
/// ```
/// use faceki_types::{Image, ImageFormat, RequestError, request::SingleVerification};
///
/// let img = |p: &'static str| Image::new(p, ImageFormat::Jpeg, 1024);
/// let spec = SingleVerification::new()
///     .selfie_image(img("selfie.jpg"))
///     .doc_front_image(img("front.jpg"))
///     .doc_back_image(img("back.jpg"))
///     .build()
///     .unwrap();
/// assert_eq!(spec.path(), "/kycverify/api/kycverify/kyc-verification");
///
/// let err = SingleVerification::new().selfie_image(img("s.jpg")).build().unwrap_err();
/// assert_eq!(err, RequestError::MissingField { field: "doc_front_image" });
/// ```
#[derive(Clone)]
#[must_use]
pub struct SingleVerification<I> {
    link: Option<(String, SelectedDoc)>,
    selfie_image: Option<I>,
    doc_front_image: Option<I>,
    doc_back_image: Option<I>,
}

impl<I: fmt::Debug> fmt::Debug for SingleVerification<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SingleVerification")
            .field("endpoint", &self.endpoint())
            .field("selfie_image", &self.selfie_image)
            .field("doc_front_image", &self.doc_front_image)
            .field("doc_back_image", &self.doc_back_image)
            .finish()
    }
}

impl<I> Default for SingleVerification<I> {
    fn default() -> Self {
        Self::new()
    }
}

const SELFIE_IMAGE: ImageSlot = ImageSlot::selfie("selfie_image");
const DOC_FRONT_IMAGE: ImageSlot = ImageSlot::document("doc_front_image");
const DOC_BACK_IMAGE: ImageSlot = ImageSlot::document("doc_back_image");

impl<I> SingleVerification<I> {
    /// V2-3, with a token: set the three images, then [`build`](Self::build).
    pub fn new() -> Self {
        Self {
            link: None,
            selfie_image: None,
            doc_front_image: None,
            doc_back_image: None,
        }
    }

    /// V2-L3, through the link `link` (the link id, no token), for a document of the
    /// type `selected_doc` (`"ID Card"`, `"Passport"`, `"Driving License"`).
    pub fn by_link(link: impl Into<String>, selected_doc: impl Into<SelectedDoc>) -> Self {
        Self {
            link: Some((link.into(), selected_doc.into())),
            ..Self::new()
        }
    }

    /// The endpoint this request goes to.
    pub fn endpoint(&self) -> Endpoint {
        match self.link {
            None => Endpoint::SingleVerification,
            Some(_) => Endpoint::LinkSingleVerification,
        }
    }

    /// The live selfie (`selfie_image`).
    pub fn selfie_image(mut self, image: impl Into<I>) -> Self {
        self.selfie_image = Some(image.into());
        self
    }

    /// The document's front (`doc_front_image`).
    pub fn doc_front_image(mut self, image: impl Into<I>) -> Self {
        self.doc_front_image = Some(image.into());
        self
    }

    /// The document's back (`doc_back_image`).
    pub fn doc_back_image(mut self, image: impl Into<I>) -> Self {
        self.doc_back_image = Some(image.into());
        self
    }
}

impl<I> Uploads<I> for SingleVerification<I> {
    type With<J> = SingleVerification<J>;

    fn try_map_images<J, E>(
        self,
        mut f: impl FnMut(ImageSlot, I) -> Result<J, E>,
    ) -> Result<SingleVerification<J>, E> {
        Ok(SingleVerification {
            link: self.link,
            selfie_image: map_slot(SELFIE_IMAGE, self.selfie_image, &mut f)?,
            doc_front_image: map_slot(DOC_FRONT_IMAGE, self.doc_front_image, &mut f)?,
            doc_back_image: map_slot(DOC_BACK_IMAGE, self.doc_back_image, &mut f)?,
        })
    }
}

impl<S> SingleVerification<Image<S>> {
    /// Checks every field and describes the call.
    pub fn build(self) -> Result<RequestSpec<S>, RequestError> {
        let endpoint = self.endpoint();
        let parts = match self.link {
            None => vec![
                required_image(SELFIE_IMAGE.name, self.selfie_image)?,
                required_image(DOC_FRONT_IMAGE.name, self.doc_front_image)?,
                required_image(DOC_BACK_IMAGE.name, self.doc_back_image)?,
            ],
            Some((link, selected_doc)) => vec![
                text_part("selectedDoc", selected_doc.as_str().to_owned())?,
                text_part("link", link)?,
                required_image(DOC_FRONT_IMAGE.name, self.doc_front_image)?,
                required_image(DOC_BACK_IMAGE.name, self.doc_back_image)?,
                required_image(SELFIE_IMAGE.name, self.selfie_image)?,
            ],
        };
        Ok(RequestSpec::new(endpoint).body(Body::Multipart(parts)))
    }
}

/// The documents' front parts, one of which multi-document verification needs.
pub const MULTI_DOCUMENT_FRONTS: &[&str] = &["id_front_image", "dl_front_image", "pp_front_image"];

/// V2-4: multi-document verification, or V2-L2 through a link
/// ([`by_link`](Self::by_link)).
///
/// The documentation marks `id_front_image` and `id_back_image` as required, but the
/// vendor SDKs leave them out when the workflow has no ID card (reference §2.5, quirk
/// 10), so the rule here is:
///
/// - `selfie_image` is required;
/// - at least one document is given ([`RequestError::MissingOneOf`] otherwise);
/// - ID card and driving licence go in complete pairs: a front without its back is
///   [`RequestError::MissingField`] naming the back;
/// - a passport's back is optional (the vendor SDK sends the front twice);
/// - any back without its front is [`RequestError::DocumentBackWithoutFront`].
///
/// Parts are sent in this order: the text part `link` (through a link),
/// `selfie_image`, `id_front_image`, `id_back_image`, `dl_front_image`,
/// `dl_back_image`, `pp_front_image`, `pp_back_image`.
#[derive(Clone)]
#[must_use]
pub struct MultiVerification<I> {
    link: Option<String>,
    selfie_image: Option<I>,
    id_front_image: Option<I>,
    id_back_image: Option<I>,
    dl_front_image: Option<I>,
    dl_back_image: Option<I>,
    pp_front_image: Option<I>,
    pp_back_image: Option<I>,
}

impl<I: fmt::Debug> fmt::Debug for MultiVerification<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MultiVerification")
            .field("endpoint", &self.endpoint())
            .field("selfie_image", &self.selfie_image)
            .field("id_front_image", &self.id_front_image)
            .field("id_back_image", &self.id_back_image)
            .field("dl_front_image", &self.dl_front_image)
            .field("dl_back_image", &self.dl_back_image)
            .field("pp_front_image", &self.pp_front_image)
            .field("pp_back_image", &self.pp_back_image)
            .finish()
    }
}

impl<I> Default for MultiVerification<I> {
    fn default() -> Self {
        Self::new()
    }
}

const ID_FRONT: ImageSlot = ImageSlot::document("id_front_image");
const ID_BACK: ImageSlot = ImageSlot::document("id_back_image");
const DL_FRONT: ImageSlot = ImageSlot::document("dl_front_image");
const DL_BACK: ImageSlot = ImageSlot::document("dl_back_image");
const PP_FRONT: ImageSlot = ImageSlot::document("pp_front_image");
const PP_BACK: ImageSlot = ImageSlot::document("pp_back_image");

impl<I> MultiVerification<I> {
    /// V2-4, with a token: set the selfie and the documents, then
    /// [`build`](Self::build).
    pub fn new() -> Self {
        Self {
            link: None,
            selfie_image: None,
            id_front_image: None,
            id_back_image: None,
            dl_front_image: None,
            dl_back_image: None,
            pp_front_image: None,
            pp_back_image: None,
        }
    }

    /// V2-L2, through the link `link` (the link id, no token), to
    /// `POST /kycverify/api/kycverify/multiple-kyc-verification` (note `multiple-`).
    pub fn by_link(link: impl Into<String>) -> Self {
        Self {
            link: Some(link.into()),
            ..Self::new()
        }
    }

    /// The endpoint this request goes to.
    pub fn endpoint(&self) -> Endpoint {
        match self.link {
            None => Endpoint::MultiVerification,
            Some(_) => Endpoint::LinkMultiVerification,
        }
    }

    /// The live selfie (`selfie_image`).
    pub fn selfie_image(mut self, image: impl Into<I>) -> Self {
        self.selfie_image = Some(image.into());
        self
    }

    /// The ID card's front (`id_front_image`).
    pub fn id_front_image(mut self, image: impl Into<I>) -> Self {
        self.id_front_image = Some(image.into());
        self
    }

    /// The ID card's back (`id_back_image`).
    pub fn id_back_image(mut self, image: impl Into<I>) -> Self {
        self.id_back_image = Some(image.into());
        self
    }

    /// The driving licence's front (`dl_front_image`).
    pub fn dl_front_image(mut self, image: impl Into<I>) -> Self {
        self.dl_front_image = Some(image.into());
        self
    }

    /// The driving licence's back (`dl_back_image`).
    pub fn dl_back_image(mut self, image: impl Into<I>) -> Self {
        self.dl_back_image = Some(image.into());
        self
    }

    /// The passport's photo page (`pp_front_image`).
    pub fn pp_front_image(mut self, image: impl Into<I>) -> Self {
        self.pp_front_image = Some(image.into());
        self
    }

    /// The passport's back (`pp_back_image`), optional.
    pub fn pp_back_image(mut self, image: impl Into<I>) -> Self {
        self.pp_back_image = Some(image.into());
        self
    }
}

impl<I> Uploads<I> for MultiVerification<I> {
    type With<J> = MultiVerification<J>;

    fn try_map_images<J, E>(
        self,
        mut f: impl FnMut(ImageSlot, I) -> Result<J, E>,
    ) -> Result<MultiVerification<J>, E> {
        Ok(MultiVerification {
            link: self.link,
            selfie_image: map_slot(SELFIE_IMAGE, self.selfie_image, &mut f)?,
            id_front_image: map_slot(ID_FRONT, self.id_front_image, &mut f)?,
            id_back_image: map_slot(ID_BACK, self.id_back_image, &mut f)?,
            dl_front_image: map_slot(DL_FRONT, self.dl_front_image, &mut f)?,
            dl_back_image: map_slot(DL_BACK, self.dl_back_image, &mut f)?,
            pp_front_image: map_slot(PP_FRONT, self.pp_front_image, &mut f)?,
            pp_back_image: map_slot(PP_BACK, self.pp_back_image, &mut f)?,
        })
    }
}

impl<S> MultiVerification<Image<S>> {
    /// Checks the link and the images and describes the call.
    pub fn build(self) -> Result<RequestSpec<S>, RequestError> {
        let endpoint = self.endpoint();
        let mut parts = Vec::with_capacity(8);
        if let Some(link) = self.link {
            parts.push(text_part("link", link)?);
        }
        parts.push(required_image(SELFIE_IMAGE.name, self.selfie_image)?);
        let documents = [
            (
                Pair::new(ID_FRONT, self.id_front_image, ID_BACK, self.id_back_image),
                true,
            ),
            (
                Pair::new(DL_FRONT, self.dl_front_image, DL_BACK, self.dl_back_image),
                true,
            ),
            (
                Pair::new(PP_FRONT, self.pp_front_image, PP_BACK, self.pp_back_image),
                false,
            ),
        ];
        if !documents.iter().any(|(pair, _)| pair.is_given()) {
            return Err(RequestError::MissingOneOf {
                fields: MULTI_DOCUMENT_FRONTS,
            });
        }
        for (pair, back_required) in documents {
            pair.push_to(back_required, &mut parts)?;
        }
        Ok(RequestSpec::new(endpoint).body(Body::Multipart(parts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::request::Auth;
    use crate::request::testing::{Img, file, jpeg, names, png};

    #[test]
    fn rules_and_summary() {
        let spec = kyc_rules_request();
        assert_eq!(spec.method(), Method::Get);
        assert_eq!(spec.path_and_query(), "/kycrules/api/kycrules");
        assert_eq!(spec.auth(), Auth::Bearer);
        assert_eq!(spec.headers().len(), 1);
        assert_eq!(spec.headers()[0].name, "content-type");
        assert_eq!(spec.headers()[0].value, "application/json");
        assert!(matches!(spec.body_ref(), Body::Empty));
        let spec = kyc_summary_request();
        assert_eq!(
            spec.path_and_query(),
            "/kycverify/api/kycverify/kyc-verify-summary"
        );
        assert_eq!(spec.endpoint(), Endpoint::KycSummary);
    }

    #[test]
    fn face_check_sends_selfie_image() {
        let spec = face_check_request(png("me")).unwrap();
        assert_eq!(spec.method(), Method::Post);
        assert_eq!(spec.path_and_query(), "/facelink/api/face-check");
        assert_eq!(names(&spec), ["selfie_image"]);
        assert_eq!(
            file(&spec, "selfie_image"),
            Some(("selfie_image.png", "image/png", &"me"))
        );
        let empty = crate::image::Image::new("x", crate::image::ImageFormat::Jpeg, 0);
        assert_eq!(
            face_check_request(empty).unwrap_err(),
            RequestError::EmptyImage {
                field: "selfie_image"
            }
        );
    }

    #[test]
    fn single_needs_all_three() {
        let spec = SingleVerification::new()
            .doc_back_image(jpeg("b"))
            .selfie_image(jpeg("s"))
            .doc_front_image(jpeg("f").with_file_name("front page.JPG"))
            .build()
            .unwrap();
        assert_eq!(spec.endpoint(), Endpoint::SingleVerification);
        assert_eq!(spec.auth(), Auth::Bearer);
        assert_eq!(
            names(&spec),
            ["selfie_image", "doc_front_image", "doc_back_image"]
        );
        assert_eq!(
            file(&spec, "doc_front_image"),
            Some(("front_page.JPG", "image/jpeg", &"f"))
        );
        assert_eq!(
            file(&spec, "doc_back_image"),
            Some(("doc_back_image.jpg", "image/jpeg", &"b"))
        );
        let err = SingleVerification::new()
            .selfie_image(jpeg("s"))
            .doc_front_image(jpeg("f"))
            .build()
            .unwrap_err();
        assert_eq!(
            err,
            RequestError::MissingField {
                field: "doc_back_image"
            }
        );
        let err = SingleVerification::<Img>::new().build().unwrap_err();
        assert_eq!(
            err,
            RequestError::MissingField {
                field: "selfie_image"
            }
        );
    }

    #[test]
    fn multi_orders_parts_and_tolerates_missing_id_card() {
        let spec = MultiVerification::new()
            .pp_front_image(jpeg("pp"))
            .dl_back_image(jpeg("dlb"))
            .selfie_image(jpeg("s"))
            .dl_front_image(jpeg("dlf"))
            .build()
            .unwrap();
        assert_eq!(
            spec.path(),
            "/kycverify/api/kycverify/multi-kyc-verification"
        );
        assert_eq!(
            names(&spec),
            [
                "selfie_image",
                "dl_front_image",
                "dl_back_image",
                "pp_front_image"
            ]
        );
        let full = MultiVerification::new()
            .selfie_image(jpeg("s"))
            .id_front_image(jpeg("a"))
            .id_back_image(jpeg("b"))
            .pp_back_image(jpeg("d"))
            .pp_front_image(jpeg("c"))
            .build()
            .unwrap();
        assert_eq!(
            names(&full),
            [
                "selfie_image",
                "id_front_image",
                "id_back_image",
                "pp_front_image",
                "pp_back_image"
            ]
        );
    }

    #[test]
    fn multi_errors_name_the_field() {
        let only_selfie = MultiVerification::new()
            .selfie_image(jpeg("s"))
            .build()
            .unwrap_err();
        assert_eq!(
            only_selfie,
            RequestError::MissingOneOf {
                fields: MULTI_DOCUMENT_FRONTS
            }
        );
        let no_selfie = MultiVerification::new()
            .id_front_image(jpeg("a"))
            .id_back_image(jpeg("b"))
            .build()
            .unwrap_err();
        assert_eq!(
            no_selfie,
            RequestError::MissingField {
                field: "selfie_image"
            }
        );
        let half_id = MultiVerification::new()
            .selfie_image(jpeg("s"))
            .id_front_image(jpeg("a"))
            .build()
            .unwrap_err();
        assert_eq!(
            half_id,
            RequestError::MissingField {
                field: "id_back_image"
            }
        );
        let back_only = MultiVerification::new()
            .selfie_image(jpeg("s"))
            .pp_front_image(jpeg("p"))
            .dl_back_image(jpeg("b"))
            .build()
            .unwrap_err();
        assert_eq!(
            back_only,
            RequestError::DocumentBackWithoutFront {
                field: "dl_back_image",
                front: "dl_front_image"
            }
        );
        let pp_back_only = MultiVerification::new()
            .selfie_image(jpeg("s"))
            .pp_back_image(jpeg("b"))
            .build()
            .unwrap_err();
        assert_eq!(
            pp_back_only,
            RequestError::DocumentBackWithoutFront {
                field: "pp_back_image",
                front: "pp_front_image"
            }
        );
    }
}
