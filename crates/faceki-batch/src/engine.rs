//! The engine behind [`Batch::run`](crate::Batch::run): first the lookups of rows left
//! `sending` or `unknown` ([`reconcile`]), then the pending rows of the journal's latest
//! import, read a page at a time and sent `concurrency` at a time, each through the
//! rate limiter and the budget guard ([`send`]), until none is left, the budget is
//! spent, or the run is stopped.

mod budget;
mod classify;
pub(crate) mod rate;
mod reconcile;
mod send;
pub(crate) mod stop;
pub(crate) mod summary;

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use faceki::Client;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;

use crate::error::{BatchError, JournalError};
use crate::journal::sql;
use crate::journal::{Journal, State, StateCounts};
use budget::Budget;
use rate::{Limiter, Rate};
use stop::StopHandle;
use summary::{Progress, RunSummary, StopReason};

/// Rows read from the journal at a time.
const PAGE: u32 = 256;

/// After this many sends in a row that could not reach the API, the run stops.
const UNREACHABLE_STREAK: u32 = 5;

/// A progress callback.
pub(crate) type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// How a run goes (from the [`BatchBuilder`](crate::BatchBuilder)).
#[derive(Clone)]
pub(crate) struct Settings {
    pub(crate) concurrency: usize,
    pub(crate) rate: Option<Rate>,
    pub(crate) max_billed: Option<u64>,
    pub(crate) keep_personal: bool,
    pub(crate) on_progress: Option<ProgressFn>,
    pub(crate) rate_limited_retries: u32,
    pub(crate) rate_limited_pause: Duration,
}

/// What the run's tasks share.
pub(crate) struct Ctx {
    pub(crate) client: Client,
    journal: Journal,
    /// The run's own stop signal: the caller's, plus the run's own reasons.
    pub(crate) stop: StopHandle,
    pub(crate) limiter: Option<Limiter>,
    pub(crate) budget: Budget,
    pub(crate) keep_personal: bool,
    pub(crate) rate_limited_retries: u32,
    pub(crate) rate_limited_pause: Duration,
    reason: Mutex<Option<StopReason>>,
    unreachable_streak: AtomicU32,
    progress: Mutex<Progress>,
    tally: Mutex<Tally>,
    on_progress: Option<ProgressFn>,
    started: Instant,
}

/// What this run did to rows.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    sent: u64,
    done: u64,
    failed: u64,
    unknown: u64,
    requeued: u64,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Ctx {
    pub(crate) fn worker(&self) -> Result<&crate::journal::Worker, JournalError> {
        self.journal.worker()
    }

    /// A row's `sending` mark was committed.
    pub(crate) fn sending(&self) {
        lock(&self.tally).sent += 1;
        let mut p = lock(&self.progress);
        p.pending = p.pending.saturating_sub(1);
        p.in_flight += 1;
        p.sent += 1;
        self.publish(p);
    }

    /// A row sent by this run reached `state`.
    pub(crate) fn settled(&self, state: State) {
        {
            let mut t = lock(&self.tally);
            match state {
                State::Done => t.done += 1,
                State::Failed => t.failed += 1,
                State::Unknown => t.unknown += 1,
                State::Pending => t.requeued += 1,
                State::Sending => {}
            }
        }
        let mut p = lock(&self.progress);
        p.in_flight = p.in_flight.saturating_sub(1);
        match state {
            State::Done => p.done += 1,
            State::Failed => p.failed += 1,
            State::Unknown => p.unknown += 1,
            State::Pending => p.pending += 1,
            State::Sending => {}
        }
        self.publish(p);
    }

    /// A lookup at the start found a row's record.
    pub(crate) fn reconciled_done(&self) {
        lock(&self.tally).done += 1;
    }

    fn publish(&self, mut progress: std::sync::MutexGuard<'_, Progress>) {
        progress.elapsed = self.started.elapsed();
        progress.billed = self.budget.billed();
        let snapshot = *progress;
        drop(progress);
        if let Some(on_progress) = &self.on_progress {
            on_progress(&snapshot);
        }
    }

    /// Stops the run for `reason` (the first reason is kept).
    pub(crate) fn stop_for(&self, reason: StopReason) {
        lock(&self.reason).get_or_insert(reason);
        self.stop.stop();
    }

    /// A send could not reach the API; several in a row stop the run.
    pub(crate) fn unreachable(&self, error: String) {
        if self.unreachable_streak.fetch_add(1, Ordering::AcqRel) + 1 >= UNREACHABLE_STREAK {
            self.stop_for(StopReason::Unreachable { error });
        }
    }

    /// A send reached the API.
    pub(crate) fn reached_api(&self) {
        self.unreachable_streak.store(0, Ordering::Release);
    }
}

