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
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    per_second: f64,
    burst: u32,
}

impl Rate {
    /// The most calls accepted per second (the fastest rate that is meaningful).
    pub const MAX_PER_SECOND: f64 = 100_000.0;

    /// `per_second` calls per second, evenly spaced (a burst of 1); `None` unless it
    /// is positive, finite and at most [`Rate::MAX_PER_SECOND`].
    pub fn new(per_second: f64) -> Option<Self> {
        (per_second.is_finite() && per_second > 0.0 && per_second <= Self::MAX_PER_SECOND)
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
    "`{0}` is not a rate: write calls per second (`20`, `20/s`), or per minute or hour (`600/min`, `1000/h`), more than 0"
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
        let interval = Duration::from_secs_f64(1.0 / rate.per_second);
        Self {
            interval,
            tolerance: interval * (rate.burst - 1),
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
            *next = Some(slot + self.interval);
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
