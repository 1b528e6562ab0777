//! A blocking client for synchronous code (feature `blocking`): the same calls as the
//! async [`Client`](crate::Client), the same errors and the same guarantees, without
//! an async runtime in your code.
//!
//! ```no_run
//! use faceki_http::ImageInput;
//! use faceki_http::blocking::Client;
//! use faceki_http::v3::Verification;
//!
//! # fn demo() -> Result<(), faceki_http::Error> {
//! // FACEKI_CLIENT_ID, FACEKI_CLIENT_SECRET and optionally FACEKI_BASE_URL.
//! let client = Client::from_env()?;
//! let rules = client.v3().workflow_rules("your-workflow-id")?;
//! println!("documents: {:?}", rules.documents);
//! let outcome = client.v3().verify(
//!     Verification::by_workflow("your-workflow-id")
//!         .record_identifier("customer-42")
//!         .selfie(ImageInput::path("selfie.jpg"))
//!         .document_1_front(ImageInput::path("id-front.jpg"))
//!         .document_1_back(ImageInput::path("id-back.jpg")),
//! )?;
//! println!("decision {:?}", outcome.decision);
//! # Ok(()) }
//! ```
//!
//! [`Client`] mirrors the async groups one for one, with the same method names and
//! request types: [`Client::v2`] ([`V2Api`]), [`Client::v3`] ([`V3Api`]),
//! [`Client::links`] ([`LinksApi`]) and [`Client::records`] ([`RecordsApi`]). Build it
//! with the async client's own [`ClientBuilder`], finished with
//! [`ClientBuilder::build_blocking`], or with [`Client::from_env`]; wrap an existing
//! async client with [`Client::from_async`].
//!
//! # How it works
//!
//! As in reqwest's `blocking` module, the client owns one runtime thread
//! (`faceki-blocking`), shared by all its clones. Each call runs the async call on that
//! thread and the calling thread waits for its result. So everything the async client
//! guarantees holds unchanged: images checked before anything is sent, billed calls
//! never sent twice once they may have been processed, V3 verifications with a record
//! identifier reconciled by a lookup, one token cache, connection pool and retry budget
//! for all clones, one tracing span per call (a child of the caller's current span,
//! recorded by the caller's subscriber).
//!
//! Calls may be made from any thread, several at once, including threads that are
//! themselves inside another async runtime (the wait does not need that runtime; it
//! does block the calling thread, so in async code prefer the async client). Dropping
//! the last clone stops the runtime thread in the background, also from inside an
//! async context. A panic inside a call (in your own transport, say) is resumed on the
//! calling thread.
//!
//! Your own [`Transport`](crate::Transport), token provider, token store and image
//! pre-flight run on the client's runtime thread: they must not call the same blocking
//! client (such a call fails with a configuration error instead of deadlocking).
//!
//! # Images
//!
//! Use [`ImageInput::path`](crate::ImageInput::path) (streamed from disk, re-read for
//! every attempt) or [`ImageInput::bytes`](crate::ImageInput::bytes).
//! [`ImageInput::reader`](crate::ImageInput::reader) takes an async reader; from
//! synchronous code, read a [`std::io::Read`] into a `Vec<u8>` and pass the bytes.

mod links;
mod records;
mod runtime;
mod v2;
mod v3;

use std::fmt;
use std::sync::Arc;

use faceki_types::Endpoint;

pub use self::links::LinksApi;
pub use self::records::RecordsApi;
pub use self::v2::V2Api;
pub use self::v3::V3Api;

use self::runtime::Runtime;
use crate::client::ClientBuilder;
use crate::error::Error;

/// The blocking Faceki API client. Cheap to clone (clones share the runtime thread,
/// the token cache, the connection pool and the retry budget); `Send + Sync`.
///
/// ```no_run
/// use faceki_http::blocking::Client;
///
/// # fn demo() -> Result<(), faceki_http::Error> {
/// let client = Client::builder()
///     .credentials("my-client-id", "my-client-secret")
///     .build_blocking()?;
/// let rules = client.v2().rules()?;
/// # let _ = rules;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: crate::Client,
    runtime: Arc<Runtime>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("blocking::Client")
            .field("client", &self.inner)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// The async client's builder (see [`ClientBuilder`]): finish it with
    /// [`ClientBuilder::build_blocking`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client configured from the environment: `FACEKI_CLIENT_ID`,
    /// `FACEKI_CLIENT_SECRET` and, optionally, `FACEKI_BASE_URL` (see
    /// [`ClientBuilder::from_env`]).
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env()?.build_blocking()
    }

    /// A blocking client over `client`, with its own runtime thread. The two share
    /// the token cache, the connection pool and the retry budget.
    ///
    /// Fails with a configuration error when the runtime thread cannot be started.
    pub fn from_async(client: crate::Client) -> Result<Self, Error> {
        Ok(Self {
            inner: client,
            runtime: Arc::new(Runtime::start()?),
        })
    }

    /// The async client this one drives: the same configuration, token cache,
    /// connection pool and retry budget.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    /// Runs the async call `call` makes with a clone of the async client on the
    /// runtime thread, and waits for its result.
    fn run<T, F, Fut>(&self, endpoint: Endpoint, call: F) -> Result<T, Error>
    where
        F: FnOnce(crate::Client) -> Fut,
        Fut: Future<Output = Result<T, Error>> + Send + 'static,
        T: Send + 'static,
    {
        self.runtime.run(endpoint, call(self.inner.clone()))
    }
}

impl ClientBuilder {
    /// The body of [`ClientBuilder::build_blocking`].
    pub(crate) fn build_blocking_client(self) -> Result<Client, Error> {
        Client::from_async(self.build()?)
    }
}
