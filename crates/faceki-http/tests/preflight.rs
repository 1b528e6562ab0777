//! The client's image pre-flight (`ClientBuilder::preflight`) on every upload
//! endpoint, against the sandbox: a refusal sends nothing, a replacement is what is
//! sent, selfies and documents are told apart, and a failing pre-flight names the
//! field. The pre-flight here is a test double of the `ImagePreflight` contract; the
//! real checks are `faceki-image`'s and are tested there.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Mutex;

use faceki_http::{Client, Delivery, Error, ImageInput};
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Sandbox, SandboxHandle};
use faceki_types::preflight::{ImagePreflight, PreflightFinding, Preflighted};
use faceki_types::request::{ImageRole, ImageSlot};
use faceki_types::{Endpoint, ResponseCode};

/// What the double does with each image.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mode {
    /// Refuse every selfie (FACE_NOT_FOUND); replace every document.
    RefuseSelfies,
    /// Replace documents, pass selfies with a finding that does not refuse.
    ReplaceDocuments,
    /// Fail to read any image.
    Unreadable,
}

/// A document replaced by the double: a JPEG head and padding, 5,000 bytes.
fn replacement() -> Vec<u8> {
    let mut bytes = JPEG.to_vec();
    bytes.resize(5_000, 0);
    bytes
}

