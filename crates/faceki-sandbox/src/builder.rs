//! [`Sandbox`] and [`SandboxBuilder`]: configure and start a sandbox.

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use faceki_types::Secret;
use tokio::net::TcpListener;

use crate::handle::SandboxHandle;
use crate::ids::random_hex;
use crate::state::{Config, Shared};
use crate::token_routes::TokenRoutes;
use crate::webhook::{WebhookConfig, WebhookSettings};
use crate::workflow::Workflow;

/// Entry point: `Sandbox::builder()…start().await`.
///
/// ```no_run
/// # async fn demo() -> std::io::Result<()> {
/// use std::time::Duration;
/// use faceki_sandbox::{Sandbox, Workflow};
///
/// let sandbox = Sandbox::builder()
///     .token_lifetime(Duration::from_secs(60))
///     .verification_quota(10)
///     .workflow(Workflow::new("wf-passport", ["Passport"]))
///     .start()
///     .await?;
/// println!("{} {}", sandbox.base_url(), sandbox.credentials().client_id());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct Sandbox;

impl Sandbox {
    /// A builder with the defaults: a random port on 127.0.0.1, generated credentials,
    /// 3600 s tokens, no quota, a 10 MiB body limit, links valid 24 h when no
    /// `expiryTime` is given, the `wf-default` workflow, no webhook, every token route.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder::default()
    }

    /// Starts a sandbox with the defaults.
    pub async fn start() -> std::io::Result<SandboxHandle> {
        Self::builder().start().await
    }
}

/// Configures a sandbox before it starts.
/// Its `Debug` never shows a fixed client secret.
#[derive(Clone)]
pub struct SandboxBuilder {
    addr: SocketAddr,
    client_id: Option<String>,
    client_secret: Option<String>,
    token_lifetime: Duration,
    quota: Option<u64>,
    body_limit: usize,
    link_lifetime: Duration,
    webhook: Option<WebhookSettings>,
    v2_documents: Vec<String>,
    workflows: Vec<Workflow>,
    token_routes: TokenRoutes,
}

impl std::fmt::Debug for SandboxBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxBuilder")
            .field("addr", &self.addr)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("token_lifetime", &self.token_lifetime)
            .field("quota", &self.quota)
            .field("body_limit", &self.body_limit)
            .field("webhook", &self.webhook)
            .field("workflows", &self.workflows)
            .field("token_routes", &self.token_routes)
            .finish_non_exhaustive()
    }
}

impl Default for SandboxBuilder {
    fn default() -> Self {
        SandboxBuilder {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            client_id: None,
            client_secret: None,
            token_lifetime: Duration::from_secs(3_600),
            quota: None,
            body_limit: 10 * 1024 * 1024,
            link_lifetime: Duration::from_secs(24 * 3_600),
            webhook: None,
            v2_documents: vec![
                "ID Card".into(),
                "Passport".into(),
                "Driving License".into(),
            ],
            workflows: vec![Workflow::default_workflow()],
            token_routes: TokenRoutes::All,
        }
    }
}

impl SandboxBuilder {
    /// Listens on this port of 127.0.0.1 (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.addr.set_port(port);
        self
    }

    /// Listens on this address (keep it on loopback unless you mean otherwise).
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Fixes the client id instead of generating one.
    pub fn client_id(mut self, id: impl Into<String>) -> Self {
        self.client_id = Some(id.into());
        self
    }

    /// Fixes the client secret instead of generating one.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// Token lifetime, announced as `expires_in` (whole seconds) and enforced.
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// Once this many verifications are stored, further ones answer 8017.
    pub fn verification_quota(mut self, max: u64) -> Self {
        self.quota = Some(max);
        self
    }

    /// Bodies over this many bytes answer HTTP 413.
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Lifetime of links created without a positive `expiryTime`.
    pub fn default_link_lifetime(mut self, lifetime: Duration) -> Self {
        self.link_lifetime = lifetime;
        self
    }

    /// Where webhooks go, sent with `POST` and no custom header: the same as
    /// `webhook(WebhookSettings::new(url))` (replaces earlier settings). A workflow's
    /// own callback URL wins.
    pub fn webhook_url(self, url: impl Into<String>) -> Self {
        self.webhook(WebhookSettings::new(url))
    }

    /// Where and how webhooks are sent: URL, method, custom headers, every event twice,
    /// AML-monitoring updates (see [`WebhookSettings`]). A workflow's own callback URL
    /// replaces the URL only; the other settings apply to it too. Headers are checked
    /// by [`start`](Self::start).
    pub fn webhook(mut self, settings: WebhookSettings) -> Self {
        self.webhook = Some(settings);
        self
    }

    /// The V2 rules' `allowedKycDocuments` (default: all three document types).
    pub fn v2_documents<I, S>(mut self, documents: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.v2_documents = documents.into_iter().map(Into::into).collect();
        self
    }

    /// Adds a V3 workflow (one with the same id replaces it, `wf-default` included).
    pub fn workflow(mut self, workflow: Workflow) -> Self {
        self.workflows.retain(|w| w.id() != workflow.id());
        self.workflows.push(workflow);
        self
    }

    /// Which token routes answer (default [`TokenRoutes::All`]); the others answer
    /// HTTP 404 or 405, to exercise a client's fallback between the §1.2 variants.
    pub fn token_routes(mut self, routes: TokenRoutes) -> Self {
        self.token_routes = routes;
        self
    }

    /// Binds the port and starts serving in the background.
    ///
    /// Fails with `InvalidInput`, before binding, when a webhook header name or value
    /// is invalid or reserved (the error names the header, never its value).
    pub async fn start(self) -> std::io::Result<SandboxHandle> {
        let webhook = match &self.webhook {
            Some(settings) => settings.prepare()?,
            None => WebhookConfig::default(),
        };
        let listener = TcpListener::bind(self.addr).await?;
        let addr = listener.local_addr()?;
        let config = Config {
            client_id: self
                .client_id
                .unwrap_or_else(|| format!("sandbox-client-{}", random_hex(12))),
            client_secret: Secret::new(self.client_secret.unwrap_or_else(|| random_hex(40))),
            token_lifetime: self.token_lifetime,
            quota: self.quota,
            body_limit: self.body_limit,
            link_lifetime: self.link_lifetime,
            webhook,
            v2_documents: self.v2_documents,
            token_routes: self.token_routes,
        };
        let shared = Arc::new(Shared::new(config, self.workflows));
        let router = crate::routes::router(shared.clone());
        let task = tokio::spawn(crate::server::serve(listener, router));
        Ok(SandboxHandle::new(addr, shared, task))
    }
}
