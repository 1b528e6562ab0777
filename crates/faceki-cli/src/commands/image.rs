//! The `image` commands: `prepare` (the image as it should be sent) and `check`
//! (the pre-flight's findings, before anything is paid for).

mod check;
mod prepare;

use crate::args::ImageCommand;
use crate::exit::Failure;
use crate::output::Output;

/// Runs an `image` command.
pub(crate) fn run(command: ImageCommand, out: &Output) -> Result<(), Failure> {
    match command {
        ImageCommand::Prepare {
            input,
            output,
            max_side,
            quality,
            full_chroma,
        } => {
            let chroma = if full_chroma {
                faceki_image::Chroma::Full
            } else {
                faceki_image::Chroma::Subsampled
            };
            let policy = faceki_image::NormalisePolicy::default()
                .with_max_side(max_side)
                .with_jpeg_quality(quality)
                .with_chroma(chroma);
            prepare::run(input, output, &policy, out)
        }
        ImageCommand::Check { files, document } => check::run(&files, document, out),
    }
}
