//! The blocking client's runtime: one tokio worker thread shared by a client's clones,
//! and the bridge that runs one async call on it while the calling thread waits.
//!
//! A call is spawned on the runtime (not run with `block_on`, which panics on a thread
//! that is inside another runtime) and its result comes back on a one-slot channel.
//! The caller's tracing span and subscriber go with it. A panic in the call is caught
//! on the runtime thread and resumed on the caller's. If the runtime drops the call
//! before it finishes, the caller gets an error whose delivery verdict is honest:
//! never started means nothing was sent; stopped half way means it may have been.

use std::any::Any;
use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, SyncSender};

use faceki_types::Endpoint;
use futures_util::FutureExt;
use tokio::runtime::Handle;
use tracing::Instrument;
use tracing::instrument::WithSubscriber;

use crate::error::Error;
use crate::transport::TransportError;

/// The name of the runtime's threads.
pub(super) const THREAD_NAME: &str = "faceki-blocking";

/// Distinguishes runtimes, so a call made from inside one of a runtime's own calls is
/// recognised.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// The runtime whose call this thread is running right now (0: none).
    static RUNNING: Cell<u64> = const { Cell::new(0) };
}

/// A one-worker multi-thread runtime, shut down in the background when dropped
/// (dropping a runtime inside an async context would panic otherwise).
pub(super) struct Runtime {
    runtime: Option<tokio::runtime::Runtime>,
    bridge: Bridge,
}

