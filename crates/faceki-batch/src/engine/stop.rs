//! [`StopHandle`]: asks a run to stop sending new rows (and wait for those in flight),
//! or to abort (leaving the rows in flight `sending`, reconciled at the next start).

use std::sync::Arc;

use tokio::sync::watch;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Running,
    Stopping,
    Aborting,
}

/// Stops a run from another task (a Ctrl-C handler, a deadline). Clones share it.
///
/// ```
/// use faceki_batch::StopHandle;
///
/// let stop = StopHandle::new();
/// let for_ctrl_c = stop.clone();
/// for_ctrl_c.stop(); // no new rows; the ones in flight finish and are recorded
/// assert!(stop.is_stopping() && !stop.is_aborted());
/// stop.abort(); // do not wait for them either
/// assert!(stop.is_aborted());
/// ```
#[derive(Debug, Clone)]
pub struct StopHandle {
    level: Arc<watch::Sender<Level>>,
}

impl Default for StopHandle {
    fn default() -> Self {
        Self::new()
    }
}

impl StopHandle {
    /// A handle that has not been used.
    pub fn new() -> Self {
        let (level, _) = watch::channel(Level::Running);
        Self {
            level: Arc::new(level),
        }
    }

    /// No new row is sent; rows in flight finish and their results are recorded.
    pub fn stop(&self) {
        self.raise(Level::Stopping);
    }

    /// Stop now: rows in flight are abandoned where they are and stay `sending` in
    /// the journal (the next run looks them up before sending anything).
    pub fn abort(&self) {
        self.raise(Level::Aborting);
    }

    /// Whether [`stop`](Self::stop) or [`abort`](Self::abort) was called.
    pub fn is_stopping(&self) -> bool {
        *self.level.borrow() >= Level::Stopping
    }

    /// Whether [`abort`](Self::abort) was called.
    pub fn is_aborted(&self) -> bool {
        *self.level.borrow() >= Level::Aborting
    }

    fn raise(&self, to: Level) {
        self.level.send_if_modified(|level| {
            let raise = *level < to;
            if raise {
                *level = to;
            }
            raise
        });
    }

    /// Resolves once stopping (or aborting).
    pub(crate) async fn stopping(&self) {
        self.reached(Level::Stopping).await;
    }

    /// Resolves once aborting.
    pub(crate) async fn aborted(&self) {
        self.reached(Level::Aborting).await;
    }

    async fn reached(&self, level: Level) {
        let mut rx = self.level.subscribe();
        if rx.wait_for(|l| *l >= level).await.is_err() {
            // The sender lives as long as this handle: unreachable, but never spin.
            std::future::pending::<()>().await;
        }
    }
}
