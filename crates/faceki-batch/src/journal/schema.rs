//! Opening the journal's SQLite file: the pragmas (WAL, durability, one process at a
//! time), recognising a journal (`application_id`), and the versioned schema
//! (`user_version`).
//!
//! Schema version 1:
//!
//! - `imports`: one row per accepted import (`seq`, the folder relative image paths are
//!   resolved against, the manifest's name, when);
//! - `rows`: one row per record identifier (unique): the import that last listed it,
//!   its row and line there, its workflow and image paths, its state (`pending`,
//!   `sending`, `done`, `failed`, `unknown`), how many sends were started, when the
//!   last one was marked, and the result (request id, decision, response code, error
//!   text, whether it was reconciled, and the answer itself only when personal data is
//!   kept).

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode};

use crate::error::JournalError;
use crate::journal::Durability;

/// The journal schema version this crate writes and reads (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

/// `PRAGMA application_id` of a journal: "FBJ1".
const APPLICATION_ID: i64 = 0x4642_4A31;

const SCHEMA_V1: &str = "
CREATE TABLE imports (
    seq        INTEGER PRIMARY KEY,
    base_dir   TEXT,
    source     TEXT,
    started_at INTEGER NOT NULL
);
CREATE TABLE rows (
    id                INTEGER PRIMARY KEY,
    record_identifier TEXT NOT NULL UNIQUE,
    import_seq        INTEGER NOT NULL REFERENCES imports(seq),
    source_row        INTEGER NOT NULL,
    source_line       INTEGER,
    workflow_id       TEXT NOT NULL,
    selfie            TEXT,
    document_1_front  TEXT,
    document_1_back   TEXT,
    document_2_front  TEXT,
    document_2_back   TEXT,
    document_3_front  TEXT,
    document_3_back   TEXT,
    state             TEXT NOT NULL DEFAULT 'pending'
                      CHECK (state IN ('pending', 'sending', 'done', 'failed', 'unknown')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    sent_at           INTEGER,
    request_id        TEXT,
    decision          TEXT,
    code              INTEGER,
    code_name         TEXT,
    error             TEXT,
    reconciled        INTEGER NOT NULL DEFAULT 0,
    personal          TEXT,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX rows_by_state ON rows (state, import_seq, id);
";

/// Opens (or creates) the journal at `path`, or a private temporary one.
pub(crate) fn open(
    path: Option<&Path>,
    durability: Durability,
) -> Result<Connection, JournalError> {
    let shown = path.map_or_else(
        || Path::new("(temporary journal)").to_path_buf(),
        Path::to_path_buf,
    );
    let classify = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => JournalError::InUse {
            path: shown.clone(),
        },
        Some(ErrorCode::NotADatabase) => JournalError::NotAJournal {
            path: shown.clone(),
        },
        _ => JournalError::storage(e),
    };
    // "" is SQLite's private temporary database, on disk and deleted on close.
    let conn = Connection::open(path.unwrap_or_else(|| Path::new(""))).map_err(&classify)?;
    conn.busy_timeout(Duration::ZERO).map_err(&classify)?;
    // One process at a time: the lock is taken below and held until the connection
    // closes (the operating system drops it if the process dies).
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")
        .map_err(&classify)?;
    let _mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(&classify)?;
    conn.pragma_update(None, "synchronous", durability.pragma())
        .map_err(&classify)?;
    conn.execute_batch("BEGIN EXCLUSIVE; COMMIT;")
        .map_err(&classify)?;

    let application_id: i64 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(&classify)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(&classify)?;
    if application_id == 0 && version == 0 {
        let tables: i64 = conn
            .query_row("SELECT COUNT(*) FROM sqlite_master", [], |row| row.get(0))
            .map_err(&classify)?;
        if tables != 0 {
            return Err(JournalError::NotAJournal { path: shown });
        }
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {SCHEMA_V1} PRAGMA application_id = {APPLICATION_ID}; \
             PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        ))
        .map_err(&classify)?;
        return Ok(conn);
    }
    if application_id != APPLICATION_ID {
        return Err(JournalError::NotAJournal { path: shown });
    }
    if version > SCHEMA_VERSION {
        return Err(JournalError::NewerSchema {
            path: shown,
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // Version 1 is the first: nothing to migrate yet. A future version adds its
    // `ALTER TABLE`s here, from `version` up, in one transaction.
    Ok(conn)
}
