//! Exit codes and error reports: what a failure means for the shell, and what the
//! user reads on stderr (never a secret, never a body).

use std::fmt::Write as _;

/// The process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    /// Everything worked.
    Success,
    /// The API answered with a non-success code (or an unreadable answer).
    Api,
    /// A usage or input error, reported before any request.
    Usage,
    /// The network failed or a time limit ran out.
    Network,
    /// Authentication failed.
    Auth,
    /// A call with an effect (a verification, a search, a link) may have been
    /// processed, and no lookup could say whether it was: do not resubmit blindly.
    OutcomeUnknown,
    /// Stopped by Ctrl-C (SIGINT), what a shell expects: 128 + 2.
    Interrupted,
}

impl Exit {
    /// The number the shell sees.
    pub(crate) fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Api => 1,
            Self::Usage => 2,
            Self::Network => 3,
            Self::Auth => 4,
            Self::OutcomeUnknown => 5,
            Self::Interrupted => 130,
        }
    }

    /// How a client error ends the process.
    pub(crate) fn of(error: &faceki::Error) -> Self {
        let has_effect = error
            .effect()
            .is_some_and(faceki::error::Effect::has_effect);
        if has_effect && error.outcome_unknown() {
            Self::OutcomeUnknown
        } else if error.is_invalid_input() || error.is_config() {
            Self::Usage
        } else if error.is_timeout() || error.is_transport() {
            Self::Network
        } else if error.is_auth() {
            Self::Auth
        } else {
            Self::Api
        }
    }
}

/// Why a command failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad arguments or input files; nothing was sent.
    Usage(String),
    /// A call failed.
    Client(faceki::Error),
    /// Something else, with the exit status to use.
    Other(Exit, String),
}

impl From<faceki::Error> for Failure {
    fn from(error: faceki::Error) -> Self {
        Self::Client(error)
    }
}

impl Failure {
    /// Prints the failure on stderr and returns the exit status.
    pub(crate) fn report(self) -> Exit {
        let (exit, text) = match self {
            Self::Usage(message) => (Exit::Usage, format!("error: {message}\n")),
            Self::Other(exit, message) => (exit, format!("error: {message}\n")),
            Self::Client(error) => (Exit::of(&error), describe(&error)),
        };
        eprint!("{text}");
        exit
    }
}

/// The error's report: its message, then the response code's name, number,
/// description and guidance when Faceki sent one.
pub(crate) fn describe(error: &faceki::Error) -> String {
    let mut text = format!("error: {error}\n");
    if let Some(code) = error.response_code() {
        let name = code.name().unwrap_or("UNKNOWN");
        let _ = writeln!(
            text,
            "  code: {name} ({}): {}",
            code.code(),
            code.description()
        );
        let guidance = code.guidance();
        if !guidance.is_empty() {
            let _ = writeln!(text, "  what to do: {guidance}");
        }
    }
    if let Some(refusal) = error.preflight_refusal() {
        for finding in &refusal.findings {
            let code = finding.code;
            let _ = writeln!(
                text,
                "  anticipated: {} ({}) for `{}`: {}",
                code.name().unwrap_or("UNKNOWN"),
                code.code(),
                finding.field,
                code.guidance()
            );
        }
        text.push_str(
            "  nothing was sent or billed; retake the picture, or pass --preflight normalise \
             to send it anyway\n",
        );
    }
    match Exit::of(error) {
        Exit::Auth => {
            text.push_str("  check FACEKI_CLIENT_ID, FACEKI_CLIENT_SECRET and FACEKI_BASE_URL\n")
        }
        Exit::Network => text.push_str("  check the base URL and your network\n"),
        Exit::OutcomeUnknown => text.push_str(unknown_outcome_advice(error)),
        _ => {}
    }
    text
}

/// What to do when a call may have been processed and no lookup settled it.
fn unknown_outcome_advice(error: &faceki::Error) -> &'static str {
    match error.lookup() {
        Some(faceki::error::Lookup::NotFound) => {
            "  the call may still be processing: look again later with \
             `faceki records --record-identifier ID` before submitting again\n"
        }
        Some(_) => {
            "  look the record up with `faceki records --record-identifier ID` before \
             submitting again\n"
        }
        None => {
            "  this call carries no record identifier, so it cannot be looked up: check the \
             portal before submitting again (V3 verifications with --record-identifier are \
             reconciled automatically)\n"
        }
    }
}
