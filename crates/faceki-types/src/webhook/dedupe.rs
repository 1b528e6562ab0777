//! Deduplication: Faceki documents no event id and no retry policy, so the same
//! event may arrive twice. [`DedupeKey`] names an event by (requestId, kind,
//! status); [`DedupeStore`] remembers the keys seen, asynchronously, so it can be
//! a database shared by several receivers; [`MemoryDedupe`] is the in-memory
//! default, bounded in size and with an expiry.

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::model::{WebhookEvent, WebhookKind};

/// What makes two deliveries the same event: the verification's `requestId`, the
/// event kind and the status. For an AML update or an unknown payload, whose fields
/// are undocumented, and for any event without a `requestId`, a digest of the whole
/// (canonical) payload stands in for the status, so two different events are never
/// merged.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct DedupeKey {
    request_id: String,
    kind: WebhookKind,
    discriminator: String,
}

impl DedupeKey {
    /// The key of `event`.
    pub fn of(event: &WebhookEvent) -> Self {
        let whole = || {
            // serde_json's maps are sorted, so this text is canonical.
            let text = serde_json::to_string(event).unwrap_or_default();
            format!("{:016x}", fnv1a(text.as_bytes()))
        };
        let discriminator = match event {
            WebhookEvent::AmlUpdate(_) | WebhookEvent::Unknown(_) => whole(),
            // Without a request id, the status alone would merge different events.
            _ if event.request_id().is_none() => whole(),
            _ => event
                .status()
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
        };
        Self {
            request_id: event.request_id().unwrap_or_default().to_owned(),
            kind: event.kind(),
            discriminator,
        }
    }

    /// The event kind.
    pub fn kind(&self) -> WebhookKind {
        self.kind
    }

    /// The key as one stable string, for a store to use as its database key:
    /// `requestId`, kind and discriminator (a status, or a 16-digit digest of the
    /// payload), separated by `:`. The same event gives the same string in every
    /// process and every release of this major version.
    ///
    /// ```
    /// use faceki_types::webhook::DedupeKey;
    /// use faceki_types::WebhookEvent;
    ///
    /// let event = WebhookEvent::parse(br#"{"requestId":"r-1","status":"ACCEPTED","kycData":{}}"#)?;
    /// assert_eq!(DedupeKey::of(&event).storage_key(), "r-1:completed:ACCEPTED");
    /// # Ok::<(), faceki_types::webhook::Rejection>(())
    /// ```
    pub fn storage_key(&self) -> String {
        format!(
            "{}:{}:{}",
            self.request_id,
            self.kind.as_str(),
            self.discriminator
        )
    }
}

impl fmt::Debug for DedupeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A request id is a Faceki uuid, not personal data; the rest is vocabulary.
        f.debug_struct("DedupeKey")
            .field("request_id", &self.request_id)
            .field("kind", &self.kind)
            .field("discriminator", &self.discriminator)
            .finish()
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What [`DedupeStore::first_seen`] returns: a boxed future, so that a store can be
/// shared as `dyn DedupeStore` and can wait on its database without blocking the
/// receiving task.
pub type FirstSeen<'a> = Pin<Box<dyn Future<Output = Result<bool, DedupeError>> + Send + 'a>>;

/// Remembers which events were seen. Implement it over your own database to dedupe
/// across several receivers: an atomic "insert if absent" of
/// [`DedupeKey::storage_key`] with an expiry (Redis `SET key 1 NX PX ttl`, an
/// `INSERT … ON CONFLICT DO NOTHING`).
///
/// A key counts as seen from the moment it is recorded, before the handler has run.
/// When the store fails, receivers handle the event anyway (it may then be handled
/// twice, never lost): handlers must be idempotent in any case, since Faceki
/// documents no event id.
///
/// ```
/// use faceki_types::webhook::{DedupeError, DedupeKey, DedupeStore, FirstSeen};
///
/// /// A store that has never seen anything (every event is handled).
/// #[derive(Debug)]
/// struct Forgetful;
///
/// impl DedupeStore for Forgetful {
///     fn first_seen<'a>(&'a self, _key: &'a DedupeKey) -> FirstSeen<'a> {
///         Box::pin(async { Ok::<_, DedupeError>(true) })
///     }
/// }
/// ```
pub trait DedupeStore: Send + Sync + fmt::Debug {
    /// Records `key` and says whether this is its first delivery (`Ok(true)`:
    /// handle it; `Ok(false)`: a duplicate, answer 2xx and drop it), or why the
    /// store could not tell.
    fn first_seen<'a>(&'a self, key: &'a DedupeKey) -> FirstSeen<'a>;
}

