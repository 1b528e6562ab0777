//! `faceki batch run MANIFEST`: checks every row and image (all of them, before the
//! first billed call), stores them in the journal, looks up rows an earlier run left
//! in flight, sends the rest; Ctrl-C stops sending new rows, a second Ctrl-C aborts.
//!
//! Exit codes: 0 every row is done or failed (failures are in the report); 1 rows are
//! left pending (budget spent, out of credit, rate limited); 2 the manifest is
//! invalid (nothing sent) or a usage error; 3 the API could not be reached; 4
//! authentication failed; 5 rows have an unknown outcome (run again later: they are
//! looked up first); 130 interrupted by Ctrl-C.

use std::path::Path;

use faceki_batch::{
    Batch, Durability, ImportOptions, ImportSummary, Journal, JournalOptions, Manifest, RunSummary,
    StopHandle, StopReason,
};
use serde_json::json;

use super::progress::Bar;
use super::{failure, journal_path, open_failure, plural, print_row_errors};
use crate::args::Global;
use crate::args::batch::{JournalSync, RunArgs};
use crate::exit::{Exit, Failure};
use crate::output::Output;

/// Runs `batch run`.
pub(crate) async fn run(args: &RunArgs, global: &Global, out: &Output) -> Result<(), Failure> {
    let mut manifest = Manifest::open(&args.manifest).map_err(|e| failure(e.into()))?;
    if let Some(workflow) = &args.workflow_id {
        manifest = manifest.default_workflow_id(workflow);
    }
    let journal_path = journal_path(args.journal.as_deref(), Some(&args.manifest))?;
    let options = manifest.import_options().skip_invalid(args.skip_invalid);
    if args.dry_run {
        return dry_run(&manifest, &journal_path, options, out);
    }

    let client = crate::client::build(global)?;
    let durability = match args.journal_sync {
        JournalSync::Full => Durability::Full,
        JournalSync::Normal => Durability::Normal,
    };
    let journal = Journal::open_with(&journal_path, JournalOptions::new().durability(durability))
        .map_err(|e| open_failure(&journal_path, e))?;
    let bar = Bar::new(out.is_json());
    let mut builder = Batch::builder(client, journal)
        .concurrency(usize::from(args.concurrency))
        .keep_personal_data(args.include_personal_data)
        .on_progress(bar.callback());
    if let Some(rate) = args.rate {
        builder = builder.rate(rate);
    }
    if let Some(max) = args.max_billed {
        builder = builder.max_billed(max);
    }
    let batch = builder.build();

    let rows = manifest.rows().map_err(|e| failure(e.into()))?;
    let imported = tokio::task::block_in_place(|| batch.import(rows, options)).map_err(failure)?;
    bar.note(&import_note(&imported));

    let stop = StopHandle::new();
    let signals = tokio::spawn(watch_ctrl_c(stop.clone()));
    let result = batch.run(&stop).await;
    signals.abort();
    bar.finish();
    let summary = result.map_err(failure)?;
    drop(batch);

    print_summary(&summary, &journal_path, out)?;
    verdict(&summary)
}

/// Checks everything, sends nothing, stores nothing: against the existing journal if
/// there is one (so rows already sent with other images are caught too), otherwise
/// a temporary one.
fn dry_run(
    manifest: &Manifest,
    journal_path: &Path,
    options: ImportOptions,
    out: &Output,
) -> Result<(), Failure> {
    let journal = if journal_path.exists() {
        Journal::open(journal_path)
    } else {
        Journal::temporary()
    }
    .map_err(|e| open_failure(journal_path, e))?;
    let rows = manifest.rows().map_err(|e| failure(e.into()))?;
    let summary = journal
        .import(rows, &options.dry_run(true))
        .map_err(failure)?;
    let value = json!({
        "dry_run": true,
        "rows": summary.rows,
        "new": summary.added,
        "changed": summary.updated,
        "already_in_journal": summary.unchanged,
        "invalid_skipped": summary.skipped_total,
    });
    out.result(&value, |_| {
        format!(
            "dry run: {} row{} checked, every image readable and JPEG or PNG; {} new, {} \
             already in the journal{}. Nothing was sent.\n",
            summary.rows,
            plural(summary.rows),
            summary.added + summary.updated,
            summary.unchanged,
            skipped_note(&summary),
        )
    })?;
    if summary.skipped_total > 0 {
        print_row_errors(&summary.skipped, summary.skipped_total);
    }
    Ok(())
}

fn skipped_note(summary: &ImportSummary) -> String {
    match summary.skipped_total {
        0 => String::new(),
        n => format!("; {n} problem{} in rows that would be skipped", plural(n)),
    }
}

