//! [`Batch`] and [`BatchBuilder`]: the engine as a library, over a client and a
//! journal.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use faceki::Client;

use crate::engine::rate::Rate;
use crate::engine::stop::StopHandle;
use crate::engine::summary::{Progress, RunSummary};
use crate::engine::{self, Settings};
use crate::error::{BatchError, RowError};
use crate::input::Input;
use crate::journal::{ImportOptions, ImportSummary, Journal};

/// The default number of verifications in flight at once.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// The most verifications in flight at once.
pub const MAX_CONCURRENCY: usize = 1024;

/// Configures a [`Batch`].
pub struct BatchBuilder {
    client: Client,
    journal: Journal,
    settings: Settings,
}

impl fmt::Debug for BatchBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BatchBuilder")
            .field("journal", &self.journal)
            .field("concurrency", &self.settings.concurrency)
            .field("rate", &self.settings.rate)
            .field("max_billed", &self.settings.max_billed)
            .field("keep_personal_data", &self.settings.keep_personal)
            .finish_non_exhaustive()
    }
}

impl BatchBuilder {
    /// Verifications in flight at once (default [`DEFAULT_CONCURRENCY`]; 1 to
    /// [`MAX_CONCURRENCY`]).
    pub fn concurrency(mut self, concurrency: usize) -> Self {
        self.settings.concurrency = concurrency.clamp(1, MAX_CONCURRENCY);
        self
    }

    /// At most this many billed calls per second across the batch (default: no limit).
    pub fn rate(mut self, rate: Rate) -> Self {
        self.settings.rate = Some(rate);
        self
    }

    /// Stop after this many billed calls (a budget guard; calls refused before
    /// processing do not count). Per run.
    pub fn max_billed(mut self, max: u64) -> Self {
        self.settings.max_billed = Some(max);
        self
    }

    /// Keep the answers' personal data (names, document numbers: the whole answer as
    /// JSON) in the journal, and Faceki's own error messages. Off by default: the
    /// journal then holds identifiers, request ids, decisions and codes only.
    pub fn keep_personal_data(mut self, keep: bool) -> Self {
        self.settings.keep_personal = keep;
        self
    }

    /// Called after every row changes state (from the run's tasks: keep it quick).
    pub fn on_progress(mut self, on_progress: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.settings.on_progress = Some(Arc::new(on_progress));
        self
    }

    /// A send refused by a rate limiter (HTTP 429, not processed) is sent again up to
    /// `retries` times, after `pause`, doubling (default 2 times, from 1 s); then the
    /// row goes back to `pending` for a later run.
    pub fn rate_limited_retries(mut self, retries: u32, pause: Duration) -> Self {
        self.settings.rate_limited_retries = retries;
        self.settings.rate_limited_pause = pause;
        self
    }

    /// The batch.
    pub fn build(self) -> Batch {
        Batch {
            inner: Arc::new(Inner {
                client: self.client,
                journal: self.journal,
                settings: self.settings,
            }),
        }
    }
}

/// Verifies many people: [`import`](Batch::import) checks them and stores them in the
/// journal, [`run`](Batch::run) sends them, resumably, never twice. Cheap to clone.
///
/// ```no_run
/// use faceki::Client;
/// use faceki_batch::{Batch, ImportOptions, Input, Journal, Rate, Slot, StopHandle};
///
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// let client = Client::from_env()?;
/// let journal = Journal::open("rekyc-2026.journal")?;
/// let batch = Batch::builder(client, journal)
///     .concurrency(8)
///     .rate(Rate::new(20.0).ok_or("bad rate")?)
///     .max_billed(5_000)
///     .build();
///
/// let people = (1..=3).map(|n| {
///     Ok(Input::new(format!("customer-{n}"))
///         .workflow_id("wf-kyc")
///         .image(Slot::Selfie, format!("{n}/selfie.jpg"))
///         .image(Slot::Document1Front, format!("{n}/front.jpg"))
///         .image(Slot::Document1Back, format!("{n}/back.jpg")))
/// });
/// // Every row and image checked; nothing stored if one is wrong; nothing sent.
/// batch.import(people, ImportOptions::new().base_dir("/data/rekyc"))?;
///
/// let stop = StopHandle::new(); // stop.stop() from a Ctrl-C handler
/// let summary = batch.run(&stop).await?;
/// println!("{} done, {} failed, {} unknown", summary.counts.done, summary.counts.failed,
///     summary.counts.unknown);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Batch {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client,
    journal: Journal,
    settings: Settings,
}

impl fmt::Debug for Batch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batch")
            .field("journal", &self.inner.journal)
            .field("concurrency", &self.inner.settings.concurrency)
            .field("rate", &self.inner.settings.rate)
            .field("max_billed", &self.inner.settings.max_billed)
            .finish_non_exhaustive()
    }
}

impl Batch {
    /// A batch sending with `client`, remembering in `journal`.
    pub fn builder(client: Client, journal: Journal) -> BatchBuilder {
        BatchBuilder {
            client,
            journal,
            settings: Settings {
                concurrency: DEFAULT_CONCURRENCY,
                rate: None,
                max_billed: None,
                keep_personal: false,
                on_progress: None,
                rate_limited_retries: 2,
                rate_limited_pause: Duration::from_secs(1),
            },
        }
    }

    /// The journal.
    pub fn journal(&self) -> &Journal {
        &self.inner.journal
    }

    /// [`Journal::import`] with the client's maximum image size: checks every input
    /// and stores the valid ones as `pending`; nothing is sent. Blocking.
    pub fn import<I>(&self, inputs: I, options: ImportOptions) -> Result<ImportSummary, BatchError>
    where
        I: IntoIterator<Item = Result<Input, RowError>>,
    {
        let options = options.max_image_bytes(self.inner.client.max_image_bytes());
        self.inner.journal.import(inputs, &options)
    }

    /// Runs the batch until every pending row of the journal's latest import is sent,
    /// the budget is spent, or `stop` says so:
    ///
    /// 1. rows left `sending` or `unknown` by earlier runs are looked up by record
    ///    identifier: found → `done`; not recorded → `pending`; unclear → `unknown`;
    /// 2. pending rows are sent `concurrency` at a time, within the rate and the
    ///    budget, each one's `sending` mark committed before its request leaves and its
    ///    result committed when it arrives.
    ///
    /// A row is sent again only when a lookup said it was not recorded, or Faceki
    /// refused it before processing (rate limited, not sent at all).
    pub async fn run(&self, stop: &StopHandle) -> Result<RunSummary, BatchError> {
        engine::run(
            &self.inner.settings,
            &self.inner.client,
            &self.inner.journal,
            stop,
        )
        .await
    }
}
