//! [`Journal`]: the batch's memory, an embedded SQLite database in WAL mode.
//!
//! Each row moves `pending → sending → done | failed | unknown`. The `sending` mark is
//! committed before the request leaves, so a run that dies leaves every row whose
//! request may have reached Faceki in `sending`; the next run looks those up by record
//! identifier before anything else (see [`Batch::run`](crate::Batch::run)).
//!
//! One connection, owned by a thread of its own: every operation goes through it in
//! order, and transitions are committed in groups (one `fsync` for every row that
//! changed state meanwhile). The file is locked while it is open (SQLite's exclusive
//! locking mode): a second process gets [`JournalError::InUse`], never a second copy
//! of the same rows to send.
//!
//! What it holds of each row: the record identifier, the workflow, the image paths
//! (as the manifest gave them), the state, how many sends were started, the request
//! id, the decision, the response code, an error text and whether the result came
//! from a lookup. Names, document numbers and the rest of an answer only with
//! [`BatchBuilder::keep_personal_data`](crate::BatchBuilder::keep_personal_data).

mod import;
mod schema;
pub(crate) mod sql;
mod thread;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

pub use import::{DEFAULT_MAX_IMAGE_BYTES, ImportOptions, ImportSummary};
pub use schema::SCHEMA_VERSION;

use crate::error::{BatchError, JournalError};
pub(crate) use thread::Worker;

/// How hard each commit is pushed to disk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Durability {
    /// `synchronous = FULL`: every commit reaches the disk before the request it
    /// announces leaves, so even a power cut cannot lose a `sending` mark. The default.
    #[default]
    Full,
    /// `synchronous = NORMAL`: commits survive the process being killed, but the last
    /// ones may be lost in a power cut or an operating-system crash; after one, a row
    /// sent just before may look `pending` and be sent again. Faster on slow disks.
    Normal,
}

impl Durability {
    pub(crate) fn pragma(self) -> &'static str {
        match self {
            Durability::Full => "FULL",
            Durability::Normal => "NORMAL",
        }
    }
}

/// How a journal is opened.
#[derive(Debug, Clone, Copy, Default)]
pub struct JournalOptions {
    durability: Durability,
}

impl JournalOptions {
    /// The defaults: [`Durability::Full`].
    pub fn new() -> Self {
        Self::default()
    }

    /// How hard each commit is pushed to disk.
    pub fn durability(mut self, durability: Durability) -> Self {
        self.durability = durability;
        self
    }
}

/// Where a row stands.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum State {
    /// Not sent yet, or known not to have been processed (it will be sent).
    #[default]
    Pending,
    /// A send was started: the request may have reached Faceki, and no result was
    /// recorded (the run died or was aborted). Looked up at the next start.
    Sending,
    /// Verified: Faceki recorded it (the decision may still be `DECLINED`).
    Done,
    /// Refused for good: a response code about the selfie, the document or the
    /// request, or an input that became invalid.
    Failed,
    /// The answer was lost and the lookup could not settle it: it may have been
    /// processed. Looked up again at the next start; never resent blindly.
    Unknown,
}

impl State {
    /// The name stored in the journal and written in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Sending => "sending",
            State::Done => "done",
            State::Failed => "failed",
            State::Unknown => "unknown",
        }
    }

    /// The state named `name`.
    pub fn from_name(name: &str) -> Option<State> {
        [
            State::Pending,
            State::Sending,
            State::Done,
            State::Failed,
            State::Unknown,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }

    /// Whether the row needs nothing more: `done` or `failed`.
    pub const fn is_settled(self) -> bool {
        matches!(self, State::Done | State::Failed)
    }
}

impl fmt::Display for State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How many rows are in each state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct StateCounts {
    /// Rows `pending`.
    pub pending: u64,
    /// Rows `sending`.
    pub sending: u64,
    /// Rows `done`.
    pub done: u64,
    /// Rows `failed`.
    pub failed: u64,
    /// Rows `unknown`.
    pub unknown: u64,
}

