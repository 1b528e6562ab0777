//! Runs a parsed command line.

mod batch;
mod image;
mod link;
mod records;
mod token;
mod v2;
mod v3;
mod webhook;

pub(crate) use token::auth_failure as token_failure;

use std::path::Path;

use faceki::ImageInput;

use crate::args::{Cli, Command};
use crate::exit::Failure;
use crate::output::Output;

/// Runs `cli`'s command, printing its result through `out`. `warnings` (about
/// secrets given as flags) go to stderr first, except for `webhook listen`, whose
/// first line is its address.
pub(crate) async fn run(cli: Cli, out: &Output, warnings: &[String]) -> Result<(), Failure> {
    let global = cli.global;
    if let Command::Webhook { command } = cli.command {
        return webhook::run(command, &global, out, warnings).await;
    }
    print_warnings(warnings);
    match cli.command {
        Command::Sandbox { port, token_ttl } => {
            crate::sandbox::run(&global, port, token_ttl, out).await
        }
        Command::Demo => crate::demo::run(out).await,
        Command::Image { command } => image::run(command, out),
        Command::Batch { command } => batch::run(command, &global, out).await,
        command => {
            let client = crate::client::build(&global)?;
            match command {
                Command::Token { reveal } => token::run(&client, reveal, out).await,
                Command::Rules => v2::rules(&client, out).await,
                Command::Verify {
                    selfie,
                    front,
                    back,
                } => v2::verify(&client, &selfie, &front, &back, out).await,
                Command::VerifyMulti(args) => v2::verify_multi(&client, &args, out).await,
                Command::Summary => v2::summary(&client, out).await,
                Command::Link { command } => link::run(&client, command, out).await,
                Command::Records(filter) => records::run(&client, &filter, out).await,
                Command::FaceSearch { selfie } => v2::face_search(&client, &selfie, out).await,
                Command::V3 { command } => v3::run(&client, command, out).await,
                Command::AnalyzeFace { selfie } => v3::analyze_face(&client, &selfie, out).await,
                Command::Sandbox { .. }
                | Command::Demo
                | Command::Webhook { .. }
                | Command::Image { .. }
                | Command::Batch { .. } => Ok(()),
            }
        }
    }
}

/// Prints each warning on stderr.
pub(crate) fn print_warnings(warnings: &[String]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

/// An image from a file, checked before anything is sent: it must exist and be a
/// regular file (the client then checks size and format). The file's own name is
/// sent, so sandbox triggers such as `selfie.sandbox-8006.jpg` work.
pub(crate) fn image(flag: &str, path: &Path) -> Result<ImageInput, Failure> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => {}
        Ok(_) => {
            return Err(Failure::Usage(format!(
                "--{flag}: `{}` is not a file; nothing was sent",
                path.display()
            )));
        }
        Err(e) => {
            return Err(Failure::Usage(format!(
                "--{flag}: cannot read `{}`: {}; nothing was sent",
                path.display(),
                io_reason(&e)
            )));
        }
    }
    let input = ImageInput::path(path);
    Ok(match path.file_name().and_then(|n| n.to_str()) {
        Some(name) => input.with_file_name(name),
        None => input,
    })
}

fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => error.to_string(),
    }
}

/// Runs `call` under a spinner saying `message`.
pub(crate) async fn with_spinner<T>(
    out: &Output,
    message: &str,
    call: impl std::future::Future<Output = T>,
) -> T {
    let spinner = out.spinner(message);
    let result = call.await;
    spinner.finish_and_clear();
    result
}
