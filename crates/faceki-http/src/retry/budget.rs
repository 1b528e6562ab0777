//! [`RetryBudget`]: a token bucket that bounds retries across all clones of a client.

use std::sync::atomic::{AtomicU32, Ordering};

/// A shared allowance for retries.
///
/// Each retry withdraws [`RetryBudget::RETRY_COST`] tokens; each successful call
/// deposits one back, up to the capacity. When the bucket runs dry, failures are
/// returned at once instead of retried — a server that is down is not hammered by
/// every caller's retries.
#[derive(Debug)]
pub struct RetryBudget {
    capacity: u32,
    tokens: AtomicU32,
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self::new(Self::DEFAULT_CAPACITY)
    }
}

impl RetryBudget {
    /// Tokens one retry costs.
    pub const RETRY_COST: u32 = 5;
    /// The default capacity: 20 retries in a row with no success in between.
    pub const DEFAULT_CAPACITY: u32 = 100;

    /// A full bucket of `capacity` tokens.
    pub fn new(capacity: u32) -> Self {
        Self {
            capacity,
            tokens: AtomicU32::new(capacity),
        }
    }

    /// Takes the cost of one retry; `false` (and nothing taken) when too few remain.
    pub fn try_withdraw(&self) -> bool {
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                t.checked_sub(Self::RETRY_COST)
            })
            .is_ok()
    }

    /// Returns one token after a successful call.
    pub fn deposit_success(&self) {
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                (t < self.capacity).then_some(t + 1)
            });
    }

    /// The tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }

    /// The capacity.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_dry_and_refills_up_to_capacity() {
        let budget = RetryBudget::new(12);
        assert!(budget.try_withdraw());
        assert!(budget.try_withdraw());
        assert!(!budget.try_withdraw());
        assert_eq!(budget.available(), 2);
        for _ in 0..20 {
            budget.deposit_success();
        }
        assert_eq!(budget.available(), 12);
    }
}