/// Runs the batch: reconciliation, then the pending rows. See
/// [`Batch::run`](crate::Batch::run).
pub(crate) async fn run(
    settings: &Settings,
    client: &Client,
    journal: &Journal,
    caller: &StopHandle,
) -> Result<RunSummary, BatchError> {
    let _operation = journal.begin_operation()?;
    let stop = StopHandle::new();
    let forward = {
        let (caller, stop) = (caller.clone(), stop.clone());
        tokio::spawn(async move {
            caller.stopping().await;
            stop.stop();
            caller.aborted().await;
            stop.abort();
        })
    };
    let _forward = AbortOnDrop(forward);
    let ctx = Arc::new(Ctx {
        client: client.clone(),
        journal: journal.clone(),
        stop,
        limiter: settings.rate.map(Limiter::new),
        budget: Budget::new(settings.max_billed),
        keep_personal: settings.keep_personal,
        rate_limited_retries: settings.rate_limited_retries,
        rate_limited_pause: settings.rate_limited_pause,
        reason: Mutex::new(None),
        unreachable_streak: AtomicU32::new(0),
        progress: Mutex::new(Progress::default()),
        tally: Mutex::new(Tally::default()),
        on_progress: settings.on_progress.clone(),
        started: Instant::now(),
    });
    let concurrency = settings.concurrency.max(1);

    let reconcile = reconcile::reconcile(&ctx, concurrency).await?;
    let worker = ctx.worker()?;
    let seq = worker
        .call(|conn| sql::latest_import(conn))
        .await?
        .map_err(JournalError::from)?;
    let counts = import_counts(&ctx, seq).await?;
    {
        let mut p = lock(&ctx.progress);
        *p = Progress {
            total: counts.total(),
            done: counts.done,
            failed: counts.failed,
            unknown: counts.unknown,
            pending: counts.pending,
            ..Progress::default()
        };
        ctx.publish(p);
    }
    let produced = match seq {
        Some(seq) => produce(&ctx, seq, concurrency, settings.max_billed).await,
        None => Ok(()),
    };
    let counts = import_counts(&ctx, seq).await?;
    produced?;

    let stopped = lock(&ctx.reason).clone().or_else(|| {
        if caller.is_aborted() {
            Some(StopReason::Aborted)
        } else if caller.is_stopping() {
            Some(StopReason::Stopped)
        } else {
            None
        }
    });
    let tally = *lock(&ctx.tally);
    Ok(RunSummary {
        reconcile,
        sent: tally.sent,
        billed: ctx.budget.billed(),
        done: tally.done,
        failed: tally.failed,
        unknown: tally.unknown,
        requeued: tally.requeued,
        counts,
        stopped,
        elapsed: ctx.started.elapsed(),
    })
}

/// Aborts a task when dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

async fn import_counts(ctx: &Ctx, seq: Option<i64>) -> Result<StateCounts, JournalError> {
    match seq {
        Some(seq) => ctx
            .worker()?
            .call(move |conn| sql::counts(conn, Some(seq)))
            .await?
            .map_err(JournalError::from),
        None => Ok(StateCounts::default()),
    }
}

/// Sends the pending rows of import `seq`, `concurrency` at a time.
async fn produce(
    ctx: &Arc<Ctx>,
    seq: i64,
    concurrency: usize,
    max_billed: Option<u64>,
) -> Result<(), JournalError> {
    let permits = Arc::new(Semaphore::new(concurrency));
    let mut tasks: JoinSet<Result<(), JournalError>> = JoinSet::new();
    let mut page: VecDeque<sql::PendingRow> = VecDeque::new();
    let mut after = 0;
    let mut last_page = false;
    let mut failure: Option<JournalError> = None;

    while !ctx.stop.is_stopping() && failure.is_none() {
        let permit = tokio::select! {
            permit = Arc::clone(&permits).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = ctx.stop.stopping() => break,
        };
        if page.is_empty() && !last_page {
            // A read that fails ends the producing, never the rows in flight: they
            // are waited for below, and the failure is the run's.
            let read = match ctx.worker() {
                Ok(worker) => worker
                    .call(move |conn| sql::pending_page(conn, seq, after, PAGE))
                    .await
                    .and_then(|rows| rows.map_err(JournalError::from)),
                Err(e) => Err(e),
            };
            let rows = match read {
                Ok(rows) => rows,
                Err(e) => {
                    tracing::warn!(
                        "faceki batch: reading the pending rows failed; waiting for the rows in flight"
                    );
                    failure.get_or_insert(e);
                    ctx.stop.stop();
                    break;
                }
            };
            last_page = rows.len() < PAGE as usize;
            if let Some(last) = rows.last() {
                after = last.id;
            }
            page.extend(rows);
        }
        let Some(row) = page.pop_front() else { break };
        if !ctx.budget.available(&ctx.stop).await {
            if ctx.budget.is_spent() {
                ctx.stop_for(StopReason::BudgetReached {
                    max_billed: max_billed.unwrap_or(0),
                });
            }
            break;
        }
        let task_ctx = Arc::clone(ctx);
        tasks.spawn(send::send_row(task_ctx, row, permit));
        while let Some(done) = tasks.try_join_next() {
            collect(done, &mut failure);
        }
        if failure.is_some() {
            ctx.stop.stop();
        }
    }

    loop {
        tokio::select! {
            done = tasks.join_next() => match done {
                Some(done) => {
                    collect(done, &mut failure);
                    if failure.is_some() {
                        ctx.stop.stop();
                    }
                }
                None => break,
            },
            () = ctx.stop.aborted() => {
                tasks.abort_all();
                while tasks.join_next().await.is_some() {}
                break;
            }
        }
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Records a finished send's failure (the first one), re-raising a panic.
fn collect(
    done: Result<Result<(), JournalError>, tokio::task::JoinError>,
    failure: &mut Option<JournalError>,
) {
    match done {
        Ok(Ok(())) => {}
        Ok(Err(e)) => {
            failure.get_or_insert(e);
        }
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => {}
    }
}
