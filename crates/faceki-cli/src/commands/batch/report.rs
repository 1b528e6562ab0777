//! `faceki batch report`: the journal's summary (counts, decisions, failures by
//! response code with their guidance) and every row as CSV or JSON Lines.

use std::fmt::Write as _;
use std::io::Write as _;

use faceki::error::ResponseCode;
use faceki_batch::{
    BatchError, Journal, JournalSummary, ReportFormat, ReportOptions, write_report,
};
use serde_json::json;

use super::{failure, journal_path, open_failure, plural};
use crate::args::batch::{self as args, ReportArgs};
use crate::exit::{Exit, Failure};
use crate::output::Output;

/// Runs `batch report`.
pub(crate) fn run(args: &ReportArgs, out: &Output) -> Result<(), Failure> {
    let path = journal_path(args.journal.as_deref(), args.manifest.as_deref())?;
    if !path.exists() {
        return Err(Failure::Usage(format!(
            "no journal at {}: run `faceki batch run` first (or give --journal)",
            path.display()
        )));
    }
    let journal = Journal::open(&path).map_err(|e| open_failure(&path, e))?;
    let format = match (args.format, &args.output) {
        (Some(args::ReportFormat::Csv), _) => ReportFormat::Csv,
        (Some(args::ReportFormat::Jsonl), _) => ReportFormat::JsonLines,
        (None, Some(output)) => ReportFormat::from_path(output).unwrap_or(ReportFormat::Csv),
        (None, None) => ReportFormat::Csv,
    };
    let options = ReportOptions::new()
        .format(format)
        .include_personal_data(args.include_personal_data);
    let summary = journal.summary().map_err(|e| failure(e.into()))?;

    let rows = match &args.output {
        Some(output) => {
            let file = std::fs::File::create(output)
                .map_err(|e| Failure::Usage(format!("cannot create {}: {e}", output.display())))?;
            write_report(&journal, std::io::BufWriter::new(file), &options).map_err(failure)?
        }
        None => {
            let stdout = std::io::stdout().lock();
            match write_report(&journal, stdout, &options) {
                Ok(rows) => rows,
                // `faceki batch report | head`: a closed pipe is not an error.
                Err(BatchError::Report(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
                Err(e) => return Err(failure(e)),
            }
        }
    };
    drop(journal);

    let text = render(&summary, rows);
    match &args.output {
        Some(output) => {
            let value = json!({
                "journal": path.display().to_string(),
                "output": output.display().to_string(),
                "rows": rows,
                "done": summary.counts.done,
                "failed": summary.counts.failed,
                "unknown": summary.counts.unknown,
                "sending": summary.counts.sending,
                "pending": summary.counts.pending,
                "decisions": summary.decisions.iter().map(|(d, n)| json!({"decision": d, "rows": n})).collect::<Vec<_>>(),
                "failures": summary.failures.iter().map(|f| json!({
                    "code": f.code, "code_name": f.code_name, "rows": f.rows,
                    "guidance": f.code.map(|c| ResponseCode::from_code(c).guidance()),
                })).collect::<Vec<_>>(),
            });
            out.result(&value, |_| format!("{text}wrote {rows} rows to {}\n", output.display()))
        }
        None => {
            // The rows went to stdout: the summary goes to stderr.
            let _ = std::io::stderr().write_all(text.as_bytes());
            Ok(())
        }
    }
    .map_err(|e| match e {
        Failure::Other(_, message) => Failure::Other(Exit::Api, message),
        other => other,
    })
}

/// The summary for people.
fn render(summary: &JournalSummary, rows: u64) -> String {
    let c = summary.counts;
    let mut text = format!(
        "{rows} row{}: {} done, {} failed, {} unknown, {} pending{}\n",
        plural(rows),
        c.done,
        c.failed,
        c.unknown,
        c.pending,
        if c.sending > 0 {
            format!(", {} sending (looked up at the next run)", c.sending)
        } else {
            String::new()
        }
    );
    if !summary.decisions.is_empty() {
        let decisions: Vec<String> = summary
            .decisions
            .iter()
            .map(|(decision, n)| format!("{decision} {n}"))
            .collect();
        let _ = writeln!(text, "decisions: {}", decisions.join(", "));
    }
    if !summary.failures.is_empty() {
        text.push_str("failed:\n");
        for failure in &summary.failures {
            match failure.code {
                Some(code) => {
                    let code = ResponseCode::from_code(code);
                    let _ = writeln!(
                        text,
                        "  {} ({}): {} row{}. {} What to do: {}",
                        failure.code_name.as_deref().unwrap_or("UNKNOWN"),
                        code.code(),
                        failure.rows,
                        plural(failure.rows),
                        code.description(),
                        code.guidance()
                    );
                }
                None => {
                    let _ = writeln!(
                        text,
                        "  without a response code (invalid input): {} row{}; see the error column",
                        failure.rows,
                        plural(failure.rows)
                    );
                }
            }
        }
    }
    text
}
