//! Where results go: JSON or readable text on stdout, progress on stderr (only when
//! stdout is a terminal).

use std::io::{IsTerminal, Write};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::exit::{Exit, Failure};

/// The output settings of one run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    json: bool,
    progress: bool,
}

impl Output {
    /// JSON when `json`; progress bars only on an interactive terminal.
    pub(crate) fn new(json: bool) -> Self {
        Self {
            json,
            progress: !json && std::io::stdout().is_terminal() && std::io::stderr().is_terminal(),
        }
    }

    /// Whether results are printed as JSON.
    pub(crate) fn is_json(&self) -> bool {
        self.json
    }

    /// Prints a result: `value` as JSON, or the text `render` makes of it.
    pub(crate) fn result<T: Serialize>(
        &self,
        value: &T,
        render: impl FnOnce(&T) -> String,
    ) -> Result<(), Failure> {
        if self.json {
            let text = serde_json::to_string_pretty(value).map_err(|e| {
                Failure::Other(Exit::Api, format!("cannot print the result as JSON: {e}"))
            })?;
            self.stdout(&format!("{text}\n"));
        } else {
            self.stdout(&render(value));
        }
        Ok(())
    }

    /// Writes text to stdout; a closed pipe (`faceki ... | head`) is not an error.
    pub(crate) fn stdout(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        let _ = stdout.write_all(text.as_bytes());
        let _ = stdout.flush();
    }

    /// A note for the person at the terminal, on stderr (never data).
    pub(crate) fn note(&self, text: &str) {
        eprintln!("note: {text}");
    }

    /// A spinner with `message` on stderr, hidden when not on a terminal.
    pub(crate) fn spinner(&self, message: impl Into<String>) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {elapsed}") {
            bar.set_style(style);
        }
        bar.set_message(message.into());
        bar.enable_steady_tick(Duration::from_millis(100));
        bar
    }

    /// A bar of `steps` steps on stderr, hidden when not on a terminal.
    pub(crate) fn steps(&self, steps: u64) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(steps), ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("[{bar:30}] {pos}/{len} {msg}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar
    }
}
