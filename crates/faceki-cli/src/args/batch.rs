//! `faceki batch run` and `faceki batch report`: their arguments.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

/// The `batch` commands.
#[derive(Debug, Subcommand)]
pub(crate) enum BatchCommand {
    /// Verify every person of a manifest: resumable, never billed twice.
    ///
    /// The manifest is CSV (with a header row) or JSON Lines, one row per person, with
    /// the V3 form's fields as columns: record_identifier (required, unique),
    /// workflowId (or --workflow-id), selfie, document_1_front, document_1_back,
    /// document_2_front, ... (image paths relative to the manifest's folder). Every row
    /// and image is checked before the first billed call. The journal (an SQLite file)
    /// records each row's state; run the same command again after a crash or Ctrl-C:
    /// rows that may have reached Faceki are looked up by record identifier first.
    #[command(verbatim_doc_comment)]
    Run(RunArgs),
    /// Summarize a batch's journal and write every row as CSV or JSON Lines.
    Report(ReportArgs),
}

/// `batch run`.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// The manifest (`.csv` with a header row, or `.jsonl`).
    #[arg(value_name = "MANIFEST")]
    pub(crate) manifest: PathBuf,
    /// The journal [default: next to the manifest, MANIFEST.journal].
    #[arg(long, value_name = "PATH")]
    pub(crate) journal: Option<PathBuf>,
    /// The workflow of the rows without a workflowId.
    #[arg(long, value_name = "ID")]
    pub(crate) workflow_id: Option<String>,
    /// Check every row and image, and stop there: nothing is sent, nothing stored.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Send the valid rows even when others are invalid (those are listed, not sent).
    /// Unknown columns are never skipped.
    #[arg(long)]
    pub(crate) skip_invalid: bool,
    /// Verifications in flight at once.
    #[arg(long, value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub(crate) concurrency: u16,
    /// At most this many billed calls per second across the batch: `20`, `20/s`,
    /// `600/min`.
    #[arg(long, value_name = "R/s")]
    pub(crate) rate: Option<faceki_batch::Rate>,
    /// Stop after this many billed calls (a budget guard; calls refused before
    /// processing do not count).
    #[arg(long, value_name = "N")]
    pub(crate) max_billed: Option<u64>,
    /// Keep the answers' personal data (names, document numbers) in the journal, for
    /// `batch report --include-personal-data`.
    #[arg(long)]
    pub(crate) include_personal_data: bool,
    /// How hard each journal commit is pushed to disk: `full` survives a power cut,
    /// `normal` only a crash of this process.
    #[arg(long, value_enum, value_name = "MODE", default_value_t = JournalSync::Full)]
    pub(crate) journal_sync: JournalSync,
}

/// `--journal-sync`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum JournalSync {
    /// Every commit on disk before the request it announces leaves.
    Full,
    /// Commits survive a crash of this process, not a power cut.
    Normal,
}

/// `batch report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// The manifest whose journal to read (MANIFEST.journal, next to it).
    #[arg(value_name = "MANIFEST", required_unless_present = "journal")]
    pub(crate) manifest: Option<PathBuf>,
    /// The journal to read.
    #[arg(long, value_name = "PATH")]
    pub(crate) journal: Option<PathBuf>,
    /// Where to write the rows [default: stdout; the summary then goes to stderr].
    #[arg(short, long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The rows' format [default: from the output's extension, else csv].
    #[arg(long, value_enum)]
    pub(crate) format: Option<ReportFormat>,
    /// Add the personal data the journal kept (only if the run was given
    /// --include-personal-data).
    #[arg(long)]
    pub(crate) include_personal_data: bool,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}
