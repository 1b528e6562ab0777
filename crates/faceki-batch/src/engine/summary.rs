//! What a run reports: [`Progress`] while it goes, [`RunSummary`] at the end, and
//! [`StopReason`] when it ended before every row was settled.

use std::fmt;
use std::time::Duration;

use crate::journal::StateCounts;

/// Where a run stands, after each row changes state. Counts are of the rows of the
/// journal's latest import (the manifest being run), including those settled by
/// earlier runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Progress {
    /// Rows in the import.
    pub total: u64,
    /// Rows `done`.
    pub done: u64,
    /// Rows `failed`.
    pub failed: u64,
    /// Rows `unknown`.
    pub unknown: u64,
    /// Rows `pending`.
    pub pending: u64,
    /// Rows being sent now.
    pub in_flight: u64,
    /// Sends started by this run.
    pub sent: u64,
    /// Calls this run made that were (or may have been) billed.
    pub billed: u64,
    /// Time since the run started.
    pub elapsed: Duration,
}

impl Progress {
    /// Rows with a result: `done`, `failed` or `unknown`.
    pub fn finished(&self) -> u64 {
        self.done + self.failed + self.unknown
    }
}

/// What the lookups at the start of a run found, for rows left `sending` or `unknown`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReconcileSummary {
    /// Rows looked up.
    pub looked_up: u64,
    /// Rows whose record was found: now `done`, not sent again.
    pub found: u64,
    /// Rows not recorded: back to `pending`, sent again.
    pub not_found: u64,
    /// Rows the lookup could not settle (it failed, or found records it cannot tell
    /// apart): left as they were, looked up again next time.
    pub unresolved: u64,
}

/// Why a run ended before every row was settled.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StopReason {
    /// [`StopHandle::stop`](crate::StopHandle::stop): the rows in flight finished.
    Stopped,
    /// [`StopHandle::abort`](crate::StopHandle::abort): rows in flight were left
    /// `sending`.
    Aborted,
    /// The budget (`max_billed`) was spent.
    BudgetReached {
        /// The budget.
        max_billed: u64,
    },
    /// Faceki refused for lack of credit or over a limit: every further row would be
    /// refused too.
    OutOfCredit {
        /// What Faceki said.
        error: String,
    },
    /// Authentication failed (bad credentials, a revoked token).
    Unauthorized {
        /// Why.
        error: String,
    },
    /// Several calls in a row could not be made (the API is unreachable, or refuses
    /// before processing).
    Unreachable {
        /// The last failure.
        error: String,
    },
    /// The client is misconfigured.
    Misconfigured {
        /// Why.
        error: String,
    },
}

impl fmt::Display for StopReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StopReason::Stopped => f.write_str("stopped on request; the rows in flight finished"),
            StopReason::Aborted => f.write_str(
                "aborted; rows in flight were left `sending` and are looked up at the next run",
            ),
            StopReason::BudgetReached { max_billed } => {
                write!(f, "the budget of {max_billed} billed calls is spent")
            }
            StopReason::OutOfCredit { error } => {
                write!(f, "out of credit or over a limit: {error}")
            }
            StopReason::Unauthorized { error } => write!(f, "authentication failed: {error}"),
            StopReason::Unreachable { error } => {
                write!(
                    f,
                    "the API could not be reached several times in a row: {error}"
                )
            }
            StopReason::Misconfigured { error } => {
                write!(f, "the client is misconfigured: {error}")
            }
        }
    }
}

/// What a run did.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunSummary {
    /// The lookups made first, for rows left `sending` or `unknown`.
    pub reconcile: ReconcileSummary,
    /// Sends started (each after its `sending` mark was committed).
    pub sent: u64,
    /// Calls that were (or may have been) billed.
    pub billed: u64,
    /// Rows this run settled as `done` (lookups included).
    pub done: u64,
    /// Rows this run settled as `failed`.
    pub failed: u64,
    /// Rows this run left `unknown`.
    pub unknown: u64,
    /// Sends that went back to `pending` (refused before processing: rate limited, not
    /// sent, out of credit), to be sent by a later run.
    pub requeued: u64,
    /// Rows per state of the latest import, after the run.
    pub counts: StateCounts,
    /// Why the run ended early, if it did.
    pub stopped: Option<StopReason>,
    /// How long the run took.
    pub elapsed: Duration,
}

impl RunSummary {
    /// Whether every row of the import is `done` or `failed`.
    pub fn is_complete(&self) -> bool {
        self.counts.is_complete()
    }

    /// Billed calls per second over the run.
    pub fn billed_per_second(&self) -> f64 {
        let seconds = self.elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.billed as f64 / seconds
        } else {
            0.0
        }
    }
}
