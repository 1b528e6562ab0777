//! Sending one row: its budget unit, the `sending` mark committed, its rate slot (last,
//! so that the moment it leaves is its slot's), the verification, and the row's new state committed. A rate-limited refusal is sent
//! again after a pause (it was not processed), a few times, before the row goes back
//! to `pending`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use faceki::ImageInput;
use faceki::v3::Verification;
use tokio::sync::OwnedSemaphorePermit;

use crate::engine::Ctx;
use crate::engine::classify::{Verdict, classify};
use crate::error::JournalError;
use crate::input::Slot;
use crate::journal::State;
use crate::journal::sql::{Change, PendingRow, Settlement, Transition, now_ms};
use crate::validate::resolve;

/// Sends `row` and records its result. Returns early, leaving it `pending`, when the
/// run stops or the budget is spent before the send starts.
///
/// `slot` is the row's place among the `concurrency` in flight: it is given up once
/// the answer is in, before the result's commit, which only has to happen eventually
/// (were the process to die first, the row would be `sending` and looked up). Only
/// the `sending` mark must be on disk before the request leaves; so each row waits
/// for one commit, not two.
pub(crate) async fn send_row(
    ctx: Arc<Ctx>,
    row: PendingRow,
    slot: OwnedSemaphorePermit,
) -> Result<(), JournalError> {
    let mut rate_limited = 0;
    loop {
        if ctx.stop.is_stopping() {
            return Ok(());
        }
        if !ctx.budget.take(&ctx.stop).await {
            return Ok(());
        }
        let marked = ctx
            .worker()?
            .transition(Transition {
                id: row.id,
                change: Change::Sending { at_ms: now_ms() },
            })
            .await;
        if let Err(e) = marked {
            ctx.budget.settle(false);
            return Err(e);
        }
        // The rate slot last, right before the request leaves: the waits for the
        // budget and for the group commit of the mark would otherwise let the rows
        // released by one commit leave together, above the rate.
        if let Some(limiter) = &ctx.limiter {
            if !limiter.acquire(&ctx.stop).await {
                // Stopping: nothing was sent.
                ctx.budget.settle(false);
                return ctx
                    .worker()?
                    .transition(Transition {
                        id: row.id,
                        change: Change::Unsend,
                    })
                    .await;
            }
        }
        ctx.sending();

        let result = ctx.client.v3().verify(verification(&row)).await;
        let verdict = classify(result, ctx.keep_personal);
        ctx.budget.settle(verdict.billed());

        match verdict {
            Verdict::RateLimited { error }
                if rate_limited < ctx.rate_limited_retries && !ctx.stop.is_stopping() =>
            {
                rate_limited += 1;
                settle(&ctx, &row, requeued(error)).await?;
                let pause = ctx
                    .rate_limited_pause
                    .saturating_mul(2u32.saturating_pow(rate_limited - 1));
                tokio::select! {
                    () = tokio::time::sleep(pause.min(Duration::from_secs(60))) => {}
                    () = ctx.stop.stopping() => return Ok(()),
                }
            }
            Verdict::RateLimited { error } => {
                drop(slot);
                return settle(&ctx, &row, requeued(error)).await;
            }
            Verdict::Requeue { error, unreachable } => {
                // Counted before the slot is given up, so that the next row already
                // sees the run stopped.
                if unreachable {
                    ctx.unreachable(error.clone());
                }
                drop(slot);
                return settle(&ctx, &row, requeued(error)).await;
            }
            Verdict::Fatal { error, reason } => {
                ctx.stop_for(reason);
                drop(slot);
                return settle(&ctx, &row, requeued(error)).await;
            }
            Verdict::Settled { settlement, .. } => {
                ctx.reached_api();
                drop(slot);
                return settle(&ctx, &row, settlement).await;
            }
        }
    }
}

/// Back to `pending`, with why.
fn requeued(error: String) -> Settlement {
    Settlement {
        state: State::Pending,
        error: Some(error),
        ..Settlement::default()
    }
}

/// Commits the row's new state and counts it.
async fn settle(ctx: &Ctx, row: &PendingRow, settlement: Settlement) -> Result<(), JournalError> {
    let state = settlement.state;
    ctx.worker()?
        .transition(Transition {
            id: row.id,
            change: Change::Settle(Box::new(settlement)),
        })
        .await?;
    ctx.settled(state);
    Ok(())
}

/// The row as a V3 verification.
fn verification(row: &PendingRow) -> Verification {
    let base = row.base_dir.as_deref().map(Path::new);
    let mut request = Verification::by_workflow(row.workflow_id.as_str())
        .record_identifier(row.record_identifier.as_str());
    for slot in Slot::ALL {
        let Some(path) = &row.images[slot.index()] else {
            continue;
        };
        let image = ImageInput::path(resolve(base, Path::new(path)));
        request = match slot {
            Slot::Selfie => request.selfie(image),
            Slot::Document1Front => request.document_1_front(image),
            Slot::Document1Back => request.document_1_back(image),
            Slot::Document2Front => request.document_2_front(image),
            Slot::Document2Back => request.document_2_back(image),
            Slot::Document3Front => request.document_3_front(image),
            Slot::Document3Back => request.document_3_back(image),
        };
    }
    request
}
