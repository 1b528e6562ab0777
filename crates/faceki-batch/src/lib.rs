//! Verify thousands of people with the Faceki KYC API from a manifest: resumable after
//! a crash, and never billed twice for the same person. The engine behind
//! `faceki batch`.
//!
//! ```no_run
//! use faceki::Client;
//! use faceki_batch::{Batch, Journal, Manifest, StopHandle};
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let manifest = Manifest::open("rekyc/people.csv")?.default_workflow_id("wf-kyc");
//! let journal = Journal::open(manifest.default_journal_path())?;
//! let batch = Batch::builder(Client::from_env()?, journal).concurrency(8).build();
//!
//! // 1. Every row and every image is checked before the first billed call.
//! batch.import(manifest.rows()?, manifest.import_options())?;
//! // 2. Rows left in flight by an earlier run are looked up first; then the rest
//! //    are sent. Run it again after a crash: nothing is paid for twice.
//! let summary = batch.run(&StopHandle::new()).await?;
//! println!("{} of {} settled", summary.counts.settled(), summary.counts.total());
//! # Ok(()) }
//! ```
//!
//! - [`Manifest`]: CSV (with a header) or JSON Lines, columns named after the V3 form
//!   fields (`record_identifier`, `workflowId`, `selfie`, `document_1_front`, ...),
//!   read a row at a time. Or build [`Input`]s yourself.
//! - [`Journal`]: an embedded SQLite database in WAL mode, one row per record
//!   identifier moving `pending → sending → done | failed | unknown`
//!   ([`State`]); the `sending` mark is committed before the request leaves.
//!   [`Journal::import`] checks every input (errors name the row and the column,
//!   [`RowError`]) and stores nothing if one is wrong.
//! - [`Batch`]: concurrency, a token-bucket [`Rate`], a budget (`max_billed`),
//!   [`Progress`] callbacks, a [`StopHandle`] (stop: finish what is in flight; abort:
//!   leave it `sending`), and reconciliation by record identifier at every start.
//! - [`write_report`]: every row as CSV or JSON Lines, failures with their response
//!   code's guidance.
//!
//! # The guarantee, and its limits
//!
//! A row is sent again only when a lookup by its record identifier said no record was
//! created since its last send, or when Faceki refused it before processing. What it
//! cannot guarantee: a verification Faceki records *after* the lookup ran (it was
//! still processing) is sent again; with [`Durability::Normal`], a power cut may lose
//! the last `sending` marks. `docs/batch.md` has the details.
//!
//! # Personal data
//!
//! The journal and the reports hold record identifiers, request ids, decisions,
//! response codes and the SDK's error texts, never names or document numbers, unless
//! [`BatchBuilder::keep_personal_data`] (and, for reports,
//! [`ReportOptions::include_personal_data`]) says otherwise. `Debug` of [`Input`] and
//! [`JournalRow`] redacts identifiers, paths and answers.

mod batch;
mod engine;
mod error;
mod input;
mod journal;
mod manifest;
mod report;
mod validate;

pub use batch::{Batch, BatchBuilder, DEFAULT_CONCURRENCY, MAX_CONCURRENCY};
pub use engine::rate::{InvalidRate, Rate};
pub use engine::stop::StopHandle;
pub use engine::summary::{Progress, ReconcileSummary, RunSummary, StopReason};
pub use error::{BatchError, InvalidRows, JournalError, ManifestError, RowError};
pub use input::{Input, Slot};
pub use journal::{
    DEFAULT_MAX_IMAGE_BYTES, Durability, FailureCount, ImportOptions, ImportSummary, Journal,
    JournalOptions, JournalRow, JournalRows, JournalStats, JournalSummary, SCHEMA_VERSION, State,
    StateCounts,
};
pub use manifest::{Manifest, ManifestFormat, ManifestRows};
pub use report::{ReportFormat, ReportOptions, guidance, write_report};
