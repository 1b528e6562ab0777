//! Shared by the integration tests: a sandbox, a client for it with short timeouts, a
//! folder of images, manifests written there, and counting records per identifier
//! through the sandbox.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use faceki::Client;
use faceki::records::RecordsQuery;
use faceki::retry::RetryPolicy;
use faceki_batch::{Input, Slot};
use faceki_sandbox::images::{JPEG, PNG};
use faceki_sandbox::{Sandbox, SandboxHandle};

/// The request timeout of test clients: short, so timeouts are quick to provoke.
pub const TIMEOUT: Duration = Duration::from_millis(400);

pub struct Env {
    pub sandbox: SandboxHandle,
    pub client: Client,
    pub dir: tempfile::TempDir,
}

impl Env {
    pub async fn start() -> Self {
        let sandbox = Sandbox::builder().start().await.unwrap();
        let client = client_for(&sandbox);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("selfie.jpg"), JPEG).unwrap();
        std::fs::write(dir.path().join("front.png"), PNG).unwrap();
        std::fs::write(dir.path().join("back.jpg"), JPEG).unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"not an image at all").unwrap();
        std::fs::write(dir.path().join("empty.jpg"), b"").unwrap();
        Self {
            sandbox,
            client,
            dir,
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `n` valid inputs (`{prefix}-{i}`) against the default workflow, relative paths.
    pub fn inputs(&self, prefix: &str, n: usize) -> Vec<Result<Input, faceki_batch::RowError>> {
        (1..=n)
            .map(|i| Ok(person(&format!("{prefix}-{i}"))))
            .collect()
    }

    /// How many records the sandbox holds with this identifier.
    pub async fn records_of(&self, identifier: &str) -> usize {
        self.client
            .records()
            .query(RecordsQuery::new().record_identifier(identifier))
            .await
            .unwrap()
            .len()
    }

    /// A CSV manifest with these lines (header included) in the folder.
    pub fn manifest(&self, name: &str, lines: &[&str]) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        path
    }
}

/// A person against the sandbox's default workflow (an ID card: front and back).
pub fn person(identifier: &str) -> Input {
    Input::new(identifier)
        .workflow_id(faceki_sandbox::Workflow::DEFAULT_ID)
        .image(Slot::Selfie, "selfie.jpg")
        .image(Slot::Document1Front, "front.png")
        .image(Slot::Document1Back, "back.jpg")
}

/// A client for `sandbox` with short timeouts and quick retries.
pub fn client_for(sandbox: &SandboxHandle) -> Client {
    let creds = sandbox.credentials();
    Client::builder()
        .base_url(sandbox.base_url())
        .credentials(creds.client_id(), creds.client_secret().clone())
        .request_timeout(TIMEOUT)
        .token_timeout(TIMEOUT)
        .retry_policy(
            RetryPolicy::default()
                .with_backoff(Duration::from_millis(5), Duration::from_millis(20))
                .with_max_retry_after(Duration::from_millis(100)),
        )
        .build()
        .unwrap()
}

/// Every byte of the journal's files (database, WAL).
pub fn journal_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for suffix in ["", "-wal"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        if let Ok(b) = std::fs::read(PathBuf::from(name)) {
            bytes.extend(b);
        }
    }
    bytes
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}
