//! Importing inputs into the journal: every row checked ([`crate::validate`]), record
//! identifiers checked for duplicates, and the rows stored as `pending` in one
//! transaction that is committed only when nothing is wrong (or invalid rows are
//! skipped on purpose). Nothing is sent.
//!
//! Inputs are read one at a time and stored in chunks; duplicates are found by the
//! database (a temporary table of the identifiers seen), so memory does not grow with
//! the number of rows.
//!
//! A record identifier already in the journal (from an earlier import of the same or
//! an extended manifest) keeps its state: unchanged inputs are just listed again;
//! changed inputs replace the old ones while the row is still `pending`, and are an
//! error once it was sent (a journal holds one verification per identifier).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::{BatchError, InvalidRows, JournalError, RowError};
use crate::input::{Input, Slot};
use crate::journal::sql::now_ms;
use crate::journal::{Journal, State};
use crate::validate::{Rules, ValidRow, validate};

/// Rows per trip to the journal's thread.
const CHUNK: usize = 256;

/// The SDK's default maximum image size (15 MiB).
pub const DEFAULT_MAX_IMAGE_BYTES: u64 = 15 * 1024 * 1024;

/// How an import checks and stores its inputs.
///
/// ```
/// use faceki_batch::ImportOptions;
///
/// let options = ImportOptions::new()
///     .base_dir("/data/rekyc-2026")
///     .default_workflow_id("wf-kyc")
///     .skip_invalid(false);
/// assert!(!options.is_dry_run());
/// ```
#[derive(Debug, Clone)]
pub struct ImportOptions {
    base_dir: Option<PathBuf>,
    default_workflow_id: Option<String>,
    skip_invalid: bool,
    dry_run: bool,
    max_image_bytes: u64,
    max_errors: usize,
    source: Option<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            base_dir: None,
            default_workflow_id: None,
            skip_invalid: false,
            dry_run: false,
            max_image_bytes: DEFAULT_MAX_IMAGE_BYTES,
            max_errors: 100,
            source: None,
        }
    }
}

impl ImportOptions {
    /// The defaults: paths as given, no default workflow, any invalid row refuses the
    /// whole import, images up to 15 MiB, the first 100 errors kept.
    pub fn new() -> Self {
        Self::default()
    }

