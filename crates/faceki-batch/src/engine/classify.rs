//! What a verification's result means for its row, from the SDK's delivery verdict
//! ([`faceki::Error::delivery`], `docs/reliability.md`):
//!
//! | result | row | billed |
//! |---|---|---|
//! | success (or reconciled by the SDK's own lookup) | `done` | yes |
//! | processed with a code (selfie, document...) | `failed` | yes |
//! | processed, but the success answer could not be read | `unknown` (looked up) | yes |
//! | maybe processed (answer lost, lookup did not find it) | `unknown` | maybe |
//! | rejected: 429 | resent after a pause, then `pending` | no |
//! | rejected: request or link refusal (bad fields, unknown workflow) | `failed` | no |
//! | rejected: credit or limit | `pending`, the run stops | no |
//! | rejected or not sent: authentication | `pending`, the run stops | no |
//! | not sent: invalid input (a file changed since it was checked) | `failed` | no |
//! | not sent: the connection could not be made | `pending` | no |
//! | not sent: configuration | `pending`, the run stops | no |
//!
//! The error text never carries Faceki's own message: a message may quote the
//! person's data. When personal data is kept, the message is kept with it (the
//! `personal` column, as `{"faceki_message": ...}`), which a report shows only when
//! asked for personal data.

use faceki::error::Lookup;
use faceki::error::ResponseCode;
use faceki::model::VerificationOutcome;
use faceki::types::response_code::Category;
use faceki::{Delivery, Error};

use crate::engine::summary::StopReason;
use crate::journal::State;
use crate::journal::sql::Settlement;

/// What happens to the row.
#[derive(Debug)]
pub(crate) enum Verdict {
    /// Settled (done, failed or unknown).
    Settled {
        settlement: Settlement,
        billed: bool,
    },
    /// Refused by a rate limiter: may be sent again after a pause.
    RateLimited { error: String },
    /// Not processed; back to `pending`. `unreachable`: a failure to reach the API.
    Requeue { error: String, unreachable: bool },
    /// Not processed, and no further row can be: back to `pending`, stop the run.
    Fatal { error: String, reason: StopReason },
}

impl Verdict {
    /// Whether the call was (or may have been) billed.
    pub(crate) fn billed(&self) -> bool {
        matches!(self, Verdict::Settled { billed: true, .. })
    }
}

/// The verdict for a verification's result.
pub(crate) fn classify(result: Result<VerificationOutcome, Error>, keep_personal: bool) -> Verdict {
    let error = match result {
        Ok(outcome) => return done(&outcome, keep_personal),
        Err(error) => error,
    };
    let text = error_text(&error);
    let personal = keep_personal.then(|| faceki_message(&error)).flatten();
    let code = error.response_code();
    let unknown = || Verdict::Settled {
        settlement: Settlement {
            state: State::Unknown,
            request_id: error.request_id().map(str::to_owned),
            code: code.map(ResponseCode::code),
            code_name: code.and_then(ResponseCode::name).map(str::to_owned),
            error: Some(text.clone()),
            personal: personal.clone(),
            ..Settlement::default()
        },
        billed: true,
    };
    let failed = |billed: bool| Verdict::Settled {
        settlement: Settlement {
            state: State::Failed,
            request_id: error.request_id().map(str::to_owned),
            code: code.map(ResponseCode::code),
            code_name: code.and_then(ResponseCode::name).map(str::to_owned),
            error: Some(text.clone()),
            personal: personal.clone(),
            ..Settlement::default()
        },
        billed,
    };
    match error.delivery() {
        Delivery::MaybeProcessed => unknown(),
        // A success answer whose payload did not fit the model: verified and billed,
        // but its result could not be read. `unknown`, so that the next start's lookup
        // by record identifier records it as `done` (never `failed`: nothing to fix).
        Delivery::Processed if error.is_decode() => unknown(),
        Delivery::Processed => failed(true),
        Delivery::Rejected if error.is_auth() => Verdict::Fatal {
            error: text.clone(),
            reason: StopReason::Unauthorized { error: text },
        },
        Delivery::Rejected if error.http_status() == Some(429) => {
            Verdict::RateLimited { error: text }
        }
        Delivery::Rejected => match code.map(ResponseCode::category) {
            Some(Category::QuotaBilling) => Verdict::Fatal {
                error: text.clone(),
                reason: StopReason::OutOfCredit { error: text },
            },
            Some(Category::Request | Category::Link) => failed(false),
            _ if error.http_status() == Some(413) => failed(false),
            _ => Verdict::Requeue {
                error: text,
                unreachable: true,
            },
        },
        // Not sent (and anything newer the SDK may report).
        _ if error.is_invalid_input() => failed(false),
        _ if error.is_config() => Verdict::Fatal {
            error: text.clone(),
            reason: StopReason::Misconfigured { error: text },
        },
        _ if error.is_auth() && !error.is_transport() => Verdict::Fatal {
            error: text.clone(),
            reason: StopReason::Unauthorized { error: text },
        },
        _ => Verdict::Requeue {
            error: text,
            unreachable: true,
        },
    }
}

