//! The budget guard (`max_billed`): at most N calls that may be billed. A send takes
//! a unit before it leaves; a call that turned out not to be billed (nothing sent, or
//! refused before processing) gives it back, so exactly N billed calls are made when
//! there are enough rows.

use std::sync::{Mutex, PoisonError};

use tokio::sync::Notify;

use crate::engine::stop::StopHandle;

#[derive(Debug)]
struct Units {
    /// Units left to take; `None`: no limit.
    remaining: Option<u64>,
    /// Units taken by sends whose outcome is not known yet.
    outstanding: u64,
    /// Calls that were (or may have been) billed.
    billed: u64,
}

/// The budget shared by a run's tasks.
#[derive(Debug)]
pub(crate) struct Budget {
    units: Mutex<Units>,
    changed: Notify,
}

impl Budget {
    pub(crate) fn new(max_billed: Option<u64>) -> Self {
        Self {
            units: Mutex::new(Units {
                remaining: max_billed,
                outstanding: 0,
                billed: 0,
            }),
            changed: Notify::new(),
        }
    }

    fn units(&self) -> std::sync::MutexGuard<'_, Units> {
        self.units.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Takes a unit, waiting while every unit is held by a send in flight (one may
    /// come back); `false` once the budget is spent or the run stops.
    pub(crate) async fn take(&self, stop: &StopHandle) -> bool {
        self.wait(stop, true).await
    }

    /// Waits until a unit could be taken (without taking it); `false` once the
    /// budget is spent or the run stops.
    pub(crate) async fn available(&self, stop: &StopHandle) -> bool {
        self.wait(stop, false).await
    }

    async fn wait(&self, stop: &StopHandle, take: bool) -> bool {
        loop {
            let changed = self.changed.notified();
            {
                let mut units = self.units();
                match units.remaining {
                    None => {
                        if take {
                            units.outstanding += 1;
                        }
                        return true;
                    }
                    Some(0) if units.outstanding == 0 => return false,
                    Some(0) => {}
                    Some(n) => {
                        if take {
                            units.remaining = Some(n - 1);
                            units.outstanding += 1;
                        }
                        return true;
                    }
                }
            }
            tokio::select! {
                () = changed => {}
                () = stop.stopping() => return false,
            }
        }
    }

    /// The outcome of a send that took a unit: billed (or maybe), or given back.
    pub(crate) fn settle(&self, billed: bool) {
        {
            let mut units = self.units();
            units.outstanding = units.outstanding.saturating_sub(1);
            if billed {
                units.billed += 1;
            } else if let Some(n) = units.remaining {
                units.remaining = Some(n + 1);
            }
        }
        self.changed.notify_waiters();
    }

    /// Whether every unit is spent on calls that were billed.
    pub(crate) fn is_spent(&self) -> bool {
        let units = self.units();
        units.remaining == Some(0) && units.outstanding == 0
    }

    /// Calls billed (or maybe billed) so far.
    pub(crate) fn billed(&self) -> u64 {
        self.units().billed
    }
}