#[derive(Debug)]
struct Double {
    mode: Mode,
    seen: Mutex<Vec<(&'static str, ImageRole, usize)>>,
}

impl Double {
    fn new(mode: Mode) -> Self {
        Self {
            mode,
            seen: Mutex::new(Vec::new()),
        }
    }
}

impl ImagePreflight for Double {
    fn preflight(&self, slot: ImageSlot, image: &[u8]) -> Result<Preflighted, String> {
        self.seen
            .lock()
            .unwrap()
            .push((slot.name, slot.role, image.len()));
        if self.mode == Mode::Unreadable {
            return Err("the image cannot be decoded".to_owned());
        }
        let mut out = Preflighted::unchanged();
        match slot.role {
            ImageRole::Selfie => {
                out.findings.push(PreflightFinding::new(
                    slot.name,
                    ResponseCode::from_code(8006),
                    "no face was found",
                ));
                out.refuse = self.mode == Mode::RefuseSelfies;
            }
            _ => out.replacement = Some(replacement()),
        }
        Ok(out)
    }
}

async fn setup(mode: Mode) -> (SandboxHandle, Client, std::sync::Arc<Double>) {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let creds = sandbox.credentials();
    let double = std::sync::Arc::new(Double::new(mode));
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .preflight_shared(double.clone())
        .build()
        .unwrap();
    (sandbox, client, double)
}

/// Every upload endpoint, with one selfie and, where the call takes them, documents.
async fn upload(client: &Client, endpoint: Endpoint, link: &str) -> Result<(), Error> {
    use faceki_http::v2::{MultiVerification, SingleVerification};
    use faceki_http::v3::Verification;
    let img = || ImageInput::bytes(JPEG);
    match endpoint {
        Endpoint::SingleVerification => client
            .v2()
            .verify(
                SingleVerification::new()
                    .selfie_image(img())
                    .doc_front_image(img())
                    .doc_back_image(ImageInput::bytes(PNG)),
            )
            .await
            .map(drop),
        Endpoint::LinkSingleVerification => client
            .v2()
            .verify(
                SingleVerification::by_link(link, "Passport")
                    .selfie_image(img())
                    .doc_front_image(img())
                    .doc_back_image(img()),
            )
            .await
            .map(drop),
        Endpoint::MultiVerification | Endpoint::LinkMultiVerification => {
            let request = match endpoint {
                Endpoint::MultiVerification => MultiVerification::new(),
                _ => MultiVerification::by_link(link),
            };
            let request = request
                .selfie_image(img())
                .id_front_image(img())
                .id_back_image(img());
            client.v2().verify_multi(request).await.map(drop)
        }
        Endpoint::FaceCheck => client.v2().face_check(img()).await.map(drop),
        Endpoint::V3Verification | Endpoint::V3VerificationByLink => {
            let request = match endpoint {
                Endpoint::V3Verification => Verification::by_workflow("wf-default"),
                _ => Verification::by_link(link),
            };
            let request = request
                .record_identifier("cust-preflight")
                .selfie(img())
                .document_1_front(img())
                .document_1_back(img());
            client.v3().verify(request).await.map(drop)
        }
        Endpoint::V3SearchByFace => client.v3().search_by_face(img()).await.map(drop),
        Endpoint::V3AnalyzeFace => client.v3().analyze_face(img()).await.map(drop),
        other => panic!("{other} is not an upload"),
    }
}

/// The part `name` of the last request the sandbox received at `endpoint`.
fn part(sandbox: &SandboxHandle, endpoint: Endpoint, name: &str) -> faceki_sandbox::PartInfo {
    let request = sandbox.last_request_to(endpoint).unwrap();
    request.parts.into_iter().find(|p| p.name == name).unwrap()
}

const UPLOADS: [Endpoint; 9] = [
    Endpoint::SingleVerification,
    Endpoint::MultiVerification,
    Endpoint::FaceCheck,
    Endpoint::LinkMultiVerification,
    Endpoint::LinkSingleVerification,
    Endpoint::V3Verification,
    Endpoint::V3SearchByFace,
    Endpoint::V3VerificationByLink,
    Endpoint::V3AnalyzeFace,
];

#[test]
fn the_list_is_every_upload_endpoint() {
    let uploads: Vec<Endpoint> = Endpoint::ALL
        .iter()
        .copied()
        .filter(|e| e.is_billed())
        .collect();
    assert_eq!(uploads, UPLOADS);
}

#[tokio::test]
async fn a_refused_selfie_sends_nothing_on_every_upload_endpoint() {
    let (sandbox, client, double) = setup(Mode::RefuseSelfies).await;
    let link = client
        .links()
        .create(faceki_http::links::CreateLink::new().workflow_id("wf-default"))
        .await
        .unwrap()
        .link_id;
    for endpoint in UPLOADS {
        let err = upload(&client, endpoint, &link).await.unwrap_err();
        let refusal = err
            .preflight_refusal()
            .unwrap_or_else(|| panic!("{endpoint}: {err}"));
        assert_eq!(
            refusal.anticipated_code(),
            Some(ResponseCode::from_code(8006))
        );
        assert!(err.is_invalid_input(), "{endpoint}");
        assert_eq!(err.delivery(), Delivery::NotSent, "{endpoint}");
        let shown = err.to_string();
        assert!(shown.contains("no face was found"), "{shown}");
        assert!(shown.contains("selfie"), "the field is named: {shown}");
        assert_eq!(sandbox.requests(endpoint), 0, "{endpoint}: nothing sent");
    }
    assert_eq!(sandbox.record_count(), 0, "nothing billed");
    // Checks stop at the refused selfie, which comes first in every upload.
    let seen = double.seen.lock().unwrap();
    assert!(seen.iter().all(|(_, role, _)| *role == ImageRole::Selfie));
    assert_eq!(seen.len(), UPLOADS.len());
}

#[tokio::test]
async fn normalised_documents_are_what_is_sent() {
    let (sandbox, client, double) = setup(Mode::ReplaceDocuments).await;
    upload(&client, Endpoint::V3Verification, "").await.unwrap();
    let seen = double.seen.lock().unwrap().clone();
    assert_eq!(
        seen,
        [
            ("selfie", ImageRole::Selfie, JPEG.len()),
            ("document_1_front", ImageRole::Document, JPEG.len()),
            ("document_1_back", ImageRole::Document, JPEG.len()),
        ],
        "every image, in wire order, with its role"
    );
    let size = |name| part(&sandbox, Endpoint::V3Verification, name).size;
    assert_eq!(
        size("selfie"),
        JPEG.len(),
        "a passed selfie is sent as it was"
    );
    assert_eq!(size("document_1_front"), replacement().len());
    assert_eq!(size("document_1_back"), replacement().len());
    assert_eq!(sandbox.record_count(), 1);

    // A V2 upload: the PNG back is replaced by the (JPEG) normalised image, and its
    // wire name follows.
    upload(&client, Endpoint::SingleVerification, "")
        .await
        .unwrap();
    let back = part(&sandbox, Endpoint::SingleVerification, "doc_back_image");
    assert_eq!(back.size, replacement().len());
    assert_eq!(back.file_name.as_deref(), Some("doc_back_image.jpg"));
    assert_eq!(back.content_type.as_deref(), Some("image/jpeg"));
}

#[tokio::test]
async fn an_unreadable_image_is_refused_naming_its_field() {
    let (sandbox, client, _) = setup(Mode::Unreadable).await;
    let err = upload(&client, Endpoint::V3AnalyzeFace, "")
        .await
        .unwrap_err();
    assert!(err.is_invalid_input());
    assert!(err.preflight_refusal().is_none());
    let shown = err.to_string();
    assert!(shown.contains("`selfie`"), "{shown}");
    assert!(shown.contains("cannot be decoded"), "{shown}");
    assert_eq!(
        sandbox.total_requests(),
        0,
        "not even a token was asked for"
    );
}

#[tokio::test]
async fn without_a_preflight_images_are_sent_as_they_are() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let creds = sandbox.credentials();
    let client = Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .build()
        .unwrap();
    upload(&client, Endpoint::SingleVerification, "")
        .await
        .unwrap();
    let back = part(&sandbox, Endpoint::SingleVerification, "doc_back_image");
    assert_eq!(back.size, PNG.len());
    assert_eq!(back.content_type.as_deref(), Some("image/png"));
}
