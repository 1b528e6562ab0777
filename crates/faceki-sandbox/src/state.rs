//! The sandbox's memory: configuration, tokens, records, links, workflows, queued
//! scenarios, faults, inspection and webhook deliveries.
//!
//! Locks are std mutexes that are never held across an `.await`.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::Duration;

use axum::http::HeaderMap;
use faceki_types::{Endpoint, Secret};
use serde_json::Value;

use crate::clock::Clock;
use crate::faults::{FaultRule, Target};
use crate::ids::{Ids, kind, random_hex};
use crate::inspect::Inspection;
use crate::lock;
use crate::scenarios::{Forced, OUTCOME_HEADER, find_marker, parse_value};
use crate::token_routes::TokenRoutes;
use crate::webhook::{Delivery, WebhookClient, WebhookConfig};
use crate::workflow::{Workflow, fnv};

/// Settings fixed at start.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub(crate) client_id: String,
    pub(crate) client_secret: Secret,
    pub(crate) token_lifetime: Duration,
    pub(crate) quota: Option<u64>,
    pub(crate) body_limit: usize,
    pub(crate) link_lifetime: Duration,
    pub(crate) webhook: WebhookConfig,
    pub(crate) v2_documents: Vec<String>,
    pub(crate) token_routes: TokenRoutes,
}

/// One stored verification.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) request_id: String,
    /// `record_identifier` (V3) or the link's `applicationId` (V2 reference id).
    pub(crate) reference: Option<String>,
    pub(crate) link: Option<String>,
    pub(crate) face_id: String,
    pub(crate) body: Value,
}

/// One generated link.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub(crate) application_id: Option<String>,
    pub(crate) workflow_id: Option<String>,
    pub(crate) expires_at: Duration,
}

/// Why a link cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkError {
    /// 8014 INVALID_VERIFICATION_LINK.
    Unknown,
    /// 8015 VERIFICATION_LINK_EXPIRED.
    Expired,
}

impl LinkError {
    pub(crate) fn code(self) -> i64 {
        match self {
            LinkError::Unknown => 8014,
            LinkError::Expired => 8015,
        }
    }
}

/// What the summary counts.
#[derive(Debug, Default, Clone)]
pub(crate) struct Summary {
    pub(crate) accepted: u64,
    pub(crate) declined: u64,
    pub(crate) review: u64,
    pub(crate) failed: u64,
    pub(crate) links: u64,
    pub(crate) face_searches: u64,
}

/// Mutable data. Not `Debug`: it holds live tokens.
#[derive(Default)]
pub(crate) struct Store {
    pub(crate) tokens: HashMap<String, Duration>,
    pub(crate) records: Vec<Record>,
    pub(crate) links: HashMap<String, Link>,
    pub(crate) workflows: BTreeMap<String, Workflow>,
    pub(crate) outcomes: Vec<(Target, Forced)>,
    pub(crate) faces: HashMap<u64, String>,
    pub(crate) summary: Summary,
}

/// Everything the routes share. Its `Debug` shows no token and no secret.
pub(crate) struct Shared {
    pub(crate) config: Config,
    pub(crate) clock: Clock,
    pub(crate) ids: Ids,
    pub(crate) store: Mutex<Store>,
    pub(crate) faults: Mutex<Vec<FaultRule>>,
    pub(crate) inspect: Mutex<Inspection>,
    pub(crate) deliveries: Mutex<Vec<Delivery>>,
    pub(crate) webhook: WebhookClient,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Shared {
    pub(crate) fn new(config: Config, workflows: Vec<Workflow>) -> Self {
        let store = Store {
            workflows: workflows
                .into_iter()
                .map(|w| (w.id().to_owned(), w))
                .collect(),
            ..Store::default()
        };
        Shared {
            config,
            clock: Clock::new(),
            ids: Ids::new(),
            store: Mutex::new(store),
            faults: Mutex::new(Vec::new()),
            inspect: Mutex::new(Inspection::default()),
            deliveries: Mutex::new(Vec::new()),
            webhook: WebhookClient::new(),
        }
    }

    /// Issues a token valid for the configured lifetime.
    pub(crate) fn issue_token(&self) -> String {
        let token = format!("sbx.{}", random_hex(40));
        let expires = self.clock.now() + self.config.token_lifetime;
        lock(&self.store).tokens.insert(token.clone(), expires);
        token
    }

    /// Whether the request carries a known, unexpired bearer token.
    pub(crate) fn bearer_ok(&self, headers: &HeaderMap) -> bool {
        let Some(token) = bearer(headers) else {
            return false;
        };
        let now = self.clock.now();
        lock(&self.store)
            .tokens
            .get(token)
            .is_some_and(|exp| now < *exp)
    }

    /// The outcome forced on this request, if any: queue, then header, then markers.
    pub(crate) fn forced<'a>(
        &self,
        endpoint: Endpoint,
        headers: &HeaderMap,
        markers: impl IntoIterator<Item = &'a str>,
    ) -> Option<Forced> {
        {
            let mut store = lock(&self.store);
            let target = Target::Endpoint(endpoint);
            if let Some(i) = store
                .outcomes
                .iter()
                .position(|(t, _)| *t == target || *t == Target::Any)
            {
                return Some(store.outcomes.remove(i).1);
            }
        }
        if let Some(forced) = headers
            .get(OUTCOME_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_value)
        {
            return Some(forced);
        }
        markers.into_iter().find_map(find_marker)
    }

    /// Whether the verification quota is used up.
    pub(crate) fn quota_reached(&self) -> bool {
        self.config
            .quota
            .is_some_and(|q| lock(&self.store).records.len() as u64 >= q)
    }

    /// The face id of a selfie: identical bytes mean the same (synthetic) person.
    pub(crate) fn face_id_for(&self, selfie: &[u8]) -> String {
        let key = fnv(selfie);
        let mut store = lock(&self.store);
        if let Some(id) = store.faces.get(&key) {
            return id.clone();
        }
        let id = self.ids.uuid(kind::FACE);
        store.faces.insert(key, id.clone());
        id
    }

    /// Checks a link id: known and not expired.
    pub(crate) fn check_link(&self, id: &str) -> Result<Link, LinkError> {
        let now = self.clock.now();
        let store = lock(&self.store);
        let link = store.links.get(id).ok_or(LinkError::Unknown)?;
        if now >= link.expires_at {
            return Err(LinkError::Expired);
        }
        Ok(link.clone())
    }

    pub(crate) fn workflow(&self, id: &str) -> Option<Workflow> {
        lock(&self.store).workflows.get(id).cloned()
    }

    /// Counts a decision in the summary and stores the record.
    pub(crate) fn save(&self, record: Record, decision: &str) {
        let mut store = lock(&self.store);
        match decision {
            "DECLINED" => store.summary.declined += 1,
            "REVIEW" => store.summary.review += 1,
            _ => store.summary.accepted += 1,
        }
        store.records.push(record);
    }

    /// Counts a verification answered with a failure code.
    pub(crate) fn count_failure(&self) {
        lock(&self.store).summary.failed += 1;
    }
}

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}