    /// Relative image paths are resolved against this folder (a manifest's own).
    pub fn base_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.base_dir = Some(dir.into());
        self
    }

    /// The workflow of the inputs that name none.
    pub fn default_workflow_id(mut self, workflow_id: impl Into<String>) -> Self {
        self.default_workflow_id = Some(workflow_id.into());
        self
    }

    /// Store the valid rows and skip the invalid ones (reported in
    /// [`ImportSummary::skipped`]) instead of refusing the import.
    pub fn skip_invalid(mut self, skip: bool) -> Self {
        self.skip_invalid = skip;
        self
    }

    /// Check everything, store nothing.
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = dry_run;
        self
    }

    /// The largest image accepted (the client's
    /// [`max_image_bytes`](faceki::Client::max_image_bytes); 15 MiB by default).
    pub fn max_image_bytes(mut self, max: u64) -> Self {
        self.max_image_bytes = max;
        self
    }

    /// How many row errors are kept in detail (all are counted).
    pub fn max_errors(mut self, max: usize) -> Self {
        self.max_errors = max;
        self
    }

    /// A name for the import's source (a manifest's path), kept in the journal.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// Whether this is a dry run.
    pub fn is_dry_run(&self) -> bool {
        self.dry_run
    }

    /// The largest image accepted.
    pub fn max_image_bytes_value(&self) -> u64 {
        self.max_image_bytes
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportSummary {
    /// Rows read.
    pub rows: u64,
    /// Rows new to the journal (stored as `pending`).
    pub added: u64,
    /// Rows already in the journal, still `pending`, whose inputs changed.
    pub updated: u64,
    /// Rows already in the journal with the same inputs (whatever their state).
    pub unchanged: u64,
    /// Invalid rows skipped (with [`ImportOptions::skip_invalid`]): the first ones.
    pub skipped: Vec<RowError>,
    /// How many problems were found in skipped rows.
    pub skipped_total: u64,
    /// Whether nothing was stored because this was a dry run.
    pub dry_run: bool,
}

/// Errors kept up to a limit, all counted.
struct Problems {
    kept: Vec<RowError>,
    total: u64,
    fatal: bool,
    max: usize,
}

impl Problems {
    fn push(&mut self, error: RowError) {
        self.total += 1;
        self.fatal |= error.fatal;
        if self.kept.len() < self.max {
            self.kept.push(error);
        }
    }
}

/// One row as the journal's thread sees it.
enum Item {
    /// A valid row to store.
    Valid(ValidRow),
    /// An invalid row's identifier, so a later duplicate of it is still caught.
    Seen {
        identifier: String,
        row: u64,
        line: Option<u64>,
    },
}

/// What a chunk did.
#[derive(Default)]
struct ChunkResult {
    added: u64,
    updated: u64,
    unchanged: u64,
    errors: Vec<RowError>,
}

impl Journal {
    /// Checks every input and stores the valid ones as `pending`, in one transaction;
    /// nothing is sent. Blocking (it reads the image files' first bytes): from async
    /// code, call it inside `tokio::task::spawn_blocking` or `block_in_place`.
    ///
    /// Refused, storing nothing, with [`BatchError::Invalid`] naming every row and
    /// column that is wrong, unless [`ImportOptions::skip_invalid`] is set. A dry run
    /// checks the same and stores nothing. The items are `Err` for rows the caller
    /// could not even read (a manifest's unreadable lines).
    pub fn import<I>(&self, inputs: I, options: &ImportOptions) -> Result<ImportSummary, BatchError>
    where
        I: IntoIterator<Item = Result<Input, RowError>>,
    {
        let _busy = self.begin_operation()?;
        let worker = self.worker()?;
        let base_dir = options.base_dir.as_deref().map(path_text).transpose()?;
        let source = options.source.clone();
        worker
            .call_blocking(move |conn| begin(conn, base_dir, source))?
            .map_err(JournalError::from)?;
        let mut transaction = Open {
            journal: self,
            finished: false,
        };

        let rules = Rules {
            base_dir: options.base_dir.as_deref(),
            default_workflow: options.default_workflow_id.as_deref(),
            max_image_bytes: options.max_image_bytes,
        };
        let mut problems = Problems {
            kept: Vec::new(),
            total: 0,
            fatal: false,
            max: options.max_errors,
        };
        let mut summary = ImportSummary {
            dry_run: options.dry_run,
            ..ImportSummary::default()
        };
        let mut chunk = Vec::with_capacity(CHUNK);
        for (index, item) in inputs.into_iter().enumerate() {
            let row = index as u64 + 1;
            summary.rows += 1;
            match item {
                Err(mut error) => {
                    if error.row == 0 {
                        error.row = row;
                    }
                    problems.push(error);
                }
                Ok(input) => match validate(&input, row, &rules) {
                    Ok(valid) => chunk.push(Item::Valid(valid)),
                    Err(errors) => {
                        errors.into_iter().for_each(|e| problems.push(e));
                        if !input.record_identifier().trim().is_empty() {
                            chunk.push(Item::Seen {
                                identifier: input.record_identifier().to_owned(),
                                row,
                                line: input.line(),
                            });
                        }
                    }
                },
            }
            if chunk.len() >= CHUNK {
                let items = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                store(self, items, &mut summary, &mut problems)?;
            }
        }
        if !chunk.is_empty() {
            store(self, chunk, &mut summary, &mut problems)?;
        }

        if problems.total > 0 && (!options.skip_invalid || problems.fatal) {
            transaction.finish(false)?;
            return Err(BatchError::Invalid(InvalidRows {
                errors: problems.kept,
                total: problems.total,
            }));
        }
        summary.skipped = problems.kept;
        summary.skipped_total = problems.total;
        transaction.finish(!options.dry_run)?;
        Ok(summary)
    }
}

/// The import's open transaction: rolled back unless finished.
struct Open<'a> {
    journal: &'a Journal,
    finished: bool,
}

impl Open<'_> {
    fn finish(&mut self, commit: bool) -> Result<(), JournalError> {
        self.finished = true;
        let sql = if commit { "COMMIT" } else { "ROLLBACK" };
        self.journal
            .worker()?
            .call_blocking(move |conn| conn.execute_batch(sql))??;
        Ok(())
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        if !self.finished {
            if let Ok(worker) = self.journal.worker() {
                let _ = worker.call_blocking(|conn| conn.execute_batch("ROLLBACK"));
            }
        }
    }
}

fn path_text(path: &Path) -> Result<String, BatchError> {
    path.to_str().map(str::to_owned).ok_or_else(|| {
        BatchError::Invalid(InvalidRows {
            errors: vec![RowError::new(
                0,
                None,
                format!("the base folder {} is not valid UTF-8", path.display()),
            )],
            total: 1,
        })
    })
}

/// Sends a chunk to the journal's thread and folds its result in.
fn store(
    journal: &Journal,
    items: Vec<Item>,
    summary: &mut ImportSummary,
    problems: &mut Problems,
) -> Result<(), JournalError> {
    let result = journal
        .worker()?
        .call_blocking(move |conn| insert_chunk(conn, items))??;
    summary.added += result.added;
    summary.updated += result.updated;
    summary.unchanged += result.unchanged;
    result.errors.into_iter().for_each(|e| problems.push(e));
    Ok(())
}

/// Opens the import's transaction and records the import.
fn begin(
    conn: &mut Connection,
    base_dir: Option<String>,
    source: Option<String>,
) -> rusqlite::Result<()> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let rest = conn
        .execute_batch(
            "CREATE TEMP TABLE IF NOT EXISTS import_seen \
             (identifier TEXT PRIMARY KEY, row INTEGER NOT NULL, line INTEGER); \
             DELETE FROM import_seen;",
        )
        .and_then(|()| {
            conn.execute(
                "INSERT INTO imports (base_dir, source, started_at) VALUES (?1, ?2, ?3)",
                params![base_dir, source, now_ms()],
            )
        });
    if let Err(e) = rest {
        let _ = conn.execute_batch("ROLLBACK");
        return Err(e);
    }
    Ok(())
}

