//! The V2 commands: `rules`, `verify`, `verify-multi`, `summary`, `face-search`.

use std::path::Path;

use faceki::v2::{MultiVerification, SingleVerification};
use faceki::{Client, ImageInput};

use super::{image, with_spinner};
use crate::args::VerifyMulti;
use crate::exit::Failure;
use crate::output::Output;
use crate::render;

/// `faceki rules`.
pub(crate) async fn rules(client: &Client, out: &Output) -> Result<(), Failure> {
    let rules = with_spinner(out, "fetching the KYC rules", client.v2().rules()).await?;
    out.result(&rules, render::rules)
}

/// `faceki verify`.
pub(crate) async fn verify(
    client: &Client,
    selfie: &Path,
    front: &Path,
    back: &Path,
    out: &Output,
) -> Result<(), Failure> {
    let input = SingleVerification::new()
        .selfie_image(image("selfie", selfie)?)
        .doc_front_image(image("front", front)?)
        .doc_back_image(image("back", back)?);
    let result = with_spinner(
        out,
        "uploading 3 images for verification",
        client.v2().verify(input),
    )
    .await?;
    out.result(&result, render::verification)
}

/// `faceki verify-multi`.
pub(crate) async fn verify_multi(
    client: &Client,
    args: &VerifyMulti,
    out: &Output,
) -> Result<(), Failure> {
    if args.id_front.is_none() && args.dl_front.is_none() && args.pp_front.is_none() {
        return Err(Failure::Usage(
            "give at least one document: --id-front/--id-back, --dl-front/--dl-back or \
             --pp-front; nothing was sent"
                .to_owned(),
        ));
    }
    let mut input = MultiVerification::new().selfie_image(image("selfie", &args.selfie)?);
    let mut count = 1;
    type Setter = fn(MultiVerification, ImageInput) -> MultiVerification;
    let sides: [(&str, _, Setter); 6] = [
        (
            "id-front",
            &args.id_front,
            MultiVerification::id_front_image,
        ),
        ("id-back", &args.id_back, MultiVerification::id_back_image),
        (
            "dl-front",
            &args.dl_front,
            MultiVerification::dl_front_image,
        ),
        ("dl-back", &args.dl_back, MultiVerification::dl_back_image),
        (
            "pp-front",
            &args.pp_front,
            MultiVerification::pp_front_image,
        ),
        ("pp-back", &args.pp_back, MultiVerification::pp_back_image),
    ];
    for (flag, path, set) in sides {
        let Some(path) = path else { continue };
        input = set(input, image(flag, path)?);
        count += 1;
    }
    let result = with_spinner(
        out,
        &format!("uploading {count} images for verification"),
        client.v2().verify_multi(input),
    )
    .await?;
    out.result(&result, render::multi)
}

/// `faceki summary`.
pub(crate) async fn summary(client: &Client, out: &Output) -> Result<(), Failure> {
    let summary = with_spinner(out, "fetching the summary", client.v2().summary()).await?;
    out.result(&summary, render::summary)
}

/// `faceki face-search`: V2 face check.
pub(crate) async fn face_search(
    client: &Client,
    selfie: &Path,
    out: &Output,
) -> Result<(), Failure> {
    let selfie = image("selfie", selfie)?;
    let result = with_spinner(out, "searching by face", client.v2().face_check(selfie)).await?;
    out.result(&result, render::face_check)
}
