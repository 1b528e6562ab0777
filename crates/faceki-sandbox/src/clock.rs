//! [`Clock`]: the sandbox's notion of "now", which tests can move forward.
//!
//! Token and link expiry read this clock, so a test can advance it instead of sleeping.
//! Timestamps written into bodies (`createdAt`, `updatedAt`) are the real wall clock
//! at the time of writing plus the same advances, so a client comparing them with
//! `SystemTime::now()` sees plausible values.

use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::lock;

/// Real monotonic time plus an offset that only grows.
#[derive(Debug)]
pub(crate) struct Clock {
    start: Instant,
    offset: Mutex<Duration>,
}

impl Clock {
    pub(crate) fn new() -> Self {
        Clock {
            start: Instant::now(),
            offset: Mutex::new(Duration::ZERO),
        }
    }

    /// Time elapsed since the sandbox started, advances included.
    pub(crate) fn now(&self) -> Duration {
        self.start.elapsed() + *lock(&self.offset)
    }

    /// Moves the clock forward.
    pub(crate) fn advance(&self, by: Duration) {
        *lock(&self.offset) += by;
    }

    /// The wall clock now, advances included, as an ISO-8601 (RFC 3339) UTC timestamp
    /// with milliseconds, like the API's `createdAt`.
    pub(crate) fn iso_now(&self) -> String {
        let wall = SystemTime::now() + *lock(&self.offset);
        iso8601(wall.duration_since(UNIX_EPOCH).unwrap_or_default())
    }
}

/// Formats a time since the Unix epoch as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
pub(crate) fn iso8601(since_epoch: Duration) -> String {
    let secs = since_epoch.as_secs();
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60,
        since_epoch.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(iso8601(Duration::ZERO), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            iso8601(Duration::from_millis(1_686_206_621_354)),
            "2023-06-08T06:43:41.354Z"
        );
        assert_eq!(
            iso8601(Duration::from_secs(951_782_400)),
            "2000-02-29T00:00:00.000Z"
        );
    }

    #[test]
    fn advancing_moves_now() {
        let c = Clock::new();
        let before = c.now();
        c.advance(Duration::from_secs(3_600));
        assert!(c.now() >= before + Duration::from_secs(3_600));
    }

    #[test]
    fn iso_now_is_the_wall_clock_plus_advances() {
        let c = Clock::new();
        // Same-format timestamps compare as strings.
        let between = |ahead: Duration| {
            let stamp = || {
                iso8601(
                    (SystemTime::now() + ahead)
                        .duration_since(UNIX_EPOCH)
                        .unwrap(),
                )
            };
            let (lo, got, hi) = (stamp(), c.iso_now(), stamp());
            assert!(lo <= got && got <= hi, "{lo} {got} {hi}");
        };
        between(Duration::ZERO);
        c.advance(Duration::from_secs(86_400));
        between(Duration::from_secs(86_400));
    }
}
