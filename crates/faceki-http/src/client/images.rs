//! The inputs of the upload calls: like the request builders of `faceki-types`, but
//! taking [`ImageInput`]s (paths, bytes, readers) that the client checks and measures
//! before anything is sent.

use faceki_types::request::{
    LinkSingleVerification, MultiVerification, SelectedDoc, SingleVerification, V3Verification,
};
use faceki_types::{Image, RequestError, RequestSpec};

use super::Client;
use crate::error::Error;
use crate::image::{ImageInput, ImageSource};

macro_rules! image_setters {
    ($($(#[$doc:meta])* $field:ident;)*) => {
        $(
            $(#[$doc])*
            pub fn $field(mut self, image: impl Into<ImageInput>) -> Self {
                self.images.push((stringify!($field), image.into()));
                self
            }
        )*
    };
}

/// Checks every image (before anything is sent) and hands it to `apply`.
async fn prepare_all<B>(
    client: &Client,
    images: Vec<(&'static str, ImageInput)>,
    mut builder: B,
    apply: impl Fn(B, &'static str, Image<ImageSource>) -> B,
) -> Result<B, Error> {
    for (field, image) in images {
        let image = client.prepare(field, image).await?;
        builder = apply(builder, field, image);
    }
    Ok(builder)
}

/// V2-3 single-document verification: `selfie_image`, `doc_front_image` and
/// `doc_back_image`, all required (for a passport, send the photo page as both sides).
///
/// ```
/// use faceki_http::SingleVerificationInput;
///
/// let input = SingleVerificationInput::new()
///     .selfie_image(std::path::PathBuf::from("selfie.jpg"))
///     .doc_front_image(std::path::PathBuf::from("front.jpg"))
///     .doc_back_image(std::path::PathBuf::from("back.jpg"));
/// # let _ = input;
/// ```
#[derive(Debug, Default)]
#[must_use]
pub struct SingleVerificationInput {
    images: Vec<(&'static str, ImageInput)>,
}

impl SingleVerificationInput {
    /// An empty input.
    pub fn new() -> Self {
        Self::default()
    }

    image_setters! {
        /// The live selfie.
        selfie_image;
        /// The document's front.
        doc_front_image;
        /// The document's back.
        doc_back_image;
    }

    pub(crate) async fn into_spec(
        self,
        client: &Client,
    ) -> Result<Result<RequestSpec<ImageSource>, RequestError>, Error> {
        let builder = prepare_all(
            client,
            self.images,
            SingleVerification::new(),
            |b, f, i| match f {
                "selfie_image" => b.selfie_image(i),
                "doc_front_image" => b.doc_front_image(i),
                _ => b.doc_back_image(i),
            },
        )
        .await?;
        Ok(builder.build())
    }
}

/// V2-4 multi-document verification (and V2-L2 through a link): the selfie, and the
/// sides of an ID card (`id_`), a driving licence (`dl_`) and a passport (`pp_`).
#[derive(Debug, Default)]
#[must_use]
pub struct MultiVerificationInput {
    images: Vec<(&'static str, ImageInput)>,
}

impl MultiVerificationInput {
    /// An empty input.
    pub fn new() -> Self {
        Self::default()
    }

    image_setters! {
        /// The live selfie (`selfie_image`).
        selfie_image;
        /// The ID card's front.
        id_front_image;
        /// The ID card's back.
        id_back_image;
        /// The driving licence's front.
        dl_front_image;
        /// The driving licence's back.
        dl_back_image;
        /// The passport's photo page.
        pp_front_image;
        /// The passport's back.
        pp_back_image;
    }

    pub(crate) async fn into_builder(
        self,
        client: &Client,
    ) -> Result<MultiVerification<ImageSource>, Error> {
        prepare_all(
            client,
            self.images,
            MultiVerification::new(),
            |b, f, i| match f {
                "selfie_image" => b.selfie_image(i),
                "id_front_image" => b.id_front_image(i),
                "id_back_image" => b.id_back_image(i),
                "dl_front_image" => b.dl_front_image(i),
                "dl_back_image" => b.dl_back_image(i),
                "pp_front_image" => b.pp_front_image(i),
                _ => b.pp_back_image(i),
            },
        )
        .await
    }
}

/// V3-3 verification against a workflow (and V3-9 through a link): the selfie and up
/// to three documents, front and (except for passports) back.
///
/// ```
/// use faceki_http::{ImageInput, V3VerificationInput};
///
/// let input = V3VerificationInput::new("workflow-id")
///     .record_identifier("customer-42")
///     .selfie(ImageInput::path("selfie.jpg"))
///     .document_1_front(ImageInput::path("id-front.jpg"))
///     .document_1_back(ImageInput::path("id-back.jpg"));
/// # let _ = input;
/// ```
#[must_use]
pub struct V3VerificationInput {
    workflow_id: Option<String>,
    record_identifier: Option<String>,
    images: Vec<(&'static str, ImageInput)>,
}

/// The record identifier (your id for a person) shows as present or not.
impl std::fmt::Debug for V3VerificationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("V3VerificationInput")
            .field("workflow_id", &self.workflow_id)
            .field(
                "record_identifier",
                &self.record_identifier.as_ref().map(|_| "<redacted>"),
            )
            .field("images", &self.images)
            .finish()
    }
}

impl V3VerificationInput {
    /// A verification against the workflow `workflow_id`.
    pub fn new(workflow_id: impl Into<String>) -> Self {
        Self {
            workflow_id: Some(workflow_id.into()),
            record_identifier: None,
            images: Vec::new(),
        }
    }

    /// A verification through a link, where the link decides the workflow.
    pub fn without_workflow() -> Self {
        Self {
            workflow_id: None,
            record_identifier: None,
            images: Vec::new(),
        }
    }

    /// Your own identifier for the record (`record_identifier`), echoed in records:
    /// set it, so that a verification whose outcome is unknown can be looked up.
    pub fn record_identifier(mut self, record_identifier: impl Into<String>) -> Self {
        self.record_identifier = Some(record_identifier.into());
        self
    }

    image_setters! {
        /// The live selfie (`selfie`).
        selfie;
        /// The first document's front.
        document_1_front;
        /// The first document's back (omit for a passport).
        document_1_back;
        /// The second document's front.
        document_2_front;
        /// The second document's back.
        document_2_back;
        /// The third document's front.
        document_3_front;
        /// The third document's back.
        document_3_back;
    }

    /// The record identifier, if set.
    pub(crate) fn identifier(&self) -> Option<&str> {
        self.record_identifier.as_deref()
    }

    pub(crate) async fn into_builder(
        self,
        client: &Client,
    ) -> Result<V3Verification<ImageSource>, Error> {
        let mut builder = match self.workflow_id {
            Some(workflow_id) => V3Verification::new(workflow_id),
            None => V3Verification::without_workflow(),
        };
        if let Some(record_identifier) = self.record_identifier {
            builder = builder.record_identifier(record_identifier);
        }
        prepare_all(client, self.images, builder, |b, f, i| match f {
            "selfie" => b.selfie(i),
            "document_1_front" => b.document_1_front(i),
            "document_1_back" => b.document_1_back(i),
            "document_2_front" => b.document_2_front(i),
            "document_2_back" => b.document_2_back(i),
            "document_3_front" => b.document_3_front(i),
            _ => b.document_3_back(i),
        })
        .await
    }
}

/// V2-L3 single-document verification through a link: `selectedDoc`, `link` and the
/// three images.
#[derive(Debug)]
#[must_use]
pub struct LinkSingleVerificationInput {
    link: String,
    selected_doc: Option<SelectedDoc>,
    images: Vec<(&'static str, ImageInput)>,
}

impl LinkSingleVerificationInput {
    /// A verification through the link `link`.
    pub fn new(link: impl Into<String>) -> Self {
        Self {
            link: link.into(),
            selected_doc: None,
            images: Vec::new(),
        }
    }

    /// The document type (`"ID Card"`, `"Passport"`, `"Driving License"`).
    pub fn selected_doc(mut self, selected_doc: impl Into<SelectedDoc>) -> Self {
        self.selected_doc = Some(selected_doc.into());
        self
    }

    image_setters! {
        /// The live selfie.
        selfie_image;
        /// The document's front.
        doc_front_image;
        /// The document's back.
        doc_back_image;
    }

    pub(crate) async fn into_spec(
        self,
        client: &Client,
    ) -> Result<Result<RequestSpec<ImageSource>, RequestError>, Error> {
        let mut builder = LinkSingleVerification::new(self.link);
        if let Some(doc) = self.selected_doc {
            builder = builder.selected_doc(doc);
        }
        let builder = prepare_all(client, self.images, builder, |b, f, i| match f {
            "selfie_image" => b.selfie_image(i),
            "doc_front_image" => b.doc_front_image(i),
            _ => b.doc_back_image(i),
        })
        .await?;
        Ok(builder.build())
    }
}