impl Runtime {
    /// Starts the runtime thread.
    pub(super) fn start() -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name(THREAD_NAME)
            .enable_all()
            .build()
            .map_err(|e| {
                Error::config(format!(
                    "cannot start the blocking client's runtime thread: {e}"
                ))
            })?;
        let bridge = Bridge::new(runtime.handle().clone());
        Ok(Self {
            runtime: Some(runtime),
            bridge,
        })
    }

    /// Runs `call` on the runtime and waits for its result (see [`Bridge::run`]).
    pub(super) fn run<T, F>(&self, endpoint: Endpoint, call: F) -> Result<T, Error>
    where
        F: Future<Output = Result<T, Error>> + Send + 'static,
        T: Send + 'static,
    {
        self.bridge.run(endpoint, call)
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// Spawns calls on a runtime and waits for them on the calling thread.
#[derive(Clone)]
pub(super) struct Bridge {
    handle: Handle,
    id: u64,
}

/// What comes back from the runtime thread.
enum Outcome<T> {
    Done(Result<T, Error>),
    Panicked(Box<dyn Any + Send>),
}

impl Bridge {
    pub(super) fn new(handle: Handle) -> Self {
        Self {
            handle,
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Spawns `call` on the runtime and blocks the calling thread until it finishes.
    pub(super) fn run<T, F>(&self, endpoint: Endpoint, call: F) -> Result<T, Error>
    where
        F: Future<Output = Result<T, Error>> + Send + 'static,
        T: Send + 'static,
    {
        if RUNNING.get() == self.id {
            // The only worker thread would wait for itself.
            return Err(Error::config(
                "the blocking client was called from inside one of its own calls (a transport, \
                 token provider, token store or pre-flight running on its runtime thread)",
            ));
        }
        let id = self.id;
        let call = call
            .instrument(tracing::Span::current())
            .with_current_subscriber();
        let (sender, receiver) = mpsc::sync_channel(1);
        self.handle.spawn(async move {
            // Made on the first poll: a call dropped before it is its sender alone.
            let reply = Reply {
                sender: Some(sender),
                endpoint,
            };
            let mut call = pin!(AssertUnwindSafe(call).catch_unwind());
            let outcome = std::future::poll_fn(|cx| {
                let _running = Running::enter(id);
                call.as_mut().poll(cx)
            })
            .await;
            reply.send(match outcome {
                Ok(result) => Outcome::Done(result),
                Err(panic) => Outcome::Panicked(panic),
            });
        });
        match receiver.recv() {
            Ok(Outcome::Done(result)) => result,
            Ok(Outcome::Panicked(panic)) => std::panic::resume_unwind(panic),
            Err(_) => Err(Error::config(
                "the blocking client's runtime has stopped: the call was not started",
            )),
        }
    }
}

/// Marks the thread as running one of a runtime's calls, until dropped.
struct Running {
    previous: u64,
}

impl Running {
    fn enter(id: u64) -> Self {
        Self {
            previous: RUNNING.replace(id),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        RUNNING.set(self.previous);
    }
}

/// Sends a call's outcome back; dropped unsent (the runtime stopped during the call),
/// it sends an error saying the call may have been sent.
struct Reply<T> {
    sender: Option<SyncSender<Outcome<T>>>,
    endpoint: Endpoint,
}

impl<T> Reply<T> {
    fn send(mut self, outcome: Outcome<T>) {
        if let Some(sender) = self.sender.take() {
            // One message in a one-slot channel: never blocks. The caller may be gone.
            let _ = sender.try_send(outcome);
        }
    }
}

impl<T> Drop for Reply<T> {
    fn drop(&mut self) {
        if let Some(sender) = self.sender.take() {
            let error =
                TransportError::other("the blocking client's runtime stopped during the call");
            let _ = sender.try_send(Outcome::Done(Err(Error::transport(
                self.endpoint,
                error,
                1,
            ))));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use faceki_types::Delivery;

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap()
    }

    #[test]
    fn a_call_returns_its_result() {
        let rt = runtime();
        let bridge = Bridge::new(rt.handle().clone());
        let value = bridge.run(Endpoint::KycRules, async { Ok(7) }).unwrap();
        assert_eq!(value, 7);
        rt.shutdown_background();
    }

    #[test]
    fn a_call_on_a_stopped_runtime_was_not_sent() {
        let rt = runtime();
        let bridge = Bridge::new(rt.handle().clone());
        rt.shutdown_background();
        let err = bridge
            .run(Endpoint::V3Verification, async { Ok(()) })
            .unwrap_err();
        assert!(err.is_config(), "{err}");
        assert_eq!(err.delivery(), Delivery::NotSent);
    }

    #[test]
    fn a_call_stopped_half_way_may_have_been_processed() {
        let rt = runtime();
        let bridge = Bridge::new(rt.handle().clone());
        let (started, is_started) = mpsc::channel();
        let waiter = std::thread::spawn(move || {
            bridge.run(Endpoint::V3Verification, async move {
                let _ = started.send(());
                std::future::pending::<Result<(), Error>>().await
            })
        });
        is_started.recv_timeout(Duration::from_secs(10)).unwrap();
        rt.shutdown_timeout(Duration::from_secs(10));
        let err = waiter.join().unwrap().unwrap_err();
        assert!(err.is_transport(), "{err}");
        assert_eq!(err.endpoint(), Some(Endpoint::V3Verification));
        assert_eq!(err.delivery(), Delivery::MaybeProcessed, "{err}");
    }

    #[test]
    fn a_panic_is_resumed_on_the_calling_thread() {
        let rt = runtime();
        let bridge = Bridge::new(rt.handle().clone());
        let caught = std::panic::catch_unwind(AssertUnwindSafe(|| {
            bridge.run::<(), _>(Endpoint::KycRules, async { panic!("boom in the call") })
        }))
        .unwrap_err();
        assert_eq!(caught.downcast_ref::<&str>(), Some(&"boom in the call"));
        // The runtime survives.
        assert_eq!(bridge.run(Endpoint::KycRules, async { Ok(1) }).unwrap(), 1);
        rt.shutdown_background();
    }

    #[test]
    fn a_call_from_inside_a_call_fails_instead_of_deadlocking() {
        let rt = runtime();
        let bridge = Bridge::new(rt.handle().clone());
        let inner = bridge.clone();
        let nested = bridge
            .run(Endpoint::KycRules, async move {
                Ok(inner.run(Endpoint::KycSummary, async { Ok(()) }))
            })
            .unwrap();
        let err = nested.unwrap_err();
        assert!(err.is_config(), "{err}");
        // Another runtime's call is no such nesting.
        let other_rt = runtime();
        let other = Bridge::new(other_rt.handle().clone());
        let value = bridge
            .run(Endpoint::KycRules, async move {
                Ok(other.run(Endpoint::KycSummary, async { Ok(2) }))
            })
            .unwrap()
            .unwrap();
        assert_eq!(value, 2);
        rt.shutdown_background();
        other_rt.shutdown_background();
    }
}
