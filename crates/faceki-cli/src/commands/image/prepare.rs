//! `faceki image prepare IN -o OUT`: the image as it should be sent, with bytes and
//! pixels before and after.

use faceki_image::{NormalisePolicy, normalise};
use serde::Serialize;

use std::path::PathBuf;

use crate::exit::{Exit, Failure};
use crate::output::Output;

/// What `prepare` reports.
#[derive(Debug, Serialize)]
struct Prepared {
    before: Size,
    after: Size,
    reencoded: bool,
}

#[derive(Debug, Serialize)]
struct Size {
    width: u32,
    height: u32,
    bytes: usize,
}

/// `image prepare`. Unreadable input is exit 2, like any input error.
pub(crate) fn run(
    input: PathBuf,
    output: PathBuf,
    policy: &NormalisePolicy,
    out: &Output,
) -> Result<(), Failure> {
    // The paths may name a person: they are not repeated in messages.
    let bytes = std::fs::read(&input)
        .map_err(|e| Failure::Usage(format!("the input image cannot be read ({})", e.kind())))?;
    let prepared =
        normalise(&bytes, policy).map_err(|e| Failure::Usage(format!("the input image: {e}")))?;
    std::fs::write(&output, &prepared.bytes).map_err(|e| {
        Failure::Other(
            Exit::Usage,
            format!("the prepared image cannot be written ({})", e.kind()),
        )
    })?;
    let size = |d: faceki_image::Dimensions| Size {
        width: d.width,
        height: d.height,
        bytes: d.bytes,
    };
    let report = Prepared {
        before: size(prepared.before),
        after: size(prepared.after),
        reencoded: prepared.reencoded,
    };
    out.result(&report, render)
}

fn render(p: &Prepared) -> String {
    let line =
        |what: &str, s: &Size| format!("{what:<8}{}×{} px, {} bytes\n", s.width, s.height, s.bytes);
    let how = if p.reencoded {
        "re-encoded: orientation applied, metadata dropped"
    } else {
        "unchanged: already a clean JPEG within the limits"
    };
    format!(
        "{}{}{how}\n",
        line("before", &p.before),
        line("after", &p.after)
    )
}