/// The stored inputs of a row already in the journal.
struct Existing {
    id: i64,
    state: State,
    workflow_id: String,
    images: [Option<String>; 7],
}

fn insert_chunk(conn: &mut Connection, items: Vec<Item>) -> rusqlite::Result<ChunkResult> {
    let seq: i64 = conn.query_row("SELECT MAX(seq) FROM imports", [], |row| row.get(0))?;
    let mut result = ChunkResult::default();
    for item in items {
        let (identifier, row, line) = match &item {
            Item::Valid(v) => (v.record_identifier.as_str(), v.row, v.line),
            Item::Seen {
                identifier,
                row,
                line,
            } => (identifier.as_str(), *row, *line),
        };
        let first = conn
            .prepare_cached(
                "INSERT INTO import_seen (identifier, row, line) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (identifier) DO NOTHING",
            )?
            .execute(params![identifier, row, line])?;
        if first == 0 {
            let (earlier, earlier_line): (u64, Option<u64>) = conn
                .prepare_cached("SELECT row, line FROM import_seen WHERE identifier = ?1")?
                .query_row([identifier], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let at = match earlier_line {
                Some(l) => format!("row {earlier} (line {l})"),
                None => format!("row {earlier}"),
            };
            let e = RowError::new(
                row,
                Some("record_identifier"),
                format!("`{identifier}` is a duplicate of {at}: record identifiers must be unique"),
            );
            result.errors.push(match line {
                Some(l) => e.at_line(l),
                None => e,
            });
            continue;
        }
        let Item::Valid(valid) = item else { continue };
        store_row(conn, seq, &valid, &mut result)?;
    }
    Ok(result)
}

fn store_row(
    conn: &Connection,
    seq: i64,
    v: &ValidRow,
    result: &mut ChunkResult,
) -> rusqlite::Result<()> {
    let existing = conn
        .prepare_cached(
            "SELECT id, state, workflow_id, selfie, document_1_front, document_1_back, \
             document_2_front, document_2_back, document_3_front, document_3_back \
             FROM rows WHERE record_identifier = ?1",
        )?
        .query_row([&v.record_identifier], |r| {
            let state: String = r.get(1)?;
            Ok(Existing {
                id: r.get(0)?,
                state: State::from_name(&state).unwrap_or(State::Unknown),
                workflow_id: r.get(2)?,
                images: [
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ],
            })
        })
        .optional()?;
    let [s, d1f, d1b, d2f, d2b, d3f, d3b] = &v.images;
    let Some(existing) = existing else {
        conn.prepare_cached(
            "INSERT INTO rows (record_identifier, import_seq, source_row, source_line, \
             workflow_id, selfie, document_1_front, document_1_back, document_2_front, \
             document_2_back, document_3_front, document_3_back, updated_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            v.record_identifier,
            seq,
            v.row,
            v.line,
            v.workflow_id,
            s,
            d1f,
            d1b,
            d2f,
            d2b,
            d3f,
            d3b,
            now_ms()
        ])?;
        result.added += 1;
        return Ok(());
    };
    let changed = changed_column(&existing, v);
    match changed {
        None => {
            conn.prepare_cached(
                "UPDATE rows SET import_seq = ?2, source_row = ?3, source_line = ?4 WHERE id = ?1",
            )?
            .execute(params![existing.id, seq, v.row, v.line])?;
            result.unchanged += 1;
        }
        Some(_) if existing.state == State::Pending => {
            conn.prepare_cached(
                "UPDATE rows SET import_seq = ?2, source_row = ?3, source_line = ?4, \
                 workflow_id = ?5, selfie = ?6, document_1_front = ?7, document_1_back = ?8, \
                 document_2_front = ?9, document_2_back = ?10, document_3_front = ?11, \
                 document_3_back = ?12, updated_at = ?13 WHERE id = ?1",
            )?
            .execute(params![
                existing.id,
                seq,
                v.row,
                v.line,
                v.workflow_id,
                s,
                d1f,
                d1b,
                d2f,
                d2b,
                d3f,
                d3b,
                now_ms()
            ])?;
            result.updated += 1;
        }
        Some(column) => {
            let e = RowError::new(
                v.row,
                Some(column),
                format!(
                    "`{}` was already sent (journal state {}) with another {column}; a journal \
                     holds one verification per record identifier: to verify again, use a new \
                     journal",
                    v.record_identifier, existing.state
                ),
            );
            result.errors.push(match v.line {
                Some(l) => e.at_line(l),
                None => e,
            });
        }
    }
    Ok(())
}

/// The first column whose stored value differs from the row's.
fn changed_column(existing: &Existing, v: &ValidRow) -> Option<&'static str> {
    if existing.workflow_id != v.workflow_id {
        return Some("workflowId");
    }
    Slot::ALL
        .into_iter()
        .find(|slot| existing.images[slot.index()] != v.images[slot.index()])
        .map(Slot::field)
}
