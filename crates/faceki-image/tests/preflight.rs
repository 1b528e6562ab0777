//! [`Preflight`] and [`Policy`] as the client's image pre-flight (the
//! `ImagePreflight` contract): what each policy sends, refuses and reports, for
//! selfies and documents of the test set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{
    SELFIE_SIDE, darken, document, enlarge, exif_segment, fixture, jpeg_of, with_segment,
};
use faceki_image::{Policy, Preflight};
use faceki_types::ResponseCode;
use faceki_types::preflight::ImagePreflight;
use faceki_types::request::ImageSlot;

const SELFIE: ImageSlot = ImageSlot::selfie("selfie");
const FRONT: ImageSlot = ImageSlot::document("document_1_front");

/// A good selfie from the test set, with an EXIF segment carrying GPS coordinates.
fn tagged_selfie() -> Vec<u8> {
    let jpeg = jpeg_of(&enlarge(&fixture("one-face-1"), SELFIE_SIDE), 92);
    with_segment(&jpeg, &exif_segment(1, true))
}

fn no_face_selfie() -> Vec<u8> {
    jpeg_of(&enlarge(&fixture("no-face-pavement"), SELFIE_SIDE), 92)
}

#[test]
fn off_does_nothing_and_says_so() {
    assert!(!Policy::Off.is_active());
    assert!(!Preflight::new(Policy::Off).is_active());
    let out = Policy::Off.preflight(SELFIE, &no_face_selfie()).unwrap();
    assert!(out.replacement.is_none() && out.findings.is_empty() && !out.refuse);
}

#[test]
fn normalise_sends_a_clean_image_and_never_refuses() {
    let selfie = tagged_selfie();
    let out = Policy::Normalise.preflight(SELFIE, &selfie).unwrap();
    let sent = out.replacement.expect("a tagged JPEG is re-encoded");
    assert!(!sent.windows(4).any(|w| w == b"Exif"), "metadata dropped");
    assert!(sent.len() < selfie.len());
    let out = Policy::Normalise
        .preflight(SELFIE, &no_face_selfie())
        .unwrap();
    assert!(!out.refuse, "normalise never refuses");
}

#[test]
fn strict_refuses_a_selfie_without_a_face_naming_the_code() {
    let out = Policy::Strict.preflight(SELFIE, &no_face_selfie()).unwrap();
    assert!(out.refuse);
    let finding = &out.findings[0];
    assert_eq!(finding.field, "selfie");
    assert_eq!(finding.code, ResponseCode::FaceNotFound);
    assert!(!finding.message.is_empty());
}

#[test]
fn strict_passes_a_good_selfie_and_still_normalises_it() {
    let out = Policy::Strict.preflight(SELFIE, &tagged_selfie()).unwrap();
    assert!(!out.refuse, "{:?}", out.findings);
    assert!(out.findings.is_empty(), "{:?}", out.findings);
    assert!(out.replacement.is_some());
}

#[test]
fn strict_reports_document_findings_and_refuses_them_only_when_asked() {
    let dark = jpeg_of(&darken(&document(&fixture("one-face-2"))), 92);
    let out = Policy::Strict.preflight(FRONT, &dark).unwrap();
    assert!(!out.findings.is_empty(), "a dark document is reported");
    assert!(!out.refuse, "documents do not refuse by default");
    assert!(out.findings.iter().all(|f| f.field == "document_1_front"));
    let strict_documents = Preflight::new(Policy::Strict).refuse_documents(true);
    assert!(strict_documents.preflight(FRONT, &dark).unwrap().refuse);
}

#[test]
fn unreadable_images_are_an_error_without_their_content() {
    let err = Policy::Normalise
        .preflight(SELFIE, b"GIF89a not a photo")
        .unwrap_err();
    assert!(err.contains("neither JPEG nor PNG"), "{err}");
    assert!(!err.contains("GIF89a"), "{err}");
}
