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
        } => prepare::run(input, output, max_side, quality, out),
        ImageCommand::Check { files, document } => check::run(&files, document, out),
    }
}