impl StateCounts {
    /// All rows.
    pub fn total(&self) -> u64 {
        self.pending + self.sending + self.done + self.failed + self.unknown
    }

    /// Rows `done` or `failed`.
    pub fn settled(&self) -> u64 {
        self.done + self.failed
    }

    /// Whether every row is `done` or `failed`.
    pub fn is_complete(&self) -> bool {
        self.settled() == self.total()
    }
}

/// Rows failed with one response code (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FailureCount {
    /// The response code's number, when Faceki sent one.
    pub code: Option<i64>,
    /// Its name.
    pub code_name: Option<String>,
    /// How many rows.
    pub rows: u64,
}

/// A journal's summary: counts per state, decisions of the rows done, response codes
/// of the rows failed (most frequent first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JournalSummary {
    /// Rows per state.
    pub counts: StateCounts,
    /// `(decision, rows)` of the rows done.
    pub decisions: Vec<(String, u64)>,
    /// The rows failed, by response code.
    pub failures: Vec<FailureCount>,
}

/// What a journal's thread has done since the journal was opened: what the journal
/// costs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JournalStats {
    /// Time spent running statements and committing (on the journal's thread, off the
    /// async runtime).
    pub busy: Duration,
    /// Operations other than transitions (imports, pages of rows, counts).
    pub operations: u64,
    /// State transitions (two or three per row sent).
    pub transitions: u64,
    /// Transactions the transitions were committed in (one `fsync` each at
    /// [`Durability::Full`]).
    pub commits: u64,
}

/// One row of the journal, as reports show it. Its `Debug` shows neither the record
/// identifier nor the personal data.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct JournalRow {
    /// The record identifier.
    pub record_identifier: String,
    /// The row's number in the import that last listed it.
    pub row: u64,
    /// Where it stands.
    pub state: State,
    /// The workflow.
    pub workflow_id: String,
    /// How many sends were started (each one after its `sending` mark was committed).
    pub attempts: u32,
    /// Faceki's request id, when known.
    pub request_id: Option<String>,
    /// The decision (`ACCEPTED`, `DECLINED`, `REVIEW`...), for rows done.
    pub decision: Option<String>,
    /// The response code's number, when Faceki sent one.
    pub code: Option<i64>,
    /// The response code's name.
    pub code_name: Option<String>,
    /// What went wrong (never a secret, never Faceki's own message: that is kept, when
    /// personal data is, in `personal_data`).
    pub error: Option<String>,
    /// Whether the result is the record a lookup by record identifier found (the
    /// answer itself was lost).
    pub reconciled: bool,
    /// The answer or record as JSON (or, for a failure, Faceki's own message as
    /// `{"faceki_message": ...}`), only when personal data was kept.
    pub personal_data: Option<String>,
}

impl fmt::Debug for JournalRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JournalRow")
            .field("record_identifier", &"<redacted>")
            .field("row", &self.row)
            .field("state", &self.state)
            .field("attempts", &self.attempts)
            .field(
                "request_id",
                &self.request_id.as_ref().map(|_| "<redacted>"),
            )
            .field("decision", &self.decision)
            .field("code", &self.code)
            .field("code_name", &self.code_name)
            .field("reconciled", &self.reconciled)
            .field(
                "personal_data",
                &self.personal_data.as_ref().map(|_| "<redacted>"),
            )
            .finish_non_exhaustive()
    }
}

/// A batch journal. Cheap to clone (clones share the file, its thread and its lock);
/// the file is closed when the last clone is dropped.
///
/// ```no_run
/// use faceki_batch::{Journal, State};
///
/// # fn demo() -> Result<(), faceki_batch::BatchError> {
/// let journal = Journal::open("rekyc-2026.journal")?;
/// let counts = journal.counts()?;
/// println!("{} of {} rows settled", counts.settled(), counts.total());
/// for row in journal.rows() {
///     let row = row?;
///     if row.state == State::Failed {
///         println!("{}: {:?}", row.record_identifier, row.code_name);
///     }
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Journal {
    inner: Arc<Inner>,
}

