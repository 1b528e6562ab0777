//! [`check`]: the pre-flight checks on an image, and the analysis shared with
//! [`prepare`](crate::prepare), which runs on pixels already decoded.
//!
//! The analysis runs on a grey copy at the resolution sent (at most 1920 px): face
//! detection on a further reduced copy ([`CheckPolicy::detect_side`]), light on the
//! person's face (or the whole image), sharpness on the face brought to 64 px (or the
//! whole image at 640 px for documents).

use image::GrayImage;

use crate::blur::{DOCUMENT_SIDE, FACE_SIDE, sharpness};
use crate::decode::decode;
use crate::detect::{Found, detect};
use crate::error::ImageError;
use crate::faces::judge;
use crate::grey::{Area, luma, shrink, shrunk};
use crate::light::{Light, measure};
use crate::normalise::{Dimensions, NormalisePolicy};
use crate::policy::CheckPolicy;
use crate::report::{Face, Finding, FindingKind, Measurements, Report, Role};

/// Checks a JPEG or PNG as Faceki will see it once normalised (orientation applied,
/// at most 1920 px): see the crate docs for each check. To send the image as well,
/// [`prepare`](crate::prepare) decodes it once for both.
///
/// ```
/// use faceki_image::{CheckPolicy, FindingKind, Role, check};
///
/// # fn demo(selfie: &[u8]) -> Result<(), faceki_image::ImageError> {
/// let report = check(selfie, Role::Selfie, &CheckPolicy::default())?;
/// for finding in &report.findings {
///     println!("{} — {}", finding.code, finding.message);
/// }
/// if report.has(FindingKind::NoFace) { /* ask for another selfie */ }
/// # Ok(()) }
/// ```
pub fn check(input: &[u8], role: Role, policy: &CheckPolicy) -> Result<Report, ImageError> {
    let side = NormalisePolicy::default().max_side;
    let decoded = decode(input, side)?;
    // Grey first, then shrunk: a third of the work of shrinking colour.
    let grey = shrink(luma(&decoded.pixels), side);
    analyse(&grey, decoded.before, role, policy)
}

/// The checks on `grey`, the image as sent (in grey); `before` is its original size.
pub(crate) fn analyse(
    grey: &GrayImage,
    before: Dimensions,
    role: Role,
    policy: &CheckPolicy,
) -> Result<Report, ImageError> {
    let mut findings = Vec::new();
    let shorter = before.width.min(before.height);
    if shorter < policy.min_side {
        findings.push(Finding {
            kind: FindingKind::ImageTooSmall,
            code: FindingKind::ImageTooSmall.code(role),
            message: format!(
                "The picture is {}×{} pixels (at least {} on its shorter side expected): take it with the camera's full resolution.",
                before.width, before.height, policy.min_side
            ),
        });
    }
    let small = shrunk(grey, policy.detect_side);
    let (faces, main) = if role == Role::Selfie {
        let found = detect(&small, f64::from(policy.min_face_score))?;
        let (found, face_findings) = judge(found, small.width(), small.height(), policy);
        findings.extend(face_findings);
        let main = found.first().copied();
        (found, main)
    } else {
        (Vec::new(), None)
    };
    // Boxes from the detector's scale to the analysis image's and the input's.
    let to_grey = grey.width() as f32 / small.width().max(1) as f32;
    let to_input = before.width as f32 / small.width().max(1) as f32;
    let face_area = main.and_then(|f| {
        Area::clipped(
            (
                f.x * to_grey,
                f.y * to_grey,
                f.size * to_grey,
                f.size * to_grey,
            ),
            grey.width(),
            grey.height(),
        )
    });
    let light = match face_area {
        Some(area) => measure(grey, area),
        None => measure(&small, Area::all(&small)),
    };
    let subject = if role == Role::Document {
        "document"
    } else {
        "face"
    };
    if role == Role::Document || face_area.is_some() {
        light_findings(light, subject, role, policy, &mut findings);
    }
    let sharp = match (role, face_area) {
        (Role::Document, _) => Some(sharpness(grey, Area::all(grey), DOCUMENT_SIDE)),
        (_, Some(area)) => Some(sharpness(grey, area, FACE_SIDE)),
        (_, None) => None,
    };
    let minimum = match role {
        Role::Document => policy.min_document_sharpness,
        _ => policy.min_face_sharpness,
    };
    if let Some(value) = sharp.filter(|v| *v < minimum) {
        findings.push(Finding {
            kind: FindingKind::Blurred,
            code: FindingKind::Blurred.code(role),
            message: format!(
                "The {subject} is blurred (sharpness {value:.3}, at least {minimum:.3} expected): hold the camera still and let it focus."
            ),
        });
    }
    Ok(Report {
        role,
        findings,
        faces: faces.iter().map(|f| face_in_input(f, to_input)).collect(),
        dimensions: before,
        measurements: Measurements {
            brightness: light.mean,
            dark_share: light.black,
            clipped_share: light.white,
            sharpness: sharp,
            on_face: face_area.is_some(),
        },
    })
}

fn light_findings(
    light: Light,
    subject: &str,
    role: Role,
    policy: &CheckPolicy,
    findings: &mut Vec<Finding>,
) {
    let mut add = |kind: FindingKind, message: String| {
        findings.push(Finding {
            kind,
            code: kind.code(role),
            message,
        });
    };
    if light.mean < policy.min_brightness {
        add(
            FindingKind::TooDark,
            format!(
                "The {subject} is too dark (mean brightness {:.0} of 255, at least {:.0} expected): take the picture in brighter, even light.",
                light.mean, policy.min_brightness
            ),
        );
    } else if light.white > policy.max_clipped {
        add(
            FindingKind::Overexposed,
            format!(
                "The {subject} is overexposed ({:.0}% of it is pure white, at most {:.0}% expected): avoid direct light and flash.",
                light.white * 100.0,
                policy.max_clipped * 100.0
            ),
        );
    } else if light.mean > policy.max_brightness {
        add(
            FindingKind::Overexposed,
            format!(
                "The {subject} is overexposed (mean brightness {:.0} of 255, at most {:.0} expected): avoid direct light and flash.",
                light.mean, policy.max_brightness
            ),
        );
    }
}

fn face_in_input(found: &Found, scale: f32) -> Face {
    let size = (found.size * scale).round().max(1.0);
    Face {
        left: (found.x * scale).round() as i32,
        top: (found.y * scale).round() as i32,
        width: size as u32,
        height: size as u32,
        score: found.score,
    }
}