/// Why a [`DedupeStore`] could not tell whether a key was seen (its database is
/// unreachable, say). The reason is the store's own words: a store must not put a
/// password or a connection string in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the webhook duplicate store failed: {reason}")]
#[non_exhaustive]
pub struct DedupeError {
    reason: String,
}

impl DedupeError {
    /// An error saying why, in words free of secrets.
    pub fn new(reason: impl Into<String>) -> Self {
        Self {
            reason: reason.into(),
        }
    }

    /// Why the store failed.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// The in-memory [`DedupeStore`]: remembers up to `capacity` keys (the oldest are
/// forgotten first) for `ttl` each. Defaults: 10,000 keys for 24 hours.
///
/// ```
/// use std::time::Instant;
///
/// use faceki_types::webhook::{DedupeKey, MemoryDedupe};
/// use faceki_types::WebhookEvent;
///
/// let store = MemoryDedupe::default();
/// let event = WebhookEvent::parse(br#"{"requestId":"r-1","status":"ACCEPTED","kycData":{}}"#).unwrap();
/// let key = DedupeKey::of(&event);
/// assert!(store.first_seen_at(&key, Instant::now()));
/// assert!(!store.first_seen_at(&key, Instant::now()), "the second copy is a duplicate");
/// ```
#[derive(Debug)]
pub struct MemoryDedupe {
    capacity: usize,
    ttl: Duration,
    state: Mutex<Seen>,
}

#[derive(Debug, Default)]
struct Seen {
    at: HashMap<DedupeKey, Instant>,
    order: VecDeque<(DedupeKey, Instant)>,
}

impl Default for MemoryDedupe {
    fn default() -> Self {
        Self::new(10_000, Duration::from_secs(24 * 3600))
    }
}

impl MemoryDedupe {
    /// A store of at most `capacity` keys (at least 1), each kept for `ttl`.
    pub fn new(capacity: usize, ttl: Duration) -> Self {
        Self {
            capacity: capacity.max(1),
            ttl,
            state: Mutex::new(Seen::default()),
        }
    }

