//! The delivery verdict: after a call failed, may it have had its effect?
//!
//! One pure function, [`delivery`], decides it from two facts: what the endpoint does
//! ([`Effect`]) and what happened on the wire ([`Wire`]). Every client error reports
//! its verdict through it, so the table in `docs/reliability.md` ("Delivery verdicts")
//! and the code cannot drift apart: the table's rows are the tests of this module.
//!
//! ```
//! use faceki_types::delivery::{Delivery, Wire, delivery};
//! use faceki_types::{Effect, ResponseCode};
//!
//! // A gateway's HTML 502 on a verification: the origin may still be working on it.
//! let verdict = delivery(Effect::Billed, Wire::Foreign { status: 502 });
//! assert_eq!(verdict, Delivery::MaybeProcessed);
//! // HTTP 401 with Faceki's unauthorised answer: refused before processing.
//! let refused = Wire::Faceki { status: 401, code: ResponseCode::from_code(1) };
//! assert_eq!(delivery(Effect::Billed, refused), Delivery::Rejected);
//! ```

use std::fmt;

use crate::endpoint::Effect;
use crate::response_code::{Category, ResponseCode};

/// Whether a failed call may have been processed by Faceki.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Delivery {
    /// Nothing reached Faceki: invalid input, configuration, no token, or the
    /// connection could not be made. Sending again is safe.
    NotSent,
    /// It reached Faceki (or a gateway in front of it), which refused it before
    /// processing: an authentication layer (HTTP 401/403), a rate limiter (429), a
    /// request or account refusal (bad fields, no credit, an expired link). Nothing
    /// was recorded or billed.
    Rejected,
    /// It may have been processed, and no answer says how: a timeout or reset after
    /// the request left, a truncated answer, a gateway error or a page that is not
    /// Faceki's on a call with an effect, a server error code. For a billed call, look
    /// the record up before sending again.
    MaybeProcessed,
    /// Faceki answered with a code: the call was processed, and the code says how it
    /// ended (a verification that failed on the selfie is processed, and billed).
    Processed,
}

impl Delivery {
    /// A stable snake-case name (`not_sent`, `rejected`, `maybe_processed`,
    /// `processed`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Delivery::NotSent => "not_sent",
            Delivery::Rejected => "rejected",
            Delivery::MaybeProcessed => "maybe_processed",
            Delivery::Processed => "processed",
        }
    }
}

impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened on the wire, as far as the verdict is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Wire {
    /// Nothing left the client: the input or the configuration was refused, no token
    /// could be had, or the connection could not be made.
    NotSent,
    /// The request (or part of it) left, and no complete answer came back: a timeout
    /// after connecting, a reset, a truncated transfer, an answer over the size limit.
    AnswerLost,
    /// An answer without a Faceki envelope (an HTML page, an empty body, unreadable
    /// or cut-off JSON, a redirect) under this HTTP status.
    Foreign {
        /// The HTTP status.
        status: u16,
    },
    /// A Faceki envelope with a body code under this HTTP status.
    Faceki {
        /// The HTTP status.
        status: u16,
        /// The body code.
        code: ResponseCode,
    },
}

impl Wire {
    /// The HTTP status, when an answer arrived.
    pub const fn http_status(self) -> Option<u16> {
        match self {
            Wire::Foreign { status } | Wire::Faceki { status, .. } => Some(status),
            Wire::NotSent | Wire::AnswerLost => None,
        }
    }
}

/// The verdict for a call with this effect that ended this way on the wire.
///
/// The rules, in order (the table in `docs/reliability.md` spells out every cell):
///
/// 1. nothing sent → [`Delivery::NotSent`];
/// 2. the answer was lost → [`Delivery::MaybeProcessed`];
/// 3. any answer under HTTP 401, 403 or 429, and any other 4xx without a Faceki
///    envelope → [`Delivery::Rejected`] (authentication layers, rate limiters and
///    proxies refuse before the application runs);
/// 4. a redirect (3xx; never followed) → `Rejected` for a read, `MaybeProcessed` for a
///    call with an effect (a `303 See Other` after a `POST` means "done, look there");
/// 5. any other answer without a Faceki envelope (a gateway's 5xx, an HTML page
///    under 200, unreadable JSON) → `MaybeProcessed`;
/// 6. a Faceki code: a request, link or account refusal → `Rejected`; code 1
///    (`UNAUTHORIZED`) under a status other than 401/403 → `Rejected` for a read,
///    `MaybeProcessed` for a call with an effect (it came from application code,
///    where processing may have begun); a server error or an unknown code →
///    `MaybeProcessed` for a call with an effect, `Processed` for a read; anything
///    else (success, a selfie or document verdict) → `Processed`.
pub const fn delivery(effect: Effect, wire: Wire) -> Delivery {
    let acts = effect.has_effect();
    match wire {
        Wire::NotSent => Delivery::NotSent,
        Wire::AnswerLost => Delivery::MaybeProcessed,
        Wire::Foreign { status } | Wire::Faceki { status, .. }
            if matches!(status, 401 | 403 | 429) =>
        {
            Delivery::Rejected
        }
        Wire::Foreign { status } if status >= 400 && status < 500 => Delivery::Rejected,
        Wire::Foreign { status } if status >= 300 && status < 400 && !acts => Delivery::Rejected,
        Wire::Foreign { .. } => Delivery::MaybeProcessed,
        Wire::Faceki { code, .. } => match code.category() {
            Category::Request | Category::Link | Category::QuotaBilling => Delivery::Rejected,
            Category::Auth if !acts => Delivery::Rejected,
            Category::Auth | Category::Server | Category::Unknown if acts => {
                Delivery::MaybeProcessed
            }
            _ => Delivery::Processed,
        },
    }
}

#[cfg(test)]
mod tests;
