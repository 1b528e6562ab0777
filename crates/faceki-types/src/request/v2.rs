//! V2 calls made with a bearer token: KYC rules, summary, single and multi-document
//! verification, face check (reference §2.3–§2.6, §2.9).

use super::validate::{APPLICATION_JSON, CONTENT_TYPE, Pair, required_image};
use super::{Body, Part, RequestError, RequestSpec};
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

/// V2-3: single-document verification. All three images are required; the parts are
/// sent as `selfie_image`, `doc_front_image`, `doc_back_image`.
///
/// A passport has no back: the vendor's SDK sends the front again as
/// `doc_back_image`, and so can you.
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
#[derive(Debug, Clone)]
pub struct SingleVerification<S> {
    selfie_image: Option<Image<S>>,
    doc_front_image: Option<Image<S>>,
    doc_back_image: Option<Image<S>>,
}

impl<S> Default for SingleVerification<S> {
    fn default() -> Self {
        Self::new()
    }
}

impl<S> SingleVerification<S> {
    /// An empty request: set the three images, then [`build`](Self::build).
    pub fn new() -> Self {
        Self {
            selfie_image: None,
            doc_front_image: None,
            doc_back_image: None,
        }
    }

    /// The live selfie (`selfie_image`).
    pub fn selfie_image(mut self, image: Image<S>) -> Self {
        self.selfie_image = Some(image);
        self
    }

    /// The document's front (`doc_front_image`).
    pub fn doc_front_image(mut self, image: Image<S>) -> Self {
        self.doc_front_image = Some(image);
        self
    }

    /// The document's back (`doc_back_image`).
    pub fn doc_back_image(mut self, image: Image<S>) -> Self {
        self.doc_back_image = Some(image);
        self
    }

    /// Checks the images and describes the call.
    pub fn build(self) -> Result<RequestSpec<S>, RequestError> {
        let parts = vec![
            required_image("selfie_image", self.selfie_image)?,
            required_image("doc_front_image", self.doc_front_image)?,
            required_image("doc_back_image", self.doc_back_image)?,
        ];
        Ok(RequestSpec::new(Endpoint::SingleVerification).body(Body::Multipart(parts)))
    }
}

/// The documents' front parts, one of which multi-document verification needs.
pub const MULTI_DOCUMENT_FRONTS: &[&str] = &["id_front_image", "dl_front_image", "pp_front_image"];

/// V2-4: multi-document verification; also the link flow's V2-L2 through
/// [`build_with_link`](MultiVerification::build_with_link).
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
/// Parts are sent in this order: `selfie_image`, `id_front_image`, `id_back_image`,
/// `dl_front_image`, `dl_back_image`, `pp_front_image`, `pp_back_image`.
#[derive(Debug, Clone)]
pub struct MultiVerification<S> {
    selfie_image: Option<Image<S>>,
    id_front_image: Option<Image<S>>,
    id_back_image: Option<Image<S>>,
    dl_front_image: Option<Image<S>>,
    dl_back_image: Option<Image<S>>,
    pp_front_image: Option<Image<S>>,
    pp_back_image: Option<Image<S>>,
}

impl<S> Default for MultiVerification<S> {
    fn default() -> Self {
        Self::new()
    }
}

macro_rules! setters {
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

impl<S> MultiVerification<S> {
    /// An empty request: set the selfie and the documents, then [`build`](Self::build).
    pub fn new() -> Self {
        Self {
            selfie_image: None,
            id_front_image: None,
            id_back_image: None,
            dl_front_image: None,
            dl_back_image: None,
            pp_front_image: None,
            pp_back_image: None,
        }
    }

    setters! {
        /// The live selfie (`selfie_image`).
        selfie_image;
        /// The ID card's front (`id_front_image`).
        id_front_image;
        /// The ID card's back (`id_back_image`).
        id_back_image;
        /// The driving licence's front (`dl_front_image`).
        dl_front_image;
        /// The driving licence's back (`dl_back_image`).
        dl_back_image;
        /// The passport's photo page (`pp_front_image`).
        pp_front_image;
        /// The passport's back (`pp_back_image`), optional.
        pp_back_image;
    }

    /// Checks the images and describes the call.
    pub fn build(self) -> Result<RequestSpec<S>, RequestError> {
        let parts = self.into_parts()?;
        Ok(RequestSpec::new(Endpoint::MultiVerification).body(Body::Multipart(parts)))
    }

    /// The image parts in their documented order, after the checks above.
    pub(crate) fn into_parts(self) -> Result<Vec<Part<S>>, RequestError> {
        let mut parts = vec![required_image("selfie_image", self.selfie_image)?];
        let documents = [
            (
                Pair {
                    front_name: "id_front_image",
                    front: self.id_front_image,
                    back_name: "id_back_image",
                    back: self.id_back_image,
                },
                true,
            ),
            (
                Pair {
                    front_name: "dl_front_image",
                    front: self.dl_front_image,
                    back_name: "dl_back_image",
                    back: self.dl_back_image,
                },
                true,
            ),
            (
                Pair {
                    front_name: "pp_front_image",
                    front: self.pp_front_image,
                    back_name: "pp_back_image",
                    back: self.pp_back_image,
                },
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
        Ok(parts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoint::Method;
    use crate::request::Auth;
    use crate::request::testing::{file, jpeg, names, png};

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
        let err = SingleVerification::<&str>::new().build().unwrap_err();
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