fn done(outcome: &VerificationOutcome, keep_personal: bool) -> Verdict {
    Verdict::Settled {
        settlement: Settlement {
            state: State::Done,
            request_id: outcome.request_id.clone(),
            decision: outcome.decision.as_ref().map(|d| d.as_str().to_owned()),
            reconciled: outcome.reconciled,
            personal: keep_personal
                .then(|| serde_json::to_string(outcome).ok())
                .flatten(),
            ..Settlement::default()
        },
        billed: true,
    }
}

/// The error's text for the journal, the logs and the stop reasons: for an answer
/// from Faceki, the code's name, number and description, never Faceki's own message
/// (it may quote the person's data: see [`faceki_message`]); otherwise the SDK's
/// message, which never holds a body or a secret. What the SDK's lookup by record
/// identifier found is told in a sentence of this crate's (a failed lookup's reason
/// may quote another answer of Faceki's).
pub(crate) fn error_text(error: &Error) -> String {
    let mut text = match error.api_error() {
        Some(api) => {
            let code = api.code();
            let mut text = format!(
                "{} ({}): {}",
                code.name().unwrap_or("UNKNOWN_CODE"),
                code.code(),
                code.description()
            );
            if let Some(status) = error.http_status().filter(|s| *s != 200) {
                text.push_str(&format!(" (HTTP {status})"));
            }
            text
        }
        None => {
            let full = error.to_string();
            match error.lookup() {
                Some(lookup) => full
                    .strip_suffix(&format!("; {lookup}"))
                    .map_or_else(|| full.clone(), str::to_owned),
                None => full,
            }
        }
    };
    if let Some(lookup) = error.lookup() {
        text.push_str("; ");
        text.push_str(&lookup_text(lookup));
    }
    text
}

/// What a lookup by record identifier found, without any text of Faceki's.
pub(crate) fn lookup_text(lookup: &Lookup) -> String {
    match lookup {
        Lookup::Failed(_) => "the lookup by record identifier failed".to_owned(),
        other => other.to_string(),
    }
}

/// Faceki's own message, as the JSON kept with the personal data
/// (`{"faceki_message": ...}`); `None` when Faceki sent none.
pub(crate) fn faceki_message(error: &Error) -> Option<String> {
    let message = error.api_error()?.message()?;
    serde_json::to_string(&serde_json::json!({ "faceki_message": message })).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_lookup_is_told_without_its_reason() {
        let text = lookup_text(&Lookup::Failed(
            "records: NOT_FOUND (404); Faceki said: no record for JANE DOE".to_owned(),
        ));
        assert_eq!(text, "the lookup by record identifier failed");
        assert!(lookup_text(&Lookup::NotFound).contains("not found"));
    }
}
