//! [`Manifest`]: the people to verify, as a CSV file (with a header row) or JSON Lines,
//! one row per person, columns named after the V3 form fields.
//!
//! | column | |
//! |---|---|
//! | `record_identifier` | required, unique within the manifest |
//! | `workflowId` | the V3 workflow; or a default for every row ([`Manifest::default_workflow_id`]) |
//! | `selfie`, `document_1_front` | image paths, required |
//! | `document_1_back`, `document_2_front`, `document_2_back`, `document_3_front`, `document_3_back` | image paths, optional |
//!
//! Image paths are relative to the manifest's folder (or absolute). Any other column
//! is refused. Rows are read one at a time: a manifest of a million rows is never
//! held in memory.
//!
//! ```no_run
//! use faceki_batch::{Journal, Manifest};
//!
//! # fn demo() -> Result<(), faceki_batch::BatchError> {
//! let manifest = Manifest::open("rekyc/people.csv")?.default_workflow_id("wf-kyc");
//! let journal = Journal::open(manifest.default_journal_path())?;
//! // Checks every row and image, stores nothing, sends nothing:
//! let summary = journal.import(manifest.rows()?, &manifest.import_options().dry_run(true))?;
//! println!("{} rows are valid", summary.rows);
//! # Ok(()) }
//! ```

mod columns;
mod csv_rows;
mod jsonl_rows;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{ManifestError, RowError};
use crate::input::Input;
use crate::journal::ImportOptions;

/// How a manifest is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ManifestFormat {
    /// Comma-separated values with a header row (RFC 4180 quoting).
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl ManifestFormat {
    /// The format a file name says: `.csv`, or `.jsonl` / `.ndjson` / `.json`.
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(Self::Csv),
            "jsonl" | "ndjson" | "json" => Some(Self::JsonLines),
            _ => None,
        }
    }
}

/// A manifest file.
#[derive(Debug, Clone)]
pub struct Manifest {
    path: PathBuf,
    format: ManifestFormat,
    default_workflow: Option<String>,
}

impl Manifest {
    /// The manifest at `path`, its format from its extension, or else from its first
    /// character (`{`: JSON Lines; anything else: CSV).
    pub fn open(path: impl AsRef<Path>) -> Result<Self, ManifestError> {
        let path = path.as_ref().to_path_buf();
        let format = match ManifestFormat::from_path(&path) {
            Some(format) => format,
            None => sniff(&path)?,
        };
        Ok(Self::with_format(path, format))
    }

    /// The manifest at `path`, in `format`.
    pub fn with_format(path: impl Into<PathBuf>, format: ManifestFormat) -> Self {
        Self {
            path: path.into(),
            format,
            default_workflow: None,
        }
    }

    /// The workflow of the rows that have no `workflowId` (or an empty one).
    pub fn default_workflow_id(mut self, workflow_id: impl Into<String>) -> Self {
        self.default_workflow = Some(workflow_id.into());
        self
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its format.
    pub fn format(&self) -> ManifestFormat {
        self.format
    }

    /// The folder relative image paths are resolved against: the manifest's own.
    pub fn base_dir(&self) -> PathBuf {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// Where the journal goes by default: next to the manifest, its name plus
    /// `.journal` (`people.csv` → `people.csv.journal`).
    pub fn default_journal_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".journal");
        self.path.with_file_name(name)
    }

    /// Import options for this manifest: its folder as the base of relative paths,
    /// its path as the source.
    pub fn import_options(&self) -> ImportOptions {
        ImportOptions::new()
            .base_dir(self.base_dir())
            .source(self.path.display().to_string())
    }

    /// The rows, read one at a time. A CSV header that names an unknown column,
    /// repeats one or lacks a required one is refused here, every problem at once.
    pub fn rows(&self) -> Result<ManifestRows, ManifestError> {
        let file = File::open(&self.path).map_err(|source| ManifestError::Io {
            path: self.path.clone(),
            source,
        })?;
        let inner = match self.format {
            ManifestFormat::Csv => Rows::Csv(Box::new(csv_rows::CsvRows::open(
                file,
                &self.path,
                self.default_workflow.clone(),
            )?)),
            ManifestFormat::JsonLines => Rows::Jsonl(Box::new(jsonl_rows::JsonlRows::new(
                file,
                self.default_workflow.clone(),
            ))),
        };
        Ok(ManifestRows { inner })
    }
}

/// A manifest's first non-blank byte says its format.
fn sniff(path: &Path) -> Result<ManifestFormat, ManifestError> {
    let io = |source| ManifestError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut head = Vec::with_capacity(512);
    File::open(path)
        .map_err(io)?
        .take(512)
        .read_to_end(&mut head)
        .map_err(io)?;
    let first = head
        .iter()
        .copied()
        .find(|b| !b.is_ascii_whitespace() && !matches!(b, 0xEF | 0xBB | 0xBF));
    Ok(if first == Some(b'{') {
        ManifestFormat::JsonLines
    } else {
        ManifestFormat::Csv
    })
}

/// The rows of a manifest ([`Manifest::rows`]): each an [`Input`], or the problem
/// that kept the row from being read (naming its row, line and column).
pub struct ManifestRows {
    inner: Rows,
}

enum Rows {
    Csv(Box<csv_rows::CsvRows>),
    Jsonl(Box<jsonl_rows::JsonlRows>),
}

impl std::fmt::Debug for ManifestRows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let format = match self.inner {
            Rows::Csv(_) => ManifestFormat::Csv,
            Rows::Jsonl(_) => ManifestFormat::JsonLines,
        };
        f.debug_struct("ManifestRows")
            .field("format", &format)
            .finish_non_exhaustive()
    }
}

impl Iterator for ManifestRows {
    type Item = Result<Input, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Rows::Csv(rows) => rows.next(),
            Rows::Jsonl(rows) => rows.next(),
        }
    }
}
