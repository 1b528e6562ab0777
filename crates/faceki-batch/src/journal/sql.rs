//! The journal's statements: state transitions, the pages of rows the engine and the
//! report read (by id, so memory stays flat whatever the number of rows), counts.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::journal::{FailureCount, JournalRow, JournalSummary, State, StateCounts};

/// A state change of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Transition {
    pub(crate) id: i64,
    pub(crate) change: Change,
}

/// What changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// `pending` → `sending`: one more send started, at `at_ms` (Unix milliseconds).
    Sending { at_ms: i64 },
    /// `sending` or `unknown` → the settlement's state, with its result.
    Settle(Box<Settlement>),
    /// `sending` → `pending`, the send not started after all (the run stopped while
    /// the row waited for its rate slot): the attempt is taken back, the rest kept.
    Unsend,
}

/// A row's result (or why it went back to `pending`). Its `Debug` shows neither the
/// answer nor the error text.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Settlement {
    pub(crate) state: State,
    pub(crate) request_id: Option<String>,
    pub(crate) decision: Option<String>,
    pub(crate) code: Option<i64>,
    pub(crate) code_name: Option<String>,
    pub(crate) error: Option<String>,
    pub(crate) reconciled: bool,
    /// The answer as JSON, or Faceki's own message as `{"faceki_message": ...}`: only
    /// when personal data is kept.
    pub(crate) personal: Option<String>,
}

impl std::fmt::Debug for Settlement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settlement")
            .field("state", &self.state)
            .field("decision", &self.decision)
            .field("code", &self.code)
            .field("code_name", &self.code_name)
            .field("reconciled", &self.reconciled)
            .field("error", &self.error.as_ref().map(|_| "<redacted>"))
            .field("personal", &self.personal.as_ref().map(|_| "<redacted>"))
            .finish_non_exhaustive()
    }
}

/// Unix time in milliseconds.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Applies a transition inside `tx`; `false` when the row was not in a state it
/// applies to.
pub(crate) fn apply(tx: &Transaction<'_>, transition: &Transition) -> rusqlite::Result<bool> {
    let changed = match &transition.change {
        Change::Sending { at_ms } => tx
            .prepare_cached(
                "UPDATE rows SET state = 'sending', attempts = attempts + 1, sent_at = ?2, \
                 updated_at = ?2 WHERE id = ?1 AND state = 'pending'",
            )?
            .execute(params![transition.id, at_ms])?,
        Change::Settle(s) => tx
            .prepare_cached(
                "UPDATE rows SET state = ?2, request_id = ?3, decision = ?4, code = ?5, \
                 code_name = ?6, error = ?7, reconciled = ?8, personal = ?9, updated_at = ?10 \
                 WHERE id = ?1 AND state IN ('sending', 'unknown')",
            )?
            .execute(params![
                transition.id,
                s.state.as_str(),
                s.request_id,
                s.decision,
                s.code,
                s.code_name,
                s.error,
                s.reconciled,
                s.personal,
                now_ms(),
            ])?,
        Change::Unsend => tx
            .prepare_cached(
                "UPDATE rows SET state = 'pending', attempts = MAX(attempts - 1, 0), \
                 updated_at = ?2 WHERE id = ?1 AND state = 'sending'",
            )?
            .execute(params![transition.id, now_ms()])?,
    };
    Ok(changed == 1)
}

/// A row to send, with the folder its relative paths are resolved against.
#[derive(Clone)]
pub(crate) struct PendingRow {
    pub(crate) id: i64,
    pub(crate) record_identifier: String,
    pub(crate) workflow_id: String,
    pub(crate) images: [Option<String>; 7],
    pub(crate) base_dir: Option<String>,
}

/// Up to `limit` pending rows of import `seq` after id `after`, in id order.
pub(crate) fn pending_page(
    conn: &Connection,
    seq: i64,
    after: i64,
    limit: u32,
) -> rusqlite::Result<Vec<PendingRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.record_identifier, r.workflow_id, r.selfie, r.document_1_front, \
         r.document_1_back, r.document_2_front, r.document_2_back, r.document_3_front, \
         r.document_3_back, i.base_dir FROM rows r JOIN imports i ON i.seq = r.import_seq \
         WHERE r.state = 'pending' AND r.import_seq = ?1 AND r.id > ?2 ORDER BY r.id LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![seq, after, limit], |row| {
        Ok(PendingRow {
            id: row.get(0)?,
            record_identifier: row.get(1)?,
            workflow_id: row.get(2)?,
            images: [
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
                row.get(9)?,
            ],
            base_dir: row.get(10)?,
        })
    })?;
    rows.collect()
}

