//! Reports: every row of a journal as CSV or JSON Lines, with the response code's
//! guidance for failures, read a page at a time (flat memory whatever the size).
//!
//! Columns: `record_identifier`, `row`, `state`, `request_id`, `decision`,
//! `code_name`, `code`, `error`, `guidance`, `attempts`, `reconciled`, and
//! `personal_data` (the answer or record as JSON, or Faceki's own message as
//! `{"faceki_message": ...}`) only when asked for and kept in the journal. The `error`
//! column never holds Faceki's message.
//!
//! ```no_run
//! use faceki_batch::{Journal, ReportFormat, ReportOptions, write_report};
//!
//! # fn demo() -> Result<(), faceki_batch::BatchError> {
//! let journal = Journal::open("people.csv.journal")?;
//! let file = std::fs::File::create("results.csv").map_err(faceki_batch::BatchError::Report)?;
//! let rows = write_report(&journal, file, &ReportOptions::new().format(ReportFormat::Csv))?;
//! println!("{rows} rows written");
//! # Ok(()) }
//! ```

use std::io::Write;
use std::path::Path;

use faceki::error::ResponseCode;
use serde_json::{Map, Value};

use crate::error::BatchError;
use crate::journal::{Journal, JournalRow, State};

/// A report's format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReportFormat {
    /// Comma-separated values with a header row.
    #[default]
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl ReportFormat {
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

/// What a report holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    format: ReportFormat,
    include_personal_data: bool,
}

impl ReportOptions {
    /// CSV, without personal data.
    pub fn new() -> Self {
        Self::default()
    }

    /// The format.
    pub fn format(mut self, format: ReportFormat) -> Self {
        self.format = format;
        self
    }

    /// Adds the `personal_data` column: the answers (names, document numbers...) the
    /// journal kept, which it does only when the run was told to keep them.
    pub fn include_personal_data(mut self, include: bool) -> Self {
        self.include_personal_data = include;
        self
    }
}

const COLUMNS: [&str; 11] = [
    "record_identifier",
    "row",
    "state",
    "request_id",
    "decision",
    "code_name",
    "code",
    "error",
    "guidance",
    "attempts",
    "reconciled",
];

/// Writes every row of `journal` to `out`; returns how many. Blocking.
pub fn write_report<W: Write>(
    journal: &Journal,
    out: W,
    options: &ReportOptions,
) -> Result<u64, BatchError> {
    match options.format {
        ReportFormat::Csv => write_csv(journal, out, options.include_personal_data),
        ReportFormat::JsonLines => write_jsonl(journal, out, options.include_personal_data),
    }
}

fn write_csv<W: Write>(journal: &Journal, out: W, personal: bool) -> Result<u64, BatchError> {
    let mut writer = csv::Writer::from_writer(out);
    let mut header: Vec<&str> = COLUMNS.to_vec();
    if personal {
        header.push("personal_data");
    }
    writer.write_record(&header).map_err(csv_error)?;
    let mut written = 0;
    for row in journal.rows() {
        let row = row?;
        let mut record = vec![
            row.record_identifier.clone(),
            row.row.to_string(),
            row.state.to_string(),
            row.request_id.clone().unwrap_or_default(),
            row.decision.clone().unwrap_or_default(),
            row.code_name.clone().unwrap_or_default(),
            row.code.map(|c| c.to_string()).unwrap_or_default(),
            error_column(&row, personal).unwrap_or_default(),
            guidance(&row).unwrap_or_default(),
            row.attempts.to_string(),
            row.reconciled.to_string(),
        ];
        if personal {
            record.push(row.personal_data.clone().unwrap_or_default());
        }
        writer.write_record(&record).map_err(csv_error)?;
        written += 1;
    }
    writer.flush().map_err(BatchError::Report)?;
    Ok(written)
}

fn write_jsonl<W: Write>(journal: &Journal, out: W, personal: bool) -> Result<u64, BatchError> {
    let mut out = std::io::BufWriter::new(out);
    let mut written = 0;
    for row in journal.rows() {
        let row = row?;
        let mut object = Map::new();
        let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
        object.insert(
            "record_identifier".into(),
            row.record_identifier.clone().into(),
        );
        object.insert("row".into(), row.row.into());
        object.insert("state".into(), row.state.as_str().into());
        object.insert("request_id".into(), text(&row.request_id));
        object.insert("decision".into(), text(&row.decision));
        object.insert("code_name".into(), text(&row.code_name));
        object.insert("code".into(), row.code.map_or(Value::Null, Value::from));
        object.insert("error".into(), text(&error_column(&row, personal)));
        object.insert("guidance".into(), text(&guidance(&row)));
        object.insert("attempts".into(), row.attempts.into());
        object.insert("reconciled".into(), row.reconciled.into());
        if personal {
            let data = row.personal_data.as_deref().map_or(Value::Null, |json| {
                serde_json::from_str(json).unwrap_or_else(|_| Value::String(json.to_owned()))
            });
            object.insert("personal_data".into(), data);
        }
        serde_json::to_writer(&mut out, &Value::Object(object))
            .map_err(|e| BatchError::Report(e.into()))?;
        out.write_all(b"\n").map_err(BatchError::Report)?;
        written += 1;
    }
    out.flush().map_err(BatchError::Report)?;
    Ok(written)
}

/// The `error` column. Faceki's own messages are kept with the personal data, never
/// in the error text; a journal written by an earlier version may still hold one there
/// (`; Faceki said: ...`), which is cut off unless personal data was asked for.
fn error_column(row: &JournalRow, personal: bool) -> Option<String> {
    let error = row.error.as_deref()?;
    if personal {
        return Some(error.to_owned());
    }
    Some(match error.find(FACEKI_SAID) {
        Some(at) => error[..at].to_owned(),
        None => error.to_owned(),
    })
}

/// How an earlier version put Faceki's message in the error text.
const FACEKI_SAID: &str = "; Faceki said: ";

fn csv_error(e: csv::Error) -> BatchError {
    BatchError::Report(match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    })
}

/// What to do about a row: the response code's guidance for a failure, or what the
/// next run will do for a row that is not settled. `None` for rows done.
pub fn guidance(row: &JournalRow) -> Option<String> {
    match row.state {
        State::Done => None,
        State::Failed => Some(match row.code {
            Some(code) => ResponseCode::from_code(code).guidance().to_owned(),
            None => "Fix the input named in the error; to verify this person again, use a new \
                     journal."
                .to_owned(),
        }),
        State::Unknown => Some(
            "The answer was lost and no record was found yet: the next run looks it up by \
             record identifier again before anything is sent (it is never resent blindly)."
                .to_owned(),
        ),
        State::Sending => Some(
            "A send was in flight when the run ended: the next run looks it up by record \
             identifier first, and sends it again only if it was not recorded."
                .to_owned(),
        ),
        State::Pending if row.error.is_some() => {
            Some("Not processed (see the error): the next run sends it again.".to_owned())
        }
        State::Pending => Some("Not sent yet: run the batch again.".to_owned()),
    }
}
