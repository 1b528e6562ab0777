//! [`SandboxHandle`]: a running sandbox. Queue scenarios, inject faults, move the
//! clock, inspect requests and webhooks; dropping the handle shuts the server down.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use faceki_types::{Endpoint, ResponseCode, Secret};
use tokio::task::JoinHandle;

use crate::faults::{Fault, FaultRule, Target};
use crate::inspect::RequestInfo;
use crate::lock;
use crate::scenarios::Forced;
use crate::state::Shared;
use crate::webhook::{Delivery, Event, dispatch, unsent};
use crate::workflow::Workflow;

/// The client id and secret a sandbox accepts. Debug redacts the secret.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Credentials {
    client_id: String,
    client_secret: Secret,
}

impl Credentials {
    /// The client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The client secret (redacted in Debug; read it with `expose_secret()`).
    pub fn client_secret(&self) -> &Secret {
        &self.client_secret
    }
}

/// A running sandbox. Dropping it stops the server and closes its connections.
#[derive(Debug)]
pub struct SandboxHandle {
    addr: SocketAddr,
    base_url: String,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SandboxHandle {
    pub(crate) fn new(addr: SocketAddr, shared: Arc<Shared>, task: JoinHandle<()>) -> Self {
        SandboxHandle {
            addr,
            base_url: format!("http://{addr}"),
            shared,
            task,
        }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The credentials the token endpoints accept.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            client_id: self.shared.config.client_id.clone(),
            client_secret: self.shared.config.client_secret.clone(),
        }
    }

    /// Queues a body code for the next matching request (first in, first out).
    /// Code 1 answers the 401 body; `0`/`200` let the request behave normally.
    pub fn push_outcome(&self, target: impl Into<Target>, code: ResponseCode) {
        lock(&self.shared.store)
            .outcomes
            .push((target.into(), Forced::Code(code.code())));
    }

    /// Queues a V3 decision (`ACCEPTED`, `DECLINED`, `REVIEW`) for the next matching
    /// verification.
    pub fn push_decision(&self, target: impl Into<Target>, decision: &str) {
        lock(&self.shared.store).outcomes.push((
            target.into(),
            Forced::Decision(decision.to_ascii_uppercase()),
        ));
    }

    /// Applies `fault` to the next `times` matching requests.
    pub fn inject_fault(&self, target: impl Into<Target>, fault: Fault, times: u32) {
        lock(&self.shared.faults).push(FaultRule {
            target: target.into(),
            fault,
            remaining: times,
        });
    }

    /// Removes every pending fault and queued outcome.
    pub fn clear_scenarios(&self) {
        lock(&self.shared.faults).clear();
        lock(&self.shared.store).outcomes.clear();
    }

    /// Moves the sandbox clock forward (token and link expiry follow it).
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by);
    }

    /// Adds or replaces a V3 workflow while running.
    pub fn add_workflow(&self, workflow: Workflow) {
        lock(&self.shared.store)
            .workflows
            .insert(workflow.id().to_owned(), workflow);
    }

    /// How many token requests arrived (both paths, any method, whatever the answer:
    /// refused by [`TokenRoutes`](crate::TokenRoutes), faulted and failed ones included).
    /// [`requests`](Self::requests) splits them by path.
    pub fn token_requests(&self) -> u64 {
        let i = lock(&self.shared.inspect);
        i.count(Endpoint::AccessToken) + i.count(Endpoint::GenerateToken)
    }

    /// How many tokens were issued: the token requests answered with a token.
    pub fn tokens_issued(&self) -> u64 {
        lock(&self.shared.store).tokens.len() as u64
    }

    /// How many requests arrived for one endpoint (any path spelling, any method,
    /// whatever the answer, faulted ones included).
    pub fn requests(&self, endpoint: Endpoint) -> u64 {
        lock(&self.shared.inspect).count(endpoint)
    }

    /// How many requests arrived in all (admin routes excepted).
    pub fn total_requests(&self) -> u64 {
        lock(&self.shared.inspect).total()
    }

    /// The shape of the last request.
    pub fn last_request(&self) -> Option<RequestInfo> {
        lock(&self.shared.inspect).last()
    }

    /// The shape of the last request to one endpoint.
    pub fn last_request_to(&self, endpoint: Endpoint) -> Option<RequestInfo> {
        lock(&self.shared.inspect).last_to(endpoint)
    }

    /// How many verification records are stored.
    pub fn record_count(&self) -> usize {
        lock(&self.shared.store).records.len()
    }

    /// Every webhook attempt so far, oldest first.
    pub fn webhook_deliveries(&self) -> Vec<Delivery> {
        lock(&self.shared.deliveries).clone()
    }

    /// Sends the §4 "update from portal" payload for a stored verification, as if a
    /// reviewer had changed its status (`APPROVED`, `DECLINED`, `REVIEW`). Goes to the
    /// record's workflow callback or the sandbox-wide webhook URL, with the configured
    /// [`WebhookSettings`](crate::WebhookSettings) (method, headers, twice). Returns the
    /// first attempt; every attempt is in [`webhook_deliveries`](Self::webhook_deliveries).
    /// With no URL, nothing is sent and a failed delivery is recorded.
    pub async fn send_portal_update(
        &self,
        request_id: &str,
        status: &str,
        modified_by_email: &str,
    ) -> Delivery {
        let url = {
            let store = lock(&self.shared.store);
            let workflow_url = store
                .records
                .iter()
                .find(|r| r.request_id == request_id)
                .and_then(|r| r.body["workflowId"].as_str())
                .and_then(|id| store.workflows.get(id))
                .and_then(|w| w.webhook().map(str::to_owned));
            workflow_url.or_else(|| self.shared.config.webhook.url.clone())
        };
        let event = Event::portal(request_id, status, modified_by_email);
        match url {
            Some(url) => dispatch(&self.shared, &url, &event).await,
            None => unsent(&self.shared, &event, "no webhook URL configured"),
        }
    }

    /// Serves until `signal` completes, then shuts down. For the CLI:
    /// `handle.run_until(tokio::signal::ctrl_c()).await`.
    pub async fn run_until<F: Future>(self, signal: F) -> F::Output {
        let out = signal.await;
        drop(self);
        out
    }

    /// Stops the server now (the same as dropping the handle).
    pub fn shutdown(self) {
        drop(self);
    }
}
