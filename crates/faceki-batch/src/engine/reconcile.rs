//! The start of every run: rows left `sending` (the previous run died, or was aborted,
//! with their request in flight) or `unknown` (the answer was lost and the SDK's own
//! lookup found nothing then) are looked up by record identifier, for records created
//! since their last send was marked (less [`RECONCILE_CLOCK_SKEW`]):
//!
//! - found: `done`, with the record found (not sent again);
//! - not found: back to `pending` (sent again: the only case a row is sent twice);
//! - several, or undated: `unknown`, never guessed between (look it up yourself);
//! - the lookup failed: left as it was, looked up again next time.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use faceki::error::ResponseCode;
use faceki::records::{RECONCILE_CLOCK_SKEW, VerificationLookup};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::engine::Ctx;
use crate::engine::classify::error_text;
use crate::engine::summary::{ReconcileSummary, StopReason};
use crate::error::JournalError;
use crate::journal::State;
use crate::journal::sql::{self, Change, OpenRow, Settlement, Transition};

/// What one lookup did.
enum Looked {
    Found,
    NotFound,
    Unresolved,
}

/// Looks up every row in `sending` or `unknown`, `concurrency` at a time.
pub(crate) async fn reconcile(
    ctx: &Arc<Ctx>,
    concurrency: usize,
) -> Result<ReconcileSummary, JournalError> {
    let mut summary = ReconcileSummary::default();
    let permits = Arc::new(Semaphore::new(concurrency));
    let mut tasks: JoinSet<Result<Looked, JournalError>> = JoinSet::new();
    let mut after = 0;
    let mut failure = None;
    'pages: while !ctx.stop.is_stopping() {
        let page = ctx
            .worker()?
            .call(move |conn| sql::open_page(conn, after, 64))
            .await??;
        if page.is_empty() {
            break;
        }
        for row in page {
            after = row.id;
            let permit = tokio::select! {
                permit = Arc::clone(&permits).acquire_owned() => match permit {
                    Ok(permit) => permit,
                    Err(_) => break 'pages,
                },
                () = ctx.stop.stopping() => break 'pages,
            };
            let ctx = Arc::clone(ctx);
            tasks.spawn(async move {
                let looked = look_up(&ctx, row).await;
                drop(permit);
                looked
            });
            while let Some(done) = tasks.try_join_next() {
                count(done, &mut summary, &mut failure);
            }
        }
    }
    loop {
        tokio::select! {
            done = tasks.join_next() => match done {
                Some(done) => count(done, &mut summary, &mut failure),
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
        None => Ok(summary),
    }
}

fn count(
    done: Result<Result<Looked, JournalError>, tokio::task::JoinError>,
    summary: &mut ReconcileSummary,
    failure: &mut Option<JournalError>,
) {
    match done {
        Ok(Ok(looked)) => {
            summary.looked_up += 1;
            match looked {
                Looked::Found => summary.found += 1,
                Looked::NotFound => summary.not_found += 1,
                Looked::Unresolved => summary.unresolved += 1,
            }
        }
        Ok(Err(e)) => {
            failure.get_or_insert(e);
        }
        Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        Err(_) => {}
    }
}

/// One row's lookup and its new state.
async fn look_up(ctx: &Ctx, row: OpenRow) -> Result<Looked, JournalError> {
    let sent_at =
        UNIX_EPOCH + Duration::from_millis(row.sent_at_ms.unwrap_or(0).max(0).unsigned_abs());
    let since = sent_at
        .checked_sub(RECONCILE_CLOCK_SKEW)
        .unwrap_or(UNIX_EPOCH);
    let found = ctx
        .client
        .records()
        .find_verification(&row.record_identifier, since.min(SystemTime::now()))
        .await;
    let (settlement, looked) = match found {
        Ok(VerificationLookup::Found(record)) => (
            Settlement {
                state: State::Done,
                request_id: record.request_id.clone(),
                decision: record.decision.as_ref().map(|d| d.as_str().to_owned()),
                reconciled: true,
                personal: ctx
                    .keep_personal
                    .then(|| serde_json::to_string(&*record).ok())
                    .flatten(),
                ..Settlement::default()
            },
            Looked::Found,
        ),
        Ok(VerificationLookup::NotFound) => (
            Settlement {
                state: State::Pending,
                error: Some(format!(
                    "left `{}` by an earlier run; looked up by record identifier: not \
                     recorded, so sent again",
                    row.state
                )),
                ..Settlement::default()
            },
            Looked::NotFound,
        ),
        Ok(other) => {
            let what = match other {
                VerificationLookup::Several { records } => format!(
                    "{records} records with this identifier since the send: which one is this \
                     row's cannot be told"
                ),
                VerificationLookup::Undated { records } => format!(
                    "{records} records with this identifier, without a creation time: whether \
                     one is this row's cannot be told"
                ),
                _ => "the lookup's answer cannot be read".to_owned(),
            };
            (
                Settlement {
                    state: State::Unknown,
                    error: Some(format!(
                        "looked up by record identifier: {what}; check with `faceki records \
                         --record-identifier`, never resent blindly"
                    )),
                    ..Settlement::default()
                },
                Looked::Unresolved,
            )
        }
        Err(e) => {
            // Never `e`'s own text: an API error's Display holds Faceki's message, which
            // may quote the person's data.
            let text = error_text(&e);
            if e.is_auth() && !e.is_transport() {
                ctx.stop_for(StopReason::Unauthorized {
                    error: text.clone(),
                });
            }
            let code = e.response_code();
            tracing::warn!(
                code = code.map(ResponseCode::code),
                code_name = code.and_then(ResponseCode::name),
                http_status = e.http_status(),
                error = %text,
                "faceki batch: a reconciliation lookup failed; the row is looked up again next run"
            );
            return Ok(Looked::Unresolved);
        }
    };
    let state = settlement.state;
    ctx.worker()?
        .transition(Transition {
            id: row.id,
            change: Change::Settle(Box::new(settlement)),
        })
        .await?;
    if state == State::Done {
        ctx.reconciled_done();
    }
    Ok(looked)
}
