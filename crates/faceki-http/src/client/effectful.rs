//! Calls with an effect (links, verifications, face searches): the resend rule and
//! reconciliation.
//!
//! - A call with an effect is sent again only when its verdict is
//!   [`Delivery::NotSent`] (the engine's connect retries) or it was refused with
//!   HTTP 401 (an authentication layer answered before any processing) to a call
//!   that sends a token, which is then fresh. Never on body code 1 under HTTP 200,
//!   never on 403, never past the retry policy's attempts or the retry budget, never
//!   when retries are disabled; at most once.
//! - A billed call that carries a record identifier (V3 verifications) is first
//!   looked up by it, with a fresh token, when it was refused with 401 or ended
//!   [`Delivery::MaybeProcessed`]: a record created since the call started is
//!   returned as the call's result instead of sending again. Not found: one resend
//!   after a 401, otherwise the error, saying what the lookup found.

use std::time::SystemTime;

use faceki_types::Effect;
use faceki_types::delivery::Delivery;
use serde::de::DeserializeOwned;

use super::Client;
use super::execute::{Answer, Call};
use super::reconcile::{RECONCILE_CLOCK_SKEW, VerificationLookup};
use crate::error::{Error, Lookup};

impl Client {
    /// Sends a call with an effect, reads its answer with `read`, and applies the
    /// resend rule and, when `identifier` is given, reconciliation. The flag is `true`
    /// when the value is the record found by the lookup, not the call's own answer.
    pub(crate) async fn send_effectful<T, R>(
        &self,
        call: &Call,
        span: &tracing::Span,
        identifier: Option<&str>,
        read: R,
    ) -> Result<(T, bool), Error>
    where
        T: DeserializeOwned,
        R: Fn(&Answer) -> Result<T, Error>,
    {
        let started = SystemTime::now();
        let engine = &self.inner.engine;
        let mut first_attempt = 1;
        let mut resent = false;
        loop {
            let (error, attempt) = match self.execute(call, span, first_attempt).await {
                Ok(answer) => match read(&answer) {
                    Ok(value) => return Ok((value, false)),
                    Err(error) => (error, answer.attempt),
                },
                Err(error) => {
                    let attempt = error.attempts().unwrap_or(first_attempt);
                    (error, attempt)
                }
            };
            let verdict = error.delivery();
            let refused_401 = verdict == Delivery::Rejected && error.http_status() == Some(401);
            // A fresh token is the only thing a resend after a 401 changes: calls that
            // carry none (the link flow) are never resent. The budget is drawn only
            // when the resend really happens.
            let resend_allowed = refused_401
                && call.endpoint.requires_auth()
                && !resent
                && attempt < engine.retry.max_attempts();
            let reconcile = identifier.filter(|_| {
                call.endpoint.effect() == Effect::Billed
                    && (refused_401 || verdict == Delivery::MaybeProcessed)
            });
            if let Some(identifier) = reconcile {
                let since = started.checked_sub(RECONCILE_CLOCK_SKEW).unwrap_or(started);
                match self.find_verification(identifier, since).await {
                    Ok(VerificationLookup::Found(record)) => {
                        tracing::info!(
                            endpoint = call.endpoint.name(),
                            "faceki call reconciled: its record was found by record identifier"
                        );
                        return from_record(*record)
                            .map(|value| (value, true))
                            .map_err(|_| error.with_lookup_result(Lookup::FoundUnreadable));
                    }
                    Ok(VerificationLookup::NotFound) if resend_allowed => {}
                    Ok(VerificationLookup::NotFound) => {
                        return Err(error.with_lookup_result(Lookup::NotFound));
                    }
                    Ok(_) => return Err(error.with_lookup_result(Lookup::Ambiguous)),
                    Err(lookup) => {
                        return Err(error.with_lookup_result(Lookup::Failed(lookup.to_string())));
                    }
                }
            }
            if !(resend_allowed && engine.budget.try_withdraw()) {
                return Err(error);
            }
            tracing::debug!(
                endpoint = call.endpoint.name(),
                "faceki call refused with HTTP 401: sending once more with a fresh token"
            );
            resent = true;
            first_attempt = attempt + 1;
        }
    }
}

/// The found record, read as the call's result type.
fn from_record<T: DeserializeOwned>(
    record: faceki_types::model::KycRecord,
) -> Result<T, &'static str> {
    let value = serde_json::to_value(record)
        .map_err(|_| "the record found cannot be read as this call's result")?;
    serde_json::from_value(value)
        .map_err(|_| "the record found cannot be read as this call's result")
}