fn import_note(summary: &ImportSummary) -> String {
    let mut text = format!(
        "checked {} row{}: {} new, {} already in the journal",
        summary.rows,
        plural(summary.rows),
        summary.added + summary.updated,
        summary.unchanged
    );
    if summary.skipped_total > 0 {
        text.push_str(&format!(
            "; skipped invalid rows ({} problem{}):",
            summary.skipped_total,
            plural(summary.skipped_total)
        ));
        for error in &summary.skipped {
            text.push_str(&format!("\n  {error}"));
        }
    }
    text
}

/// First Ctrl-C: no new rows; second: abort.
async fn watch_ctrl_c(stop: StopHandle) {
    if tokio::signal::ctrl_c().await.is_err() {
        return;
    }
    eprintln!(
        "\nstopping: no new rows are sent; waiting for the ones in flight (Ctrl-C again to abort)"
    );
    stop.stop();
    if tokio::signal::ctrl_c().await.is_err() {
        return;
    }
    eprintln!("aborting: rows in flight stay `sending`; the next run looks them up first");
    stop.abort();
}

fn print_summary(summary: &RunSummary, journal: &Path, out: &Output) -> Result<(), Failure> {
    let c = summary.counts;
    let r = summary.reconcile;
    let value = json!({
        "complete": summary.is_complete(),
        "rows": c.total(),
        "done": c.done,
        "failed": c.failed,
        "unknown": c.unknown,
        "sending": c.sending,
        "pending": c.pending,
        "run": {
            "looked_up": r.looked_up,
            "found": r.found,
            "not_recorded": r.not_found,
            "unresolved": r.unresolved,
            "sent": summary.sent,
            "billed": summary.billed,
            "requeued": summary.requeued,
            "seconds": summary.elapsed.as_secs_f64(),
            "billed_per_second": summary.billed_per_second(),
        },
        "stopped": summary.stopped.as_ref().map(ToString::to_string),
        "journal": journal.display().to_string(),
    });
    out.result(&value, |_| {
        let mut text = format!(
            "{} row{}: {} done, {} failed, {} unknown, {} pending{}\n",
            c.total(),
            plural(c.total()),
            c.done,
            c.failed,
            c.unknown,
            c.pending,
            if c.sending > 0 {
                format!(", {} sending", c.sending)
            } else {
                String::new()
            }
        );
        if r.looked_up > 0 {
            text.push_str(&format!(
                "looked up {} row{} left by an earlier run: {} found (not sent again), {} not \
                 recorded (sent again), {} unresolved\n",
                r.looked_up,
                plural(r.looked_up),
                r.found,
                r.not_found,
                r.unresolved
            ));
        }
        text.push_str(&format!(
            "this run: {} sent, {} billed in {:.1} s ({:.1}/s)\n",
            summary.sent,
            summary.billed,
            summary.elapsed.as_secs_f64(),
            summary.billed_per_second()
        ));
        if let Some(reason) = &summary.stopped {
            text.push_str(&format!("stopped: {reason}\n"));
        }
        text.push_str(&format!(
            "results: faceki batch report --journal {}\n",
            journal.display()
        ));
        text
    })
}

/// The exit status for a finished run.
fn verdict(summary: &RunSummary) -> Result<(), Failure> {
    let c = summary.counts;
    let unfinished = |exit: Exit, why: String| Err(Failure::Other(exit, why));
    match &summary.stopped {
        Some(StopReason::Unauthorized { .. }) => {
            return unfinished(
                Exit::Auth,
                "authentication failed: check FACEKI_CLIENT_ID and FACEKI_CLIENT_SECRET, then run again"
                    .to_owned(),
            );
        }
        Some(StopReason::Unreachable { .. }) => {
            return unfinished(
                Exit::Network,
                "the API could not be reached: check the base URL and your network, then run again"
                    .to_owned(),
            );
        }
        Some(StopReason::Misconfigured { error }) => {
            return unfinished(Exit::Usage, error.clone());
        }
        // The journal is closed and consistent either way.
        Some(StopReason::Stopped) => {
            return unfinished(
                Exit::Interrupted,
                "interrupted: the rows in flight were finished and recorded; run the same \
                 command again to continue"
                    .to_owned(),
            );
        }
        Some(StopReason::Aborted) => {
            return unfinished(
                Exit::Interrupted,
                "aborted: rows that were in flight stay `sending` and are looked up by record \
                 identifier on the next run before anything is sent"
                    .to_owned(),
            );
        }
        _ => {}
    }
    if c.unknown + c.sending > 0 {
        return unfinished(
            Exit::OutcomeUnknown,
            format!(
                "{} row{} may have been processed without an answer; run again later: they are \
                 looked up by record identifier before anything is sent",
                c.unknown + c.sending,
                plural(c.unknown + c.sending)
            ),
        );
    }
    if c.pending > 0 {
        return unfinished(
            Exit::Api,
            format!(
                "{} row{} not sent yet; run the same command again to continue",
                c.pending,
                plural(c.pending)
            ),
        );
    }
    Ok(())
}