struct Inner {
    path: Option<PathBuf>,
    worker: Worker,
    busy: AtomicBool,
}

impl fmt::Debug for Journal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.inner.path)
            .finish_non_exhaustive()
    }
}

impl Journal {
    /// Opens the journal at `path`, creating it (and nothing else: its folder must
    /// exist) if it does not exist, with [`Durability::Full`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self, JournalError> {
        Self::open_with(path, JournalOptions::new())
    }

    /// Opens the journal at `path` with `options`.
    pub fn open_with(
        path: impl AsRef<Path>,
        options: JournalOptions,
    ) -> Result<Self, JournalError> {
        let path = path.as_ref().to_path_buf();
        Self::start(Some(path), options)
    }

    /// A private journal in a temporary file, deleted when closed: for dry runs and
    /// tests (a run on it cannot be resumed).
    pub fn temporary() -> Result<Self, JournalError> {
        Self::start(None, JournalOptions::new())
    }

    fn start(path: Option<PathBuf>, options: JournalOptions) -> Result<Self, JournalError> {
        let worker = Worker::start(path.clone(), options.durability)?;
        Ok(Self {
            inner: Arc::new(Inner {
                path,
                worker,
                busy: AtomicBool::new(false),
            }),
        })
    }

    /// The file, unless the journal is temporary.
    pub fn path(&self) -> Option<&Path> {
        self.inner.path.as_deref()
    }

    /// Rows per state, over the whole journal. Blocking.
    pub fn counts(&self) -> Result<StateCounts, JournalError> {
        self.worker()?
            .call_blocking(|conn| sql::counts(conn, None))?
            .map_err(JournalError::from)
    }

    /// Counts, decisions and failures by response code. Blocking.
    pub fn summary(&self) -> Result<JournalSummary, JournalError> {
        self.worker()?
            .call_blocking(|conn| sql::summary(conn))?
            .map_err(JournalError::from)
    }

    /// Every row, in the order they were first imported, read a page at a time.
    /// Blocking.
    pub fn rows(&self) -> JournalRows {
        JournalRows {
            journal: self.clone(),
            after: 0,
            page: std::collections::VecDeque::new(),
            done: false,
        }
    }

    /// What the journal's thread has done so far (time busy, transitions, commits).
    pub fn stats(&self) -> JournalStats {
        self.inner.worker.stats()
    }

    pub(crate) fn worker(&self) -> Result<&Worker, JournalError> {
        Ok(&self.inner.worker)
    }

    /// Marks an import or a run as in progress; `Busy` if one already is.
    pub(crate) fn begin_operation(&self) -> Result<Operation, BatchError> {
        if self.inner.busy.swap(true, Ordering::AcqRel) {
            return Err(BatchError::Busy);
        }
        Ok(Operation {
            journal: self.clone(),
        })
    }
}

/// An import or a run in progress; ends when dropped.
pub(crate) struct Operation {
    journal: Journal,
}

impl Drop for Operation {
    fn drop(&mut self) {
        self.journal.inner.busy.store(false, Ordering::Release);
    }
}

/// The rows of a journal ([`Journal::rows`]), a page at a time.
#[derive(Debug)]
pub struct JournalRows {
    journal: Journal,
    after: i64,
    page: std::collections::VecDeque<JournalRow>,
    done: bool,
}

impl Iterator for JournalRows {
    type Item = Result<JournalRow, JournalError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.page.is_empty() && !self.done {
            let after = self.after;
            let page = self
                .journal
                .worker()
                .and_then(|w| w.call_blocking(move |conn| sql::report_page(conn, after, 512)))
                .and_then(|r| r.map_err(JournalError::from));
            match page {
                Ok(rows) => {
                    if rows.len() < 512 {
                        self.done = true;
                    }
                    if let Some((last, _)) = rows.last() {
                        self.after = *last;
                    }
                    self.page.extend(rows.into_iter().map(|(_, row)| row));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
        self.page.pop_front().map(Ok)
    }
}
