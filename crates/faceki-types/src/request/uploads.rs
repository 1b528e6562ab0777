//! The image slots of the upload requests, generic over what fills them.
//!
//! Every upload builder ([`SingleVerification`](super::SingleVerification),
//! [`MultiVerification`](super::MultiVerification),
//! [`V3Verification`](super::V3Verification)) holds its images in named slots of a
//! type `I` chosen by the caller: an [`Image<S>`](crate::Image) when the request is
//! about to be described, or a client's own input type (paths, bytes, readers) before
//! the client has checked them. [`Uploads::try_map_images`] turns one into the other
//! slot by slot, so a client never routes an image by its field name.

/// Whether a slot holds a selfie or a document image. Checks of faces apply to
/// selfies only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ImageRole {
    /// A live selfie: one face expected.
    Selfie,
    /// A side of an identity document.
    Document,
}

/// One image slot of an upload request: its wire field name and its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ImageSlot {
    /// The multipart field name, such as `selfie` or `document_1_front`.
    pub name: &'static str,
    /// What the image shows.
    pub role: ImageRole,
}

impl ImageSlot {
    /// A selfie slot.
    pub const fn selfie(name: &'static str) -> Self {
        Self {
            name,
            role: ImageRole::Selfie,
        }
    }

    /// A document slot.
    pub const fn document(name: &'static str) -> Self {
        Self {
            name,
            role: ImageRole::Document,
        }
    }
}

/// An upload request whose image slots hold `I`s.
///
/// ```
/// use faceki_types::request::{ImageSlot, Uploads, V3Verification};
///
/// // A verification whose images are still file names...
/// let named = V3Verification::<&str>::by_workflow("wf-1")
///     .selfie("me.jpg")
///     .document_1_front("front.jpg");
/// // ...mapped slot by slot into anything else (here, their lengths).
/// let mut seen = Vec::new();
/// let measured = named
///     .try_map_images(|slot: ImageSlot, name: &str| {
///         seen.push(slot.name);
///         Ok::<_, std::convert::Infallible>(name.len())
///     })
///     .unwrap();
/// assert_eq!(seen, ["selfie", "document_1_front"]);
/// # let _ = measured;
/// ```
pub trait Uploads<I>: Sized {
    /// The same request with `J`s in its slots.
    type With<J>;

    /// Maps every filled slot in wire order; the first error stops the mapping and is
    /// returned.
    fn try_map_images<J, E>(
        self,
        f: impl FnMut(ImageSlot, I) -> Result<J, E>,
    ) -> Result<Self::With<J>, E>;
}

/// Maps one optional slot.
pub(crate) fn map_slot<I, J, E>(
    slot: ImageSlot,
    image: Option<I>,
    f: &mut impl FnMut(ImageSlot, I) -> Result<J, E>,
) -> Result<Option<J>, E> {
    image.map(|image| f(slot, image)).transpose()
}