    /// How many keys are remembered now.
    pub fn len(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .at
            .len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// [`DedupeStore::first_seen`] at a given moment, answered synchronously (for
    /// tests of expiry, and for code that is not async).
    pub fn first_seen_at(&self, key: &DedupeKey, now: Instant) -> bool {
        let mut seen = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        // Forget what expired, oldest first.
        while let Some((old, at)) = seen.order.front() {
            if now.saturating_duration_since(*at) < self.ttl {
                break;
            }
            if seen.at.get(old) == Some(at) {
                let old = old.clone();
                seen.at.remove(&old);
            }
            seen.order.pop_front();
        }
        if seen.at.contains_key(key) {
            return false;
        }
        while seen.at.len() >= self.capacity {
            let Some((old, at)) = seen.order.pop_front() else {
                break;
            };
            if seen.at.get(&old) == Some(&at) {
                seen.at.remove(&old);
            }
        }
        seen.at.insert(key.clone(), now);
        seen.order.push_back((key.clone(), now));
        true
    }
}

impl DedupeStore for MemoryDedupe {
    fn first_seen<'a>(&'a self, key: &'a DedupeKey) -> FirstSeen<'a> {
        // Answered at once: the future is ready when made.
        let first = self.first_seen_at(key, Instant::now());
        Box::pin(std::future::ready(Ok(first)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: &str) -> WebhookEvent {
        WebhookEvent::parse(json.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn same_event_same_key_and_different_status_or_kind_different_keys() {
        let a = event(r#"{"requestId":"r-1","status":"REVIEW","kycData":{}}"#);
        let b = event(r#"{"requestId":"r-1","status":"REVIEW","kycData":{"x":1},"fullName":"A"}"#);
        let c = event(r#"{"requestId":"r-1","status":"APPROVED","modifiedByEmail":"x@y"}"#);
        let d = event(r#"{"requestId":"r-1","status":"ACCEPTED","kycData":{}}"#);
        assert!(DedupeKey::of(&a) == DedupeKey::of(&b));
        assert!(DedupeKey::of(&a) != DedupeKey::of(&c));
        assert!(DedupeKey::of(&a) != DedupeKey::of(&d));
        let aml1 = event(r#"{"event":"aml_update","requestId":"r-1","amlStatus":"MATCH"}"#);
        let aml2 = event(r#"{"requestId":"r-1","amlStatus":"MATCH","event":"aml_update"}"#);
        let aml3 = event(r#"{"event":"aml_update","requestId":"r-1","amlStatus":"CLEAR"}"#);
        assert_eq!(aml1.kind(), WebhookKind::AmlUpdate);
        assert!(
            DedupeKey::of(&aml1) == DedupeKey::of(&aml2),
            "key order does not matter"
        );
        assert!(DedupeKey::of(&aml1) != DedupeKey::of(&aml3));
        let no_id_1 = event(r#"{"fullName":"A","status":"ACCEPTED","kycData":{"x":1}}"#);
        let no_id_2 = event(r#"{"fullName":"B","status":"ACCEPTED","kycData":{"x":2}}"#);
        assert!(
            DedupeKey::of(&no_id_1) != DedupeKey::of(&no_id_2),
            "not merged"
        );
    }

    #[test]
    fn storage_keys_are_equal_exactly_when_keys_are() {
        let events = [
            r#"{"requestId":"r-1","status":"REVIEW","kycData":{}}"#,
            r#"{"requestId":"r-1","status":"REVIEW","kycData":{"x":1},"fullName":"A"}"#,
            r#"{"requestId":"r-1","status":"APPROVED","modifiedByEmail":"x@y"}"#,
            r#"{"requestId":"r-2","status":"REVIEW","kycData":{}}"#,
            r#"{"event":"aml_update","requestId":"r-1","amlStatus":"MATCH"}"#,
            r#"{"event":"aml_update","requestId":"r-1","amlStatus":"CLEAR"}"#,
            r#"{"fullName":"A","status":"ACCEPTED","kycData":{"x":1}}"#,
        ];
        let keys: Vec<DedupeKey> = events.iter().map(|e| DedupeKey::of(&event(e))).collect();
        for a in &keys {
            for b in &keys {
                assert_eq!(a == b, a.storage_key() == b.storage_key(), "{a:?} / {b:?}");
            }
        }
    }

    #[test]
    fn the_memory_store_answers_through_the_trait_at_once() {
        let store = MemoryDedupe::default();
        let key = DedupeKey::of(&event(
            r#"{"requestId":"r-1","status":"REVIEW","kycData":{}}"#,
        ));
        // A ready future: polled once with a no-op waker, it answers.
        let mut context = std::task::Context::from_waker(std::task::Waker::noop());
        let mut poll =
            |store: &MemoryDedupe| match store.first_seen(&key).as_mut().poll(&mut context) {
                std::task::Poll::Ready(answer) => answer,
                std::task::Poll::Pending => panic!("the memory store never waits"),
            };
        assert_eq!(poll(&store), Ok(true));
        assert_eq!(poll(&store), Ok(false));
    }

    #[test]
    fn memory_dedupe_expires_and_stays_bounded() {
        let store = MemoryDedupe::new(2, Duration::from_secs(10));
        let t0 = Instant::now();
        let keys: Vec<_> = (0..3)
            .map(|i| {
                DedupeKey::of(&event(&format!(
                    r#"{{"requestId":"r-{i}","status":"ACCEPTED","kycData":{{}}}}"#
                )))
            })
            .collect();
        assert!(store.first_seen_at(&keys[0], t0));
        assert!(!store.first_seen_at(&keys[0], t0 + Duration::from_secs(9)));
        assert!(
            store.first_seen_at(&keys[0], t0 + Duration::from_secs(10)),
            "expired"
        );
        let t1 = t0 + Duration::from_secs(10);
        assert!(store.first_seen_at(&keys[1], t1));
        assert!(
            store.first_seen_at(&keys[2], t1),
            "the oldest is forgotten at capacity"
        );
        assert_eq!(store.len(), 2);
        assert!(store.first_seen_at(&keys[0], t1), "forgotten, so seen anew");
    }
}
