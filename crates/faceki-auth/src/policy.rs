//! [`RefreshPolicy`]: when the cache refreshes, and what it assumes about lifetimes.
//!
//! All the arithmetic is here, in pure functions, so it can be tested (and documented
//! in `docs/auth.md`) on its own.

use std::time::Duration;

/// When [`CachingTokenProvider`](crate::CachingTokenProvider) refreshes its token.
///
/// | Setting | Default | Meaning |
/// |---|---|---|
/// | [`max_margin`](Self::max_margin) | 5 min | refresh this long before expiry at most … |
/// | [`margin_percent`](Self::margin_percent) | 10 % | … and at most this share of the lifetime |
/// | [`jitter_percent`](Self::jitter_percent) | 20 % of the margin | refresh up to this much earlier still, at random |
/// | [`fallback_lifetime`](Self::fallback_lifetime) | 300 s | lifetime assumed when `expires_in` is missing or 0 |
/// | [`max_lifetime`](Self::max_lifetime) | 24 h | longer `expires_in` values are clamped to this |
/// | [`min_backoff`](Self::min_backoff) / [`max_backoff`](Self::max_backoff) | 1 s / 30 s | wait after a failed refresh, doubling |
/// | [`fetch_timeout`](Self::fetch_timeout) | 30 s | limit on one token call |
///
/// ```
/// use std::time::Duration;
/// use faceki_auth::RefreshPolicy;
///
/// let policy = RefreshPolicy::default().with_jitter_percent(0);
/// let lifetime = policy.lifetime(Some(3600));
/// assert_eq!(lifetime, Duration::from_secs(3600));
/// assert_eq!(policy.margin(lifetime), Duration::from_secs(300));
/// assert_eq!(policy.lifetime(None), Duration::from_secs(300));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RefreshPolicy {
    /// The largest refresh margin (default 5 minutes).
    pub max_margin: Duration,
    /// The refresh margin as a share of the lifetime, in percent (default 10, at most
    /// 50). The margin is the smaller of this and [`max_margin`](Self::max_margin).
    pub margin_percent: u32,
    /// Random extra margin, in percent of the margin (default 20, at most 100), so
    /// that many processes started together do not refresh together. 0 disables it.
    pub jitter_percent: u32,
    /// The lifetime assumed when `expires_in` is missing or 0 (default 300 s: the
    /// documentation says both "5 minutes" and "3600 seconds"; the shorter reading is
    /// the safe one).
    pub fallback_lifetime: Duration,
    /// The longest lifetime believed; larger `expires_in` values are clamped to it
    /// (default 24 h).
    pub max_lifetime: Duration,
    /// The first wait after a failed refresh, while the old token is still served
    /// (default 1 s); it doubles with each further failure.
    pub min_backoff: Duration,
    /// The longest wait after failed refreshes (default 30 s).
    pub max_backoff: Duration,
    /// The limit on one token call, separate from request timeouts (default 30 s).
    pub fetch_timeout: Duration,
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        Self {
            max_margin: Duration::from_secs(5 * 60),
            margin_percent: 10,
            jitter_percent: 20,
            fallback_lifetime: Duration::from_secs(300),
            max_lifetime: Duration::from_secs(24 * 60 * 60),
            min_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(30),
            fetch_timeout: Duration::from_secs(30),
        }
    }
}

impl RefreshPolicy {
    /// Sets [`max_margin`](Self::max_margin).
    pub fn with_max_margin(mut self, margin: Duration) -> Self {
        self.max_margin = margin;
        self
    }

    /// Sets [`margin_percent`](Self::margin_percent) (clamped to 50).
    pub fn with_margin_percent(mut self, percent: u32) -> Self {
        self.margin_percent = percent.min(50);
        self
    }

    /// Sets [`jitter_percent`](Self::jitter_percent) (clamped to 100); 0 disables
    /// jitter.
    pub fn with_jitter_percent(mut self, percent: u32) -> Self {
        self.jitter_percent = percent.min(100);
        self
    }

    /// Sets [`fallback_lifetime`](Self::fallback_lifetime) (at least 1 s).
    pub fn with_fallback_lifetime(mut self, lifetime: Duration) -> Self {
        self.fallback_lifetime = lifetime.max(Duration::from_secs(1));
        self
    }

