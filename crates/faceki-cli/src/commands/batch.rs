//! `faceki batch`: a thin layer over `faceki-batch` — `run` (check the manifest,
//! reconcile, send, with a progress bar and Ctrl-C handling) and `report`.

mod progress;
mod report;
mod run;

use std::path::{Path, PathBuf};

use faceki_batch::{BatchError, JournalError, Manifest, ManifestError, RowError};

use crate::args::Global;
use crate::args::batch::BatchCommand;
use crate::exit::{Exit, Failure};
use crate::output::Output;

/// Runs a `batch` command.
pub(crate) async fn run(
    command: BatchCommand,
    global: &Global,
    out: &Output,
) -> Result<(), Failure> {
    match command {
        BatchCommand::Run(args) => run::run(&args, global, out).await,
        BatchCommand::Report(args) => report::run(&args, out),
    }
}

/// The journal's path: the one given, or the manifest's default.
fn journal_path(given: Option<&Path>, manifest: Option<&Path>) -> Result<PathBuf, Failure> {
    match (given, manifest) {
        (Some(path), _) => Ok(path.to_path_buf()),
        (None, Some(manifest)) => Ok(Manifest::with_format(
            manifest,
            faceki_batch::ManifestFormat::Csv,
        )
        .default_journal_path()),
        (None, None) => Err(Failure::Usage(
            "give a MANIFEST or --journal PATH".to_owned(),
        )),
    }
}

/// A journal that cannot be opened: a usage error, whatever the reason.
fn open_failure(path: &Path, error: JournalError) -> Failure {
    match error {
        JournalError::Storage { message, .. } => Failure::Usage(format!(
            "cannot open the journal {}: {message}",
            path.display()
        )),
        other => Failure::Usage(other.to_string()),
    }
}

/// Prints row errors, one per line, on stderr.
fn print_row_errors(errors: &[RowError], total: u64) {
    for error in errors {
        eprintln!("  {error}");
    }
    let shown = errors.len() as u64;
    if total > shown {
        eprintln!("  ... and {} more", total - shown);
    }
}

/// How a batch error ends the command.
fn failure(error: BatchError) -> Failure {
    match error {
        BatchError::Invalid(invalid) => {
            eprintln!(
                "error: the manifest has {} problem{}:",
                invalid.total,
                plural(invalid.total)
            );
            print_row_errors(&invalid.errors, invalid.total);
            Failure::Usage(
                "nothing was sent: fix these rows, or pass --skip-invalid to send the valid ones"
                    .to_owned(),
            )
        }
        BatchError::Manifest(ManifestError::Header(errors)) => {
            eprintln!("error: the manifest's header is wrong:");
            print_row_errors(&errors, errors.len() as u64);
            Failure::Usage("nothing was sent".to_owned())
        }
        BatchError::Manifest(e) => Failure::Usage(e.to_string()),
        BatchError::Journal(
            e @ (JournalError::InUse { .. }
            | JournalError::NotAJournal { .. }
            | JournalError::NewerSchema { .. }),
        ) => Failure::Usage(e.to_string()),
        other => Failure::Other(Exit::Api, other.to_string()),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}
