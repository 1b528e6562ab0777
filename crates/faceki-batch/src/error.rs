//! The errors: [`RowError`] (one row or column is wrong), [`InvalidRows`] (why an
//! import was refused), [`ManifestError`], [`JournalError`] and [`BatchError`], which
//! holds them all.
//!
//! None holds a secret or an answer's personal data; a [`RowError`] may quote a value
//! of the caller's own manifest (an identifier, a path) so it can be found and fixed.

use std::fmt;
use std::path::PathBuf;

/// A problem with one row of the inputs (or the manifest's header), before anything is
/// sent: which row, which column, what is wrong.
///
/// Rows count from 1 (the first person); for a manifest `line` is the line of the file
/// (the header of a CSV file is line 1, so its first row is usually line 2). Row 0 is
/// the header.
///
/// ```
/// use faceki_batch::RowError;
///
/// let e = RowError::new(3, Some("selfie"), "the image file does not exist").at_line(4);
/// assert_eq!(e.to_string(), "row 3 (line 4), column `selfie`: the image file does not exist");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RowError {
    /// The row, from 1; 0 for the header.
    pub row: u64,
    /// The line of the file, when the row came from one.
    pub line: Option<u64>,
    /// The column (a V3 form field: `record_identifier`, `workflowId`, `selfie`, ...),
    /// when the problem belongs to one.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: String,
    /// Whether the whole input is unusable from here (an unknown column, a file that
    /// cannot be read further): never skipped, even with
    /// [`ImportOptions::skip_invalid`](crate::ImportOptions::skip_invalid).
    pub fatal: bool,
}

impl RowError {
    /// A problem with `row` (0: the header), in `column` if it belongs to one.
    pub fn new(row: u64, column: Option<&str>, problem: impl Into<String>) -> Self {
        Self {
            row,
            line: None,
            column: column.map(str::to_owned),
            problem: problem.into(),
            fatal: false,
        }
    }

    /// The same, marked as making the whole input unusable.
    pub fn fatal(mut self) -> Self {
        self.fatal = true;
        self
    }

    /// The same, at `line` of the file.
    pub fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, self.line) {
            (0, Some(line)) => write!(f, "header (line {line})")?,
            (0, None) => f.write_str("header")?,
            (row, Some(line)) => write!(f, "row {row} (line {line})")?,
            (row, None) => write!(f, "row {row}")?,
        }
        if let Some(column) = &self.column {
            write!(f, ", column `{column}`")?;
        }
        write!(f, ": {}", self.problem)
    }
}

impl std::error::Error for RowError {}

/// Why an import was refused: every row error found (the first
/// [`ImportOptions::max_errors`](crate::ImportOptions::max_errors) of them kept), and
/// how many there were. Nothing was stored or sent.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InvalidRows {
    /// The errors kept, in row order.
    pub errors: Vec<RowError>,
    /// How many errors were found in all (at least `errors.len()`).
    pub total: u64,
}

impl fmt::Display for InvalidRows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} problem{} in the inputs; nothing was sent",
            self.total,
            if self.total == 1 { "" } else { "s" }
        )?;
        if let Some(first) = self.errors.first() {
            write!(f, " (first: {first})")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidRows {}

/// A manifest that cannot be read at all.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ManifestError {
    /// The file cannot be opened or read.
    #[error("cannot read the manifest {}: {source}", path.display())]
    Io {
        /// The manifest.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The header (CSV) is wrong: unknown, repeated or missing columns. Never skipped,
    /// even with [`ImportOptions::skip_invalid`](crate::ImportOptions::skip_invalid).
    #[error("{}", describe_header(.0))]
    Header(Vec<RowError>),
}

fn describe_header(errors: &[RowError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// The journal cannot be opened, read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// Another process has the journal open (one process at a time: two could send
    /// the same row).
    #[error(
        "the journal {} is in use by another process (one run at a time per journal)",
        path.display()
    )]
    InUse {
        /// The journal.
        path: PathBuf,
    },
    /// The file is an SQLite database, but not a batch journal.
    #[error("{} is not a faceki batch journal", path.display())]
    NotAJournal {
        /// The file.
        path: PathBuf,
    },
    /// The journal was written by a newer version of this crate.
    #[error(
        "the journal {} has schema version {found}; this faceki-batch reads up to {supported}",
        path.display()
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The journal's schema version.
        found: i64,
        /// The newest version this crate reads.
        supported: i64,
    },
    /// SQLite failed (disk full, I/O error, a corrupt file...).
    #[error("journal storage failed: {message}")]
    Storage {
        /// What failed.
        message: String,
        /// The underlying error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A row was not in the state a transition expects (the journal was changed
    /// under this run).
    #[error("journal row {id} is not in the expected state for this transition")]
    Conflict {
        /// The row's id in the journal.
        id: i64,
    },
    /// The journal's thread has stopped (it panicked, or the journal was closed).
    #[error("the journal's thread has stopped")]
    Closed,
}

impl JournalError {
    pub(crate) fn storage(error: rusqlite::Error) -> Self {
        Self::Storage {
            message: error.to_string(),
            source: Box::new(error),
        }
    }
}

impl From<rusqlite::Error> for JournalError {
    fn from(error: rusqlite::Error) -> Self {
        Self::storage(error)
    }
}

/// Everything the batch API can fail with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// Rows are invalid: nothing was stored or sent.
    #[error(transparent)]
    Invalid(#[from] InvalidRows),
    /// The manifest cannot be read.
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    /// The journal failed.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// Another import or run is in progress on the same journal in this process.
    #[error("the journal is busy: another import or run is in progress on it")]
    Busy,
    /// The report could not be written.
    #[error("cannot write the report: {0}")]
    Report(#[source] std::io::Error),
}