/// A row whose send may have reached Faceki without its result being recorded.
#[derive(Clone)]
pub(crate) struct OpenRow {
    pub(crate) id: i64,
    pub(crate) record_identifier: String,
    pub(crate) state: State,
    pub(crate) sent_at_ms: Option<i64>,
}

/// Up to `limit` rows in `sending` or `unknown` after id `after`, in id order.
pub(crate) fn open_page(
    conn: &Connection,
    after: i64,
    limit: u32,
) -> rusqlite::Result<Vec<OpenRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, record_identifier, state, sent_at FROM rows \
         WHERE state IN ('sending', 'unknown') AND id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit], |row| {
        Ok(OpenRow {
            id: row.get(0)?,
            record_identifier: row.get(1)?,
            state: state_of(row, 2)?,
            sent_at_ms: row.get(3)?,
        })
    })?;
    rows.collect()
}

/// The newest accepted import.
pub(crate) fn latest_import(conn: &Connection) -> rusqlite::Result<Option<i64>> {
    conn.query_row("SELECT MAX(seq) FROM imports", [], |row| row.get(0))
        .optional()
        .map(Option::flatten)
}

/// Rows per state: of import `seq`, or of the whole journal.
pub(crate) fn counts(conn: &Connection, seq: Option<i64>) -> rusqlite::Result<StateCounts> {
    let mut counts = StateCounts::default();
    let mut add = |row: &Row<'_>| -> rusqlite::Result<()> {
        let n: u64 = row.get(1)?;
        match state_of(row, 0)? {
            State::Pending => counts.pending += n,
            State::Sending => counts.sending += n,
            State::Done => counts.done += n,
            State::Failed => counts.failed += n,
            State::Unknown => counts.unknown += n,
        }
        Ok(())
    };
    match seq {
        Some(seq) => {
            let mut stmt = conn.prepare_cached(
                "SELECT state, COUNT(*) FROM rows WHERE import_seq = ?1 GROUP BY state",
            )?;
            let mut rows = stmt.query([seq])?;
            while let Some(row) = rows.next()? {
                add(row)?;
            }
        }
        None => {
            let mut stmt =
                conn.prepare_cached("SELECT state, COUNT(*) FROM rows GROUP BY state")?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                add(row)?;
            }
        }
    }
    Ok(counts)
}

/// Counts, decisions of the rows done, and response codes of the rows failed.
pub(crate) fn summary(conn: &Connection) -> rusqlite::Result<JournalSummary> {
    let counts = counts(conn, None)?;
    let mut stmt = conn.prepare_cached(
        "SELECT COALESCE(decision, '(none)'), COUNT(*) FROM rows WHERE state = 'done' \
         GROUP BY 1 ORDER BY 2 DESC, 1",
    )?;
    let decisions = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<Vec<(String, u64)>>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT code, code_name, COUNT(*) FROM rows WHERE state = 'failed' \
         GROUP BY code, code_name ORDER BY 3 DESC, 1",
    )?;
    let failures = stmt
        .query_map([], |row| {
            Ok(FailureCount {
                code: row.get(0)?,
                code_name: row.get(1)?,
                rows: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(JournalSummary {
        counts,
        decisions,
        failures,
    })
}

/// Up to `limit` rows after id `after`, in id order, for reports.
pub(crate) fn report_page(
    conn: &Connection,
    after: i64,
    limit: u32,
) -> rusqlite::Result<Vec<(i64, JournalRow)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, record_identifier, state, workflow_id, attempts, request_id, decision, \
         code, code_name, error, reconciled, personal, source_row FROM rows \
         WHERE id > ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![after, limit], |row| {
        Ok((
            row.get(0)?,
            JournalRow {
                record_identifier: row.get(1)?,
                state: state_of(row, 2)?,
                workflow_id: row.get(3)?,
                attempts: row.get(4)?,
                request_id: row.get(5)?,
                decision: row.get(6)?,
                code: row.get(7)?,
                code_name: row.get(8)?,
                error: row.get(9)?,
                reconciled: row.get(10)?,
                personal_data: row.get(11)?,
                row: row.get(12)?,
            },
        ))
    })?;
    rows.collect()
}

fn state_of(row: &Row<'_>, index: usize) -> rusqlite::Result<State> {
    let text: String = row.get(index)?;
    State::from_name(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("unknown row state `{text}`").into(),
        )
    })
}
