//! [`RetryPolicy`]: which failed attempts are sent again, and after how long.
//!
//! | What failed | Token fetch and `GET` | Billed or creating `POST` |
//! |---|---|---|
//! | could not connect (provably not sent) | retried | retried |
//! | timeout, connection lost mid-exchange | retried | **not retried** (outcome unknown) |
//! | HTTP 429 (waits `Retry-After`, clamped) | retried | not retried |
//! | HTTP 502, 503, 504 | retried | not retried |
//! | anything else | not retried | not retried |
//!
//! Waits use full-jitter exponential backoff: attempt *n* waits a random time in
//! `[0, min(max_backoff, initial_backoff × 2ⁿ⁻¹)]`. A `Retry-After` header (seconds
//! or an HTTP date) replaces the backoff, clamped to `max_retry_after`. Every retry
//! also takes a token from a [`RetryBudget`] shared by all clones of a client, so a
//! failing server is not hammered by many callers at once. Defaults are in
//! `docs/reliability.md`.

mod budget;
mod retry_after;

pub use budget::RetryBudget;
pub(crate) use retry_after::parse_retry_after;

use std::time::Duration;

use faceki_types::RetryClass;

use crate::transport::TransportError;

/// When and how often to retry. Cheap to clone.
///
/// ```
/// use std::time::Duration;
/// use faceki_http::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .with_max_attempts(5)
///     .with_backoff(Duration::from_millis(100), Duration::from_secs(5));
/// assert_eq!(policy.max_attempts(), 5);
/// assert_eq!(RetryPolicy::disabled().max_attempts(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(30),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries at all: every call is attempted once. A read refused for its token
    /// is still refreshed and sent once more; a call with an effect never is.
    pub fn disabled() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Total attempts per call, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff ceiling and the largest one.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// The longest `Retry-After` honoured; longer values are clamped to it.
    pub fn with_max_retry_after(mut self, max: Duration) -> Self {
        self.max_retry_after = max;
        self
    }

    /// Turns jitter off (waits are then exactly the exponential ceiling): for
    /// deterministic tests.
    pub fn with_jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// Total attempts per call.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The first backoff ceiling.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The largest backoff ceiling.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest `Retry-After` honoured.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// How long to wait before attempt `attempt + 1`, after attempt `attempt`
    /// (1-based) failed, given the server's `Retry-After` if any.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.max_retry_after);
        }
        let exp = attempt.saturating_sub(1).min(30);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1u32 << exp)
            .min(self.max_backoff);
        if self.jitter {
            let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
            Duration::from_nanos(fastrand::u64(0..=nanos))
        } else {
            ceiling
        }
    }
}

/// What an attempt ended with, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Attempt<'a> {
    /// The exchange failed.
    Transport(&'a TransportError),
    /// A response arrived with this HTTP status.
    Status(u16),
}

/// Whether the failed attempt may be sent again, by retry class alone (attempt
/// counts and the budget are checked by the caller).
pub(crate) fn is_retryable(class: RetryClass, attempt: Attempt<'_>) -> bool {
    match (class, attempt) {
        (_, Attempt::Transport(e)) if !e.request_may_have_been_sent() => true,
        (RetryClass::Idempotent, Attempt::Transport(e)) => !e.is_body_too_large(),
        (RetryClass::Idempotent, Attempt::Status(s)) => matches!(s, 429 | 502 | 503 | 504),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::TransportError;

    #[test]
    fn billed_calls_retry_only_unsent_failures() {
        let ni = RetryClass::NotIdempotent;
        let connect = TransportError::connect("refused");
        assert!(is_retryable(ni, Attempt::Transport(&connect)));
        assert!(is_retryable(
            ni,
            Attempt::Transport(&TransportError::connect_timeout())
        ));
        for e in [TransportError::timeout("t"), TransportError::io("reset")] {
            assert!(!is_retryable(ni, Attempt::Transport(&e)), "{e}");
            assert!(is_retryable(RetryClass::Idempotent, Attempt::Transport(&e)));
        }
        for s in [429, 502, 503, 504] {
            assert!(!is_retryable(ni, Attempt::Status(s)));
            assert!(is_retryable(RetryClass::Idempotent, Attempt::Status(s)));
        }
        for s in [200, 400, 401, 404, 500, 501] {
            assert!(
                !is_retryable(RetryClass::Idempotent, Attempt::Status(s)),
                "{s}"
            );
        }
        assert!(!is_retryable(
            RetryClass::Idempotent,
            Attempt::Transport(&TransportError::body_too_large(1))
        ));
    }

    #[test]
    fn backoff_is_exponential_capped_and_jittered_within_bounds() {
        let p = RetryPolicy::default()
            .with_backoff(Duration::from_millis(100), Duration::from_millis(350))
            .with_jitter(false);
        assert_eq!(p.delay(1, None), Duration::from_millis(100));
        assert_eq!(p.delay(2, None), Duration::from_millis(200));
        assert_eq!(p.delay(3, None), Duration::from_millis(350));
        assert_eq!(p.delay(40, None), Duration::from_millis(350));
        let jittered = p.clone().with_jitter(true);
        for attempt in 1..6 {
            for _ in 0..200 {
                assert!(jittered.delay(attempt, None) <= p.delay(attempt, None));
            }
        }
    }

    #[test]
    fn retry_after_is_honoured_and_clamped() {
        let p = RetryPolicy::default().with_max_retry_after(Duration::from_secs(2));
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(1))),
            Duration::from_secs(1)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(100))),
            Duration::from_secs(2)
        );
    }
}