    /// Sets [`max_lifetime`](Self::max_lifetime) (at least 1 s).
    pub fn with_max_lifetime(mut self, lifetime: Duration) -> Self {
        self.max_lifetime = lifetime.max(Duration::from_secs(1));
        self
    }

    /// Sets the back-off after failed refreshes: `min` first, doubling up to `max`.
    pub fn with_backoff(mut self, min: Duration, max: Duration) -> Self {
        self.min_backoff = min;
        self.max_backoff = max.max(min);
        self
    }

    /// Sets [`fetch_timeout`](Self::fetch_timeout).
    pub fn with_fetch_timeout(mut self, timeout: Duration) -> Self {
        self.fetch_timeout = timeout;
        self
    }

    /// The lifetime to assume for a token whose response said `expires_in`: the
    /// fallback for `None` or 0, clamped to [`max_lifetime`](Self::max_lifetime).
    pub fn lifetime(&self, expires_in: Option<u64>) -> Duration {
        match expires_in {
            None | Some(0) => self.fallback_lifetime.min(self.max_lifetime),
            Some(secs) => Duration::from_secs(secs).min(self.max_lifetime),
        }
    }

    /// How long before expiry a token of this lifetime is refreshed, without jitter.
    pub fn margin(&self, lifetime: Duration) -> Duration {
        let share = lifetime.mul_f64(f64::from(self.margin_percent.min(50)) / 100.0);
        share.min(self.max_margin)
    }

    /// The largest random extra margin for this margin.
    pub fn max_jitter(&self, margin: Duration) -> Duration {
        margin.mul_f64(f64::from(self.jitter_percent.min(100)) / 100.0)
    }

    /// How long before expiry a token stops being served when refreshing it fails:
    /// half the margin. A token closer to expiry than this is never handed out.
    pub fn floor(&self, margin: Duration) -> Duration {
        margin / 2
    }

    /// The wait after the `failures`-th consecutive failed refresh (1-based).
    pub fn backoff(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(31);
        self.min_backoff
            .saturating_mul(1u32 << doublings)
            .min(self.max_backoff)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const H: u64 = 3600;

    #[test]
    fn lifetime_fallback_and_clamp() {
        let p = RefreshPolicy::default();
        assert_eq!(p.lifetime(Some(H)), Duration::from_secs(H));
        assert_eq!(p.lifetime(None), Duration::from_secs(300));
        assert_eq!(p.lifetime(Some(0)), Duration::from_secs(300));
        assert_eq!(p.lifetime(Some(u64::MAX)), Duration::from_secs(24 * H));
        assert_eq!(p.lifetime(Some(24 * H + 1)), Duration::from_secs(24 * H));
        assert_eq!(p.lifetime(Some(1)), Duration::from_secs(1));
    }

    #[test]
    fn margin_is_the_smaller_of_five_minutes_and_ten_percent() {
        let p = RefreshPolicy::default();
        assert_eq!(p.margin(Duration::from_secs(H)), Duration::from_secs(300));
        assert_eq!(p.margin(Duration::from_secs(300)), Duration::from_secs(30));
        assert_eq!(
            p.margin(Duration::from_secs(24 * H)),
            Duration::from_secs(300)
        );
        assert_eq!(
            p.max_jitter(Duration::from_secs(300)),
            Duration::from_secs(60)
        );
        assert_eq!(p.floor(Duration::from_secs(300)), Duration::from_secs(150));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let p = RefreshPolicy::default();
        let waits: Vec<u64> = (1..=8).map(|n| p.backoff(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(p.backoff(u32::MAX), Duration::from_secs(30));
    }

    #[test]
    fn setters_clamp() {
        let p = RefreshPolicy::default()
            .with_margin_percent(90)
            .with_jitter_percent(500)
            .with_backoff(Duration::from_secs(5), Duration::from_secs(1));
        assert_eq!(p.margin_percent, 50);
        assert_eq!(p.jitter_percent, 100);
        assert_eq!(p.max_backoff, Duration::from_secs(5));
    }
}
