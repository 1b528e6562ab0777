//! What the checks found: [`Report`], its [`Finding`]s (each naming the Faceki code
//! it anticipates), the [`Face`]s detected and the [`Measurements`] behind them.

use faceki_types::ResponseCode;

use crate::normalise::Dimensions;

/// What the image is for: the checks differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// A selfie: size, one face of the right size away from the borders, light on the
    /// face, the face in focus.
    Selfie,
    /// A photo of an identity document: size, light and focus of the whole image (no
    /// face checks: the portrait on a card is small by design).
    Document,
}

/// What a check found wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FindingKind {
    /// The image is smaller than [`CheckPolicy::min_side`](crate::CheckPolicy).
    ImageTooSmall,
    /// No face was found in the selfie.
    NoFace,
    /// More than one face was found in the selfie.
    MultipleFaces,
    /// The face is small in the frame.
    FaceTooSmall,
    /// The face fills too much of the frame.
    FaceTooClose,
    /// The face is close to an edge of the frame.
    FaceNearBorder,
    /// The face is cut off by an edge of the frame.
    FaceCropped,
    /// The face (or the document) is too dark.
    TooDark,
    /// The face (or the document) is overexposed.
    Overexposed,
    /// The face (or the document) is blurred.
    Blurred,
}

impl FindingKind {
    /// The Faceki code this finding anticipates for an image of `role`.
    ///
    /// Faceki's codes name selfie problems only; for a document the finding
    /// anticipates DOCUMENT_VERIFY_FAILED (8002), the code a failed document read
    /// gets.
    pub fn code(self, role: Role) -> ResponseCode {
        if role == Role::Document {
            return ResponseCode::DocumentVerifyFailed;
        }
        match self {
            Self::ImageTooSmall | Self::FaceTooSmall => ResponseCode::FaceTooSmall,
            Self::NoFace => ResponseCode::FaceNotFound,
            Self::MultipleFaces => ResponseCode::SelfieMultipleFaces,
            Self::FaceTooClose => ResponseCode::FaceTooClose,
            Self::FaceNearBorder => ResponseCode::FaceCloseToBorder,
            Self::FaceCropped => ResponseCode::FaceCropped,
            Self::TooDark | Self::Overexposed => ResponseCode::PoorLight,
            Self::Blurred => ResponseCode::FaceBlurred,
        }
    }
}

/// One problem found: what it is, the Faceki code it anticipates, and a sentence
/// for the person taking the picture.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// The Faceki code the image would likely get.
    pub code: ResponseCode,
    /// What is wrong and what to do, with the measured figure and the threshold.
    pub message: String,
}

/// A face the detector found, in pixels of the image as displayed (after EXIF
/// orientation, at its original size). The box is square, from the eyebrows to the
/// chin, and may reach past the image's edges (negative `left`, say).
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Face {
    /// Left edge of the box.
    pub left: i32,
    /// Top edge of the box.
    pub top: i32,
    /// Width of the box.
    pub width: u32,
    /// Height of the box.
    pub height: u32,
    /// The detector's confidence (`rustface`'s score; typical faces score 5–40).
    pub score: f32,
}

/// The figures the light and blur checks compared with the policy.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Measurements {
    /// Mean luma, 0–255, of the measured region.
    pub brightness: f32,
    /// Share of the region's pixels crushed to black (luma 16 and below), 0–1.
    pub dark_share: f32,
    /// Share of the region's pixels clipped to white (luma 250 and above), 0–1.
    pub clipped_share: f32,
    /// Sharpness of the region (see [`CheckPolicy::min_face_sharpness`](crate::CheckPolicy));
    /// `None` for a selfie with no face.
    pub sharpness: Option<f32>,
    /// Whether the region is the person's face rather than the whole image.
    pub on_face: bool,
}

/// The outcome of the checks on one image. It holds no pixels.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Report {
    /// What the image was checked as.
    pub role: Role,
    /// The problems found, in the order: size, faces, light, focus. Empty when the
    /// image looks fine.
    pub findings: Vec<Finding>,
    /// The faces found (selfies only): the person's (the largest clear one) first,
    /// then the others, largest first.
    pub faces: Vec<Face>,
    /// The image's size as displayed, before normalising.
    pub dimensions: Dimensions,
    /// The figures behind the light and blur findings.
    pub measurements: Measurements,
}

impl Report {
    /// Whether no check found anything.
    pub fn is_clear(&self) -> bool {
        self.findings.is_empty()
    }

    /// Whether a finding of `kind` was made.
    pub fn has(&self, kind: FindingKind) -> bool {
        self.findings.iter().any(|f| f.kind == kind)
    }

    /// The codes anticipated, in the findings' order, without repeats.
    pub fn codes(&self) -> Vec<ResponseCode> {
        let mut codes: Vec<ResponseCode> = Vec::new();
        for finding in &self.findings {
            if !codes.contains(&finding.code) {
                codes.push(finding.code);
            }
        }
        codes
    }
}
