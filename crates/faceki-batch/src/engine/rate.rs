//! [`Rate`]: a limit on billed calls per second across the whole batch, enforced by a
//! token bucket (GCRA: each send reserves the next slot; `burst` slots may be used at
//! once after a pause).

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::engine::stop::StopHandle;

/// Billed calls per second, with an optional burst.
///
/// ```
/// use faceki_batch::Rate;
///
/// let rate: Rate = "20/s".parse().unwrap();
/// assert_eq!(rate.per_second(), 20.0);
/// assert_eq!("600/min".parse::<Rate>().unwrap().per_second(), 10.0);
/// assert!("0".parse::<Rate>().is_err());
/// assert!("1/day".parse::<Rate>().is_ok());
/// assert!("1e-20".parse::<Rate>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    per_second: f64,
    burst: u32,
}

impl Rate {
    /// The most calls accepted per second (the fastest rate that is meaningful).
    pub const MAX_PER_SECOND: f64 = 100_000.0;

    /// The fewest calls accepted per second: one a day. A slower rate would space
    /// calls further apart than a run can sensibly wait.
    pub const MIN_PER_SECOND: f64 = 1.0 / 86_400.0;

    /// `per_second` calls per second, evenly spaced (a burst of 1); `None` unless it
    /// is finite and between [`Rate::MIN_PER_SECOND`] (one a day) and
    /// [`Rate::MAX_PER_SECOND`].
    ///
    /// ```
    /// use faceki_batch::Rate;
    ///
    /// assert!(Rate::new(1e-20).is_none());
    /// assert!(Rate::new(1.0 / 86_400.0).is_some());
    /// ```
    pub fn new(per_second: f64) -> Option<Self> {
        (Self::MIN_PER_SECOND..=Self::MAX_PER_SECOND)
            .contains(&per_second)
            .then_some(Self {
                per_second,
                burst: 1,
            })
    }

    /// Lets `burst` calls go at once after a quiet spell (at least 1).
    pub fn burst(mut self, burst: u32) -> Self {
        self.burst = burst.max(1);
        self
    }

    /// Calls per second.
    pub fn per_second(&self) -> f64 {
        self.per_second
    }

    /// The burst.
    pub fn burst_size(&self) -> u32 {
        self.burst
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/s", self.per_second)
    }
}

/// Why a rate could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a rate: write calls per second (`20`, `20/s`), or per minute or hour (`600/min`, `1000/h`, `24/day`), from 1/day to 100000/s"
)]
pub struct InvalidRate(String);

impl FromStr for Rate {
    type Err = InvalidRate;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidRate(text.to_owned());
        let (number, unit) = match text.trim().split_once('/') {
            Some((n, u)) => (n.trim(), u.trim()),
            None => (text.trim(), "s"),
        };
        let value: f64 = number.parse().map_err(|_| invalid())?;
        let seconds = match unit {
            "s" | "sec" | "second" => 1.0,
            "m" | "min" | "minute" => 60.0,
            "h" | "hour" => 3600.0,
            "d" | "day" => 86_400.0,
            _ => return Err(invalid()),
        };
        Rate::new(value / seconds).ok_or_else(invalid)
    }
}

/// The bucket shared by a run's tasks.
#[derive(Debug)]
pub(crate) struct Limiter {
    interval: Duration,
    tolerance: Duration,
    /// The theoretical arrival time of the next call.
    next: Mutex<Option<Instant>>,
}

impl Limiter {
    pub(crate) fn new(rate: Rate) -> Self {
        // `Rate::new` keeps the rate within bounds; the fallback only guards a value
        // that slipped past them.
        let interval = Duration::try_from_secs_f64(1.0 / rate.per_second)
            .unwrap_or(Duration::from_secs(86_400));
        Self {
            interval,
            tolerance: interval.saturating_mul(rate.burst.saturating_sub(1)),
            next: Mutex::new(None),
        }
    }

    /// Waits for this call's slot; `false` if the run stops first.
    pub(crate) async fn acquire(&self, stop: &StopHandle) -> bool {
        let at = {
            let mut next = self
                .next
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = Instant::now();
            let slot = next.map_or(now, |t| t.max(now));
            *next = Some(slot.checked_add(self.interval).unwrap_or(slot));
            slot.checked_sub(self.tolerance).map_or(now, |t| t.max(now))
        };
        if at > Instant::now() {
            tokio::select! {
                () = tokio::time::sleep_until(at) => {}
                () = stop.stopping() => return false,
            }
        }
        !stop.is_stopping()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_tiny_rate_is_refused_naming_its_value() {
        assert!(Rate::new(1e-20).is_none());
        assert!(Rate::new(Rate::MIN_PER_SECOND / 2.0).is_none());
        let error = "1e-20".parse::<Rate>().unwrap_err();
        assert!(error.to_string().contains("`1e-20`"), "{error}");
        assert!("1e-20/h".parse::<Rate>().is_err());
        assert!("1/day".parse::<Rate>().is_ok());
    }

    #[tokio::test]
    async fn the_slowest_rate_with_the_largest_burst_does_not_overflow() {
        let rate = Rate::new(Rate::MIN_PER_SECOND).unwrap().burst(u32::MAX);
        let limiter = Limiter::new(rate);
        assert_eq!(limiter.interval, Duration::from_secs(86_400));
        let stop = StopHandle::new();
        assert!(limiter.acquire(&stop).await);
        assert!(limiter.acquire(&stop).await);
    }
}
