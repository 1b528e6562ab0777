//! The journal's thread: it owns the one SQLite connection, runs every operation sent
//! to it in order, and commits state transitions in groups: the transitions queued
//! while the previous commit was being made to disk go into the next transaction, so
//! 32 rows in flight cost one `fsync`, not 32. A transition's sender hears back only
//! after its group is committed.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rusqlite::Connection;
use tokio::sync::oneshot;

use crate::error::JournalError;
use crate::journal::sql::{self, Transition};
use crate::journal::{Durability, JournalStats, schema};

/// At most this many transitions per transaction.
const MAX_GROUP: usize = 512;

type Job = Box<dyn FnOnce(&mut Connection) + Send>;

enum Command {
    Job(Job),
    Transition(Transition, oneshot::Sender<Result<(), JournalError>>),
}

/// The handle to the thread; dropping it lets the thread finish what is queued, close
/// the connection (checkpointing the WAL) and exit, and waits for that.
pub(crate) struct Worker {
    tx: Option<mpsc::Sender<Command>>,
    thread: Option<JoinHandle<()>>,
    stats: Arc<Counters>,
}

/// What the thread has done, for [`JournalStats`].
#[derive(Debug, Default)]
struct Counters {
    busy_nanos: AtomicU64,
    operations: AtomicU64,
    transitions: AtomicU64,
    commits: AtomicU64,
}

impl Counters {
    fn busy(&self, since: Instant) {
        let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.busy_nanos.fetch_add(nanos, Ordering::Relaxed);
    }
}

impl Worker {
    /// Opens the journal on a new thread.
    pub(crate) fn start(
        path: Option<PathBuf>,
        durability: Durability,
    ) -> Result<Self, JournalError> {
        let (tx, rx) = mpsc::channel::<Command>();
        let (opened_tx, opened_rx) = mpsc::sync_channel::<Result<(), JournalError>>(1);
        let stats = Arc::new(Counters::default());
        let counters = Arc::clone(&stats);
        let thread = std::thread::Builder::new()
            .name("faceki-journal".to_owned())
            .spawn(move || match schema::open(path.as_deref(), durability) {
                Ok(mut conn) => {
                    let _ = opened_tx.send(Ok(()));
                    serve(&mut conn, &rx, &counters);
                }
                Err(e) => {
                    let _ = opened_tx.send(Err(e));
                }
            })
            .map_err(|e| JournalError::Storage {
                message: format!("cannot start the journal's thread: {e}"),
                source: Box::new(e),
            })?;
        let opened = opened_rx.recv().unwrap_or(Err(JournalError::Closed));
        if let Err(e) = opened {
            let _ = thread.join();
            return Err(e);
        }
        Ok(Self {
            tx: Some(tx),
            thread: Some(thread),
            stats,
        })
    }

    /// What the thread has done so far.
    pub(crate) fn stats(&self) -> JournalStats {
        JournalStats {
            busy: Duration::from_nanos(self.stats.busy_nanos.load(Ordering::Relaxed)),
            operations: self.stats.operations.load(Ordering::Relaxed),
            transitions: self.stats.transitions.load(Ordering::Relaxed),
            commits: self.stats.commits.load(Ordering::Relaxed),
        }
    }

    fn send(&self, command: Command) -> Result<(), JournalError> {
        self.tx
            .as_ref()
            .ok_or(JournalError::Closed)?
            .send(command)
            .map_err(|_| JournalError::Closed)
    }

    /// Runs `f` on the thread; the answer arrives on the returned receiver.
    fn submit<T, F>(&self, f: F) -> Result<oneshot::Receiver<T>, JournalError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> T + Send + 'static,
    {
        let (tx, rx) = oneshot::channel();
        self.send(Command::Job(Box::new(move |conn| {
            let _ = tx.send(f(conn));
        })))?;
        Ok(rx)
    }

    /// Runs `f` on the thread and waits for it, from async code.
    pub(crate) async fn call<T, F>(&self, f: F) -> Result<T, JournalError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> T + Send + 'static,
    {
        self.submit(f)?.await.map_err(|_| JournalError::Closed)
    }

    /// Runs `f` on the thread and blocks the calling thread until it is done.
    pub(crate) fn call_blocking<T, F>(&self, f: F) -> Result<T, JournalError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> T + Send + 'static,
    {
        let (tx, rx) = mpsc::sync_channel(1);
        self.send(Command::Job(Box::new(move |conn| {
            let _ = tx.send(f(conn));
        })))?;
        rx.recv().map_err(|_| JournalError::Closed)
    }

    /// Applies `transition`, returning once it is committed.
    pub(crate) async fn transition(&self, transition: Transition) -> Result<(), JournalError> {
        let (tx, rx) = oneshot::channel();
        self.send(Command::Transition(transition, tx))?;
        rx.await.map_err(|_| JournalError::Closed)?
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The thread's loop: until every sender is gone.
fn serve(conn: &mut Connection, rx: &mpsc::Receiver<Command>, counters: &Counters) {
    let mut next: Option<Command> = None;
    loop {
        let command = match next.take() {
            Some(command) => command,
            None => match rx.recv() {
                Ok(command) => command,
                Err(_) => return,
            },
        };
        let started = Instant::now();
        match command {
            Command::Job(job) => {
                job(conn);
                counters.operations.fetch_add(1, Ordering::Relaxed);
            }
            Command::Transition(first, reply) => {
                let mut group = vec![(first, reply)];
                while group.len() < MAX_GROUP {
                    match rx.try_recv() {
                        Ok(Command::Transition(t, reply)) => group.push((t, reply)),
                        Ok(other) => {
                            next = Some(other);
                            break;
                        }
                        Err(_) => break,
                    }
                }
                counters
                    .transitions
                    .fetch_add(group.len() as u64, Ordering::Relaxed);
                counters.commits.fetch_add(1, Ordering::Relaxed);
                commit_group(conn, group);
            }
        }
        counters.busy(started);
    }
}

/// One transaction for the whole group; each sender hears its own result.
fn commit_group(
    conn: &mut Connection,
    group: Vec<(Transition, oneshot::Sender<Result<(), JournalError>>)>,
) {
    let applied = (|| -> Result<Vec<bool>, rusqlite::Error> {
        let tx = conn.transaction()?;
        let mut changed = Vec::with_capacity(group.len());
        for (transition, _) in &group {
            changed.push(sql::apply(&tx, transition)?);
        }
        tx.commit()?;
        Ok(changed)
    })();
    match applied {
        Ok(changed) => {
            for ((transition, reply), changed) in group.into_iter().zip(changed) {
                let result = if changed {
                    Ok(())
                } else {
                    Err(JournalError::Conflict { id: transition.id })
                };
                let _ = reply.send(result);
            }
        }
        Err(e) => {
            let message = e.to_string();
            tracing::error!(error = %message, "faceki batch: the journal could not commit");
            for (_, reply) in group {
                let _ = reply.send(Err(JournalError::Storage {
                    message: message.clone(),
                    source: message.clone().into(),
                }));
            }
        }
    }
}
