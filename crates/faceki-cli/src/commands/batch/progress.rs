//! The batch's progress bar on stderr: rows settled of the manifest's rows, with the
//! done / failed / unknown counts, the rate and the ETA. Hidden when stderr is not a
//! terminal or the output is JSON.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use faceki_batch::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The bar, and the callback that moves it.
pub(crate) struct Bar {
    bar: ProgressBar,
}

impl Bar {
    /// A bar on stderr if it is a terminal (and the output is not JSON).
    pub(crate) fn new(json: bool) -> Self {
        if json || !std::io::stderr().is_terminal() {
            return Self {
                bar: ProgressBar::hidden(),
            };
        }
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("[{bar:30}] {pos}/{len} {msg} · {per_sec} · ETA {eta}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        Self { bar }
    }

    /// The progress callback for the batch.
    pub(crate) fn callback(&self) -> impl Fn(&Progress) + Send + Sync + 'static {
        let bar = self.bar.clone();
        let first = Arc::new(AtomicBool::new(true));
        move |p: &Progress| {
            bar.set_length(p.total);
            bar.set_position(p.finished());
            bar.set_message(format!(
                "done {} · failed {} · unknown {} · in flight {}",
                p.done, p.failed, p.unknown, p.in_flight
            ));
            if first.swap(false, Ordering::AcqRel) {
                // Rows settled by earlier runs do not count toward this run's rate.
                bar.reset_eta();
            }
        }
    }

    /// Prints a line above the bar.
    pub(crate) fn note(&self, text: &str) {
        if self.bar.is_hidden() {
            eprintln!("{text}");
        } else {
            self.bar.println(text);
        }
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
