//! The V3 commands: `v3 verify`, `v3 rules`, `v3 face-search` and `analyze-face`.

use std::path::Path;

use faceki::v3::Verification;
use faceki::{Client, ImageInput};

use super::{image, with_spinner};
use crate::args::{V3Command, V3Rules, V3Verify};
use crate::exit::Failure;
use crate::output::Output;
use crate::render;

/// Runs a `v3` command.
pub(crate) async fn run(client: &Client, command: V3Command, out: &Output) -> Result<(), Failure> {
    match command {
        V3Command::Verify(args) => verify(client, &args, out).await,
        V3Command::Rules(V3Rules { workflow_id, link }) => {
            let message = "fetching the workflow rules";
            let rules = match (workflow_id, link) {
                (Some(id), _) => {
                    with_spinner(out, message, client.v3().workflow_rules(&id)).await?
                }
                (None, Some(link)) => {
                    with_spinner(out, message, client.links().workflow_rules(&link)).await?
                }
                (None, None) => {
                    return Err(Failure::Usage("give --workflow-id or --link".to_owned()));
                }
            };
            out.result(&rules, render::workflow)
        }
        V3Command::FaceSearch { selfie } => {
            let selfie = image("selfie", &selfie)?;
            let records =
                with_spinner(out, "searching by face", client.v3().search_by_face(selfie)).await?;
            out.result(&records, render::records)
        }
    }
}

async fn verify(client: &Client, args: &V3Verify, out: &Output) -> Result<(), Failure> {
    let mut input = Verification::by_workflow(&args.workflow_id)
        .selfie(image("selfie", &args.selfie)?)
        .document_1_front(image("doc1-front", &args.doc1_front)?);
    let mut count = 2;
    if let Some(id) = &args.record_identifier {
        input = input.record_identifier(id);
    }
    type Setter = fn(Verification, ImageInput) -> Verification;
    let optional: [(&str, _, Setter); 5] = [
        ("doc1-back", &args.doc1_back, Verification::document_1_back),
        (
            "doc2-front",
            &args.doc2_front,
            Verification::document_2_front,
        ),
        ("doc2-back", &args.doc2_back, Verification::document_2_back),
        (
            "doc3-front",
            &args.doc3_front,
            Verification::document_3_front,
        ),
        ("doc3-back", &args.doc3_back, Verification::document_3_back),
    ];
    for (flag, path, set) in optional {
        let Some(path) = path else { continue };
        input = set(input, image(flag, path)?);
        count += 1;
    }
    let outcome = with_spinner(
        out,
        &format!("uploading {count} images for verification"),
        client.v3().verify(input),
    )
    .await?;
    if outcome.reconciled {
        out.note(
            "the answer was lost or refused; this is the record found by its record \
             identifier (processed and billed once)",
        );
    }
    out.result(&outcome, render::outcome)
}

/// `faceki analyze-face`.
pub(crate) async fn analyze_face(
    client: &Client,
    selfie: &Path,
    out: &Output,
) -> Result<(), Failure> {
    let selfie = image("selfie", selfie)?;
    let analysis =
        with_spinner(out, "analysing the face", client.v3().analyze_face(selfie)).await?;
    out.result(&analysis, render::analysis)
}
